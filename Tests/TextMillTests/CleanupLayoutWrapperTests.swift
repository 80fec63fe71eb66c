import Foundation
import Testing
@testable import TextMill

/// A negative class on a box that holds most of the page's prose is normally a layout class
/// (`has-sidebar`); but when the article is short, a sidebar full of site blurbs holds most of
/// the prose too. The headline the page's head names, with prose under it outside the box,
/// tells the two apart.
@Suite struct CleanupLayoutWrapperTests {
    static let sidebar = """
        <div id="sidebar" class="sidebar">
        <div class="widget"><h2>About this blog</h2><div class="widget-content">Hello and welcome to Harbour Lights, a small blog about the boats, the weather and the people of our fishing town. I started writing here in the winter of my first year on the quay, when the storms kept every boat in port for a month.</div></div>
        <div class="widget"><h2>Disclaimer</h2><div class="widget-content">All photographs on this blog are my own unless a credit says otherwise. Please do not copy them without asking first. Opinions here are mine alone and not those of the harbour board or of any company named in a post.</div></div>
        </div>
        """

    @Test func shortPostUnderTheHeadlineBeatsASidebarOfBlurbs() throws {
        let html = """
            <html><head><title>New lifeboat arrives at the quay | Harbour Lights</title></head><body>
            <div id="main"><div class="post">
            <h3>New lifeboat arrives at the quay</h3>
            <div class="post-body">The new lifeboat reached the quay on Tuesday morning. Volunteers will train on it all summer.</div>
            </div></div>
            \(Self.sidebar)
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        // The post's own headline (an `<h3>` right above its body) stays with it.
        expectEqual(doc.string, "New lifeboat arrives at the quay\n\nThe new lifeboat reached the quay on Tuesday morning. Volunteers will train on it all summer.")
    }

    @Test func aLayoutWrapperBelowAHeaderKeepsItsArticle() throws {
        // The headline stands alone in a header above a wrapper whose class names the sidebar
        // it holds: the wrapper is layout, the article inside it stays.
        let html = """
            <html><head><title>Harbour dredging to start in May | Harbour Lights</title></head><body>
            <div class="page-header"><h1>Harbour dredging to start in May</h1><div>By Ann Quayle</div></div>
            <div class="layout-with-sidebar">
            <div class="story">
            <p>Dredging of the inner harbour will start in May and last about six weeks, the harbour board said on Monday.</p>
            <p>Boats that moor in the inner basin will move to the outer wall while the work goes on, at no cost to their owners.</p>
            <p>The board said the channel had silted up so much that larger boats could only come in at high tide.</p>
            </div>
            <div class="links"><a href="/a">Tides</a> <a href="/b">Moorings</a></div>
            </div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, """
            Dredging of the inner harbour will start in May and last about six weeks, the harbour board said on Monday.

            Boats that moor in the inner basin will move to the outer wall while the work goes on, at no cost to their owners.

            The board said the channel had silted up so much that larger boats could only come in at high tide.
            """)
    }

    @Test func aHeadlineBoxWithoutProseDoesNotMakeTheRestBoilerplate() throws {
        // Headline, byline and date in a box of their own; the body in a sibling under a
        // negative class that holds most of the prose: the body is still the article.
        let html = """
            <html><head><title>Fish market reopens after the fire</title></head><body>
            <div class="story">
            <div class="story-head"><h1>Fish market reopens after the fire</h1><div class="byline">By Tom Netter, March 3, 2015</div></div>
            <div id="read-more">
            <p>The fish market reopened on Saturday, four months after a fire destroyed its roof and half of the stalls.</p>
            <p>Traders said the first morning was the busiest they could remember, with queues along the whole quay.</p>
            <p>The council paid for the new roof and has promised to replace the cold store before the winter.</p>
            </div>
            </div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, """
            The fish market reopened on Saturday, four months after a fire destroyed its roof and half of the stalls.

            Traders said the first morning was the busiest they could remember, with queues along the whole quay.

            The council paid for the new roof and has promised to replace the cold store before the winter.
            """)
    }

    @Test func commentsThatOutweighTheArticleAreStillComments() throws {
        // Reader comments longer than the post hold most of the prose; the headline (under a
        // header box with its date) and its text lie outside the comments box, so the box's
        // negative class stands.
        let comment = "I walked the same path last autumn and the view from the top was worth every step of the climb, even in the rain that never seemed to stop."
        let comments = (1...5).map { "<li class=\"post-text\"><p>\($0). \(comment)</p></li>" }.joined()
        let html = """
            <html><head><title>A walk up Beacon Hill | Field Notes</title></head><body>
            <div class="article">
            <div class="title-box"><ul><li>Sat 28 Dec 2013 10:28</li></ul><h2>A walk up Beacon Hill</h2></div>
            <div class="article-body">
            <p>We climbed Beacon Hill on Saturday before the fog came in.</p>
            <p>The path is steep near the top, so take good boots.</p>
            </div>
            </div>
            <div id="comment-box"><h3>Comments (5)</h3><ul class="single-post">\(comments)</ul></div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "A walk up Beacon Hill\n\nWe climbed Beacon Hill on Saturday before the fog came in.\n\nThe path is steep near the top, so take good boots.")
    }
}
