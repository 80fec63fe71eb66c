import Foundation

/// A corpus stage that can also run as the map side of a distributed job (`contrib/spark`).
///
/// On the map side nothing is decided in input order: each document goes through the
/// stage's per-document half, which leaves in `document.scratch[MapSideKeys.key]` what a
/// global step (a shuffle) needs to make the corpus-wide decision afterwards.
public protocol MapSideStage: Stage {
    /// Throws a `StageSetupError` (naming the option) when these options cannot be reproduced
    /// by a distributed job.
    func checkMapSide() throws
    /// The settings the global step needs (printed by `textmill run --map-side --describe`).
    var mapSideSettings: JSONObject { get }
    /// The per-document half: leaves `MapSideKeys` in the document's scratch.
    func mapSide(_ document: inout Document, _ context: inout StageContext) throws
}

/// What a map-side stage emits for one document: one tab-free token of the framed output line,
/// and the values a global step may need later (dedup's verification values), which go to the
/// values file when the map side writes one (`textmill run --map-side --values PATH`).
public struct MapSideKeys: Sendable {
    /// Where a map-side stage leaves its keys in `Document.scratch`.
    public static let key = "map-side-keys"
    /// The token (no tab, no newline).
    public var token: [UInt8]
    /// The document's values for the values file (written as little-endian 64-bit values).
    public var values: [UInt64]

    public init(token: [UInt8], values: [UInt64] = []) {
        self.token = token
        self.values = values
    }
}

/// The framed stdin and stdout of `textmill run --map-side`.
///
/// Input, one line per JSONL record: `PATH<TAB>LINE<TAB>RECORD`: the record was line LINE of
/// the file PATH, so the document gets the id, `source.path` and `source.record` a run over
/// that file gives it. Three more forms stand for records that are not sent: `PATH<TAB>0<TAB>`
/// (the file holds no records), `PATH<TAB>LINE:BYTES<TAB>` (the line is longer than
/// `max_document_mb`) and `PATH<TAB>LINE!<TAB>REASON` (reading the file failed at line LINE,
/// e.g. a truncated `.gz`: the error record `textmill run` writes there, and nothing after it;
/// LINE 0: the file could not be opened, a dangling link or a file that vanished, and the error
/// record names the file alone, as `textmill run`'s does).
///
/// Output, one line per document or failure, in input order:
/// `doc<TAB>AT<TAB>KEYS<TAB>RECORD` or `err<TAB>-<TAB>-<TAB>ERROR`, where RECORD is the output
/// record, AT the byte offset in RECORD of the value of its `duplicate` field (`-` when it has
/// none), KEYS the map-side stage's token (`-` when none ran) and ERROR the `errors.jsonl` line.
///
/// With a values file (`--values PATH`), each document's `MapSideKeys.values` go to PATH as
/// little-endian 64-bit values, in output order, and its KEYS end in `,#N`: N values of the file
/// are its own (the job finds a document's values by adding up the N before it). Dedup's values
/// are what a candidate is verified with (`DedupKeys.values`), so the verification step reads
/// them instead of fingerprinting the candidate's text again.
public enum MapSideFraming {
    /// Splits framed stdin into raw lines to decode (or failures), in order.
    static func scan(_ stream: any ByteStream, limit: Int, _ emit: (SourceReader.Scanned) throws -> Void) throws {
        // Room for the PATH and LINE fields in front of a record of the maximum size.
        var lines = LineReader(AnyByteStream(stream), limit: limit + (1 << 20))
        while true {
            let next: LineReader<AnyByteStream>.Line?
            do {
                next = try lines.next()
            } catch {
                try emit(.item(.failure(stdinFailure(lines.lineNumber + 1, "\(error)"))))
                return
            }
            guard let next else { return }
            switch next {
            case .tooLong(let length):
                try emit(.item(.failure(stdinFailure(lines.lineNumber, "framed line \(lines.lineNumber) is \(MessageText.megabytes(length, up: true)) MB, above the \(MessageText.megabytes(limit)) MB limit"))))
            case .line(let bytes):
                if let item = frame(bytes, stdinLine: lines.lineNumber, limit: limit) { try emit(item) }
            }
        }
    }

    /// One framed input line as a raw record to decode, a failure, or nothing (a blank record).
    static func frame(_ bytes: [UInt8], stdinLine: Int, limit: Int) -> SourceReader.Scanned? {
        guard let tab1 = bytes.firstIndex(of: 0x09), tab1 > 0,
              let tab2 = bytes[(tab1 + 1)...].firstIndex(of: 0x09) else {
            return .item(.failure(stdinFailure(stdinLine, "framed line \(stdinLine) is not PATH<TAB>LINE<TAB>RECORD (textmill run --map-side reads what contrib/spark writes)")))
        }
        // Spelled as a run over the folder spells the name it finds (`FileName`): the job frames
        // a path's bytes as the file system has them, and U+FFFD for a byte that is not UTF-8
        // (or a backslash kept as one) gave records other ids than `textmill run`'s.
        let path = FileName.spelling(Array(bytes[0..<tab1])).0
        var field = String(decoding: bytes[(tab1 + 1)..<tab2], as: UTF8.self)
        if field.hasSuffix("!") {
            field.removeLast()
            guard let line = Int(field), line >= 0 else {
                return .item(.failure(stdinFailure(stdinLine, "framed line \(stdinLine): \(MessageText.quoted(field + "!")) is not a line number")))
            }
            let reason = String(decoding: bytes[(tab2 + 1)...], as: UTF8.self)
            // Line 0: the file could not be opened at all; `textmill run` names the file alone.
            if line == 0 { return .item(.failure(ErrorRecord(id: path, path: path, stage: "read", reason: reason))) }
            return .item(.failure(ErrorRecord(id: "\(path)#\(line)", path: path, stage: "read", reason: reason, line: line)))
        }
        let parts = field.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let line = Int(parts[0]), line >= 0,
              parts.count == 1 || Int(parts[1]) != nil else {
            return .item(.failure(stdinFailure(stdinLine, "framed line \(stdinLine): \(MessageText.quoted(field)) is not a line number")))
        }
        let file = InputFile(path: path, format: .jsonl, gzip: InputFile.classify(path).gzip)
        if line == 0 {
            return .item(.failure(ErrorRecord(id: path, path: path, stage: "read", reason: "the file is empty (no JSONL records)")))
        }
        let record = Array(bytes[(tab2 + 1)...])
        let length = parts.count == 2 ? Int(parts[1])! : record.count
        if length > limit {
            return .item(.failure(ErrorRecord(id: "\(path)#\(line)", path: path, stage: "read",
                reason: "line \(line) is \(MessageText.megabytes(length, up: true)) MB, above the \(MessageText.megabytes(limit)) MB limit; raise max_document_mb in the config to read it", line: line)))
        }
        if record.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        return .raw(.line(file, record, line))
    }

    static func stdinFailure(_ line: Int, _ reason: String) -> ErrorRecord {
        ErrorRecord(id: "stdin#\(line)", path: "-", stage: "read", reason: reason, line: line)
    }

    /// The framed output line of a document or a failure.
    public static func encode(_ item: WorkItem) -> [UInt8] {
        encode(item, values: false).line
    }

    /// The framed output line of a document or a failure and, with `values`, the bytes it puts
    /// in the values file (its KEYS then end in `,#N`; a failure or a document without keys
    /// puts none).
    public static func encode(_ item: WorkItem, values: Bool) -> (line: [UInt8], values: [UInt8]?) {
        switch item {
        case .failure(let e):
            return (Array("err\t-\t-\t".utf8) + RecordEncoder.encode(e), nil)
        case .document(let doc):
            var record = JSONWriter(capacity: doc.text.count + doc.text.count / 8 + 256)
            var at: Int?
            RecordEncoder.encode(doc, into: &record, duplicateValueAt: &at)
            record.byte(0x0A)
            var line: [UInt8] = Array("doc\t".utf8)
            line.reserveCapacity(record.bytes.count + 4096)
            line += at.map { Array(String($0).utf8) } ?? [0x2D]
            line.append(0x09)
            var side: [UInt8]?
            if let keys = doc.scratch[MapSideKeys.key] as? MapSideKeys {
                line += keys.token
                if values {
                    line += Array(",#\(keys.values.count)".utf8)
                    side = littleEndianBytes(keys.values)
                }
            } else {
                line.append(0x2D)
            }
            line.append(0x09)
            line += record.bytes
            return (line, side)
        }
    }

    /// 64-bit values as little-endian bytes.
    static func littleEndianBytes(_ values: [UInt64]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: values.count * 8) { out, count in
            for (i, v) in values.enumerated() {
                let le = v.littleEndian
                withUnsafeBytes(of: le) { b in
                    for k in 0..<8 { out[i * 8 + k] = b[k] }
                }
            }
            count = values.count * 8
        }
    }
}

/// Which step of a pipeline runs as a map-side stage, checked before anything is read.
public struct MapSidePlan: Sendable {
    /// The index in `pipeline.steps` of the map-side stage, if the config has one.
    public let step: Int?

    /// Checks that the pipeline can run as the map side of a distributed job: at most one
    /// corpus stage, it is a `MapSideStage` whose options allow it, and it comes last (the
    /// stages after it would see its decision, which the map side does not make).
    public init(_ pipeline: Pipeline) throws(ConfigError) {
        var problems: [ConfigDiagnostic] = []
        let config = pipeline.config
        func problem(_ k: Int, _ message: String, _ notes: [String] = []) {
            let configured = config.stages[pipeline.steps[k].index]
            problems.append(ConfigDiagnostic(file: config.path, line: configured.line, column: configured.column,
                                             message: message, notes: notes))
        }
        let corpus = pipeline.steps.indices.filter { pipeline.steps[$0].traits.scope == .corpus }
        for k in corpus {
            let name = pipeline.steps[k].name
            guard let stage = pipeline.steps[k].stage as? MapSideStage else {
                problem(k, "stage \(MessageText.quoted(name)) sees the whole corpus in order and cannot run on the map side of a distributed job")
                continue
            }
            do {
                try stage.checkMapSide()
            } catch {
                problem(k, "stage \(MessageText.quoted(name)) cannot run distributed: \(error)",
                        (error as? StageSetupError)?.option.map { ["check its option \(MessageText.quoted($0))"] } ?? [])
            }
        }
        if corpus.count > 1 {
            problem(corpus[1], "a distributed run supports one corpus stage; this config has \(corpus.count) ('\(corpus.map { pipeline.steps[$0].name }.joined(separator: "', '"))')")
        }
        if let k = corpus.first, k + 1 < pipeline.steps.count {
            problem(k + 1, "stage \(MessageText.quoted(pipeline.steps[k + 1].name)) comes after \(MessageText.quoted(pipeline.steps[k].name)): in a distributed run \(MessageText.quoted(pipeline.steps[k].name)) decides after the map side, so it must be the last stage",
                    ["move \(MessageText.quoted(pipeline.steps[k + 1].name)) before \(MessageText.quoted(pipeline.steps[k].name)), or run it as a second job over the output"])
        }
        if !problems.isEmpty { throw ConfigError(problems) }
        step = corpus.first
    }

    /// What the driver of a distributed job needs to know, as one JSON object:
    /// `{"max_document_bytes": N, "stages": [names], "map_side": {"stage": "dedup", …settings} | null}`.
    public func describe(_ pipeline: Pipeline) -> JSONValue {
        var mapSide = JSONValue.null
        if let step, let stage = pipeline.steps[step].stage as? MapSideStage {
            var o = JSONObject([("stage", .string(pipeline.steps[step].name))])
            for (k, v) in stage.mapSideSettings { o[k] = v }
            mapSide = .object(o)
        }
        return .object(JSONObject([
            ("max_document_bytes", JSONValue(pipeline.config.maxDocumentBytes)),
            ("stages", .array(pipeline.steps.map { .string($0.name) })),
            ("map_side", mapSide),
        ]))
    }
}

extension Pipeline {
    /// Runs the map-side half of the corpus stage at `k` on one item (with the same checks as
    /// `process`: a document still in markup, a throwing stage, or a bad span becomes a failure).
    func mapSide(_ item: WorkItem, step k: Int) -> WorkItem {
        guard case .document(var doc) = item, let stage = steps[k].stage as? MapSideStage else { return item }
        if let failure = run(step: k, on: &doc, stage.mapSide) { return .failure(failure) }
        return .document(doc)
    }
}

/// Writes every framed line to stdout (the map side reports failures in-band: no side files),
/// the documents' values to the values file when there is one, and, with a record file, each
/// document's record there in place of stdout (`MapSideFraming`).
final class StdoutSink: RecordSink {
    private let file: OutputFile
    private let values: SideFile?
    private let records: SideFile?

    /// `valuesPath`, `recordsPath`: the values file and the record file (created or emptied),
    /// or nil for none.
    init(valuesPath: String? = nil, recordsPath: String? = nil) throws {
        file = try OutputFile(path: "-")
        values = try valuesPath.map { try SideFile(path: $0) }
        records = try recordsPath.map { try SideFile(path: $0) }
    }

    private var counts = PerOutput<Int>.zero

    func write(_ kind: OutputKind, _ line: [UInt8]) throws {
        if let records, let split = MapSideFraming.splitRecord(line) {
            try records.write(line[split.record...])
            try file.write(line: split.head)
        } else {
            try file.write(line: line)
        }
        counts[kind] += 1
    }

    func writeSide(_ bytes: [UInt8]) throws {
        try values?.write(bytes[...])
    }

    func fileDone(_ mark: FileMark) throws {}

    func commit() throws -> OutputTotals {
        try values?.close()
        try records?.close()
        try file.commit()
        return OutputTotals(counts)
    }

    func abandon() {
        values?.abandon()
        records?.abandon()
        file.abandon()
    }
}

extension MapSideFraming {
    /// A document's framed line split for the record file (`--records`): where its RECORD (with
    /// its newline) starts in `line`, and the stdout line that stands for it,
    /// `doc<TAB>AT<TAB>KEYS<TAB>LENGTH<TAB>HEAD`, where LENGTH is the record's length with its
    /// newline and HEAD the record's start up to and with `,"source":` (the id the job groups
    /// candidates by). Nil for a failure's line, which stays on stdout as it is.
    static func splitRecord(_ line: [UInt8]) -> (head: [UInt8], record: Int)? {
        guard line.starts(with: Self.docPrefix) else { return nil }
        var tabs = 0
        var at = 0
        while at < line.count {
            if line[at] == 0x09 {
                tabs += 1
                if tabs == 3 { break }
            }
            at += 1
        }
        guard tabs == 3 else { return nil }
        let record = at + 1
        let length = line.count - record
        var head = Array(line[0..<record])
        head += Array(String(length).utf8)
        head.append(0x09)
        // A JSON string holds no unescaped quote, so the first `,"source":` ends the id.
        if let end = UTF8Bytes.firstIndex(of: Self.sourceKey, in: line[...], from: record) {
            head += line[record..<(end + Self.sourceKey.count)]
        }
        head.append(0x0A)
        return (head, record)
    }

    private static let docPrefix = Array("doc\t".utf8)
    private static let sourceKey = Array(",\"source\":".utf8)
}

/// A side file of the map side (the values file, the record file): written where it is named
/// (the job that asked for it renames it into place when the task succeeds), a MB at a time,
/// never synced (a task that dies is run again from its input).
final class SideFile {
    let path: String
    private var fd: Int32
    private var buffer: [UInt8] = []

    init(path: String) throws {
        self.path = path
        fd = try CheckedIO.open(path, O_WRONLY | O_CREAT | O_TRUNC)
        buffer.reserveCapacity(1 << 20)
    }

    deinit { abandon() }

    func write(_ bytes: ArraySlice<UInt8>) throws {
        buffer += bytes
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        try CheckedIO.write(fd, buffer, path: path)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and closes the file.
    func close() throws {
        guard fd >= 0 else { return }
        try flush()
        let open = fd
        fd = -1
        try CheckedIO.close(open, path: path)
    }

    /// Closes the file without writing what is left.
    func abandon() {
        if fd >= 0 { _ = Foundation.close(fd) }
        fd = -1
    }
}

extension SourceReader {
    /// Reads framed stdin (`MapSideFraming`) in order: the map side's `scan`.
    func scanFramed(_ file: InputFile, _ emit: (Scanned) throws -> Void) throws -> String? {
        guard let stream = try SourceReader.open(file, orReportTo: emit) else { return nil }
        try MapSideFraming.scan(stream, limit: settings.maxDocumentBytes, emit)
        return nil
    }
}

extension Runner {
    /// The map side of a distributed job: framed stdin through the per-document work to framed
    /// stdout (and the values file and the record file, when asked for). Keeps no state and writes no side file.
    func runMapSide(_ pipeline: Pipeline) throws -> RunSummary {
        _ = try MapSidePlan(pipeline)
        let start = Stopwatch()
        let sink = try StdoutSink(valuesPath: options.mapSideValues, recordsPath: options.mapSideRecords)
        let totals = try execute(pipeline, work: [(InputFile(path: "-", format: .jsonl), nil)], sink: sink, checkpoints: false)
        _ = try sink.commit()
        var summary = RunSummary()
        do {
            try pipeline.finish()
        } catch {
            summary.warnings.append("\(error)")
        }
        summary.files = 1
        summary.items = totals.items
        summary.bytesRead = totals.bytes
        summary.written = totals.counts.output
        summary.failed = totals.counts.errors
        summary.filtered = totals.counts.filtered
        summary.outputPath = "-"
        summary.framed = true
        summary.mode = "map side"
        summary.seconds = start.seconds
        summary.stages = pipeline.stats.stages
        return summary
    }
}
