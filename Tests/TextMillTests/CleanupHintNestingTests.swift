import Foundation
import Testing
@testable import TextMill

/// A generic positive class word (`entry`, `post-text`) inside a boilerplate box does not make
/// that part of the box content again: reader comments written as "entries" stay out.
@Suite struct CleanupHintNestingTests {
    @Test func commentEntriesStayOutsideTheArticle() throws {
        let html = """
            <html><body><div class="main">
            <div class="story">
            <p>The river festival returns to the old quay this weekend, with boat races on Saturday and a lantern parade on Sunday evening.</p>
            <p>Organisers expect twenty thousand visitors and ask people to come by bus, as the quay car park will be closed.</p>
            </div>
            <div class="comments">
            <div class="entry"><p>We went last year and the lantern parade was the best part of it, though the boat races were cancelled because of the wind on the river that afternoon, and the buses back into town were so full that we walked the whole way home along the towpath in the dark.</p></div>
            </div>
            </div>
            <div class="about"><p>The Quay Weekly is written by volunteers from the harbour district and printed every Thursday.</p></div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "The river festival returns to the old quay this weekend, with boat races on Saturday and a lantern parade on Sunday evening.\n\nOrganisers expect twenty thousand visitors and ask people to come by bus, as the quay car park will be closed.")
    }

    @Test func aStrongArticleHintInsideANegativeBoxStillCounts() throws {
        // `article-body` is more than one generic word: it names the article even inside a box
        // whose class is negative.
        let html = """
            <html><body>
            <div class="promo-layout"><div class="article-body">
            <p>The river festival returns to the old quay this weekend, with boat races on Saturday and a lantern parade on Sunday evening.</p>
            </div></div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "The river festival returns to the old quay this weekend, with boat races on Saturday and a lantern parade on Sunday evening.")
    }
}
