import Foundation
import Testing
@testable import TextMill

/// The default pipeline on the real sample corpus: every record validates against the JSON
/// Schema, and every span's text[start:end] (in Unicode scalars) is what it claims.
@Suite struct SampleOutputTests {
    /// Runs pipeline/default.yaml on a copy of input/ and returns the three outputs.
    static func runDefault() throws -> (summary: RunSummary, records: [JSONObject], duplicates: [JSONObject], errors: [JSONObject], lines: [String]) {
        let dir = TemporaryDirectory()
        let config = try ConfigLoader().load(path: Repo.path("pipeline/default.yaml"), inputs: [Repo.path("input")], output: dir.file("out/corpus.jsonl"))
        let summary = try Runner(config: config, options: RunOptions(jobs: 2)).run()
        let lines = dir.read("out/corpus.jsonl").split(separator: "\n").map(String.init) + dir.read("out/corpus.duplicates.jsonl").split(separator: "\n").map(String.init)
        return (summary, try dir.records("out/corpus.jsonl"), try dir.records("out/corpus.duplicates.jsonl"), try dir.records("out/corpus.errors.jsonl"), lines)
    }

    @Test func everyDocumentGoesThroughAndValidates() throws {
        let run = try SampleOutputTests.runDefault()
        #expect(run.errors.isEmpty, "\(run.errors)")
        expectEqual(run.summary.exitStatus, 0)
        // 5 captures + 1 page + 3 feed items + 4 wire records.
        expectEqual(run.records.count + run.duplicates.count, 13)
        let schema = try SchemaValidator(path: Repo.path("schema/record.schema.json"))
        for line in run.lines {
            let problems = schema.validate(try JSONParser.parse(line))
            #expect(problems.isEmpty, "\(problems.prefix(5))")
        }
    }

    @Test func everySpanIsWhatItClaims() throws {
        let run = try SampleOutputTests.runDefault()
        var checked = 0
        for record in run.records + run.duplicates {
            let text = Array(try #require(record["text"]?.stringValue).unicodeScalars)
            func slice(_ o: JSONObject?) -> String? {
                guard let o, let s = o["start"]?.intValue, let e = o["end"]?.intValue, s >= 0, s <= e, e <= text.count else { return nil }
                return String(String.UnicodeScalarView(text[s..<e]))
            }
            for key in ["paragraphs", "sentences"] {
                for span in record[key]?.arrayValue ?? [] {
                    let piece = try #require(slice(span.objectValue), "\(key) span out of range")
                    #expect(!piece.isEmpty && piece.first?.isWhitespace == false && piece.last?.isWhitespace == false, "\(key): \(piece.debugDescription)")
                    checked += 1
                }
            }
            // Paragraphs are exactly the stretches between blank lines.
            if let paragraphs = record["paragraphs"]?.arrayValue {
                let joined = paragraphs.compactMap { slice($0.objectValue) }.joined(separator: "\n\n")
                expectEqual(joined, String(String.UnicodeScalarView(text)))
            }
            for quote in record["quotes"]?.arrayValue ?? [] {
                let q = try #require(quote.objectValue)
                expectEqual(slice(q), q["text"]?.stringValue)
                for key in ["speaker", "cue"] {
                    guard let m = q[key]?.objectValue else { continue }
                    expectEqual(slice(m), m["text"]?.stringValue)
                    for sub in ["resolved_from", "role"] {
                        if let r = m[sub]?.objectValue { expectEqual(slice(r), r["text"]?.stringValue) }
                    }
                }
                checked += 1
            }
        }
        #expect(checked > 300)
    }
}
