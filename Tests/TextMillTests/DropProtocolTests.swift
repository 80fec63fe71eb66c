import Foundation
import Testing
@testable import TextMill

/// A test stage that filters documents whose source path contains `word`, with `action`.
struct FilterByPathStage: Stage {
    static let name = "filter_by_path"
    static let summary = "filters documents whose source path contains a word (tests only)"
    static let options = [
        OptionSpec("word", .string, default: "drop-me", "the word to look for in the path"),
        OptionSpec("action", .choice(["drop", "mark"]), default: "drop", "drop or mark"),
    ]
    static let traits = StageTraits()
    let word: String
    let action: FilterAction

    init(options: StageOptions) throws {
        word = options.string("word") ?? "drop-me"
        action = FilterAction(rawValue: options.string("action") ?? "drop") ?? .drop
    }

    func process(_ document: inout Document, _ context: inout StageContext) throws {
        if document.source.path.contains(word) {
            throw DocumentFiltered("path_word", detail: "the path contains '\(word)'", action: action)
        }
    }
}

/// Stages may remove a document on purpose (DESIGN.md: the filtered file): it goes to
/// `NAME.filtered.jsonl` with `filtered: {stage, reason, detail}`, counts per stage and reason,
/// stays out of later stages (dedup's index included) and is no failure; `action: mark` keeps it.
@Suite struct DropProtocolTests {
    let cli = CommandLineTests()
    let plugin = Repo.path("Tests/TextMillTests/Fixtures/plugins/drop_by_word.py")

    func filtered(_ records: [JSONObject]) -> [String] {
        records.map { r in
            let id = (r["id"]?.stringValue ?? "") as NSString
            return "\(id.lastPathComponent) \(r["filtered"]?.jsonText ?? "-")"
        }
    }

    @Test func aPluginDropsDocumentsByAnsweringDrop() throws {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts()
        let config = dir.write("p.yaml", """
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - normalize
              - exec: {command: [python3, \(plugin), Tokayev]}
              - sentences
            """)
        let r = try cli.textmill(["run", config, "--quiet"])
        expectEqual(r.status, 0, "a filtered document is no failure: \(r.stderr)")
        #expect(dir.read("out/corpus.errors.jsonl").isEmpty)
        let kept = try dir.records("out/corpus.jsonl")
        #expect(kept.map { (($0["id"]?.stringValue ?? "") as NSString).lastPathComponent }
                == ["npr-kazakhstan-stories.txt", "rfe-chinese-envoy-undiplomatic.txt", "rfe-kazakh-activists.txt"])
        let dropped = try dir.records("out/corpus.filtered.jsonl")
        expectEqual(filtered(dropped), [
            #"kazakhstan-after-the-uprising.txt {"stage":"exec","reason":"mentions_tokayev","detail":"13 mentions of Tokayev"}"#,
            #"wikipedia-china-kazakhstan-relations.txt {"stage":"exec","reason":"mentions_tokayev","detail":"1 mentions of Tokayev"}"#,
        ])
        #expect(dropped.allSatisfy { $0["sentences"] == nil }, "later stages never see a dropped document")
        let stats = try #require(DurableFile.readJSON(dir.file("out/corpus.stats.json"))?.objectValue)
        expectEqual(stats["run"]?.objectValue?["filtered"], JSONValue(2))
        expectEqual(stats["output"]?.objectValue?["filtered"], JSONValue(2))
        let exec = try #require(stats["stages"]?.arrayValue?.first { $0.objectValue?["stage"]?.stringValue == "exec" }?.objectValue)
        expectEqual(exec["filtered"]?.jsonText, #"{"mentions_tokayev":2}"#)
        expectEqual(exec["failed"], JSONValue(0))
        #expect(r.stdout.isEmpty)

        // The next run has nothing to do, and the output still says how many were filtered.
        let again = try cli.textmill(["run", config, "--quiet"])
        expectEqual(again.status, 0)
        let after = try #require(DurableFile.readJSON(dir.file("out/corpus.stats.json"))?.objectValue)
        expectEqual(after["output"]?.objectValue?["filtered"], JSONValue(2))
        expectEqual(after["run"]?.objectValue?["filtered"], JSONValue(0))
        expectEqual(try dir.records("out/corpus.filtered.jsonl").count, 2)
    }

    @Test func aDropAnswerThatIsNotAReasonFailsTheDocument() throws {
        #expect(throws: DocumentError.self) { try ExecStage.filtered(by: .bool(true), detail: nil) }
        #expect(throws: DocumentError.self) { try ExecStage.filtered(by: .string(""), detail: nil) }
        let f = try ExecStage.filtered(by: .string("short"), detail: .string("3 words"))
        #expect(f.reason == "short" && f.detail == "3 words" && f.action == .drop)
    }

    /// A drop answer that names another record is no verdict on the one sent: a fresh copy's
    /// answer {"drop": "spam", "id": "someone-else"} filtered the document it was sent. It fails
    /// that document; a drop answer with the document's own id still filters it.
    @Test func aDropAnswerForAnotherIdFailsTheDocument() throws {
        let (summary, dir) = try runDroppingTheCouncilStoryAs(#""someone-else""#)
        #expect(summary.exitStatus == 1 && summary.failed == 1 && summary.filtered == 1 && summary.written == 0)
        let council = dir.file("in/a-council.txt")
        expectEqual(try dir.records("out/corpus.errors.jsonl").map { $0["reason"]?.stringValue ?? "" }, [
            "the plugin's drop answer is for id 'someone-else', but '\(council)' was sent (records must come back in the order they were sent)",
        ])
        expectEqual(filtered(try dir.records("out/corpus.filtered.jsonl")), [#"b-ferry.txt {"stage":"exec","reason":"spam"}"#])
    }

    /// A drop answer whose id is no string ({"drop": "spam", "id": 7}) is no verdict on the
    /// record sent either: it filtered the document under exit 0, where a record answer with
    /// that id fails.
    @Test func aDropAnswerWhoseIdIsNoStringFailsTheDocument() throws {
        let (summary, dir) = try runDroppingTheCouncilStoryAs("7")
        #expect(summary.exitStatus == 1 && summary.failed == 1 && summary.filtered == 1 && summary.written == 0)
        let council = dir.file("in/a-council.txt")
        expectEqual(try dir.records("out/corpus.errors.jsonl").map { $0["reason"]?.stringValue ?? "" }, [
            "the plugin's drop answer is for id 7 (not a string), but '\(council)' was sent (records must come back in the order they were sent)",
        ])
        expectEqual(filtered(try dir.records("out/corpus.filtered.jsonl")), [#"b-ferry.txt {"stage":"exec","reason":"spam"}"#])
    }

    /// A run over two stories through a plugin that drops each as spam: the ferry story under
    /// its own id, the council story under `otherID` (a Python literal).
    func runDroppingTheCouncilStoryAs(_ otherID: String) throws -> (RunSummary, TemporaryDirectory) {
        let dir = TemporaryDirectory()
        dir.write("in/a-council.txt", "The council approved the budget on Tuesday.\n")
        dir.write("in/b-ferry.txt", "The ferry left the harbor at noon.\n")
        dir.write("drop_other.py", """
            import json, sys
            for line in sys.stdin:
                record = json.loads(line)
                mine = "ferry" in record["text"]
                sys.stdout.write(json.dumps({"drop": "spam", "id": record["id"] if mine else \(otherID)}) + "\\n")
                sys.stdout.flush()

            """)
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - exec: {command: [python3, \(dir.file("drop_other.py"))]}
            """, in: dir)
        return (summary, dir)
    }

    func runFilterStage(action: String) throws -> (RunSummary, TemporaryDirectory) {
        let dir = TemporaryDirectory()
        let text = Repo.bytes("input/rfe-kazakh-activists.txt")
        // The same text twice: dedup must not call the kept copy a duplicate of a dropped one.
        dir.write("in/a-drop-me.txt", text)
        dir.write("in/b-keep.txt", text)
        dir.write("in/c-other.txt", Repo.bytes("input/npr-kazakhstan-stories.txt"))
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - filter_by_path: {action: \(action)}
              - normalize
              - dedup
            """, in: dir, registry: StageRegistry.builtin.adding([FilterByPathStage.self]))
        return (summary, dir)
    }

    @Test func droppedDocumentsStayOutOfDedupsIndex() throws {
        let (summary, dir) = try runFilterStage(action: "drop")
        #expect(summary.exitStatus == 0 && summary.filtered == 1 && summary.written == 2 && summary.duplicates == 0)
        #expect(filtered(try dir.records("out/corpus.filtered.jsonl"))
                == [#"a-drop-me.txt {"stage":"filter_by_path","reason":"path_word","detail":"the path contains 'drop-me'"}"#])
        let kept = try dir.records("out/corpus.jsonl")
        expectEqual(kept.map { $0["duplicate"] }, [.null, .null], "b-keep.txt is the first copy dedup saw")
        expectEqual(summary.stages.first?.filtered, ["path_word": 1])
    }

    @Test func markKeepsTheDocumentAndTheLaterStagesRun() throws {
        let (summary, dir) = try runFilterStage(action: "mark")
        #expect(summary.exitStatus == 0 && summary.filtered == 0 && summary.marked == 1 && summary.written == 2 && summary.duplicates == 1)
        #expect(dir.read("out/corpus.filtered.jsonl").isEmpty)
        let kept = try dir.records("out/corpus.jsonl")
        expectEqual(filtered(kept), [
            #"a-drop-me.txt {"stage":"filter_by_path","reason":"path_word","detail":"the path contains 'drop-me'"}"#,
            "c-other.txt -",
        ])
        expectEqual(kept.first?["duplicate"], .null, "normalize and dedup ran on the marked document")
        expectEqual(summary.stages.first?.filtered, ["path_word": 1])
    }
}
