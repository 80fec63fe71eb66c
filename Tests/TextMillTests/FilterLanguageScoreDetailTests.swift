import Foundation
import Testing
@testable import TextMill

/// The `language` rule counts a `meta.language.score` that is missing or no number (a record made
/// elsewhere, a plugin's answer) as 0, and its detail now says so: it said "en with score 0,
/// below 0.65", a score no stage had measured.
@Suite struct FilterLanguageScoreDetailTests {
    static let text = "The harbour council met on Tuesday evening and voted to repair the old stone pier before the winter storms arrive."

    /// From a JSONL record, only a language object the record's schema accepts reaches `filter`
    /// (`MetaValueTypes`: `code`, a `score` from 0 to 1, `reliable`); one without a numeric score
    /// is kept under `input.meta`, and the record has no `meta.language` for the rule: the detail
    /// names the value kept.
    @Test func aScoreThatIsMissingOrNoNumberIsNamedInTheDetail() throws {
        let dir = TemporaryDirectory()
        let records = [
            ("given-as-word", "{\"code\": \"en\", \"score\": \"high\", \"reliable\": true}"),
            ("no-score", "{\"code\": \"en\", \"reliable\": true}"),
            ("low-score", "{\"code\": \"en\", \"score\": 0.4, \"reliable\": false}"),
            ("high-score", "{\"code\": \"en\", \"score\": 0.97, \"reliable\": true}"),
        ].map { "{\"id\": \"\($0.0)\", \"text\": \"\(Self.text)\", \"meta\": {\"language\": \($0.1)}}\n" }.joined()
        dir.write("in/harbour.jsonl", Array(records.utf8))
        let config = dir.write("p.yaml", """
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - filter: {languages: [en]}
            """)
        let r = try CommandLineTests().textmill(["run", config, "--quiet"])
        expectEqual(r.status, 0, "\(r.stderr)")
        let language = try dir.records("out/corpus.filtered.jsonl").compactMap { record -> String? in
            guard let filtered = record["filtered"]?.objectValue, filtered["reason"]?.stringValue == "language" else { return nil }
            return "\(record["id"]?.stringValue ?? "-"): \(filtered["detail"]?.stringValue ?? "-")"
        }
        // The detail names the record's own value and where it went (session 30; it asked for
        // a language stage as if the record had given none).
        let kept = { (value: String) in
            "no meta.language.code: the record's own meta.language (\(value)) is no language object the schema accepts "
                + "({\"code\": string, \"score\": number from 0 to 1, \"reliable\": boolean}) and was kept under input.meta.language; "
                + "put the language stage before filter to measure the text's language, or give the records language objects the schema accepts"
        }
        expectEqual(language, [
            "given-as-word: " + kept(#"{"code":"en","score":"high","reliable":true}"#),
            "no-score: " + kept(#"{"code":"en","reliable":true}"#),
            "low-score: en with score 0.4, below 0.65",
        ])
    }

    /// A language object a plugin (`exec`) leaves in `meta` is read as it stands: a score that is
    /// missing or no number counts as 0, and the detail says so.
    @Test func aPluginsScoreThatIsMissingOrNoNumberIsNamedInTheDetail() throws {
        let stage = try FilterStage(options: .defaults(FilterStage.options, ["languages": ["en"]]))
        var details: [String] = []
        for given in [#"{"code": "en", "score": "high"}"#, #"{"code": "en"}"#] {
            var doc = Document(id: "plugin", text: Self.text)
            doc.meta["language"] = try JSONParser.parse(given)
            details.append(try stage.firstFailure(doc)?.detail ?? "-")
        }
        expectEqual(details, [
            "en with no numeric score (meta.language.score is '\"high\"', counted as 0), below 0.65",
            "en with no numeric score (meta.language.score is missing, counted as 0), below 0.65",
        ])
    }
}
