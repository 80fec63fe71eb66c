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
        expectEqual(doc.string, "The central library will open on Sundays from the first week of June, the council said on Tuesday, after a trial last winter drew more than a thousand visitors a day.\n\nSunday hours will be from eleven until four, and the children's floor will run story sessions every hour, paid for by a grant from the county arts fund.\n\nWe were surprised how many families came in on a Sunday morning, said the head librarian.\n\nThe council will decide in the autumn whether the branch libraries should follow, once it has the figures for the summer.")
    }

    @Test func galleryAndAdvertLinesInsideTheArticleGo() throws {
        let html = """
            <html><head><title>Lighthouse keepers' cottages open to visitors</title></head><body>
            <div class="article-body">
            <p>The three keepers' cottages at the foot of the old lighthouse will open to visitors from Easter, the heritage trust said, after a restoration that took four winters.</p>
            <div>Gallery</div>
            <p>Volunteers stripped seven layers of paint from the kitchen walls and found the keepers' pencilled tide notes from the 1920s, which have been left on show behind glass.</p>
            <div>Advert</div>
            <p>Tickets will be sold at the gate only, and the trust asks visitors to come by the coastal bus, as the lane to the headland has room for a handful of cars.</p>
            </div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        // Before: "Gallery" (a slideshow's label) and "Advert" (an ad slot's label) stayed
        // between the paragraphs.
        expectEqual(doc.string, "The three keepers' cottages at the foot of the old lighthouse will open to visitors from Easter, the heritage trust said, after a restoration that took four winters.\n\nVolunteers stripped seven layers of paint from the kitchen walls and found the keepers' pencilled tide notes from the 1920s, which have been left on show behind glass.\n\nTickets will be sold at the gate only, and the trust asks visitors to come by the coastal bus, as the lane to the headland has room for a handful of cars.")
    }
}
