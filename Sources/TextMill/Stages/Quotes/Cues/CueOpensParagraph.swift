extension QuoteRules {
    /// `cue-opens-paragraph`: a cue word that opens its paragraph has nothing before it to check.
    /// A base form there ("Say what you will") is an imperative or a heading's verb: no cue;
    /// any other form ("Said the mayor: …", "Adding to the confusion") is a cue.
    public static let cueOpensParagraph = QuoteRule(name: "cue-opens-paragraph", effect: .accepts,
        summary: "opening a paragraph: a cue unless a bare base form (Say)")
}

extension QuoteAnalysis {
    /// `cue-opens-paragraph` (`QuoteRules.cueOpensParagraph`).
    func cueOpensParagraph(_ c: CueSite) -> CueDecision {
        guard c.previous == nil else { return .undecided }
        return c.token.flags.contains(.baseForm) && !c.token.flags.contains(.pastForm) ? .rejects : .accepts
    }
}
