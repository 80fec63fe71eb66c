import Testing
@testable import TextMill

/// The speaker grouping reads the people named in a text (`QuoteAnalysis.personNames`) only when
/// a speaker is a name, and builds its fuller-name lists only when a person's name has two words
/// or more; reported speech counts each quotation inside a content once. These pin whole quote
/// lists, with entity ids, on text written for these tests (the same as before the change).
@Suite struct QuotesGroupingPeopleTests {
    static func lines(_ text: String) throws -> [String] {
        var doc = Document(id: "t", text: text)
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        let quotes = QuoteExtractor().quotes(in: doc.text, paragraphs: doc.paragraphs ?? [], sentences: doc.sentences ?? [])
        return quotes.map { q in
            let who = q.speaker.map { s in (s.entity.flatMap(\.name) ?? doc.string(s.span)) + " #\(s.entity?.id ?? 0)" } ?? "-"
            return "\(q.kind.rawValue) | \(doc.string(q.span)) | \(who) | \(q.cue.map { doc.string($0.span) } ?? "-")"
        }
    }

    /// A named speaker that no pronoun or bare surname led to the people list takes the fuller
    /// name of a person named earlier in the text ("Anna Keller" is "Dr. Anna Maria Keller").
    @Test func aNamedSpeakerTakesTheFullerNameOfAPersonInTheText() throws {
        let text = """
        Dr. Anna Maria Keller, who runs the port's clinic, and Jonas Berg, a nurse, met the visitors on Monday.

        "The clinic will stay open through the winter," the health ministry said in a statement.

        "We have asked for two more doctors," Anna Keller said. Two officials said the request was under review.
        """
        expectEqual(try Self.lines(text), [
            "direct | The clinic will stay open through the winter, | health ministry #1 | said",
            "direct | We have asked for two more doctors, | Dr. Anna Maria Keller #2 | said",
            "indirect | the request was under review | Two officials #3 | said",
        ])
    }

    /// Speakers that are all common noun phrases keep their own entities, whatever people the
    /// text names; two contents with two quoted fragments each give each fragment its content.
    @Test func commonSpeakersAndFragmentsInTwoContents() throws {
        let text = """
        Dr. Anna Maria Keller and Jonas Berg met the visitors at the port on Monday.

        "The clinic will stay open through the winter," the health ministry said in a statement.

        Two officials said the request for two more doctors was under review, and the ministry said it had "no money left" for "new posts" this year.

        The union said that the nurses would "not wait forever" and that "the winter is long".
        """
        expectEqual(try Self.lines(text), [
            "direct | The clinic will stay open through the winter, | health ministry #1 | said",
            "indirect | the request for two more doctors was under review | Two officials #2 | said",
            "mixed | no money left | ministry #3 | said",
            "mixed | new posts | ministry #3 | said",
            "mixed | not wait forever | union #4 | said",
            "mixed | the winter is long | union #4 | said",
        ])
    }
}
