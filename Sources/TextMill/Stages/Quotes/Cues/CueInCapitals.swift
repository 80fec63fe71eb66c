extension QuoteRules {
    /// `cue-in-capitals`: a cue word in capitals longer than `CueInCapitals.longest` letters
    /// ("SAYS" in "TRUMP SAYS TALKS ARE OVER") stands in a heading or a shouted line, not in the
    /// reporter's sentence: no cue. Short capitals stay cues.
    public static let cueInCapitals = QuoteRule(name: "cue-in-capitals", effect: .rejects,
        summary: "a cue word in capitals (SAYS) is a heading's word, not a cue")
}

/// Limits of `cue-in-capitals`.
enum CueInCapitals {
    /// The longest cue word in capitals that still counts as a cue, in bytes.
    static let longest = 3
}

extension QuoteAnalysis {
    /// `cue-in-capitals` (`QuoteRules.cueInCapitals`).
    func cueInCapitals(_ c: CueSite) -> CueDecision {
        c.token.shape.contains(.allCaps) && Int(c.token.end - c.token.start) > CueInCapitals.longest ? .rejects : .undecided
    }
}
