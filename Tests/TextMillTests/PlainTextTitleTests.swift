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

    /// A line ends at a carriage return too. Before session 24 a CRLF text's title kept its
    /// "\r", and a short text with CR-only line ends was its own title, every line of it, "\r"s
    /// and all (`cleanup` then `normalize` wrote that title beside the normalized text).
    @Test func aCarriageReturnEndsTheHeadline() throws {
        let headline = "Harbour Council Approves Ferry Budget"
        expectEqual(CleanupStage.headline(Array("\(headline)\r\n\r\nThe harbour council met on Monday.\r\n".utf8)), headline)
        expectEqual(CleanupStage.headline(Array("\r\r\(headline)\r\rThe harbour council met on Monday and argued about the budget\r".utf8)), headline)
        expectEqual(CleanupStage.headline(Array("\(headline)\r".utf8)), headline)
        expectEqual(CleanupStage.headline(Array("Café Owners Approve Ferry Budget\r\rThe owners met on Monday\r".utf8)), "Café Owners Approve Ferry Budget")
        expectEqual(CleanupStage.headline(Array("The harbour council met on Monday.\rHarbour Council Approves Ferry Budget\r".utf8)), nil)
        let stage = try CleanupStage(options: .defaults(CleanupStage.options))
        var context = StageContext()
        var doc = Document(id: "cr.txt", text: "\(headline)\r\rThe harbour council met on Monday and argued about the budget.\r")
        try stage.process(&doc, &context)
        expectEqual(doc.meta["title"]?.stringValue, headline)
    }

    /// A vertical tab, form feed, NEL, U+2028 or U+2029 ends a line too (Unicode's mandatory
    /// breaks). Before session 33 none did: a short text whose lines ended in U+2028 (as some
    /// word processors and web exports write) was its own title, every line of it, and a first
    /// sentence followed by a form feed, "Officials met on Tuesday.\u{C}", was a title, its last
    /// character not a full stop.
    @Test(arguments: ["\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"])
    func everyUnicodeLineTerminatorEndsTheHeadline(terminator: String) throws {
        let headline = "Harbour Council Approves Ferry Budget"
        let body = "The harbour council met on Monday and argued about the budget."
        expectEqual(CleanupStage.headline(Array("\(headline)\(terminator)\(terminator)\(body)\(terminator)".utf8)), headline)
        expectEqual(CleanupStage.headline(Array("Officials met on Tuesday.\(terminator)\(body)".utf8)), nil)
        let stage = try CleanupStage(options: .defaults(CleanupStage.options))
        var context = StageContext()
        var doc = Document(id: "ls.txt", text: "Officials met on Tuesday.\(terminator)\(body)\(terminator)")
        try stage.process(&doc, &context)
        expectEqual(doc.meta["title"]?.stringValue, nil)
    }
}
