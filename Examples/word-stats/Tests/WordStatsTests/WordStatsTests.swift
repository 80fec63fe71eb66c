import Foundation
import Testing
import TextMill
@testable import WordStats

@Test func countsWordsOfARealCapture() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../../input/rfe-kazakh-activists.txt").standardized.path
    let text = try #require(FileManager.default.contents(atPath: path))
    var doc = Document(id: "rfe", text: String(decoding: text, as: UTF8.self))
    var context = StageContext()
    try WordStatsStage(options: .defaults(WordStatsStage.options)).process(&doc, &context)
    let words = try #require(doc.extra["word_stats"]?.objectValue?["words"]?.intValue)
    #expect(words > 1500 && words < 2500)
    #expect(context.counters["words"] == words)
}

@Test func refusesShortDocuments() {
    var doc = Document(id: "x", text: "toggle caption")
    var context = StageContext()
    #expect(throws: DocumentError.self) {
        try WordStatsStage(options: .defaults(WordStatsStage.options, ["min_words": 5])).process(&doc, &context)
    }
}

/// `pipeline.yaml` runs as its comment says (from the repository's top folder) on the sample
/// corpus: every document gets its counts, none fails.
@Test func theExamplePipelineRunsCleanOnTheSampleCorpus() throws {
    let top = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../..").standardized.path
    #expect(FileManager.default.changeCurrentDirectoryPath(top))
    let registry = StageRegistry.builtin.adding([WordStatsStage.self])
    let output = NSTemporaryDirectory() + "word-stats-" + UUID().uuidString + "/corpus.jsonl"
    defer { try? FileManager.default.removeItem(atPath: (output as NSString).deletingLastPathComponent) }
    let config = try ConfigLoader(registry: registry).load(path: "Examples/word-stats/pipeline.yaml", output: output)
    #expect(config.stages.map(\.name) == ["cleanup", "normalize", "sentences", "quotes", "dedup", "word_stats"])
    let summary = try Runner(config: config, options: RunOptions(jobs: 2)).run()
    #expect(summary.failed == 0)
    #expect(summary.written == 12)
    let records = String(decoding: try #require(FileManager.default.contents(atPath: output)), as: UTF8.self).split(separator: "\n")
    #expect(records.count == 12)
    #expect(records.allSatisfy { $0.contains("\"word_stats\":{\"words\":") })
}
