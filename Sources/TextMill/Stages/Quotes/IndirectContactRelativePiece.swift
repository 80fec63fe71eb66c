/// Rule `contact-relative-piece`: a relative clause with no relative word ("a probe the harbor
/// police said was open until May") opens right after a noun phrase, and when the words after its
/// cue start with a be-form or an auxiliary, that noun phrase is the subject of the clause they
/// report: the police said *the probe* was open until May. PolNeAR's annotators mark the noun phrase
/// as the content's first piece and the clause from the verb as the second, as for "which" in
/// `relative-pronoun-piece`; without this rule the be-form was passed over as an adjunct of the
/// cue and the content lost its verb ("open until May").
///
/// Accepts, where `cue-then-content` or `bare-complement` read one content right after the cue
/// and no relative pronoun stands before the speaker: a noun phrase of a determiner and at most
/// `contactAntecedentWords` lower-case words that are no verb, time word, preposition or
/// function word, ending right before the speaker (or its role). Rejects any other word after
/// the cue: with an object gap ("the ferry the mayor said the city should buy") or a past
/// tense ("a vote the mayor said decided it") the two noun phrases are as often a time
/// adverbial and a subject ("This week the mayor said the city …") or a clause of the writer's.
extension QuoteRules {
    public static let contactRelativePiece = QuoteRule(name: "contact-relative-piece", effect: .accepts,
        summary: "a noun phrase right before speaker and cue, the clause going on with a be-form (a probe the police said was open): a piece of the reported clause")
}

extension QuoteAnalysis {
    /// `speech` with the noun phrase ending at `p`, right before its speaker, as the content's
    /// first piece and the content started again at the be-form or auxiliary at `after` (the
    /// token after the cue), when `contact-relative-piece` applies; else `speech` unchanged.
    func withContactRelativePiece(_ speech: ReportedSpeech, antecedentEnd p: Int, after: Int, lower lo: Int) -> ReportedSpeech {
        guard after <= speech.contents[0].0, isBeForm(after) || tokens[after].flags.contains(.auxiliary),
              tokens[after].shape.contains(.lowercase), let first = contactAntecedentStart(p, lower: lo) else { return speech }
        var out = speech
        out.contents = [(first, p), (after, speech.contents[0].1)]
        note(QuoteRules.contactRelativePiece, span(first, p), "the clause after “\(words(speech.cue.first, speech.cue.last))” goes on from “\(words(after, after))” with “\(words(first, p))” as its subject")
        return out
    }

    /// The determiner that opens the noun phrase ending at `p`: lower-case words that can sit
    /// in a noun phrase (`isContentWord`), no verb, time word or word in quotation marks, at most
    /// `contactAntecedentWords` of them; nil when no determiner opens them.
    func contactAntecedentStart(_ p: Int, lower lo: Int) -> Int? {
        var k = p
        while k >= lo && p - k < Self.contactAntecedentWords {
            let t = tokens[k]
            guard t.kind == .word, t.shape.contains(.lowercase), tokenQuotation[k] < 0, isContentWord(k),
                  !isVerbLike(k), !isTime(k), !t.flags.contains(.preposition) else { return nil }
            k -= 1
            if k >= lo && isDeterminer(k) && tokenQuotation[k] < 0 { return k }
        }
        return nil
    }

    /// At most this many words between the determiner and the speaker of a relative clause
    /// without a relative word (`contact-relative-piece`).
    static let contactAntecedentWords = 4
}
