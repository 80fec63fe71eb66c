import Foundation
import Testing
@testable import TextMill

/// Dedup decides in input order whatever `--jobs` is (issue 17, session 27): its `prepare`
/// (words, fingerprint) runs on every worker, its `process` on one thread in input order, and
/// the first document seen wins. A corpus of several hand-off batches with exact copies, near
/// copies and a boilerplate paragraph gives the same outputs, duplicates and dedup counts with
/// one, two and three workers, in a JSONL file and in a file a story.
@Suite struct ParallelDedupOrderTests {
    /// `count` stories of their own words (a fixed generator), each ending in the same sign-off
    /// paragraph (boilerplate once five unique stories carried it); every seventh an exact copy
    /// of the story six before it, every eleventh that story with one word changed (a near copy).
    static func stories(_ count: Int) -> [(id: String, text: String)] {
        let words = ["harbour", "authority", "said", "Tuesday", "night", "crossings", "islands", "would", "resume",
                     "ferry", "crews", "timetable", "director", "fishermen", "port", "blocked", "quay", "January",
                     "spokeswoman", "regional", "council", "budget", "service", "reviewed", "spring", "minister",
                     "talks", "capital", "protesters", "police", "officials", "election", "votes", "counted",
                     "border", "trade", "tariffs", "farmers", "prices", "storm", "coast", "rescue", "hikers"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let signOff = "Reporting by the regional desk; editing by the night team."
        var out: [(id: String, text: String)] = []
        for n in 1...count {
            var text: String
            if n % 7 == 0 {
                text = out[n - 7].text
            } else if n % 11 == 0 {
                text = out[n - 7].text.replacingOccurrences(of: " said ", with: " stated ")
                if text == out[n - 7].text { text = out[n - 7].text + " Updated." }
            } else {
                var paragraphs: [String] = []
                for _ in 0..<3 {
                    var sentence = (0..<16).map { _ in words[next() % words.count] }.joined(separator: " ")
                    sentence = sentence.prefix(1).uppercased() + sentence.dropFirst() + "."
                    paragraphs.append(sentence)
                }
                text = "Story \(n)\n\n" + paragraphs.joined(separator: "\n\n") + "\n\n" + signOff
            }
            out.append(("story-\(n)", text))
        }
        return out
    }

    /// The outputs of a run and dedup's counts (its figures without the times).
    func run(_ dir: TemporaryDirectory, input: String, name: String, jobs: Int) throws -> (outputs: [String], counts: [String: Int]) {
        let yaml = "input: \(dir.file(input))\noutput: \(dir.file("\(name)/corpus.jsonl"))\nstages: [normalize, sentences, dedup]\n"
        let config = try ConfigLoader().parse(yaml, path: dir.file("pipeline.yaml"))
        let summary = try Runner(config: config, options: RunOptions(jobs: jobs)).run()
        let dedup = try #require(summary.stages.first { $0.name == "dedup" })
        let outputs = ["corpus.jsonl", "corpus.duplicates.jsonl", "corpus.errors.jsonl", "corpus.filtered.jsonl"].map { dir.read("\(name)/\($0)") }
        return (outputs, dedup.counters)
    }

    @Test(arguments: ["jsonl", "files"])
    func everyWorkerCountKeepsTheFirstSeen(layout: String) throws {
        let dir = TemporaryDirectory()
        // 1,100 stories: about nine batches of 128 between the threads.
        let stories = Self.stories(1100)
        if layout == "jsonl" {
            _ = dir.write("in/news.jsonl", stories.map { "{\"id\":\"\($0.id)\",\"text\":\(JSONValue.string($0.text).jsonText)}\n" }.joined())
        } else {
            // Numbered so that the folder's order is the stories' order.
            for (k, s) in stories.enumerated() { _ = dir.write("in/\(String(format: "%05d", k)).txt", s.text) }
        }
        let one = try run(dir, input: "in", name: "out-1", jobs: 1)
        var decided = one.counts
        #expect(decided.removeValue(forKey: "index memory bytes") != nil)
        expectEqual(decided, ["documents": 1100, "unique": 882, "index documents": 882, "exact duplicates": 143, "near duplicates": 75,
                              "lsh candidates": 111, "candidate comparisons": 98,
                              "boilerplate paragraphs removed": 1060, "boilerplate bytes removed": 63600])
        if layout == "jsonl" {
            // The first copy names the story it copies, the first seen.
            let first = try #require(try dir.records("out-1/corpus.duplicates.jsonl").first)
            expectEqual(first["id"]?.stringValue, "story-7")
            expectEqual(first["duplicate"]?.objectValue?["of"]?.stringValue, "story-1")
        }
        #expect(one.outputs[0].split(separator: "\n").count + one.outputs[1].split(separator: "\n").count == 1100)
        for jobs in [2, 3] {
            let many = try run(dir, input: "in", name: "out-\(jobs)", jobs: jobs)
            for (k, output) in many.outputs.enumerated() {
                #expect(output == one.outputs[k], "output \(k) differs with --jobs \(jobs)")
            }
            expectEqual(many.counts, one.counts)
        }
    }
}
