import Foundation

/// The verification half of a distributed dedup (`textmill dedup-verify`, `contrib/spark`):
/// decides groups of candidate documents with dedup's own index, so that the job's decisions
/// are those of `textmill run` by construction.
///
/// A group holds, in input order, the documents that can meet one another through shared LSH
/// buckets (a connected component of candidates, exact copies left out: the job gives a copy
/// its representative's fate). Within a group the verifier does what `DedupEngine.process`
/// does: each document is looked up in an in-memory `DedupIndex` (same threshold,
/// verification and `bucket_limit`) and inserted when it is kept. A new group starts a new
/// index, so memory is bounded by the largest group, and work per document by
/// `bands × bucket_limit` verifications.
///
/// Input lines: `GROUP<TAB>POS<TAB>KEYS<TAB>ID<TAB>TEXT`, where GROUP is any decimal number
/// (lines of one group are consecutive), POS the document's position in the corpus (increasing
/// within a group), KEYS the map side's `DedupKeys` token, ID the record's `id` as JSON (echoed)
/// and TEXT the record's `text` as JSON, which the verifier fingerprints again with the config's
/// settings (checked against KEYS). When KEYS carries the verification values, TEXT is left out
/// (`GROUP<TAB>POS<TAB>KEYS<TAB>ID`). In place of TEXT, `@OFFSET:COUNT:PATH` names the
/// document's verification values in a map side's values file (`MapSideFraming`): COUNT 64-bit
/// little-endian values from byte OFFSET of the file PATH, read there (what the Spark job sends
/// when the map side wrote values files: nothing is fingerprinted or decoded).
/// Output, one line per input line: `POS<TAB>-` (kept) or
/// `POS<TAB>KIND<TAB>OF<TAB>SIMILARITY<TAB>OF_ID` (a duplicate of the document at position OF,
/// whose id is OF_ID; SIMILARITY is the unrounded double, shortest form).
public struct CandidateVerifier {
    /// The fingerprint settings of the config (what the index records).
    public let settings: FingerprintSettings
    /// How candidates are verified.
    public let verification: Verification
    /// The similarity a near duplicate reaches.
    public let threshold: Double
    /// Most kept documents one LSH bucket holds (`bucket_limit`).
    public let bucketLimit: Int

    private var index: DedupIndex?
    private var group: UInt64?
    private var lastPosition: UInt64 = 0
    private var positions: [UInt64] = []
    private var reader: CandidateReader
    /// Input lines read so far (for messages).
    public private(set) var lines = 0
    /// Documents decided, and those that were duplicates.
    public private(set) var decided = 0
    public private(set) var duplicates = 0

    public init(settings: FingerprintSettings, verification: Verification, threshold: Double, bucketLimit: Int) {
        self.settings = settings
        self.verification = verification
        self.threshold = threshold
        self.bucketLimit = bucketLimit
        reader = CandidateReader(settings: settings, verification: verification)
    }

    /// The decision for one input line (without its newline), as the output line (without
    /// newline). Throws `CandidateInputError` for a line that is not what the job writes.
    public mutating func decide(_ line: [UInt8]) throws -> [UInt8] {
        lines += 1
        return try decide(reader.candidate(line, number: lines))
    }

    /// The decision for a candidate read from its line (`CandidateReader`), in input order.
    mutating func decide(_ candidate: Candidate) throws -> [UInt8] {
        let position = candidate.position
        if candidate.group != group || index == nil {
            index = try DedupIndex(settings: settings, verification: verification, directory: nil, bucketLimit: bucketLimit)
            group = candidate.group
            positions.removeAll(keepingCapacity: true)
        } else if position <= lastPosition {
            throw CandidateInputError("line \(candidate.number): position \(position) does not come after \(lastPosition) in group \(candidate.group) (a group's documents must be in input order)")
        }
        lastPosition = position
        guard let index else { throw CandidateInputError("line \(candidate.number): no index") }
        decided += 1
        var out = Array(String(position).utf8)
        out.append(0x09)
        if candidate.wordCount > 0, let match = try index.firstMatch(candidate.fingerprint, threshold: threshold) {
            duplicates += 1
            out += Array("\(match.kind.rawValue)\t\(positions[Int(match.document)])\t\(match.similarity)\t\(match.id)".utf8)
            return out
        }
        if candidate.wordCount > 0 {
            index.insert(id: candidate.id, candidate.fingerprint)
            positions.append(position)
        }
        out.append(UInt8(ascii: "-"))
        return out
    }

    /// Decides every line of `input` and writes the decisions to `output` (a file descriptor).
    /// With `threads` of 2 or more, a second thread reads and fingerprints the lines a few
    /// batches ahead of the decisions (`CandidatePipeline`): a large group's fingerprints, about
    /// half of its work, no longer wait for its decisions. Same decisions, in the same order.
    public mutating func run(_ input: some ByteStream, lineLimit: Int, output fd: Int32, threads: Int = 1) throws {
        if threads >= 2, try runPipelined(input, lineLimit: lineLimit, output: fd) { return }
        var lineReader = LineReader(input, limit: lineLimit)
        var pending = PendingDecisions(fd)
        while let next = try lineReader.next() {
            guard case .line(let line) = next else {
                throw CandidateInputError(CandidateReader.tooLong(lineReader.lineNumber, limit: lineLimit))
            }
            pending.add(try decide(line))
            try pending.writeWhenFull()
        }
        try pending.write()
    }

    /// `run` with the lines read and fingerprinted on a second thread; false, having read nothing,
    /// when the system makes no thread (a `pids.max` or `RLIMIT_NPROC` limit): the caller decides
    /// on its own thread instead of waiting for ever for lines no thread reads.
    private mutating func runPipelined(_ input: some ByteStream, lineLimit: Int, output fd: Int32) throws -> Bool {
        let pipeline = CandidatePipeline(input, lineLimit: lineLimit, reader: reader)
        guard let producer = JoinableThread.start("dedup-verify-read", { pipeline.produce() }) else { return false }
        var pending = PendingDecisions(fd)
        do {
            while let batch = pipeline.batches.take() {
                pipeline.budget.release(batch.bytes)
                for candidate in try batch.candidates.get() {
                    lines = candidate.number
                    pending.add(try decide(candidate))
                }
                try pending.writeWhenFull()
            }
            try pending.write()
        } catch {
            pipeline.stop()
            while let batch = pipeline.batches.take() { pipeline.budget.release(batch.bytes) }
            producer.join()
            throw error
        }
        producer.join()
        return true
    }

    static func write(_ bytes: [UInt8], to fd: Int32) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress.map { $0 + done }, bytes.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CandidateInputError("writing the decisions failed: \(String(cString: strerror(errno)))")
            }
            // A call that wrote nothing and gave no error would loop for ever.
            guard n > 0 else { throw CandidateInputError("writing the decisions failed: the system wrote 0 of \(bytes.count - done) bytes and gave no error") }
            done += n
        }
    }
}

/// One input line of `textmill dedup-verify`, read and fingerprinted: all a decision needs.
struct Candidate {
    var number: Int
    var group: UInt64
    var position: UInt64
    var id: String
    var wordCount: Int
    var fingerprint: DocumentFingerprint
}

/// Reads `textmill dedup-verify` input lines into candidates: the part of the work that depends
/// on the line alone (parsing, fingerprinting), so it can run ahead of the decisions.
struct CandidateReader {
    let settings: FingerprintSettings
    let verification: Verification
    private var fingerprinter: Fingerprinter

    init(settings: FingerprintSettings, verification: Verification) {
        self.settings = settings
        self.verification = verification
        fingerprinter = Fingerprinter(settings: settings)
    }

    /// The values files named by `@OFFSET:COUNT:PATH` fields, open.
    private let valueFiles = ValueFiles()

    /// The candidate of input line `number` (without its newline).
    mutating func candidate(_ line: [UInt8], number: Int) throws -> Candidate {
        let fields = line.split(separator: 0x09, maxSplits: 4, omittingEmptySubsequences: false)
        guard (4...5).contains(fields.count), let group = UInt64(String(decoding: fields[0], as: UTF8.self)),
              let position = UInt64(String(decoding: fields[1], as: UTF8.self)),
              var keys = DedupKeys(token: Array(fields[2])), !fields[3].isEmpty,
              (keys.values == nil) == (fields.count == 5) else {
            throw CandidateInputError("line \(number) is not GROUP<TAB>POS<TAB>KEYS<TAB>ID<TAB>TEXT (textmill dedup-verify reads what contrib/spark writes)")
        }
        var text = fields.count == 5 ? fields[4] : nil
        if let reference = text, reference.first == UInt8(ascii: "@") {
            keys.values = try valueFiles.values(reference.dropFirst(), line: number)
            text = nil
        }
        let fp = try fingerprint(keys, text: text, number: number)
        return Candidate(number: number, group: group, position: position, id: String(decoding: fields[3], as: UTF8.self),
                         wordCount: keys.wordCount, fingerprint: fp)
    }

    /// The fingerprint `DedupIndex` looks up and stores: the text's (a JSON string, fingerprinted
    /// as the map side did, with boilerplate removal off; with `verify: exact` and KEYS' band
    /// keys, without the MinHash signature), which must give the keys' exact key
    /// and word count; or, when the keys carry verification values, one rebuilt from them (the
    /// 32-bit band keys textmill run buckets by, and the values; the index reads `shingles` only
    /// to skip documents without any, so with `verify: estimate` it gets a one-value stand-in).
    mutating func fingerprint(_ keys: DedupKeys, text: ArraySlice<UInt8>?, number: Int) throws -> DocumentFingerprint {
        guard let values = keys.values else {
            guard let text, case .string(let string)? = try? JSONParser.parse(Array(text)) else {
                throw CandidateInputError("line \(number): the TEXT field is not a JSON string (textmill dedup-verify reads what contrib/spark writes)")
            }
            guard keys.bandKeys.isEmpty || keys.bandKeys.count == settings.bands else { throw bandCountError(keys, number) }
            // Exact verification needs no signature when KEYS carries the band keys (their low
            // halves are the 32-bit keys the index buckets by); without them they are recomputed.
            let fp = verification == .exact && !keys.bandKeys.isEmpty
                ? fingerprinter.exactVerificationFingerprint(Array(string.utf8), bandKeys: keys.bandKeys.map { UInt32(truncatingIfNeeded: $0) })
                : fingerprinter.fingerprint(Array(string.utf8))
            guard fp.exactKey == keys.exactKey, fp.wordCount == keys.wordCount else {
                throw CandidateInputError("line \(number): the text does not give the document's keys (\(fp.wordCount) words, not \(keys.wordCount)): run dedup-verify with the config the map side ran with")
            }
            return fp
        }
        // The index buckets a candidate by these band keys: another config's would decide it
        // in silence by the wrong ones (and values come with no text to recompute them from).
        guard keys.bandKeys.count == settings.bands else { throw bandCountError(keys, number) }
        let exact = verification == .exact
        let shingles: [UInt32] = exact ? Fingerprinter.highHalves(values) : (keys.wordCount > 0 ? [0] : [])
        return DocumentFingerprint(exactKey: keys.exactKey, wordCount: keys.wordCount,
                                   shingleHashes: exact ? values : [],
                                   shingles: shingles,
                                   signature: exact ? [] : values.map { UInt32(truncatingIfNeeded: $0) },
                                   bandKeys: keys.bandKeys.map { UInt32(truncatingIfNeeded: $0) })
    }

    /// The error of keys with another band count than the config's.
    func bandCountError(_ keys: DedupKeys, _ number: Int) -> CandidateInputError {
        CandidateInputError("line \(number): the keys carry \(keys.bandKeys.count) band keys, not the config's \(settings.bands): run dedup-verify with the config the map side ran with")
    }

    /// The message for a line over the limit.
    static func tooLong(_ number: Int, limit: Int) -> String {
        "line \(number) is over \(MessageText.megabytes(limit)) MB (raise max_document_mb in the config)"
    }
}

/// The values files a `dedup-verify` input names (`OFFSET:COUNT:PATH`), read with `pread`, each
/// kept open while it is among the `maxOpen` opened last (a group's candidates come in input
/// order, so from one map task's file after another): a group that reaches thousands of map
/// tasks' files needs no more descriptors than that. Only on the thread that reads the candidates.
final class ValueFiles: @unchecked Sendable {
    /// The most values one reference may name (2 GB of them): what the input controls is bounded.
    static let maxValues = 1 << 28
    /// The most files kept open at once (the oldest is closed to open another).
    let maxOpen: Int
    /// The open files, oldest first.
    private var open: [(path: String, fd: Int32)] = []

    init(maxOpen: Int = 64) { self.maxOpen = max(1, maxOpen) }

    deinit {
        for file in open { close(file.fd) }
    }

    /// The values `reference` (`OFFSET:COUNT:PATH`) names, of input line `line`.
    func values(_ reference: ArraySlice<UInt8>, line: Int) throws -> [UInt64] {
        let parts = reference.split(separator: UInt8(ascii: ":"), maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let offset = Int(String(decoding: parts[0], as: UTF8.self)), offset >= 0,
              let count = Int(String(decoding: parts[1], as: UTF8.self)), (0...Self.maxValues).contains(count),
              offset <= Int(Int64.max) - count * 8, !parts[2].isEmpty else {
            throw CandidateInputError("line \(line): '@\(String(decoding: reference.prefix(200), as: UTF8.self))' is not @OFFSET:COUNT:PATH of a values file")
        }
        let path = String(decoding: parts[2], as: UTF8.self)
        let fd = try descriptor(path, line: line)
        var values = [UInt64](repeating: 0, count: count)
        let want = count * 8
        var done = 0
        try values.withUnsafeMutableBytes { raw in
            while done < want {
                let n = pread(fd, raw.baseAddress! + done, want - done, off_t(offset + done))
                if n < 0 && errno == EINTR { continue }
                if n < 0 {
                    // A folder (EISDIR) or a read error is no short file.
                    throw CandidateInputError("line \(line): cannot read the values file \(MessageText.quoted(path)): \(String(cString: strerror(errno)))")
                }
                guard n > 0 else {
                    throw CandidateInputError("line \(line): the values file \(MessageText.quoted(path)) ends before its \(count) values from byte \(offset) (was it changed?)")
                }
                done += n
            }
        }
        if UInt64(1).littleEndian != 1 { values = values.map { UInt64(littleEndian: $0) } }
        return values
    }

    /// The open descriptor of `path`, opened now (closing the oldest past `maxOpen`) if need be.
    private func descriptor(_ path: String, line: Int) throws -> Int32 {
        if let known = open.last(where: { $0.path == path }) { return known.fd }
        if open.count >= maxOpen { close(open.removeFirst().fd) }
        let fd = Foundation.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw CandidateInputError("line \(line): cannot read the values file \(MessageText.quoted(path)): \(String(cString: strerror(errno)))")
        }
        open.append((path, fd))
        return fd
    }

    /// How many files are open now.
    var openCount: Int { open.count }
}

/// The reading thread of a pipelined `CandidateVerifier.run`: reads and fingerprints the lines
/// in batches, a bounded number of them ahead (`budget`), and hands them over in order
/// (`batches`); a read error ends the batches with that error.
final class CandidatePipeline: @unchecked Sendable {
    /// A batch of candidates (or the error that ended the reading) and the input bytes it holds.
    struct Batch {
        var candidates: Result<[Candidate], any Error>
        var bytes: Int
    }

    let batches = Channel<Batch>()
    /// At most 8 batches (of at most 256 lines or 4 MB of input each) wait for their decisions.
    let budget = Budget(bytes: 32 << 20, items: 8)
    /// The next line of the input (nil at its end); throws for a line over the limit.
    private let nextLine: () throws -> [UInt8]?
    private var reader: CandidateReader
    private let stopped = StopFlag()

    init(_ input: some ByteStream, lineLimit: Int, reader: CandidateReader) {
        var lines = LineReader(input, limit: lineLimit)
        nextLine = {
            guard let next = try lines.next() else { return nil }
            guard case .line(let line) = next else {
                throw CandidateInputError(CandidateReader.tooLong(lines.lineNumber, limit: lineLimit))
            }
            return line
        }
        self.reader = reader
    }

    /// Reads every line (the reading thread's body), then closes `batches`.
    func produce() {
        var batch: [Candidate] = []
        var bytes = 0
        var number = 0
        func hand(_ candidates: Result<[Candidate], any Error>) {
            budget.acquire(bytes)
            batches.put(Batch(candidates: candidates, bytes: bytes))
            batch = []
            bytes = 0
        }
        do {
            while !stopped.isSet, let line = try nextLine() {
                number += 1
                batch.append(try reader.candidate(line, number: number))
                bytes += line.count
                if batch.count >= 256 || bytes >= 4 << 20 { hand(.success(batch)) }
            }
            if !batch.isEmpty { hand(.success(batch)) }
        } catch {
            if !batch.isEmpty { hand(.success(batch)) }
            hand(.failure(error))
        }
        batches.close()
    }

    /// Asks the reading thread to stop at its next line (the decisions failed).
    func stop() { stopped.set() }
}

/// A line `textmill dedup-verify` cannot read, or a decision it cannot write.
public struct CandidateInputError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension DedupStage {
    /// A verifier with this stage's settings (`textmill dedup-verify`).
    public func candidateVerifier() -> CandidateVerifier {
        let c = state.config
        return CandidateVerifier(settings: c.settings, verification: c.verification, threshold: c.threshold, bucketLimit: c.bucketLimit)
    }
}

/// Decision lines waiting to be written: one `write` for every 64 KB of them, not one a line.
private struct PendingDecisions {
    private let fd: Int32
    private var bytes: [UInt8] = []

    init(_ fd: Int32) {
        self.fd = fd
        bytes.reserveCapacity(1 << 16)
    }

    /// Adds one decision and its line feed.
    mutating func add(_ decision: [UInt8]) {
        bytes += decision
        bytes.append(0x0A)
    }

    /// Writes what waits once it reaches 64 KB.
    mutating func writeWhenFull() throws {
        if bytes.count >= 1 << 16 { try write() }
    }

    /// Writes what waits.
    mutating func write() throws {
        try CandidateVerifier.write(bytes, to: fd)
        bytes.removeAll(keepingCapacity: true)
    }
}
