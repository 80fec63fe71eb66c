import Foundation

/// Unchanged files that hold a duplicate of a record that goes away in this run.
///
/// A duplicate names the record it copies (`"duplicate": {"of": ID, …}`): in the duplicates file
/// (`action: drop`) or marked in the output (`action: mark`). When the file of that record changes
/// or is deleted, the record goes away, and a duplicate kept from an unchanged file would name a
/// record the output no longer holds; with `drop` its text was in the corpus only through that
/// record, so the corpus lost it under exit 0, where a run from scratch writes it. Such files are
/// processed again, as changed files are, so their documents are checked anew against what stays.
/// The records of a file processed again go away too (and come back as the run writes them anew),
/// so the duplicates naming those are followed in turn.
enum OrphanedDuplicates {
    /// The paths of `kept` entries to process again: those holding a duplicate whose original is
    /// among the records of `forgotten` entries, or of entries this adds. Reads the duplicates
    /// file's and the output's ranges of kept entries a line at a time (only when some record goes
    /// away); throws, as `RunPlan.documents(of:)` does, when a range cannot be read.
    /// Also gives every document that goes away, those files' included (`gone`, by file and id):
    /// what persistent stages forget, read here once (`RunPlan.forgottenDocuments`). Only the files in
    /// `duplicatesIn` are searched (`Pipeline.duplicateKinds`): with `action: drop` the output holds
    /// no duplicate, and reading it whole for none cost a run that forgets records a pass over
    /// the corpus.
    static func files(kept: [FileEntry], forgotten: [FileEntry], store: StateStore, failedAfterIndexing: StagesAfterIndexing,
                      duplicatesIn: [OutputKind]) throws -> (again: Set<String>, gone: [DocumentKey]) {
        var gone = try RunPlan.documents(of: forgotten, store: store, failedAfterIndexing: failedAfterIndexing)
        guard !gone.isEmpty, !kept.isEmpty, !duplicatesIn.isEmpty else { return ([], gone) }
        // A duplicate names its original by id only.
        var goneIDs = Set(gone.map(\.id))
        let named = try originalsNamed(by: kept, in: duplicatesIn, store: store)
        var again = Set<String>()
        var grew = true
        while grew {
            grew = false
            for (index, originals) in named where !again.contains(kept[index].path) && !originals.isDisjoint(with: goneIDs) {
                again.insert(kept[index].path)
                let more = try RunPlan.documents(of: [kept[index]], store: store, failedAfterIndexing: failedAfterIndexing)
                gone += more
                goneIDs.formUnion(more.map(\.id))
                grew = true
            }
        }
        return (again, gone)
    }

    /// For each kept entry that holds duplicates, by its index in `kept`: the ids its duplicates
    /// name, from the files of `kinds` (the duplicates file, records the output holds marked).
    static func originalsNamed(by kept: [FileEntry], in kinds: [OutputKind], store: StateStore) throws -> [Int: Set<String>] {
        var named: [Int: Set<String>] = [:]
        for kind in kinds {
            try RecordRangeScan.lines(of: kept, in: kind, store: store, toFind: "the duplicates of records that go away",
                                      passOverUndecodable: true) { index, _, line in
                // Every line is a record (zeros or a cut line named no original: the duplicate
                // stayed, naming a record gone, under exit 0); only those that may name one are parsed.
                guard RecordLines.looksWhole(line) else { return .notARecord }
                guard mentionsDuplicate(line),
                      case .object(let record)? = try? JSONParser.parse(line),
                      case .object(let duplicate)? = record["duplicate"],
                      let original = duplicate["of"]?.stringValue else { return .next }
                named[index, default: []].insert(original)
                return .next
            }
        }
        return named
    }

    /// True when a record line may hold a duplicate naming its original: the writer puts
    /// `"duplicate":` and the value with nothing between (`RecordEncoder`), and every record dedup
    /// passed holds `"duplicate":null`, so only lines with `"duplicate":{` are parsed. (Inside a
    /// JSON string the key's quotes would be escaped, so text cannot match; a line that matches
    /// is parsed and checked anyway.)
    static func mentionsDuplicate(_ line: [UInt8]) -> Bool {
        let key: [UInt8] = Array("\"duplicate\":{".utf8)
        return line.withUnsafeBufferPointer { l in
            guard l.count >= key.count else { return false }
            var i = 0
            let last = l.count - key.count
            while i <= last {
                if l[i] == 0x22 && l[i + 1] == 0x64 && key.indices.allSatisfy({ l[i + $0] == key[$0] }) { return true }
                i += 1
            }
            return false
        }
    }
}

extension RunPlan {
    /// Follows what the kept records say before an incremental run starts, in the order each
    /// step needs: the kept ranges are still the records the last run wrote (`KeptRangeCheck`:
    /// their ends every run, every byte's hash with `thorough`), then the unchanged files to
    /// process again, for a record refused for an id that goes away (`RefusedIDs`) and for a
    /// duplicate of a record that goes away (`OrphanedDuplicates`). Each step can give the other
    /// more to find: a file processed again for a duplicate takes its records away, and one of
    /// them may be what refused another kept file's record (its copy now goes to the duplicates
    /// file, and the id is free); a file processed again for a refusal takes its records away,
    /// and another kept file may hold a duplicate of one. So the two follow each other until
    /// neither finds a file, each round looking only at the files the round before moved: at
    /// most one round a kept file, and no record read twice. (One round, refusals first, left a
    /// kept record refused for an id the run freed: exit 1, where a run from scratch writes it.)
    /// `run` and `--dry-run` both call it. Throws `RecordLines.Changed` when an output was
    /// changed in place.
    mutating func followKeptRecords(files: [InputFile], store: StateStore, pipeline: Pipeline, thorough: Bool) throws {
        guard !full else { return }
        try KeptRangeCheck.checkEnds(kept, outputs: store.outputs)
        if thorough { try KeptRangeCheck.check(kept, outputs: store.outputs) }
        guard !forgotten.isEmpty else { return }
        let duplicatesIn = pipeline.duplicateKinds
        // The entries whose records' ids are not yet looked for among the refusals, and those
        // whose records' duplicates are not yet followed.
        var idsToFollow = forgotten
        var copiesToFollow = forgotten
        var documents: [DocumentKey] = []
        while !idsToFollow.isEmpty {
            let refused = processAgain(try RefusedIDs.files(kept: kept, forgotten: idsToFollow, store: store), files: files)
            copiesToFollow += refused
            var orphaned: [FileEntry] = []
            if !duplicatesIn.isEmpty {
                let (again, gone) = try OrphanedDuplicates.files(kept: kept, forgotten: copiesToFollow, store: store,
                                                                 failedAfterIndexing: pipeline.stagesAfterIndexing, duplicatesIn: duplicatesIn)
                documents += gone
                orphaned = processAgain(again, files: files)
            }
            idsToFollow = refused + orphaned
            copiesToFollow = []
        }
        // What persistent stages forget, read once here (`OrphanedDuplicates.files` reads the
        // documents of every entry it is given); without dedup, `RunPlan.documents` reads them.
        if !duplicatesIn.isEmpty { forgottenDocuments = documents }
    }

    /// Moves the `again` paths of `kept` to `forgotten` and into `toProcess`, in input order;
    /// gives the entries moved.
    @discardableResult
    private mutating func processAgain(_ again: Set<String>, files: [InputFile]) -> [FileEntry] {
        guard !again.isEmpty else { return [] }
        let moved = kept.filter { again.contains($0.path) }
        forgotten += moved
        kept.removeAll { again.contains($0.path) }
        counts.reprocessed += moved.count
        // Only the files moved: one a resumed journal holds is done already (`resumedPaths`).
        let movedPaths = Set(moved.map(\.path))
        var identities: [String: FileIdentity?] = [:]
        for (file, identity) in toProcess { identities[file.path] = identity }
        toProcess = files.compactMap { file in
            if let identity = identities[file.path] { return (file, identity) }
            return movedPaths.contains(file.path) ? (file, FileIdentity.of(file)) : nil
        }
        return moved
    }
}
