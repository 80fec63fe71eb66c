extension QuoteRules {
    /// `cue-passive`: a past form after a form of "be" (fillers between allowed) is a passive
    /// ("was told", "is known", "were also asked"): its subject heard or is talked about; it
    /// reports nothing its subject said.
    public static let cuePassive = QuoteRule(name: "cue-passive", effect: .rejects,
        summary: "a past form after be (was told): a passive, its subject says nothing")
}

extension QuoteAnalysis {
    /// `cue-passive` (`QuoteRules.cuePassive`).
    func cuePassive(_ c: CueSite) -> CueDecision {
        guard let p = c.previous, tokens[p].kind == .word else { return .undecided }
        let f = c.token.flags
        let pastForm = (f.contains(.pastForm) || f.contains(.participle)) && !f.contains(.ingForm)
        return pastForm && isBeForm(beforeFillers(c.at)) ? .rejects : .undecided
    }
}
