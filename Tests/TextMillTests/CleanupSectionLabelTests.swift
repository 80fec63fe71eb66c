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
        #expect(doc.string == "The allotment society has opened its waiting list again after three years, with forty new plots on the old railway land.\n\nPlots cost twenty pounds a year, and the society lends tools to new members for their first season.")
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
