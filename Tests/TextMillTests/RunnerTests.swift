import Foundation
import Testing
@testable import TextMill

@Suite struct RunnerTests {
    /// Copies the real sample corpus (all formats) into a scratch folder.
    func sampleCorpus(_ dir: TemporaryDirectory) {
        func copy(_ relative: String) { dir.write("in/" + relative.dropFirst("input/".count), Repo.bytes(relative)) }
        for p in Repo.sampleTexts { copy(p) }
        copy("input/wire/coastal-wire.jsonl")
    }

    @Test func outputIsIdenticalWhateverTheJobs() throws {
        let dir = TemporaryDirectory()
        sampleCorpus(dir)
        var outputs: [String] = []
        for jobs in [1, 2, 4] {
            _ = try runPipeline("""
                input: \(dir.file("in"))
                output: \(dir.file("out\(jobs)/corpus.jsonl"))
                stages: [normalize]
                """, in: dir, jobs: jobs)
            outputs.append(dir.read("out\(jobs)/corpus.jsonl"))
        }
        #expect(!outputs[0].isEmpty)
        expectEqual(outputs[0], outputs[1])
        expectEqual(outputs[1], outputs[2])
    }

    @Test func jsonlRecordsKeepTheirIdsAndUnknownFields() throws {
        let dir = TemporaryDirectory()
        sampleCorpus(dir)
        _ = try runPipeline("""
            input: \(dir.file("in/wire/coastal-wire.jsonl"))
            output: \(dir.file("out/corpus.jsonl"))
            stages: [normalize]
            """, in: dir)
        let records = try dir.records("out/corpus.jsonl")
        expectEqual(records.map { $0["id"]?.stringValue ?? "" }, ["wire-2024-0312-001", "wire-2024-0312-002", "partner-feed-88412"])
        // The third record is HTML, and this pipeline has no cleanup: it fails, saying what to do.
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.first?["id"]?.stringValue, dir.file("in/wire/coastal-wire.jsonl") + "#3")
        expectEqual(errors.first?["reason"]?.stringValue?.contains("put 'cleanup' before 'normalize'"), true)
        expectEqual(records[0]["tags"], .array(["ports", "strike", "Portugal"]))
        expectEqual(records[0]["published"]?.stringValue, "2024-03-12T09:05:00Z")
        expectEqual(records[0].keys, ["id", "source", "text", "meta", "paragraphs", "lang", "published", "tags"])
        expectEqual(records[2]["source_feed"]?.stringValue, "partner")
        expectEqual(records[2]["source"]?.objectValue?["record"]?.intValue, 4)
    }

    @Test func offsetsAreUnicodeScalarOffsets() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", Repo.bytes("input/rfe-kazakh-activists.txt"))
        _ = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages: [normalize]
            """, in: dir)
        let record = try #require(try dir.records("out/corpus.jsonl").first)
        let text = Array(try #require(record["text"]?.stringValue).unicodeScalars)
        let paragraphs = try #require(record["paragraphs"]?.arrayValue)
        // The capture has curly quotes and bullets: byte and scalar offsets differ after them.
        let spans = paragraphs.map { p in String(String.UnicodeScalarView(text[p.objectValue!["start"]!.intValue!..<p.objectValue!["end"]!.intValue!])) }
        #expect(spans.contains("Summary"))
        #expect(spans.contains { $0.hasPrefix("• Kazakh authorities used a Chinese diplomatic note") })
        #expect(spans.allSatisfy { !$0.isEmpty && $0.first != " " && $0.last != " " })
        expectEqual(spans.joined(separator: "\n\n"), String(String.UnicodeScalarView(text)))
    }

    @Test func previousOutputSurvivesARunThatCannotStart() throws {
        let dir = TemporaryDirectory()
        dir.write("out/corpus.jsonl", "{\"id\":\"old\"}\n")
        #expect(throws: InputError.self) {
            _ = try runPipeline("""
                input: \(dir.file("missing-folder"))
                output: \(dir.file("out/corpus.jsonl"))
                stages: [normalize]
                """, in: dir)
        }
        expectEqual(dir.read("out/corpus.jsonl"), "{\"id\":\"old\"}\n")
    }

    @Test func globsAndListsOfInputs() throws {
        let dir = TemporaryDirectory()
        sampleCorpus(dir)
        var resolver = InputResolver()
        let files = try resolver.resolve([dir.file("in/rfe-*.txt"), dir.file("in/**/*.jsonl"), dir.file("in/npr-kazakhstan-stories.txt")])
        expectEqual(files.map { ($0.path as NSString).lastPathComponent }, ["rfe-chinese-envoy-undiplomatic.txt", "rfe-kazakh-activists.txt", "coastal-wire.jsonl", "npr-kazakhstan-stories.txt"])
        expectEqual(files.map(\.format), [.text, .text, .jsonl, .text])
        var r2 = InputResolver()
        #expect(try r2.resolve([dir.file("in/*.nothing")]).isEmpty)
        expectEqual(r2.warnings.count, 1)
    }
}
