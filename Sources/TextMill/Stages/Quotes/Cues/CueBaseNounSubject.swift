extension QuoteRules {
    /// `cue-base-noun-subject`: a base form that is also a noun (`@noun`: "claim", "report",
    /// "comment") is a verb only after a plural subject ("they claim", "Democrats report", "Mr.
    /// King and Mr. Schultz report", "advisers to Mr. Obama claim"), an auxiliary or "to" ("will
    /// comment", "to report"), a relative pronoun or a comma; after a singular name it is a noun
    /// ("Battleground state Florida report"). After "and", "or" or "but" it is a verb only when
    /// no noun follows it ("will visit the port and report that …"); before one it modifies that
    /// noun ("local and state officials", "But state law requires …", "Clinton and State
    /// Department aides").
    public static let cueBaseNounSubject = QuoteRule(name: "cue-base-noun-subject", effect: .rejects,
        summary: "a base form that is also a noun (claim) needs a plural subject or an auxiliary")
}

extension QuoteAnalysis {
    /// `cue-base-noun-subject` (`QuoteRules.cueBaseNounSubject`).
    func cueBaseNounSubject(_ c: CueSite) -> CueDecision {
        let f = c.token.flags
        guard f.contains(.nounForm) && f.contains(.baseForm) else { return .undecided }
        let q = beforeFillers(c.at)
        guard q >= 0, tokenParagraph[q] == tokenParagraph[c.at] else { return .rejects }
        let u = tokens[q]
        let pluralPronoun = u.flags.contains(.pronoun) && !u.flags.contains(.determiner) && !u.flags.contains(.male)
            && !u.flags.contains(.female) && u.word != lexicon.words.it
        let auxiliary = u.flags.contains(.function) && !u.flags.contains(.determiner) && !u.flags.contains(.preposition)
        let subject = pluralPronoun || isPlural(q) || isPluralSubjectName(q) || auxiliary || u.word == lexicon.words.to
            || u.flags.contains(.relative) || u.isComma
        guard subject else { return .rejects }
        let conjunction = u.word == lexicon.words.and || u.word == lexicon.words.or || u.word == lexicon.words.but
        return conjunction && nounFollows(c.at) ? .rejects : .undecided
    }

    /// A noun or name right after token `i` in its paragraph: a word that is no function word,
    /// pronoun, relative pronoun or verb of saying ("state officials", "State Department").
    private func nounFollows(_ i: Int) -> Bool {
        let n = i + 1
        guard n < tokens.count, tokenParagraph[n] == tokenParagraph[i] else { return false }
        let t = tokens[n]
        guard t.kind == .word, !t.flags.contains(.function), !t.flags.contains(.pronoun), !t.flags.contains(.relative) else { return false }
        return t.shape.contains(.capitalized) || !t.flags.contains(.cue)
    }
}
