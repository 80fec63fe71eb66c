import Foundation

/// Reads the JSONL files a report is built from (an output, plain or `.gz`, and its side files),
/// one record at a time. A line that is not a JSON object, or is longer than the limit, is
/// counted and skipped: a report never fails on a bad line.
struct ReportFileReader {
    /// What one pass over a file found.
    struct Counts: Equatable {
        /// Lines that held a JSON object.
        var records = 0
        /// Lines skipped: not JSON, not an object, or over the line limit.
        var unreadable = 0
        /// Why reading stopped before the end: the gzip data of a `.gz` file is damaged there (cut
        /// short, as a run appending to it or killed while appending leaves it, or corrupt). The
        /// records before it are read; until session 36 the report refused the whole file (exit 2).
        var stoppedBy: String?
    }

    /// The longest line read (a record of a 64 MB document is about twice that as JSON).
    static let lineLimit = 256 << 20

    /// Calls `body` with each record of `path` and its 0-based number among the records.
    /// Returns nil when the file does not exist; throws when it exists but cannot be read, or is
    /// no regular file: a side file linked to /dev/zero was read for ever (286 MB after 120 s),
    /// and a named pipe no one writes hung the report.
    static func forEachRecord(in path: String, _ body: (JSONObject, Int) -> Void) throws -> Counts? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        if let kind = OutputFiles.nonFileKind(at: path) {
            throw ReadError("it is \(kind), not a file a run wrote; move it away (the next 'textmill run' writes the file anew)")
        }
        let file = try FileStream(path: path)
        // A run writes an output with no records as an empty file, `.gz` or not: no gzip member,
        // as the output holds none (until session 36 the report refused it, exit 2, "the file is
        // empty (0 bytes: not even a gzip header)").
        guard path.hasSuffix(".gz"), file.size != 0 else { return try records(of: file, damage: { nil }, body) }
        let gzip = try GzipStream(file)
        return try records(of: gzip, damage: { gzip.damage }, body)
    }

    /// The records of `stream`; `damage` says why it failed when its data is damaged (then the
    /// records before the damage are counted and the reason kept), nil for any other failure.
    private static func records<S: ByteStream>(of stream: S, damage: () -> String?, _ body: (JSONObject, Int) -> Void) throws -> Counts {
        var lines = LineReader(stream, limit: lineLimit)
        var counts = Counts()
        do {
            while let line = try lines.next() {
                guard case .line(let bytes) = line else {
                    counts.unreadable += 1
                    continue
                }
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                guard let value = try? JSONParser.parse(bytes), case .object(let record) = value else {
                    counts.unreadable += 1
                    continue
                }
                body(record, counts.records)
                counts.records += 1
            }
        } catch {
            guard let why = damage() else { throw error }
            counts.stoppedBy = why
        }
        return counts
    }
}
