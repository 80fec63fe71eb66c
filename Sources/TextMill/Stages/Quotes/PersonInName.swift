extension QuoteRules {
    /// `person-in-name`: a person's name inside a longer name speaks as the person ("Ted Cruz of
    /// Texas", "Mr. Nevins of Showtime", "The Harbor Post’s Dana Hale"): the entity is keyed and
    /// named by the person's words, so it is the entity of "Ted Cruz" and "Dana Hale" written
    /// elsewhere in the document (`SpeakerGrouping.swift`). The speaker's words stay as written.
    public static let personInName = QuoteRule(name: "person-in-name", effect: .attributes,
        summary: "a person's name with a place after 'of' or an owner before it (Ted Cruz of Texas, the Post's Dana Hale) is that person's entity")
}

extension SpeakerGrouping {
    /// `person-in-name`: the person's name inside name `ref`, or nil. A person's name is two name
    /// words or more opening with a known first name or an honorific (`first_names`,
    /// `honorifics`; titles before it are passed over), as `QuoteAnalysis.personNames` reads it.
    /// It stands before "of" and name words ("Ted Cruz of Texas"; not "Johnny Isakson of
    /// Georgia and John Boozman of Arkansas", two people), or after name words ending in a
    /// possessive ("The Harbor Post’s Dana Hale"). Until session 36 each such name
    /// was an entity of its own beside the person's (PolNeAR train: ten documents).
    func personInside(_ ref: Reference, quotes: [Quote]) -> Reference? {
        guard ref.isName, ref.last > ref.first else { return nil }
        let tokens = analysis.tokens
        let of = analysis.lexicon.words.of
        // Most names hold neither a possessive nor "of": they are passed over at once. The owner
        // before a possessive, if any: the person starts after it.
        var first = ref.first, hasOf = false
        for i in ref.first..<ref.last {
            if tokens[i].shape.contains(.possessive) { first = i + 1 } else if tokens[i].word == of { hasOf = true }
        }
        guard first > ref.first || hasOf else { return nil }
        while first < ref.last && tokens[first].flags.contains(.title) && !tokens[first].flags.contains(.honorific) { first += 1 }
        let opening = tokens[first].flags
        guard opening.contains(.maleName) || opening.contains(.femaleName) || opening.contains(.honorific) else { return nil }
        // The person's words end before "of", which capitalized words follow.
        var last = first + 1
        while last <= ref.last && analysis.isNameWord(last) { last += 1 }
        last -= 1
        guard last > first else { return nil }
        // After "of", name words only ("of New York"; not "of Georgia and John Boozman").
        if last < ref.last {
            guard tokens[last + 1].word == of, last + 2 <= ref.last else { return nil }
            for k in (last + 2)...ref.last where !analysis.isNameWord(k) { return nil }
        }
        guard first > ref.first || last < ref.last else { return nil }
        if ref.quote >= 0 { analysis.note(QuoteRules.personInName, quotes[ref.quote].span, analysis.words(first, last)) }
        return Reference(quote: ref.quote, first: first, last: last, head: last, isName: true, roleFirst: ref.roleFirst, roleLast: ref.roleLast)
    }
}
