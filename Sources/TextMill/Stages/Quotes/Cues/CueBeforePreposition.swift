extension QuoteRules {
    /// `cue-before-preposition`: a present form that is also a noun (`@noun`) is the noun
    /// when a preposition follows it ("reports about the attack", "member states to repatriate
    /// their citizens"): a reporting verb is followed by its content or its hearer.
    public static let cueBeforePreposition = QuoteRule(name: "cue-before-preposition", effect: .rejects,
        summary: "a present form that is also a noun, before a preposition (reports about): a noun")
}

extension QuoteAnalysis {
    /// `cue-before-preposition` (`QuoteRules.cueBeforePreposition`).
    func cueBeforePreposition(_ c: CueSite) -> CueDecision {
        guard isNounCueForm(c.token) else { return .undecided }
        let next = c.end + 1
        guard next < tokens.count, tokenParagraph[next] == tokenParagraph[c.at] else { return .undecided }
        let t = tokens[next]
        return t.kind == .word && t.flags.contains(.preposition) ? .rejects : .undecided
    }
}
