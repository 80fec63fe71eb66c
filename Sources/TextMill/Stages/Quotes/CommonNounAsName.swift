extension QuoteRules {
    /// `common-noun-as-name`: a common noun capitalized only because it opens its sentence
    /// ("Police said …", "Sources say …", "Experts warned …": one word of `speaker_nouns` or
    /// `organisation_nouns`) is that common noun, not a name: it is keyed as the common phrase
    /// ("police" later in the story, "the police") and named in lower case, so a document has
    /// one entity for it and `GROUP BY name` counts "police" once across documents. Until
    /// session 37 "Police" and "police" were two entities (PolNeAR dev: 2 documents, train: 4).
    public static let commonNounAsName = QuoteRule(name: "common-noun-as-name", effect: .attributes,
        summary: "a common noun capitalized at its sentence's start (Police said) is that noun: one entity with police, named in lower case")
}

extension QuoteAnalysis {
    /// Rule `common-noun-as-name`: tokens `first...last` are one word of `speaker_nouns` or
    /// `organisation_nouns` (not a title or honorific, which `title-alone` reads), capitalized
    /// (not in capitals, a heading's or a transcript label's) and the first token of its sentence.
    func isCommonNounAsName(_ first: Int, _ last: Int) -> Bool {
        guard first == last else { return false }
        let t = tokens[first]
        guard t.kind == .word, t.flags.contains(.speakerNoun), !t.flags.contains(.title), !t.flags.contains(.honorific),
              t.shape.contains(.capitalized), !t.shape.contains(.allCaps) else { return false }
        return first == sentenceTokens[Int(tokenSentence[first])].lowerBound
    }
}
