extension QuoteRules {
    /// `demonstrative-speaker`: a demonstrative as the whole speaker, alone or with its verb
    /// written onto it ("That’s not to suggest that …", `demonstratives`), points at something
    /// said or done before, never at a person named: it keeps its words but is unresolved, with
    /// no entity and no name. Until session 37 "That’s", one capitalized word, was read as a
    /// name: the entity "That" (PolNeAR train: three documents).
    public static let demonstrativeSpeaker = QuoteRule(name: "demonstrative-speaker", effect: .attributes,
        summary: "a demonstrative as the whole speaker (That's not to suggest) names no one: unresolved, no name")
}

extension QuoteAnalysis {
    /// Rule `demonstrative-speaker`: whether tokens `first...last` are one demonstrative.
    func isDemonstrativeAlone(_ first: Int, _ last: Int) -> Bool {
        first == last && tokens[first].kind == .word && tokens[first].flags.contains(.demonstrative)
    }
}
