extension QuoteRules {
    /// `cue-after-preposition`: after a preposition only an -ing form is a verb ("by calling",
    /// "after saying"), or a base form after "to" ("went on to say"); any other form is a noun
    /// ("in reply", "with reports"). A preposition that is also a filler after an auxiliary is
    /// an adverb ("has since said").
    public static let cueAfterPreposition = QuoteRule(name: "cue-after-preposition", effect: .rejects,
        summary: "after a preposition only -ing (by calling) or to + base (to say) is a verb")
}

extension QuoteAnalysis {
    /// `cue-after-preposition` (`QuoteRules.cueAfterPreposition`).
    func cueAfterPreposition(_ c: CueSite) -> CueDecision {
        guard let p = c.previous else { return .undecided }
        let before = tokens[p]
        guard before.kind == .word, before.flags.contains(.preposition) else { return .undecided }
        // "has since said": a filler after an auxiliary is an adverb, not a preposition.
        if before.flags.contains(.filler), p > 0, tokens[p - 1].kind == .word, tokens[p - 1].flags.contains(.auxiliary) { return .undecided }
        let f = c.token.flags
        let verb = f.contains(.ingForm) || (f.contains(.baseForm) && before.word == lexicon.words.to)
        return verb ? .undecided : .rejects
    }
}
