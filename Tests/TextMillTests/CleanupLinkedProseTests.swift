import Foundation
import Testing
@testable import TextMill

/// A long sentence with many links in it (a blog post's opening that links every source it
/// names) is not a byline or a date: it stays at the start of the article although its links
/// keep it from counting as prose.
@Suite struct CleanupLinkedProseTests {
    static let page = """
        <html><body>
        <div class="post">
        <p>Thanks to the many readers who wrote in about <a href="/p/9">my question on night trains</a> last week; see also <a href="/f/2">the long forum thread on sleeper cabins</a>, which ran to nine pages, for more of your stories.</p>
        <p>Most of you said the cabins were the reason to go by train, and that the dining car mattered less than a quiet night.</p>
        <p>A few readers wrote that the cost of a berth was the only thing that kept them flying instead of taking the train.</p>
        </div>
        <div class="byline-box"><p><a href="/a">Posted</a> <a href="/d">on Friday</a></p></div>
        </body></html>
        """

    @Test func linkedOpeningSentenceStays() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.page)
        expectEqual(doc.string, """
            Thanks to the many readers who wrote in about my question on night trains last week; see also the long forum thread on sleeper cabins, which ran to nine pages, for more of your stories.

            Most of you said the cabins were the reason to go by train, and that the dining car mattered less than a quiet night.

            A few readers wrote that the cost of a berth was the only thing that kept them flying instead of taking the train.
            """)
        CleanupFixtures.expectParagraphConvention(doc)
    }

    @Test func shortLinkedLineBeforeTheTextStillGoes() throws {
        // A short line before the first paragraph (a dateline) is furniture, links or not.
        let html = Self.page.replacingOccurrences(of: "<div class=\"post\">", with: "<div class=\"post\">\n<p><a href=\"/d\">Friday, 12 May</a>, in <a href=\"/c\">Travel</a>.</p>")
        let doc = try CleanupFixtures.cleanHTML(html)
        #expect(doc.string.hasPrefix("Thanks to the many readers"))
    }
}
