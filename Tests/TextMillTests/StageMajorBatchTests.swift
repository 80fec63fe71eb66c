import Foundation
import Testing
@testable import TextMill

/// The runner applies each step to `Runner.stageMajorItems` items of a batch before the next
/// step (`Runner.apply(_:to:in:…)`): one stage's code and tables stay in the caches across those
/// documents. Each stage still sees the documents in input order, a document a stage failed
/// meets no later stage, and the records come out in input order, with one job or two.
@Suite struct StageMajorBatchTests {
    /// Notes every document it sees, under its `tape` option, as "INSTANCE:FILE" (the stage's
    /// place among the config's stages of this name, and the file's name without `.txt`); fails
    /// a document whose text holds `fail_on`.
    struct TapeStage: Stage {
        static let name = "tape"
        static let summary = "notes the documents it sees (tests only)"
        static let options: [OptionSpec] = [
            OptionSpec("tape", .string, default: nil, "the log to note in"),
            OptionSpec("fail_on", .string, default: nil, "fails a document whose text holds this"),
        ]
        static let traits = StageTraits()
        let tape: String
        let instance: Int
        let failOn: String?

        init(options: StageOptions) throws {
            tape = options.string("tape") ?? ""
            instance = options.environment.instance
            failOn = options.string("fail_on")
        }

        func process(_ document: inout Document, _ context: inout StageContext) throws {
            let file = ((document.source.path as NSString).lastPathComponent as NSString).deletingPathExtension
            Tapes.shared.note(tape, "\(instance):\(file)")
            if let failOn, String(decoding: document.text, as: UTF8.self).contains(failOn) { throw DocumentError("a harbour strike stops this story") }
        }
    }

    /// The logs, by tape (each test has its own: the suites run at the same time).
    final class Tapes: @unchecked Sendable {
        static let shared = Tapes()
        private let lock = NSLock()
        private var logs: [String: [String]] = [:]
        func note(_ tape: String, _ entry: String) { lock.lock(); logs[tape, default: []].append(entry); lock.unlock() }
        func log(_ tape: String) -> [String] { lock.lock(); defer { lock.unlock() }; return logs[tape] ?? [] }
    }

    let registry = StageRegistry.builtin.adding([TapeStage.self])

    static func story(_ i: Int) -> String {
        let towns = ["Tromsø", "Valparaíso", "Lagos", "Kraków", "Da Nang"]
        return "The ferry to \(towns[i % towns.count]) left \(i % 60) minutes late on Monday.\n\n“We waited on the quay,” said one passenger.\n"
    }

    static func name(_ i: Int) -> String { "s\(String(format: "%03d", i))" }

    /// A record's file name without `.txt`, from its id.
    static func file(_ record: JSONObject) -> String {
        ((record["id"]?.stringValue ?? "") as NSString).lastPathComponent.replacingOccurrences(of: ".txt", with: "")
    }

    /// Six stories (twelve items with their files' ends: fewer than `stageMajorItems`): the first
    /// `tape` sees all six before the second sees any, and the story the first fails (s003) is
    /// never seen again; the records and the failure are those of a run of one story at a time.
    /// (Before, each document went through every stage before the next: "1:s000", "2:s000",
    /// "1:s001", …)
    @Test(arguments: [1, 2])
    func eachStageTakesTheWholeBatchInInputOrder(jobs: Int) throws {
        let dir = TemporaryDirectory()
        #expect(12 <= Runner.stageMajorItems)
        for i in 0..<6 {
            dir.write("in/\(Self.name(i)).txt", i == 3 ? "A harbour strike kept the ferries in port.\n" : Self.story(i))
        }
        let tape = "whole-batch-\(jobs)"
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - tape: {tape: \(tape), fail_on: "harbour strike"}
              - normalize
              - sentences
              - tape: {tape: \(tape)}
            """, in: dir, jobs: jobs, registry: registry)
        expectEqual(summary.exitStatus, 1)
        let kept = [0, 1, 2, 4, 5]
        expectEqual(Tapes.shared.log(tape), (0..<6).map { "1:\(Self.name($0))" } + kept.map { "2:\(Self.name($0))" })
        let records = try dir.records("out/corpus.jsonl")
        expectEqual(records.map(Self.file), kept.map(Self.name))
        expectEqual(records.map { $0["sentences"]?.arrayValue?.count ?? 0 }, Array(repeating: 2, count: kept.count))
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.map(Self.file), ["s003"])
        expectEqual(errors.map { $0["stage"]?.stringValue ?? "" }, ["tape"])
    }

    /// 200 stories with one job: the items (a story and its file's end: two a file) go through
    /// the stages `stageMajorItems` at a time, the reader's batches (`ReadAhead.batchItems`, a
    /// multiple of it) cut into such runs: the first stage takes a run, then the second; every
    /// stage sees the stories in input order and the records are in input order.
    @Test func aOneJobRunGoesStageByStageThroughEachBatch() throws {
        let dir = TemporaryDirectory()
        let count = 200
        for i in 0..<count { dir.write("in/\(Self.name(i)).txt", Self.story(i)) }
        let tape = "batches"
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - tape: {tape: \(tape)}
              - tape: {tape: \(tape)}
            """, in: dir, jobs: 1, registry: registry)
        expectEqual(summary.exitStatus, 0)
        #expect(ReadAhead.batchItems % Runner.stageMajorItems == 0)
        let perBatch = Runner.stageMajorItems / 2
        var expected: [String] = []
        for start in stride(from: 0, to: count, by: perBatch) {
            let files = (start..<min(start + perBatch, count)).map(Self.name)
            expected += files.map { "1:\($0)" } + files.map { "2:\($0)" }
        }
        expectEqual(Tapes.shared.log(tape), expected)
        expectEqual(try dir.records("out/corpus.jsonl").map(Self.file), (0..<count).map(Self.name))
    }
}
