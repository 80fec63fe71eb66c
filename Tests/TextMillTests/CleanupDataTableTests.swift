import Foundation
import Testing
@testable import TextMill

/// The linked names of a data table's rows (a list of films, each with its year and plot) are
/// part of the article: a link-heavy cell in a row whose other cell holds prose stays when at
/// least three rows of the table have that shape; a menu table beside the text still goes.
@Suite struct CleanupDataTableTests {
    static let page = """
        <html><head><title>Films set in a single repeating day - The Reel Index</title></head><body>
        <table class="layout"><tr>
        <td class="menu"><a href="/">Home</a><br><a href="/lists">Lists</a><br><a href="/reviews">Reviews</a><br><a href="/about">About us</a></td>
        <td class="main">
        <h1>Films set in a single repeating day</h1>
        <p>This list collects feature films in which one or more characters live through the same stretch of time again and again, usually a single day, and remember each pass.</p>
        <p>Films in which time travel happens only once, or in which nobody notices the repetition, are listed on the general time travel page instead.</p>
        <table class="wikitable">
        <tr><th>Film</th><th>Year</th><th>Description</th></tr>
        <tr><td><a href="/film/repeat-performance">Repeat Performance</a></td><td>1947</td><td>A woman who shot her husband on New Year's Eve wishes she could live the year again, and wakes up twelve months earlier.</td></tr>
        <tr><td><a href="/film/groundhog-day">Groundhog Day</a></td><td>1993</td><td>A cynical television weatherman sent to cover a small-town festival finds himself reliving the same February day.</td></tr>
        <tr><td><a href="/film/run-lola-run">Run Lola Run</a></td><td>1998</td><td>A young woman has twenty minutes to find a large sum of money for her boyfriend, and the attempt plays out three times.</td></tr>
        <tr><td><a href="/film/naken">Naken</a></td><td>2000</td><td>On the day of his wedding a man wakes up naked in a lift, and has to live the day over until he understands why.</td></tr>
        </table>
        <p>The list is kept by volunteers; suggestions with a source for the film's plot can be sent through the contact page.</p>
        </td></tr></table>
        </body></html>
        """

    @Test func theLinkedNamesOfADataTableStay() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.page)
        // Before: every linked film name went as "links or boilerplate", leaving years and plots
        // without the films they describe.
        expectEqual(doc.string, """
            This list collects feature films in which one or more characters live through the same stretch of time again and again, usually a single day, and remember each pass.

            Films in which time travel happens only once, or in which nobody notices the repetition, are listed on the general time travel page instead.

            Film | Year | Description

            Repeat Performance | 1947 | A woman who shot her husband on New Year's Eve wishes she could live the year again, and wakes up twelve months earlier.

            Groundhog Day | 1993 | A cynical television weatherman sent to cover a small-town festival finds himself reliving the same February day.

            Run Lola Run | 1998 | A young woman has twenty minutes to find a large sum of money for her boyfriend, and the attempt plays out three times.

            Naken | 2000 | On the day of his wedding a man wakes up naked in a lift, and has to live the day over until he understands why.

            The list is kept by volunteers; suggestions with a source for the film's plot can be sent through the contact page.
            """)
    }

    @Test func twoRowsDoNotMakeADataTable() throws {
        // Only two rows pair a link with prose: too few to tell data from a layout grid.
        var html = Self.page
        for film in ["run-lola-run\">Run Lola Run", "naken\">Naken"] {
            html = html.replacingOccurrences(of: "<td><a href=\"/film/\(film)</a></td>", with: "<td>\(film.split(separator: ">").last!)</td>")
        }
        let doc = try CleanupFixtures.cleanHTML(html)
        #expect(!doc.string.contains("Repeat Performance"))
        #expect(!doc.string.contains("Groundhog Day"))
        #expect(doc.string.contains("Run Lola Run | 1998 | A young woman"))
        #expect(!doc.string.contains("Home"))
    }
}
