/// Rule `subordinate-clause-end`: a content after a cue that stands in a subordinate clause
/// opened inside the sentence (`subordinators`: while, after, when, …) ends where that clause
/// does, at the first comma after which a clause of its own starts: "However, while the board
/// says [the ferries are safe], the inspectors are not convinced", "Years after the mayor
/// claimed [that the tunnel was sound], engineers found cracks", "and while she said [the ferries
/// would run all winter], the timetable has no night boats". The main clause after the comma is the
/// writer's, not the speaker's.
///
/// A subordinate clause that opens the sentence ("While the mayor has said …, the council …")
/// is cut the same way by `contentLimit`; this rule reaches the clauses that open after a
/// sentence adverb and its comma, after "and"/"but" inside the sentence, or after a time phrase
/// ("A few weeks after …"). The subordinator stands before the cue, lower case or capitalized,
/// with no comma, semicolon, colon, dash or quotation mark between them and at most
/// `QuoteReach.subjectTokens` tokens away; "as" does not count (as often a preposition: "as a
/// student", "quoted her as saying"). A subordinator after the cue opens part of the content
/// ("said that while the levy passed, the ferries …") and is no concern of this rule, nor is a
/// content that opens with a preposition other than "to", or with a subordinator after "that":
/// its first comma closes its own adverbial ("told the board that despite the delays, the
/// ferries would run"); an infinitive or a question right after the cue or its hearer is the
/// content and ends at the comma ("after the mayor asked the crews to wait, …", "when she asked
/// the director if the ferries would run, …").
extension QuoteAnalysis {
    /// The last token a content from `start` through at most `last` may reach when cue `cue`
    /// stands in a subordinate clause opened inside its sentence (from `lower`): the token before
    /// the first comma outside quotation marks that a clause follows; nil when the cue stands in
    /// no such clause or no such comma follows.
    func subordinateClauseEnd(cue: Int, start: Int, last: Int, lower: Int) -> Int? {
        // A content that opens with an adverbial of its own ("that despite the delays, the
        // ferries …", "that after the vote, …") has its first comma close that adverbial; not an
        // infinitive ("asked the crews to wait, …") nor a question right after the cue or its
        // hearer ("asked the mayor if the ferries would run, …").
        let first = tokens[start]
        let opensAdverbial = (first.flags.contains(.preposition) && first.word != lexicon.words.to)
            || (first.flags.contains(.subordinator) && start > 0 && tokens[start - 1].word == lexicon.words.that)
        guard start < last, !opensAdverbial, inSubordinateClause(cue, lower: lower) else { return nil }
        var k = start + 1
        while k < last {
            if tokens[k].isComma && tokenQuotation[k] < 0 && startsNewClause(k + 1, upper: last + 1) { break }
            k += 1
        }
        guard k < last else { return nil }
        if trace != nil, let c = trimmedContent(start, k - 1) {
            note(QuoteRules.subordinateClauseEnd, span(c.0, c.1), "ends where the subordinate clause does, before “\(words(k + 1, min(last, k + 4)))…”")
        }
        return k - 1
    }

    /// Token `cue` stands in a subordinate clause: going left from the cue over words, numbers
    /// and brackets, a word of `subordinators` before any comma, semicolon, colon, dash or
    /// quotation mark.
    private func inSubordinateClause(_ cue: Int, lower: Int) -> Bool {
        var k = cue - 1
        while k >= lower && cue - k <= QuoteReach.subjectTokens {
            let t = tokens[k]
            guard tokenQuotation[k] < 0 else { return false }
            switch t.kind {
            case .word:
                // "as" is a preposition as often ("as a student", "quoted her as saying").
                if t.flags.contains(.subordinator) { return t.word != lexicon.words.asWord }
            case .number, .openBracket, .closeBracket:
                break
            default:
                return false
            }
            k -= 1
        }
        return false
    }
}
