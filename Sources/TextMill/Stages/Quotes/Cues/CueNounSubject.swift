extension QuoteRules {
    /// `cue-noun-subject`: a present form that is also a noun (`@noun`: "reports", "claims",
    /// "notes") is a verb only right after a subject: a pronoun, a name, a plural, a speaker
    /// noun, a relative pronoun, an auxiliary or a comma ("Trump claims", "the ministry notes").
    /// A subject that is itself a modifier after a determiner or a possessive is no subject: "a
    /// UN report found", "the group’s claims"; a singular noun that speaks is a head ("the
    /// ministry claims", "the campaign's website states").
    public static let cueNounSubject = QuoteRule(name: "cue-noun-subject", effect: .rejects,
        summary: "a present form that is also a noun (reports) needs a subject right before it")
}

extension QuoteAnalysis {
    /// `cue-noun-subject` (`QuoteRules.cueNounSubject`).
    func cueNounSubject(_ c: CueSite) -> CueDecision {
        guard isNounCueForm(c.token) else { return .undecided }
        let i = c.at
        let q = beforeFillers(i)
        guard q >= 0, tokenParagraph[q] == tokenParagraph[i] else { return .rejects }
        let u = tokens[q]
        let subject = (u.flags.contains(.pronoun) && !u.flags.contains(.determiner)) || isNameWord(q) || isPlural(q)
            || u.flags.contains(.speakerNoun) || u.flags.contains(.relative)
            || (u.flags.contains(.function) && !u.flags.contains(.preposition) && !u.flags.contains(.determiner))
            || u.isComma
        if !subject { return .rejects }
        // "a UN report found": a modifier after a determiner, not a subject. A singular noun
        // that speaks is the subject's head ("the ministry claims", "the embassy notes").
        let speakingHead = u.flags.contains(.speakerNoun) && !u.flags.contains(.document) && !isPlural(q) && u.shape.contains(.lowercase)
        if !speakingHead, q - 1 >= 0, tokenParagraph[q - 1] == tokenParagraph[i], !u.isComma,
           (isDeterminer(q - 1) && tokens[q - 1].word != lexicon.words.that) || tokens[q - 1].shape.contains(.possessive) {
            return .rejects
        }
        return .undecided
    }

    /// A form of a verb that is also a noun, read as a noun unless its subject shows: the base or
    /// a present form ("claim", "claims"), not the past ("claimed").
    func isNounCueForm(_ t: Token) -> Bool {
        t.flags.contains(.nounForm) && (t.flags.contains(.baseForm) || !t.flags.contains(.pastForm))
    }
}
