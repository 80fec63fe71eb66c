import Foundation

/// The fuzz targets: each feeds arbitrary bytes through one part of the real API.
///
/// The harness logic lives here, in the library, so the normal build compiles it and the test
/// suite replays each target's seed files through it (`FuzzSeedTests`); the libFuzzer executable
/// in `bench/fuzz/` only calls `FuzzTarget.run`. A target must never crash, hang or blow up its
/// memory on any input: bad input is data, and a failure is an ordinary error value.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// `JSONParser` on the raw bytes; what parses must write out and parse back to the same value.
    case json
    /// The JSONL reader over a byte stream handed out in uneven pieces, every line decoded.
    case jsonl
    /// An `.html` file read as the reader does (charset decoding) and cleaned by `cleanup`.
    case html
    /// An `.xml` file split into records by `XMLRecordReader.read` (feeds, SGML-ish newswire).
    case xml
    /// `normalize` with NFC and with NFKC, every option on.
    case normalize
    /// `sentences` with its default options.
    case sentences
    /// `sentences`, then `quotes` with its default options.
    case quotes
    /// Dedup's fingerprints (words, shingles, MinHash, band keys) with two settings.
    case dedup
    /// A WARC file (gzip members when it starts with the gzip magic) read over a stream handed
    /// out in uneven pieces, every record that becomes a document decoded.
    case warc
    /// A `.txt` file as the reader decodes it (byte-order marks, UTF-16, invalid UTF-8 refused),
    /// then `cleanup` (residue, headline), `language` with `top` and `paragraphs`, and `filter`.
    case text
    /// A `.gz` file's bytes through the reader's gzip stream (members, padding, damage) handed
    /// out in uneven pieces, read to its end or its first error.
    case gzip
    /// A file the runner reads back from the state folder, chosen by the input's first byte (its
    /// remainder 3): the manifest (0), the journal (1) or a dedup index generation (2, its
    /// checksum set right so the tables are read), from the rest of the bytes.
    case state
    /// A YAML pipeline config as `ConfigLoader` reads a file (size, UTF-8, byte-order mark),
    /// checked, and its stages built as a run builds them (`Pipeline`), with no state and none
    /// of them `exec` (no program is started).
    case config
    /// A plugin's output as the exec stage reads it: cut into answer lines (`AnswerLines`, a
    /// 16 KB limit) over a stream handed out in uneven pieces, each answer read as a record and
    /// applied to a document with sentences and quotes, which is then encoded as a run writes it.
    case plugin
    /// An output folder as `textmill report` reads it: the input holds, split at 0x1E bytes, up
    /// to four side files (stats, errors, duplicates, filtered, in that order) and last the
    /// output's records (`.gz` when they start with the gzip magic); the page is built from them.
    case report

    /// The largest input worth trying (`-max_len`): bigger ones only slow the fuzzer down.
    public static let maxInputBytes = 64 << 10

    /// Runs the target on one input. Crashes (a trap, a failed precondition) are findings.
    public func run(_ bytes: UnsafeRawBufferPointer) {
        let input = [UInt8](bytes)
        switch self {
        case .json: FuzzEntry.json(input)
        case .jsonl: FuzzEntry.jsonl(input)
        case .html: FuzzEntry.html(input)
        case .xml: FuzzEntry.xml(input)
        case .normalize: FuzzEntry.normalize(input)
        case .sentences: FuzzEntry.sentences(input)
        case .quotes: FuzzEntry.quotes(input)
        case .dedup: FuzzEntry.dedup(input)
        case .warc: FuzzEntry.warc(input)
        case .text: FuzzEntry.text(input)
        case .gzip: FuzzEntry.gzip(input)
        case .state: FuzzEntry.state(input)
        case .config: FuzzEntry.config(input)
        case .plugin: FuzzEntry.plugin(input)
        case .report: FuzzEntry.report(input)
        }
    }

    /// Runs the target on an array of bytes (the test suite's replay).
    public func run(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { run($0) }
    }
}

/// One function per fuzz target (see `FuzzTarget`).
enum FuzzEntry {
    static func state(_ bytes: [UInt8]) {
        guard let kind = bytes.first else { return }
        let file = Array(bytes.dropFirst())
        switch kind % 3 {
        case 0:
            guard let manifest = Manifest(bytes: file) else { return }
            _ = manifest.rangeDamage()
            // What reads is written back so that it reads again to the same bytes.
            let written = manifest.bytes
            precondition(Manifest(bytes: written)?.bytes == written, "fuzz state: a manifest written does not read back")
        case 1:
            guard var journal = Journal(bytes: file) else { return }
            _ = FileEntry.rangeDamage(journal.files, filling: journal.partSizes)
            journal.keepCheckpoints { $0.size >= 0 }
            precondition(journal.length <= file.count, "fuzz state: a journal longer than its bytes")
        default:
            var index = file
            // The checksum made right, so the fuzzer reaches the tables rather than the check.
            if index.count >= 16 {
                let sum = ByteWriter.checksum(index[0..<(index.count - 8)])
                for k in 0..<8 { index[index.count - 8 + k] = UInt8(truncatingIfNeeded: sum >> (8 * UInt64(k))) }
            }
            guard let header = try? DedupIndex.readHeader(index, path: "fuzz/index.1.bin") else { return }
            var offsets: [UInt64] = [], idHashes: [UInt64] = [], exactKeys: [UInt64] = [], fileKeys: [UInt64] = []
            var bands = BandTable()
            var boilerplate = BoilerplateCounter(capacity: 1024)
            // A load that throws (damage) may stop between two tables of one document; one that
            // returns must leave the four tables parallel.
            guard (try? DedupIndex.load(index, path: "fuzz/index.1.bin", settings: header.settings, verification: header.verification,
                                        into: &offsets, &idHashes, &exactKeys, &fileKeys, &bands, &boilerplate, bucketLimit: 32)) != nil
            else { return }
            precondition(offsets.count == idHashes.count && idHashes.count == exactKeys.count && exactKeys.count == fileKeys.count,
                         "fuzz state: index tables of unequal length")
        }
    }

    static func config(_ bytes: [UInt8]) {
        let path = "fuzz.yaml"
        let config: PipelineConfig
        do {
            config = try ConfigLoader().parse(ConfigLoader.text(of: Data(bytes), path: path), path: path)
        } catch {
            precondition(!error.diagnostics.isEmpty, "fuzz config: a config refused without a message")
            _ = error.description
            return
        }
        // Built as a preview run builds them: no state, so no dedup index is opened.
        var preview = config
        preview.preview = true
        guard !preview.stages.contains(where: { $0.type == ExecStage.self }) else { return }
        do { _ = try Pipeline(config: preview) } catch { _ = error.description }
    }

    /// The document every plugin answer is applied to: a text with sentences and quotes, as
    /// the stages before an exec stage leave it.
    static let pluginDocument: Document = {
        var document = plainDocument(Array("""
            The mayor said on Monday that the bridge would reopen. "We are not there yet," she added.
            Residents, who asked not to be named, told reporters the works had run late.
            """.utf8))
        process(&document, with: [sentencesStage, quotesStage])
        return document
    }()

    static func plugin(_ bytes: [UInt8]) {
        var lines = AnswerLines(limit: 16 << 10)
        var stream = PiecewiseStream(bytes)
        var buffer = [UInt8](repeating: 0, count: 4099)
        while let n = try? buffer.withUnsafeMutableBytes({ try stream.read(into: $0) }), n > 0 {
            lines.append(buffer[..<n])
            // The bound `AnswerLines` keeps: an answer's limit and one piece read.
            precondition(lines.peakBuffered <= lines.limit + buffer.count, "fuzz plugin: the answer lines held \(lines.peakBuffered) bytes")
            while let line = lines.takeLine() {
                guard case .answer(let answer) = line else { continue }
                var document = pluginDocument
                guard let read = try? ExecStage.read(answer: answer),
                      (try? ExecStage.take(read.record, loneSurrogate: read.loneSurrogate, for: &document)) != nil else { continue }
                _ = RecordEncoder.encode(document)
            }
        }
    }

    /// The byte between the files of a `report` input.
    static let reportFileSeparator: UInt8 = 0x1E

    static func report(_ bytes: [UInt8]) {
        // The output last, so that its bytes (gzip data) may hold the separator.
        let parts = bytes.split(separator: reportFileSeparator, maxSplits: 4, omittingEmptySubsequences: false)
        guard let folder = TemporaryFolder(prefix: "textmill-fuzz-report") else {
            fatalError("fuzz report: no temporary folder can be made in \(TemporaryFolder.base) (\(String(cString: strerror(errno))))")
        }
        defer { folder.remove() }
        let output = parts[parts.count - 1]
        let files = OutputFiles(output: folder.path + (output.starts(with: [0x1F, 0x8B]) ? "/corpus.jsonl.gz" : "/corpus.jsonl"))
        let sides = [files.stats, files.errors, files.duplicates, files.filtered]
        for (part, path) in zip(parts.dropLast(), sides) + [(output, files.output)] {
            guard FileManager.default.createFile(atPath: path, contents: Data(part)) else {
                fatalError("fuzz report: cannot write \(path) (\(String(cString: strerror(errno))))")
            }
        }
        var options = ReportOptions()
        options.sampleSize = 20
        options.duplicateSampleSize = 10
        options.examplesPerReason = 3
        options.maxTextScalars = 2_000
        guard let report = try? CorpusReport.build(output: files.output, options: options) else { return }
        _ = report.html
    }

    static func json(_ bytes: [UInt8]) {
        guard let value = try? JSONParser.parse(bytes) else { return }
        var writer = JSONWriter()
        writer.value(value)
        let again: JSONValue
        do {
            again = try JSONParser.parse(writer.bytes)
        } catch {
            fatalError("fuzz json: the writer's output does not parse: \(error) in \(String(decoding: writer.bytes, as: UTF8.self))")
        }
        precondition(again == value, "fuzz json: the value changed on a write and parse round trip")
    }

    static func jsonl(_ bytes: [UInt8]) {
        let file = InputFile(path: "fuzz.jsonl", format: .jsonl)
        // A small line limit, so over-long lines are exercised too.
        let reader = JSONLReader(file: file, limit: 16 << 10)
        try? reader.scan(PiecewiseStream(bytes)) { scanned in
            if case .raw(.line(_, let line, let n)) = scanned { _ = reader.decode(line, line: n) }
        }
    }

    static func warc(_ bytes: [UInt8]) {
        let gzip = bytes.starts(with: [0x1F, 0x8B])
        let file = InputFile(path: gzip ? "fuzz.warc.gz" : "fuzz.warc", format: .warc, gzip: gzip)
        // A small record limit, so over-long records and bodies are exercised too.
        let reader = WARCReader(file: file, limit: 16 << 10)
        let pieces = PiecewiseStream(bytes)
        guard let stream: any ByteStream = gzip ? try? MemberGzipStream(pieces) : pieces else { return }
        try? reader.scan(stream) { scanned in
            if case .raw(.warc(_, let payload)) = scanned { _ = WARCReader.decode(payload, file: file, limit: 16 << 10) }
        }
    }

    static func text(_ bytes: [UInt8]) {
        let file = InputFile(path: "fuzz.txt", format: .text)
        guard case .document(var document) = SourceReader().decode(.file(file, bytes)) else { return }
        process(&document, with: [cleanupStage, languageStage, filterStage])
    }

    /// What the gzip stream may hand out for one input: a 64 KB bomb inflates to about 64 MB.
    static let gzipOutputLimit = 4 << 20

    static func gzip(_ bytes: [UInt8]) {
        guard let stream = try? GzipStream(PiecewiseStream(bytes)) else { return }
        var buffer = [UInt8](repeating: 0, count: 4099)
        var total = 0
        while total < gzipOutputLimit {
            guard let n = try? buffer.withUnsafeMutableBytes({ try stream.read(into: $0) }), n > 0 else { return }
            precondition(n <= buffer.count, "fuzz gzip: the stream handed out more bytes than the buffer holds")
            total += n
        }
    }

    static func html(_ bytes: [UInt8]) {
        let file = InputFile(path: "fuzz.html", format: .html)
        guard case .document(var document) = SourceReader().decode(.file(file, bytes)) else { return }
        process(&document, with: [cleanupStage])
    }

    static func xml(_ bytes: [UInt8]) {
        // As `SourceReader.scan` reads an `.xml` file: raw checks first, then the records.
        guard RawBytes.problem(bytes, format: .xml) == nil else { return }
        _ = try? XMLRecordReader.read(bytes, settings: XMLRecordSettings())
    }

    static func normalize(_ bytes: [UInt8]) {
        for stage in normalizeStages {
            var document = plainDocument(bytes)
            var context = StageContext()
            try? stage.process(&document, &context)
        }
    }

    static func sentences(_ bytes: [UInt8]) {
        var document = plainDocument(bytes)
        process(&document, with: [sentencesStage])
    }

    static func quotes(_ bytes: [UInt8]) {
        var document = plainDocument(bytes)
        process(&document, with: [sentencesStage, quotesStage])
    }

    static func dedup(_ bytes: [UInt8]) {
        let text = plainDocument(bytes).text
        let exact = FingerprintSettings(shingleSize: 1, permutations: 8, bands: 4, rows: 2,
                                        folding: TextFolding(foldCase: false, foldPunctuation: false, compatibility: false))
        for settings in [FingerprintSettings(), exact] {
            var fingerprinter = Fingerprinter(settings: settings)
            let fingerprint = fingerprinter.fingerprint(text)
            precondition(fingerprint == fingerprinter.fingerprint(text), "fuzz dedup: a fingerprint changed on the same text")
        }
    }

    /// The text as a document reads it: valid UTF-8 (invalid bytes become U+FFFD, as a
    /// JSONL record's text would be), so the text stages see what they see in a run.
    static func plainDocument(_ bytes: [UInt8]) -> Document {
        let text = Array(String(decoding: bytes, as: UTF8.self).utf8)
        return Document(id: "fuzz.txt", source: SourceInfo(path: "fuzz.txt", format: .text, sha256: ""), text: text, content: .plain)
    }

    /// Runs stages in order; a document failure ends the chain.
    static func process(_ document: inout Document, with stages: [any Stage]) {
        var context = StageContext()
        for stage in stages {
            do { try stage.process(&document, &context) } catch { return }
        }
    }

    // The stages are built once (their lexicons are not what is fuzzed).
    static let cleanupStage = stage(CleanupStage.self)
    static let sentencesStage = stage(SentencesStage.self)
    static let quotesStage = stage(QuotesStage.self)
    static let languageStage = stage(LanguageStage.self, ["top": .bool(true), "paragraphs": .bool(true)])
    static let filterStage = stage(FilterStage.self, ["action": .string("mark")])
    /// NFC and NFKC, with every option on.
    static let normalizeStages = ["NFC", "NFKC"].map { form in
        stage(NormalizeStage.self, ["form": .string(form), "join_lines": .bool(true), "fold_quotes": .bool(true),
                                    "fold_dashes": .bool(true), "repair_mojibake": .bool(true)])
    }

    static func stage<S: Stage>(_ type: S.Type, _ options: [String: JSONValue] = [:]) -> S {
        do {
            return try S(options: .defaults(S.options, options))
        } catch {
            fatalError("fuzz: the options \(options) do not build the \(S.name) stage: \(error)")
        }
    }
}

/// A folder made afresh (`mkdtemp`) in memory (`/dev/shm`) where there is such a folder, else
/// under the system's temporary folder; removed with what it holds.
struct TemporaryFolder {
    let path: String

    /// Where the folder is made: on disk, under the load of a shared machine, writing and
    /// removing the `report` target's files took most of its time, and one input over 1 s.
    static var base: String {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: "/dev/shm", isDirectory: &isFolder) && isFolder.boolValue ? "/dev/shm" : NSTemporaryDirectory()
    }

    /// Nil when the folder cannot be made (`errno` says why).
    init?(prefix: String) {
        var template = Array((Self.base + "/" + prefix + ".XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { return nil }
        path = String(cString: made)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Bytes in memory handed out in uneven pieces (1, 7, 61, 4099 bytes, …), so readers meet
/// their chunk boundaries at every kind of place.
struct PiecewiseStream: ByteStream {
    private let bytes: [UInt8]
    private var offset = 0
    private var turn = 0
    private static let pieces = [1, 7, 61, 4099]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - offset, Self.pieces[turn % Self.pieces.count])
        turn += 1
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
        offset += n
        return n
    }
}
