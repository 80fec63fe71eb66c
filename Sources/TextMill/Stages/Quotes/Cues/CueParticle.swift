extension QuoteRules {
    /// `cue-particle`: a verb listed with a particle (`point points pointed pointing +out`) is a
    /// cue only with the particle right after it in the same paragraph ("pointed out"); alone it
    /// means something else ("pointed to the map"). The cue then ends at the particle.
    public static let cueParticle = QuoteRule(name: "cue-particle", effect: .rejects,
        summary: "a verb listed with a particle (pointed out) needs the particle")
}

extension QuoteAnalysis {
    /// `cue-particle` (`QuoteRules.cueParticle`): moves the cue's end to its particle.
    func cueParticle(_ c: inout CueSite) -> CueDecision {
        guard c.token.flags.contains(.needsParticle) else { return .undecided }
        let i = c.at
        guard i + 1 < tokens.count, lexicon.particles[Int(c.token.word)].contains(tokens[i + 1].word),
              tokenParagraph[i + 1] == tokenParagraph[i] else { return .rejects }
        c.end = i + 1
        return .undecided
    }
}
