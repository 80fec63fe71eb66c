import Foundation
import Testing
@testable import TextMill

/// A corpus stage with saved state, as dedup will be: it numbers documents in input order and
/// keeps its count (and what it was told to forget) in its checkpoint token.
final class OrdinalStage: PersistentStage, @unchecked Sendable {
    static let name = "ordinal"
    static let summary = "numbers documents in input order (test stage)"
    static let options: [OptionSpec] = []
    static let traits = StageTraits(scope: .corpus)

    private let lock = NSLock()
    private var count = 0
    private var forgotten: [String] = []

    init(options: StageOptions) throws {}

    func process(_ document: inout Document, _ context: inout StageContext) throws {
        lock.lock()
        defer { lock.unlock() }
        count += 1
        document.extra["ordinal"] = JSONValue(count)
    }

    func reset() throws { lock.lock(); count = 0; forgotten = []; lock.unlock() }
    func forget(_ documents: [DocumentKey]) throws { lock.lock(); forgotten += documents.map(\.id); lock.unlock() }

    func checkpoint() throws -> JSONValue {
        lock.lock()
        defer { lock.unlock() }
        return .object(JSONObject([("count", JSONValue(count)), ("forgotten", .array(forgotten.map { .string($0) }))]))
    }

    func restore(to token: JSONValue) throws {
        lock.lock()
        defer { lock.unlock() }
        count = token.objectValue?["count"]?.intValue ?? 0
        forgotten = token.objectValue?["forgotten"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}

/// The runner's corpus-stage path: parallel work before and after a stage that sees documents
/// one at a time in input order, with an in-flight budget smaller than any document.
@Suite struct ReviewCorpusStageTests {
    let registry = StageRegistry.builtin.adding([OrdinalStage.self])

    func corpus(_ dir: TemporaryDirectory) {
        for (k, p) in Repo.sampleTexts.enumerated() {
            dir.write("in/\(k).txt", Repo.bytes(p))
            dir.write("in/\(k)-copy.txt", Array("Copy \(k)\n\n".utf8) + Repo.bytes(p))
        }
        dir.write("in/wire.jsonl", Repo.bytes("input/wire/coastal-wire.jsonl"))
    }

    func run(_ dir: TemporaryDirectory, output: String, jobs: Int, inFlightBytes: Int) throws -> RunSummary {
        let yaml = "input: \(dir.file("in"))\noutput: \(dir.file(output + "/corpus.jsonl"))\nstages: [normalize, ordinal, sentences]\n"
        let config = try ConfigLoader(registry: registry).parse(yaml, path: dir.file("p.yaml"))
        return try Runner(config: config, options: RunOptions(jobs: jobs, inFlightBytes: inFlightBytes, checkpointBytes: 1)).run()
    }

    @Test func documentsLargerThanTheBudgetFlowInOrderOnFourThreads() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        _ = try run(dir, output: "one", jobs: 1, inFlightBytes: 32 << 20)
        _ = try run(dir, output: "four", jobs: 4, inFlightBytes: 1)
        expectEqual(dir.read("four/corpus.jsonl"), dir.read("one/corpus.jsonl"))
        let ordinals = try dir.records("four/corpus.jsonl").compactMap { $0["ordinal"]?.intValue }
        expectEqual(ordinals, Array(1...13), "the corpus stage saw every document once, in input order")
    }

    /// Its state follows the output across incremental runs: restored from the manifest, told
    /// which ids went away, and numbering only the new documents.
    @Test func itsStateFollowsIncrementalRuns() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        _ = try run(dir, output: "out", jobs: 2, inFlightBytes: 32 << 20)
        dir.write("in/2.txt", "A correction was published.\n\nThe berths reopen on Saturday.\n")
        dir.write("in/9-new.txt", Repo.bytes(Repo.sampleTexts[4]))
        let second = try run(dir, output: "out", jobs: 2, inFlightBytes: 32 << 20)
        #expect(second.mode.hasPrefix("incremental: 1 new, 1 changed"))
        let records = try dir.records("out/corpus.jsonl")
        expectEqual(records.suffix(2).map { $0["ordinal"]?.intValue }, [14, 15])
        let manifest = try #require(StateStore.readJSON(dir.file("out/.corpus.textmill/manifest.json"))?.objectValue)
        let token = try #require(manifest["stages"]?.objectValue?["1"]?.objectValue)
        expectEqual(token["count"]?.intValue, 15)
        expectEqual(token["forgotten"]?.arrayValue, [.string(dir.file("in/2.txt"))])
    }
}
