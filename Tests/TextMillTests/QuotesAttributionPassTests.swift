import Foundation
import Testing
@testable import TextMill

/// Two passes of quotation attribution whose tables changed for speed (issue 17): the pieces of
/// one quotation share its speaker (`inheritSpeakers`, a table by quotation), and a paragraph
/// ending in a colon introduces the quotation that opens the next one (`addBlockQuotations`,
/// which makes its table only when some paragraph ends in a colon). The full quote lists are
/// pinned, with a colon and without, at several sizes.
@Suite struct QuotesAttributionPassTests {
    /// One story: a quotation in three pieces over two paragraphs, then a colon introduction.
    static let story = """
        “The bridge will reopen in March,” Mayor Lena Ortiz said on Monday. “Crews have worked through the winter.

        “We owe the commuters an apology, and we will keep the ferry free until then.”

        The council members said:

        “We approved the money for the repairs in December.”
        """

    /// Each quote as kind, quoted words, speaker and cue.
    func quotes(_ text: String) throws -> [String] {
        var doc = Document(id: "story", text: text)
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        try QuotesStage(options: .defaults(QuotesStage.options)).process(&doc, &context)
        return (doc.quotes ?? []).map { q in
            "\(q.kind.rawValue) [\(doc.string(q.span))] speaker=\(q.speaker.map { doc.string($0.span) } ?? "-") cue=\(q.cue.map { doc.string($0.span) } ?? "-")"
        }
    }

    static let expected = [
        "direct [The bridge will reopen in March,] speaker=Lena Ortiz cue=said",
        "direct [Crews have worked through the winter.] speaker=Lena Ortiz cue=-",
        "direct [We owe the commuters an apology, and we will keep the ferry free until then.] speaker=Lena Ortiz cue=-",
        "direct [We approved the money for the repairs in December.] speaker=The council members cue=said",
    ]

    @Test func piecesShareTheirSpeakerAndAColonIntroducesTheNextQuotation() throws {
        expectEqual(try quotes(Self.story), Self.expected)
    }

    /// The story repeated (1, 4 and 16 times): every copy reads as the first.
    @Test(arguments: [1, 4, 16]) func everyCopyOfTheStoryReadsTheSame(copies: Int) throws {
        let text = Array(repeating: Self.story, count: copies).joined(separator: "\n\n")
        expectEqual(try quotes(text), Array([[String]](repeating: Self.expected, count: copies).joined()))
    }

    /// Without the colon the last paragraph's quotation has no introduction and no cue: it
    /// takes the last speaker of the paragraphs before it (the pieces above keep theirs).
    @Test func withoutAColonNoParagraphIntroducesTheNext() throws {
        let text = Self.story.replacingOccurrences(of: "The council members said:", with: "The council members met.")
        expectEqual(try quotes(text), Array(Self.expected.prefix(3))
            + ["direct [We approved the money for the repairs in December.] speaker=Lena Ortiz cue=-"])
    }
}
