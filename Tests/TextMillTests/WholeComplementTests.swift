import Testing
@testable import TextMill

/// `whole-complement` (`WholeComplement.swift`): a quotation right after its cue that runs to
/// the end of its sentence is `direct` though it opens in lower case; one that goes on into the
/// sentence stays a fragment. `[[…]]` marks the words of every quote the text must give, and
/// nothing else may come out: each case pins the document's full list (kind, words, speaker, cue).
@Suite struct WholeComplementTests {
    /// The marked text and "kind | speaker | cue" of each marked quote, in order.
    typealias Case = QuoteListing.MarkedCase

    static let cases: [Case] = [
        Case(marked: "Protesters interrupted the mayor on Friday, shouting “[[the toll stays, we go!]]”",
             quotes: ["direct | protesters | shouting"]),
        Case(marked: "At the pier, Mayor Dana Whitcomb said “[[the tunnel will open in June, whatever the council decides.]]”",
             quotes: ["direct | Dana Whitcomb | said"]),
        // Only the sentence's period after the closing mark.
        Case(marked: "The harbor board’s new radio ad says “[[nothing will change until the ferries run all night]]”.",
             quotes: ["direct | harbor board’s new radio ad | says"]),
        // The quoted words go on into the sentence: a fragment, its content the cue's complement.
        Case(marked: "Councillor Ines Park said “[[the plan is reckless]]” and voted against the levy.",
             quotes: ["mixed | Ines Park | said"]),
    ]

    @Test(arguments: cases) func theQuotesOfTheTextAreTheMarkedOnes(_ c: Case) throws {
        let (text, _, words) = QuoteListing.unmark(c.marked)
        expectEqual(try QuoteListing.lines(text, last: .cue), QuoteListing.expected(words: words, quotes: c.quotes))
    }
}
