extension QuoteRules {
    /// `cue-base-subject`: a base form ("say", "tell") is a verb after a subject that takes it: a
    /// pronoun, a plural, a speaker noun, a relative pronoun, a plural name ("Democrats say",
    /// "Mr. King and Mr. Schultz say"), an auxiliary or "to" ("will say", "to say"), or a comma
    /// ("…,” say officials"), or, whatever stands before it, when a clause follows it ("Aides to
    /// Clinton say she is …", "One in five say that …", "47% say the state should act"). After anything else it is a noun or an
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
        return subject || clauseFollowsCue(c.at) || subjectAndVerbFollow(c.at) ? .undecided : .rejects
    }

    /// A subject and its verb follow the lower-case base form at `i` of a verb that reports only
    /// clauses (`@clause`): a subject opening with a determiner or a name and its verb ("47% say
    /// the state should act", "those surveyed say the economy, including jobs, should come
    /// first"), or any other subject and an auxiliary before any punctuation ("say stricter gun
    /// laws would help"): a verb whatever stands before it. A noun "say" takes no clause ("have a
    /// say in the plan"), a capitalized "Say" opening a sentence is an imperative ("Say Mexico
    /// demanded …"), other base forms are too often nouns or parts of a phrasal verb ("show up in
    /// their paychecks"), and "can’t say anything for sure now, except …" has an object.
    func subjectAndVerbFollow(_ i: Int) -> Bool {
        let n = i + 1
        guard tokens[i].flags.contains(.clauseFollows), tokens[i].shape.contains(.lowercase), n < tokens.count,
              tokenParagraph[n] == tokenParagraph[i], tokens[n].kind == .word else { return false }
        let upper = paragraphTokens[Int(tokenParagraph[i])].upperBound
        if isDeterminer(n) || isNameWord(n) { return startsClause(n, upper: upper) || auxiliarySoon(n, upper: upper) }
        return tokens[n].shape.contains(.lowercase) && auxiliarySoon(n, upper: upper)
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
