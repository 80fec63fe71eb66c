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
        expectEqual(doc.string, "The harbour ferry will run every twenty minutes from June, the port authority said on Tuesday, after two new boats passed their sea trials.\n\nThe older boats will be kept as reserves for the summer weekends, when the queues at the pier are longest.")
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
        expectEqual(doc.string, "The harbour ferry will run every twenty minutes from June, the port authority said on Tuesday.\n\nThe older boats will be kept as reserves for the summer weekends, when the queues are longest.\n\nTickets will cost the same as last year, and children under five travel free.")
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
        expectEqual(doc.string, "The harbour ferry will run every twenty minutes from June, the port authority said on Tuesday, after two new boats passed their sea trials.\n\nThe older boats will be kept as reserves for the summer weekends, when the queues at the pier are longest.")
    }
}

/// Teasers whose headline is a heading with a kicker before the linked title (`<h4><strong>Kicker
/// </strong> <a>Title</a></h4>`, half the heading in the link), and teasers whose summary ends in
/// a "Read more…" link to the rest of the story: both point to other pages, so they do not make
/// the page's wrapper look like the article.
@Suite struct CleanupTeaserSummaryTests {
    @Test func kickerHeadlinesOverSummariesDoNotJoinTheArticle() throws {
        func item(_ path: String, _ kicker: String, _ headline: String, _ summary: String) -> String {
            """
            <div class="story-block">
            <h4 class="heading"><strong class="kicker">\(kicker)</strong> <a href="/opinion/\(path)">\(headline)</a></h4>
            <a href="/opinion/\(path)" class="thumb-link"><img src="/img/\(path).jpg" alt=""></a>
            <p class="standfirst"><span class="article-info"><em class="byline">\(path.uppercased()) </em></span> \(summary)</p>
            <div class="storyblock-footer"><span class="share"></span></div>
            </div>
            """
        }
        let html = """
            <html><head><title>Council backs the harbour plan | Opinion</title></head><body>
            <div id="page">
            <div class="article">
            <h1>Council backs the harbour plan</h1>
            <p>The council voted on Tuesday night to back the harbour plan, after three hours of debate and a petition signed by four thousand residents.</p>
            <p>The plan moves the ferry pier two hundred metres east, away from the river mouth, where silt has closed the old berth twice this winter.</p>
            <p>Work could start in the spring if the port authority signs the contract before the end of January, the mayor said.</p>
            </div>
            <div class="group">
            <div class="group-header"><h2 class="heading">Other opinion columns</h2></div>
            \(item("rees", "Fair shares", "Ferry fares should fall too", "The new pier will save the operator money, and the people who use the ferry every day should see some of it."))
            \(item("okafor", "Old town", "Keep the market where it is", "Moving the Saturday market to the new quay would empty the old town on the one day its shops are busy."))
            \(item("lund", "Silt and sense", "Dredging was never the answer", "Twenty years of dredging the river mouth cost more than the new pier will, and the silt came back every spring."))
            </div>
            </div></body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "The council voted on Tuesday night to back the harbour plan, after three hours of debate and a petition signed by four thousand residents.\n\nThe plan moves the ferry pier two hundred metres east, away from the river mouth, where silt has closed the old berth twice this winter.\n\nWork could start in the spring if the port authority signs the contract before the end of January, the mayor said.")
    }

    @Test func summariesEndingInReadMoreDoNotJoinTheArticle() throws {
        func item(_ path: String, _ headline: String, _ summary: String, _ date: String) -> String {
            """
            <li>
            <h3>\(headline)</h3>
            <p class="text">\(summary) <a href="/whatsnew/detail/\(path)">Read more...</a> </p>
            <p class="date">\(date)</p>
            </li>
            """
        }
        let html = """
            <html><body><div id="content">
            <div id="primary">
            <h2>Harbour ferry timetable for the winter</h2>
            <p>2024-11-07</p>
            <p>The harbour ferry will keep its summer timetable until the end of November, the operator said on Thursday, after the new boats cut the crossing to eleven minutes.</p>
            <p>From December the first sailing leaves at six in the morning and the last at ten at night, with an extra boat on market days.</p>
            <p>Season tickets bought before the change stay valid, and children under five still travel free.</p>
            </div>
            <div id="secondary"><h3> </h3><ul>
            \(item("a1", "Bridge repairs close the east road", "Drivers will need to use the coast road for three weeks while the old bridge gets new bearings.", "2024-11-05"))
            \(item("b2", "School choir wins the regional cup", "Forty pupils sang in the final in the cathedral, beating eleven other schools from the region.", "2024-11-04"))
            \(item("c3", "Market hall to reopen in autumn", "The hall has been closed since the storm in March, when part of its glass roof fell in.", "2024-11-01"))
            </ul></div>
            </div></body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "Harbour ferry timetable for the winter\n\n2024-11-07\n\nThe harbour ferry will keep its summer timetable until the end of November, the operator said on Thursday, after the new boats cut the crossing to eleven minutes.\n\nFrom December the first sailing leaves at six in the morning and the last at ten at night, with an extra boat on market days.\n\nSeason tickets bought before the change stay valid, and children under five still travel free.")
    }

    @Test func aSentenceThatEndsInReadOnOutsideItsLinkStays() throws {
        // "read on" closes the paragraph's own sentence, not its link: the paragraph is prose.
        let links = ReadMoreLinks(parsing: CleanupLexicon.readMoreLinks)
        let sentence = Array("The council has published the plans online and asks every resident to read on.".utf8)
        let summary = Array("The hall has been closed since the storm in March. Read more...".utf8)
        sentence.withUnsafeBufferPointer { t in
            #expect(!links.endsBlock(t, start: 0, end: t.count, link: 16..<42))
            #expect(links.endsBlock(t, start: 0, end: t.count, link: 70..<t.count))
        }
        summary.withUnsafeBufferPointer { t in
            #expect(links.endsBlock(t, start: 0, end: t.count, link: 51..<t.count))
            #expect(!links.endsBlock(t, start: 0, end: t.count, link: 0..<0))
            // A link that holds only part of the phrase ("more...") is not a link to the rest of the story.
            #expect(!links.endsBlock(t, start: 0, end: t.count, link: 56..<t.count))
        }
    }
}
