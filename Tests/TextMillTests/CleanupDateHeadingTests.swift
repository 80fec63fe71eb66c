import Foundation
import Testing
@testable import TextMill

/// A blog that writes the day as a heading over the day's posts (`h2.date-header` over
/// `h3.post-title`) dates the post with it: the date heading stays with the post's headline.
/// A heading that is not only a date ("Blog archive") does not, and `DateLine` tells the two
/// apart.
@Suite struct CleanupDateHeadingTests {
    static func page(over: String) -> String {
        """
        <html><head><title>Harbour Walks: The ferry pier reopens</title></head><body>
        <div id="header"><h1 class="title"><a href="/">Harbour Walks</a></h1>
        <p class="description">Notes from a daily walk along the old harbour</p></div>
        <div class="main-inner"><div class="date-outer">
        \(over)
        <div class="date-posts"><div class="post-outer"><div class="post hentry">
        <h3 class="post-title entry-title"><a href="/2012/10/ferry-pier-reopens.html">The ferry pier reopens</a></h3>
        <div class="post-body entry-content">
        <p>The ferry pier opened again on Friday morning after eleven weeks of repairs, and the first boat across to the island left four minutes late with nine passengers and a dog on board.</p>
        <p>The new deck is wider than the old one and the railings are lower, which the harbour office says will make it easier to load bicycles. The timetable stays as it was until the spring.</p>
        </div>
        <div class="post-footer">Posted by Ines at 8:02 AM</div>
        </div></div></div></div></div>
        <div id="sidebar"><h2>Blog archive</h2><ul><li><a href="/2012/10/">October</a></li><li><a href="/2012/09/">September</a></li></ul></div>
        </body></html>
        """
    }

    static let post = """
        The ferry pier reopens

        The ferry pier opened again on Friday morning after eleven weeks of repairs, and the first boat across to the island left four minutes late with nine passengers and a dog on board.

        The new deck is wider than the old one and the railings are lower, which the harbour office says will make it easier to load bicycles. The timetable stays as it was until the spring.
        """

    @Test func aDateHeadingOverThePostsHeadlineStays() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.page(over: #"<h2 class="date-header"><span>Friday, October 26, 2012</span></h2>"#))
        expectEqual(doc.string, "Friday, October 26, 2012\n\n" + Self.post)
        CleanupFixtures.expectParagraphConvention(doc)
    }

    @Test func aHeadingThatIsNotADateStaysOut() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.page(over: #"<h2 class="date-header"><span>Around the harbour</span></h2>"#))
        expectEqual(doc.string, Self.post)
        CleanupFixtures.expectParagraphConvention(doc)
    }

    @Test func dateLinesAreOnlyADate() {
        for line in ["Friday, October 26, 2012", "Saturday, October 27, 2012 12:32 PM", "26th Oct 2012",
                     "Tuesday, 30 October 2012", "10/26/2012", "Sept. 4, 2011 at 3:10 p.m."] {
            #expect(DateLine.matches(Array(line.utf8)), "\(line)")
        }
        for line in ["Around the harbour", "October 2012 in review", "Friday, October 26", "2012",
                     "May the ferry run on time, 2012", "Fri 26 Oct 2012 — ferry news", "12:32 PM"] {
            #expect(!DateLine.matches(Array(line.utf8)), "\(line)")
        }
    }
}
