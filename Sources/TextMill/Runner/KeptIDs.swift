import Foundation

/// The ids of the records an incremental run keeps from earlier runs (the main output's records
/// of unchanged files), which the writer starts from (`OrderedWriter`), so a new or changed
/// file's record under one of them is refused (errors file, stage `write`) as a run from
/// scratch refuses it. Before, the writer knew only this run's ids: without `dedup`, or for an
/// id a kept record marked a duplicate or without words holds (never in dedup's index), the
/// record was written beside the kept one, the id twice in the output under exit 0.
///
/// They come from the id file the last run left (`IDFile`: the ids of every record of the
/// output), less those of the changed and deleted files' records, read back from the output
/// (`RunPlan.forgotten`: their ids are free again); when the id file cannot be used, from the
/// kept records themselves, read back once. Read a line at a time: memory stays at a chunk, the
/// longest record, and the 16 bytes an id of `IDSet`.
enum KeptIDs {
    /// Adds the ids of the entries' records in the main output to `ids`. Throws
    /// `RecordLines.Changed` when a line of a range is not a record with an id (the output was
    /// changed in place: the run then reprocesses every file), `StateError` when a range cannot
    /// be read.
    static func read(_ entries: [FileEntry], store: StateStore, into ids: inout IDSet) throws {
        try scan(entries, store: store) { line in insert(idOf: line, into: &ids) != nil }
    }

    /// Takes the ids of the entries' records in the main output out of `ids`; throws as `read`.
    static func remove(_ entries: [FileEntry], store: StateStore, from ids: inout IDSet) throws {
        try scan(entries, store: store) { line in withID(of: line) { _ = ids.remove(utf8: $0) } != nil }
    }

    /// Calls `take` with each record line of the entries' ranges of the main output; `take`
    /// false: the line holds no id.
    private static func scan(_ entries: [FileEntry], store: StateStore, _ take: ([UInt8]) -> Bool) throws {
        try RecordRangeScan.lines(of: entries, in: .output, store: store, toFind: "the ids of its records", passOverUndecodable: false) { _, _, line in
            RecordLines.looksWhole(line) && take(line) ? .next : .notARecord
        }
    }

    /// Adds the id of the record `line` to `ids`: true when it was new, false when it was there,
    /// nil when the line holds no id.
    static func insert(idOf line: [UInt8], into ids: inout IDSet) -> Bool? {
        withID(of: line) { ids.insert(utf8: $0) }
    }

    /// Calls `body` with the UTF-8 bytes of the id of the record `line`; nil when it has none.
    /// The writer puts the id first (`{"id":"…"`, `RecordEncoder`): an id without escapes is
    /// taken where it lies, with no parse of the record (a record is mostly its text); any other
    /// line is parsed whole.
    static func withID<R>(of line: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        let prefix: [UInt8] = Array("{\"id\":\"".utf8)
        let quick: R?? = line.withUnsafeBufferPointer { l -> R?? in
            guard l.count > prefix.count, prefix.indices.allSatisfy({ l[$0] == prefix[$0] }) else { return .none }
            var i = prefix.count
            while i < l.count && l[i] != UInt8(ascii: "\"") && l[i] != UInt8(ascii: "\\") { i += 1 }
            guard i < l.count, l[i] == UInt8(ascii: "\"") else { return .none }
            return .some(body(UnsafeBufferPointer(rebasing: l[prefix.count..<i])))
        }
        if case .some(let result) = quick { return result }
        guard case .object(let o)? = try? JSONParser.parse(line), var id = o["id"]?.stringValue else { return nil }
        return id.withUTF8 { body($0) }
    }
}

/// A persistent stage that must know the ids the output keeps from earlier runs (dedup: a
/// document under one is never indexed, as the writer refuses it).
protocol KeepsOutputIDs {
    func keep(outputIDs: IDSet)
}

/// A persistent stage that holds its state open (dedup: its index folder's lock) until it is
/// closed, so a run made again (`StateFoundDamaged`) can open it with new stages.
protocol ClosesState {
    func closeState()
}

/// A stage that does something once a run (exec: its log moved to LOG.1 as the run starts),
/// which a run made again with new stages (`StateFoundDamaged`) must not do a second time.
protocol ContinuesRun {
    /// Stops this stage's work and gives `successor`, the same stage of the new pipeline, what
    /// this run already did once.
    func handOver(to successor: any Stage)
}

extension RunPlan {
    /// Fills `keptIDs` for an incremental run that keeps records (`KeptIDs`). Returns a warning
    /// when the id file could not be used and the kept records' ids were read from the output.
    mutating func readKeptIDs(store: StateStore) throws -> String? {
        guard !full, !kept.isEmpty else { return nil }
        let records = (kept + forgotten).reduce(0) { $0 + $1.records }
        let path = store.idsPath(generation: generation)
        var found = IDFile.read(path, generation: generation, records: records)
        if case .missing = found, case .ids(let ids, let tail) = IDFile.read(store.idsPath(generation: generation + 1), generation: generation, records: records) {
            // A commit that appended to the file and renamed it was killed before its manifest.
            found = .ids(ids, tail)
        }
        let why: String
        switch found {
        case .ids(var ids, let tail):
            try KeptIDs.remove(forgotten, store: store, from: &ids)
            keptIDs = ids
            // No kept id taken out: the commit appends the new ids to the file.
            idFileTail = forgotten.isEmpty && tail.appendable ? tail : nil
            return nil
        case .missing:
            why = "is missing"
        case .unusable(let reason):
            why = "cannot be used (\(reason))"
        }
        try KeptIDs.read(kept, store: store, into: &keptIDs)
        return "the id file \(MessageText.quoted(path)) (the ids of the output's records, which keep new records from reusing them) \(why): "
            + "the ids of the \(MessageText.counted(keptIDs.count, "record")) kept were read from \(MessageText.quoted(store.outputs[.output])) instead, and this run writes the file anew"
    }
}
