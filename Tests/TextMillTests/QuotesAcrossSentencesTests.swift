import Foundation
import Testing
@testable import TextMill

/// `quotes` finds a quotation of several sentences whole, with the same speaker, cue and
/// reported content, whether `sentences` split the quotation into its sentences (the default)
/// or kept it in one (`quotations: whole`).
@Suite struct QuotesAcrossSentencesTests {
    /// A flood report: a mixed quotation of two sentences inside reported speech, two direct
    /// quotations of two sentences each, and a mixed one after a speaker with a role.
    static let report = """
        Mayor Ruth Alden said that the town "had no warning at all. The river simply rose in the night," and that crews were on the way.

        "We lost the bridge. We did not lose anyone," Alden told reporters on Wednesday. "The water is going down now. We will rebuild."

        Tom Becker, a farmer near the river, said the flood was "the worst in forty years. Nobody was ready for it," and asked the state for help.
        """

    /// Runs sentences (with `sentenceOptions`) then quotes; returns the sentences and one line per quote.
    func run(_ sentenceOptions: [String: JSONValue] = [:]) throws -> (sentences: [String], quotes: [String]) {
        var doc = Document(id: "t", text: Self.report)
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options, sentenceOptions)).process(&doc, &context)
        try QuotesStage(options: .defaults(QuotesStage.options)).process(&doc, &context)
        expectEqual(doc.firstInvalidSpan(), nil)
        let quotes = (doc.quotes ?? []).map { q in
            var line = "\(q.kind.rawValue) [\(doc.string(q.span))]"
            if let s = q.speaker {
                line += " speaker=\(doc.string(s.span))"
                if let r = s.resolvedFrom { line += " from=\(doc.string(r))" }
                if let r = s.role { line += " role=\(doc.string(r))" }
            }
            if let c = q.cue { line += " cue=\(doc.string(c.span))" }
            if let c = q.content { line += " content=[\(doc.string(c))]" }
            return line
        }
        return ((doc.sentences ?? []).map(doc.string), quotes)
    }

    static let expected = [
        "mixed [had no warning at all. The river simply rose in the night,] speaker=Ruth Alden role=Mayor cue=said content=[the town \"had no warning at all. The river simply rose in the night,\" and that crews were on the way]",
        "direct [We lost the bridge. We did not lose anyone,] speaker=Ruth Alden from=Alden role=Mayor cue=told",
        "direct [The water is going down now. We will rebuild.] speaker=Ruth Alden from=Alden role=Mayor",
        "mixed [the worst in forty years. Nobody was ready for it,] speaker=Tom Becker role=a farmer near the river cue=said content=[the flood was \"the worst in forty years. Nobody was ready for it,\"]",
    ]

    @Test func multiSentenceQuotationsAreFoundWholeUnderTheDefaultSplit() throws {
        let result = try run()
        // The default splits every quotation into its sentences…
        expectEqual(result.sentences, [
            "Mayor Ruth Alden said that the town \"had no warning at all.",
            "The river simply rose in the night,\" and that crews were on the way.",
            "\"We lost the bridge.",
            "We did not lose anyone,\" Alden told reporters on Wednesday.",
            "\"The water is going down now.",
            "We will rebuild.\"",
            "Tom Becker, a farmer near the river, said the flood was \"the worst in forty years.",
            "Nobody was ready for it,\" and asked the state for help.",
        ])
        // …and quotes still reads each quotation, its speaker and its reported content whole.
        expectEqual(result.quotes, Self.expected)
    }

    @Test func wholeQuotationsGiveTheSameQuotes() throws {
        let result = try run(["quotations": "whole"])
        expectEqual(result.sentences.count, 4)
        expectEqual(result.quotes, Self.expected)
    }
}
