import Foundation
import Testing
@testable import TextMill

/// The residue patterns of the real sample corpus in `input/`, one test each, on the real files.
@Suite struct CleanupResidueTests {
    func clean(_ name: String, _ options: [String: JSONValue] = [:]) throws -> (before: String, after: Document) {
        let text = try CleanupFixtures.sample(name)
        var doc = Document(id: name, text: text)
        var context = StageContext()
        try CleanupFixtures.stage(options).process(&doc, &context)
        expectEqual(doc.firstInvalidSpan(), nil)
        expectEqual(doc.paragraphs, Paragraphs.spans(in: doc.text))
        return (text, doc)
    }

    func lines(_ s: String) -> [String] {
        s.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func rawIframeLines() throws {
        let (before, after) = try clean("npr-kazakhstan-stories.txt")
        #expect(before.contains("<iframe"))
        #expect(!after.string.contains("<iframe"))
        #expect(!lines(after.string).contains("• Download"))
        #expect(!lines(after.string).contains("• Transcript"))
        #expect(after.string.contains("'Illegal Superstition': China Jails Muslims For Practicing Islam, Relatives Say"))
    }

    /// A markup line is tags alone: a line with words between its tags is text that holds
    /// markup, and stays whole. Before session 24 `<p>…</p>` lines went with their words, and an
    /// Atom entry of type "text" (its markup literal, as the feed means it) came out empty.
    @Test func aLineWithWordsBetweenItsTagsIsNotResidue() throws {
        let text = """
            Harbour council approves ferry budget

            <div class="player"><iframe src="https://example.com/embed/1" title="a > b"></iframe></div>
            <p>The council met on Monday and argued about the budget for hours.</p>
            <!-- share tools -->
            <b>Subscribe</b> to our newsletter.
            """
        var doc = Document(id: "markup.txt", text: text)
        var context = StageContext()
        try CleanupFixtures.stage().process(&doc, &context)
        expectEqual(doc.string, """
            Harbour council approves ferry budget

            <p>The council met on Monday and argued about the budget for hours.</p>
            <b>Subscribe</b> to our newsletter.
            """)
        let atom = """
            <?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Markup</title>\
            <content type="text">&lt;p&gt;A paragraph tag, shown as the feed wrote it.&lt;/p&gt;</content></entry></feed>
            """
        let record = try #require(try XMLRecordReader.records(in: Array(atom.utf8), settings: XMLRecordSettings()).first)
        var entry = Document(id: "feed.atom#1", text: String(decoding: record.text, as: UTF8.self))
        try CleanupFixtures.stage().process(&entry, &context)
        expectEqual(entry.string, "<p>A paragraph tag, shown as the feed wrote it.</p>")
    }

    @Test func captionAndCreditLines() throws {
        let (before, after) = try clean("npr-kazakhstan-stories.txt")
        #expect(before.contains("hide caption") && before.contains("toggle caption"))
        #expect(!after.string.contains("hide caption"))
        #expect(!after.string.contains("toggle caption"))
        #expect(!lines(after.string).contains("Alexander Bogdanov/AFP via Getty Images"))
        #expect(!lines(after.string).contains("Emily Feng/NPR"))
        #expect(!after.string.contains("Levan Gabechava"))
        // The caption itself stays, without its credit.
        #expect(lines(after.string).contains("Aibota Zhanibek was born in China and now lives in Almaty, Kazakhstan. Members of her family, who are Muslim ethnic Kazakhs, have been detained in China's northwestern region of Xinjiang."))
        #expect(!after.string.contains("Getty Images"))
        #expect(after.string.hasPrefix("Kazakhstan Kazakhstan\nStories About\n\nKazakhstan"))
    }

    @Test func mediaPlayerLines() throws {
        let (before, after) = try clean("rfe-chinese-envoy-undiplomatic.txt")
        for residue in ["please wait", "No media source currently available", "0:00 0:01:00 0:00"] {
            #expect(before.contains(residue))
            #expect(!after.string.contains(residue), "left: \(residue)")
        }
        #expect(after.string.contains("Kazakh Woman Pickets Chinese Consulate, Demanding Husband's Release\n\nTwitter user @qoshpendi"))
    }

    @Test func accessibilityAndBreakingNewsChrome() throws {
        let (_, after) = try clean("rfe-chinese-envoy-undiplomatic.txt")
        #expect(!after.string.contains("Accessibility links"))
        #expect(!lines(after.string).contains("Breaking News"))
        #expect(after.string.hasPrefix("Rather 'Undiplomatic': Chinese Envoy To Kazakhstan Courts Controversy With Anti-U.S. Posts\n\n"))
    }

    @Test func repeatedStandfirstLine() throws {
        let standfirst = "For many in Kazakhstan, China's treatment of its Muslim minorities is much more of an issue than anything to do with the United States."
        let (before, after) = try clean("rfe-chinese-envoy-undiplomatic.txt")
        expectEqual(before.components(separatedBy: standfirst).count, 3)
        expectEqual(after.string.components(separatedBy: standfirst).count, 2)
    }

    @Test func authorCards() throws {
        let (before, after) = try clean("rfe-chinese-envoy-undiplomatic.txt")
        #expect(before.contains("16x9 Image"))
        #expect(!after.string.contains("16x9 Image"))
        #expect(!after.string.contains("Farangis Najibullah is a senior correspondent"))
        #expect(!after.string.contains("Ayan Kalmurat is an Almaty-based correspondent"))
        #expect(!lines(after.string).contains("Farangis Najibullah"))
        #expect(after.string.contains("Instead, the ambassador has been focusing on bilateral cooperation"))
    }

    @Test func seeAlsoLines() throws {
        let (before, after) = try clean("rfe-kazakh-activists.txt")
        expectEqual(before.components(separatedBy: "SEE ALSO:").count, 8)
        #expect(!after.string.contains("SEE ALSO:"))
        // The paragraphs around a removed line stay apart.
        #expect(after.string.contains("Article 174(2) of Kazakhstan’s Criminal Code, which criminalizes “inciting national, ethnic, or other social discord” when committed by a group.\n\nThe protest \"negatively impacted"))
    }

    @Test func wikiHeadingMarksKeepTheHeading() throws {
        let (before, after) = try clean("wikipedia-china-kazakhstan-relations.txt")
        #expect(before.contains("== Historical relations =="))
        #expect(!after.string.contains("=="))
        #expect(lines(after.string).contains("Historical relations"))
        #expect(lines(after.string).contains("Republican China"))
        #expect(after.string.hasPrefix("China–Kazakhstan relations\n\n"))
    }

    @Test func infoboxLines() throws {
        let (before, after) = try clean("wikipedia-china-kazakhstan-relations.txt")
        #expect(before.contains("Infobox\n- Map: China Kazakhstan Locator.png"))
        #expect(!after.string.contains("Infobox"))
        #expect(!after.string.contains("Mission1: Chinese Embassy"))
        #expect(after.string.contains("- Foreign relations of China"))  // an ordinary list stays
    }

    @Test func cleanFilesKeepTheirText() throws {
        // The essay has none of the residue: nothing of it may go.
        let (before, after) = try clean("kazakhstan-after-the-uprising.txt")
        expectEqual(after.string, before)
    }

    @Test func noResiduePatternLeftInAnySampleFile() throws {
        let patterns = ["<iframe", "hide caption", "toggle caption", "please wait", "No media source currently available",
                        "SEE ALSO:", "Accessibility links", "16x9 Image", "Infobox", "== "]
        for name in CleanupFixtures.sampleNames {
            let (_, after) = try clean(name)
            for p in patterns { #expect(!after.string.contains(p), "\(name) still has \(p)") }
            #expect(!lines(after.string).contains { ResidueCleaner.isTimestampLine(Array($0.utf8).withUnsafeBufferPointer { $0 }) })
        }
    }

    @Test func residueCarriesSpansMadeBefore() throws {
        let text = "Intro line of the story.\n\nSEE ALSO: Another story\n\nThe end of it."
        var doc = Document(id: "t", text: text)
        doc.sentences = [Span(0, 24), Span(51, 66)]
        var context = StageContext()
        try CleanupFixtures.stage().process(&doc, &context)
        expectEqual(doc.string, "Intro line of the story.\n\nThe end of it.")
        expectEqual(doc.sentences!.map { doc.string($0) }, ["Intro line of the story.", "The end of it."])
    }

    @Test func rulesExtendFromTheConfig() throws {
        let text = "Story text here.\n\nPHOTO GALLERY: twelve pictures\n\nMore text."
        var doc = Document(id: "t", text: text)
        var context = StageContext()
        try CleanupFixtures.stage(["residue_rules": ["prefix photo gallery:"]]).process(&doc, &context)
        expectEqual(doc.string, "Story text here.\n\nMore text.")
        #expect(throws: StageSetupError.self) { try CleanupFixtures.stage(["residue_rules": ["sometimes foo"]]) }
        #expect(throws: StageSetupError.self) { try CleanupFixtures.stage(["residue_file": "missing-rules.txt"]) }
        var off = Document(id: "t", text: text)
        try CleanupFixtures.stage(["residue": false]).process(&off, &context)
        expectEqual(off.string, text)
    }
}
