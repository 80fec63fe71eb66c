extension QuoteRules {
    /// `cue-belief`: a verb of belief or intention (`reporting_verbs` `@thought`: "believes",
    /// "wants") reports what someone thinks, not what they said: a cue for indirect speech, where
    /// PolNeAR-style attributions count beliefs, never for words in quotation marks.
    public static let cueBelief = QuoteRule(name: "cue-belief", effect: .rejects,
        summary: "a belief verb (believes) is no cue for quoted words")
}

extension QuoteAnalysis {
    /// `cue-belief` (`QuoteRules.cueBelief`).
    func cueBelief(_ c: CueSite) -> CueDecision {
        c.token.flags.contains(.thought) && !c.thoughts ? .rejects : .undecided
    }
}
