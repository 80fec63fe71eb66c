import Foundation
import Testing
@testable import TextMill

/// A page that libxml2 parses in recover mode always gives text: the article when one is found,
/// else the visible text, else all text of the tree, else the bytes with the markup taken out.
@Suite struct CleanupFallbackTests {
    static let pier = "The harbour master said the new pier would open to fishing boats in the spring, once the last pilings are set."
    static let ferries = "Ferries will keep using the old quay until the summer timetable starts."

    @Test func unclosedTitleThatSwallowsThePageStillGivesItsText() throws {
        // A script-written <title> that is never closed: libxml2 keeps the rest of the page in
        // the head, where no tree walk finds text; the stray </body> is its only error.
        let html = "<html><head><title>Harbour notes' + q + '\"></SCRIPT>\n<SCRIPT>var q = 1;</SCRIPT>\n<div><p>\(Self.pier)</p><p>\(Self.ferries)</p></div></body></html>"
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "Harbour notes' + q + '\">\n\n\(Self.pier)\n\n\(Self.ferries)")
        CleanupFixtures.expectParagraphConvention(doc)
    }

    @Test func bodyHiddenUntilAScriptShowsItGivesItsText() throws {
        let html = "<html><body style=\"display:none\"><div><p>\(Self.pier)</p></div><script>document.body.style.display='block'</script></body></html>"
        expectEqual(try CleanupFixtures.cleanHTML(html).string, Self.pier)
        expectEqual(try CleanupFixtures.cleanHTML(html, ["mode": "full"]).string, Self.pier)
    }

    @Test func framesetPageGivesItsNoframesText() throws {
        let html = "<html><head><title>Harbour</title></head><frameset><frame src=\"menu.html\"><noframes><p>\(Self.pier)</p></noframes></frameset></html>"
        #expect(try CleanupFixtures.cleanHTML(html).string.contains(Self.pier))
    }

    @Test func pageOfLinksGivesItsFullTextInArticleMode() throws {
        // A product listing: every line is a link, nothing scores as an article.
        let html = """
            <html><body><h2><a href="/k1">Copper kettle, 1.7 litres</a></h2><ul><li><a href="/p1">Blue enamel teapot</a></li>
            <li><a href="/p2">Stoneware mug, set of four</a></li><li><a href="/p3">Linen tea towel</a></li></ul></body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "Copper kettle, 1.7 litres\n\nBlue enamel teapot\n\nStoneware mug, set of four\n\nLinen tea towel")
        CleanupFixtures.expectParagraphConvention(doc)
    }

    @Test func strippedMarkupKeepsParagraphsAndDecodesReferences() {
        let html = Array("<p>Caf&eacute; &amp; bar&#8212;open<br>late</p><!-- <p>hidden</p> --><script>var x = '<p>no</p>';</script><div>Next &#150; day</div>".utf8)
        let out = MarkupStripper.strip(html)
        expectEqual(String(decoding: out.text, as: UTF8.self), "Café & bar—open\n\nlate\n\nNext – day")
        expectEqual(out.paragraphs.count, 3)
    }
}

/// Reader comments and teasers of other stories are left out in `article` mode when a label
/// ("12 Comments", "More stories") starts them inside the article's container.
@Suite struct CleanupSectionEndTests {
    static let article = """
        <p>The council voted on Tuesday to close the old swimming baths at the end of the summer, after a survey found the roof unsafe.</p>
        <p>Swimmers will be able to use the pool at the sports centre, which will open an hour earlier on weekdays from September.</p>
        <p>A public meeting about the future of the building will be held in the town hall next month.</p>
        """
    static let articleText = """
        The council voted on Tuesday to close the old swimming baths at the end of the summer, after a survey found the roof unsafe.

        Swimmers will be able to use the pool at the sports centre, which will open an hour earlier on weekdays from September.

        A public meeting about the future of the building will be held in the town hall next month.
        """

    @Test func commentsAfterTheArticleAreLeftOut() throws {
        let html = """
            <html><body><div class="main"><h1>Baths to close</h1>\(Self.article)
            <h3>12 Comments</h3>
            <p>I learned to swim in those baths fifty years ago and it is a shame to see them go like this.</p>
            <p>Posted by: Marge at 10:14 on Tuesday</p>
            <p>The roof has been leaking for a decade and the council did nothing about it until now, sadly.</p>
            </div></body></html>
            """
        expectEqual(try CleanupFixtures.cleanHTML(html).string, Self.articleText)
    }

    @Test func moreStoriesLabelEndsTheArticle() throws {
        let html = """
            <html><body><div>\(Self.article)
            <p><strong>More stories</strong></p>
            <p>The library will stay open on Sundays after the mayor found money for two more librarians this year.</p>
            <p>Roadworks on the ring road will start in May and last until the end of the school holidays.</p>
            </div></body></html>
            """
        expectEqual(try CleanupFixtures.cleanHTML(html).string, Self.articleText)
    }

    @Test func commentCountLinkUnderTheLeadDoesNotCutTheArticle() throws {
        let html = """
            <html><body><div><p>The council voted on Tuesday to close the old swimming baths at the end of the summer, after a survey found the roof unsafe.</p>
            <p><a href="#comments">Comments</a></p>
            <p>Swimmers will be able to use the pool at the sports centre, which will open an hour earlier on weekdays from September.</p>
            <p>A public meeting about the future of the building will be held in the town hall next month.</p></div></body></html>
            """
        expectEqual(try CleanupFixtures.cleanHTML(html).string, Self.articleText)
    }

    @Test func labelsExtendFromTheConfigAndBadOnesAreRefused() throws {
        let html = """
            <html><body><div>\(Self.article)
            <p>Elsewhere in the borough</p>
            <p>The library will stay open on Sundays after the mayor found money for two more librarians this year.</p>
            </div></body></html>
            """
        #expect(try CleanupFixtures.cleanHTML(html).string.contains("The library will stay open"))
        expectEqual(try CleanupFixtures.cleanHTML(html, ["section_ends": .array([.string("line Elsewhere in the borough")])]).string, Self.articleText)
        #expect(throws: (any Error).self) { try CleanupFixtures.stage(["section_ends": .array([.string("heading Elsewhere")])]) }
        // Full mode keeps everything.
        #expect(try CleanupFixtures.cleanHTML(html, ["mode": "full", "section_ends": .array([.string("line Elsewhere in the borough")])]).string.contains("The library"))
    }
}
