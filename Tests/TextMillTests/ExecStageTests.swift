import Foundation
import Testing
@testable import TextMill

/// The `exec` plugin protocol on the sample corpus: a plugin that crashes, hangs or prints
/// garbage fails one document, is restarted, and the run goes on.
@Suite struct ExecStageTests {
    let script = Repo.path("Tests/TextMillTests/Fixtures/plugins/misbehave.py")

    func run(mode: String, trigger: String = "npr-kazakhstan", timeout: Double = 30) throws -> (RunSummary, [JSONObject], [JSONObject], TemporaryDirectory) {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts()
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - normalize
              - exec: {command: [python3, \(script), \(mode), \(trigger)], timeout: \(timeout)}
            """, in: dir, jobs: 2)
        return (summary, try dir.records("out/corpus.jsonl"), try dir.records("out/corpus.errors.jsonl"), dir)
    }

    @Test(arguments: [("crash", "exited with status 3"), ("garbage", "not JSON"), ("hang", "did not answer within")])
    func misbehavingPluginFailsOneDocument(mode: String, message: String) throws {
        let (summary, records, errors, dir) = try run(mode: mode, timeout: mode == "hang" ? 3 : 30)
        #expect(summary.exitStatus == 1)
        #expect(records.count == 4)
        #expect(records.allSatisfy { $0["seen"] == .bool(true) })
        #expect(errors.count == 1)
        #expect(errors.first?["stage"]?.stringValue == "exec")
        #expect(errors.first?["id"]?.stringValue?.hasSuffix("npr-kazakhstan-stories.txt") == true)
        #expect(errors.first?["reason"]?.stringValue?.contains(message) == true, "\(errors)")
        // The plugin's stderr went to its log beside the output.
        #expect(dir.read("out/.corpus.textmill/exec-misbehave.py.log").contains("handled"))
    }

    @Test func pluginThatChangesTextMustFixSpans() throws {
        let (_, records, errors, _) = try run(mode: "stale-spans")
        #expect(records.count == 4)
        #expect(errors.first?["reason"]?.stringValue?.contains("paragraphs spans came back as they were sent") == true, "\(errors)")
    }

    @Test func pluginThatChangesTextAndDropsSpansIsFine() throws {
        let (summary, records, errors, _) = try run(mode: "shorten")
        #expect(summary.exitStatus == 0, "\(errors)")
        let npr = records.first { $0["id"]?.stringValue?.hasSuffix("npr-kazakhstan-stories.txt") == true }
        #expect(npr?["text"]?.stringValue?.count == 200)
        #expect(npr?["paragraphs"] == nil)
    }

    @Test func missingProgramIsAConfigError() {
        let dir = TemporaryDirectory()
        #expect(throws: ConfigError.self) {
            _ = try runPipeline("""
                input: \(Repo.path("input"))
                output: \(dir.file("out.jsonl"))
                stages:
                  - exec: {command: [no-such-program-xyz]}
                """, in: dir)
        }
    }
}
