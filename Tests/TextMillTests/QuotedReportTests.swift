import Testing
@testable import TextMill

/// `quoted-report` (`QuotedReport.swift`): reported speech that holds words in quotation marks
/// which the earlier rules left out as a term or label (after "so-called") is a `mixed` quotation
/// of those words with the reported clause as its content; a title in marks leaves it indirect. `[[…]]` marks the quoted words of
/// every quote the text must give; each case pins the document's full list (kind, words,
/// speaker, content).
@Suite struct QuotedReportTests {
    /// The marked text and "kind | speaker | content" of each marked quote, in order.
    typealias Case = QuoteListing.MarkedCase

    static let cases: [Case] = [
        Case(marked: "The harbor master said the new lease was a so-called “[[sweetheart deal]]” for the builders.",
             quotes: ["mixed | harbor master | the new lease was a so-called “sweetheart deal” for the builders"]),
        // A title in marks is nobody's words: the reported speech stays indirect.
        Case(marked: "Councillor Ines Park said [[she had read “Harbor Years” twice before the vote]].",
             quotes: ["indirect | Ines Park | -"]),
        // So is a title after "titled" (`work_nouns`), even one that asks a question: once
        // "expressed" became a verb of saying (session 29), its reported speech made the title a
        // mixed quote of the port authority's words until "titled" joined `work_nouns`.
        Case(marked: "The port authority expressed [[discontent with an article on a local website titled 'Why Is The Harbor Eager To Sell Its Ferries?']].",
             quotes: ["indirect | port authority | -"]),
        // Outside reported speech the label stays a label: nothing comes out.
        Case(marked: "Crowds gathered at the so-called “sweetheart pier” on Sunday.", quotes: []),
    ]

    @Test(arguments: cases) func theQuotesOfTheTextAreTheMarkedOnes(_ c: Case) throws {
        let (text, _, words) = QuoteListing.unmark(c.marked)
        expectEqual(words.count, c.quotes.count)
        expectEqual(try QuoteListing.lines(text, last: .content), QuoteListing.expected(words: words, quotes: c.quotes))
    }
}
