import Foundation
import Testing
@testable import TextMill

/// A test stage that sets one `meta` key or the `input` extra field to a JSON value (tests only).
struct SetFieldStage: Stage {
    static let name = "set_field"
    static let summary = "sets meta.KEY (or the input extra field) to a JSON value (tests only)"
    static let options = [
        OptionSpec("key", .string, default: "title", "the meta key, or 'input' for the extra field"),
        OptionSpec("json", .string, default: "\"a title\"", "the value, as JSON"),
    ]
    static let traits = StageTraits()
    let key: String
    let value: JSONValue

    init(options: StageOptions) throws {
        key = options.string("key") ?? "title"
        value = try JSONParser.parse(Array((options.string("json") ?? "null").utf8))
    }

    func process(_ document: inout Document, _ context: inout StageContext) throws {
        if key == "input" { document.extra["input"] = value } else { document.meta[key] = value }
    }
}

/// The record keeps its schema (`schema/record.schema.json`) whatever an `exec` plugin answers or
/// a Swift stage sets: a `meta` value the schema refuses under its key (`"title": 5`, a date
/// object, a language object without `score`), or an `input` that is no object, fails the
/// document with the stage's name, the key, the value's type and what the schema takes. Before,
/// the record was written as the plugin or stage left it, breaking the schema under exit 0.
@Suite struct StageSchemaTypesTests {
    static let notice = "The lighthouse keeper on Skerry Point logged three ships sheltering from the gale before dawn."

    /// One text file through `normalize` and a plugin whose Python statement `change` edits
    /// each `record` before it is sent back.
    func runPlugin(change: String) throws -> (RunSummary, TemporaryDirectory) {
        let dir = TemporaryDirectory()
        dir.write("in/notice.txt", Self.notice + "\n")
        dir.write("plugin.py", pluginEditingEachRecord(change))
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - normalize
              - exec: {command: [python3, \(dir.file("plugin.py"))]}
            """, in: dir)
        return (summary, dir)
    }

    static let languageWants = #"a string (a declared language) or a language object {"code": string, "score": number from 0 to 1, "reliable": boolean} (with, if given, "top": [{"code", "score"}] and "paragraphs": [strings])"#

    @Test(arguments: [
        (#"record["meta"] = {"title": 5, "language": "x", "date": {"y": 2024}}"#,
         #"the plugin's "meta" gives "title": 5 (a number), where the record's schema (schema/record.schema.json) takes a string: answer a value of that type, leave the key out, or put the value under a key of your own"#),
        (#"record["meta"] = {"title": "Gale", "date": {"y": 2024}}"#,
         #"the plugin's "meta" gives "date": {"y":2024} (an object), where the record's schema (schema/record.schema.json) takes a string: answer a value of that type, leave the key out, or put the value under a key of your own"#),
        (#"record["meta"]["byline"] = None"#,
         #"the plugin's "meta" gives "byline": null (null), where the record's schema (schema/record.schema.json) takes a string: answer a value of that type, leave the key out, or put the value under a key of your own"#),
        (#"record["meta"]["language"] = {"code": "en", "score": 1.5, "reliable": True}"#,
         #"the plugin's "meta" gives "language": {"code":"en","score":1.5,"reliable":true} (an object), where the record's schema (schema/record.schema.json) takes "# + languageWants
            + ": answer a value of that type, leave the key out, or put the value under a key of your own"),
        (#"record["input"] = ["kept"]"#,
         #"the plugin's "input" is ["kept"] (an array), where the record's schema (schema/record.schema.json) takes an object (the input fields TextMill keeps): send it back as it came, or leave it out"#),
    ])
    func aPluginAnswerTheSchemaRefusesFailsTheDocument(change: String, reason: String) throws {
        let (summary, dir) = try runPlugin(change: change)
        #expect(summary.exitStatus == 1 && summary.failed == 1 && summary.written == 0)
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.map { $0["stage"]?.stringValue ?? "-" }, ["exec"])
        expectEqual(errors.map { $0["reason"]?.stringValue ?? "-" }, [reason])
        expectEqual(dir.read("out/corpus.jsonl"), "")
    }

    /// Values the schema accepts are written as the plugin gave them, and the record validates.
    @Test func aPluginAnswerTheSchemaAcceptsIsWritten() throws {
        let (summary, dir) = try runPlugin(change: #"record["meta"] = {"title": "Gale", "language": {"code": "en", "score": 0.9, "reliable": True}, "pages": [1, 2]}; record["input"] = {"note": 1}"#)
        #expect(summary.exitStatus == 0 && summary.failed == 0 && summary.written == 1)
        let path = dir.file("in/notice.txt")
        let sha = SHA256.hex(Array((Self.notice + "\n").utf8))
        expectEqual(dir.read("out/corpus.jsonl"),
                    #"{"id":"\#(path)","source":{"path":"\#(path)","format":"text","sha256":"\#(sha)"},"text":"\#(Self.notice)","meta":{"title":"Gale","language":{"code":"en","score":0.9,"reliable":true},"pages":[1,2]},"paragraphs":[{"start":0,"end":94}],"input":{"note":1}}"# + "\n")
        let schema = try SchemaValidator(path: Repo.path("schema/record.schema.json"))
        for record in try dir.records("out/corpus.jsonl") { expectEqual(schema.validate(.object(record)), []) }
    }

    /// A Swift stage from outside TextMill is held to the same rule where the runner checks what
    /// a stage left (its spans, its extra fields).
    @Test(arguments: [
        ("date", #"{"y": 2024}"#,
         #"'set_field' left meta "date": {"y":2024} (an object), where the record's schema (schema/record.schema.json) takes a string: set a value of that type, remove it, or use a key of your own"#),
        ("language", #"{"code": "en"}"#,
         #"'set_field' left meta "language": {"code":"en"} (an object), where the record's schema (schema/record.schema.json) takes "# + languageWants
            + ": set a value of that type, remove it, or use a key of your own"),
        ("input", "7",
         #"'set_field' left "input": 7 (a number) among the extra fields, where the record's schema (schema/record.schema.json) takes an object (the input fields TextMill keeps): set a value of that type, remove it, or use a key of your own"#),
    ])
    func aSwiftStageLeavingAValueTheSchemaRefusesFailsTheDocument(key: String, json: String, reason: String) throws {
        let dir = TemporaryDirectory()
        dir.write("in/notice.txt", Self.notice + "\n")
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - set_field: {key: \(key), json: '\(json)'}
            """, in: dir, registry: StageRegistry.builtin.adding([SetFieldStage.self]))
        #expect(summary.exitStatus == 1 && summary.failed == 1 && summary.written == 0)
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.map { $0["stage"]?.stringValue ?? "-" }, ["set_field"])
        expectEqual(errors.map { $0["reason"]?.stringValue ?? "-" }, [reason])
    }
}
