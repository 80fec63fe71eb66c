import Foundation
import Testing
@testable import TextMill

/// A sentence that is mostly links but still says something of its own ("Here's <a>what the
/// harbour master told the council</a> (emphasis mine):") is part of the article when it
/// stands between two of its paragraphs; a list of linked headlines there, and linked prose
/// after the last paragraph, still go.
@Suite struct CleanupLinkedProseInsideTests {
    static let page = """
        <html><body>
        <div class="post">
        <p>The harbour at Vellmar has silted up faster than anyone expected, and the ferry now waits for the tide twice a day.</p>
        <p>Here's <a href="/r/1">what the harbour master told the town council</a> (emphasis mine):</p>
        <p>We dredged the channel in spring, and by autumn the sandbanks were back where they had been before the work began.</p>
        <ul>
        <li><a href="/s/1">Ferry timetable changes for the winter season</a></li>
        <li><a href="/s/2">Council approves new budget for the harbour</a></li>
        </ul>
        <p>The council will vote next month on whether to pay for a second dredging before the summer crossings start.</p>
        <p>More: <a href="/s/all">our complete coverage of the harbour and its ferry</a> is collected on one page.</p>
        </div>
        </body></html>
        """

    @Test func linkedSentenceBetweenParagraphsStays() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.page)
        expectEqual(doc.string, """
            The harbour at Vellmar has silted up faster than anyone expected, and the ferry now waits for the tide twice a day.

            Here's what the harbour master told the town council (emphasis mine):

            We dredged the channel in spring, and by autumn the sandbanks were back where they had been before the work began.

            The council will vote next month on whether to pay for a second dredging before the summer crossings start.
            """)
        CleanupFixtures.expectParagraphConvention(doc)
    }

    @Test func fewWordsOutsideTheLinkStayNavigation() throws {
        // "Read <a>…</a> here." holds too few words of its own: a pointer, not a sentence.
        let html = Self.page.replacingOccurrences(of: "Here's <a href=\"/r/1\">what the harbour master told the town council</a> (emphasis mine):",
                                                  with: "Read <a href=\"/r/1\">what the harbour master told the town council</a> here.")
        let doc = try CleanupFixtures.cleanHTML(html)
        #expect(!doc.string.contains("harbour master told"))
        #expect(doc.string.contains("We dredged the channel"))
    }
}
