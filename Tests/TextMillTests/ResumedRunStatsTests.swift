import Foundation
import Testing
@testable import TextMill

/// The stats file of a run that resumed an interrupted one: `run` holds what this run did, and
/// `run.resumed` what the interrupted run had done before its last checkpoint (files, documents
/// and records per output, from the journal), so that the two together are the figures of the
/// run had it not been interrupted, and `output` is that run's. The report says which records
/// the interrupted run wrote. Until session 37 nothing said how many documents the interrupted
/// run had done (a resumed run said "35 documents" of an output of 40), and the report counted
/// its records as kept from earlier runs. The stages' counters stay this run's own
/// (`ResumedWork`).
@Suite(.serialized) struct ResumedRunStatsTests {
    let resume = IncrementalResumeTests()

    func stats(_ dir: TemporaryDirectory, _ out: String) throws -> JSONObject {
        try JSONParser.parse(dir.read("\(out)/corpus.stats.json")).objectValue ?? JSONObject()
    }

    /// `run`'s figures added to `run.resumed`'s.
    static func whole(_ run: JSONObject) -> [String: Int] {
        let resumed = run["resumed"]?.objectValue ?? JSONObject()
        var out: [String: Int] = [:]
        for key in ["files", "documents", "written", "duplicates", "filtered", "failed"] {
            out[key] = (run[key]?.intValue ?? -1) + (resumed[key]?.intValue ?? 0)
        }
        return out
    }

    @Test(arguments: ["checkpoint-written:2", "checkpoint-written:5"])
    func aResumedRunsFiguresWithTheInterruptedRunsAreTheUninterruptedRuns(killAt: String) throws {
        let dir = TemporaryDirectory()
        resume.firstInputs(dir)
        let reference = try resume.run(resume.config(dir, output: "reference", main: "corpus.jsonl"), jobs: 2)
        expectEqual(reference.status, 0, "\(reference.stderr)")
        let cfg = resume.config(dir, output: "killed", main: "corpus.jsonl")
        #expect(try resume.run(cfg, killAt: killAt, jobs: 2).killed)
        let again = try resume.run(cfg, jobs: 2)
        expectEqual(again.status, 0, "\(again.stderr)")
        #expect(again.stderr.contains("resuming after"), "\(again.stderr)")
        let expected = try stats(dir, "reference"), got = try stats(dir, "killed")
        let run = got["run"]?.objectValue ?? JSONObject()
        let resumed = run["resumed"]?.objectValue
        #expect((resumed?["files"]?.intValue ?? 0) > 0, "\(run)")
        expectEqual(expected["run"]?.objectValue?["resumed"], nil)
        expectEqual(Self.whole(run), Self.whole(expected["run"]?.objectValue ?? JSONObject()))
        expectEqual(got["output"]?.objectValue?["records"], expected["output"]?.objectValue?["records"])
        // The report: the interrupted run's records are named as its, none kept from earlier runs.
        let written = run["written"]?.intValue ?? -1, before = resumed?["written"]?.intValue ?? -1
        let records = expected["output"]?.objectValue?["records"]?.intValue ?? -1
        expectEqual(written + before, records)
        let report = try CommandLineTests().textmill(["report", dir.file("killed/corpus.jsonl")])
        expectEqual(report.status, 0, "\(report.stderr)")
        let page = dir.read("killed/corpus.report.html")
        #expect(page.contains("This run wrote \(MessageText.counted(written, "record")) and the interrupted run it finished \(before); the output holds these \(records)."),
                "\(page.prefix(4000))")
    }
}
