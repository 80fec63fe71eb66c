/// Rule `relative-pronoun-piece`: a relative pronoun right before the speaker and cue opens the
/// clause they report, and stands for a part of it that the words after the cue leave out: the
/// object ("the new dock, which the mayor said the city should have built": the city should
/// have built *which*) or the subject when the words after the cue start with its verb ("the
/// levy, which its leaders argue spreads the cost fairly"). PolNeAR's annotators mark the
/// pronoun as a piece of the content, as `relative-subject` gives it for "which she said were
/// …"; this rule gives it where `cue-then-content` or `bare-complement` read the content right
/// after the cue. A be-form or auxiliary right after the cue, which the cue's adjuncts pass over
/// ("what she said is growing demand" read "growing demand"), is the clause's verb and starts
/// the content again.
///
/// The pronoun is "which", "who" or "whom" that no preposition governs ("the hall in which he
/// said …": the pronoun belongs to "in", not to the reported clause), and not before "to" ("which
/// he expects to win"). "what" after a word of its sentence opens such a clause too, but holds
/// its own antecedent ("the thing that"): it gets no piece (on PolNeAR train the annotators
/// leave it out 12 times in 14), only the content's start at the be-form. "that" is left out:
/// it is as often the conjunction ("made it clear that he said …").
extension QuoteRules {
    public static let relativePronounPiece = QuoteRule(name: "relative-pronoun-piece", effect: .accepts,
        summary: "a relative pronoun before speaker and cue (which he said the city should pay for): a piece of the reported clause")
}

extension QuoteAnalysis {
    /// `speech` with the relative pronoun before its speaker as the content's first piece, when
    /// `relative-pronoun-piece` applies: one content, right after the cue (or after a be-form or
    /// auxiliary there), and a relative pronoun (`objectRelative`) right before the speaker (or
    /// its role); for "what", the content from that be-form and no piece.
    func withRelativePronounPiece(_ speech: ReportedSpeech, _ v: VerbCue, lower lo: Int) -> ReportedSpeech {
        guard !speech.quotedOnly, !v.sharedSubject, !v.naming, speech.contents.count == 1, let speaker = v.speaker else { return speech }
        // The content starts right after the cue, or after a be-form or auxiliary there that
        // the cue's adjuncts took in ("what she said is growing demand"): with the pronoun as
        // its subject, that verb is the reported clause's and starts the content.
        let after = speech.cue.last + 1
        var k = after
        while k < speech.contents[0].0 && (isBeForm(k) || tokens[k].flags.contains(.auxiliary)) { k += 1 }
        guard k == speech.contents[0].0 else { return speech }
        // "which he expects to win": an infinitive after the cue is its own object, not a clause.
        guard tokens[after].word != lexicon.words.to else { return speech }
        let speakerStart = speaker.roleFirst >= 0 ? min(speaker.first, speaker.roleFirst) : speaker.first
        let p = speakerStart - 1
        guard p >= lo, tokenQuotation[p] < 0 else { return speech }
        // No relative word: a noun phrase right before the speaker may open the clause (`contact-relative-piece`).
        guard objectRelative(p, lower: lo) else { return withContactRelativePiece(speech, antecedentEnd: p, after: after, lower: lo) }
        var out = speech
        // "what" holds its own antecedent ("the thing that"): the annotators leave it out of the
        // content and keep the clause after the cue ("what she said [is growing demand]").
        guard tokens[p].word != lexicon.words.what else {
            guard after < speech.contents[0].0 else { return speech }
            out.contents = [(after, speech.contents[0].1)]
            note(QuoteRules.relativePronounPiece, span(after, speech.contents[0].1), "the clause of “what” goes on from “\(words(after, after))”")
            return out
        }
        out.contents = [(p, p), (after, speech.contents[0].1)]
        note(QuoteRules.relativePronounPiece, span(p, p), "the clause after “\(words(speech.cue.first, speech.cue.last))” goes on from “\(words(p, p))”")
        return out
    }

    /// Token `p` is a relative pronoun that can stand for a part of the clause it opens: "which",
    /// "who" or "whom" after no preposition, or "what" after a word of its sentence.
    func objectRelative(_ p: Int, lower lo: Int) -> Bool {
        let t = tokens[p]
        guard t.kind == .word, t.shape.contains(.lowercase) else { return false }
        let w = lexicon.words
        if t.word == w.what { return p > lo && tokens[p - 1].kind == .word }
        guard t.word == w.which || t.word == w.who || t.word == w.whom else { return false }
        return p == lo || !(tokens[p - 1].kind == .word && tokens[p - 1].flags.contains(.preposition))
    }
}
