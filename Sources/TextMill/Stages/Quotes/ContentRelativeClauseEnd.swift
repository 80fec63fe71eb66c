/// Rule `relative-clause-end`: a content after a cue that stands in a relative clause set off by
/// a comma ends where that clause does, at the comma after which the sentence's main verb goes
/// on: "The new timetable, which the harbor master said [would start in May], will not apply to
/// the night ferries", "The mayor, who has said [she would run again], did not attend". The
/// clause sits inside the sentence's subject; without the cut its content swallows the main
/// clause's predicate ("…, will not apply to the night ferries").
///
/// The relative pronoun (`relative_pronouns`) stands after a comma, right after it or after the
/// noun phrase an apposition opens with ("…, a group that critics say …"), with no other
/// punctuation or quotation mark between it and the cue. The comma that ends the clause is the
/// content's first outside quotation marks, and what follows it is a finite verb in lower case
/// with no subject of its own: a form of "be", an auxiliary or modal, or a past in -ed, after at
/// most one adverb ("…, ultimately did not show up"). A comma before anything else (a list, an
/// apposition, a participle, a subject) leaves the content as it was, as does a relative clause
/// that closes the sentence.
extension QuoteAnalysis {
    /// The last token a content from `start` through at most `last` may reach when cue `cue`
    /// stands in a relative clause set off by a comma: the token before the comma after which
    /// the main clause's verb goes on; nil when the cue stands in no such clause or no such comma
    /// follows.
    func relativeClauseEnd(cue: Int, start: Int, last: Int, lower: Int) -> Int? {
        guard start < last, inCommaRelativeClause(cue, lower: lower) else { return nil }
        // The content's first comma outside quotation marks: a later one may close an aside of
        // the content itself ("the two men, and Mr. Cruz in particular, must do more").
        var k = start + 1
        while k < last && !(tokens[k].isComma && tokenQuotation[k] < 0) { k += 1 }
        guard k < last, mainVerbFollows(k + 1, upper: last + 1) else { return nil }
        if trace != nil, let c = trimmedContent(start, k - 1) {
            note(QuoteRules.relativeClauseEnd, span(c.0, c.1), "ends where the relative clause does, before “\(words(k + 1, min(last, k + 4)))…”")
        }
        return k - 1
    }

    /// Token `cue` stands in a relative clause opened after a comma: going left from the cue over
    /// words only (the speaker and its fillers), a lower-case relative pronoun, and before it,
    /// over words only, a comma.
    private func inCommaRelativeClause(_ cue: Int, lower: Int) -> Bool {
        var k = cue - 1
        var pronoun = -1
        while k > lower && cue - k <= QuoteReach.subjectTokens {
            let t = tokens[k]
            if pronoun < 0 {
                guard t.kind == .word || t.kind == .number, tokenQuotation[k] < 0 else { return false }
                if t.flags.contains(.relative) && t.shape.contains(.lowercase) { pronoun = k }
            } else {
                if t.isComma { return tokenQuotation[k] < 0 }
                guard t.kind == .word || t.kind == .number, tokenQuotation[k] < 0, pronoun - k <= QuoteReach.relativeHeadTokens else { return false }
            }
            k -= 1
        }
        return false
    }

    /// A finite verb with no subject of its own starts at `j`, after at most one adverb: the
    /// main clause goes on ("will not apply", "was a major factor", "ultimately did not show").
    private func mainVerbFollows(_ j: Int, upper: Int) -> Bool {
        guard j < upper else { return false }
        var v = j
        if isFiller(v) && !tokens[v].flags.contains(.auxiliary) && !isBeForm(v) && v + 1 < upper { v += 1 }
        let t = tokens[v]
        guard t.kind == .word, t.shape.contains(.lowercase), tokenQuotation[v] < 0, !t.flags.contains(.ingForm) else { return false }
        return isBeForm(v) || t.flags.contains(.auxiliary) || isVerbLike(v)
    }
}
