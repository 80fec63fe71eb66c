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
/// (`GROUP<TAB>POS<TAB>KEYS<TAB>ID`).
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
    private var fingerprinter: Fingerprinter
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
        fingerprinter = Fingerprinter(settings: settings)
    }

    /// The decision for one input line (without its newline), as the output line (without
    /// newline). Throws `CandidateInputError` for a line that is not what the job writes.
    public mutating func decide(_ line: [UInt8]) throws -> [UInt8] {
        lines += 1
        let fields = line.split(separator: 0x09, maxSplits: 4, omittingEmptySubsequences: false)
        guard (4...5).contains(fields.count), let groupNumber = UInt64(String(decoding: fields[0], as: UTF8.self)),
              let position = UInt64(String(decoding: fields[1], as: UTF8.self)),
              let keys = DedupKeys(token: Array(fields[2])), !fields[3].isEmpty,
              (keys.values == nil) == (fields.count == 5) else {
            throw CandidateInputError("line \(lines) is not GROUP<TAB>POS<TAB>KEYS<TAB>ID<TAB>TEXT (textmill dedup-verify reads what contrib/spark writes)")
        }
        let fp = try fingerprint(keys, text: fields.count == 5 ? fields[4] : nil)
        if groupNumber != group || index == nil {
            index = try DedupIndex(settings: settings, verification: verification, directory: nil, bucketLimit: bucketLimit)
            group = groupNumber
            positions.removeAll(keepingCapacity: true)
        } else if position <= lastPosition {
            throw CandidateInputError("line \(lines): position \(position) does not come after \(lastPosition) in group \(groupNumber) (a group's documents must be in input order)")
        }
        lastPosition = position
        guard let index else { throw CandidateInputError("line \(lines): no index") }
        let id = String(decoding: fields[3], as: UTF8.self)
        decided += 1
        var out = Array(String(position).utf8)
        out.append(0x09)
        if keys.wordCount > 0, let match = try index.firstMatch(fp, threshold: threshold) {
            duplicates += 1
            out += Array("\(match.kind.rawValue)\t\(positions[Int(match.document)])\t\(match.similarity)\t\(match.id)".utf8)
            return out
        }
        if keys.wordCount > 0 {
            index.insert(id: id, fp)
            positions.append(position)
        }
        out.append(UInt8(ascii: "-"))
        return out
    }

    /// The fingerprint `DedupIndex` looks up and stores: the text's (a JSON string, fingerprinted
    /// as the map side did, with boilerplate removal off; with `verify: exact` and KEYS' band
    /// keys, without the MinHash signature), which must give the keys' exact key
    /// and word count; or, when the keys carry verification values, one rebuilt from them (the
    /// 32-bit band keys textmill run buckets by, and the values; the index reads `shingles` only
    /// to skip documents without any, so with `verify: estimate` it gets a one-value stand-in).
    mutating func fingerprint(_ keys: DedupKeys, text: ArraySlice<UInt8>?) throws -> DocumentFingerprint {
        guard let values = keys.values else {
            guard let text, case .string(let string)? = try? JSONParser.parse(Array(text)) else {
                throw CandidateInputError("line \(lines): the TEXT field is not a JSON string (textmill dedup-verify reads what contrib/spark writes)")
            }
            guard keys.bandKeys.isEmpty || keys.bandKeys.count == settings.bands else {
                throw CandidateInputError("line \(lines): the keys carry \(keys.bandKeys.count) band keys, not the config's \(settings.bands): run dedup-verify with the config the map side ran with")
            }
            // Exact verification needs no signature when KEYS carries the band keys (their low
            // halves are the 32-bit keys the index buckets by); without them they are recomputed.
            let fp = verification == .exact && !keys.bandKeys.isEmpty
                ? fingerprinter.exactVerificationFingerprint(Array(string.utf8), bandKeys: keys.bandKeys.map { UInt32(truncatingIfNeeded: $0) })
                : fingerprinter.fingerprint(Array(string.utf8))
            guard fp.exactKey == keys.exactKey, fp.wordCount == keys.wordCount else {
                throw CandidateInputError("line \(lines): the text does not give the document's keys (\(fp.wordCount) words, not \(keys.wordCount)): run dedup-verify with the config the map side ran with")
            }
            return fp
        }
        let exact = verification == .exact
        let shingles: [UInt32] = exact ? Fingerprinter.highHalves(values) : (keys.wordCount > 0 ? [0] : [])
        return DocumentFingerprint(exactKey: keys.exactKey, wordCount: keys.wordCount,
                                   shingleHashes: exact ? values : [],
                                   shingles: shingles,
                                   signature: exact ? [] : values.map { UInt32(truncatingIfNeeded: $0) },
                                   bandKeys: keys.bandKeys.map { UInt32(truncatingIfNeeded: $0) })
    }

    /// Decides every line of `input` and writes the decisions to `output` (a file descriptor).
    public mutating func run(_ input: some ByteStream, lineLimit: Int, output fd: Int32) throws {
        var reader = LineReader(input, limit: lineLimit)
        var pending: [UInt8] = []
        pending.reserveCapacity(1 << 16)
        while let next = try reader.next() {
            guard case .line(let line) = next else {
                throw CandidateInputError("line \(reader.lineNumber) is over \(lineLimit >> 20) MB (raise max_document_mb in the config)")
            }
            pending += try decide(line)
            pending.append(0x0A)
            if pending.count >= 1 << 16 {
                try Self.write(pending, to: fd)
                pending.removeAll(keepingCapacity: true)
            }
        }
        try Self.write(pending, to: fd)
    }

    static func write(_ bytes: [UInt8], to fd: Int32) throws {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress.map { $0 + done }, bytes.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CandidateInputError("writing the decisions failed: \(String(cString: strerror(errno)))")
            }
            done += n
        }
    }
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
