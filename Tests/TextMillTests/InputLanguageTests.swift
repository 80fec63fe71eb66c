import Foundation
import Testing
@testable import TextMill

/// An input record's `meta.language` is held to the record's schema as the string-typed keys
/// are (`MetaValueTypes`): a value the schema accepts (a string, or an object with `code`,
/// `score` 0…1 and `reliable`) stays in `meta` for `filter`; another is kept under
/// `input.meta` / `input.metadata` and counted. The `language` stage keeps the value it
/// replaces (a `meta.language` object, a `meta.declared_language`) under `input` too.
/// Before, `{"code": "en"}` or `7` went into `meta.language` and broke the schema, and the
/// stage dropped the input's language object and declared language without a count.
@Suite struct InputLanguageTests {
    /// The written lines, by id, with `source` given in full.
    static func expectedLine(_ line: String, record: Int, path: String, rest: String) -> String {
        let id = (try? JSONParser.parse(line))?.objectValue?["id"]?.stringValue ?? "no id"
        return #"{"id":"\#(id)","source":{"path":"\#(path)","format":"jsonl","sha256":"\#(SHA256.hex(Array(line.utf8)))","record":\#(record)},"# + rest
    }

    static let ferry = "The ferry ran late on Monday because the harbour master closed the channel for the morning."

    @Test func languageValuesTheSchemaRefusesAreKeptUnderInput() throws {
        let lines = [
            #"{"id":"object-without-reliable","text":"\#(Self.ferry)","meta":{"language":{"code":"en","score":0.97}}}"#,
            #"{"id":"number-then-metadata","text":"\#(Self.ferry)","meta":{"language":7},"metadata":{"language":{"code":"en","score":0.9,"reliable":true}}}"#,
            #"{"id":"score-above-one","text":"\#(Self.ferry)","metadata":{"language":{"code":"en","score":1.5,"reliable":true}}}"#,
            #"{"id":"accepted-object","text":"\#(Self.ferry)","meta":{"language":{"code":"en","score":0.97,"reliable":true,"top":[{"code":"en","score":0.97}]}}}"#,
            #"{"id":"accepted-string","text":"\#(Self.ferry)","meta":{"language":"en-GB"}}"#,
        ]
        let dir = TemporaryDirectory()
        dir.write("in/lang.jsonl", lines.joined(separator: "\n") + "\n")
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [sentences]\n", in: dir)
        #expect(summary.written == 5 && summary.failed == 0)
        let path = dir.file("in/lang.jsonl")
        let tail = #""text":"\#(Self.ferry)","#
        let sentences = #""sentences":[{"start":0,"end":91}]"#
        let expected = [
            Self.expectedLine(lines[0], record: 1, path: path, rest: tail + #""meta":{},"# + sentences + #","input":{"meta":{"language":{"code":"en","score":0.97}}}}"#),
            Self.expectedLine(lines[1], record: 2, path: path, rest: tail + #""meta":{"language":{"code":"en","score":0.9,"reliable":true}},"# + sentences + #","input":{"meta":{"language":7}}}"#),
            Self.expectedLine(lines[2], record: 3, path: path, rest: tail + #""meta":{},"# + sentences + #","input":{"metadata":{"language":{"code":"en","score":1.5,"reliable":true}}}}"#),
            Self.expectedLine(lines[3], record: 4, path: path, rest: tail + #""meta":{"language":{"code":"en","score":0.97,"reliable":true,"top":[{"code":"en","score":0.97}]}},"# + sentences + "}"),
            Self.expectedLine(lines[4], record: 5, path: path, rest: tail + #""meta":{"language":"en-GB"},"# + sentences + "}"),
        ]
        expectEqual(dir.read("out/corpus.jsonl"), expected.joined(separator: "\n") + "\n")
        expectEqual(summary.inputFieldsMoved, ["meta": 2, "metadata": 2])
        let schema = try SchemaValidator(path: Repo.path("schema/record.schema.json"))
        for record in try dir.records("out/corpus.jsonl") { expectEqual(schema.validate(.object(record)), []) }
    }

    @Test func theLanguageStageKeepsTheValueItReplacesUnderInput() throws {
        let lines = [
            // The input's own object, and a kept `source` whose text (an escape) stays as it came.
            #"{"id":"given-object","text":"\#(Self.ferry)","source":"crawl \u00e9","meta":{"language":{"code":"fr","score":0.5,"reliable":false}}}"#,
            // A declared language given beside a page language: the page's moves aside, the given one is kept.
            #"{"id":"declared-twice","text":"\#(Self.ferry)","meta":{"language":"en-GB","declared_language":"en"}}"#,
            // meta's 7 is kept by the reader; metadata's object, replaced by the stage, under input.metadata.
            #"{"id":"number-then-metadata","text":"\#(Self.ferry)","meta":{"language":7},"metadata":{"language":{"code":"fr","score":0.5,"reliable":false}}}"#,
            // Nothing is lost: the declared language equals the page's.
            #"{"id":"same-declared","text":"\#(Self.ferry)","meta":{"language":"en","declared_language":"en"}}"#,
        ]
        let dir = TemporaryDirectory()
        dir.write("in/lang.jsonl", lines.joined(separator: "\n") + "\n")
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [language]\n", in: dir)
        #expect(summary.written == 4 && summary.failed == 0)
        let path = dir.file("in/lang.jsonl")
        let tail = #""text":"\#(Self.ferry)","#
        let answer = #""language":{"code":"en","score":0.98,"reliable":true}"#
        let expected = [
            Self.expectedLine(lines[0], record: 1, path: path, rest: tail + #""meta":{"# + answer + #"},"input":{"source":"crawl \u00e9","meta":{"language":{"code":"fr","score":0.5,"reliable":false}}}}"#),
            Self.expectedLine(lines[1], record: 2, path: path, rest: tail + #""meta":{"# + answer + #","declared_language":"en-GB"},"input":{"meta":{"declared_language":"en"}}}"#),
            Self.expectedLine(lines[2], record: 3, path: path, rest: tail + #""meta":{"# + answer + #"},"input":{"meta":{"language":7},"metadata":{"language":{"code":"fr","score":0.5,"reliable":false}}}}"#),
            Self.expectedLine(lines[3], record: 4, path: path, rest: tail + #""meta":{"# + answer + #","declared_language":"en"}}"#),
        ]
        expectEqual(dir.read("out/corpus.jsonl"), expected.joined(separator: "\n") + "\n")
        expectEqual(summary.inputFieldsMoved, ["source": 1, "meta": 3, "metadata": 1])
        let schema = try SchemaValidator(path: Repo.path("schema/record.schema.json"))
        for record in try dir.records("out/corpus.jsonl") { expectEqual(schema.validate(.object(record)), []) }
    }
}
