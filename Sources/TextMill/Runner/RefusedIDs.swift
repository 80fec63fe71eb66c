import Foundation

/// Unchanged files holding a record refused for its id (errors file, stage `write`: another
/// record held the id) when the record that held it goes away in this run (its file changed or
/// was deleted, or is processed again).
///
/// The id is then free, and a run from scratch writes the refused record; kept as it was, the
/// refusal stayed, and the record was in no output of the corpus (exit 0, where from scratch
/// the record is written). Such files are processed again, as changed files are
/// (`RunPlan.reprocessRefusedIDs`), before the duplicates of records that go away are
/// followed (`OrphanedDuplicates`), which then count their records as going away too.
enum RefusedIDs {
    /// The paths of `kept` entries to process again. Reads the output's records of `forgotten`
    /// entries (their ids) and the errors file's records of kept entries, a line at a time, and
    /// only when some kept entry holds an error; parses only the lines naming stage `write`.
    static func files(kept: [FileEntry], forgotten: [FileEntry], store: StateStore) throws -> Set<String> {
        guard !forgotten.isEmpty, kept.contains(where: { $0.ranges[.errors].length > 0 }) else { return [] }
        var gone = IDSet()
        try KeptIDs.read(forgotten, store: store, into: &gone)
        guard gone.count > 0 else { return [] }
        let path = store.outputs[.errors]
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw StateError(message: "cannot read \(MessageText.quoted(path)) to find the records refused for an id that goes away (\(String(cString: strerror(errno)))); run again with --force")
        }
        defer { close(fd) }
        var again = Set<String>()
        for entry in kept {
            let r = entry.ranges[.errors]
            guard r.length > 0 else { continue }
            let range = FileRangeStream(fd: fd, range: r)
            var lines = try RunPlan.recordLines(range)
            do {
                while let line = try lines.next() {
                    guard case .line(let bytes) = line, RecordLines.looksWhole(bytes) else {
                        throw RecordLines.Changed(path: path, entry: entry.path, range: r, line: lines.lineNumber)
                    }
                    guard mentionsWriteStage(bytes), case .object(let record)? = try? JSONParser.parse(bytes),
                          record["stage"]?.stringValue == "write", let id = record["id"]?.stringValue, gone.contains(id) else { continue }
                    again.insert(entry.path)
                    break
                }
            } catch let changed as RecordLines.Changed {
                throw changed
            } catch {
                if !(error is ReadError) {
                    throw StateError(message: "cannot read the records of \(MessageText.quoted(entry.path)) back from \(MessageText.quoted(path)) (bytes \(r.offset)–\(r.offset + r.length): \(error)); run again with --force")
                }
            }
        }
        return again
    }

    /// True when an errors line may be a refusal for an id: the writer puts `"stage":"write"`
    /// with nothing between (`RecordEncoder`); a line that matches is parsed and checked anyway.
    static func mentionsWriteStage(_ line: [UInt8]) -> Bool {
        let key: [UInt8] = Array("\"stage\":\"write\"".utf8)
        guard line.count >= key.count else { return false }
        return line.withUnsafeBufferPointer { l in
            (0...(l.count - key.count)).contains { i in l[i] == key[0] && key.indices.allSatisfy { l[i + $0] == key[$0] } }
        }
    }
}
