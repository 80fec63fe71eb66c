import Foundation
import Testing
@testable import TextMill

/// The short lines between the start of the article's container and its first paragraph (a
/// byline, a dateline, a standfirst without a stop) are the article's header: they stay, as a
/// reader reads them with the story. Short lines far after the text still go.
@Suite struct CleanupArticleHeaderTests {
    static let page = """
        <html><head><title>Ferry timetable changes - Harbour Weekly</title></head><body>
        <div class="menu"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></div>
        <div class="story">
        <p>By Ada Lindqvist</p>
        <p>Tuesday 4 March 2025, 09:15</p>
        <p>Winter sailings end a fortnight early this year</p>
        <p>The harbour board said on Monday that the last winter ferry to the outer islands will now leave on the first weekend of March, two weeks earlier than in past years.</p>
        <p>Islanders who rely on the crossing for school and work told the board that the change left them with no way to reach the mainland on weekday mornings.</p>
        <p>The board said a smaller boat would run twice a day until the summer timetable begins, and that fares would stay the same for residents.</p>
        </div>
        <div class="footer-wrap"><div><div><p>Printed from the archive</p></div></div></div>
        </body></html>
        """

    @Test func bylineDatelineAndStandfirstStay() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.page)
        expectEqual(doc.string, """
            By Ada Lindqvist

            Tuesday 4 March 2025, 09:15

            Winter sailings end a fortnight early this year

            The harbour board said on Monday that the last winter ferry to the outer islands will now leave on the first weekend of March, two weeks earlier than in past years.

            Islanders who rely on the crossing for school and work told the board that the change left them with no way to reach the mainland on weekday mornings.

            The board said a smaller boat would run twice a day until the summer timetable begins, and that fares would stay the same for residents.
            """)
        CleanupFixtures.expectParagraphConvention(doc)
    }
}
