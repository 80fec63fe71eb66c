import Foundation
import Testing
@testable import TextMill

/// The article finder costs time linear in the page, whatever its shape. Timed by the thread's
/// CPU clock at N and 4N (`JSONObjectGrowthTests.leastCPUSeconds`, the least of three runs):
/// linear work gives a ratio near 4, the quadratic paths fixed here gave 13 to 16 and more.
@Suite(.tags(.slow)) struct CleanupGrowthTests {
    /// Cleanup (article mode) of one page, with the stage's counters.
    static func clean(_ html: String) throws -> (text: String, counters: [String: Int]) {
        var doc = Document(id: "t.html", source: SourceInfo(path: "t.html", format: .html, sha256: ""),
                           text: TextDecoding.decodeHTML(Array(html.utf8)), content: .html)
        var context = StageContext()
        try CleanupFixtures.stage().process(&doc, &context)
        return (doc.string, context.counters)
    }

    static func expectLinear(_ name: String, small: String, large: String) throws {
        let smallTime = try JSONObjectGrowthTests.leastCPUSeconds { _ = try clean(small) }
        let largeTime = try JSONObjectGrowthTests.leastCPUSeconds { _ = try clean(large) }
        let ratio = largeTime / max(smallTime, 1e-6)
        #expect(ratio <= 8, "\(name): \(small.utf8.count) bytes \(smallTime) s, \(large.utf8.count) bytes \(largeTime) s: ratio \(ratio)")
    }

    static let story = "<p>The harbour board voted on Monday to dredge the inner harbour in May, before the summer boats arrive.</p>"

    /// A page of `count` boxes nested in one another, each with a class that reads as a sidebar,
    /// around the headline and its story: every box holds most of the prose, so each is a layout
    /// wrapper, and each was checked against the headline's element by a walk up the tree.
    static func nestedSidebars(_ count: Int) -> String {
        "<html><head><title>Harbour dredging to start in May</title></head><body>"
            + String(repeating: "<div class=\"sidebar\">", count: count)
            + "<h1>Harbour dredging to start in May</h1>" + story
            + String(repeating: "</div>", count: count) + "</body></html>"
    }

    @Test func nestedLayoutWrappersCostLinearTime() throws {
        try Self.expectLinear("nested sidebars", small: Self.nestedSidebars(10_000), large: Self.nestedSidebars(40_000))
        let page = try Self.clean(Self.nestedSidebars(2_000))
        expectEqual(page.text, "The harbour board voted on Monday to dredge the inner harbour in May, before the summer boats arrive.")
        expectEqual(page.counters["titles too long to match a headline"], nil)
    }

    /// A page whose `<title>` is `letters` letters "a" and whose headings are "aaa…ab", each over
    /// a short line (no container scores well, so the title anchor is looked for): each heading
    /// was looked for in the title letter by letter, at every letter of the title.
    static func longTitle(_ letters: Int) -> String {
        "<html><head><title>" + String(repeating: "a", count: letters) + "</title></head><body>"
            + String(repeating: "<h2>aaaaaaaaaaaaaaaaaab</h2><p>Some text of the story here.</p>", count: letters / 16) + "</body></html>"
    }

    @Test func aLongTitleCostsLinearTime() throws {
        try Self.expectLinear("a long title", small: Self.longTitle(10_000), large: Self.longTitle(40_000))
        expectEqual(try Self.clean(Self.longTitle(2_000)).text.split(separator: "\n\n").count, 250)
        // Past the bound the title finds no headline, and the page is counted.
        let page = try Self.clean("<html><head><title>" + String(repeating: "a", count: 2_000) + "</title></head><body><article>"
            + Self.story + "</article></body></html>")
        expectEqual(page.counters["titles too long to match a headline"], 1)
        expectEqual(page.text, "The harbour board voted on Monday to dredge the inner harbour in May, before the summer boats arrive.")
    }

    @Test func aTitleWithinTheBoundStillFindsItsHeadline() throws {
        let title = "Harbour dredging to start in May"
        let html = "<html><head><title>\(title) | Harbour Lights</title></head><body>"
            + "<div class=\"menu\"><a href=\"/\">Home</a> <a href=\"/news\">News</a></div>"
            + "<div class=\"post\"><h3>\(title)</h3>\(Self.story)</div></body></html>"
        let page = try Self.clean(html)
        expectEqual(page.text, "\(title)\n\nThe harbour board voted on Monday to dredge the inner harbour in May, before the summer boats arrive.")
        expectEqual(page.counters["titles too long to match a headline"], nil)
    }

    static let later = "<p>Work on the outer wall will follow in the autumn, once the fishing fleet has gone back to sea.</p>"

    /// A story's first paragraph, `count` "Comments" lines, then the rest of the story (so much
    /// more prose that the lines are a box above the text, not where it ends): each line
    /// summed every paragraph of the article again.
    static func labelsAbove(_ count: Int) -> String {
        "<html><body><article>" + story + String(repeating: "<p>Comments</p>", count: count)
            + String(repeating: later, count: count / 2) + "</article></body></html>"
    }

    @Test func sectionLabelsCostLinearTime() throws {
        try Self.expectLinear("section labels", small: Self.labelsAbove(10_000), large: Self.labelsAbove(40_000))
        let page = try Self.clean(Self.labelsAbove(64))
        let paragraphs = page.text.components(separatedBy: "\n\n")
        expectEqual(paragraphs.count, 33)
        expectEqual(paragraphs.first, "The harbour board voted on Monday to dredge the inner harbour in May, before the summer boats arrive.")
        expectEqual(Set(paragraphs.dropFirst()), ["Work on the outer wall will follow in the autumn, once the fishing fleet has gone back to sea."])
    }

    /// `count` boxes of related links, each followed by two paragraphs beside it: the article
    /// goes on past each box, and its label and links go; a "Comments" label after the last
    /// ends the article. Each box counted the paragraphs after it among all of the article's.
    static func linkBoxes(_ count: Int) -> String {
        let box = "<div><h3>Related stories</h3><ul><li><a href=/a>Boats return to the harbour after the storm</a></li>"
            + "<li><a href=/b>Council backs the plan for the quay</a></li></ul></div>"
        return "<html><body><article>" + String(repeating: story, count: 3) + String(repeating: box + later + later, count: count)
            + "<p>Comments</p><p>Nice work, said a reader.</p></article></body></html>"
    }

    @Test func boxesOfLinksCostLinearTime() throws {
        try Self.expectLinear("boxes of links", small: Self.linkBoxes(8_000), large: Self.linkBoxes(32_000))
        let page = try Self.clean(Self.linkBoxes(8))
        let paragraphs = page.text.components(separatedBy: "\n\n")
        expectEqual(paragraphs.count, 19)
        expectEqual(paragraphs.filter { $0.hasPrefix("The harbour board") }.count, 3)
        expectEqual(paragraphs.filter { $0.hasPrefix("Work on the outer wall") }.count, 16)
    }

    /// A plain text whose paragraph repeats "Infobox" (the `block Infobox` residue rule) on
    /// every line: each such line dropped the rest of its paragraph again.
    static func infoboxLines(_ count: Int) -> String {
        "Harbour works to start in May\n\nThe harbour board voted on Monday.\n\n"
            + "Infobox\nPopulation 4,000\n" + String(repeating: "Infobox\n", count: count) + "\nThe work will take six weeks.\n"
    }

    static func cleanPlain(_ text: String) throws -> String {
        var doc = Document(id: "t.txt", source: SourceInfo(path: "t.txt", format: .text, sha256: ""), text: Array(text.utf8), content: .plain)
        var context = StageContext()
        try CleanupFixtures.stage().process(&doc, &context)
        return doc.string
    }

    @Test func aResidueBlockNamedOnEveryLineCostsLinearTime() throws {
        let small = Self.infoboxLines(20_000), large = Self.infoboxLines(80_000)
        let smallTime = try JSONObjectGrowthTests.leastCPUSeconds { _ = try Self.cleanPlain(small) }
        let largeTime = try JSONObjectGrowthTests.leastCPUSeconds { _ = try Self.cleanPlain(large) }
        let ratio = largeTime / max(smallTime, 1e-6)
        #expect(ratio <= 8, "20,000 lines \(smallTime) s, 80,000 lines \(largeTime) s: ratio \(ratio)")
        expectEqual(try Self.cleanPlain(Self.infoboxLines(5)),
                    "Harbour works to start in May\n\nThe harbour board voted on Monday.\n\nThe work will take six weeks.\n")
    }

    /// A page whose JSON-LD names `count` authors: each name was looked for among those before it.
    static func manyAuthors(_ count: Int) -> String {
        let authors = (0..<count).map { "{\"@type\":\"Person\",\"name\":\"Reporter Number \($0)\"}" }.joined(separator: ",")
        return "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Harbour dredging to start in May\","
            + "\"author\":[\(authors)]}</script></head><body><article>\(story)</article></body></html>"
    }

    /// A page whose JSON-LD names two authors of one letter and `pairs` pairs of combining marks,
    /// and whose meta tag's name is such a word: Swift compares and hashes a string by its
    /// canonical form, sorting the marks in time that grows with the square of the run.
    static func markedNames(_ pairs: Int) -> String {
        let a = "a" + String(repeating: "\u{301}\u{316}", count: pairs), b = "a" + String(repeating: "\u{316}\u{301}", count: pairs)
        return "<html><head><meta name=\"\(a)\" content=\"x\"><meta property=\"\(b)\" content=\"y\">"
            + "<script type=\"application/ld+json\">{\"@type\":[\"NewsArticle\",\"\(b)\"],\"author\":[{\"name\":\"\(a)\"},{\"name\":\"\(b)\"}]}</script>"
            + "</head><body><article>\(story)</article></body></html>"
    }

    @Test func pageMetadataCostsLinearTime() throws {
        try Self.expectLinear("JSON-LD authors", small: Self.manyAuthors(10_000), large: Self.manyAuthors(40_000))
        try Self.expectLinear("combining marks in names", small: Self.markedNames(4_000), large: Self.markedNames(16_000))
    }

    @Test func jsonLDAuthorsAreListedOnceEach() throws {
        let html = "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Harbour dredging to start in May\","
            + "\"author\":[{\"name\":\"Ann Quayle\"},\"Tom  Hale\",{\"name\":\"Ann Quayle\"},[\"Tom Hale\",\"Ines Mar\"]]}</script>"
            + "<meta name=\"AUTHOR\" content=\"Someone Else\"></head><body><article>\(Self.story)</article></body></html>"
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.meta["byline"], .string("Ann Quayle, Tom Hale, Ines Mar"))
        expectEqual(doc.meta["title"], .string("Harbour dredging to start in May"))
        let marked = try CleanupFixtures.cleanHTML(Self.markedNames(3))
        expectEqual(marked.meta["byline"], .string("a\u{301}\u{316}\u{301}\u{316}\u{301}\u{316}, a\u{316}\u{301}\u{316}\u{301}\u{316}\u{301}"))
    }

    /// The elements related to one (itself, its ancestors, those below it), against a walk up
    /// from each element.
    @Test func lineageIsAncestorsSelfAndDescendants() {
        // 0 body ( 1 div ( 2 div ( 3 p, 4 p ), 5 p ), 6 div ( 7 p ) )
        let parents: [Int32] = [-1, 0, 1, 2, 2, 1, 0, 6]
        let div = Array("div".utf8).withUnsafeBufferPointer { HTMLTag.lookup($0) }
        let elements = parents.map { PageElement(parent: $0, tag: div, hint: 0, marked: false) }
        func walkedUp(_ from: Int, to ancestor: Int) -> Bool {
            var e = from
            while e >= 0 { if e == ancestor { return true }; e = Int(parents[e]) }
            return false
        }
        for anchor in parents.indices {
            let expected = parents.indices.map { walkedUp(anchor, to: $0) || walkedUp($0, to: anchor) }
            expectEqual(ContentExtractor.lineage(of: anchor, elements), expected, "anchor \(anchor)")
        }
        expectEqual(ContentExtractor.lineage(of: 2, elements), [true, true, true, true, true, false, false, false])
    }
}
