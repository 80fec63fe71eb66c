import Foundation
import Testing
@testable import TextMill

/// The runner moves each document from step to step (issue 17, fifth pass): a stage gets the only
/// reference to the document's arrays, so changing the text in place copies nothing, and the
/// records are those of the runner that copied.
@Suite struct RunnerOwnershipTests {
    /// How many times a probe stage found the text shared (its in-place write made a copy).
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var runs = 0
        private var shared = 0
        func add(copied: Bool) {
            lock.lock()
            runs += 1
            if copied { shared += 1 }
            lock.unlock()
        }
        var counts: (runs: Int, shared: Int) {
            lock.lock()
            defer { lock.unlock() }
            return (runs, shared)
        }
        func reset() {
            lock.lock()
            runs = 0
            shared = 0
            lock.unlock()
        }
    }

    static let tally = Tally()

    /// Writes the text's first byte back in place (a capital for a lower-case ASCII letter) and
    /// counts whether that write had to copy the text first.
    struct InPlaceProbe: Stage {
        static let name = "in-place-probe"
        static let summary = "writes the first byte of the text in place"
        static let options: [OptionSpec] = []
        static let traits = StageTraits()
        init(options: StageOptions) throws {}
        func process(_ document: inout Document, _ context: inout StageContext) throws {
            guard !document.text.isEmpty else { return }
            let before = document.text.withUnsafeBufferPointer { $0.baseAddress }
            let first = document.text[0]
            document.text[0] = first >= 0x61 && first <= 0x7A ? first - 0x20 : first
            let after = document.text.withUnsafeBufferPointer { $0.baseAddress }
            RunnerOwnershipTests.tally.add(copied: before != after)
        }
    }

    @Test func aStageChangesTheTextInPlaceWithoutACopy() throws {
        var registry = StageRegistry.builtin
        registry.register(InPlaceProbe.self)
        for jobs in [1, 2] {
            let dir = TemporaryDirectory()
            dir.write("in/a-note.txt", "officials in the port city said the ferry would run again on Monday.\n")
            dir.write("in/b-wire.jsonl", """
                {"id":"w-1","text":"the council met on Tuesday.\\n\\nIt voted to close the bridge."}
                {"id":"w-2","text":"Nine boats left the harbour before dawn."}

                """)
            Self.tally.reset()
            let summary = try runPipeline("""
                input: \(dir.file("in"))
                output: \(dir.file("out/corpus.jsonl"))
                stages: [normalize, in-place-probe, sentences]
                """, in: dir, jobs: jobs, registry: registry)
            expectEqual(summary.exitStatus, 0)
            let records = try dir.records("out/corpus.jsonl")
            expectEqual(records.map { $0["id"]?.stringValue }, ["\(dir.file("in/a-note.txt"))", "w-1", "w-2"])
            expectEqual(records.map { $0["text"]?.stringValue }, [
                "Officials in the port city said the ferry would run again on Monday.",
                "The council met on Tuesday.\n\nIt voted to close the bridge.",
                "Nine boats left the harbour before dawn.",
            ])
            expectEqual(records.map { $0["sentences"]?.arrayValue?.count }, [1, 2, 1])
            let counts = Self.tally.counts
            expectEqual(counts.runs, 3, "jobs \(jobs)")
            expectEqual(counts.shared, 0, "jobs \(jobs): the text was shared when the stage changed it")
        }
    }
}
