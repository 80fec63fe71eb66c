import Foundation

/// How a run behaves beyond what the config says.
public struct RunOptions: Sendable {
    /// What a `--limit N` preview processes: "the first document" or "the first N documents".
    public static func firstDocuments(_ n: Int) -> String { n == 1 ? "the first document" : "the first \(n) documents" }

    /// Threads for the per-document work (default: the number of cores).
    public var jobs: Int
    /// Where failures go (default: `NAME.errors.jsonl` beside the output `NAME.jsonl`).
    public var errorsPath: String?
    /// Where dropped duplicates go (default: `NAME.duplicates.jsonl` beside the output).
    public var duplicatesPath: String?
    /// At most this many bytes of documents are in flight between reading and writing.
    public var inFlightBytes: Int
    /// Reprocess every file even when the manifest says it is unchanged.
    public var force: Bool
    /// Check every kept file's records against the hashes the manifest holds before building on
    /// them (`KeptRangeCheck`): a mismatch makes the run reprocess every file (`--check-outputs`).
    public var checkOutputs = false
    /// Keep a manifest and journal beside the output (incremental runs, resume). Runs that read
    /// stdin or write stdout never keep state.
    public var keepState: Bool
    /// Draw the live progress line on stderr.
    public var progress: Bool
    /// Make a journal checkpoint after at least this many bytes read…
    public var checkpointBytes: Int
    /// …or this many seconds.
    public var checkpointSeconds: Double
    /// Called with a notice the moment it becomes true ("the config changed …: reprocessing
    /// every file", "resuming after N files …"), so a user sees it before the work, not after.
    public var notify: (@Sendable (String) -> Void)?
    /// Run as the map side of a distributed job (`MapSideFraming`): framed JSONL on stdin,
    /// per-document work only, framed lines (failures in-band) on stdout, no state, no side files.
    public var mapSide = false
    /// With `mapSide`: the values file the map side writes (`MapSideFraming`), or nil for none.
    public var mapSideValues: String?
    /// With `mapSide`: the record file the map side writes its documents' records to, in output
    /// order, in place of stdout (`MapSideFraming.splitRecord`), or nil for none.
    public var mapSideRecords: String?
    /// Process only the first N documents, in input order (`textmill run --limit N`). A run with
    /// a limit is a preview: it keeps no state (`PipelineConfig.preview`), and refuses an output
    /// that is an incremental corpus, so it never replaces one.
    public var limit: Int?

    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, errorsPath: String? = nil, duplicatesPath: String? = nil,
                inFlightBytes: Int = 32 << 20, force: Bool = false, keepState: Bool = true, progress: Bool = false,
                checkpointBytes: Int = 64 << 20, checkpointSeconds: Double = 10) {
        self.jobs = max(1, jobs)
        self.errorsPath = errorsPath
        self.duplicatesPath = duplicatesPath
        self.inFlightBytes = inFlightBytes
        self.force = force
        self.keepState = keepState
        self.progress = progress
        self.checkpointBytes = checkpointBytes
        self.checkpointSeconds = checkpointSeconds
    }
}

/// Reads the inputs, streams documents through the pipeline and writes the records.
///
/// Items flow through a chain of ordered buffers (`execute`, in Scheduler.swift). The reader
/// numbers them in input order; per-document work (decoding, document stages, the `prepare` half
/// of corpus stages, encoding: RunSteps.swift) runs on `jobs` threads; each corpus stage sees
/// items one at a time in input order; the writer (`OrderedWriter`) takes them in input order
/// again, so the output is the same whatever `jobs` is. At most `inFlightBytes` of documents are
/// between reader and writer (back-pressure).
///
/// With an output file, the run keeps state beside it (`StateStore`): a manifest of which file
/// made which records, so the next run processes only new and changed files (`RunPlan`), and a
/// journal with checkpoints (`JournalFile`), so a killed run resumes where it stopped. Records go
/// to a sink (`RecordSink`) that is committed at the end (`OutputCommit`): outputs are replaced
/// crash-safely, or not at all.
public final class Runner {
    public let config: PipelineConfig
    public let options: RunOptions

    public init(config: PipelineConfig, options: RunOptions = RunOptions()) {
        var config = config
        if options.limit != nil { config.preview = true }
        self.config = config
        self.options = options
    }

    /// A hash of everything in the config that changes what records look like, including the
    /// contents of the files it names (see `ConfigFingerprint`).
    public static func configHash(_ config: PipelineConfig) -> String {
        ConfigFingerprint(config).hash
    }

    /// What the next `run()` would do, computed from the inputs and the output's state without
    /// writing anything (`textmill run --dry-run`): which files are new, changed, deleted or
    /// unchanged, and whether and why everything would be reprocessed.
    public func preview() throws -> RunPreview {
        let pipeline = try Pipeline(config: config)
        let outputs = RunOutputs(config: config, options: options, pipeline: pipeline)
        var resolver = InputResolver(excluding: outputs.neverInput, folders: outputs.neverInputFolders)
        // A refusal carries what the inputs' listing warned of (`RefusalWarnings`), as the run's does.
        return try refusing(warnings: { resolver.warnings }) {
            let files = try resolver.resolve(config.inputs)
            return try preview(pipeline, outputs: outputs, files: files, resolver: resolver)
        }
    }

    /// The preview once the inputs are listed.
    private func preview(_ pipeline: Pipeline, outputs: RunOutputs, files: [InputFile], resolver: InputResolver) throws -> RunPreview {
        // What the run would refuse before reading anything, the preview refuses the same way
        // (it printed a plan for an output that is a symbolic link, which the run then refused).
        let readsStdin = files.contains(where: \.isStdin)
        try outputs.checkCanWrite(readingStdin: readsStdin, limited: options.limit != nil)
        try outputs.checkWritable(stageFolders: options.keepState && config.keepsState && !readsStdin)
        try outputs.checkReplacesNoInput(foundAmongInputs: resolver.ownFilesFound)
        if !(config.keepsState && options.keepState && !readsStdin) { try pipeline.checkSavedState() }
        var preview = RunPreview(output: config.output, warnings: resolver.warnings)
        guard config.keepsState && options.keepState else {
            preview.reason = config.preview ? "a run with --limit is a preview and keeps no state: it processes \(RunOptions.firstDocuments(options.limit ?? 0))"
                : "no state is kept (stdin or stdout): every input is processed"
            preview.new = files.map(\.path)
            return preview
        }
        let fm = FileManager.default
        let owned = outputs.owned
        let legacy = !fm.fileExists(atPath: owned.stateDirectory) && fm.fileExists(atPath: owned.legacy.stateDirectory)
        if legacy {
            preview.warnings.append("the output was written by an earlier TextMill: its side files would be taken over under their new names")
        }
        var paths = outputs.paths
        if legacy {
            paths.errors = options.errorsPath ?? owned.legacy.errors
            paths.duplicates = options.duplicatesPath ?? owned.legacy.duplicates
        }
        let store = StateStore(outputs: paths, stateDirectory: legacy ? owned.legacy.stateDirectory : owned.stateDirectory)
        // What the run refuses in the state folder, the preview refuses the same way: its files,
        // and another run holding its lock.
        try store.checkFiles()
        try store.checkUnlocked()
        let fingerprint = ConfigFingerprint(config)
        let restoreProblem = { (token: JSONObject) in pipeline.restoreProblem(token, thorough: self.options.checkOutputs) }
        var plan = RunPlan.make(files: files, store: store, configHash: fingerprint.hash, force: options.force, readOnly: true,
                                restoreProblem: restoreProblem, thorough: options.checkOutputs)
        if let problem = plan.emptiedCorpusProblem(files: files, output: config.output) { throw StateError(message: problem) }
        plan.explainConfigChange(fingerprint, store: store)
        var kept = Set(plan.kept.map(\.path))
        // With a commit a killed run left pending, the records the plan's ranges point to are not
        // in the outputs yet (`OutputCommit.rollForward` puts them there): the files processed
        // again are not looked for, and the dry run lists them as unchanged.
        if !store.hasPendingCommit {
            do {
                try plan.followKeptRecords(files: files, store: store, pipeline: pipeline, thorough: options.checkOutputs)
            } catch let changed as RecordLines.Changed {
                // As the run: every file again, saying why.
                plan = RunPlan.make(files: files, store: store, configHash: fingerprint.hash, force: false, readOnly: true,
                                    restoreProblem: restoreProblem, thorough: options.checkOutputs, reprocessing: RunPlan.changedOutputsReason(changed))
                kept = []
            }
        }
        preview.full = plan.full
        preview.reason = plan.reason ?? (store.loadManifest() == nil && !store.hasPendingCommit ? "no earlier run: every input is processed" : nil)
        let toProcess = Set(plan.toProcess.map(\.file.path))
        let known = Set(plan.kept.map(\.path)).union(plan.forgotten.map(\.path))
        for file in files {
            if !toProcess.contains(file.path) { preview.unchanged.append(file.path) }
            else if kept.contains(file.path) { preview.reprocessed.append(file.path) }
            else if plan.full || !known.contains(file.path) { preview.new.append(file.path) }
            else { preview.changed.append(file.path) }
        }
        let present = Set(files.map(\.path))
        preview.deleted = plan.forgotten.map(\.path).filter { !present.contains($0) }
        preview.resumed = plan.counts.resumed
        if plan.full && plan.reason != nil { preview.sortAgainstLastRun(files: files, toProcess: toProcess, store: store) }
        return preview
    }

    /// Refuses, without reading an input, the outputs `run` and `--dry-run` refuse before they
    /// read one (`RunOutputs.checkCanWrite`: a folder, a device, a file of another output, …):
    /// `validate` said OK to an `output:` that is a folder, which the run then refused.
    /// Throws `StateError`, or the `WriteError` of a folder or file the run could not write
    /// (`RunOutputs.checkWritable`: `validate` said OK to an output in a read-only folder, which
    /// `run` and `--dry-run` refused with exit 3). `pipeline` is the config's, as the caller
    /// built it to check the stages.
    public func checkOutputs(_ pipeline: Pipeline) throws {
        let outputs = RunOutputs(config: config, options: options, pipeline: pipeline)
        let readsStdin = config.inputs.contains("-")
        try outputs.checkCanWrite(readingStdin: readsStdin, limited: options.limit != nil)
        try outputs.checkWritable(stageFolders: options.keepState && config.keepsState && !readsStdin)
        // An output that is one of the input files (`output: data/a.txt` under `input: data`):
        // the inputs are listed, not read, each on its own (an input that does not exist yet is
        // validate's to report, not a refusal), and checked as `run` checks them.
        var resolver = InputResolver(excluding: outputs.neverInput, folders: outputs.neverInputFolders)
        for input in config.inputs { _ = try? resolver.resolve([input]) }
        try outputs.checkReplacesNoInput(foundAmongInputs: resolver.ownFilesFound)
        // A file of the state folder that is not one (`StateFolderEntries`), which the run refuses.
        if config.keepsState && options.keepState { try StateStore(outputs: outputs.paths).checkFiles() }
        // A saved dedup index of other settings, which a run without state refuses.
        if !(config.keepsState && options.keepState && !readsStdin) { try pipeline.checkSavedState() }
    }

    /// Runs the pipeline. Throws `ConfigError`, `InputError` or `StateError` when it cannot start
    /// (exit 2: nothing was written), `WriteError` when an output or the state beside it cannot be
    /// written (exit 3: the previous outputs are intact and the next run finishes the work).
    public func run() throws -> RunSummary {
        // A write past the file size limit (`ulimit -f`) fails with EFBIG, reported and recovered
        // from like a full disk (exit 3), instead of SIGXFSZ killing the process mid-write.
        signal(SIGXFSZ, SIG_IGN)
        // A reader that closes the run's stdout early (`| head -1`) is a write error too (EPIPE,
        // exit 3, saying what reached stdout is cut short), as it was with an exec stage in the
        // config; SIGPIPE killed the run (status 141, no message), and the errors file's
        // temporary copy stayed in the working directory, its failures lost.
        signal(SIGPIPE, SIG_IGN)
        let pipeline = try Pipeline(config: config)
        if options.mapSide { return try runMapSide(pipeline) }
        let outputs = RunOutputs(config: config, options: options, pipeline: pipeline)
        var resolver = InputResolver(excluding: outputs.neverInput, folders: outputs.neverInputFolders)
        // A run stopped before its end (refused, or a file it could not write) carries what the
        // inputs' listing warned of (`RefusalWarnings`): "no file matches 'in/*.txt'" is often
        // why, and the refusal alone hid it.
        return try refusing(warnings: { resolver.warnings }) {
            let files = try resolver.resolve(config.inputs)
            return try run(pipeline, outputs: outputs, files: files, resolver: resolver)
        }
    }

    /// The run once the inputs are listed: the refusals, the state folder, the run (made again
    /// when the saved state turns out damaged).
    private func run(_ pipeline: Pipeline, outputs: RunOutputs, files: [InputFile], resolver: InputResolver) throws -> RunSummary {
        let readsStdin = files.contains(where: \.isStdin)
        try outputs.checkCanWrite(readingStdin: readsStdin, limited: options.limit != nil)
        try outputs.checkWritable(stageFolders: options.keepState && config.keepsState && !readsStdin)
        try outputs.checkReplacesNoInput(foundAmongInputs: resolver.ownFilesFound)
        let keepsState = options.keepState && config.keepsState && !readsStdin
        if !keepsState {
            try pipeline.checkSavedState()
            try pipeline.holdSavedState()
        }
        // The notices of what the run found and mended once (a damaged owner file, legacy side
        // files adopted): a run made again does not find them again, and they were lost.
        var warnings = resolver.warnings
        // The state folder, locked once for both tries of a run made again: the lock was
        // released between them, and another run on the output that started in that gap made
        // the run made again exit 2 ("another textmill run … is writing") while it ran on the
        // state the first was rebuilding.
        var store: StateStore?
        if keepsState {
            // Nothing is read yet: a write that fails here (a full disk, a lock file the user
            // may not write) said "the next run finishes the work" of a run that had done none.
            if let note = try WriteError.beforeReading({ try outputs.owned.adoptLegacyFiles() }) { warnings.append(note) }
            let s = StateStore(outputs: outputs.paths)
            try WriteError.beforeReading { try s.open() }
            warnings += s.notes
            store = s
        }
        defer { store?.close() }
        do {
            return try run(pipeline, outputs: outputs, files: files, store: store, warnings: &warnings)
        } catch let failure as WriteError where failure.foundBeforeReading {
            // Nothing was read or written (the journal could not start): a state folder this run
            // made goes again, as `open` removes one it could not lock.
            store?.removeMadeFolder()
            throw failure
        } catch let damaged as StateFoundDamaged {
            // The state the run built on (dedup's record store) is damaged where the check before
            // the run did not read: the run was given up, its outputs untouched, and is made
            // again from an empty state with stages of their own (the first run's hold what it
            // met), as when the check finds the damage. It failed each document that met a
            // damaged record (exit 1, "run again with --force"), and the next run built on it too.
            // The new stages take over what the first ones hold (dedup's index lock, still held)
            // before those close the rest.
            let again = try Pipeline(config: config)
            again.continueRun(from: pipeline)
            pipeline.closeState()
            betweenTries?()
            let reason = "the saved stage state of the last run (dedup's index) turned out damaged during the run (\(damaged.problem)): reprocessing every file"
            return try run(again, outputs: outputs, files: files, store: store, warnings: &warnings, stateLost: reason)
        }
    }

    /// Test seam: called when a try given up for damaged state (`StateFoundDamaged`) is over and
    /// the run made again has not started, where nothing the run locks may be free.
    var betweenTries: (() -> Void)?

    /// The run once the refusals are past: `stateLost`, when given, is why every file is
    /// processed from an empty state (the saved state turned out damaged during a first try).
    /// `store`, the state folder opened (locked) by the caller, is nil for a run without state.
    /// `warnings` gains the notices of what the run did once, for a run made again to keep.
    private func run(_ pipeline: Pipeline, outputs: RunOutputs, files: [InputFile], store: StateStore?, warnings: inout [String],
                     stateLost: String? = nil) throws -> RunSummary {
        var summary = RunSummary()
        summary.outputPath = outputs.paths.output
        summary.errorsPath = outputs.paths.errors
        summary.duplicatesPath = outputs.paths.duplicates
        summary.filteredPath = outputs.paths.filtered
        summary.warnings = warnings
        let start = Stopwatch()

        var work: [(file: InputFile, identity: FileIdentity?)] = files.map { ($0, nil) }
        var identitiesAtOpen = false
        var identitiesTakenAt = Int.min
        var writtenIDs = IDSet(), keptIDs = IDSet()
        // True when persistent stages start from saved state (an incremental or resumed run):
        // damage found in it during the run makes the run start again (`StateFoundDamaged`).
        var stopsOnDamagedState = false
        let sink: RecordSink
        // What the run writes before it reads a document (the journal, the part files) says, when
        // it fails, that nothing was read or written: unless a first try read them all
        // (`stateLost`), or a killed run's commit was just put in place.
        var beforeReading = stateLost == nil
        func settingUp<T>(_ body: () throws -> T) throws -> T {
            beforeReading ? try WriteError.beforeReading(body) : try body()
        }
        if let s = store {
            if try OutputCommit(store: s).rollForward() { beforeReading = false }
            if stateLost != nil { try s.discardJournal() }
            var plan = try settingUp { try startStatefulRun(pipeline, files: files, store: s, summary: &summary, stateLost: stateLost) }
            work = plan.toProcess
            stopsOnDamagedState = !plan.tokens.isEmpty
            identitiesAtOpen = plan.identitiesAtOpen
            identitiesTakenAt = plan.identitiesTakenAt
            // The writer starts from the ids the output keeps from earlier runs (`KeptIDs`) and
            // the records the killed run wrote before its last checkpoint, which are this run's:
            // a later record under one of their ids is refused as in a run from scratch or an
            // uninterrupted one (the writer, starting empty, wrote it: the id twice in the output
            // under exit 0).
            keptIDs = plan.keptIDs
            plan.keptIDs = IDSet()
            if let journal = plan.resume { try RunPlan.resumedIDs(store: s, length: journal.partSizes[.output], into: &writtenIDs) }
            let persistent = pipeline.persistentStages
            let info = PartSink.CommitInfo(plan: plan, fingerprint: ConfigFingerprint(config)) {
                var tokens = JSONObject()
                for (index, stage) in persistent { tokens["\(index)"] = try stage.checkpoint() }
                return tokens
            }
            sink = try settingUp { try PartSink(store: s, info: info, gzipOutput: outputs.paths.output.hasSuffix(".gz")) }
        } else {
            sink = try settingUp { try DirectSink(paths: outputs.paths, showFailure: DirectSink.failureOnStderr(progress: options.progress)) }
        }
        summary.files = work.count
        if let limit = options.limit { summary.mode = "preview: at most \(RunOptions.firstDocuments(limit)), no state kept" }

        let totals = try execute(pipeline, work: work, sink: sink, checkpoints: store != nil, identitiesAtOpen: identitiesAtOpen,
                                 identitiesTakenAt: identitiesTakenAt,
                                 writtenIDs: writtenIDs, keptIDs: keptIDs, stopsOnDamagedState: stopsOnDamagedState, startedAgain: stateLost)
        summary.items = totals.items
        summary.bytesRead = totals.bytes
        summary.written = totals.counts.output
        summary.failed = totals.counts.errors
        summary.duplicates = totals.counts.duplicates
        summary.filtered = totals.counts.filtered
        summary.marked = totals.marked
        summary.reusedIDs = totals.reusedIDs
        sink.keep(ids: [totals.keptIDs, totals.ids])
        if let notice = totals.changedWhileRead.warning(kept: store != nil && options.limit == nil) { summary.warnings.append(notice) }
        if options.limit != nil { summary.files = totals.files }
        summary.standing = try sink.commit()
        do {
            try pipeline.finish()
        } catch let e as WriteError {
            summary.unwritten.append("\(e): \(e.remedy)")
        } catch {
            summary.warnings.append("\(error)")
        }
        summary.seconds = start.seconds
        summary.stages = pipeline.stats.stages
        summary.inputFieldsMoved = pipeline.stats.inputFieldsMoved
        summary.inputFieldsRepeated = pipeline.stats.inputFieldsRepeated
        summary.inputSkipped = pipeline.stats.inputSkipped
        if config.output != "-" {
            do {
                // The figures this run replaces, read up to a bound: a stats file is a few KB.
                let found = SmallFile.read(outputs.owned.stats)
                if let refused = SmallFile.refusal(found, path: outputs.owned.stats) {
                    summary.warnings.append(refused + " (its figures are not kept under 'previous'); this run's replace it")
                }
                var previous: JSONObject?
                if case .bytes(let bytes) = found { previous = (try? JSONParser.parse(bytes))?.objectValue }
                try DurableFile.write(Array((RunReport.json(summary, previous: previous).jsonText + "\n").utf8), to: outputs.owned.stats)
            } catch {
                // The records are committed; the figures beside them are the previous run's.
                let remedy = (error as? WriteError)?.remedy ?? "fix the cause and run again: the next run writes them"
                summary.unwritten.append("\(error); \(MessageText.quoted(outputs.owned.stats)) still holds the previous run's figures: \(remedy)")
            }
        }
        return summary
    }

    /// Plans a run with state: which files to process and which earlier records to keep; says
    /// why everything is reprocessed or what is resumed the moment it is known; brings persistent
    /// stages to the plan's state; starts (or resumes) the journal.
    private func startStatefulRun(_ pipeline: Pipeline, files: [InputFile], store: StateStore, summary: inout RunSummary,
                                  stateLost: String?) throws -> RunPlan {
        let fingerprint = ConfigFingerprint(config)
        let persistent = pipeline.persistentStages
        let restoreProblem = { (token: JSONObject) in pipeline.restoreProblem(token, thorough: self.options.checkOutputs) }
        var plan = RunPlan.make(files: files, store: store, configHash: fingerprint.hash, force: options.force,
                                identitiesUpFront: options.progress, restoreProblem: restoreProblem, thorough: options.checkOutputs,
                                reprocessing: stateLost)
        if let problem = plan.emptiedCorpusProblem(files: files, output: config.output) { throw StateError(message: problem) }
        plan.explainConfigChange(fingerprint, store: store)
        // Why the id file was not used (`RunPlan.readKeptIDs`), for the summary.
        var idFileNote: String?
        // Read back from the outputs: the duplicates of records that go away, the ids dedup
        // forgets (read once for every persistent stage), and those the writer starts from. An output whose range is no longer the
        // records the last run wrote there (changed in place: its size is the same) cannot say
        // them: every file is processed again, as when an output's size changed.
        do {
            try plan.followKeptRecords(files: files, store: store, pipeline: pipeline, thorough: options.checkOutputs)
            if plan.forgetsState(of: persistent) && plan.forgottenDocuments == nil {
                plan.forgottenDocuments = try RunPlan.documents(of: plan.forgotten, store: store, failedAfterIndexing: pipeline.stagesAfterIndexing)
            }
            idFileNote = try plan.readKeptIDs(store: store)
        } catch let changed as RecordLines.Changed {
            plan = RunPlan.make(files: files, store: store, configHash: fingerprint.hash, force: false,
                                identitiesUpFront: options.progress, restoreProblem: restoreProblem, thorough: options.checkOutputs,
                                reprocessing: RunPlan.changedOutputsReason(changed))
            idFileNote = nil
        }
        if let idFileNote { summary.warnings.append(idFileNote) }
        // Kept records of a manifest written before TextMill kept their hashes get them now.
        if !plan.full { KeptRangeCheck.fillMissingHashes(&plan.kept, outputs: store.outputs) }
        summary.reprocessReason = plan.reason
        if let reason = plan.reason { options.notify?(reason) }
        if let damage = plan.journalDamage { options.notify?(damage) }
        for (folder, count) in plan.unlisted.sorted(by: { $0.key < $1.key }) {
            options.notify?("\(MessageText.quoted(folder)) could not be listed (its error is in the errors file): the records of the last run's "
                + "\(MessageText.counted(count, "file")) under it are kept as they were; the next run that can list it processes what changed there")
        }
        let resumed = plan.counts.resumed
        if resumed > 0 { options.notify?("resuming after \(MessageText.counted(resumed, "file")) done by the interrupted run") }
        if let journal = plan.resume, !journal.files.isEmpty { summary.resumed = ResumedWork(journal.files) }
        summary.mode = plan.full
            ? "full: \(MessageText.counted(plan.toProcess.count, "file"))" + (resumed > 0 ? ", resuming after \(MessageText.counted(resumed, "file")) done by the interrupted run" : "")
            : "incremental: \(plan.counts.new) new, \(plan.counts.changed) changed, \(plan.counts.deleted) deleted, "
                + (plan.counts.reprocessed > 0 ? "\(plan.counts.reprocessed) processed again (\(RunPreview.reprocessedWhy)), " : "")
                + MessageText.counted(plan.kept.count, "unchanged file")
                + (resumed > 0 ? ", \(resumed) done by the interrupted run" : "")
        // Read once for every persistent stage, above.
        let forgets = plan.forgetsState(of: persistent)
        let forgotten = forgets ? plan.documentsToForget : []
        for (index, stage) in persistent {
            stage.keepSaved(plan.committedTokens["\(index)"] ?? .null)
            try stage.restore(to: plan.tokens["\(index)"] ?? .null)
            if forgets { try stage.forget(forgotten) }
            (stage as? KeepsOutputIDs)?.keep(outputIDs: plan.keptIDs)
        }
        if let journal = plan.resume {
            try store.journal.truncate(to: journal.length)
        } else {
            try store.journal.start(config: fingerprint.hash, full: plan.full)
        }
        return plan
    }
}

/// The files a run writes: the outputs (with `--errors`/`--duplicates` overrides), the side files
/// named after the output, and the files stages declare (plugin logs). None of them is ever read
/// as input.
struct RunOutputs {
    let owned: OutputFiles
    let paths: PerOutput<String>
    /// Files stages write beside the output (`Stage.sideFiles`).
    let stageFiles: [String]
    /// Folders stages keep their state in outside the state folder (`Stage.sideFolders`).
    let stageFolders: [String]
    /// Files the run reads to know what to do, with what each is: the config file, and every
    /// path a stage's options name (plugin scripts, lexicons, residue files), as the config
    /// fingerprint hashes them.
    let configFiles: [(path: String, what: String)]

    init(config: PipelineConfig, options: RunOptions, pipeline: Pipeline) {
        owned = OutputFiles(output: config.output)
        paths = PerOutput(output: config.output, errors: options.errorsPath ?? owned.errors,
                          duplicates: options.duplicatesPath ?? owned.duplicates, filtered: owned.filtered)
        stageFiles = pipeline.steps.flatMap { $0.stage.sideFiles }
        stageFolders = pipeline.steps.flatMap { $0.stage.sideFolders }
        var read: [(String, String)] = config.path.isEmpty ? [] : [(config.path, "the config file")]
        for stage in config.stages {
            let options = JSONObject(stage.options.values.filter { !ConfigFingerprint.writtenOptions.contains($0.key) })
            ConfigFingerprint.strings(in: .object(options)) { value in
                if !value.isEmpty { read.append((stage.options.environment.resolve(value), "a file stage \(MessageText.quoted(stage.name)) reads")) }
            }
        }
        configFiles = read
    }

    /// Paths the input resolver skips.
    var neverInput: [String] { paths.values + [owned.stats] + stageFiles }

    /// Folders whose files the input resolver never reads: the state folder (manifest, journal,
    /// dedup index), however it is reached.
    var neverInputFolders: [String] { (owned.isStdout ? [] : [owned.stateDirectory]) + stageFolders }

    /// The identities (device and inode) of the run's own files as they stand: the outputs and
    /// side files that exist, every regular file in the state folder and in the folders in it
    /// (`dedup/`, `dedup-2/`), the part files a resumed run appends to included, and the files
    /// of a dedup index folder named elsewhere (the files in it, not in folders below: it may be
    /// any folder, `index: /data`, and its tree is not looked through). The reader
    /// refuses an input that is one of them under another name (`ReadSettings.ownFiles`).
    func ownFileIdentities() -> [InputResolver.FolderID: OwnFile] {
        var ids: [InputResolver.FolderID: OwnFile] = [:]
        func collect(_ folder: String, depth: Int) {
            guard depth > 0, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
            for name in names {
                let path = folder + "/" + name
                var st = stat()
                guard lstat(path, &st) == 0 else { continue }
                switch st.st_mode & S_IFMT {
                case S_IFREG: ids[InputResolver.FolderID(st)] = .state
                case S_IFDIR: collect(path, depth: depth - 1)
                default: break
                }
            }
        }
        if !owned.isStdout { collect(owned.stateDirectory, depth: 2) }
        for folder in stageFolders { collect(folder, depth: 1) }
        for path in neverInput where path != "-" {
            if let id = InputResolver.FolderID(path: path, kind: S_IFREG) { ids[id] = .output(path) }
        }
        return ids
    }

    /// Refuses outputs that cannot be written before anything is read: an output that is a
    /// folder (found only at the commit, it left a pending commit that failed every later run),
    /// and an incremental corpus replaced by a run that reads stdin or a `--limit` preview.
    func checkCanWrite(readingStdin: Bool, limited: Bool) throws {
        for path in paths.values where path != "-" {
            if let problem = RunOutputs.problem(with: path) { throw StateError(message: problem) }
        }
        for path in paths.values + [owned.stats] where !owned.isStdout && path != "-" {
            if let problem = RunOutputs.linkProblem(path, isOutput: path == paths.output) { throw StateError(message: problem) }
        }
        // The figures are renamed into place too: a named pipe there was replaced by a file.
        if !owned.isStdout, let kind = OutputFiles.nonFileKind(at: owned.stats) {
            throw StateError(message: "\(MessageText.quoted(owned.stats)) is \(kind), not a file: the run writes its figures there, replacing it whole; move it away")
        }
        if let problem = RunOutputs.nameTooLong(owned, paths: paths) { throw StateError(message: problem) }
        if let problem = pathTooLong() { throw StateError(message: problem) }
        if let problem = fileInTheWay() { throw StateError(message: problem) }
        // A folder a stage keeps this output's state in (dedup's `index:`) that another output keeps.
        for folder in stageFolders where !owned.isStdout && !limited {
            if let problem = SideFolderOwner.problem(folder: folder, output: owned.output, what: "the dedup index") { throw StateError(message: problem) }
        }
        if let problem = replacedConfigFile() { throw StateError(message: problem) }
        for path in paths.values + [owned.stats] where !owned.isStdout && path != "-" {
            if let problem = RunOutputs.ownedByAnotherOutput(path, own: owned) { throw StateError(message: problem) }
        }
        if let problem = sharedFiguresProblem() { throw StateError(message: problem) }
        for path in stageFiles {
            if let problem = stageFileProblem(path) { throw StateError(message: problem) }
        }
        if !owned.isStdout, let problem = RunOutputs.linkedStateFolderProblem(owned) { throw StateError(message: problem) }
        // Runs that keep no state never replace a corpus that has some.
        guard readingStdin || limited, !owned.isStdout, owned.isIncrementalCorpus else { return }
        let corpus = "\(MessageText.quoted(owned.output)) is an incremental corpus (it has a state folder)"
        if readingStdin {
            throw StateError(message: "\(corpus), and a run that reads stdin never replaces one: write to stdout (--output -) or name another --output")
        }
        throw StateError(message: "\(corpus), and a run with --limit is a preview that keeps no state, so it never replaces one: name another --output (e.g. --output preview.jsonl), or --output - for stdout")
    }
}

extension RunOutputs {
    /// Refuses, before anything is read, a run whose files could not be written at its end (an
    /// overnight run would otherwise do all its work and fail at the commit, or, appending in
    /// place, commit its records and leave `NAME.stats.json` stale): the folder the outputs go to
    /// (or the nearest one that exists, where it is created), the state folder, a dedup index
    /// folder, and every output and side file that exists must be writable. Throws the `WriteError` of the first that is
    /// not (exit 3), marked `foundBeforeReading` (its message says nothing was read or
    /// written); a run to stdout checks nothing, as it may write no file at all.
    func checkWritable(stageFolders keepsState: Bool) throws {
        try WriteError.beforeReading { try checkEachWritable(stageFolders: keepsState) }
    }

    /// The checks of `checkWritable`.
    private func checkEachWritable(stageFolders keepsState: Bool) throws {
        guard !owned.isStdout else { return }
        var folders: [String] = []
        for path in paths.values + [owned.stats] where path != "-" {
            let folder = PathText.folder(of: path)
            if !folders.contains(folder) { folders.append(folder) }
        }
        // A dedup index kept outside the state folder (`index:`), when the run keeps state.
        if keepsState { folders += stageFolders }
        for folder in folders {
            var existing = folder.isEmpty ? "." : folder
            // Up to the nearest thing there: a file where a folder on the way must be (the state
            // folder replaced by a file) is named itself, not the folder below it that the run
            // would make ("cannot create files in 'out/.corpus.textmill/dedup': Not a directory").
            while access(existing, F_OK) != 0 && (errno == ENOENT || errno == ENOTDIR) {
                let parent = PathText.folder(of: existing)
                existing = parent.isEmpty ? "." : parent
                if existing == "/" { break }
            }
            try RunOutputs.checkWritableFolder(existing)
        }
        if access(owned.stateDirectory, F_OK) == 0 { try RunOutputs.checkWritableFolder(owned.stateDirectory) }
        if keepsState { try checkStateFolderDevice() }
        for path in paths.values + [owned.stats] where path != "-" && access(path, F_OK) == 0 {
            if access(path, W_OK) != 0 { throw WriteError(path: path, action: "open for writing", code: errno) }
        }
    }

    /// Throws when the state folder is on another file system or mount than a folder the outputs
    /// go to (a symbolic link, a mount or a bind mount puts it elsewhere): the commit renames the
    /// part files from it into place, and every run read everything and then failed there
    /// ("cannot rename …: Invalid cross-device link", exit 3), leaving a pending commit that
    /// failed every run after it, though the message said the next run would finish the work.
    /// A bind mount of the output's own file system keeps `st_dev`, so the mounts are compared
    /// too (`MountPlace`).
    func checkStateFolderDevice() throws {
        guard let state = MountPlace.of(owned.stateDirectory) else { return }
        for path in paths.values + [owned.stats] where path != "-" {
            var folder = PathText.folder(of: path).isEmpty ? "." : PathText.folder(of: path)
            var st = stat()
            while stat(folder, &st) != 0 {
                guard errno == ENOENT, folder != "/" else { return }
                let parent = PathText.folder(of: folder)
                folder = parent.isEmpty ? "." : parent
            }
            if let place = MountPlace.of(folder), !place.sharesRenames(with: state) {
                throw WriteError(path: owned.stateDirectory, action: "rename files into \(MessageText.quoted(folder)) from", code: EXDEV,
                                 detail: "it is on another file system or mount (a link or a mount puts it there), and a commit renames the state folder's files into place")
            }
        }
    }

    /// Throws the `WriteError` of a folder the run cannot create files in: a file where the
    /// folder must be ("cannot make a folder at …: Not a directory", as creating it would say),
    /// or a folder without write permission.
    static func checkWritableFolder(_ path: String) throws {
        var st = stat()
        if stat(path, &st) == 0 && st.st_mode & S_IFMT != S_IFDIR { throw WriteError(path: path, action: "make a folder at", code: ENOTDIR) }
        if access(path, W_OK | X_OK) != 0 { throw WriteError(path: path, action: "create files in", code: errno) }
    }

    /// Why a run cannot write its records at `path`, or nil: a path that can only name a folder
    /// (empty, ending in "/", ".", ".."), a folder, or something that is not a file (a device
    /// such as /dev/null, a named pipe, a socket), which the commit's rename would replace by a
    /// file, as root even /dev/null.
    static func problem(with path: String) -> String? {
        if path.isEmpty { return "the output path is empty; name a file, e.g. 'output/corpus.jsonl'" }
        var st = stat()
        let exists = stat(path, &st) == 0
        let isFolder = exists && st.st_mode & S_IFMT == S_IFDIR
        if PathText.namesFolder(path) || isFolder {
            // A file in a state folder is refused too (`ownedByAnotherOutput`): `-o out/.corpus.textmill`
            // was told to name 'out/.corpus.textmill/corpus.jsonl'. The output the folder keeps the
            // state of is a file a run may write.
            if let state = OutputFiles.enclosingStateFolder(of: path) {
                let what = state.isIt ? "is the state folder" : "is a folder in the state folder \(MessageText.quoted(state.folder))"
                guard let output = state.output else { return "the output \(MessageText.quoted(path)) \(what) of another output; name a file outside it" }
                return "the output \(MessageText.quoted(path)) \(what) of the output \(MessageText.quoted(output)); name a file outside it, e.g. \(MessageText.quoted(output)) to write that output again"
            }
            return "the output \(MessageText.quoted(path)) is a folder; name a file, e.g. \(MessageText.quoted(fileExample(in: path, exists: isFolder)))"
        }
        guard exists, let kind = OutputFiles.nonFileKind(at: path) else { return nil }
        return "the output \(MessageText.quoted(path)) is \(kind), not a file: a run replaces its outputs whole and would put a file in its place; name a file, or write the records to stdout with --output - (e.g. --output - > /dev/null to discard them)"
    }

    /// Why a run cannot write `path` when it is a symbolic link, or nil: the commit renames a new
    /// file over it, which put a plain file in the link's place and left its target as it was
    /// (`-o out.jsonl` with out.jsonl → runs/real.jsonl: real.jsonl kept the old records).
    /// Following the link would put the side files and the state folder beside one name and
    /// the records at another, so the run is refused and told the target's name instead.
    static func linkProblem(_ path: String, isOutput: Bool) -> String? {
        guard let target = OutputFiles.symbolicLinkTarget(at: path) else { return nil }
        let what = isOutput ? "the output" : "the output's side file"
        let advice = isOutput
            ? "give the target itself (--output \(MessageText.quoted(target))), or remove the link"
            : "remove the link (the side files are written beside the output, named after it)"
        return "\(what) \(MessageText.quoted(path)) is a symbolic link to \(MessageText.quoted(target)): a run replaces its files whole, "
            + "renaming a new file into place, which would replace the link by a plain file and leave \(MessageText.quoted(target)) as it was; \(advice)"
    }

    /// Why writing `path` would replace a file another output owns, or nil (`OutputFiles.anotherOutputsFile`:
    /// `-o out/corpus.errors.jsonl` replaced corpus.jsonl's errors file with records, `-o
    /// out/.corpus.textmill/manifest.json` its manifest).
    static func ownedByAnotherOutput(_ path: String, own: OutputFiles) -> String? {
        switch own.anotherOutputsFile(at: path) {
        case nil:
            return nil
        case .besideItsStateFolder:
            return "\(MessageText.quoted(path)) is a file of another output in its folder (an output or a side file beside its state folder '.NAME.textmill' or its figures 'NAME.stats.json'): the run would replace it with its own; name another --output"
        case .inStateFolder(let folder):
            return "\(MessageText.quoted(path)) lies in the state folder \(MessageText.quoted(folder)) of another output: the run would replace that output's state; name an --output outside it"
        }
    }

    /// Why the output would share its files with another output of its NAME that a run without
    /// state wrote, or nil: the figures `NAME.stats.json` name that output (`p.jsonl`, a
    /// preview's, for `-o p.jsonl.gz`), which is still there. Outputs with a state folder are
    /// told apart by its owner file (`StateStore.open`); the preview's side files were replaced.
    func sharedFiguresProblem() -> String? {
        guard !owned.isStdout, !owned.isIncrementalCorpus, let named = InputResolver.statsOutputName(owned.stats),
              named != PathText.name(of: owned.output), StateStore.couldShare(named, with: owned),
              access(owned.directory.isEmpty ? named : owned.directory + "/" + named, F_OK) == 0 else { return nil }
        return "the output \(MessageText.quoted(owned.output)) would share its side files and figures \(MessageText.quoted(owned.stats)) with \(MessageText.quoted(named)) in the same folder; give it another name"
    }

    /// Why the output's state folder may not be used, or nil: a symbolic link that leads to
    /// another output's state folder (`ln -s .a.textmill out/.b.textmill`). Each output's run took
    /// the folder over ("the owner file … was damaged or copied"), replaced the other's manifest
    /// and dedup index with its own, and so made the other's next run reprocess every file. A
    /// link to a folder that is no output's state folder (`.corpus.textmill` → elsewhere/state),
    /// or a link in the folder part of the output's path, is followed as any folder is.
    static func linkedStateFolderProblem(_ own: OutputFiles) -> String? {
        let folder = own.directory.isEmpty ? "." : own.directory
        guard OutputFiles.enclosingStateFolder(of: own.stateDirectory)?.isIt == true,
              let real = realpath(folder, nil) else { return nil }
        let expected = String(cString: real) + "/" + PathText.name(of: own.stateDirectory)
        free(real)
        guard let resolved = realpath(own.stateDirectory, nil) else { return nil }
        defer { free(resolved) }
        let target = String(cString: resolved)
        guard target != expected else { return nil }
        // The output beside the folder the link leads to (`enclosingStateFolder` spells it by
        // the link's own path when the names agree, which would name this output).
        let whose = OutputFiles.owner(ofStateDirectory: target).map { "the state folder of \(MessageText.quoted(PathText.folder(of: target) + "/" + $0))" }
            ?? "another output's state folder"
        return "the state folder \(MessageText.quoted(own.stateDirectory)) of \(MessageText.quoted(own.output)) is a symbolic link to \(MessageText.quoted(target)), \(whose): "
            + "each output's run would replace the other's manifest and dedup index with its own; remove the link (the run makes a state folder of its own)"
    }

    /// Why a file a stage writes (exec's log, and LOG.1 the next run keeps) may not be where it
    /// is, or nil: one of the output's own files, however spelled (the output, a side file, a
    /// file of its state folder other than the plugin logs kept there, a file of its dedup
    /// index), or a file of another output. Each run moves the log to LOG.1 and writes the
    /// plugin's stderr in its place: `log: out/corpus.jsonl` moved the records to
    /// corpus.jsonl.1, and the next run appended its records to the plugin's stderr and said
    /// "the previous outputs are intact" (exit 3).
    func stageFileProblem(_ path: String) -> String? {
        guard !owned.isStdout else { return nil }
        var what: String?
        if let own = owned.ownFile(at: path) {
            if own != "a file in the state folder" || !RunOutputs.isPluginLogPlace(path, stateDirectory: owned.stateDirectory) { what = own }
        } else if let folder = stageFolders.first(where: { RunOutputs.lies(path, inside: $0) }) {
            what = "a file of the dedup index \(MessageText.quoted(folder))"
        } else if case .inStateFolder(let folder)? = owned.anotherOutputsFile(at: path),
                  InputResolver.FolderID(path: folder) != InputResolver.FolderID(path: owned.stateDirectory) {
            what = "a file in the state folder \(MessageText.quoted(folder)) of another output"
        } else if owned.anotherOutputsFile(at: path) == .besideItsStateFolder {
            what = "a file of another output in its folder"
        }
        guard let what else { return nil }
        return "\(MessageText.quoted(path)), a file a stage writes (exec's log, kept as LOG.1 by the next run), is \(what) of \(MessageText.quoted(owned.output)): "
            + "each run moves the log away to LOG.1 and writes the plugin's stderr in its place; name a log outside the output's files"
    }

    /// True for a file directly in the state folder whose name starts with "exec-": where the
    /// plugin logs live by default (`OutputFiles.pluginLog`), however the folder is spelled.
    static func isPluginLogPlace(_ path: String, stateDirectory: String) -> Bool {
        guard PathText.name(of: path).hasPrefix("exec-"), let folder = InputResolver.FolderID(path: PathText.folder(of: path).isEmpty ? "." : PathText.folder(of: path)) else { return false }
        return folder == InputResolver.FolderID(path: stateDirectory)
    }

    /// True when `path` lies in `folder` or a folder below it (links and `..` resolved).
    static func lies(_ path: String, inside folder: String) -> Bool {
        guard let inner = realpath(PathText.folder(of: path).isEmpty ? "." : PathText.folder(of: path), nil) else { return false }
        defer { free(inner) }
        guard let outer = realpath(folder, nil) else { return false }
        defer { free(outer) }
        return PathText.isWithin(String(cString: inner), String(cString: outer))
    }

    /// Why a file the run writes (an output, a side file, exec's log) would replace the config
    /// file or a file it names, however spelled (same device and inode), or nil: `output:` naming
    /// the config itself replaced the pipeline with its records under exit 0, and `log:` naming
    /// a plugin's script moved the script away to LOG.1. An output an earlier run wrote (it has
    /// a state folder or a stats file) may be named by an option, for a plugin to read.
    func replacedConfigFile() -> String? {
        var read: [InputResolver.FolderID: (path: String, what: String)] = [:]
        for file in configFiles {
            if let id = InputResolver.FolderID(path: file.path, kind: S_IFREG), read[id] == nil { read[id] = file }
        }
        guard !read.isEmpty else { return nil }
        let fm = FileManager.default
        let written = owned.isIncrementalCorpus || fm.fileExists(atPath: owned.stats) || fm.fileExists(atPath: owned.legacy.stats)
        let outputs = (owned.isStdout ? [] : [owned.stats]) + paths.values.filter { $0 != "-" }
        for (path, isOutput) in outputs.map({ ($0, true) }) + stageFiles.map({ ($0, false) }) {
            guard let id = InputResolver.FolderID(path: path), let file = read[id] else { continue }
            if isOutput && written && file.what != "the config file" { continue }
            return "\(MessageText.quoted(path)), a file the run writes, is \(file.what) \(MessageText.quoted(file.path)): the run would replace it; name another output (or log)"
        }
        return nil
    }

    /// Why the output's name is too long for the files named after it, or nil. An output of
    /// 245 bytes was written whole and failed at the commit, after every document, with "File
    /// name too long": its side files (`NAME.duplicates.jsonl`) and their temporary copies
    /// (`.NAME.duplicates.jsonl.tmp-PID`) are longer than the file system allows a name.
    static func nameTooLong(_ owned: OutputFiles, paths: PerOutput<String>) -> String? {
        guard !owned.isStdout else { return nil }
        let names = (paths.values + [owned.stats, owned.stateDirectory]).filter { $0 != "-" && PathText.folder(of: $0) == owned.directory }.map { PathText.name(of: $0) }
        guard let longest = names.max(by: { $0.utf8.count < $1.utf8.count }) else { return nil }
        // ".NAME.tmp-PID": a dot, ".tmp-" and a process id of up to 10 digits.
        let worst = longest.utf8.count + 16
        let max = nameLimit(near: owned.output)
        guard worst > max else { return nil }
        let name = PathText.name(of: owned.output)
        return "the output's name \(MessageText.quoted(name)) is too long: its side file \(MessageText.quoted(longest)), written as a temporary copy first, would need a name of \(worst) bytes, above the \(max) this file system allows; name the output at most \(name.utf8.count - (worst - max)) bytes long"
    }

    /// A file path to suggest for an output that names a folder.
    private static func fileExample(in folder: String, exists: Bool) -> String {
        var trimmed = folder
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        let name = PathText.name(of: trimmed)
        // `out/corpus.jsonl/` meant the file; an existing folder `out/dir.jsonl` is no example
        // of a file (it was offered as one).
        if !exists && !trimmed.hasSuffix("/") && name != "." && name != ".." && name.contains(".") { return trimmed }
        return trimmed.isEmpty || trimmed.hasSuffix("/") ? trimmed + "corpus.jsonl" : trimmed + "/corpus.jsonl"
    }

    /// Refuses to replace an input: the output file (or a file a stage writes beside it, exec's
    /// log and its `.1`) exists, a folder or glob of the inputs holds it (the resolver skipped it
    /// as this run's own), and no textmill run wrote it (no state folder, no stats file beside the
    /// output). Such a file is a document the user gave as input.
    func checkReplacesNoInput(foundAmongInputs found: [String]) throws {
        guard !found.isEmpty else { return }
        let identities = Set(found.compactMap { InputResolver.FolderID(path: $0) })
        func isInput(_ path: String) -> Bool {
            InputResolver.FolderID(path: path, kind: S_IFREG).map(identities.contains) ?? false
        }
        // A log that the last run read as a document (the config named it as the log since).
        if let file = stageFiles.first(where: { isInput($0) && owned.inputFile(at: $0) != nil }) {
            throw StateError(message: "\(MessageText.quoted(file)), a file a stage writes (exec's log, kept as LOG.1 by the next run), is one of the input files, and the last run read it as a document: the run would move that input away and write in its place. Name a log outside the inputs, or move the file out of them")
        }
        let fm = FileManager.default
        guard !owned.isIncrementalCorpus, !fm.fileExists(atPath: owned.stats), !fm.fileExists(atPath: owned.legacy.stats) else { return }
        let output = paths.output
        // A run to stdout keeps no state folder nor stats file: nothing shows that an earlier run
        // wrote the file (the message named '.textmill.textmill' and 'stats.json').
        let unwritten = owned.isStdout
            ? "a run to stdout keeps no state that would show an earlier run wrote it"
            : "no textmill run wrote it (it has no state folder \(MessageText.quoted(owned.stateDirectory)) and no \(MessageText.quoted(owned.stats)))"
        if output != "-" && isInput(output) {
            throw StateError(message: "the output \(MessageText.quoted(output)) is one of the input files, and \(unwritten): the run would replace that input with its records. Name an --output outside the inputs, or move the file out of them")
        }
        // A side file named after the output: `-o in/c.jsonl` over an input folder holding a
        // document `c.errors.jsonl` replaced that document with the run's errors (exit 0).
        let sideFiles: [(OutputKind?, String)] = [(.errors, paths.errors), (.duplicates, paths.duplicates), (.filtered, paths.filtered), (nil, owned.stats)]
        if let (kind, file) = sideFiles.first(where: { $0.1 != "-" && isInput($0.1) }) {
            let what = kind.map { "the \($0.key) file" } ?? "the stats file"
            throw StateError(message: "\(MessageText.quoted(file)), \(what) of the output \(MessageText.quoted(output)), is one of the input files, and \(unwritten): the run would replace that input. Name an --output outside the inputs (or another name for it), or move the file out of them")
        }
        // exec's log: the run renamed such an input to LOG.1 and wrote the plugin's stderr in its
        // place, and the next run's rename lost the document.
        if let file = stageFiles.first(where: isInput) {
            throw StateError(message: "\(MessageText.quoted(file)), a file a stage writes (exec's log, kept as LOG.1 by the next run), is one of the input files, and \(unwritten): the run would move that input away and write in its place. Name a log outside the inputs, or move the file out of them")
        }
    }
}

extension Pipeline {
    /// Corpus stages whose state outlives a run, with their position in the config.
    var persistentStages: [(index: Int, stage: PersistentStage)] {
        steps.compactMap { step in (step.stage as? PersistentStage).map { (step.index, $0) } }
    }

    /// The stages after the first persistent stage (dedup), by position: a document that failed
    /// in one of them had been indexed (`RunPlan.documents(of:store:failedAfterIndexing:)`).
    var stagesAfterIndexing: StagesAfterIndexing {
        guard let first = steps.firstIndex(where: { $0.stage is PersistentStage }) else { return StagesAfterIndexing() }
        let after = steps[(first + 1)...]
        return StagesAfterIndexing(names: Set(after.map(\.name)), numbers: Set(after.map { $0.index + 1 }))
    }

    /// The files where this pipeline's dedup stages keep the duplicates they find: the duplicates
    /// file (`action: drop`), the output (`action: mark`), or none without a dedup stage. Only
    /// these are searched for duplicates of records that go away (`OrphanedDuplicates`).
    var duplicateKinds: [OutputKind] {
        let kinds = Set(steps.compactMap { ($0.stage as? DedupStage).map { $0.state.config.drop ? OutputKind.duplicates : .output } })
        return OutputKind.allCases.filter(kinds.contains)
    }

    /// What is wrong when a persistent stage no longer holds, whole, the state its token names
    /// (`PersistentStage.restoreProblem`), naming the file; nil when every one does. `run` and
    /// `--dry-run` plan with the same answer.
    func restoreProblem(_ tokens: JSONObject, thorough: Bool) -> String? {
        for step in persistentStages {
            if let problem = step.stage.restoreProblem(to: tokens["\(step.index)"] ?? .null, thorough: thorough) { return problem }
        }
        return nil
    }
}

/// Which records of the errors file are failures of stages after the first persistent stage
/// (dedup), whose documents dedup had indexed. A failure names its stage, and gives its number
/// when two stages share the name (`ErrorRecord.stageNumber`): compared by name alone, a
/// `normalize` before dedup and another after it made every `normalize` failure count as
/// indexed, and a kept file holding a duplicate of a document under such an id was processed
/// again, its records moved after the others, where a run from scratch keeps them in place.
struct StagesAfterIndexing: Sendable {
    /// The names of those stages.
    var names: Set<String> = []
    /// Their numbers in the config's list of stages (1 for the first).
    var numbers: Set<Int> = []

    var isEmpty: Bool { numbers.isEmpty }

    /// True for an errors-file record of a failure in one of those stages: by its stage number
    /// when it has one, else by its stage's name.
    func contains(failure record: JSONObject) -> Bool {
        if let number = record["stage_number"]?.intValue { return numbers.contains(number) }
        return record["stage"]?.stringValue.map(names.contains) ?? false
    }
}

/// Where a path names a file of another output than the one at hand (`OutputFiles.anotherOutputsFile`).
public enum AnotherOutputsFile: Equatable, Sendable {
    /// That output or one of its side files, beside its state folder.
    case besideItsStateFolder
    /// A file inside that output's state folder (the folder as resolved).
    case inStateFolder(String)
}

extension OutputFiles {
    /// Whether `path` names a file another output owns: a file beside another output's state
    /// folder that is that output or one of its side files, or a file inside a state folder (links
    /// resolved). This output's own state folder, and an earlier version's, are not another
    /// output's. A command writing a file (`run`'s outputs, `report --out`) must not replace one.
    public func anotherOutputsFile(at path: String) -> AnotherOutputsFile? {
        let folder = PathText.folder(of: path)
        let mine: Set<String> = [PathText.name(of: stateDirectory), "." + PathText.name(of: output) + ".textmill", PathText.name(of: stats)]
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []).filter { !mine.contains($0) }
        if InputResolver.writtenByRuns(names, in: folder).contains(PathText.name(of: path)) { return .besideItsStateFolder }
        return OutputFiles.stateFolder(enclosing: folder).map(AnotherOutputsFile.inStateFolder)
    }

    /// The state folder `.NAME.textmill` (one that holds `output` or `manifest.json`) that
    /// `path` is or lies in, links resolved (an absolute path), or nil. A path that does not
    /// exist yet lies where its nearest existing folder does (`-o out/.corpus.textmill/new/x.jsonl`).
    public static func stateFolder(enclosing path: String) -> String? {
        // A path that does not exist yet lies where the nearest folder above it that does.
        var start = path.isEmpty ? "." : path
        var resolved = realpath(start, nil)
        while resolved == nil && errno == ENOENT && start != "/" && start != "." {
            start = PathText.folder(of: start).isEmpty ? "." : PathText.folder(of: start)
            resolved = realpath(start, nil)
        }
        guard let resolved else { return nil }
        defer { free(resolved) }
        var above = String(cString: resolved)
        while above != "/" && !above.isEmpty {
            let part = PathText.name(of: above)
            if part.hasPrefix(".") && part.hasSuffix(".textmill") && part.count > 9
                && (FileManager.default.fileExists(atPath: above + "/output") || FileManager.default.fileExists(atPath: above + "/manifest.json")) {
                return above
            }
            above = PathText.folder(of: above)
        }
        return nil
    }

    /// The state folder `path` is or lies in (`stateFolder(enclosing:)`), spelled as `path`
    /// spells it when it names it on the way up (else resolved), and the output beside it that
    /// it keeps the state of (nil when its `output` file names none); `isIt` when `path` names
    /// the folder itself.
    public static func enclosingStateFolder(of path: String) -> (folder: String, output: String?, isIt: Bool)? {
        guard let resolved = stateFolder(enclosing: path) else { return nil }
        let isIt = realpath(path, nil).map { p in defer { free(p) }; return String(cString: p) == resolved } ?? false
        let name = PathText.name(of: resolved)
        var folder = resolved
        var up = path
        while up.count > 1 && up.hasSuffix("/") { up.removeLast() }
        while !up.isEmpty && up != "/" && up != "." {
            if PathText.name(of: up) == name { folder = up; break }
            up = PathText.folder(of: up)
        }
        let parent = PathText.folder(of: folder)
        let output = OutputFiles.owner(ofStateDirectory: resolved).map { parent.isEmpty ? $0 : parent == "/" ? "/" + $0 : parent + "/" + $0 }
        return (folder, output, isIt)
    }
}
