import Foundation
import Testing
@testable import TextMill

/// Comments and related-stories labels decorated with a mark ("Comments »", "› More stories"),
/// the mark often a link of its own, still end the article.
@Suite struct CleanupSectionLabelTests {
    @Test func aLabelWithALinkedMarkEndsTheArticle() throws {
        let html = """
            <html><body><div class="post">
            <p>The allotment society has opened its waiting list again after three years, with forty new plots on the old railway land.</p>
            <p>Plots cost twenty pounds a year, and the society lends tools to new members for their first season.</p>
            <h3>Comments<a href="#reply">»</a></h3>
            <ol>
            <li>1. Ruth - May 2, 2024</li>
            <li>About time too, we have waited on that list since the spring of 2021 and never heard a word.</li>
            <li>2. Omar - May 2, 2024</li>
            <li>Does the society still run the seed swap in the autumn, or has that stopped now?</li>
            </ol>
            </div></body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "The allotment society has opened its waiting list again after three years, with forty new plots on the old railway land.\n\nPlots cost twenty pounds a year, and the society lends tools to new members for their first season.")
    }

    @Test func decorationMarksAreLeftOutOfTheLabelKey() throws {
        let ends = try SectionEnds(parsing: CleanupLexicon.sectionEnds, origin: "built-in section ends")
        #expect(ends.starts(Array("Comments »".utf8)[...]))
        #expect(ends.starts(Array("› More stories ▼".utf8)[...]))
        #expect(ends.starts(Array("— Related articles —".utf8)[...]))
        // Letters of other scripts stay: this is not the English label.
        #expect(!ends.starts(Array("Comments é".utf8)[...]))
    }
}

/// More labels seen under articles: a list of the latest reader comments, a slideshow or stream
/// of other stories "Also on" the same site.
@Suite struct CleanupMoreSectionLabelTests {
    @Test func recentCommentsAndAlsoOnLabelsAreSectionEnds() throws {
        let ends = try SectionEnds(parsing: CleanupLexicon.sectionEnds, origin: "built-in section ends")
        for label in ["Most Recent Reader Comments:", "Recent comments", "Latest Comments", "Also on Harbour Daily:"] {
            #expect(ends.starts(Array(label.utf8)[...]), "\(label)")
        }
        #expect(!ends.starts(Array("Recently".utf8)[...]))
    }

    @Test func anAlsoOnLabelEndsTheArticle() throws {
        let html = """
            <html><body><div class="entry">
            <p>The lighthouse on the north mole will be painted red and white again this summer, the harbour trust said on Friday.</p>
            <p>Volunteers stripped the old paint in the spring, and the trust raised the money for the work at its winter fair.</p>
            <p>Also on Harbour Daily:</p>
            <div class="slideshow"><h3>Ten harbours worth the drive</h3><p>From the tiny quay at Porthcove to the old naval basin, these are the harbours our readers love to visit on a summer weekend.</p></div>
            </div></body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "The lighthouse on the north mole will be painted red and white again this summer, the harbour trust said on Friday.\n\nVolunteers stripped the old paint in the spring, and the trust raised the money for the work at its winter fair.")
    }
}

/// A comments or related-stories label ends the article only where the article's prose has
/// begun: a label in a panel above the article, before nearly all of its prose, does not.
@Suite struct CleanupSectionLabelPlaceTests {
    @Test func aLabelAboveTheArticleDoesNotEndIt() throws {
        let html = """
            <html><body><div class="page">
            <div class="panel"><p>No blogs are active for this topic.</p>
            <p>Related Stories:</p>
            <ul><li><a href="/a">Ferry fares to rise in spring</a></li><li><a href="/b">New pier opens at the harbour</a></li></ul></div>
            <p>The harbour ferry will run every twenty minutes from June, the port authority said on Tuesday, after two new boats passed their sea trials.</p>
            <p>The older boats will be kept as reserves for the summer weekends, when the queues at the pier are longest and the crossing takes longer.</p>
            <p>Fares will stay the same until the end of the year, the authority said, although fuel costs have risen by a third since the spring.</p>
            <p>The new timetable will be published on the authority's website and at the pier two weeks before the first of the new crossings.</p>
            <p>Both new boats were built at the yard across the bay, the first ferries it has launched in forty years, and each carries three hundred people.</p>
            </div></body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        // Before: the panel's line alone (the label ended the article before it began).
        expectEqual(doc.string, "No blogs are active for this topic.\n\nThe harbour ferry will run every twenty minutes from June, the port authority said on Tuesday, after two new boats passed their sea trials.\n\nThe older boats will be kept as reserves for the summer weekends, when the queues at the pier are longest and the crossing takes longer.\n\nFares will stay the same until the end of the year, the authority said, although fuel costs have risen by a third since the spring.\n\nThe new timetable will be published on the authority's website and at the pier two weeks before the first of the new crossings.\n\nBoth new boats were built at the yard across the bay, the first ferries it has launched in forty years, and each carries three hundred people.")
    }
}

/// A related-stories label heading a box of links floated between two paragraphs ends only
/// that box: the article goes on after it when paragraphs of prose follow beside the box.
@Suite struct CleanupLinkBoxLabelTests {
    static let opening = """
        <html><body><div class="story">
        <p>The county council has approved a second bridge over the river at Millford, ending a dispute that has run for eleven years.</p>
        <p>Traffic on the old stone bridge has doubled since the bypass opened, and lorries now queue through the town centre every morning.</p>
        <div class="float-box"><h3>Related stories</h3>
        <ul><li><a href="/a">Millford bypass opens two months late</a></li><li><a href="/b">Stone bridge to close for repairs in May</a></li><li><a href="/c">Council delays vote on river crossing</a></li></ul></div>
        """

    @Test func theArticleGoesOnAfterABoxOfLinks() throws {
        let html = Self.opening + """
            <p>The new crossing will carry two lanes and a cycle path, and should open in the spring of 2027, the council said.</p>
            <p>Residents of the riverside streets had argued for a tunnel instead, but the cost was put at three times that of a bridge.</p>
            </div></body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        // Before: the label ended the article, and the last two paragraphs were lost.
        expectEqual(doc.string, "The county council has approved a second bridge over the river at Millford, ending a dispute that has run for eleven years.\n\nTraffic on the old stone bridge has doubled since the bypass opened, and lorries now queue through the town centre every morning.\n\nThe new crossing will carry two lanes and a cycle path, and should open in the spring of 2027, the council said.\n\nResidents of the riverside streets had argued for a tunnel instead, but the cost was put at three times that of a bridge.")
    }

    @Test func oneLineAfterTheBoxDoesNotContinueTheArticle() throws {
        // A footer line after the list is not the article going on: the label still ends it.
        let html = Self.opening + """
            <p>This entry was posted on Monday, May 6th, 2024 and is filed under Transport and Local News.</p>
            </div></body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "The county council has approved a second bridge over the river at Millford, ending a dispute that has run for eleven years.\n\nTraffic on the old stone bridge has doubled since the bypass opened, and lorries now queue through the town centre every morning.")
    }

    @Test func aCommentsLabelOverCommentsStillEndsTheArticle() throws {
        // The box under the label holds prose (the comments), so it is no box of links.
        let html = """
            <html><body><div class="story">
            <p>The county council has approved a second bridge over the river at Millford, ending a dispute that has run for eleven years.</p>
            <p>Traffic on the old stone bridge has doubled since the bypass opened, and lorries now queue through the town centre every morning.</p>
            <div><h3>3 Comments</h3>
            <p>About time, I have sat in that queue every morning for years and it only gets worse each winter.</p>
            <p>A tunnel would have been better for the riverside streets, whatever the council says about the cost.</p></div>
            <p>Have your say on the plans at the library until the end of June, where the drawings are on show.</p>
            <p>The council will answer questions at a public meeting in the town hall on the first Monday of June.</p>
            </div></body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "The county council has approved a second bridge over the river at Millford, ending a dispute that has run for eleven years.\n\nTraffic on the old stone bridge has doubled since the bypass opened, and lorries now queue through the town centre every morning.")
    }
}
