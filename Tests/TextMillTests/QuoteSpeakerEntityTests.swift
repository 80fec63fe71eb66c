import Foundation
import Testing
@testable import TextMill

/// Speakers users can count (issue 14, part 3): every speaker has a document-level entity with
/// its fullest name; unresolved pronouns say so and name no one; relative pronouns and things
/// are never speakers. Sentences from the sample corpus (`input/`).
@Suite struct QuoteSpeakerEntityTests {
    func run(_ text: String) throws -> Document {
        var doc = Document(id: "t", text: text)
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        try QuotesStage(options: .defaults(QuotesStage.options)).process(&doc, &context)
        #expect(doc.firstInvalidSpan() == nil)
        return doc
    }

    /// Each speaker as "written → entity id: name" ("we → unresolved", "none" for no speaker).
    func speakers(_ doc: Document) -> [String] {
        (doc.quotes ?? []).map { q in
            guard let s = q.speaker else { return "none" }
            let written = doc.string(s.resolvedFrom ?? s.span)
            guard let e = s.entity else { return "\(written) → no entity" }
            if e.isUnresolved { return "\(written) → unresolved" }
            if e.isDocument { return "\(written) → document" }
            return "\(written) → \(e.id!): \(e.name!)"
        }
    }

    @Test func aSurnameWrittenFirstAndTheFullNameAreOneEntity() throws {
        let doc = try run("""
        Ambassador Zhang Xiao said on Facebook that China "was winning the battle" against the virus.

        Zhang continued that the unnamed country was probably engaged in "geopolitical games," Zhang wrote.

        "This is the account of an embassy in Kazakhstan," Assem Zhapisheva, an activist and journalist, replied. Zhapisheva went on to say that such a post was inappropriate for a diplomat.
        """)
        #expect(speakers(doc) == [
            "Zhang Xiao → 1: Zhang Xiao",
            "Zhang → 1: Zhang Xiao",
            "Assem Zhapisheva → 2: Assem Zhapisheva",
            "Zhapisheva → 2: Assem Zhapisheva",
        ])
    }

    @Test func pronounsThatStandForNoOneNamedAreUnresolvedAndNameNoOne() throws {
        let doc = try run("""
        We offered the protesters hot tea. The man told us that he was at the protests from the very beginning.

        “Now,” he said, “They are shooting combatants.”

        They showed us injuries from rubber bullets and warned us that soon there would be serious shooting.
        """)
        #expect(speakers(doc) == [
            "The man → 1: man",
            "he → 1: man",
            "he → 1: man",
            "They → unresolved",
            "They → unresolved",
        ])
        let record = try JSONParser.parse(RecordEncoder.encode(doc))
        let last = record.objectValue?["quotes"]?.arrayValue?.last?.objectValue?["speaker"]?.objectValue
        #expect(last?["unresolved"] == .bool(true))
        #expect(last?["name"] == .null)
        #expect(last?["entity"] == .null)
    }

    @Test func whoAfterAPlaceIsNoSpeakerButAfterAPersonIsThatPerson() throws {
        let doc = try run("""
        It all started with the economic demands of workers in western Kazakhstan, who were protesting the sharp hike in gas prices.

        Councillor Elena Ruiz, who proposed the plan in January, said the wall was the cheapest flood protection the city would ever pay for.
        """)
        // "who proposed the plan in January" and ", said the wall was …": a comma and a finite cue
        // end the first content, so each cue reports its own, both Elena Ruiz's.
        #expect(speakers(doc) == ["none", "who → 1: Elena Ruiz", "Elena Ruiz → 1: Elena Ruiz"])
    }

    @Test func anHonorificTellsTheGenderFromTheList() throws {
        // "Mrs." was read as "Mr." plus a letter, so "she" found no woman before this.
        let doc = try run("""
        Mrs. Clinton spoke at a rally in Ohio on Monday.

        “We are stronger together,” she said.
        """)
        #expect(speakers(doc) == ["she → 1: Mrs. Clinton"])
    }

    @Test func thingsAreNeverSpeakers() throws {
        let doc = try run("""
        Downtown Almaty on January 5. The sign on the door says “We are with people.”

        But Zhang's latest post sparked unprecedented, angry reactions from many Kazakhs on social media, who hit back at him by calling the comments "misplaced" and "undiplomatic."
        """)
        #expect(speakers(doc) == ["none", "none", "none"])
    }

    /// Names are grouped by their words as text: a name written with a decomposed accent
    /// ("Rami\u{0301}rez") is the same person as the precomposed spelling, a common phrase groups
    /// whatever its case (also outside ASCII), and an entity's name is its fullest mention with
    /// runs of blanks as one space.
    @Test func spellingsOfOneNameAreOneEntity() throws {
        let doc = try run("""
        “The dam will hold,” Councillor José  Ramírez said on Monday.

        “We checked it twice,” Rami\u{0301}rez said.

        “The plan is sound,” the ÉCOLE board said. “It is paid for,” the école board said.

        “It opens in May,” the city \n council said. “It will,” Mayor Ann  Lee said.
        """)
        #expect(speakers(doc) == [
            "José  Ramírez → 1: José Ramírez",
            "Rami\u{0301}rez → 1: José Ramírez",
            "the ÉCOLE board → 2: ÉCOLE board",
            "the école board → 2: ÉCOLE board",
            "the city \n council → 3: city council",
            "Ann  Lee → 4: Ann Lee",
        ])
    }

    @Test func entitiesRoundTripThroughTheRecordAndMatchTheSchema() throws {
        var doc = try run("""
        Ambassador Zhang Xiao said on Facebook that China "was winning the battle" against the virus. "We are with people," we said.
        """)
        doc.source.sha256 = String(repeating: "0", count: 64)
        let record = try JSONParser.parse(RecordEncoder.encode(doc))
        let schema = try SchemaValidator(path: Repo.path("schema/record.schema.json"))
        #expect(schema.validate(record) == [])
        let first = record.objectValue?["quotes"]?.arrayValue?.first?.objectValue?["speaker"]?.objectValue
        #expect(first?["entity"]?.intValue == 1)
        #expect(first?["name"] == .string("Zhang Xiao"))
        #expect(first?["unresolved"] == nil)
        var back = doc
        back.quotes = nil
        try RecordDecoder.apply(record.objectValue!, to: &back)
        #expect(back.quotes == doc.quotes)
    }
}
