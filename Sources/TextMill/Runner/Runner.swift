import Foundation

/// How a run behaves beyond what the config says.
public struct RunOptions: Sendable {
    /// Threads for the per-document stages (default: the number of cores).
    public var jobs: Int
    /// Where failures go (default: `errors.jsonl` beside the output).
    public var errorsPath: String?
    /// Where dropped duplicates go (default: `duplicates.jsonl` beside the output).
    public var duplicatesPath: String?
    /// At most this many bytes of documents are in flight between reading and writing.
    public var inFlightBytes: Int

    public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, errorsPath: String? = nil,
                duplicatesPath: String? = nil, inFlightBytes: Int = 64 << 20) {
        self.jobs = max(1, jobs)
        self.errorsPath = errorsPath
        self.duplicatesPath = duplicatesPath
        self.inFlightBytes = inFlightBytes
    }
}

/// What a run did.
public struct RunSummary: Sendable {
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

    /// DESIGN.md: 0 when every document went through, 1 when some failed.
    public var exitStatus: Int32 { failed > 0 ? 1 : 0 }
}

/// Reads the inputs, streams documents through the pipeline and writes the records.
///
/// Documents flow through a chain of ordered buffers: the reader numbers them, per-document
/// stages run on `jobs` threads, corpus stages (dedup) see them one at a time in input order,
/// and the writer takes them in input order again, so the output is the same whatever `jobs` is.
/// At most `inFlightBytes` of documents are between reader and writer (back-pressure).
public final class Runner {
    public let config: PipelineConfig
    public let options: RunOptions

    public init(config: PipelineConfig, options: RunOptions = RunOptions()) {
        self.config = config
        self.options = options
    }

    /// Paths of the side files for an output path.
    public static func sidecar(_ name: String, beside output: String) -> String {
        if output == "-" { return name }
        let dir = (output as NSString).deletingLastPathComponent
        return dir.isEmpty ? name : dir + "/" + name
    }

    /// Runs the pipeline. Throws `ConfigError` or `InputError` (exit 2: nothing was written) or
    /// `ReadError` for an output that cannot be written.
    public func run() throws -> RunSummary {
        let pipeline = try Pipeline(config: config)
        let errorsPath = options.errorsPath ?? Runner.sidecar("errors.jsonl", beside: config.output)
        let duplicatesPath = options.duplicatesPath ?? Runner.sidecar("duplicates.jsonl", beside: config.output)
        var resolver = InputResolver(excluding: [config.output, errorsPath, duplicatesPath])
        let files = try resolver.resolve(config.inputs)

        let output = try OutputFile(path: config.output)
        let errors = try OutputFile(path: errorsPath)
        let duplicates = try OutputFile(path: duplicatesPath)

        var summary = RunSummary()
        summary.files = files.count
        summary.outputPath = config.output
        summary.errorsPath = errorsPath
        summary.duplicatesPath = duplicatesPath
        summary.warnings = resolver.warnings
        let start = Date()

        let reader = SourceReader(settings: ReadSettings(config: config))
        let budget = Budget(bytes: options.inFlightBytes, items: max(256, options.jobs * 64))
        let segments = pipeline.segments
        let buffers = (0...segments.count).map { _ in ReorderBuffer<Carried>() }
        let counts = ReadCounts()

        // Reader: numbers every item in input order.
        var threads: [Joinable] = []
        threads.append(spawn("textmill-reader") {
            var seq = 0
            for file in files {
                try? reader.read(file) { item in
                    let cost = item.cost
                    budget.acquire(cost)
                    counts.add(item)
                    buffers[0].put(seq, Carried(item: item.work, cost: cost))
                    seq += 1
                }
            }
            buffers[0].close()
        })
        // Stages: parallel segments on `jobs` threads, corpus stages on one.
        for (k, segment) in segments.enumerated() {
            let workers = segment.parallel ? options.jobs : 1
            let remaining = WorkerCount(workers)
            for w in 0..<workers {
                threads.append(spawn("textmill-stage-\(k)-\(w)") {
                    while let (seq, carried) = buffers[k].takeNumbered() {
                        let item = pipeline.process(carried.item, steps: segment.range)
                        buffers[k + 1].put(seq, Carried(item: item, cost: carried.cost))
                    }
                    if remaining.done() { buffers[k + 1].close() }
                })
            }
        }
        // Writer: this thread, in input order.
        var writeError: Error?
        while let carried = buffers[segments.count].take() {
            do {
                switch carried.item {
                case .failure(let e):
                    summary.failed += 1
                    try errors.write(line: RecordEncoder.encode(e))
                case .document(let doc):
                    if doc.route == .duplicates {
                        summary.duplicates += 1
                        try duplicates.write(line: RecordEncoder.encode(doc))
                    } else {
                        summary.written += 1
                        try output.write(line: RecordEncoder.encode(doc))
                    }
                }
            } catch {
                writeError = writeError ?? error
            }
            budget.release(carried.cost)
        }
        for t in threads { t.join() }
        if let writeError {
            output.abandon(); errors.abandon(); duplicates.abandon()
            throw writeError
        }
        try output.commit()
        try errors.commit()
        try duplicates.commit()
        do {
            try pipeline.finish()
        } catch {
            summary.warnings.append("a stage could not save its state: \(error)")
        }
        summary.items = counts.items
        summary.bytesRead = counts.bytes
        summary.seconds = Date().timeIntervalSince(start)
        summary.stages = pipeline.stats.stages
        return summary
    }
}

/// An item in flight with the budget it holds.
struct Carried: Sendable {
    var item: WorkItem
    var cost: Int
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

/// What the reader saw, for the summary.
final class ReadCounts: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var items = 0
    private(set) var bytes = 0
    func add(_ item: InputItem) {
        lock.lock()
        items += 1
        if case .document(let d) = item { bytes += d.text.count }
        lock.unlock()
    }
}
