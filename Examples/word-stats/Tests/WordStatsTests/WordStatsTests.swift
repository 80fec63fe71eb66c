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
