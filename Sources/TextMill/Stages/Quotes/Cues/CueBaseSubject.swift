extension QuoteRules {
    /// `cue-base-subject`: a base form ("say", "tell") is a verb after a subject that takes it: a
    /// pronoun, a plural, a speaker noun, a relative pronoun, a plural name ("Democrats say",
    /// "Mr. King and Mr. Schultz say"), an auxiliary or "to" ("will say", "to say"), or a comma
    /// ("…,” say officials"), or, whatever stands before it, when a clause follows it ("Aides to
    /// Clinton say she is …", "One in five say that …"). After anything else it is a noun or an
    /// imperative ("have a say").
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
        return subject || clauseFollowsCue(c.at) ? .undecided : .rejects
    }

    /// The word after the cue at `i` opens a clause, so the cue is a verb whatever stands before
    /// it ("Aides to Clinton say she is shifting", "One in five say that it won't", "Some
    /// officials here say there is …"): "that", "there", or a subject pronoun ("she", "they";
    /// not a possessive, an object pronoun or "it", which can be a noun's object: "say it").
    func clauseFollowsCue(_ i: Int) -> Bool {
        let n = i + 1
        guard n < tokens.count, tokenParagraph[n] == tokenParagraph[i], tokens[n].kind == .word, tokens[n].shape.contains(.lowercase) else { return false }
        let t = tokens[n]
        if t.word == lexicon.words.that || t.word == lexicon.words.there { return true }
        return t.flags.contains(.pronoun) && !t.flags.contains(.determiner) && !isObjectPronoun(n) && t.word != lexicon.words.it
    }
}
