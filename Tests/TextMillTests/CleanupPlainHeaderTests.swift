import Foundation
import Testing
@testable import TextMill

/// A headline written as a plain line (a `div` in a table layout, no heading element) right
/// above the article's container, with the dateline and byline under it, is where the story
/// starts: those lines stay; the page tools' link line between them still goes. The same page with its headline marked as an `<h1>` sets the
/// headline apart as a title, and the header stays out as before.
@Suite struct CleanupPlainHeaderTests {
    static func page(headline: String) -> String {
        """
        <html><head><title>Council votes to reopen the old swimming baths | Riverside Gazette</title></head><body>
        <table width="100%"><tr>
        <td class="menu"><a href="/">Home</a><br><a href="/news">News</a><br><a href="/sport">Sport</a><br><a href="/letters">Letters</a></td>
        <td>
        \(headline)
        <div class="dateline">Friday 11 January 2008</div>
        <div class="byline">By Tom Hale, Staff Reporter</div>
        <div><a href="/print/1187">Printer friendly</a> | <a href="/mail/1187">Email this story</a></div>
        <div class="story">
        <p>Councillors voted by nine to four on Thursday night to reopen the Victorian swimming baths on Mill Lane, which have stood empty since a roof beam failed an inspection in 2003.</p>
        <p>The repairs are expected to cost about 1.4 million pounds, most of it from a heritage grant that the council applied for last spring, and the pool could open again within two years.</p>
        <p>Residents who campaigned to save the building packed the public gallery and applauded when the result was read out, although two councillors warned that running costs had not been agreed.</p>
        </div>
        </td></tr></table>
        <div class="copyright">Copyright 2008 Riverside Gazette</div>
        </body></html>
        """
    }

    static let story = """
        Councillors voted by nine to four on Thursday night to reopen the Victorian swimming baths on Mill Lane, which have stood empty since a roof beam failed an inspection in 2003.

        The repairs are expected to cost about 1.4 million pounds, most of it from a heritage grant that the council applied for last spring, and the pool could open again within two years.

        Residents who campaigned to save the building packed the public gallery and applauded when the result was read out, although two councillors warned that running costs had not been agreed.
        """

    @Test func aPlainHeadlineAndTheLinesUnderItStay() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.page(headline: #"<div class="hl">Council votes to reopen the old swimming baths</div>"#))
        expectEqual(doc.string, """
            Council votes to reopen the old swimming baths

            Friday 11 January 2008

            By Tom Hale, Staff Reporter


            """ + Self.story)
        CleanupFixtures.expectParagraphConvention(doc)
    }

    @Test func aHeadlineMarkedAsAHeadingStaysOut() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.page(headline: "<h1>Council votes to reopen the old swimming baths</h1>"))
        expectEqual(doc.string, Self.story)
        CleanupFixtures.expectParagraphConvention(doc)
    }
}
