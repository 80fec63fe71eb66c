import Foundation
import Testing
@testable import TextMill

/// When no block scores as much prose (a short post in short lines), the element the page names
/// as the article wins over a site-wide blurb that is only longer.
@Suite struct CleanupWeakChoiceTests {
    @Test func shortPostInLinesWinsOverTheAuthorBlurb() throws {
        let html = """
            <html><body>
            <div class="wrap"><div class="post-body entry-content">
            <div>Dear all,</div>
            <div>The garden club meets on Saturday</div>
            <div>Place: the old barn</div>
            <div>Bring gloves and a flask</div>
            <div>Hope to see you there</div>
            </div></div>
            <div class="side"><div>Thanks for stopping by my little corner of the web. By day I draw maps for a living, and at night I grow far too many tomatoes for one household.</div></div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        #expect(doc.string == "Dear all,\n\nThe garden club meets on Saturday\n\nPlace: the old barn\n\nBring gloves and a flask\n\nHope to see you there")
    }

    @Test func aRealArticleStillBeatsANamedShortBox() throws {
        // The choice is not weak: the prose wins even though the box's class names a post.
        let html = """
            <html><body>
            <div class="post-body entry-content"><div>Posted in gardening</div><div>Three comments so far</div></div>
            <div>
            <p>The garden club met on Saturday in the old barn, where thirty members planted the new herb beds before lunch.</p>
            <p>The club's chair said the beds would supply the village kitchen with parsley, mint and chives all summer long.</p>
            <p>Next month the members will build a shelter for the tools, paid for by the spring plant sale.</p>
            <p>New members are welcome at any meeting, and no experience of gardening is needed to join the club.</p>
            </div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        #expect(doc.string.hasPrefix("The garden club met on Saturday"))
        #expect(!doc.string.contains("Posted in gardening"))
    }
}
