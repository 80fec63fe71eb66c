extension QuoteRules {
    /// `naming-evaluation`: a quotation that is what a naming verb calls its object ("calling him a
    /// “reckless gambler.”", "called the plan “a fantasy”", "called it their “best budget in a
    /// decade”") is the speaker's evaluation in their own words, not a label: `mixed`, cued by
    /// the naming verb, its content the object and the quoted words (to the clause end, as
    /// `fragment-clause` and reported speech read it). A definite article before the quoted
    /// words ("calling it the “Chinese virus”", "what they called the “bridge to nowhere”")
    /// makes them a name, and so does a passive ("is called"): `naming-label`.
    public static let namingEvaluation = QuoteRule(name: "naming-evaluation", effect: .accepts,
        summary: "what a naming verb calls its object (calling him a “…”): the speaker's evaluation, mixed")
}

extension QuoteAnalysis {
    /// The active naming verb (`naming_verbs`) whose object stands between it and the opening mark
    /// of `q` ("calling him a “…”", "called the plan “…”"), at most `namingObjectWords` words
    /// back in the frame from `lo`; nil when nothing stands between, when anything but words
    /// does, or when "the" is right before the mark.
    func namingEvaluationVerb(_ q: Quotation, lo: Int) -> Int? {
        guard q.open > lo else { return nil }
        var i = q.open - 1
        while i >= lo && i >= q.open - 1 - Self.namingObjectWords {
            let t = tokens[i]
            guard t.kind == .word else { return nil }
            if t.flags.contains(.namingVerb) {
                let object = q.open - 1 - i
                if object == 0 || tokens[q.open - 1].word == lexicon.words.the || isBeForm(beforeFillers(i)) { return nil }
                return i
            }
            i -= 1
        }
        return nil
    }

    /// How many words an object and a determiner between a naming verb and the quoted words may
    /// have ("calling the new harbor plan a “…”").
    static let namingObjectWords = 5
}
