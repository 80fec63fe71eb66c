extension QuoteRules {
    /// `cue-base-subject`: a base form ("say", "tell") is a verb after a subject that takes it: a
    /// pronoun, a plural, a speaker noun, a relative pronoun, a plural name ("Democrats say",
    /// "Mr. King and Mr. Schultz say"), an auxiliary or "to" ("will say", "to say"), or a comma
    /// ("…,” say officials"). After anything else it is a noun or an imperative ("have a say").
    public static let cueBaseSubject = QuoteRule(name: "cue-base-subject", effect: .rejects,
        summary: "a base form (say) needs a subject that takes it, an auxiliary or 'to'")
}

extension QuoteAnalysis {
    /// `cue-base-subject` (`QuoteRules.cueBaseSubject`).
    func cueBaseSubject(_ c: CueSite) -> CueDecision {
        let f = c.token.flags
        guard !f.contains(.nounForm), f.contains(.baseForm), !f.contains(.pastForm) else { return .undecided }
        let q = beforeFillers(c.at)
        guard q >= 0, tokenParagraph[q] == tokenParagraph[c.at] else { return .rejects }
        let u = tokens[q]
        let subject = (u.flags.contains(.pronoun) && !u.flags.contains(.determiner)) || isPlural(q) || u.flags.contains(.speakerNoun)
            || u.flags.contains(.relative) || (u.flags.contains(.function) && !u.flags.contains(.determiner)) || u.isComma
            || isPluralSubjectName(q)
        return subject ? .undecided : .rejects
    }
}
