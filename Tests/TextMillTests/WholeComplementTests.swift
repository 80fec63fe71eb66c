import Testing
@testable import TextMill

/// `whole-complement` (`WholeComplement.swift`): a quotation right after its cue that runs to
/// the end of its sentence is `direct` though it opens in lower case; one that goes on into the
/// sentence stays a fragment. `[[…]]` marks the words of every quote the text must give, and
/// nothing else may come out: each case pins the document's full list (kind, words, speaker, cue).
@Suite struct WholeComplementTests {
    struct Case: Sendable, CustomTestStringConvertible {
        /// The text with each expected quote's words between `[[` and `]]`.
        var marked: String
        /// "kind | speaker | cue" of each marked quote, in order.
        var quotes: [String]
        var testDescription: String { String(marked.prefix(40)) }
    }

    static let cases: [Case] = [
        Case(marked: "Protesters interrupted the mayor on Friday, shouting “[[the toll stays, we go!]]”",
             quotes: ["direct | Protesters | shouting"]),
        Case(marked: "At the pier, Mayor Dana Whitcomb said “[[the tunnel will open in June, whatever the council decides.]]”",
             quotes: ["direct | Dana Whitcomb | said"]),
        // Only the sentence's period after the closing mark.
        Case(marked: "The harbor board’s new radio ad says “[[nothing will change until the ferries run all night]]”.",
             quotes: ["direct | harbor board’s new radio ad | says"]),
        // The quoted words go on into the sentence: a fragment, its content the cue's complement.
        Case(marked: "Councillor Ines Park said “[[the plan is reckless]]” and voted against the levy.",
             quotes: ["mixed | Ines Park | said"]),
    ]

    /// The text without markers and the words of each marked span.
    static func unmark(_ marked: String) -> (text: String, words: [String]) {
        var text = "", words: [String] = [], rest = Substring(marked)
        while let open = rest.range(of: "[["), let close = rest.range(of: "]]", range: open.upperBound..<rest.endIndex) {
            text += rest[..<open.lowerBound]
            let w = rest[open.upperBound..<close.lowerBound]
            text += w
            words.append(String(w))
            rest = rest[close.upperBound...]
        }
        return (text + rest, words)
    }

    @Test(arguments: cases) func theQuotesOfTheTextAreTheMarkedOnes(_ c: Case) throws {
        let (text, words) = Self.unmark(c.marked)
        let expected = zip(words, c.quotes).map { w, q -> String in
            let parts = q.components(separatedBy: " | ")
            return "\(parts[0]) | \(w) | \(parts[1]) | \(parts[2])"
        }
        #expect(try QuoteListing.lines(text, last: .cue) == expected)
    }
}
