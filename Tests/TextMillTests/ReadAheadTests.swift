import Foundation
import Testing
@testable import TextMill

/// A `--jobs 1` run reads ahead (issue 17, twenty-second pass): its reader has a thread of its
/// own, so a file's open, `fstat`, read and close overlap the stages of the files before it,
/// which the run's thread works through in order; at most `ReadAhead.batches` batches (32
/// one-document files each) and the one the reader fills are read and not yet worked through. Before, the reading was on the
/// stages' thread: every file's system calls waited for the stages of the one before.
@Suite(.serialized) struct ReadAheadTests {
    /// Counts the documents it has seen (tests only): how far the stages are.
    struct CountingStage: Stage {
        static let name = "count_seen"
        static let summary = "counts the documents it sees (tests only)"
        static let options: [OptionSpec] = []
        static let traits = StageTraits()
        static let seen = Counter()
        init(options: StageOptions) throws {}
        func process(_ document: inout Document, _ context: inout StageContext) throws { Self.seen.add() }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func add() { lock.lock(); n += 1; lock.unlock() }
        var value: Int { lock.lock(); defer { lock.unlock() }; return n }
        func reset() { lock.lock(); n = 0; lock.unlock() }
    }

    /// What each file's open saw: the thread it ran on and how many documents the stages had seen.
    final class Openings: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var seen: [Int: (thread: String, stagesDone: Int)] = [:]
        func note(_ file: Int, _ thread: String, _ stagesDone: Int) { lock.lock(); seen[file] = (thread, stagesDone); lock.unlock() }
    }

    static func threadName() -> String {
        (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
    }

    @Test func aOneJobRunReadsAheadOnTheReadersThreadAndNoFurtherThanItsBatches() throws {
        let dir = TemporaryDirectory()
        let count = 640
        let towns = ["Tromsø", "Valparaíso", "Lagos", "Kraków", "Da Nang"]
        for i in 0..<count {
            dir.write("in/story-\(String(format: "%04d", i)).txt",
                      "The ferry to \(towns[i % towns.count]) left \(i % 60) minutes late on Monday, the harbour office said.\n")
        }
        CountingStage.seen.reset()
        let openings = Openings()
        for i in 0..<count {
            ReadSeam.shared.arm(dir.file("in/story-\(String(format: "%04d", i)).txt"), at: .opened) {
                openings.note(i, Self.threadName(), CountingStage.seen.value)
            }
        }
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages: [count_seen]
            """, in: dir, jobs: 1, registry: StageRegistry.builtin.adding([CountingStage.self]))
        expectEqual(summary.exitStatus, 0)
        expectEqual(try dir.records("out/corpus.jsonl").count, count)
        expectEqual(openings.seen.count, count)
        // Every file opened on the reader's thread, not the stages'.
        expectEqual(Set(openings.seen.values.map(\.thread)), ["reader"])
        // How many files ahead of the stages each open was: never more than the batches in
        // flight (`ReadAhead.batches`) and the one being filled, two items a file.
        let ahead = openings.seen.map { $0.key - $0.value.stagesDone }
        let bound = (ReadAhead.batches + 1) * ReadAhead.batchItems / 2
        #expect(ahead.allSatisfy { $0 < bound }, "at most \(bound - 1) files ahead: \(ahead.max() ?? 0)")
        #expect(ahead.allSatisfy { $0 >= 0 })
    }
}
