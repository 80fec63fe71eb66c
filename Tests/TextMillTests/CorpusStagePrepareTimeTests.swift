import Foundation
import Testing
@testable import TextMill

/// A corpus stage whose per-document `prepare` takes a known time (it sleeps) and whose
/// `process` does next to nothing, as dedup's is the larger half of its work.
final class SlowPrepareStage: Stage, @unchecked Sendable {
    static let name = "slow-prepare"
    static let summary = "sleeps in prepare, nothing in process (test stage)"
    static let options: [OptionSpec] = []
    static let traits = StageTraits(scope: .corpus)
    /// Each document's `prepare` sleeps this long.
    static let prepareMicroseconds: UInt32 = 20_000

    init(options: StageOptions) throws {}

    func prepare(_ document: inout Document, _ context: inout StageContext) throws {
        usleep(SlowPrepareStage.prepareMicroseconds)
    }

    func process(_ document: inout Document, _ context: inout StageContext) throws {}
}

/// A corpus stage's seconds in the stats are both halves of its work: `prepare` (on the
/// parallel workers) and `process` (in input order). Only `process` was timed: dedup's
/// `prepare`, about 60 % of its instructions on short news, counted as the runner's time, and
/// dedup's MB/s in `stats.json` was that of its `process` alone.
@Suite struct CorpusStagePrepareTimeTests {
    let registry = StageRegistry.builtin.adding([SlowPrepareStage.self])

    func run(jobs: Int) throws -> RunSummary {
        let dir = TemporaryDirectory()
        for k in 1...4 { dir.write("in/\(k).txt", "Story \(k) of the harbour's week.\n\nThe ferries ran late on day \(k).\n") }
        let yaml = "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize, slow-prepare]\n"
        let config = try ConfigLoader(registry: registry).parse(yaml, path: dir.file("p.yaml"))
        return try Runner(config: config, options: RunOptions(jobs: jobs)).run()
    }

    /// Four documents, each `prepare` asleep 20 ms: at least 80 ms of the stage's time, with one
    /// thread or two (summed over threads). The documents are counted once, by `process`.
    /// (Without the timing of `prepare`, the stage measured well under 1 ms.)
    @Test(arguments: [1, 2])
    func prepareCountsInTheStagesSeconds(jobs: Int) throws {
        let summary = try run(jobs: jobs)
        let stage = try #require(summary.stages.first { $0.name == "slow-prepare" })
        let slept = 4 * Double(SlowPrepareStage.prepareMicroseconds) / 1e6
        #expect(stage.seconds >= slept, "the stage's seconds \(stage.seconds) hold its prepare's \(slept) s")
        #expect(stage.documents == 4, "each document counted once, by process")
    }
}
