import Foundation
import Testing
@testable import TextMill

/// A block that starts with a link is a teaser (a linked headline, then its summary) unless the
/// sentence runs on past the link: a link ending in a comma or semicolon is the start of a
/// sentence of the article's own prose.
@Suite struct CleanupLeadingLinkTests {
    @Test func paragraphStartingWithALinkedClauseIsProse() throws {
        let html = """
            <html><body>
            <div class="story">
            <p><a href="https://harbour.example/notice">The harbour board confirmed on Tuesday,</a> after weeks of rumours among the fishing crews, that the old ferry pier will close for repairs in March.</p>
            <p>Engineers found that two of the oak piles had rotted through below the waterline during the winter storms.</p>
            <p>The ferry will use the fish quay while the work lasts, and the timetable will not change.</p>
            </div>
            <ul class="more">
            <li><a href="/a">Lighthouse keepers recall the great storm</a> Three former keepers share their memories of the night.</li>
            <li><a href="/b">New fish market opens on the quay</a> Traders moved in on Monday after two years of delays.</li>
            </ul>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, """
            The harbour board confirmed on Tuesday, after weeks of rumours among the fishing crews, that the old ferry pier will close for repairs in March.

            Engineers found that two of the oak piles had rotted through below the waterline during the winter storms.

            The ferry will use the fish quay while the work lasts, and the timetable will not change.
            """)
        CleanupFixtures.expectParagraphConvention(doc)
    }

    @Test func linkedHeadlineThenSummaryStaysATeaser() throws {
        // The same first paragraph with its link ending at a full headline: a teaser, so the
        // article starts at the first paragraph of its own.
        let html = """
            <html><body>
            <div class="story">
            <p><a href="https://harbour.example/notice">Harbour board to close the old ferry pier</a> The pier will shut for repairs in March, the board says in a notice to crews.</p>
            <p>Engineers found that two of the oak piles had rotted through below the waterline during the winter storms.</p>
            <p>The ferry will use the fish quay while the work lasts, and the timetable will not change.</p>
            </div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, """
            Engineers found that two of the oak piles had rotted through below the waterline during the winter storms.

            The ferry will use the fish quay while the work lasts, and the timetable will not change.
            """)
    }

    @Test func sentenceRunsPastLinkLooksAtTheLinksLastMark() {
        func runsOn(_ s: String, link: Int) -> Bool {
            let bytes = Array(s.utf8)
            return bytes.withUnsafeBufferPointer { ContentExtractor.sentenceRunsPastLink($0, 0, link, bytes.count) }
        }
        #expect(runsOn("Officials said on Monday, that it was over.", link: 25))
        #expect(runsOn("One town voted yes; the other voted no.", link: 19))
        #expect(runsOn("Officials said on Monday , that it was over.", link: 26))
        #expect(!runsOn("Harbour board to close pier The pier shuts.", link: 27))
        #expect(!runsOn("Harbour board to close pier. The pier shuts.", link: 28))
    }

    @Test func openingSentenceWhoseSubjectIsALinkStays() throws {
        // The link is the sentence's subject (a lower-case verb follows it): it stays before
        // the article's first prose block, though it does not count as prose for the score.
        let html = """
            <html><body>
            <div class="story">
            <p><a href="https://harbour.example/board">The harbour board of the old town</a> voted on Tuesday to close the ferry pier for repairs.</p>
            <p>Engineers found that two of the oak piles had rotted through below the waterline during the winter storms.</p>
            <p>The ferry will use the fish quay while the work lasts, and the timetable will not change.</p>
            </div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, """
            The harbour board of the old town voted on Tuesday to close the ferry pier for repairs.

            Engineers found that two of the oak piles had rotted through below the waterline during the winter storms.

            The ferry will use the fish quay while the work lasts, and the timetable will not change.
            """)
    }

    @Test func callToActionAfterTheArticleStillGoes() throws {
        // The same shape after the text (a link, then a lower-case word) is a promotion: it
        // neither scores nor stays after the last prose block.
        let html = """
            <html><body>
            <div class="story">
            <p>Engineers found that two of the oak piles had rotted through below the waterline during the winter storms.</p>
            <p>The ferry will use the fish quay while the work lasts, and the timetable will not change.</p>
            </div>
            <div class="foot"><p><a href="/forum">Join the harbour forums</a> to keep talking about the ferries, and tell us your stories.</p></div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, """
            Engineers found that two of the oak piles had rotted through below the waterline during the winter storms.

            The ferry will use the fish quay while the work lasts, and the timetable will not change.
            """)
    }
}
