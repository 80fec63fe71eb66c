import Foundation
import Testing
@testable import TextMill

/// A run killed after it built its new outputs (`next.*` in the state folder) and before its
/// pending manifest was durable left those files behind. When the next run's commit appended in
/// place (here: the changed file changed back, a new file added), it appended its records and
/// then renamed the killed run's `next.*` over the outputs: the new document was gone and the
/// output held the killed run's record of the changed text, under exit 0 (main 971bb81). The
/// leftovers are removed before the run plans, and the output is an uninterrupted run's.
@Suite(.serialized) struct StaleNextOutputsTests {
    let cli = CommandLineTests()

    @Test func aKilledCommitsNewOutputsAreNeverPutInPlaceByTheNextRun() throws {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts(count: 2)
        let config = dir.write("p.yaml", "input: in\noutput: out/corpus.jsonl\nstages: [normalize]\n")
        expectEqual(try cli.textmill(["run", config, "--quiet"], in: dir.path).status, 0)
        // The second text changed: the commit builds new outputs, and is killed once they are written.
        let second = dir.file("in/" + PathText.name(of: Repo.sampleTexts[1]))
        let original = try #require(FileManager.default.contents(atPath: second))
        dir.write("in/" + PathText.name(of: Repo.sampleTexts[1]), [UInt8](original) + Array("A closing line added later.\n".utf8))
        let killed = try cli.textmill(["run", config, "--quiet"], in: dir.path, environment: ["TEXTMILL_KILL_AT": "commit-next-written"])
        expectEqual(killed.status, SIGKILL, "\(killed.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.file("out/.corpus.textmill/next.output")), "the killed commit's new outputs are there")
        // The text back as it was, and a third one: a run that only adds, so it appends in place.
        dir.write("in/" + PathText.name(of: Repo.sampleTexts[1]), [UInt8](original))
        dir.writeSampleTexts(count: 3)
        let next = try cli.textmill(["run", config], in: dir.path)
        expectEqual(next.status, 0, "\(next.stderr)")

        let reference = dir.write("r.yaml", "input: in\noutput: ref/corpus.jsonl\nstages: [normalize]\n")
        expectEqual(try cli.textmill(["run", reference, "--quiet"], in: dir.path).status, 0)
        let ids = { (name: String) in try dir.records(name).compactMap { $0["id"]?.stringValue }.sorted() }
        expectEqual(try ids("out/corpus.jsonl"), try ids("ref/corpus.jsonl"))
        expectEqual(try ids("out/corpus.jsonl").count, 3)
        let texts = { (name: String) in try dir.records(name).compactMap { $0["text"]?.stringValue }.sorted() }
        expectEqual(try texts("out/corpus.jsonl"), try texts("ref/corpus.jsonl"), "each record is of its file as it is now")
        let again = try cli.textmill(["run", config], in: dir.path)
        #expect(again.stderr.contains("[incremental: 0 new, 0 changed, 0 deleted, 3 unchanged files]"), "the manifest fits the outputs: \(again.stderr)")
    }
}
