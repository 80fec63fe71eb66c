extension QuoteRules {
    /// `cue-ing-clause`: an -ing form is a cue as a participle clause (", saying"; at a clause
    /// start, after a dash, a mark or a bracket), a progressive ("is saying", "He’s claiming":
    /// a pronoun contracted with its auxiliary, `pronouns` `@contracted`; a negative contraction, "isn’t
    /// saying"), or an adverbial after a
    /// preposition or a conjunction ("by calling", "while chanting"). After a noun or a name it
    /// modifies the noun ("a demonstration demanding …"): no cue, unless a clause follows it
    /// ("that", "there", a subject pronoun: "30 percent of voters saying they …", where the noun
    /// is the speaker). It decides every -ing form.
    public static let cueIngClause = QuoteRule(name: "cue-ing-clause", effect: .accepts,
        summary: "-ing: a cue as a participle clause, progressive or adverbial, not after a noun")
}

extension QuoteAnalysis {
    /// `cue-ing-clause` (`QuoteRules.cueIngClause`).
    func cueIngClause(_ c: CueSite) -> CueDecision {
        guard c.token.flags.contains(.ingForm) else { return .undecided }
        let q = beforeFillers(c.at)
        guard q >= 0, tokenParagraph[q] == tokenParagraph[c.at] else { return .accepts }
        let u = tokens[q]
        // A clause start.
        if u.kind == .punct || u.kind == .dash || u.kind == .mark || u.kind == .openBracket { return .accepts }
        // A progressive, or an adverbial after a preposition or a conjunction ("while", "and").
        if isBeForm(q) || u.flags.contains(.preposition)
            || (u.flags.contains(.function) && !u.flags.contains(.determiner) && !u.flags.contains(.pronoun)) {
            return .accepts
        }
        // A pronoun contracted with its auxiliary: a progressive.
        if u.flags.contains(.pronoun) && !u.flags.contains(.determiner) && u.flags.contains(.contracted) { return .accepts }
        // A negative contraction among the fillers before it ("The mayor isn’t saying who …",
        // `speaker_cue_fillers`): a be-form with "not", a progressive. The contractions are the
        // `auxiliaries` that are no `function_words`; "has", "have" are both ("to have admitting
        // privileges" is no progressive).
        if ((q + 1)..<c.at).contains(where: { tokens[$0].flags.contains(.auxiliary) && !tokens[$0].flags.contains(.function) }) {
            return .accepts
        }
        // A clause after it: the noun before is its subject ("30 percent of voters saying they …").
        if clauseFollowsCue(c.at) { return .accepts }
        return .rejects
    }
}
