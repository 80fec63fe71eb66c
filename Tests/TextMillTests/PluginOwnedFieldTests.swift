import Foundation
import Testing
@testable import TextMill

/// The fields TextMill writes itself (`source`, `duplicate`, `filtered`) whatever an `exec`
/// plugin answers. A plugin that sends them back as they came changes nothing: a record a stage
/// had marked got `filtered` twice (TextMill's, then the plugin's copy), and JSON readers take
/// the last. A plugin that changes one fails its document: TextMill dropped the change in
/// silence (`duplicate`, `source`) or wrote it after its own (`filtered`).
@Suite struct PluginOwnedFieldTests {
    /// Two copies of a story and one other through a marking filter, dedup with `action: mark`,
    /// then a plugin that reads each record and writes `change` into it (Python statements on
    /// `record`; `pass` sends it back as it came).
    func run(change: String) throws -> (RunSummary, TemporaryDirectory) {
        let dir = TemporaryDirectory()
        let text = Repo.bytes("input/rfe-kazakh-activists.txt")
        dir.write("in/a-drop-me.txt", text)
        dir.write("in/b-copy.txt", text)
        dir.write("in/c-other.txt", Repo.bytes("input/npr-kazakhstan-stories.txt"))
        dir.write("plugin.py", """
            import json, sys
            for line in sys.stdin:
                record = json.loads(line)
                \(change)
                sys.stdout.write(json.dumps(record) + "\\n")
                sys.stdout.flush()

            """)
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - filter_by_path: {action: mark}
              - normalize
              - dedup: {action: mark}
              - exec: {command: [python3, \(dir.file("plugin.py"))]}
            """, in: dir, registry: StageRegistry.builtin.adding([FilterByPathStage.self]))
        return (summary, dir)
    }

    @Test func fieldsSentBackAsTheyCameAreWrittenOnce() throws {
        let (summary, dir) = try run(change: "pass")
        #expect(summary.exitStatus == 0 && summary.written == 3 && summary.marked == 1 && summary.failed == 0)
        let lines = dir.read("out/corpus.jsonl").split(separator: "\n")
        expectEqual(lines.map { $0.components(separatedBy: "\"filtered\":").count - 1 }, [1, 0, 0])
        expectEqual(lines.map { $0.components(separatedBy: "\"duplicate\":").count - 1 }, [1, 1, 1])
        let records = try dir.records("out/corpus.jsonl")
        expectEqual(records.map { $0["filtered"]?.jsonText ?? "-" }, [
            #"{"stage":"filter_by_path","reason":"path_word","detail":"the path contains 'drop-me'"}"#, "-", "-",
        ])
        expectEqual(records.map { $0["duplicate"]?.jsonText ?? "-" }, [
            "null", #"{"of":"\#(dir.file("in/a-drop-me.txt"))","kind":"exact","similarity":1}"#, "null",
        ])
    }

    /// A similarity written back as `1.0` (as another JSON library may) is the same value.
    @Test func aNumberWrittenAnotherWayIsTheSameValue() throws {
        let (summary, _) = try run(change: #"record["duplicate"] = record["duplicate"] and dict(record["duplicate"], similarity=1.0)"#)
        #expect(summary.exitStatus == 0 && summary.failed == 0 && summary.written == 3)
    }

    @Test(arguments: [
        (#"record["duplicate"] = {"of": "elsewhere", "kind": "exact", "similarity": 1}"#,
         #"changes "duplicate" (to {"of":"elsewhere","kind":"exact","similarity":1})"#),
        (#"record["source"] = dict(record["source"], path="forged.txt")"#, #"changes "source" (to {"path":"forged.txt""#),
        (#"record["filtered"] = {"stage": "mine", "reason": "plugin"}"#, #"changes "filtered" (to {"stage":"mine","reason":"plugin"})"#),
    ])
    func aPluginChangingAFieldTextMillWritesFailsTheDocument(change: String, said: String) throws {
        let (summary, dir) = try run(change: change)
        #expect(summary.exitStatus == 1 && summary.failed == 3 && summary.written == 0)
        let reasons = try dir.records("out/corpus.errors.jsonl").map { $0["reason"]?.stringValue ?? "" }
        expectEqual(reasons.count, 3)
        #expect(reasons.allSatisfy { $0.hasPrefix("the plugin's record \(said)") && $0.hasSuffix(
            ", a field TextMill writes itself: send it back as it came or leave it out; to drop the document answer {\"drop\": \"REASON\"}, to add a mark of your own give it a name of your own") },
                "\(reasons)")
    }
}
