import Foundation
import Testing
@testable import TextMill

/// `language` and `filter` through the `textmill` binary: dropped documents land in
/// `NAME.filtered.jsonl` with the rule that fired, the stats count them per rule, and
/// `action: mark` keeps them in the output with the same field.
@Suite struct FilterEndToEndTests {
    let cli = CommandLineTests()

    func corpus(_ dir: TemporaryDirectory) {
        dir.write("in/council.txt", FilterFixtures.councilReport)
        dir.write("in/bullets.txt", FilterFixtures.bulletList)
        dir.write("in/headlines.txt", FilterFixtures.headlines)
        dir.write("in/hochwasser.txt", LanguageFixtures.flood[1].text)
    }

    func config(_ dir: TemporaryDirectory, action: String) -> String {
        dir.write("p.yaml", """
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - language
              - filter: {languages: [en], min_language_score: 0.8, action: \(action)}
            """)
    }

    func summary(_ records: [JSONObject]) -> [String] {
        records.map { r in
            let id = (r["id"]?.stringValue ?? "") as NSString
            let language = r["meta"]?.objectValue?["language"]?.objectValue?["code"]?.stringValue ?? "-"
            return "\(id.lastPathComponent) \(language) \(r["filtered"]?.objectValue?["reason"]?.stringValue ?? "-")"
        }.sorted()
    }

    @Test func droppedDocumentsGoToTheFilteredFileWithTheirRule() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        let r = try cli.textmill(["run", config(dir, action: "drop"), "--quiet"])
        expectEqual(r.status, 0, "\(r.stderr)")
        expectEqual(summary(try dir.records("out/corpus.jsonl")), ["council.txt en -"])
        let dropped = try dir.records("out/corpus.filtered.jsonl")
        expectEqual(summary(dropped), [
            "bullets.txt en gopher_too_many_bullets",
            "headlines.txt en too_few_sentences",
            "hochwasser.txt de language",
        ])
        let stats = try #require(DurableFile.readJSON(dir.file("out/corpus.stats.json"))?.objectValue)
        let filter = try #require(stats["stages"]?.arrayValue?.first { $0.objectValue?["stage"]?.stringValue == "filter" }?.objectValue)
        expectEqual(filter["filtered"]?.jsonText, #"{"gopher_too_many_bullets":1,"language":1,"too_few_sentences":1}"#)
        expectEqual(stats["run"]?.objectValue?["filtered"], JSONValue(3))
    }

    @Test func markKeepsThemInTheOutput() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        let r = try cli.textmill(["run", config(dir, action: "mark"), "--quiet"])
        expectEqual(r.status, 0, "\(r.stderr)")
        expectEqual(summary(try dir.records("out/corpus.jsonl")), [
            "bullets.txt en gopher_too_many_bullets",
            "council.txt en -",
            "headlines.txt en too_few_sentences",
            "hochwasser.txt de language",
        ])
        #expect(dir.read("out/corpus.filtered.jsonl").isEmpty)
        let schema = try SchemaValidator(path: Repo.path("schema/record.schema.json"))
        for record in try dir.records("out/corpus.jsonl") {
            expectEqual(schema.validate(.object(record)), [], "meta.language is an object the schema allows")
        }
    }
}
