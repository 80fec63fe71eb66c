import Foundation
import Testing
@testable import TextMill

/// More labels that start reader comments or other stories: "Comments are now closed …",
/// "Reader views (5)", "Top headlines", ad widgets' "Around the web"; and a label that is a line
/// of a `<br>` group (the comments written as lines of one element) still ends the article.
@Suite struct CleanupCommentLabelTests {
    @Test func moreCommentAndTeaserLabelsAreSectionEnds() throws {
        let ends = try SectionEnds(parsing: CleanupLexicon.sectionEnds, origin: "built-in section ends")
        for label in ["Comments are now closed for this story", "Reader views (5)", "TOP HEADLINES", "Around the Web", "View comments (12)",
                      "Join the conversation"] {
            #expect(ends.starts(Array(label.utf8)[...]), "\(label)")
        }
        #expect(!ends.starts(Array("Top of the league".utf8)[...]))
    }

    @Test func aClosedCommentsLineInALineGroupEndsTheArticle() throws {
        let html = """
            <html><head><title>Harbour wall repairs finished early</title></head><body>
            <div class="story">
            <p>Repairs to the east harbour wall finished two weeks early, the port authority said on Monday, after a dry spring let the crews work through most weekends.</p>
            <p>The wall was breached in the January storms, when waves carried away a twenty-metre stretch of the old stone and flooded the fish market behind it.</p>
            <p>The market will reopen on Saturday, and the authority has promised a survey of the west wall before the autumn gales begin.</p>
            <div class="talkback">Comments are now closed for this story<br>Marion K<br>Two weeks early and only three months after the storm, well done to the crews who worked every weekend.<br>Pete<br>Now do something about the parking on the quay, it has been a disgrace all winter.</div>
            </div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        // Before: the label counted as prose with the comments under it, and all of them stayed.
        expectEqual(doc.string, "Repairs to the east harbour wall finished two weeks early, the port authority said on Monday, after a dry spring let the crews work through most weekends.\n\nThe wall was breached in the January storms, when waves carried away a twenty-metre stretch of the old stone and flooded the fish market behind it.\n\nThe market will reopen on Saturday, and the authority has promised a survey of the west wall before the autumn gales begin.")
    }

    @Test func aTopHeadlinesLabelEndsTheArticle() throws {
        let html = """
            <html><head><title>Rovers sign Danish keeper on two-year deal</title></head><body>
            <div class="article">
            <div class="article-text">
            <p>Rovers have signed the Danish goalkeeper Anders Holm on a two-year deal, the club said on Wednesday, ending a search that began when their first-choice keeper retired in May.</p>
            <p>Holm, who is twenty-six, played ninety league games for Aalborg and spent last season on loan in the Dutch second division, where he kept fourteen clean sheets.</p>
            <h4>TOP HEADLINES</h4>
            <div>Cup draw: Rovers away at Ashford</div>
            <div>Youth team reaches county final</div>
            <div>Ground to get new floodlights</div>
            </div>
            </div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        // Before: the label and the three headlines stayed as short lines near the text.
        expectEqual(doc.string, "Rovers have signed the Danish goalkeeper Anders Holm on a two-year deal, the club said on Wednesday, ending a search that began when their first-choice keeper retired in May.\n\nHolm, who is twenty-six, played ninety league games for Aalborg and spent last season on loan in the Dutch second division, where he kept fourteen clean sheets.")
    }
}
