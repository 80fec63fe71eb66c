import Testing
@testable import TextMill

/// The quotes stage's shared machinery after the speed work of issues 14 and 17: the lexicon is
/// held by reference by the extractor, each document's analysis and its tokenizer
/// (`SharedQuotesLexicon`), and a bare surname is matched to the full name on the text's bytes
/// (`SpeakerResolver.fullName`). Whole quote lists are pinned on text written for these tests.
@Suite struct QuotesSharedMachineryTests {
    static func lines(_ extractor: QuoteExtractor, _ text: String) throws -> [String] {
        var doc = Document(id: "t", text: text)
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        let quotes = extractor.quotes(in: doc.text, paragraphs: doc.paragraphs ?? [], sentences: doc.sentences ?? [])
        return quotes.map { q in
            let who = q.speaker.map { s in s.entity.flatMap(\.name) ?? doc.string(s.span) } ?? "-"
            let from = q.speaker?.resolvedFrom.map { doc.string($0) } ?? "-"
            return "\(q.kind.rawValue) | \(doc.string(q.span)) | \(who) | \(from) | \(q.cue.map { doc.string($0.span) } ?? "-")"
        }
    }

    static let messaged = """
    “The ferry will not sail before noon,” the harbour master messaged.

    The skipper messaged that the nets were in and the crew was ashore.
    """

    /// An extractor keeps the lexicon it was given (with a config's additions) for every
    /// document it reads, through reused buffers; one built with the standard lexicon does not
    /// know the added verb.
    @Test func anExtendedLexiconServesEveryDocumentOfItsExtractor() throws {
        let extended = try QuotesLexicon(extra: ["reporting_verbs": ["message messages messaged messaging"]])
        let extractor = QuoteExtractor(lexicon: extended)
        expectEqual(extractor.lexicon.table.count, extended.table.count)
        let expected = [
            "direct | The ferry will not sail before noon, | harbour master | - | messaged",
            "indirect | the nets were in and the crew was ashore | skipper | - | messaged",
        ]
        for _ in 0..<3 { expectEqual(try Self.lines(extractor, Self.messaged), expected) }
        #expect(try !Self.lines(QuoteExtractor(), Self.messaged).contains(expected[1]))
    }

    /// A bare surname takes the full name of an earlier speaker or of a person named earlier,
    /// with or without a possessive ending, and never the name of someone whose surname only
    /// starts the same ("Brand" is not "Brandt").
    @Test func bareSurnamesMatchWholeWordsOnly() throws {
        let text = """
        Deputy Mayor Lena Brandt opened the meeting on the harbour budget. Councillor Tom Brand sat beside her.

        “We cannot pay for both bridges this year,” Brandt said.

        “The old bridge comes first,” said Mara Olsen, the treasurer. “Everything else can wait,” Olsen said.

        “I disagree with the order,” Brand said.
        """
        expectEqual(try Self.lines(QuoteExtractor(), text), [
            "direct | We cannot pay for both bridges this year, | Lena Brandt | Brandt | said",
            "direct | The old bridge comes first, | Mara Olsen | - | said",
            "direct | Everything else can wait, | Mara Olsen | Olsen | said",
            "direct | I disagree with the order, | Tom Brand | Brand | said",
        ])
    }
}
