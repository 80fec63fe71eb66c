import Foundation

/// Unchanged files holding a record refused for its id (errors file, stage `write`: another
/// record held the id) when the record that held it goes away in this run (its file changed or
/// was deleted, or is processed again).
///
/// The id is then free, and a run from scratch writes the refused record; kept as it was, the
/// refusal stayed, and the record was in no output of the corpus (exit 0, where from scratch
/// the record is written). Such files are processed again, as changed files are
/// (`RunPlan.followKeptRecords`), and this step and `OrphanedDuplicates` follow each other: the
/// records of a file either processes again go away too.
enum RefusedIDs {
    /// The paths of `kept` entries to process again. Reads the output's records of `forgotten`
    /// entries (their ids) and the errors file's records of kept entries, a line at a time, and
    /// only when some kept entry holds an error; parses only the lines naming stage `write`.
    static func files(kept: [FileEntry], forgotten: [FileEntry], store: StateStore) throws -> Set<String> {
        guard !forgotten.isEmpty, kept.contains(where: { $0.ranges[.errors].length > 0 }) else { return [] }
        var gone = IDSet()
        try KeptIDs.read(forgotten, store: store, into: &gone)
        guard gone.count > 0 else { return [] }
        var again = Set<String>()
        try RecordRangeScan.lines(of: kept, in: .errors, store: store, toFind: "the records refused for an id that goes away",
                                  passOverUndecodable: true) { _, entry, line in
            guard RecordLines.looksWhole(line) else { return .notARecord }
            guard mentionsWriteStage(line), case .object(let record)? = try? JSONParser.parse(line),
                  record["stage"]?.stringValue == "write", let id = record["id"]?.stringValue, gone.contains(id) else { return .next }
            again.insert(entry.path)
            return .entryDone
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
