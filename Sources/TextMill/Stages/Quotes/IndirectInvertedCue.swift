/// Rule `inverted-cue`: the content, a comma, then the cue before its speaker: "CONTENT, said
/// X." (also "…,” said X" with the comma inside the closing mark), the speaker phrase (with its
/// apposition, or a relative clause about it: "…, said two Democrats who know him") closing the
/// clause.
///
/// Rejects verbs that never come before their subject (`@noinvert`: "…, believes X" is no
/// attribution), an -ing form (`participle-after`: "…, citing the contract" is a participle
/// clause, its object no speaker), naming verbs, a cue with no speaker phrase after it, and a phrase after the cue
/// that goes on as a clause: in "Senator X of Ohio, the No. 2 Democrat, said the chamber will
/// vote" the words after "said" are the content, not the speaker (`subject-of-clause` reads it).
extension QuoteAnalysis {
    func invertedCueSpeech(_ v: VerbCue, sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        guard !v.naming, let comma = commaBefore(v.first, lower: lo), !tokens[v.first].flags.contains(.noInvert),
              !opensParticipleClause(v.first),
              let speaker = speakerAfter(cueLast: v.last, upper: hi), closesInvertedClause(after: max(speaker.last, speaker.roleLast), upper: hi),
              let c = trimmedContent(lo, comma - 1, keepClosingMark: tokens[comma + 1].kind == .mark, clauseCuts: false) else { return nil }
        return ReportedSpeech(speaker: speaker, cue: (v.first, v.last), contents: [c], rule: QuoteRules.invertedCue)
    }

    /// After the speaker of an inverted cue, the clause closes (`closesClause`) or a relative
    /// clause about the speaker follows ("…, said two Democrats who know him well").
    func closesInvertedClause(after last: Int, upper: Int) -> Bool {
        if closesClause(after: last, upper: upper) { return true }
        let j = last + 1
        guard j < upper, tokens[j].kind == .word, tokens[j].shape.contains(.lowercase) else { return false }
        return tokens[j].flags.contains(.relative) && tokens[j].word != lexicon.words.that
    }

    /// Nothing of a clause follows token `last`: the sentence ends, or punctuation, a mark, a
    /// bracket or a dash comes next, possibly after time words and adjuncts ("said X on Friday").
    func closesClause(after last: Int, upper: Int) -> Bool {
        let j = skipAdjuncts(last + 1, upper: upper)
        guard j < upper else { return true }
        let t = tokens[j]
        return t.kind != .word && t.kind != .number
    }
}
