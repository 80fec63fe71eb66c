import Foundation
import Testing
@testable import TextMill

/// dolma- and datatrove-style JSONL records round-trip: `metadata` merges into `meta`, fields
/// whose names TextMill owns are kept under `input`, and both are counted.
@Suite struct InputFieldsTests {
    static let records = """
    {"id": "cc-1", "text": "The harbor reopened on Monday.", "source": "common-crawl", "added": "2024-03-01T00:00:00Z", "created": "2024-02-27T10:00:00Z", "metadata": {"url": "https://coastal.example/harbor", "lang": "en"}}
    {"text": "Officials said the dredging would take a year.", "id": "dt-7", "media": [], "metadata": {"dump": "CC-MAIN-2024-10", "url": "https://coastal.example/dredge"}, "meta": {"url": "https://coastal.example/dredging"}}
    {"id": "q-1", "text": "\\"We will not wait,\\" said Mayor Dana Ortiz.", "quotes": [{"text": "made upstream"}], "paragraphs": "not ours", "input": {"batch": 4}, "html": "<p>old</p>"}

    """

    @Test func recordsRoundTripAndMovesAreCounted() throws {
        let dir = TemporaryDirectory()
        dir.write("in/mixed.jsonl", Self.records)
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [sentences, quotes]\n", in: dir)
        #expect(summary.written == 3 && summary.failed == 0)
        let out = try dir.records("out/corpus.jsonl")
        expectEqual(out.count, 3)
        // dolma: `source` kept under `input`, `metadata` merged into meta, `added`/`created` untouched.
        expectEqual(out[0]["meta"], .object(JSONObject([("url", "https://coastal.example/harbor"), ("lang", "en")])))
        expectEqual(out[0]["input"], .object(JSONObject([("source", "common-crawl")])))
        expectEqual(out[0]["added"], "2024-03-01T00:00:00Z")
        expectEqual(out[0]["created"], "2024-02-27T10:00:00Z")
        expectEqual(out[0]["source"]?.objectValue?["format"], "jsonl")
        expectEqual(out[0]["metadata"], nil)
        // datatrove: `meta` wins over `metadata` for the same key, whose other value is kept
        // under `input.metadata`; `media` untouched.
        expectEqual(out[1]["meta"], .object(JSONObject([("url", "https://coastal.example/dredging"), ("dump", "CC-MAIN-2024-10")])))
        expectEqual(out[1]["media"], .array([]))
        expectEqual(out[1]["input"], .object(JSONObject([("metadata", .object(JSONObject([("url", "https://coastal.example/dredge")])))])))
        // Owned names: the input's copies are kept, in input order; TextMill's own quotes are made anew.
        expectEqual(out[2]["input"], .object(JSONObject([
            ("quotes", .array([.object(JSONObject([("text", "made upstream")]))])), ("paragraphs", "not ours"),
            ("input", .object(JSONObject([("batch", 4)]))), ("html", "<p>old</p>"),
        ])))
        expectEqual(out[2]["quotes"]?.arrayValue?.first?.objectValue?["text"], "We will not wait,")
        expectEqual(summary.inputFieldsMoved, ["metadata": 2, "source": 1, "quotes": 1, "paragraphs": 1, "input": 1, "html": 1])
        let stats = try #require(StateStore.readJSON(dir.file("out/corpus.stats.json"))?.objectValue?["run"]?.objectValue)
        expectEqual(stats["input_fields_moved"], .object(JSONObject([("html", 1), ("input", 1), ("metadata", 2), ("paragraphs", 1), ("quotes", 1), ("source", 1)])))
    }

    /// A `meta` or `metadata` value that is no string under a key the record's schema types as a
    /// string (title, byline, date, url, declared_language, description) is kept under
    /// `input.meta` / `input.metadata`, counted, and the record holds to the schema. Merged,
    /// `"title": null`, a date object or a byline list made every such record break the schema.
    @Test func metaValuesOfAnotherTypeThanTheSchemaGivesAreKeptUnderInput() throws {
        let line = #"{"id":"m-1","text":"The ferry ran late on Monday.","meta":{"title":null,"date":{"year":2024},"url":"https://coastal.example/ferry","lang":7},"metadata":{"title":"Ferry late again","byline":["A. Reed"],"language":"en","description":"Port news"}}"#
        let dir = TemporaryDirectory()
        dir.write("in/m.jsonl", line + "\n")
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [sentences]\n", in: dir)
        #expect(summary.written == 1 && summary.failed == 0)
        let written = dir.read("out/corpus.jsonl")
        let tail = #""meta":{"url":"https://coastal.example/ferry","lang":7,"title":"Ferry late again","language":"en","description":"Port news"},"#
            + #""sentences":[{"start":0,"end":29}],"input":{"meta":{"title":null,"date":{"year":2024}},"metadata":{"byline":["A. Reed"]}}}"# + "\n"
        let start = try #require(written.range(of: #""meta""#)?.lowerBound)
        expectEqual(written[start...], tail[...])
        expectEqual(summary.inputFieldsMoved, ["meta": 1, "metadata": 1])
        let schema = try SchemaValidator(path: Repo.path("schema/record.schema.json"))
        let record = try #require(try dir.records("out/corpus.jsonl").first)
        expectEqual(schema.validate(.object(record)), [])
    }

    /// A key both `meta` and `metadata` give: `meta`'s value is the record's, and `metadata`'s,
    /// when it is another, is kept under `input.metadata` (a value the same as `meta`'s loses
    /// nothing and is not repeated). Until session 36 `metadata`'s value was dropped, the field
    /// counted as merged: `{"meta":{"url":A},"metadata":{"url":B}}` came out with A and no B.
    @Test func aMetadataValueThatMetaOverridesIsKeptUnderInput() throws {
        let line = #"{"id":"dt-9","text":"The pier closed at noon.","meta":{"title":"Pier closed","url":"https://coastal.example/pier","language":{"code":"en","score":0.9,"reliable":true}},"metadata":{"title":"Pier closed","url":"https://mirror.example/pier","language":"de","dump":"CC-MAIN-2024-10"}}"#
        let dir = TemporaryDirectory()
        dir.write("in/m.jsonl", line + "\n")
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [sentences]\n", in: dir)
        #expect(summary.written == 1 && summary.failed == 0)
        let written = dir.read("out/corpus.jsonl")
        let tail = #""meta":{"title":"Pier closed","url":"https://coastal.example/pier","language":{"code":"en","score":0.9,"reliable":true},"dump":"CC-MAIN-2024-10"},"#
            + #""sentences":[{"start":0,"end":24}],"input":{"metadata":{"url":"https://mirror.example/pier","language":"de"}}}"# + "\n"
        let start = try #require(written.range(of: #""meta""#)?.lowerBound)
        expectEqual(written[start...], tail[...])
        expectEqual(summary.inputFieldsMoved, ["metadata": 1])
        let schema = try SchemaValidator(path: Repo.path("schema/record.schema.json"))
        let record = try #require(try dir.records("out/corpus.jsonl").first)
        expectEqual(schema.validate(.object(record)), [])
    }

    /// Unknown fields come out as the very text they came in (DESIGN.md: "passed through
    /// untouched"): escapes, white space, big numbers and a lone surrogate escape, at any depth,
    /// and so do fields kept under `input`. Before, their strings were escaped anew (`"\u00e9"`
    /// came out as `"é"`, `"\/"` as `"/"`) and a lone `"\ud800"` became U+FFFD. Values holding a
    /// carriage return or a raw U+2028 / U+2029 (which line readers may take for a line break) are
    /// written as the writer writes them.
    @Test func unknownFieldsComeOutAsTheTextTheyCameIn() throws {
        let fields = #"""
        "url":"https:\/\/coastal.example\/ferry","title":"Caf\u00e9 owners \"wary\"","odd":"\ud800 alone","tags":[ "port" ,	"ferry" ],"n":1e400,"big":12345678901234567890,"nested":{"a" : {"b":[1,2.50,{"c":"\u2028"}]}},"plain":"as is","flag":true,"none":null
        """#
        let line = #"{"id":"v-1","text":"The ferry ran late on Monday.","#  + fields + #","quotes":{"x":"\/"},"crlf":[1,"# + "\r" + #"2],"sep":"a"# + "\u{2028}" + #"b"}"#
        let dir = TemporaryDirectory()
        dir.write("in/v.jsonl", line + "\n")
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [sentences]\n", in: dir)
        #expect(summary.written == 1 && summary.failed == 0)
        let written = dir.read("out/corpus.jsonl")
        let tail = "," + fields + #","crlf":[1,2],"sep":"a\u2028b","input":{"quotes":{"x":"\/"}}}"# + "\n"
        let start = try #require(written.range(of: #","url""#)?.lowerBound)
        expectEqual(written[start...], tail[...])
        // Still one JSON record a line, with the values the input had.
        let record = try #require(try dir.records("out/corpus.jsonl").first)
        expectEqual(record["title"], "Café owners \"wary\"")
        expectEqual(record["tags"], .array(["port", "ferry"]))
        expectEqual(written.utf8.filter { $0 == 0x0A || $0 == 0x0D }.count, 1)
    }

    /// A lone surrogate escape reads as U+FFFD, so `"\ud800"` and `"\udc00"` were one id (with
    /// dedup, the second was an exact duplicate of the first; without it, a reused id). A record
    /// whose id holds one now fails alone under its line's id; a real U+FFFD and a surrogate pair
    /// are ids like any other, and a lone surrogate anywhere else is no failure.
    @Test func anIdWithALoneSurrogateEscapeFailsAloneAndTwoIdsNeverBecomeOne() throws {
        let lines = [
            #"{"id":"\ud800","text":"The ferry ran late on Monday."}"#,
            #"{"id":"\udc00","text":"The ferry ran late on Monday."}"#,
            #"{"id":"\ufffd","text":"The harbor reopened on Tuesday."}"#,
            #"{"id":"wave \ud83d\udc4b","text":"Officials said the dredging would take a year."}"#,
            #"{"id":"two \ud800\ud800","text":"Fishermen say the quota came too late."}"#,
            #"{"id":"ok-6","text":"The council met late.","note":"\ud800 alone"}"#,
        ]
        let dir = TemporaryDirectory()
        let path = dir.write("in/ids.jsonl", lines.joined(separator: "\n") + "\n")
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [sentences, dedup]\n", in: dir)
        #expect(summary.written == 3 && summary.failed == 3 && summary.duplicates == 0)
        expectEqual(try dir.records("out/corpus.jsonl").map { $0["id"]?.stringValue }, ["\u{FFFD}", "wave \u{1F44B}", "ok-6"])
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.map { $0["id"]?.stringValue }, ["\(path)#1", "\(path)#2", "\(path)#5"])
        expectEqual(errors.map { $0["stage"]?.stringValue }, ["read", "read", "read"])
        expectEqual(errors.first?["reason"]?.stringValue, #"line 1: "id" holds a lone UTF-16 surrogate escape (such as \ud800), which is no character: read as U+FFFD it would be the id of every record with another lone surrogate there; write the id in valid Unicode (a surrogate pair such as \ud83d\ude00 is one character)"#)
    }

    /// An id given twice is its last value, and only that value's lone surrogates fail the
    /// record: `{"id":"\ud800","id":"d-3",…}` is the record d-3 (it failed as holding a lone
    /// surrogate), `{"id":"d-4","id":"\udc00",…}` fails.
    @Test func anIdGivenTwiceIsCheckedForLoneSurrogatesAsItsLastValue() throws {
        let file = InputFile(path: "wire/day.jsonl", format: .jsonl)
        let reader = JSONLReader(file: file, limit: 1 << 20)
        let kept = #"{"id":"\ud800","text":"The port reopened.","id":"d-3"}"#
        guard case .document(let doc) = reader.decode(Array(kept.utf8), line: 1) else {
            Issue.record("the record with a valid last id was not read")
            return
        }
        expectEqual(doc.id, "d-3")
        let failed = #"{"id":"d-4","text":"The port reopened.","id":"\udc00"}"#
        guard case .failure(let f) = reader.decode(Array(failed.utf8), line: 2) else {
            Issue.record("the record whose last id holds a lone surrogate was read")
            return
        }
        #expect(f.reason.hasPrefix(#"line 2: "id" holds a lone UTF-16 surrogate escape"#))
    }

    /// A key given twice keeps its last value, and the text kept is that value's: a later value
    /// that the writer writes as it came drops an earlier one's text.
    @Test func aFieldGivenTwiceComesOutAsItsLastValue() throws {
        let file = InputFile(path: "wire/day.jsonl", format: .jsonl)
        let line = #"{"id":"d-1","text":"The port reopened.","tag":"caf\u00e9","tag":"plain","note":"a","note":"\/b"}"#
        guard case .document(let doc) = JSONLReader(file: file, limit: 1 << 20).decode(Array(line.utf8), line: 1) else {
            Issue.record("the record was not read")
            return
        }
        let record = String(decoding: RecordEncoder.encode(doc), as: UTF8.self)
        #expect(record.hasSuffix(#","tag":"plain","note":"\/b"}"# + "\n"), "\(record)")
    }

    /// A key given twice loses its earlier values (the record keeps the last): DESIGN.md says an
    /// input field is never dropped silently, so each such field is counted by name in
    /// `run.input_fields_repeated` (main a21feae counted none: `input_fields_moved` was `{}`).
    /// So is a field whose object holds a key given twice when it is not written back as it came
    /// (`meta`, `metadata`, a value with a carriage return); a passthrough object written back as
    /// its text keeps both keys and is not counted.
    @Test func aFieldGivenTwiceIsCounted() throws {
        let dir = TemporaryDirectory()
        dir.write("in/day.jsonl", #"""
        {"id":"d-1","text":"The port reopened.","tag":"a","tag":"b","text":"The port reopened on Monday."}
        {"id":"d-2","text":"The ferry ran late.","meta":{"desk":"port","desk":"city"},"extra":{"k":1,"k":2}}

        """# + "{\"id\":\"d-3\",\"text\":\"The mayor spoke.\",\"metadata\":{\"url\":\"x\",\"url\":\"y\"},\"raw\":{\"k\":\"a\",\r\"k\":\"b\"},\"tag\":\"c\"}\n")
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize]\n", in: dir)
        #expect(summary.written == 3 && summary.failed == 0)
        let out = try dir.records("out/corpus.jsonl")
        try #require(out.count == 3)
        expectEqual(out.map { $0["text"]?.stringValue }, ["The port reopened on Monday.", "The ferry ran late.", "The mayor spoke."])
        #expect(out[0]["tag"] == "b" && out[1]["meta"]?.objectValue?["desk"] == "city" && out[2]["meta"]?.objectValue?["url"] == "y")
        #expect(dir.read("out/corpus.jsonl").contains(#""extra":{"k":1,"k":2}"#), "written back as it came")
        expectEqual(summary.inputFieldsRepeated, ["tag": 1, "text": 1, "meta": 1, "metadata": 1, "raw": 1])
        let stats = try #require(StateStore.readJSON(dir.file("out/corpus.stats.json"))?.objectValue?["run"]?.objectValue)
        expectEqual(stats["input_fields_repeated"], .object(JSONObject([("meta", 1), ("metadata", 1), ("raw", 1), ("tag", 1), ("text", 1)])))
        expectEqual(stats["input_fields_moved"], .object(JSONObject([("metadata", 1)])))
    }

    /// A field a stage changes is written as its new value, not as the text it came in.
    @Test func aChangedFieldIsWrittenAsItsNewValue() throws {
        let file = InputFile(path: "wire/day.jsonl", format: .jsonl)
        let line = #"{"id":"d-2","text":"The port reopened.","tags":[ "port" ],"url":"https:\/\/x.example\/"}"#
        guard case .document(var doc) = JSONLReader(file: file, limit: 1 << 20).decode(Array(line.utf8), line: 1) else {
            Issue.record("the record was not read")
            return
        }
        doc.extra["tags"] = .array(["port", "ferry"])
        let record = String(decoding: RecordEncoder.encode(doc), as: UTF8.self)
        #expect(record.hasSuffix(#","tags":["port","ferry"],"url":"https:\/\/x.example\/"}"# + "\n"), "\(record)")
    }

    /// How deep a record may nest (the README's bounds table): the record itself and 511 levels
    /// inside it pass through as they came; one level more fails that line alone, under PATH#N
    /// with its line and column, and the lines around it are read.
    @Test func aRecordNestedDeeperThan512LevelsFailsItsLineAlone() throws {
        let dir = TemporaryDirectory()
        let deepest = String(repeating: "[", count: 511) + String(repeating: "]", count: 511)
        let tooDeep = String(repeating: "{\"a\":", count: 512) + "1" + String(repeating: "}", count: 512)
        dir.write("in/wire.jsonl", """
            {"id":"w-1","text":"The harbor reopened on Monday.","x":\(deepest)}
            {"id":"w-2","text":"The ferry resumed.","meta":\(tooDeep)}
            {"id":"w-3","text":"The council met."}

            """)
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [sentences]\n", in: dir)
        #expect(summary.written == 2 && summary.failed == 1)
        let out = try dir.records("out/corpus.jsonl")
        expectEqual(out.map { $0["id"]?.stringValue ?? "" }, ["w-1", "w-3"])
        expectEqual(dir.read("out/corpus.jsonl").components(separatedBy: "\n").first?.hasSuffix(#""x":"# + deepest + "}"), true)
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.count, 1)
        expectEqual(errors.first?["id"]?.stringValue, dir.file("in/wire.jsonl") + "#2")
        expectEqual(errors.first?["reason"]?.stringValue, "line 2 is not valid JSON: JSON nested deeper than 512 levels (column 2603)", "\(errors)")
    }

    /// A `null` is no text: `"text": null` beside an `html` string is read from the `html`, and
    /// the `null` is kept under `input` and counted, as `"html": null` beside a `text` is; alone,
    /// it fails its record for having neither. Until session 36 that `null` was dropped without
    /// a count (`input_fields_moved` named only the `html`).
    @Test func aNullTextBesideHTMLIsKeptAndCounted() throws {
        let dir = TemporaryDirectory()
        dir.write("in/n.jsonl", """
            {"id": "n-1", "text": null, "html": "<html><body><p>The ferry terminal opened on Monday, the mayor said.</p></body></html>"}
            {"id": "n-2", "text": null}
            {"id": "n-3", "html": null, "text": "Plain text about the harbor."}

            """)
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [cleanup]\n", in: dir)
        #expect(summary.written == 2 && summary.failed == 1)
        let out = try dir.records("out/corpus.jsonl")
        expectEqual(out.map { $0["id"] }, ["n-1", "n-3"])
        expectEqual(out[0]["text"], "The ferry terminal opened on Monday, the mayor said.")
        expectEqual(out[0]["input"], .object(JSONObject([("text", .null)])))
        expectEqual(out[1]["input"], .object(JSONObject([("html", .null)])))
        expectEqual(summary.inputFieldsMoved, ["html": 1, "text": 1])
        expectEqual(try dir.records("out/corpus.errors.jsonl").map { $0["reason"] },
                    [#"line 2 has neither a "text" nor an "html" string field (fields: id, text)"#])
    }
}
