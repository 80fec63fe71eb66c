extension QuoteRules {
    /// `cue-after-determiner`: no verb comes right after a determiner or a possessive, so a cue
    /// word there is a noun or an adjective ("a report", "Stumpf’s repeated emphasis"). Pronouns
    /// that look possessive are subjects ("He’s claiming"), and "that" may end a clause before
    /// its verb ("the officials that said").
    public static let cueAfterDeterminer = QuoteRule(name: "cue-after-determiner", effect: .rejects,
        summary: "right after a determiner or possessive (Stumpf’s repeated emphasis): no verb")
}

extension QuoteAnalysis {
    /// `cue-after-determiner` (`QuoteRules.cueAfterDeterminer`).
    func cueAfterDeterminer(_ c: CueSite) -> CueDecision {
        guard let p = c.previous else { return .undecided }
        let before = tokens[p]
        guard before.kind == .word, !before.flags.contains(.pronoun) else { return .undecided }
        let determiner = before.flags.contains(.determiner) && before.word != lexicon.words.that
        return determiner || before.shape.contains(.possessive) ? .rejects : .undecided
    }
}
