import Foundation
import Testing
@testable import TextMill

/// Lists of teasers written as a linked headline and a summary in two blocks (`<dt>`/`<dd>`,
/// `<li><a>…</a><p>…</p></li>`) point to other pages: their summaries do not make the list's
/// wrapper look like the article.
@Suite struct CleanupTeaserListTests {
    @Test func headlineAndSummaryPairsDoNotJoinTheArticle() throws {
        let html = """
            <html><body><div class="page">
            <div class="story">
            <p>The harbour ferry will run every twenty minutes from June, the port authority said on Tuesday, after two new boats passed their sea trials.</p>
            <p>The older boats will be kept as reserves for the summer weekends, when the queues at the pier are longest.</p>
            </div>
            <dl class="more">
            <dt><a href="/a">Bridge repairs close the east road</a></dt>
            <dd>Drivers will need to use the coast road for three weeks while the old bridge gets new bearings.</dd>
            <dt><a href="/b">School choir wins the regional cup</a></dt>
            <dd>Forty pupils sang in the final in the cathedral, beating eleven other schools from the region.</dd>
            <dt><a href="/c">Market hall to reopen in autumn</a></dt>
            <dd>The hall has been closed since the storm in March, when part of its glass roof fell in.</dd>
            </dl>
            </div></body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        #expect(doc.string == "The harbour ferry will run every twenty minutes from June, the port authority said on Tuesday, after two new boats passed their sea trials.\n\nThe older boats will be kept as reserves for the summer weekends, when the queues at the pier are longest.")
    }

    @Test func twoRelatedLinksInsideTheTextAreNotATeaserList() throws {
        // Fewer than three headline + summary pairs: the paragraphs after a linked line stay prose.
        let html = """
            <html><body><div class="story">
            <p>The harbour ferry will run every twenty minutes from June, the port authority said on Tuesday.</p>
            <p><a href="/a">Read more about the new ferry boats</a></p>
            <p>The older boats will be kept as reserves for the summer weekends, when the queues are longest.</p>
            <p><a href="/b">See the timetable for the summer season</a></p>
            <p>Tickets will cost the same as last year, and children under five travel free.</p>
            </div></body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        #expect(doc.string == "The harbour ferry will run every twenty minutes from June, the port authority said on Tuesday.\n\nThe older boats will be kept as reserves for the summer weekends, when the queues are longest.\n\nTickets will cost the same as last year, and children under five travel free.")
    }
}

/// Teasers whose headline and summary sit in a wrapper of their own inside the list item, with
/// a source line beside them (`<li><div><h3><a>…</a></h3><p>…</p></div><span>…</span></li>`):
/// the list is found above the wrappers.
@Suite struct CleanupWrappedTeaserTests {
    @Test func wrappedHeadlineAndSummaryPairsDoNotJoinTheArticle() throws {
        func item(_ path: String, _ headline: String, _ summary: String) -> String {
            """
            <li class="item"><a href="/\(path)"><img src="/\(path).jpg" alt=""></a>
            <div class="text"><div class="clip"><h3><a href="/\(path)">\(headline)</a></h3><p>\(summary)</p></div>
            <div class="source"><span>Harbour Times</span></div></div></li>
            """
        }
        let html = """
            <html><body><div class="page">
            <div class="story">
            <p>The harbour ferry will run every twenty minutes from June, the port authority said on Tuesday, after two new boats passed their sea trials.</p>
            <p>The older boats will be kept as reserves for the summer weekends, when the queues at the pier are longest.</p>
            </div>
            <h2>Recommended</h2>
            <ul class="stream">
            \(item("a", "Bridge repairs close the east road", "Drivers will need to use the coast road for three weeks while the old bridge gets new bearings."))
            \(item("b", "School choir wins the regional cup", "Forty pupils sang in the final in the cathedral, beating eleven other schools from the region."))
            \(item("c", "Market hall to reopen in autumn", "The hall has been closed since the storm in March, when part of its glass roof fell in."))
            </ul>
            </div></body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        #expect(doc.string == "The harbour ferry will run every twenty minutes from June, the port authority said on Tuesday, after two new boats passed their sea trials.\n\nThe older boats will be kept as reserves for the summer weekends, when the queues at the pier are longest.")
    }
}
