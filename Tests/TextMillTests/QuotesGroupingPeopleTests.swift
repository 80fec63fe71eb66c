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

    /// References with the same tokens as one just before them (the quotes of "she" resolved to
    /// one name) take that one's key without reading their words again; a reference with the
    /// same name more than `sameSpanLookback` references later ("Lopez", after nine other
    /// speakers) is keyed from its words and still joins it.
    @Test func repeatedSpeakersNearAndFarKeepOneEntity() throws {
        let text = """
        Maria Lopez, the harbour master, spoke to reporters at the quay on Tuesday morning.

        "The cranes are ready," Maria Lopez said. "We will start loading next week," she said. "Nobody will lose a shift," she added.

        "The workers deserve a raise," the union said. "The budget is tight," the mayor said. "We are watching the costs," the council said. "The fish market stays open," the fishermen said. "The ferries will run on time," the ferry company said. "Rents are too high," the tenants said. "The schools need buses," the teachers said. "Our shops are empty," the traders said. "The roads need repair," the drivers said.

        "I stand by the plan," Lopez said.
        """
        expectEqual(try Self.lines(text), [
            "direct | The cranes are ready, | Maria Lopez #1 | said",
            "direct | We will start loading next week, | Maria Lopez #1 | said",
            "direct | Nobody will lose a shift, | Maria Lopez #1 | added",
            "direct | The workers deserve a raise, | union #2 | said",
            "direct | The budget is tight, | mayor #3 | said",
            "direct | We are watching the costs, | council #4 | said",
            "direct | The fish market stays open, | fishermen #5 | said",
            "direct | The ferries will run on time, | ferry company #6 | said",
            "direct | Rents are too high, | tenants #7 | said",
            "direct | The schools need buses, | teachers #8 | said",
            "direct | Our shops are empty, | traders #9 | said",
            "direct | The roads need repair, | drivers #10 | said",
            "direct | I stand by the plan, | Maria Lopez #1 | said",
        ])
    }
}
