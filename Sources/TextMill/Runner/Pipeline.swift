import Foundation

/// A document or the failure that took its place, as it moves through the pipeline.
public enum WorkItem: Sendable {
    case document(Document)
    case failure(ErrorRecord)
}

/// The stages of a config, built and ready to process documents.
public final class Pipeline: Sendable {
    /// One built stage with its place in the config.
    public struct Step: Sendable {
        public let stage: any Stage
        public let name: String
        public let traits: StageTraits
        public let line: Int
        /// Position in the config's list (0-based), used for statistics.
        public let index: Int
        /// Whether every document's spans, its extra fields and the types of its `meta` values
        /// (`Document.firstSchemaRefusal`) are checked after this stage:
        /// stages from outside TextMill (Swift plugins) are; the built-in ones are held to it by
        /// their tests, and `exec` checks what its program sends back itself.
        public let checksSpans: Bool
        /// The checks of what the stage leaves that apply to it (`StageOutputCheck.applying`).
        let outputChecks: [StageOutputCheck]
    }

    public let steps: [Step]
    /// The names two or more stages of the config have: their failures give the stage's number.
    let sharedNames: Set<String>
    public let config: PipelineConfig
    /// Per-stage counters and timings, filled as documents pass.
    public let stats: RunStats
    /// The first `StateFoundDamaged` a stage threw: the runner with state stops reading and
    /// makes the run again from an empty state (`Runner.execute`, `Runner.run`).
    let damagedState = FirstNote<StateFoundDamaged>()
    /// The first limit of the process (`ProcessLimitError`) a stage ran into: it stops the run.
    let processLimit = FirstNote<ProcessLimitError>()

    /// Builds every stage; a stage that refuses its options becomes a config error at its line.
    public init(config: PipelineConfig) throws(ConfigError) {
        var steps: [Step] = []
        var problems: [ConfigDiagnostic] = []
        var seen: [String: Int] = [:]
        var indexOwners: [String: Int] = [:]
        for (k, configured) in config.stages.enumerated() {
            var environment = config.environment
            // Two exec stages running one script shared its log: each run moved one's log to
            // LOG.1 and wrote the other over it, so the previous run's log and half of this run's
            // were lost. Exec stages are counted by their script (exec-SCRIPT-2.log).
            let instanceKey = configured.type == ExecStage.self ? ExecStage.instanceKey(configured.options.values) : configured.name
            seen[instanceKey, default: 0] += 1
            environment.instance = seen[instanceKey]!
            let options = StageOptions(values: configured.options.values, environment: environment)
            // Two dedup stages on one index would lock each other out (or mix their documents).
            if configured.type == DedupStage.self, let index = DedupStage.indexDirectory(options) {
                if let line = indexOwners[index] {
                    problems.append(ConfigDiagnostic(file: config.path, line: configured.line, column: configured.column,
                                                     message: "stage 'dedup' uses the index \(MessageText.quoted(index)) that the dedup on line \(line) uses too",
                                                     notes: ["give each dedup its own 'index' option, or leave both out: each then gets its own folder"]))
                }
                indexOwners[index] = configured.line
            }
            // A folder the `index` option names, in a place it cannot be (`IndexPlace`).
            if configured.type == DedupStage.self, let named = options.string("index"), !named.isEmpty, named != "memory",
               let problem = IndexPlace.problem(index: options.environment.resolve(named), output: config.output, inputs: config.inputs) {
                let at = configured.optionPositions["index"] ?? ConfigPosition(line: configured.line, column: configured.column)
                problems.append(ConfigDiagnostic(file: config.path, line: at.line, column: at.column,
                                                 message: "stage 'dedup' cannot use its 'index': \(problem)", notes: []))
            }
            do {
                let stage = try configured.type.init(options: options)
                let builtin = StageRegistry.builtin.stages.contains { ObjectIdentifier($0) == ObjectIdentifier(configured.type) }
                steps.append(Step(stage: stage, name: configured.name, traits: configured.type.traits, line: configured.line, index: k,
                                  checksSpans: !builtin, outputChecks: StageOutputCheck.applying(fromOutside: !builtin)))
            } catch {
                problems.append(Pipeline.cannotStart(error, configured, file: config.path))
            }
        }
        // Files stages write beside the output (exec's logs): two stages writing one, through
        // their `log` options, would each move the other's away.
        var fileOwners: [String: Int] = [:]
        for step in steps {
            let configured = config.stages[step.index]
            if let file = step.stage.sideFiles.first(where: { fileOwners[$0] != nil }) {
                let at = configured.optionPositions["log"] ?? ConfigPosition(line: configured.line, column: configured.column)
                problems.append(ConfigDiagnostic(file: config.path, line: at.line, column: at.column,
                                                 message: "stage \(MessageText.quoted(step.name)) writes \(MessageText.quoted(file)), which the stage on line \(fileOwners[file]!) writes too: each run would move the other's file away and write over it",
                                                 notes: ["give each its own 'log' option"]))
            }
            for file in step.stage.sideFiles where fileOwners[file] == nil { fileOwners[file] = step.line }
        }
        if !problems.isEmpty { throw ConfigError(problems) }
        self.steps = steps
        sharedNames = Set(Dictionary(grouping: config.stages, by: \.name).filter { $0.value.count > 1 }.keys)
        self.config = config
        self.stats = RunStats(stages: steps.map { ($0.name, $0.line) })
    }

    /// "stage 'NAME' cannot start: …", at the line of the option a `StageSetupError` names (else
    /// the stage's own line).
    static func cannotStart(_ error: any Error, _ configured: ConfiguredStage, file: String) -> ConfigDiagnostic {
        let option = (error as? StageSetupError)?.option
        let at = option.flatMap { configured.optionPositions[$0] } ?? ConfigPosition(line: configured.line, column: configured.column)
        return ConfigDiagnostic(file: file, line: at.line, column: at.column,
                                message: "stage \(MessageText.quoted(configured.name)) cannot start: \(error)",
                                notes: option.map { ["check its option \(MessageText.quoted($0))"] } ?? [])
    }

    /// Refuses, before any input is read, a run without state of its own whose persistent stages
    /// cannot use what earlier runs saved (`PersistentStage.savedStateProblem`: a dedup index
    /// of other settings), as a config error at the stage's option. Such a run failed every
    /// document with the mismatch (exit 1).
    public func checkSavedState() throws {
        var problems: [ConfigDiagnostic] = []
        for step in steps {
            guard let stage = step.stage as? PersistentStage, let problem = stage.savedStateProblem() else { continue }
            problems.append(Pipeline.cannotStart(problem, config.stages[step.index], file: config.path))
        }
        if !problems.isEmpty { throw ConfigError(problems) }
    }

    /// Takes, before any input is read, the saved state the persistent stages of a run without
    /// state of its own use (`PersistentStage.holdSavedState`): another run holding it refuses
    /// this one (exit 2). Taken at the first document, it failed every document with that run's
    /// lock (exit 1, an errors file of them written).
    public func holdSavedState() throws {
        for step in steps { try (step.stage as? PersistentStage)?.holdSavedState() }
    }

    /// Runs `steps[range]` on one item. A failing stage turns the item into a failure; a document
    /// routed to duplicates skips the remaining stages.
    /// The item is consumed: the stages get the only reference to the document's arrays.
    public func process(_ item: consuming WorkItem, steps range: Range<Int>) -> WorkItem {
        switch consume item {
        case .failure(let e):
            return .failure(e)
        case .document(var doc):
            for k in range {
                if doc.route != .output { break }
                let stage = steps[k].stage
                if let failure = run(step: k, on: &doc, { try stage.process(&$0, &$1) }) { return .failure(failure) }
            }
            return .document(doc)
        }
    }

    /// Runs `body` (a stage's work) as step `k` on a document: refuses markup where plain text is
    /// needed, records the statistics, and checks the spans it leaves. Returns the failure, if any.
    func run(step k: Int, on doc: inout Document, _ body: (inout Document, inout StageContext) throws -> Void) -> ErrorRecord? {
        // The step's fields are read where needed rather than the step copied (a copy retains
        // its stage, name and traits' sets, and releases them again, for every document).
        let index = steps[k].index
        if steps[k].traits.needsPlainText && doc.content != .plain {
            let name = steps[k].name
            stats.record(stage: index, bytes: doc.text.count, nanoseconds: 0, context: StageContext(), failed: true)
            return failure(doc, step: k,
                           reason: "\(MessageText.quoted(name)) needs plain text, but this document is still \(doc.content.rawValue.uppercased()) markup: put 'cleanup' before \(MessageText.quoted(name)) in the config")
        }
        var context = StageContext()
        let bytes = doc.text.count
        // Lists of one entry a paragraph that a stage may leave out of step (`mayRemakeParagraphs`).
        let inStep = steps[k].traits.mayRemakeParagraphs && !doc.meta.isEmpty ? ParagraphKeyedMeta.listsInStep(doc) : []
        let start = DispatchTime.now().uptimeNanoseconds
        // A document removed on purpose is no failure, but what the stage left in it is checked
        // first, as for any other: a stage that misused a document and then filtered it wrote its
        // record unchecked, to the filtered file or (marked) to the output (session 35).
        var filteredBy: DocumentFiltered?
        do {
            try body(&doc, &context)
        } catch let filtered as DocumentFiltered {
            filteredBy = filtered
        } catch {
            if let damaged = error as? StateFoundDamaged { damagedState.note(damaged) }
            if let limit = error as? ProcessLimitError { processLimit.note(limit) }
            stats.record(stage: index, bytes: bytes, nanoseconds: DispatchTime.now().uptimeNanoseconds - start, context: context, failed: true)
            let e = error as? DocumentError
            return failure(doc, step: k, reason: "\(error)", line: e?.line, column: e?.column)
        }
        // Checks of what the stage left (`StageOutputCheck.all`): every failure counts against
        // the stage in the stats.
        let facts = StageOutputFacts(stage: steps[k].name, bytesBefore: bytes, maxDocumentBytes: config.maxDocumentBytes, listsInStep: inStep)
        // The refusal's reason, not an `ErrorRecord?` kept and tested: that copied the record
        // twice for every document and stage.
        if let refusal = StageOutputCheck.firstRefusal(doc, facts, of: steps[k].outputChecks) {
            stats.record(stage: index, bytes: bytes, nanoseconds: DispatchTime.now().uptimeNanoseconds - start, context: context, failed: true)
            return failure(doc, step: k, reason: refusal)
        }
        if !context.inputFieldsMoved.isEmpty { stats.recordInputFields(context.inputFieldsMoved) }
        if let later = filteredBy, later.action == .mark, doc.filtered != nil {
            // Marked by an earlier stage (`action: mark`): a later mark leaves the first one, the
            // mark the record names. A later drop still drops it, as its config asks, and the
            // filtered file names the stage that dropped it. The later mark replaced the first,
            // and `filtered` did not say which of two `filter` stages it was (session 36).
            filteredBy = nil
        }
        if let filteredBy {
            // Removed on purpose: not a failure. Dropped documents skip the remaining stages.
            doc.filtered = FilterMark(stage: steps[k].name, reason: filteredBy.reason, detail: filteredBy.detail,
                                      stageNumber: sharedNames.contains(steps[k].name) ? index + 1 : nil)
            if filteredBy.action == .drop { doc.route = .filtered }
        }
        stats.record(stage: index, bytes: bytes, nanoseconds: DispatchTime.now().uptimeNanoseconds - start, context: context,
                     failed: false, filteredFor: filteredBy?.reason)
        return nil
    }

    /// The errors-file entry of a document step `k` failed, with the stage's number when another
    /// stage shares its name (`ErrorRecord.stageNumber`).
    func failure(_ doc: Document, step k: Int, reason: String, line: Int? = nil, column: Int? = nil) -> ErrorRecord {
        var record = ErrorRecord(failing: doc, stage: steps[k].name, reason: reason, line: line, column: column)
        if sharedNames.contains(steps[k].name) { record.stageNumber = steps[k].index + 1 }
        return record
    }

    /// Runs the `prepare` half of a corpus stage on one item.
    /// The item is consumed, as in `process`.
    public func prepare(_ item: consuming WorkItem, step k: Int) -> WorkItem {
        switch consume item {
        case .failure(let e):
            return .failure(e)
        case .document(var doc):
            if doc.route != .output || steps[k].traits.needsPlainText && doc.content != .plain { return .document(doc) }
            var context = StageContext()
            // Timed as `process` is: the stage's seconds in the stats are both halves of its work
            // (without it, dedup's `prepare`, about 60 % of its instructions, counted as the
            // runner's time, and dedup's MB/s was that of its `process` alone).
            let start = DispatchTime.now().uptimeNanoseconds
            do {
                try steps[k].stage.prepare(&doc, &context)
            } catch {
                let e = error as? DocumentError
                return .failure(failure(doc, step: k, reason: "\(error)", line: e?.line, column: e?.column))
            }
            stats.record(stage: steps[k].index, bytes: 0, nanoseconds: DispatchTime.now().uptimeNanoseconds - start, context: context,
                         failed: false, counted: false)
            return .document(doc)
        }
    }

    /// Closes what stages hold open (dedup's index lock), without saving: a run given up for
    /// damaged state (`StateFoundDamaged`) is made again with another pipeline on the same state.
    func closeState() {
        for step in steps { (step.stage as? ClosesState)?.closeState() }
    }

    /// Takes over from `previous`, the pipeline of a try given up for damaged state, what a run
    /// does once (exec moves its log to LOG.1 as the run starts), and stops that pipeline's
    /// work (its plugins). A new exec stage moved the first try's log over the previous run's
    /// LOG.1, which was lost.
    func continueRun(from previous: Pipeline) {
        for (old, new) in zip(previous.steps, steps) { (old.stage as? ContinuesRun)?.handOver(to: new.stage) }
    }

    /// Calls every stage's `finish` (corpus stages persist their state there), each even when
    /// an earlier one failed, and throws the first failure: a `WriteError` as it is, any other
    /// error as a `StageFinishFailure` that names the stage (the run's warning said "a stage
    /// could not finish cleanly: Boom()", naming none).
    public func finish() throws {
        var failure: Error?
        for step in steps {
            var context = StageContext()
            do {
                try step.stage.finish(&context)
            } catch let error as WriteError {
                failure = failure ?? error
            } catch {
                failure = failure ?? StageFinishFailure(stage: step.name, line: step.line, error: error)
            }
            stats.record(stage: step.index, bytes: 0, nanoseconds: 0, context: context, failed: false, counted: false)
        }
        if let failure { throw failure }
    }
}

extension ErrorRecord {
    /// The errors-file entry of a document a stage failed: its id, its source path and, for a
    /// record of a multi-record file (a JSONL line, an XML or WARC record), its number there
    /// (`source.record`), so the failing line of a large file can be found.
    init(failing doc: Document, stage: String, reason: String, line: Int? = nil, column: Int? = nil) {
        self.init(id: doc.id, path: doc.source.path, stage: stage, reason: reason, line: line, column: column, record: doc.source.record)
    }
}

/// The first value of its kind noted by any of a run's threads (the first `StateFoundDamaged`
/// a stage threw, the first `ProcessLimitError` the reader or a stage met); later ones are dropped.
final class FirstNote<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var found: Value?

    func note(_ value: Value) {
        lock.lock()
        if found == nil { found = value }
        lock.unlock()
    }

    var first: Value? {
        lock.lock()
        defer { lock.unlock() }
        return found
    }
}

/// An error a stage's `finish` threw, with the stage it came from.
public struct StageFinishFailure: Error, Sendable, CustomStringConvertible {
    /// The stage's name as the config writes it, and the config line it stands on.
    public var stage: String
    public var line: Int
    public var error: any Error
    public var description: String { "stage \(MessageText.quoted(stage)) (config line \(line)) could not finish cleanly: \(error)" }
}
