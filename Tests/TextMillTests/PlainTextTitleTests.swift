import Testing
@testable import TextMill

/// cleanup fills meta.title of plain text from a headline-like first line.
@Suite struct PlainTextTitleTests {
    @Test func sampleCapturesGetTheirHeadline() throws {
        let stage = try CleanupStage(options: .defaults(CleanupStage.options))
        var context = StageContext()
        let expected = [
            "input/rfe-kazakh-activists.txt": "China's Diplomatic Pressure Looms Over Case Against Xinjiang Activists In Kazakhstan",
            "input/wikipedia-china-kazakhstan-relations.txt": "China–Kazakhstan relations",
        ]
        for (path, title) in expected {
            var doc = Document(id: path, text: Repo.text(path))
            try stage.process(&doc, &context)
            expectEqual(doc.meta["title"]?.stringValue, title)
        }
    }

    @Test func aFirstSentenceIsNoHeadline() {
        expectEqual(CleanupStage.headline(Array("LISBON, March 12 (Coastal Wire) - Portugal's port workers began a strike.\n".utf8)), nil)
        expectEqual(CleanupStage.headline(Array("toggle caption, and more:\n".utf8)), nil)
        expectEqual(CleanupStage.headline(Array("Kazakhstan after the Uprising\n\nEyewitness".utf8)), "Kazakhstan after the Uprising")
    }
}
