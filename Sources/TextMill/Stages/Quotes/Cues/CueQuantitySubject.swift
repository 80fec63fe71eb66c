extension QuoteRules {
    /// `cue-quantity-subject`: a quantity word (`determiners` `@plural`: most, many, several) that
    /// opens its clause (after punctuation, "and" or "but") and stands alone before the cue is the clause's subject, not a determiner
    /// of a noun: "Most said they would take the ferry", "Many told reporters …". A form that is
    /// also a noun is left to the later rules ("Many claims were false", "some reports").
    public static let cueQuantitySubject = QuoteRule(name: "cue-quantity-subject", effect: .accepts,
        summary: "a quantity word opening its clause (Most said, Many told) is the subject: a cue")
}

extension QuoteAnalysis {
    /// `cue-quantity-subject` (`QuoteRules.cueQuantitySubject`).
    func cueQuantitySubject(_ c: CueSite) -> CueDecision {
        guard let p = c.previous else { return .undecided }
        let quantity = tokens[p]
        guard quantity.kind == .word, quantity.flags.contains(.determiner), quantity.flags.contains(.plural),
              !c.token.flags.contains(.nounForm) || c.token.flags.contains(.pastForm) else { return .undecided }
        // Opens its clause: the paragraph's first word, after punctuation ("…; most said") or
        // after "and"/"but" ("…, and many complained").
        let opensClause = p == 0 || tokenParagraph[p - 1] != tokenParagraph[p] || tokens[p - 1].kind == .punct
            || tokens[p - 1].word == lexicon.words.and || tokens[p - 1].word == lexicon.words.but
        return opensClause ? .accepts : .undecided
    }
}
