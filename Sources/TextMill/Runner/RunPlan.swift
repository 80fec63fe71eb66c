import Foundation

/// What a run with state has to do: which files to process, which earlier records to keep,
/// which to drop, and whether it resumes a killed run.
struct RunPlan {
    /// True when everything is reprocessed (first run, changed config, new version, --force).
    var full: Bool
    /// Why everything is reprocessed, for the user.
    var reason: String?
    /// Unchanged files whose earlier records stay, in their output order.
    var kept: [FileEntry] = []
    /// Earlier files whose records go away (changed or deleted).
    var forgotten: [FileEntry] = []
    /// How many input files the last commit's manifest names (0 without one), and whether the
    /// plan was made with `--force`: `emptiedCorpusProblem` needs both for a full plan.
    var lastCommitFiles = 0
    var forced = false
    /// True when the last commit's manifest is damaged while the corpus holds records: how many
    /// files made them is unknown, and `emptiedCorpusProblem` refuses inputs that hold none.
    var damagedManifestOverRecords = false
    /// Files to process now, in input order, with their size and mtime.
    var toProcess: [(file: InputFile, identity: FileIdentity?)] = []
    /// The journal of the killed run this one resumes.
    var resume: Journal?
    /// The files of `resume`: done, their records in the part files.
    var resumedPaths: Set<String> = []
    /// Why the journal left by a killed run is not resumed, when it is damaged.
    var journalDamage: String?
    /// What persistent stages start from: tokens by stage index (empty: nothing saved).
    var tokens = JSONObject()
    /// The tokens of the last commit's manifest when the run builds on it (empty otherwise):
    /// persistent stages keep that state saved until the run commits (`PersistentStage.keepSaved`),
    /// even when they start from a killed run's checkpoint (`tokens`).
    var committedTokens = JSONObject()
    /// `reprocessed`: unchanged files processed again, as they hold a duplicate of a record that
    /// goes away (`OrphanedDuplicates`) or a record refused for an id that goes away (`RefusedIDs`).
    var counts = (new: 0, changed: 0, deleted: 0, resumed: 0, reprocessed: 0)
    /// Folders the walk found but could not list, each with the number of the last run's files
    /// under it whose records are kept unread (`unlistedFolder(above:)`).
    var unlisted: [String: Int] = [:]
    /// The forgotten files' documents (file and id) that persistent stages forget, once
    /// `followKeptRecords` has read them with a dedup stage (nil before: `RunPlan.documents(of:)` reads them).
    var forgottenDocuments: [DocumentKey]?
    /// The generation of the last committed run (0: none); this run commits the next.
    var generation = 0
    /// True when no file's identity was taken here (`toProcess` holds nil for each): nothing
    /// compares them before the run (no manifest to keep files by, no journal to resume), so
    /// the reader takes each file's when it opens it (`Runner.execute`), with no `stat` a file.
    var identitiesAtOpen = false
    /// The clock before the `stat`s that took the identities here (`FileIdentity.takenRacily`).
    var identitiesTakenAt = Int.min
    /// Where the id file the kept ids came from ends (`IDFile.Tail`), when no kept id was taken
    /// out: the commit appends the new ids to it instead of writing it whole.
    var idFileTail: IDFile.Tail?
    /// The ids of the records kept from earlier runs (`KeptIDs`), read once the plan is settled
    /// (`Runner.startStatefulRun`): the writer starts from them.
    var keptIDs = IDSet()

    /// Why a run reprocesses every file after a run that did so was interrupted (killed, or
    /// failed at its commit): that run had started the persistent stages' saved state over (dedup's
    /// index), so the last commit's is no longer there to build on; this run finishes that one.
    static let interruptedFullRun = "the last run, which reprocessed every file (--force, or a changed config), did not finish "
        + "(its stages' saved state no longer goes with the outputs): finishing it, reprocessing every file"

    /// When the config changed, names what changed (from the fingerprint the last run saved).
    mutating func explainConfigChange(_ fingerprint: ConfigFingerprint, store: StateStore) {
        guard reason == "the config changed since the last run: reprocessing every file",
              let earlier = ConfigFingerprint(json: StateStore.readJSON(store.configPath)) else { return }
        let changes = fingerprint.changes(since: earlier)
        if !changes.isEmpty { reason = "the config changed since the last run (\(changes.joined(separator: "; "))): reprocessing every file" }
    }

    /// Why an incremental run must not go on when its inputs hold no file at all while the last
    /// run's files made the corpus, or nil. Every file would be taken as deleted and every record
    /// removed under exit status 0, as when a disk or a network folder is not mounted and its
    /// mount point is an empty folder (a night's cron run emptied the corpus; the next, the
    /// mount back, reprocessed it all). A folder the walk could not list keeps its files' records
    /// (`unlisted`) and is a file of the inputs: that is not this. `--force` empties the corpus
    /// on purpose.
    ///
    /// A plan that reprocesses every file for another reason than `--force` (a new build of
    /// textmill, a changed config, a damaged manifest) is refused the same way: it lists no file
    /// as forgotten, and so the corpus of a glob that matched nothing was emptied under exit 0
    /// by the first run after an upgrade of textmill, a reason the user never chose.
    func emptiedCorpusProblem(files: [InputFile], output: String) -> String? {
        guard files.isEmpty, !forced else { return nil }
        let lastFiles = full ? lastCommitFiles : (kept.isEmpty ? forgotten.count : 0)
        // A damaged manifest names no file, but the corpus still holds the records earlier runs
        // made: until session 35 such a run emptied it under exit 0.
        let made = lastFiles > 0 ? "the last run's \(MessageText.counted(lastFiles, "file")) made the records of \(MessageText.quoted(output))"
            : "\(MessageText.quoted(output)) holds the records of earlier runs (its manifest is damaged, so which files made them is unknown)"
        guard lastFiles > 0 || full && damagedManifestOverRecords else { return nil }
        return "the inputs hold no file, where \(made): "
            + "the run would remove every one of them (is a disk or a network folder not mounted?); nothing was read or changed. "
            + "Check the inputs, or run with --force to empty the corpus on purpose"
    }

    /// Compares the files with the last run's manifest and journal.
    /// With `readOnly` (`--dry-run`) nothing in the state folder is touched, and a commit a
    /// killed run left pending (`manifest.pending.json`) is taken as done, as the run finishes it
    /// (`OutputCommit.rollForward`) before it plans: its manifest is the last run's, the outputs
    /// will have its sizes, and its journal is gone (a dry run said "1 new" of a file the commit
    /// held, which the run then did not process). With
    /// `identitiesUpFront` false the files' identities are left to the reader when the plan
    /// does not need them (`identitiesAtOpen`); `--progress` needs them first for its total.
    /// `restoreProblem` says what is wrong when persistent stages no longer hold the state that
    /// stage tokens name (`PersistentStage.restoreProblem`): a journal whose tokens they do not
    /// is not resumed, and when the last run's are gone too, everything is reprocessed, with a
    /// notice that names the file. `thorough` (`--check-outputs`) checks the hashes of a
    /// resumed run's part files too, not only their records' ends.
    static func make(files: [InputFile], store: StateStore, configHash: String, force: Bool, readOnly: Bool = false,
                     identitiesUpFront: Bool = true, restoreProblem: (JSONObject) -> String? = { _ in nil }, thorough: Bool = false,
                     reprocessing stateLost: String? = nil) -> RunPlan {
        let pending = readOnly && store.hasPendingCommit
        let state = pending ? store.readManifest(at: store.pendingPath) : store.readManifest()
        var manifest: Manifest?
        if case .found(let m) = state { manifest = m }
        var plan = RunPlan(full: true)
        plan.generation = manifest?.generation ?? 0
        plan.lastCommitFiles = manifest?.files.count ?? 0
        plan.forced = force
        let journalFound = pending ? nil : store.journal.load()
        if force {
            plan.reason = "--force: reprocessing every file"
        } else if let stateLost {
            plan.reason = stateLost
        } else if case .damaged(let why) = state {
            plan.reason = "the manifest \(MessageText.quoted(store.manifestPath)) is damaged (\(why)): reprocessing every file"
            plan.damagedManifestOverRecords = (FileIdentity.of(store.outputs[.output])?.size ?? 0) > 0
        } else if manifest == nil {
            plan.reason = nil
        } else if manifest!.tool != TextMillVersion.identity {
            // Another build may write other records for the same input: keeping the last run's
            // would mix two builds' records in one corpus.
            plan.reason = "textmill changed from \(MessageText.quoted(manifest!.tool)) to \(MessageText.quoted(TextMillVersion.identity)) since the last run "
                + "(another build may write other records): reprocessing every file"
        } else if manifest!.config != configHash {
            plan.reason = "the config changed since the last run: reprocessing every file"
        } else if !pending && OutputKind.allCases.contains(where: { (FileIdentity.of(store.outputs[$0])?.size ?? 0) != manifest!.sizes[$0] }) {
            plan.reason = "the outputs were changed or removed since the last run: reprocessing every file"
        } else if journalFound?.full == true {
            // A run that reprocessed everything (--force, or a config changed and changed back)
            // started its persistent stages over: dedup's index numbered its saves from 1 again,
            // over the generation the manifest names once it reached that number. Built on, a
            // file that run had read was dropped as a duplicate of itself.
            plan.reason = Self.interruptedFullRun
        } else {
            plan.full = false
        }
        if let journal = journalFound, journal.config != configHash, journal.tool != TextMillVersion.identity {
            // Its part files hold another build's records: resuming would mix them with this one's.
            plan.journalDamage = "the interrupted run in \(MessageText.quoted(store.dir)) was made by textmill "
                + "\(journal.tool.map(MessageText.quoted) ?? "of an earlier build"), not by this one (\(MessageText.quoted(TextMillVersion.identity))): "
                + "its files are processed again, so the output holds one build's records"
        }
        plan.identitiesAtOpen = !identitiesUpFront && plan.full && journalFound == nil
        // Looked up only through `current` (a manifest or a journal), which is empty when the
        // identities are taken at open: no list of nils is made then.
        plan.identitiesTakenAt = FileIdentity.clockNow()
        let identities: [FileIdentity?] = plan.identitiesAtOpen ? [] : files.map { FileIdentity.of($0) }
        // Where each file is in `files`: only a manifest or a journal asks.
        var current: [String: Int] = [:]
        if !plan.identitiesAtOpen {
            for (i, f) in files.enumerated() { current[f.path] = i }
        }
        var process = [Bool](repeating: true, count: files.count)
        var toProcessCount = files.count
        func done(_ i: Int) {
            if process[i] { process[i] = false; toProcessCount -= 1 }
        }

        if !plan.full, let manifest {
            plan.tokens = manifest.stages
            plan.committedTokens = manifest.stages
            for var entry in manifest.files {
                guard let i = current[entry.path] else {
                    if let folder = unlistedFolder(above: entry.path, current: current, identities: identities) {
                        // Under a folder the walk could not list (permission denied, an I/O
                        // error): not known to be gone, so its records stay, as an unchanged
                        // file's; the folder's own error says why it was not read. Taken as
                        // deleted, a permission glitch emptied the output under exit 1.
                        plan.kept.append(entry)
                        plan.unlisted[folder, default: 0] += 1
                        continue
                    }
                    plan.forgotten.append(entry)
                    plan.counts.deleted += 1
                    continue
                }
                // There, but it cannot be examined (a dangling link, a path past PATH_MAX): read
                // again to report it, as a changed file ("1 new, 1 deleted" said it was gone).
                guard let id = identities[i] else {
                    plan.forgotten.append(entry)
                    plan.counts.changed += 1
                    continue
                }
                // Unread when its size, modification time and status change time are the manifest's
                // (an entry written before TextMill kept the ctime: its size and time); else, of
                // the same size, by the hash of its bytes (`FileEntry.sameBytes`). By size and time alone, a file renamed
                // over another of the same size and time (files a tar or `cp -p` gave one time),
                // or rewritten and its time set back, kept the other bytes' records under exit 0.
                // An entry marked `recheck` (its identity taken racily) is compared by its hash.
                if entry.sameBytes(as: id, hash: { FileIdentity.hash(files[i]) }) {
                    // The commit records the times it has now, so the next run keeps it unread;
                    // by its hash again when they are still within a tick of this plan's `stat`.
                    entry.mtime = id.mtime
                    entry.ctime = id.ctime
                    entry.recheck = id.takenRacily(at: plan.identitiesTakenAt)
                    plan.kept.append(entry)
                    done(i)
                } else {
                    plan.forgotten.append(entry)
                    plan.counts.changed += 1
                }
            }
            plan.counts.new = toProcessCount - plan.counts.changed
        }
        if var journal = journalFound, journal.config == configHash, journal.full == plan.full {
            // The killed run's work counts only for files still there as they were then: the
            // records of a file changed or deleted since must not survive in the part files. A
            // file unchanged since the last commit is one the killed run processed again (it
            // held a duplicate of a record that went away, `followKeptRecords`): resumed below,
            // its records are the part files'. Such a checkpoint was dropped, with the ones
            // after it, and the run went back to the last commit's dedup index generation,
            // which two checkpoints had removed: it reprocessed every file.
            journal.keepCheckpoints { entry in
                guard let i = current[entry.path], let id = identities[i] else { return false }
                // By size and times, or by hash when the checkpoint took them racily.
                guard entry.recheck else { return id.size == entry.size && id.mtime == entry.mtime && (entry.ctime ?? id.ctime) == id.ctime }
                return entry.sameBytes(as: id, hash: { FileIdentity.hash(files[i]) })
            }
            if let damage = FileEntry.rangeDamage(journal.files, filling: journal.partSizes) {
                plan.journalDamage = "the journal of the interrupted run \(MessageText.quoted(store.journal.path)) is damaged (\(damage)): its files are processed again"
            } else if let problem = restoreProblem(journal.stages.isEmpty ? plan.tokens : journal.stages) {
                plan.journalDamage = "the interrupted run's journal \(MessageText.quoted(store.journal.path)) goes back to a checkpoint "
                    + "whose saved stage state (dedup's index generation) is gone (a file it had done changed since) or damaged (\(problem)): its files are processed again"
            } else if OutputKind.allCases.allSatisfy({ (FileIdentity.of(store.partPath($0))?.size ?? 0) >= journal.partSizes[$0] }) {
                // The part files' records are what the killed run wrote there (a part
                // zero-filled, its size kept, was resumed and committed under exit 0).
                if let damage = KeptRangeCheck.damage(journal.files, in: PerOutput(each: { store.partPath($0) }), thorough: thorough) {
                    plan.journalDamage = "the part files of the interrupted run in \(MessageText.quoted(store.dir)) are damaged (\(damage)): its files are processed again"
                } else {
                    plan.resume = journal
                }
            }
        }
        if plan.resume == nil && !plan.full, let problem = restoreProblem(plan.tokens) {
            // The last run's state is gone (an interrupted run after it moved on from it): nothing
            // to build on but the outputs' records, which dedup's index must hold.
            var again = make(files: files, store: store, configHash: configHash, force: false, readOnly: readOnly,
                             identitiesUpFront: identitiesUpFront, restoreProblem: restoreProblem, thorough: thorough,
                             reprocessing: "the saved stage state of the last run (dedup's index) is gone or damaged (\(problem)): reprocessing every file")
            again.journalDamage = again.journalDamage ?? plan.journalDamage
            return again
        }
        if let journal = plan.resume {
            if !journal.stages.isEmpty { plan.tokens = journal.stages }
            plan.resumedPaths = Set(journal.files.map(\.path))
            // Unchanged files the killed run processed again: their records are in the part
            // files now, not the output's kept ranges.
            let again = plan.kept.filter { plan.resumedPaths.contains($0.path) }
            if !again.isEmpty {
                plan.kept.removeAll { plan.resumedPaths.contains($0.path) }
                plan.forgotten += again
                plan.counts.reprocessed += again.count
            }
            for entry in journal.files {
                if let i = current[entry.path] {
                    done(i)
                    plan.counts.resumed += 1
                }
            }
        } else {
            // A journal left here is replaced by this run's own (startJournal) before it matters.
            if !readOnly { try? store.discardJournal() }
        }
        // One list of the size it ends at (a list of the indexes first, then one grown by
        // doubling, cost a file a story a few hundred page faults).
        plan.toProcess.reserveCapacity(toProcessCount)
        for i in files.indices where process[i] {
            plan.toProcess.append((files[i], plan.identitiesAtOpen ? nil : identities[i]))
        }
        return plan
    }

    /// The folder above `path` that the walk gave as an input of its own, because it could not
    /// list it (`InputResolver.walk` keeps such a folder so the reader reports why), when it is
    /// still there: a folder among the files, which a walk gives only then. Nil when no folder
    /// above `path` is among them, or when it is gone (its files are then deleted).
    static func unlistedFolder(above path: String, current: [String: Int], identities: [FileIdentity?]) -> String? {
        var folder = path
        while let slash = folder.utf8.lastIndex(of: UInt8(ascii: "/")) {
            folder = String(folder[..<slash])
            if folder.isEmpty { return nil }
            if let i = current[folder] {
                guard identities.indices.contains(i), identities[i] != nil else { return nil }
                var st = stat()
                return stat(folder, &st) == 0 && st.st_mode & S_IFMT == S_IFDIR ? folder : nil
            }
        }
        return nil
    }

    /// The documents earlier files left in persistent stages' state, each by its file (the
    /// entry's path) and its id, read back from
    /// the main output (and the filtered file, below), so those stages can forget them: its records, but those dedup marked
    /// duplicates (`"duplicate": {…}`). Not the duplicates file, nor the records marked
    /// duplicates, nor the errors: dedup indexed none of them, and their id may be another file's document (an exact
    /// copy under the same id), which forgetting by id removed from the index while that file's
    /// record stayed in the output (a later copy of it was then kept beside it, the id twice in
    /// the output under exit 0). Throws when a range cannot be read: forgetting too little would
    /// leave ghosts in dedup's index.
    ///
    /// The filtered file's records that dedup indexed count too: those a stage after dedup
    /// removed carry dedup's `"duplicate": null`; a record filtered before dedup has no such key.
    /// Left in the index, they were ghosts: when their file changed, each of its documents came
    /// back as a duplicate of its own earlier version, and went to the duplicates file instead of
    /// the filtered file, under exit 0.
    ///
    /// So do the errors file's records of documents that failed in a stage after dedup
    /// (`failedAfterIndexing`, `Pipeline.stagesAfterIndexing`, by the stage's number when two share a name): dedup had indexed them, and when
    /// the user fixed such a document's file, the fixed document came back as a near duplicate of
    /// its own failed version and went to the duplicates file, under exit 0.
    ///
    /// A record read here may be one dedup did not index (a document without words, a reused
    /// id), whose id another file's indexed document holds (ids are unique in the output, not
    /// across the filtered and errors files): the file in each key keeps that document in the
    /// index (`DedupIndex.remove(_: [DocumentKey])`). Forgotten by id alone, it left the index
    /// while its record stayed in the output, and a later copy of it was kept as unique.
    static func documents(of entries: [FileEntry], store: StateStore, failedAfterIndexing: StagesAfterIndexing = StagesAfterIndexing()) throws -> [DocumentKey] {
        var documents: [DocumentKey] = []
        let kinds: [OutputKind] = failedAfterIndexing.isEmpty ? [.output, .filtered] : [.output, .filtered, .errors]
        for kind in kinds {
            let indexed: (JSONObject) -> Bool
            switch kind {
            case .output: indexed = { !$0.isMarkedDuplicate }
            case .filtered: indexed = { $0.passedUnmarkedThroughDedup }
            default: indexed = { failedAfterIndexing.contains(failure: $0) }
            }
            try RecordRangeScan.lines(of: entries, in: kind, store: store, toFind: "the records of changed or deleted files",
                                      passOverUndecodable: true) { _, entry, line in
                // A line that is not a record: the file was changed in place since the last run
                // (a flipped byte, zeros), and the ids it held cannot be known (skipped, they
                // stayed in dedup's index as ghosts under exit 0).
                guard case .object(let o)? = try? JSONParser.parse(line) else { return .notARecord }
                if indexed(o), let id = o["id"]?.stringValue { documents.append(DocumentKey(file: entry.path, id: id)) }
                return .next
            }
        }
        return documents
    }
}

/// The lines of an output's range read back as the records a run wrote there, or not.
enum RecordLines {
    /// A line of a range that is no record: the output was changed in place since the last run
    /// (a flipped byte, zeros, a cut line; its size, which the plan compares, is the same), so
    /// the ids it held cannot be known. Thrown by `RunPlan.documents(of:)` and
    /// `OrphanedDuplicates.originalsNamed`; the run then reprocesses every file
    /// (`RunPlan.withChangedOutputs`), where it skipped the line: its id stayed in dedup's index
    /// and a duplicate it named was kept, naming a record gone, under exit 0.
    struct Changed: Error {
        /// "the records of 'F' in 'X' (bytes A–B) are not what the last run wrote there (…)".
        let message: String

        init(path: String, entry: String, range r: ByteRange, line: Int) {
            message = "the records of \(MessageText.quoted(entry)) in \(MessageText.quoted(path)) (bytes \(r.offset)–\(r.offset + r.length)) "
                + "are not what the last run wrote there (their line \(line) is not a JSON record)"
        }

        /// A change said in full (`KeptRangeCheck`).
        init(message: String) { self.message = message }
    }

    /// True when `line` can be a record a run wrote: a JSON object on one line.
    static func looksWhole(_ line: [UInt8]) -> Bool { line.first == UInt8(ascii: "{") && line.last == UInt8(ascii: "}") }
}

extension RunPlan {
    /// True when persistent stages (`persistent`, from `Pipeline.persistentStages`) must forget
    /// the documents of changed or deleted files: an incremental run that forgets some.
    func forgetsState<S>(of persistent: [S]) -> Bool { !full && !forgotten.isEmpty && !persistent.isEmpty }

    /// What persistent stages forget (`forgottenDocuments`), but the documents of the files a
    /// resumed run's journal holds: the killed run forgot their earlier versions before its first
    /// checkpoint, and the state it restores holds their new ones under the same file and id.
    /// Forgotten again, they were gone from dedup's index: a later copy of a changed file's new
    /// text was kept as unique, where the uninterrupted run dropped it.
    var documentsToForget: [DocumentKey] {
        let documents = forgottenDocuments ?? []
        guard !resumedPaths.isEmpty else { return documents }
        return documents.filter { !resumedPaths.contains($0.file) }
    }

    /// Why every file is processed again when an output no longer reads back (`RecordLines.Changed`).
    static func changedOutputsReason(_ changed: RecordLines.Changed) -> String {
        "\(changed.message): the outputs were changed since the last run: reprocessing every file"
    }

    /// The lines of a byte range of an output or part file, a chunk at a time, through gzip when
    /// the range starts with gzip's magic bytes (an output named `*.gz`: a member a file).
    static func recordLines(_ range: FileRangeStream) throws -> LineReader<AnyByteStream> {
        var head = [UInt8](repeating: 0, count: 2)
        let n = try head.withUnsafeMutableBytes { b in try range.peek(into: b) }
        let stream: any ByteStream = n == 2 && head == [0x1F, 0x8B] ? try GzipStream(range) : range
        return LineReader(AnyByteStream(stream), limit: Int.max)
    }

    /// Adds to `ids` the ids of the records a killed run wrote to the output's part file before its last
    /// checkpoint (its first `length` bytes), which the run that resumes it appends to. Read a
    /// line at a time: memory stays at a chunk, the longest record and 16 bytes an id.
    static func resumedIDs(store: StateStore, length: Int, into ids: inout IDSet) throws {
        guard length > 0 else { return }
        let path = store.partPath(.output)
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw StateError(message: "cannot read \(MessageText.quoted(path)), the records of the interrupted run (\(String(cString: strerror(errno)))); run again with --force")
        }
        defer { close(fd) }
        let range = FileRangeStream(fd: fd, range: ByteRange(offset: 0, length: length))
        var lines = try recordLines(range)
        do {
            while let line = try lines.next() {
                if case .line(let bytes) = line, case .object(let o)? = try? JSONParser.parse(bytes), let id = o["id"]?.stringValue { _ = ids.insert(id) }
            }
        } catch {
            throw StateError(message: "cannot read the records of the interrupted run back from \(MessageText.quoted(path)) (\(error)); run again with --force")
        }
    }
}

extension JSONObject {
    /// True for a record dedup marked a duplicate (`action: mark`): never in its index.
    var isMarkedDuplicate: Bool {
        if case .object? = self["duplicate"] { return true }
        return false
    }

    /// True for a record dedup saw and did not mark (`"duplicate": null`): in its index unless
    /// it had no words. A record no dedup saw has no `duplicate` key.
    var passedUnmarkedThroughDedup: Bool {
        if case .null? = self["duplicate"] { return true }
        return false
    }
}

/// Decompresses gzip bytes held in memory.
struct GzipMemoryStream: ByteStream {
    private let inner: GzipStream

    init(_ bytes: [UInt8]) {
        inner = try! GzipStream(MemoryStream(bytes))
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { try inner.read(into: buffer) }
}

/// The bytes of one range of an open file, read with `pread` a chunk at a time.
final class FileRangeStream: ByteStream {
    let fd: Int32
    private var offset: Int
    private var left: Int
    /// Bytes the range claimed past the file's end (found when reading reached it).
    private(set) var shortBy = 0

    init(fd: Int32, range: ByteRange) {
        self.fd = fd
        offset = range.offset
        left = range.length
    }

    /// The first bytes of what is left, without consuming them.
    func peek(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try pread(into: buffer, consume: false)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int { try pread(into: buffer, consume: true) }

    private func pread(into buffer: UnsafeMutableRawBufferPointer, consume: Bool) throws -> Int {
        guard left > 0, buffer.count > 0 else { return 0 }
        while true {
            let n = Foundation.pread(fd, buffer.baseAddress, min(buffer.count, left), off_t(offset))
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw StateError(message: String(cString: strerror(errno))) }
            if n == 0 { shortBy = left; left = 0; return 0 }
            if consume { offset += n; left -= n }
            return n
        }
    }
}

/// Bytes in memory as a stream.
struct MemoryStream: ByteStream {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + offset, byteCount: n) }
        offset += n
        return n
    }
}

extension RunPreview {
    /// Lists the files of a plan that processes every file again (`everyFileAgain`) against the
    /// last commit's manifest (the pending one a killed commit left, which the run finishes
    /// first): those it names are processed again, the others are new, and the files it names
    /// that are gone are deleted. With no manifest every file is new; with a damaged one which
    /// files the last run read is not known, and they are only listed as processed.
    mutating func sortAgainstLastRun(files: [InputFile], toProcess: Set<String>, store: StateStore) {
        everyFileAgain = true
        let processing = files.map(\.path).filter(toProcess.contains)
        new = []
        reprocessed = []
        switch store.readManifest(at: store.hasPendingCommit ? store.pendingPath : nil) {
        case .missing:
            new = processing
        case .damaged:
            processed = processing
        case .found(let manifest):
            let last = Set(manifest.files.map(\.path))
            for path in processing {
                if last.contains(path) { reprocessed.append(path) } else { new.append(path) }
            }
            let present = Set(files.map(\.path))
            deleted = manifest.files.map(\.path).filter { !present.contains($0) }
        }
    }
}
