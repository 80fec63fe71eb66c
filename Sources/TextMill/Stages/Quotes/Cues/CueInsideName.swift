extension QuoteRules {
    /// `cue-inside-name`: a capitalized cue word after a capitalized word or "the" is a word of a
    /// name ("The New York Post", "the United States", "Fox News Reports"), not a verb.
    public static let cueInsideName = QuoteRule(name: "cue-inside-name", effect: .rejects,
        summary: "capitalized after a name word or 'the' (the United States): part of a name")
}

extension QuoteAnalysis {
    /// `cue-inside-name` (`QuoteRules.cueInsideName`).
    func cueInsideName(_ c: CueSite) -> CueDecision {
        guard let p = c.previous, c.token.shape.contains(.capitalized) else { return .undecided }
        let before = tokens[p]
        guard before.kind == .word else { return .undecided }
        let nameWord = before.shape.contains(.capitalized) && !before.flags.contains(.function)
        return nameWord || before.word == lexicon.words.the ? .rejects : .undecided
    }
}
