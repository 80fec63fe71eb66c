import Foundation
import Testing
@testable import TextMill

/// The FULL list of quotations of the sample corpus's documents that are not plain text (the
/// HTML page, the RSS items, the wire records: `input/` but `*.txt`, which `QuotesGoldenTests`
/// pins), through the default pipeline's stages before dedup (cleanup → normalize → sentences →
/// quotes) with the runner's real code. Until session 33 no test pinned them (issue 14's "golden
/// full-list tests for each fixture document"). One line per quotation in
/// `Fixtures/quotes/golden/sample-corpus-other.quotes.txt`: `id | kind | quoted words | speaker
/// (from the word written) | entity | cue`; `TEXTMILL_UPDATE_GOLDEN=1` rewrites it.
@Suite struct QuotesSampleCorpusGoldenTests {
    static let goldenPath = QuotesGoldenTests.goldenFolder + "/sample-corpus-other.quotes.txt"

    /// The quotes of every record of the run, one line each, in output order.
    static func lines() throws -> [String] {
        let dir = TemporaryDirectory()
        let input = Repo.path("input")
        for name in try FileManager.default.subpathsOfDirectory(atPath: input).sorted() where !name.hasSuffix(".txt") {
            var folder: ObjCBool = false
            if FileManager.default.fileExists(atPath: input + "/" + name, isDirectory: &folder), !folder.boolValue {
                dir.write("in/" + name, Repo.bytes("input/" + name))
            }
        }
        _ = try runPipeline("input: \(dir.file("in"))/\noutput: \(dir.file("out.jsonl"))\nstages: [cleanup, normalize, sentences, quotes]\n", in: dir, jobs: 1)
        var out: [String] = []
        for record in try dir.records("out.jsonl") {
            // Ids name the input path: shown from the sample's own folder, the same in every run.
            let id = (record["id"]?.stringValue ?? "?").replacingOccurrences(of: dir.file("in") + "/", with: "input/")
            for q in record["quotes"]?.arrayValue ?? [] {
                guard let q = q.objectValue else { continue }
                func text(_ o: JSONObject?) -> String { (o?["text"]?.stringValue ?? "-").replacingOccurrences(of: "\n", with: "⏎") }
                var speaker = "-", entity = "-"
                if let s = q["speaker"]?.objectValue {
                    speaker = text(s) + (s["resolved_from"]?.objectValue.map { " (from \(text($0)))" } ?? "")
                    if s["document"]?.boolValue == true { entity = "document" }
                    else if s["unresolved"]?.boolValue == true { entity = "unresolved" }
                    else if let e = s["entity"]?.intValue { entity = "\(e): \(s["name"]?.stringValue ?? "")" }
                }
                out.append([id, q["kind"]?.stringValue ?? "?", text(q), speaker, entity, text(q["cue"]?.objectValue)].joined(separator: " | "))
            }
        }
        return out
    }

    @Test func theWholeListOfQuotesIsPinned() throws {
        let actual = try Self.lines()
        if ProcessInfo.processInfo.environment["TEXTMILL_UPDATE_GOLDEN"] == "1" {
            try (actual.joined(separator: "\n") + "\n").write(toFile: Self.goldenPath, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOfFile: Self.goldenPath, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map(String.init)
        #expect(actual.count > 20, "the HTML page, feed items and wire records hold some 24 quotes")
        expectEqual(actual.count, golden.count, "\(actual.count) quotes, golden file has \(golden.count)")
        for (i, (a, g)) in zip(actual, golden).enumerated() where a != g {
            Issue.record("quote \(i + 1):\n  now:    \(a)\n  golden: \(g)")
        }
        for extra in actual.dropFirst(golden.count) { Issue.record("new quote \(extra)") }
        for lost in golden.dropFirst(actual.count) { Issue.record("lost quote \(lost)") }
    }
}
