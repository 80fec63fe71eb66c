extension QuoteRules {
    /// `cue-ratio-subject`: a number word after "in" and a number ("Two in three said …", "one in
    /// four said …", "About one in five say …") ends a ratio that is the clause's subject, not a
    /// determiner of a noun: the cue after it is a verb. Polls report answers this way; the
    /// number word alone would make `cue-after-determiner` reject the cue.
    public static let cueRatioSubject = QuoteRule(name: "cue-ratio-subject", effect: .accepts,
        summary: "a ratio (two in three, one in four) before the word is its subject: a cue")
}

extension QuoteAnalysis {
    /// `cue-ratio-subject` (`QuoteRules.cueRatioSubject`).
    func cueRatioSubject(_ c: CueSite) -> CueDecision {
        guard let p = c.previous, p >= 2, tokenParagraph[p - 2] == tokenParagraph[p] else { return .undecided }
        let denominator = tokens[p], link = tokens[p - 1], numerator = tokens[p - 2]
        guard denominator.kind == .word, denominator.flags.contains(.determiner), !denominator.shape.contains(.possessive),
              link.kind == .word, link.word == lexicon.words.inWord, link.shape.contains(.lowercase),
              numerator.kind == .number || (numerator.kind == .word && numerator.flags.contains(.determiner)) else { return .undecided }
        return .accepts
    }
}
