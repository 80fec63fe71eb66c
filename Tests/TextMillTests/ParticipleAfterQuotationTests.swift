import Testing
@testable import TextMill

/// `participle-after` (`ParticipleAfterQuotation.swift`): an -ing form of a reporting verb right
/// after a quotation's closing mark ("…,” citing …", "…,” adding that …") opens the reporter's
/// participle clause. Its object is never the quotation's speaker, and a reported content or a
/// fragment's clause ends at the closing mark; another participle ("…,” earning …") may belong
/// to the reported words and stays in the content. `[[…]]` marks the words of every quote the
/// text must give; each case pins the document's full list (kind, words, speaker, content).
@Suite struct ParticipleAfterQuotationTests {
    /// The marked text and "kind | speaker | content" of each marked quote, in order.
    typealias Case = QuoteListing.MarkedCase

    static let cases: [Case] = [
        // Reported speech: the content ends at the closing mark; "the signed contract" is cited, not speaking.
        Case(marked: "The mayor said the tunnel was “[[a done deal,]]” citing the signed contract with the builders.",
             quotes: ["mixed | mayor | the tunnel was “a done deal,”"]),
        // A direct quotation keeps the attribution before it; the participle clause reports on its own.
        Case(marked: "Mayor Ana Ruiz told the council, “[[We will not raise the fares,]]” adding that [[the budget would hold until June]].",
             quotes: ["direct | Ana Ruiz | -", "indirect | Ana Ruiz | -"]),
        Case(marked: "Ruiz said, “[[The ferry will run all night,]]” citing a new agreement with the union.",
             quotes: ["direct | Ruiz | -"]),
        // A fragment after its cue (`fragment-clause`): the cue's complement ends at the closing mark.
        Case(marked: "The governor closed the hearing by urging drivers to plan for “[[weeks of delays,]]” citing the storm damage on the coast road.",
             quotes: ["mixed | governor | drivers to plan for “weeks of delays,”"]),
        // A participle that is no verb of saying goes on with the reported words.
        Case(marked: "The director explained that the crews were “[[well paid,]]” earning twice the state average.",
             quotes: ["mixed | director | the crews were “well paid,” earning twice the state average"]),
    ]

    @Test(arguments: cases) func theQuotesOfTheTextAreTheMarkedOnes(_ c: Case) throws {
        let (text, _, words) = QuoteListing.unmark(c.marked)
        expectEqual(words.count, c.quotes.count)
        expectEqual(try QuoteListing.lines(text, last: .content), QuoteListing.expected(words: words, quotes: c.quotes))
    }
}
