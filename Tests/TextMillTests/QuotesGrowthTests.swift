import Testing
@testable import TextMill

/// The `quotes` stage's work grows linearly with its document's length, whatever the text:
/// one long sentence repeating a cue, a line of a megabyte of quotations, runs of marks,
/// unbalanced marks, long comma lists, long runs of capitalized words. Work is counted, not
/// timed: reads of per-token data by the rules (`QuoteWorkMeter`), at N and 4N bytes.
@Suite(.enabled(if: QuoteWorkMeter.counts, "the work meter counts in debug builds only"))
struct QuotesGrowthTests {
    /// A hostile text: `prefix`, then `unit` repeated to about the size asked, then `suffix`.
    struct Shape: Sendable, CustomTestStringConvertible {
        var name: String
        var prefix = ""
        var unit: String
        var suffix = ""
        /// Every paragraph is marked as a block quotation (as `cleanup` marks `<blockquote>`).
        var blockquotes = false
        var testDescription: String { name }

        func text(bytes: Int) -> String {
            prefix + String(repeating: unit, count: max(1, bytes / unit.utf8.count)) + suffix
        }
    }

    static let shapes: [Shape] = [
        Shape(name: "“, he said” in one sentence", unit: "the plan will work, he said, ", suffix: "the end."),
        Shape(name: "“According to Smith,” in one sentence", unit: "According to Smith, ", suffix: "the plan will work."),
        Shape(name: "“as Smith said,” in one sentence", unit: "as Smith said, ", suffix: "the plan will work."),
        Shape(name: "“…, according to Smith,” in one sentence", unit: "the plan will work, according to Smith, ", suffix: "the end."),
        Shape(name: "“Smith said that” in one sentence", unit: "Smith said that ", suffix: "the plan will work."),
        Shape(name: "“he said, adding that” in one sentence", unit: "the plan works, he said, adding that ", suffix: "the end."),
        Shape(name: "quoted words and a cue in one sentence", unit: "\"the plan works,\" he said, ", suffix: "the end."),
        Shape(name: "a line of quotations with attributions", unit: "\"We will win the vote,\" said Smith. "),
        Shape(name: "straight marks only", unit: "\""),
        Shape(name: "opening marks only", unit: "“"),
        Shape(name: "closing marks only", unit: "”"),
        Shape(name: "spaced curly marks", unit: "“ ” "),
        Shape(name: "unclosed openers", unit: "“the plan ", suffix: "."),
        Shape(name: "unopened closers", unit: "the plan” ", suffix: "."),
        Shape(name: "single openers and marks inside words", unit: "'the a\"b ", suffix: "."),
        Shape(name: "a list of commas", unit: "the plan, ", suffix: "the end."),
        Shape(name: "clauses joined by “, and”", unit: "the plan works, and ", suffix: "the end."),
        Shape(name: "capitalized words before a cue", unit: "John Smith ", suffix: "said the plan will work."),
        Shape(name: "names with commas before a cue", unit: "Mr. John Smith, ", suffix: "said the plan will work."),
        Shape(name: "a speaker phrase after a cue", prefix: "\"We will win,\" said the ", unit: "big ", suffix: "man."),
        Shape(name: "closing brackets after a content", prefix: "According to Smith, the plan will work", unit: " )", suffix: "."),
        Shape(name: "a quotation over paragraphs", unit: "“The plan will work for all of us\n\n"),
        Shape(name: "fillers before a cue", unit: "the plan also also also also also works, he also said, "),
        Shape(name: "pronouns after named speakers", unit: "John Smith said the plan works. He said it works. "),
        Shape(name: "surnames after full names", unit: "Mr. John Smith said the plan works, and Smith said it works. "),
        Shape(name: "introductions with a colon", unit: "The embassy wrote:\n\nThe plan will work for all of us.\n\n"),
        Shape(name: "marked block quotations", unit: "\"We will win,\" said Smith.\n\nThe plan will work for all of us.\n\n", blockquotes: true),
    ]

    /// Sentences, then the quote rules with a work meter: the work and the quotes.
    func run(_ text: String, blockquotes: Bool = false) throws -> (work: Int, quotes: [Quote]) {
        var doc = Document(id: "growth", text: text)
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        let meter = QuoteWorkMeter()
        let paragraphs = doc.paragraphs ?? []
        let quotes = QuoteExtractor().quotes(in: doc.text, paragraphs: paragraphs, sentences: doc.sentences ?? [],
                                             blockquotes: blockquotes ? paragraphs : [], meter: meter)
        return (meter.steps, quotes)
    }

    @Test(arguments: shapes) func workGrowsLinearly(_ shape: Shape) throws {
        let small = try run(shape.text(bytes: 16 * 1024), blockquotes: shape.blockquotes)
        let large = try run(shape.text(bytes: 64 * 1024), blockquotes: shape.blockquotes)
        #expect(small.work > 0)
        let ratio = Double(large.work) / Double(max(1, small.work))
        #expect(ratio <= 4.5, "\(shape.name): work \(small.work) at 16 KB, \(large.work) at 64 KB: ratio \(ratio)")
    }

    /// The limits change nothing on ordinary text: on a megabyte-long line of quotations each
    /// one is still found with its speaker and cue.
    @Test func aLineOfQuotationsKeepsEveryAttribution() throws {
        let unit = "\"We will win the vote,\" said Smith. "
        let (_, quotes) = try run(String(repeating: unit, count: 500))
        expectEqual(quotes.count, 500)
        let text = Array(String(repeating: unit, count: 500).utf8)
        func string(_ s: Span?) -> String? { s.map { String(decoding: text[$0.start..<$0.end], as: UTF8.self) } }
        #expect(quotes.allSatisfy { $0.kind == .direct && string($0.span) == "We will win the vote," })
        #expect(quotes.allSatisfy { string($0.speaker?.span) == "Smith" && string($0.cue?.span) == "said" })
    }
}
