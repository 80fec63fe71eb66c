extension QuoteRules {
    /// `object-pronoun-speaker`: an object pronoun as the speaker ("according to him", "…,”
    /// according to them", `object_pronouns`) stands for someone named before, as a subject
    /// pronoun does: `pronoun-resolution` links it to the nearest speaker or person it can stand
    /// for, else it is unresolved ("according to us"); it is never a name. Until session 37
    /// "him" was read as a common noun phrase, the entity "him".
    public static let objectPronounSpeaker = QuoteRule(name: "object-pronoun-speaker", effect: .attributes,
        summary: "an object pronoun as the speaker (according to him) stands for someone named before, or is unresolved: never a name")
}

extension QuoteAnalysis {
    /// The speaker a source phrase ending at `e` names ("according to him", "…,” according to
    /// X"): an object pronoun standing alone (rule `object-pronoun-speaker`), else the speaker
    /// phrase after it. After a verb an object pronoun is its hearer or object ("told him",
    /// "calling him “a stiff”"), never its speaker: only a source phrase names one.
    func sourceSpeaker(afterSourcePhrase e: Int, upper: Int) -> SpeakerPhrase? {
        if e + 1 < upper && isObjectPronounAlone(e + 1, upper: upper) { return SpeakerPhrase(first: e + 1, last: e + 1, head: e + 1, form: .pronoun) }
        return speakerAfter(cueLast: e, upper: upper)
    }

    /// Rule `object-pronoun-speaker`: token `i` is an object pronoun standing alone as a noun
    /// phrase: "him", "them", or "her" before punctuation that ends the phrase ("according to
    /// her," not "according to her lawyer" or "according to her “clawback” plan", where it is a
    /// possessive).
    func isObjectPronounAlone(_ i: Int, upper: Int) -> Bool {
        let t = tokens[i]
        guard t.kind == .word, t.flags.contains(.objectPronoun), t.shape.contains(.lowercase) else { return false }
        guard t.flags.contains(.determiner), i + 1 < upper else { return true }
        let n = tokens[i + 1]
        return n.kind == .punct || n.kind == .dash || n.kind == .closeBracket
    }

    /// A speaker a source phrase ("according to") can name: any but a subject pronoun ("it"),
    /// which is left to the speaker rules of the sentence around it; an object pronoun is one
    /// (`object-pronoun-speaker`).
    func canBeSource(_ s: SpeakerPhrase) -> Bool {
        s.form != .pronoun || tokens[s.head].flags.contains(.objectPronoun)
    }
}
