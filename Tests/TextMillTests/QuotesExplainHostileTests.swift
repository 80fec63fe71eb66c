import Foundation
import Testing
@testable import TextMill

/// The explanation trace on any document (issue 14, "Done when"; audited in session 33): hostile
/// shapes neither crash it nor make it grow faster than the document, and a document of only
/// quotation marks is explained, not refused as "not English".
@Suite struct QuotesExplainHostileTests {
    /// The trace of `text` after the sentences stage, as `explain quotes` makes it.
    func explain(_ text: String) throws -> String {
        var doc = Document(id: "t", text: text)
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        return QuoteExtractor().explain(in: doc.text, paragraphs: doc.paragraphs!, sentences: doc.sentences!)
    }

    /// Shapes of `n` units each: no sentence end, only marks, marks nested `n` deep, marks on
    /// lines of their own, and a quotation that never closes.
    static let shapes: [(name: String, make: @Sendable (Int) -> String)] = [
        ("no sentence end", { n in (0..<n).map { "word\($0 % 97)" }.joined(separator: " ") }),
        ("only marks", { n in String(repeating: "“”\"'‘’«»", count: n) }),
        ("nested marks", { n in String(repeating: "She said “", count: n) + "no" + String(repeating: "”", count: n) }),
        ("a mark a line", { n in String(repeating: "\"\n", count: n) }),
        ("never closed", { n in "“" + String(repeating: "The mayor said the ferry will run. ", count: n) }),
    ]

    /// Each shape explained at n and 4n: the trace holds at most 4× (plus the rule list) as
    /// many lines, and the candidate count line is there.
    @Test(arguments: 0..<shapes.count) func theTraceGrowsNoFasterThanTheDocument(_ k: Int) throws {
        let shape = Self.shapes[k]
        let small = try explain(shape.make(2_000)), large = try explain(shape.make(8_000))
        let rules = QuoteRules.all.count + 8
        let a = small.split(separator: "\n").count, b = large.split(separator: "\n").count
        #expect(small.contains("\ncandidates: ") && large.contains("\ncandidates: "), "\(shape.name)")
        #expect(b - rules <= 4 * max(a - rules, 1) + 4, "\(shape.name): \(a) lines at n, \(b) at 4n")
    }

    /// An empty document is explained as no candidates.
    @Test func anEmptyTextHasNoCandidates() throws {
        let trace = try explain("")
        #expect(trace.hasSuffix("candidates: 0, quotations: 0\n"), "\(trace.suffix(80))")
    }

    /// Marks and symbols written apart are no words for the English check: a text of only such
    /// marks is too short to judge (before session 33 each mark was a word that is no marker,
    /// so the text was "not English" and `explain quotes` refused it with exit 1).
    @Test func marksAloneAreNoWordsForTheEnglishCheck() throws {
        let marks = String(repeating: "“ ” ‘ ’ « » — ", count: 100)
        expectEqual(EnglishCheck.standard.read(Array(marks.utf8), stopEarly: false),
                    EnglishCheck.Reading(words: 0, hits: 0, english: true))
        // Words among them still count, marks apart or not.
        let mixed = String(repeating: "“ Der Hafen ” — ", count: 30)
        expectEqual(EnglishCheck.standard.read(Array(mixed.utf8), stopEarly: false),
                    EnglishCheck.Reading(words: 60, hits: 0, english: false))
        let dir = TemporaryDirectory()
        dir.write("marks.txt", marks)
        let r = try CommandLineTests().textmill(["explain", "quotes", "marks.txt"], in: dir.path)
        expectEqual(r.status, 0)
        expectEqual(r.stderr, "")
        #expect(r.stdout.contains("\ncandidates: "), "\(r.stdout.suffix(120))")
    }
}
