import Testing
@testable import TextMill

/// `ReportedContents`, the pieces of a reported speech's content held in place (it was an array
/// a rule's answer): written as an array literal, appended to, joined with `+` and read in order
/// exactly as the array was, up to its capacity.
@Suite struct QuotesReportedContentsTests {
    static func pairs(_ c: ReportedContents) -> [[Int]] { c.map { [$0.0, $0.1] } }

    @Test func readsAsTheArrayItReplaces() {
        let none: ReportedContents = []
        #expect(none.isEmpty && none.count == 0 && Self.pairs(none) == [])
        let one: ReportedContents = [(3, 9)]
        #expect(one.count == 1 && one[0].0 == 3 && one[0].1 == 9 && Self.pairs(one) == [[3, 9]])
        let two: ReportedContents = [(0, 0), (5, 12)]
        #expect(Self.pairs(two) == [[0, 0], [5, 12]])
        // What `according-to` and `relative-subject` write: a piece and an optional one after it.
        let rest: (Int, Int)? = (14, 20)
        let joined: ReportedContents = [(1, 2)] + (rest.map { [$0] } ?? [])
        #expect(Self.pairs(joined) == [[1, 2], [14, 20]])
        let noRest: (Int, Int)? = nil
        let alone: ReportedContents = [(1, 2)] + (noRest.map { [$0] } ?? [])
        #expect(Self.pairs(alone) == [[1, 2]])
        let subject: ReportedContents = []
        #expect(Self.pairs(subject + [(7, 8)]) == [[7, 8]])
    }

    @Test func holdsUpToItsCapacityInOrder() {
        var c = ReportedContents()
        for k in 0..<ReportedContents.capacity {
            c.append((k, 10 * k))
            #expect(Self.pairs(c) == (0...k).map { [$0, 10 * $0] })
            #expect(c.indices == 0..<(k + 1))
        }
        // A copy is a value: appending to one leaves the other as it was.
        var d: ReportedContents = [(1, 1)]
        let e = d
        d.append((2, 2))
        #expect(Self.pairs(e) == [[1, 1]] && Self.pairs(d) == [[1, 1], [2, 2]])
        // Replaced whole, as `relative-pronoun-piece` does.
        d = [(4, 6)]
        #expect(Self.pairs(d) == [[4, 6]])
    }

    /// A rule's answer is handed on through chains of optionals: past 128 bytes it is copied
    /// there by a call to `memcpy` (four `Int` pairs in place took the stage 2.3 % more
    /// instructions on short news than the array did).
    @Test func anAnswerStaysSmall() {
        #expect(MemoryLayout<ReportedContents>.size <= 32)
        #expect(MemoryLayout<QuoteAnalysis.ReportedSpeech?>.size <= 128)
    }
}
