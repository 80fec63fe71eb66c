import Foundation
import Testing
@testable import TextMill

/// Page tools and labels standing as lines of their own inside the article ("Text size",
/// "Page 1 of 1", a pull quote's "Start quote" mark, "Article tools", "Search") are
/// boilerplate lines: they go wherever they stand.
@Suite struct CleanupPageToolLinesTests {
    @Test func pageToolLinesInsideTheArticleGo() throws {
        let html = """
            <html><head><title>Library to open on Sundays from June</title></head><body>
            <div class="story">
            <div>Text size</div>
            <div>Page 1 of 1</div>
            <p>The central library will open on Sundays from the first week of June, the council said on Tuesday, after a trial last winter drew more than a thousand visitors a day.</p>
            <p>Sunday hours will be from eleven until four, and the children's floor will run story sessions every hour, paid for by a grant from the county arts fund.</p>
            <div>Start quote</div>
            <p>We were surprised how many families came in on a Sunday morning, said the head librarian.</p>
            <p>The council will decide in the autumn whether the branch libraries should follow, once it has the figures for the summer.</p>
            <div>Article tools</div>
            <div>Search</div>
            </div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        // Before: all five tool lines stayed (two as the article's header, one between its
        // paragraphs, two near its end).
        #expect(doc.string == "The central library will open on Sundays from the first week of June, the council said on Tuesday, after a trial last winter drew more than a thousand visitors a day.\n\nSunday hours will be from eleven until four, and the children's floor will run story sessions every hour, paid for by a grant from the county arts fund.\n\nWe were surprised how many families came in on a Sunday morning, said the head librarian.\n\nThe council will decide in the autumn whether the branch libraries should follow, once it has the figures for the summer.")
    }
}
