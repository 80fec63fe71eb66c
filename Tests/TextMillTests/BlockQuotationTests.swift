import Foundation
import Testing
@testable import TextMill

/// `<blockquote>` paragraphs reach `quotes` through cleanup, and become quotations without marks.
@Suite struct BlockQuotationTests {
    func run(_ html: String) throws -> Document {
        var doc = Document(id: "page.html", source: SourceInfo(path: "page.html", format: .html, sha256: ""),
                           text: Array(html.utf8), content: .html)
        var context = StageContext()
        for stage: any Stage in [try CleanupStage(options: .defaults(CleanupStage.options)),
                                 try NormalizeStage(options: .defaults(NormalizeStage.options)),
                                 try SentencesStage(options: .defaults(SentencesStage.options)),
                                 try QuotesStage(options: .defaults(QuotesStage.options))] {
            try stage.process(&doc, &context)
        }
        return doc
    }

    /// The sample page, with the marks taken off its block quotation.
    @Test func aBlockquoteWithoutMarksIsADirectQuotation() throws {
        var page = Repo.text("input/harbor-city-council-budget.html")
        page = page.replacingOccurrences(of: "<p>“The Old Docks flooded", with: "<p>The Old Docks flooded")
            .replacingOccurrences(of: "nobody asked us about.”</p>", with: "nobody asked us about.</p>")
        let doc = try run(page)
        let block = try #require(doc.quotes?.first { doc.string($0.span).hasPrefix("The Old Docks flooded four times last year.") })
        expectEqual(block.kind, .direct)
        #expect(doc.string(block.span).hasSuffix("a wall that nobody asked us about."))
        // Its speaker is named only after it ("That was Maria Costa, …, speaking during …"), and
        // the last speaker before it is more than two paragraphs away: unknown, not a guess.
        expectEqual(block.speaker, nil)
    }

    @Test func aBlockquoteAfterAColonIntroductionTakesThatSource() throws {
        let page = """
            <html><body><article>
            <h1>Ministry answers critics of the port reform</h1>
            <p>The transport ministry defended the reform on Monday after a week of strikes at the country's two largest ports.</p>
            <p>In a statement, the ministry said:</p>
            <blockquote><p>The reform protects every existing contract. No worker will be dismissed, and the new pay scale applies from January.</p></blockquote>
            <p>Union leaders said they would study the text before deciding whether to call off the strike.</p>
            </article></body></html>
            """
        let doc = try run(page)
        expectEqual(doc.blockquotes?.count, 1)
        let block = try #require(doc.quotes?.first { doc.string($0.span).hasPrefix("The reform protects every existing contract.") })
        expectEqual(block.kind, .direct)
        expectEqual(block.speaker.map { doc.string($0.span) }, "the ministry")
    }
}
