import Foundation

/// How a run behaves beyond what the config says.
public struct RunOptions: Sendable {
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

/// What a run did.
public struct RunSummary: Sendable {
    /// Files read by this run (unchanged files of an incremental run are not read).
    public var files = 0
    /// Items read: documents plus read failures.
    public var items = 0
    public var written = 0
    public var duplicates = 0
    public var failed = 0
    public var bytesRead = 0
    public var seconds = 0.0
    public var outputPath = ""
    public var errorsPath = ""
    public var duplicatesPath = ""
    public var stages: [RunStats.StageFigures] = []
    public var warnings: [String] = []
    /// "incremental: 1 new, 0 changed, 0 deleted, 7 unchanged files" and the like.
    public var mode = ""
    /// Why everything was reprocessed, when it was.
    public var reprocessReason: String?
    /// Records sent to the errors file because their id was already in the output.
    public var reusedIDs = 0
    /// The outputs as they stand after the run (an incremental run keeps earlier records).
    public var standing: OutputTotals?
    /// JSONL input fields the reader moved (`metadata` into `meta`, owned names into `input`), by name.
    public var inputFieldsMoved: [String: Int] = [:]
    /// Input records skipped on purpose (WARC requests, non-text responses, …), by counter name.
    public var inputSkipped: [String: Int] = [:]

    /// DESIGN.md: 0 when every document went through, 1 when some failed.
    public var exitStatus: Int32 { failed > 0 ? 1 : 0 }
}

/// Reads the inputs, streams documents through the pipeline and writes the records.
///
/// Items flow through a chain of ordered buffers. The reader numbers them in input order;
/// per-document work (decoding, document stages, the `prepare` half of corpus stages, encoding)
/// runs on `jobs` threads; each corpus stage sees items one at a time in input order; the writer
/// takes them in input order again, so the output is the same whatever `jobs` is. At most
/// `inFlightBytes` of documents are between reader and writer (back-pressure).
///
/// With an output file, the run keeps state beside it: a manifest of which file made which
/// records (the next run processes only new and changed files), and a journal with checkpoints
/// (a killed run resumes where it stopped). Outputs are replaced atomically at the end.
public final class Runner {
    public let config: PipelineConfig
    public let options: RunOptions

    public init(config: PipelineConfig, options: RunOptions = RunOptions()) {
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
        let owned = OutputFiles(output: config.output)
        let logs = pipeline.steps.compactMap { ($0.stage as? ExecStage)?.logPath }
        var resolver = InputResolver(excluding: [config.output, options.errorsPath ?? owned.errors, options.duplicatesPath ?? owned.duplicates,
                                                 owned.stats, owned.filtered] + logs)
        let files = try resolver.resolve(config.inputs)
        var preview = RunPreview(output: config.output, warnings: resolver.warnings)
        guard config.keepsState && options.keepState else {
            preview.reason = "no state is kept (stdin or stdout): every input is processed"
            preview.new = files.map(\.path)
            return preview
        }
        let fm = FileManager.default
        let stateDirectory = fm.fileExists(atPath: owned.stateDirectory) || !fm.fileExists(atPath: owned.legacy.stateDirectory)
            ? owned.stateDirectory : owned.legacy.stateDirectory
        if stateDirectory != owned.stateDirectory {
            preview.warnings.append("the output was written by an earlier TextMill: its side files would be taken over under their new names")
        }
        let legacy = stateDirectory != owned.stateDirectory
        let store = StateStore(output: config.output, errors: options.errorsPath ?? (legacy ? owned.legacy.errors : owned.errors),
                               duplicates: options.duplicatesPath ?? (legacy ? owned.legacy.duplicates : owned.duplicates), stateDirectory: stateDirectory)
        let fingerprint = ConfigFingerprint(config)
        var plan = RunPlan.make(files: files, store: store, configHash: fingerprint.hash, force: options.force, readOnly: true)
        plan.explainConfigChange(fingerprint, store: store)
        preview.full = plan.full
        preview.reason = plan.reason ?? (store.loadManifest() == nil ? "no earlier run: every input is processed" : nil)
        let toProcess = Set(plan.toProcess.map(\.file.path))
        let forgotten = Set(plan.forgotten.map(\.path))
        let known = Set(plan.kept.map(\.path)).union(forgotten)
        for file in files {
            if !toProcess.contains(file.path) { preview.unchanged.append(file.path) }
            else if plan.full || !known.contains(file.path) { preview.new.append(file.path) }
            else { preview.changed.append(file.path) }
        }
        let present = Set(files.map(\.path))
        preview.deleted = plan.forgotten.map(\.path).filter { !present.contains($0) }
        preview.resumed = plan.counts.resumed
        return preview
    }

    /// Runs the pipeline. Throws `ConfigError`, `InputError` or `StateError` when it cannot start
    /// (exit 2: nothing was written), `WriteError` when an output or the state beside it cannot be
    /// written (exit 3: the previous outputs are intact and the next run finishes the work).
    public func run() throws -> RunSummary {
        let pipeline = try Pipeline(config: config)
        if options.mapSide { return try runMapSide(pipeline) }
        let owned = OutputFiles(output: config.output)
        let paths = [config.output,
                     options.errorsPath ?? owned.errors,
                     options.duplicatesPath ?? owned.duplicates]
        let logs = pipeline.steps.compactMap { ($0.stage as? ExecStage)?.logPath }
        var resolver = InputResolver(excluding: paths + [owned.stats, owned.filtered] + logs)
        let files = try resolver.resolve(config.inputs)
        // Checked before anything is read: found only at the commit, a folder here left a
        // pending commit that failed every later run.
        for path in paths where path != "-" {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw StateError(message: "the output '\(path)' is a folder; name a file, e.g. '\(path.hasSuffix("/") ? path : path + "/")corpus.jsonl'")
            }
        }

        if files.contains(where: \.isStdin) && config.output != "-" {
            let fm = FileManager.default
            if fm.fileExists(atPath: owned.stateDirectory) || fm.fileExists(atPath: owned.legacy.stateDirectory) {
                throw StateError(message: "'\(config.output)' is an incremental corpus (it has a state folder), and a run that reads stdin never replaces one: write to stdout (--output -) or name another --output")
            }
        }

        var summary = RunSummary()
        summary.outputPath = paths[0]
        summary.errorsPath = paths[1]
        summary.duplicatesPath = paths[2]
        summary.warnings = resolver.warnings
        let start = Date()

        let stateful = options.keepState && config.output != "-" && !files.contains { $0.isStdin }
        let persistent = pipeline.steps.compactMap { step in (step.stage as? PersistentStage).map { (step.index, $0) } }
        var work: [(file: InputFile, identity: FileIdentity?)] = files.map { ($0, nil) }
        let fingerprint = ConfigFingerprint(config)
        let hash = fingerprint.hash
        var store: StateStore?
        var plan: RunPlan?
        let sink: RecordSink
        if stateful {
            if let note = try owned.adoptLegacyFiles() { summary.warnings.append(note) }
            let s = StateStore(output: paths[0], errors: paths[1], duplicates: paths[2])
            try s.open()
            store = s
            try s.rollForward()
            var p = RunPlan.make(files: files, store: s, configHash: hash, force: options.force)
            p.explainConfigChange(fingerprint, store: s)
            plan = p
            work = p.toProcess
            summary.reprocessReason = p.reason
            if let reason = p.reason { options.notify?(reason) }
            if p.counts.resumed > 0 { options.notify?("resuming after \(p.counts.resumed) files done by the interrupted run") }
            summary.mode = p.full
                ? "full: \(work.count) files" + (p.counts.resumed > 0 ? ", resuming after \(p.counts.resumed) files done by the interrupted run" : "")
                : "incremental: \(p.counts.new) new, \(p.counts.changed) changed, \(p.counts.deleted) deleted, \(p.kept.count) unchanged files"
                    + (p.counts.resumed > 0 ? ", \(p.counts.resumed) done by the interrupted run" : "")
            for (index, stage) in persistent {
                try stage.restore(to: p.tokens["\(index)"] ?? .null)
                if !p.full && !p.forgotten.isEmpty { try stage.forget(ids: RunPlan.ids(of: p.forgotten, store: s)) }
            }
            if let journal = p.resume { try s.truncateJournal(to: journal.length) } else { try s.startJournal(config: hash, full: p.full) }
            sink = try PartSink(store: s, resume: p.resume, gzipOutput: paths[0].hasSuffix(".gz"))
        } else {
            sink = try DirectSink(paths: paths)
        }
        defer { store?.close() }
        summary.files = work.count

        let totals = try execute(pipeline, work: work, sink: sink, checkpoints: stateful)
        summary.items = totals.items
        summary.bytesRead = totals.bytes
        summary.written = totals.counts[OutputKind.output.rawValue]
        summary.failed = totals.counts[OutputKind.errors.rawValue]
        summary.duplicates = totals.counts[OutputKind.duplicates.rawValue]
        summary.reusedIDs = totals.reusedIDs

        if let store, let plan, let parts = sink as? PartSink {
            try parts.flushAll()
            var tokens = parts.lastTokens
            for (index, stage) in persistent { tokens["\(index)"] = try stage.checkpoint() }
            let manifest = Manifest(tool: TextMillVersion.string, config: hash, generation: plan.generation + 1,
                                    sizes: [0, 0, 0], files: [], stages: tokens)
            let committed = try store.commit(kept: plan.kept, produced: parts.produced, manifest: manifest)
            summary.standing = OutputTotals(committed.files)
            // Only to say what changed next time: a stale copy costs a vaguer message, nothing else.
            try? StateStore.writeDurably(Array((fingerprint.json.jsonText + "\n").utf8), to: store.configPath)
        } else if let direct = sink as? DirectSink {
            try direct.commit()
            summary.standing = OutputTotals(records: summary.written, duplicates: summary.duplicates, errors: summary.failed)
        }
        do {
            try pipeline.finish()
        } catch {
            summary.warnings.append("a stage could not finish cleanly: \(error)")
        }
        summary.seconds = Date().timeIntervalSince(start)
        summary.stages = pipeline.stats.stages
        summary.inputFieldsMoved = pipeline.stats.inputFieldsMoved
        summary.inputSkipped = pipeline.stats.inputSkipped
        if config.output != "-" {
            let stats = Array((RunReport.json(summary).jsonText + "\n").utf8)
            do {
                try StateStore.writeDurably(stats, to: owned.stats)
            } catch {
                // The outputs are complete; only the figures are missing.
                summary.warnings.append("\(error); the outputs are complete, only the run's figures are missing")
            }
        }
        return summary
    }

    struct Totals {
        var items = 0
        var bytes = 0
        var counts = [0, 0, 0]
        /// Records sent to the errors file because their id was already in the output.
        var reusedIDs = 0
    }

    /// Streams the files through the pipeline into the sink.
    func execute(_ pipeline: Pipeline, work: [(file: InputFile, identity: FileIdentity?)], sink: RecordSink, checkpoints: Bool) throws -> Totals {
        let reader = SourceReader(settings: ReadSettings(config: config))
        let mapSide = options.mapSide
        let segments = Runner.segments(for: pipeline, mapSide: mapSide)
        let totalBytes = work.reduce(0) { $0 + max(0, $1.identity?.size ?? 0) }
        let progress = Progress(totalFiles: work.count, totalBytes: totalBytes, enabled: options.progress)
        let jobs = options.jobs
        let checkpointBytes = options.checkpointBytes
        let checkpointSeconds = options.checkpointSeconds
        // Set by the writer when an output cannot be written: reading stops, the items in flight
        // drain, and the run fails now rather than after reading the whole input.
        let stop = StopFlag()

        /// Reads every file in order, calling `emit` for each item and file end, and `beforeCheckpoint`
        /// before marking a checkpoint.
        @Sendable func readAll(_ emit: (Flowing) -> Void, beforeCheckpoint: () -> Void) {
            var sinceCheckpoint = 0
            var lastCheckpoint = Date()
            for (index, entry) in work.enumerated() {
                if stop.isSet { break }
                let file = entry.file
                let scan = mapSide ? reader.scanFramed : reader.scan
                let storedSHA = try? scan(file) { scanned in
                    if stop.isSet { throw StopFlag.Stopped() }
                    switch scanned {
                    case .raw(let raw):
                        let n = raw.byteCount
                        progress.read(bytes: n)
                        sinceCheckpoint += n
                        emit(Flowing(flow: .raw(raw), cost: n + 256))
                    case .item(let item):
                        emit(Flowing(flow: .item(item.work), cost: item.cost))
                    case .skipped(let name):
                        pipeline.stats.recordSkipped(name)
                    }
                }
                let due = checkpoints && (sinceCheckpoint >= checkpointBytes || Date().timeIntervalSince(lastCheckpoint) >= checkpointSeconds)
                if due {
                    beforeCheckpoint()
                    sinceCheckpoint = 0
                    lastCheckpoint = Date()
                }
                var mark = FileMark(fileIndex: index, path: file.path, identity: entry.identity, checkpoint: due)
                mark.sha256 = (storedSHA ?? nil) ?? ""
                emit(Flowing(flow: .fileEnd(mark), cost: 64))
            }
        }

        // The writer's side, in input order.
        var totals = Totals()
        var uniqueIDs = IDSet()
        var writeError: Error?
        var fileSHA = ""
        func consume(_ item: Flowing, afterCheckpoint: () -> Void) {
            do {
                switch item.flow {
                case .encoded(var kind, var bytes, let sha, let written):
                    // Ids in the main output are unique: a later record under an id already
                    // written goes to the errors file instead (dedup, when it ran, has already
                    // sent exact copies to the duplicates file).
                    if kind == .output, let written, !uniqueIDs.insert(written.id) {
                        kind = .errors
                        bytes = RecordEncoder.encode(written.reusedIDError)
                        totals.reusedIDs += 1
                    }
                    totals.items += 1
                    totals.counts[kind.rawValue] += 1
                    if let sha { fileSHA = sha }
                    if writeError == nil { try sink.write(kind, bytes) }
                    progress.documentDone(kind)
                case .fileEnd(var mark):
                    if mark.sha256.isEmpty { mark.sha256 = fileSHA }
                    fileSHA = ""
                    // Signalled even when writing failed: the reader may be waiting on it.
                    defer { if mark.checkpoint { afterCheckpoint() } }
                    if writeError == nil { try sink.fileDone(mark) }
                    progress.fileDone(size: mark.identity?.size ?? 0)
                case .raw, .item:
                    break
                }
            } catch {
                writeError = writeError ?? error
                stop.set()
            }
        }

        if jobs == 1 {
            // One core: every step of every item on this thread, in order.
            readAll({ item in
                var f = item
                for segment in segments {
                    for op in segment.ops { Runner.apply(op, to: &f, pipeline: pipeline, reader: reader) }
                }
                consume(f, afterCheckpoint: {})
            }, beforeCheckpoint: {})
        } else {
            // Items travel in batches (fewer hand-offs between threads), numbered in input order.
            let budget = Budget(bytes: options.inFlightBytes, items: 4 * jobs + 4)
            let buffers = (0...segments.count).map { _ in ReorderBuffer<[Flowing]>() }
            // A new checkpoint is only marked once the writer has journaled the previous one, so
            // persistent stages (two saved generations) are never two checkpoints ahead of it.
            let gate = CheckpointGate()
            let hasPersistentStages = pipeline.steps.contains { $0.stage is PersistentStage }
            var threads: [Joinable] = []
            threads.append(spawn("textmill-reader") {
                var seq = 0
                var batch: [Flowing] = []
                var batchCost = 0
                func flush() {
                    guard !batch.isEmpty else { return }
                    budget.acquire(batchCost)
                    buffers[0].put(seq, batch)
                    seq += 1
                    batch = []
                    batchCost = 0
                }
                readAll({ item in
                    batch.append(item)
                    batchCost += item.cost
                    if batchCost >= 512 << 10 || batch.count >= 128 { flush() }
                }, beforeCheckpoint: {
                    if hasPersistentStages {
                        flush()
                        gate.waitUntilClear()
                    }
                    gate.mark()
                })
                flush()
                buffers[0].close()
            })
            for (k, segment) in segments.enumerated() {
                let workers = segment.parallel ? jobs : 1
                let remaining = WorkerCount(workers)
                for w in 0..<workers {
                    threads.append(spawn("textmill-step-\(k)-\(w)") {
                        while let (seq, batch) = buffers[k].takeNumbered() {
                            var out = batch
                            for i in out.indices {
                                for op in segment.ops { Runner.apply(op, to: &out[i], pipeline: pipeline, reader: reader) }
                            }
                            buffers[k + 1].put(seq, out)
                        }
                        if remaining.done() { buffers[k + 1].close() }
                    })
                }
            }
            while let batch = buffers[segments.count].take() {
                for item in batch { consume(item, afterCheckpoint: { gate.journaled() }) }
                budget.release(batch.reduce(0) { $0 + $1.cost })
            }
            for t in threads { t.join() }
        }
        progress.stop()
        totals.bytes = progress.bytesRead
        if let writeError {
            (sink as? DirectSink)?.abandon()
            throw writeError
        }
        return totals
    }

    // MARK: Steps

    /// One piece of per-item work.
    enum Op: Sendable {
        case decode
        case stages(Range<Int>)
        case prepare(Int)
        case corpus(Int)
        /// The per-document half of a corpus stage (`MapSideStage`), on the map side.
        case mapSide(Int)
        case encode
        /// Framed output lines of the map side.
        case encodeFramed
    }

    /// A run of ops that may run on several threads, or one corpus stage.
    struct Segment: Sendable {
        var ops: [Op]
        var parallel: Bool
    }

    /// decode → document stages (and the `prepare` of each corpus stage) → corpus stage → … → encode.
    /// On the map side every step is per-document: one parallel segment.
    static func segments(for pipeline: Pipeline, mapSide: Bool = false) -> [Segment] {
        if mapSide {
            let ops: [Op] = [.decode] + pipeline.steps.indices.map { k in
                pipeline.steps[k].traits.scope == .corpus ? .mapSide(k) : .stages(k..<(k + 1))
            } + [.encodeFramed]
            return [Segment(ops: ops, parallel: true)]
        }
        var out: [Segment] = []
        var current: [Op] = [.decode]
        var start = 0
        for (k, step) in pipeline.steps.enumerated() where step.traits.scope == .corpus {
            if k > start { current.append(.stages(start..<k)) }
            current.append(.prepare(k))
            out.append(Segment(ops: current, parallel: true))
            out.append(Segment(ops: [.corpus(k)], parallel: false))
            current = []
            start = k + 1
        }
        if start < pipeline.steps.count { current.append(.stages(start..<pipeline.steps.count)) }
        current.append(.encode)
        out.append(Segment(ops: current, parallel: true))
        return out
    }

    static func apply(_ op: Op, to f: inout Flowing, pipeline: Pipeline, reader: SourceReader) {
        switch (op, f.flow) {
        case (.decode, .raw(let raw)):
            let item = reader.decode(raw)
            if case .file = raw, case .document(let d) = item { f.sha256 = d.source.sha256 }
            if case .document(let d) = item, let moved = d.scratch[InputFields.key] as? InputFields {
                pipeline.stats.recordInputFields(moved.names)
            }
            f.flow = .item(item.work)
        case (.stages(let range), .item(let item)):
            f.flow = .item(pipeline.process(item, steps: range))
        case (.prepare(let k), .item(let item)):
            f.flow = .item(pipeline.prepare(item, step: k))
        case (.corpus(let k), .item(let item)):
            f.flow = .item(pipeline.process(item, steps: k..<(k + 1)))
        case (.corpus(let k), .fileEnd(var mark)):
            if mark.checkpoint, let stage = pipeline.steps[k].stage as? PersistentStage {
                if let token = try? stage.checkpoint() {
                    mark.tokens["\(pipeline.steps[k].index)"] = token
                } else {
                    mark.stateUnsaved = true
                }
                f.flow = .fileEnd(mark)
            }
        case (.mapSide(let k), .item(let item)):
            f.flow = .item(pipeline.mapSide(item, step: k))
        case (.encodeFramed, .item(let item)):
            if case .failure = item { f.flow = .encoded(.errors, MapSideFraming.encode(item), nil, nil) } else { f.flow = .encoded(.output, MapSideFraming.encode(item), nil, nil) }
        case (.encode, .item(let item)):
            switch item {
            case .failure(let e): f.flow = .encoded(.errors, RecordEncoder.encode(e), f.sha256, nil)
            case .document(let d):
                f.flow = .encoded(d.route == .duplicates ? .duplicates : .output, RecordEncoder.encode(d), f.sha256,
                                  WrittenID(id: d.id, path: d.source.path))
            }
        default:
            break
        }
    }
}

/// What travels between steps.
enum Flow: Sendable {
    case raw(RawInput)
    case item(WorkItem)
    /// A finished record line for one of the outputs, with the file's hash when known and the
    /// document's id (nil for failures and the map side).
    case encoded(OutputKind, [UInt8], String?, WrittenID?)
    case fileEnd(FileMark)
}

/// An item in flight with the budget it holds.
struct Flowing: Sendable {
    var flow: Flow
    var cost: Int
    var sha256: String?

    init(flow: Flow, cost: Int) {
        self.flow = flow
        self.cost = cost
    }
}

extension RawInput {
    var byteCount: Int {
        switch self {
        case .file(_, let b): return b.count
        case .line(_, let b, _): return b.count + 1
        case .warc(_, let p): return p.block.count
        }
    }
}

extension InputItem {
    var work: WorkItem {
        switch self {
        case .document(let d): return .document(d)
        case .failure(let e): return .failure(e)
        }
    }

    /// Bytes this item holds while in flight.
    var cost: Int {
        switch self {
        case .document(let d): return d.text.count + 256
        case .failure: return 256
        }
    }
}

/// Checkpoints marked by the reader and journaled by the writer.
final class CheckpointGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var marked = 0
    private var done = 0

    /// Waits until every marked checkpoint has been journaled (the writer gets there: the
    /// marks it waits for are already behind the reader).
    func waitUntilClear() {
        condition.lock()
        while marked != done { condition.wait() }
        condition.unlock()
    }

    func mark() {
        condition.lock()
        marked += 1
        condition.unlock()
    }

    func journaled() {
        condition.lock()
        done += 1
        condition.broadcast()
        condition.unlock()
    }
}

/// A flag one thread sets and others poll.
final class StopFlag: @unchecked Sendable {
    /// Thrown from a reader callback to end the file being read.
    struct Stopped: Error {}
    private let lock = NSLock()
    private var value = false
    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }
}

/// Counts how many threads of a segment are still running.
final class WorkerCount: @unchecked Sendable {
    private let lock = NSLock()
    private var left: Int
    init(_ n: Int) { left = n }
    /// Marks one worker finished; true for the last one.
    func done() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        left -= 1
        return left == 0
    }
}

/// What the next run would do (`textmill run --dry-run`); nothing was written to find out.
public struct RunPreview: Sendable {
    public var output: String
    public var warnings: [String] = []
    /// True when every file would be reprocessed.
    public var full = true
    /// Why every file would be reprocessed, when it would.
    public var reason: String?
    public var new: [String] = []
    public var changed: [String] = []
    public var deleted: [String] = []
    public var unchanged: [String] = []
    /// Files a killed run already finished, which the next run would not redo.
    public var resumed = 0

    /// The lines `--dry-run` prints.
    public var description: String {
        var lines = ["textmill: dry run for \(output): nothing was read or written"]
        if let reason { lines.append("  " + reason) }
        lines.append("  \(new.count) new, \(changed.count) changed, \(deleted.count) deleted, \(unchanged.count) unchanged files"
                     + (resumed > 0 ? ", \(resumed) done by an interrupted run" : ""))
        for (label, paths) in [("new", new), ("changed", changed), ("deleted", deleted)] {
            for path in paths.prefix(50) { lines.append("  \(label): \(path)") }
            if paths.count > 50 { lines.append("  … and \(paths.count - 50) more \(label) files") }
        }
        return lines.joined(separator: "\n")
    }
}

/// A document's id on its way to the writer, to keep ids in the main output unique.
struct WrittenID: Sendable {
    var id: String
    var path: String

    /// The errors-file entry of a record whose id the output already has.
    var reusedIDError: ErrorRecord {
        ErrorRecord(id: id, path: path, stage: "write",
                    reason: "the id '\(id)' is already used by an earlier record of this run's output; ids in an output are unique, so this record is not written: give each record its own id (dedup, when it runs, sends exact copies to the duplicates file instead)")
    }
}

/// The ids written so far, as two independent 64-bit hashes each (16 bytes an id, whatever its
/// length; a false match needs a 128-bit collision).
struct IDSet {
    private var seen: Set<IDHash> = []

    struct IDHash: Hashable {
        var a: UInt64
        var b: UInt64
    }

    /// Adds `id`; false when it was there already.
    mutating func insert(_ id: String) -> Bool {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325, b: UInt64 = 0x84222325_cbf29ce4
        for byte in id.utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            b = (b &+ UInt64(byte) &+ 1) &* 0x9E37_79B9_7F4A_7C15
            b ^= b >> 29
        }
        return seen.insert(IDHash(a: a, b: b)).inserted
    }
}

/// How many records each output holds.
public struct OutputTotals: Sendable, Equatable {
    public var records: Int
    /// nil when an earlier TextMill's manifest did not count them.
    public var duplicates: Int?
    public var errors: Int?

    public init(records: Int, duplicates: Int?, errors: Int?) {
        self.records = records
        self.duplicates = duplicates
        self.errors = errors
    }

    /// The totals of a manifest's files.
    init(_ files: [FileEntry]) {
        records = files.reduce(0) { $0 + $1.records }
        let known = files.allSatisfy { $0.counts != nil }
        duplicates = known ? files.reduce(0) { $0 + $1.counts![OutputKind.duplicates.rawValue] } : nil
        errors = known ? files.reduce(0) { $0 + $1.counts![OutputKind.errors.rawValue] } : nil
    }
}
