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
        #expect(out.count == 3)
        // dolma: `source` kept under `input`, `metadata` merged into meta, `added`/`created` untouched.
        #expect(out[0]["meta"] == .object(JSONObject([("url", "https://coastal.example/harbor"), ("lang", "en")])))
        #expect(out[0]["input"] == .object(JSONObject([("source", "common-crawl")])))
        #expect(out[0]["added"] == "2024-03-01T00:00:00Z")
        #expect(out[0]["created"] == "2024-02-27T10:00:00Z")
        #expect(out[0]["source"]?.objectValue?["format"] == "jsonl")
        #expect(out[0]["metadata"] == nil)
        // datatrove: `meta` wins over `metadata` for the same key, `media` untouched.
        #expect(out[1]["meta"] == .object(JSONObject([("url", "https://coastal.example/dredging"), ("dump", "CC-MAIN-2024-10")])))
        #expect(out[1]["media"] == .array([]))
        #expect(out[1]["input"] == nil)
        // Owned names: the input's copies are kept, in input order; TextMill's own quotes are made anew.
        #expect(out[2]["input"] == .object(JSONObject([
            ("quotes", .array([.object(JSONObject([("text", "made upstream")]))])), ("paragraphs", "not ours"),
            ("input", .object(JSONObject([("batch", 4)]))), ("html", "<p>old</p>"),
        ])))
        #expect(out[2]["quotes"]?.arrayValue?.first?.objectValue?["text"] == "We will not wait,")
        #expect(summary.inputFieldsMoved == ["metadata": 2, "source": 1, "quotes": 1, "paragraphs": 1, "input": 1, "html": 1])
        let stats = try #require(StateStore.readJSON(dir.file("out/corpus.stats.json"))?.objectValue?["run"]?.objectValue)
        #expect(stats["input_fields_moved"] == .object(JSONObject([("html", 1), ("input", 1), ("metadata", 2), ("paragraphs", 1), ("quotes", 1), ("source", 1)])))
    }
}
