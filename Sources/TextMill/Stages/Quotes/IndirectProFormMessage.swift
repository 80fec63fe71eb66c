/// Rule `pro-form-message`: a verb of saying whose message is a word that stands for it
/// (`message_proforms`: so, yes, no, the same, as much, otherwise) or a clause cut short to its
/// subject pronoun and auxiliary reports those words as its content: "Asked if he was ever
/// bullied, the candidate said no.", "Last month, 26 percent said the same.", "Top aides
/// acknowledged as much in an interview.", "Asked whether he would vote for the levy, the
/// councillor said he would." PolNeAR's annotators mark these words as the reported content;
/// the other rules need a clause of at least three words and read nothing.
///
/// Tried after `bare-complement`. Accepts only a speaker before the cue (or the subject it
/// shares with an earlier verb), the words right after the cue or its hearer ("told reporters
/// so"; "that" before a cut clause: "said that she would"), and after them, past adjuncts ("so
/// publicly", "so in December"), the end of the clause: punctuation, the sentence end or a word
/// that opens the writer's next clause ("said yes while …", "said no but …"). "says no matter
/// what …" and "said he would resign" go on and are read by other rules or not at all.
extension QuoteAnalysis {
    func proFormMessageSpeech(_ v: VerbCue, sentence: Range<Int>) -> ReportedSpeech? {
        let hi = sentence.upperBound
        guard v.speaker != nil, !v.naming else { return nil }
        let j = skipHearer(cue: v.first, from: v.last + 1, upper: hi)
        guard j < hi, tokenQuotation[j] < 0, let words = messageProform(at: j, upper: hi) else { return nil }
        let (first, end) = words
        let k = skipAdjuncts(end + 1, upper: hi)
        guard k >= hi || endsProformClause(k) else { return nil }
        return ReportedSpeech(speaker: v.speaker, cue: (v.first, v.last), contents: [(first, end)], rule: QuoteRules.proFormMessage)
    }

    /// The pro-form at `j`: a phrase of `message_proforms`, or ("that" and) a subject pronoun and
    /// one auxiliary ("he would", "she didn't"), as its first and last token.
    func messageProform(at j: Int, upper: Int) -> (Int, Int)? {
        if let end = messageProformEnd(at: j), end < upper { return (j, end) }
        let s = tokens[j].word == lexicon.words.that ? j + 1 : j
        guard s + 1 < upper, tokenQuotation[s + 1] < 0 else { return nil }
        let subject = tokens[s], aux = tokens[s + 1]
        guard subject.kind == .word, subject.flags.contains(.pronoun), !subject.flags.contains(.contracted),
              !subject.flags.contains(.relative), !subject.flags.contains(.determiner),
              aux.kind == .word, aux.flags.contains(.auxiliary), aux.shape.contains(.lowercase) else { return nil }
        return (s, s + 1)
    }

    /// If a pro-form of `message_proforms` ("so", "the same") starts at `i`, its last token.
    func messageProformEnd(at i: Int) -> Int? {
        guard tokens[i].kind == .word, tokens[i].flags.contains(.messageProformStart) else { return nil }
        return phraseEnd(of: lexicon.messageProforms, at: i)
    }

    /// Token `k` ends the clause a pro-form closes: punctuation, or a word that opens the
    /// writer's next clause ("while", "but", "and").
    private func endsProformClause(_ k: Int) -> Bool {
        let t = tokens[k]
        if t.kind != .word && t.kind != .number { return t.kind != .mark }
        guard t.kind == .word else { return false }
        let w = lexicon.words
        return t.flags.contains(.contentCloser) || t.word == w.but || t.word == w.and
    }
}
