import Foundation
import Testing
@testable import TextMill

/// A `meta` value a stage of this run set is no input: a second `language` stage replaces the
/// first one's answer, and only the value the record came with is kept under `input.meta` (and
/// counted). Before, the second stage kept the first one's answer under `input.metadata` as if
/// the record had come with it. And `filter` names the record's own language value the reader
/// kept under `input.meta` when the schema refused it, rather than asking for a language stage
/// as if the record had given none.
@Suite struct MetaSetThisRunTests {
    static let storm = "The storm closed the mountain pass overnight, and the village bakery sold its last loaves by nine in the morning."

    static func line(_ id: String, meta: String?) -> String {
        #"{"id":"\#(id)","text":"\#(storm)""# + (meta.map { #","meta":\#($0)"# } ?? "") + "}"
    }

    @Test func aSecondLanguageStageReplacesTheFirstOnesAnswer() throws {
        let lines = [
            Self.line("own-language", meta: #"{"language":{"code":"de","score":0.4,"reliable":false}}"#),
            Self.line("no-language", meta: nil),
            Self.line("declared", meta: #"{"language":"en-US"}"#),
        ]
        let dir = TemporaryDirectory()
        dir.write("in/storm.jsonl", lines.joined(separator: "\n") + "\n")
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - language
              - language: {top: true}
            """, in: dir)
        #expect(summary.written == 3 && summary.failed == 0)
        let path = dir.file("in/storm.jsonl")
        let tail = #""text":"\#(Self.storm)","#
        let answer = #""language":{"code":"en","score":0.99,"reliable":true,"top":[{"code":"en","score":0.99}]}"#
        let expected = [
            InputLanguageTests.expectedLine(lines[0], record: 1, path: path, rest: tail + #""meta":{"# + answer + #"},"input":{"meta":{"language":{"code":"de","score":0.4,"reliable":false}}}}"#),
            InputLanguageTests.expectedLine(lines[1], record: 2, path: path, rest: tail + #""meta":{"# + answer + "}}"),
            InputLanguageTests.expectedLine(lines[2], record: 3, path: path, rest: tail + #""meta":{"# + answer + #","declared_language":"en-US"}}"#),
        ]
        expectEqual(dir.read("out/corpus.jsonl"), expected.joined(separator: "\n") + "\n")
        expectEqual(summary.inputFieldsMoved, ["meta": 1])
    }

    /// A value an `exec` plugin set is this run's too: the `language` stage after it replaces it.
    @Test func aLanguageStageReplacesWhatAPluginSet() throws {
        let dir = TemporaryDirectory()
        let line = Self.line("plugin-set", meta: nil)
        dir.write("in/storm.jsonl", line + "\n")
        dir.write("plugin.py", pluginEditingEachRecord(#"record["meta"]["language"] = {"code": "xx", "score": 0.1, "reliable": False}"#))
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - exec: {command: [python3, \(dir.file("plugin.py"))]}
              - language
            """, in: dir)
        #expect(summary.written == 1 && summary.failed == 0)
        expectEqual(dir.read("out/corpus.jsonl"), InputLanguageTests.expectedLine(line, record: 1, path: dir.file("in/storm.jsonl"), rest:
            #""text":"\#(Self.storm)","meta":{"language":{"code":"en","score":0.99,"reliable":true}}}"#) + "\n")
        expectEqual(summary.inputFieldsMoved, [:])
    }

    @Test func filterNamesTheLanguageValueKeptUnderInput() throws {
        let lines = [
            Self.line("no-score", meta: #"{"language":{"code":"en","reliable":true}}"#),
            Self.line("none", meta: nil),
        ]
        let dir = TemporaryDirectory()
        dir.write("in/storm.jsonl", lines.joined(separator: "\n") + "\n")
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - filter: {languages: [en]}
            """, in: dir)
        #expect(summary.filtered == 2 && summary.failed == 0)
        let details = try dir.records("out/corpus.filtered.jsonl").map { $0["filtered"]?.jsonText ?? "-" }
        expectEqual(details, [
            #"{"stage":"filter","reason":"language","detail":"no meta.language.code: the record's own meta.language ({\"code\":\"en\",\"reliable\":true}) is no language object the schema accepts ({\"code\": string, \"score\": number from 0 to 1, \"reliable\": boolean}) and was kept under input.meta.language; put the language stage before filter to measure the text's language, or give the records language objects the schema accepts"}"#,
            #"{"stage":"filter","reason":"language","detail":"no meta.language.code (put the language stage before filter)"}"#,
        ])
    }
}
