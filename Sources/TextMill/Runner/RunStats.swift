import Foundation

/// Per-stage statistics of a run, safe to update from several threads.
public final class RunStats: @unchecked Sendable {
    /// What one stage did over the run.
    public struct StageFigures: Sendable {
        public var name: String
        public var line: Int
        public var documents = 0
        public var failed = 0
        /// Documents the stage filtered (`DocumentFiltered`), dropped or marked, by reason.
        public var filtered: [String: Int] = [:]
        public var bytes = 0
        /// Time spent inside the stage, summed over threads: in `process`, and for a corpus stage
        /// in `prepare` too (`Pipeline.prepare`).
        public var nanoseconds: UInt64 = 0
        public var counters: [String: Int] = [:]

        public var seconds: Double { Double(nanoseconds) / 1e9 }
        /// MB per second of stage time (per core).
        public var megabytesPerSecond: Double { seconds > 0 ? Double(bytes) / 1e6 / seconds : 0 }
    }

    private let lock = NSLock()
    // The lock orders every access to the figures and counters, so they skip the run-time
    // exclusivity checks (two a stage a document).
    @exclusivity(unchecked) private var figures: [StageFigures]
    /// Each stage's counters as they add up (a short list: no hashing a document); copied into
    /// `StageFigures.counters` by `stages`.
    @exclusivity(unchecked) private var counters: [CounterList]

    init(stages: [(String, Int)]) {
        figures = stages.map { StageFigures(name: $0.0, line: $0.1) }
        counters = stages.map { _ in CounterList() }
    }

    private var movedFields: [String: Int] = [:]
    private var repeatedFields: [String: Int] = [:]

    /// Counts JSONL input fields the reader moved, and those that lost a value to a key given
    /// twice, by name.
    func recordInputFields(_ names: [String], repeated: [String] = []) {
        lock.lock()
        defer { lock.unlock() }
        for name in names { movedFields[name, default: 0] += 1 }
        for name in repeated { repeatedFields[name, default: 0] += 1 }
    }

    /// JSONL input fields moved so far, by name.
    public var inputFieldsMoved: [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        return movedFields
    }

    /// JSONL input fields that lost a value to a key given twice so far, by name.
    public var inputFieldsRepeated: [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        return repeatedFields
    }

    private var skipped: [String: Int] = [:]

    /// Counts an input record the reader skipped on purpose, by counter name.
    func recordSkipped(_ name: String) {
        lock.lock()
        defer { lock.unlock() }
        skipped[name, default: 0] += 1
    }

    /// Input records skipped so far, by counter name.
    public var inputSkipped: [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        return skipped
    }

    func record(stage: Int, bytes: Int, nanoseconds: UInt64, context: StageContext, failed: Bool, counted: Bool = true,
                filteredFor reason: String? = nil) {
        lock.lock()
        defer { lock.unlock() }
        // Time counts whether or not the document does (a corpus stage's `prepare`).
        figures[stage].nanoseconds += nanoseconds
        if counted {
            figures[stage].documents += 1
            figures[stage].bytes += bytes
            if failed { figures[stage].failed += 1 }
            if let reason { figures[stage].filtered[reason, default: 0] += 1 }
        }
        if !context.list.isEmpty { counters[stage].add(context.list) }
    }

    /// A snapshot of every stage's figures, in config order.
    public var stages: [StageFigures] {
        lock.lock()
        defer { lock.unlock() }
        var out = figures
        for k in out.indices { out[k].counters = counters[k].dictionary }
        return out
    }
}
