import Testing
@testable import TextMill

/// `transcript-turn` (`TranscriptTurn.swift`): a quotation, or a paragraph of one, that opens
/// with a speaker label in capitals and a colon is a turn of a transcript. The label speaks
/// (resolved to the document's fullest name: "WALLACE" is Chris Wallace, "MS. PSAKI" Jen Psaki;
/// "Q" is no one named),
/// its colon is the cue, and the quoted words start after the colon. Labels of sections
/// ("NOTE:", "UPDATE:", "BREAKING:"), a list in title case ("Pros:") and times ("10:30") are no
/// turns. `[[…]]` marks the words of every quote the text must give; each case pins the
/// document's full list (kind, words, speaker, cue).
@Suite struct TranscriptTurnTests {
    /// The marked text and "kind | speaker | cue" of each marked quote, in order.
    typealias Case = QuoteListing.MarkedCase

    static let cases: [Case] = [
        // A six-turn interview, each paragraph a piece of one quotation: before the rule every
        // turn went to Mike Pence (`floating-speaker`), "WALLACE:" inside the quoted words.
        Case(marked: """
             Vice President Mike Pence sat down with Chris Wallace of Fox News on Sunday and defended the harbor plan.

             "WALLACE: [[Do you think the president will sign the harbor bill before the election?]]

             "PENCE: [[Well, I think the president has been very clear about that.]]

             "WALLACE: [[But he promised to sign it after the audit.]]

             "PENCE: [[The audit is still going on, and he will make that decision.]]

             "WALLACE: [[Will you campaign for the bill this week?]]

             "PENCE: [[I will travel to the harbor on Tuesday, and I will make the case again.]]"
             """,
             // "PENCE" is "Vice President Mike Pence" ("vice" a title since session 36, so the
             // text names the person Mike Pence; before, the label stayed the name).
             quotes: ["direct | Chris Wallace | :", "direct | Mike Pence | :", "direct | Chris Wallace | :",
                      "direct | Mike Pence | :", "direct | Chris Wallace | :", "direct | Mike Pence | :"]),
        // A press briefing: "Q" asks (no one named), "MS. PSAKI" answers: Jen Psaki (since
        // session 36 "PSAKI" is a name word, not a heading's word beside "MS.").
        Case(marked: """
             White House press secretary Jen Psaki took questions on the ferry contract on Tuesday.

             "Q: [[Will the president sign the harbor bill this week?]]

             "MS. PSAKI: [[He has said he will sign it as soon as it reaches his desk.]]

             "Q: [[And the money for the tunnel?]]

             "MS. PSAKI: [[We expect the money for the tunnel in the next budget.]]"
             """,
             quotes: ["direct | Q | :", "direct | Jen Psaki | :", "direct | Q | :", "direct | Jen Psaki | :"]),
        // A label with a title and a bracket after the name: the title is the role, the name
        // is the entity of "Senator John Smith" (`QuoteSpeakerEntityTests`).
        Case(marked: """
             Senator John Smith spoke at the harbor hearing on Monday.

             "SEN. JOHN SMITH (R-Ohio): [[The ferry contract was signed without a vote of the board.]]"
             """,
             quotes: ["direct | John Smith | :"]),
        // No turns: a section's label, a dateline, a time, a headline's label and a list in title
        // case; the quotations keep their words whole, and no one speaks before them ("NOTE" was
        // `colon-speaker`'s speaker).
        Case(marked: """
             NOTE: This story has been updated with a statement from the harbor board.

             WASHINGTON (AP) — The harbor board met at 10:30 on Monday, and Mayor Ana Ruiz spoke first.

             "[[UPDATE: The board has approved the ferry contract for the summer.]]"

             "[[BREAKING: The harbor tunnel will close in May for repairs.]]"

             "[[Pros: the fares stay low and the boats run late.]]"
             """,
             quotes: ["direct | - | -", "direct | - | -", "direct | - | -"]),
    ]

    @Test(arguments: cases) func theQuotesOfTheTextAreTheMarkedOnes(_ c: Case) throws {
        let (text, _, words) = QuoteListing.unmark(c.marked)
        expectEqual(words.count, c.quotes.count)
        expectEqual(try QuoteListing.lines(text, last: .cue), QuoteListing.expected(words: words, quotes: c.quotes))
    }
}
