import Foundation
import Testing
@testable import TextMill

/// The `quotes` stage's counters (`stats.json`): one per kind of quote and "quotes with
/// speaker", counted from the quotes the stage wrote. A news story written for the test, with
/// quotes of each kind, one of them no one is found saying.
@Suite struct QuotesStageCountersTests {
    static let story = """
    The harbour board voted on Monday to close the old ferry terminal by the end of the year.

    "We cannot keep two terminals open on one budget," said board chair Helen Marsh after the vote.

    "The last boat leaves at nine."

    Residents said the decision would cut them off from the mainland, and the mayor called the plan "a betrayal of the islands."
    """

    /// Runs sentences then quotes on `text`: the document and the stage's counters.
    func run(_ text: String) throws -> (document: Document, counters: [String: Int]) {
        var doc = Document(id: "t", text: text)
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        try QuotesStage(options: .defaults(QuotesStage.options)).process(&doc, &context)
        return (doc, context.counters)
    }

    @Test func theCountersCountTheQuotesByKindAndThoseWithASpeaker() throws {
        let (doc, counters) = try run(Self.story)
        let quotes = (doc.quotes ?? []).map { q in
            "\(q.kind.rawValue) [\(doc.string(q.span))] \(q.speaker.map { doc.string($0.span) } ?? "none")"
        }
        expectEqual(quotes, [
            "direct [We cannot keep two terminals open on one budget,] Helen Marsh",
            "direct [The last boat leaves at nine.] Helen Marsh",
            "indirect [the decision would cut them off from the mainland] Residents",
            "mixed [a betrayal of the islands.] the mayor",
        ])
        expectEqual(counters["quotes direct"], 2)
        expectEqual(counters["quotes mixed"], 1)
        expectEqual(counters["quotes indirect"], 1)
        expectEqual(counters["quotes with speaker"], 4)
    }

    /// A quote no one is found saying counts under its kind, not under "quotes with speaker";
    /// a story with no quotes counts none of either.
    @Test func aQuoteWithoutASpeakerIsCountedByKindOnly() throws {
        let (doc, counters) = try run("""
        The ferry timetable for the winter was posted on Friday.

        "The last boat leaves at nine. There is no boat on Sundays. Tickets are sold on board."
        """)
        let quotes = (doc.quotes ?? []).map { q in
            "\(q.kind.rawValue) [\(doc.string(q.span))] \(q.speaker.map { doc.string($0.span) } ?? "none")"
        }
        expectEqual(quotes, ["direct [The last boat leaves at nine. There is no boat on Sundays. Tickets are sold on board.] none"])
        expectEqual(counters["quotes direct"], 1)
        expectEqual(counters["quotes with speaker"], 0)
        let none = try run("The ferry timetable for the winter was posted on Friday. The first boat leaves at seven.")
        expectEqual(none.document.quotes, [])
        #expect(none.counters["quotes direct"] == nil && none.counters["quotes with speaker"] == 0)
    }

    /// The stage adds each kind's total once (`QuoteTally`): its counters, names in the order
    /// first counted included, are those one `count` a quote in text order made, whatever
    /// order the kinds come in; with no quotes only "quotes with speaker" (0) is counted.
    @Test func theTallyCountsAsOneCountAQuoteDid() {
        let speaker = Mention(span: Span(0, 5))
        let kinds: [[QuoteKind]] = [
            [], [.direct], [.mixed, .direct, .mixed], [.indirect, .direct, .indirect, .mixed],
            [.indirect, .mixed, .direct], [.mixed, .indirect, .indirect, .direct, .mixed], [.direct, .indirect, .mixed, .direct],
        ]
        for order in kinds {
            // Every other quote has a speaker.
            let quotes = order.enumerated().map { n, kind in
                Quote(span: Span(10 * n, 10 * n + 5), kind: kind, speaker: n % 2 == 0 ? speaker : nil)
            }
            var perQuote = StageContext()
            perQuote.count("quotes skipped, not English")
            var withSpeaker = 0
            for q in quotes {
                perQuote.count("quotes " + q.kind.rawValue)
                if q.speaker != nil { withSpeaker += 1 }
            }
            perQuote.count("quotes with speaker", withSpeaker)
            var tallied = StageContext()
            tallied.count("quotes skipped, not English")
            QuoteTally(quotes).add(to: &tallied) { "quotes " + $0.rawValue }
            expectEqual(tallied.list.slots.map { "\($0.name) \($0.amount)" }, perQuote.list.slots.map { "\($0.name) \($0.amount)" },
                    "kinds \(order.map(\.rawValue))")
        }
    }
}
