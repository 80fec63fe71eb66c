/// Rule `bare-complement`: a verb that reports a clause and nothing else (`@clause`: say,
/// argue, insist, …) makes whatever follows it, past a hearer and adjuncts, its message, even
/// when the words do not read as a clause: "The budget office said about half of the adjustment
/// reflected lost revenue" (a long subject), "He said states like Ohio will decide first" (a
/// subject that looks like a verb), "Voters said the same of Sanders" (no verb at all).
///
/// Tried after `cue-then-content` finds no that-clause, opener or clause (and after
/// `relative-subject`, which reads "which she said were …"). Accepts only a
/// speaker before the cue (or the subject it shares with an earlier verb: "… and said …"), and
/// a message that opens with a word or number that can start one: not a preposition ("said in
/// a statement" is an adjunct, "said of the plan" names a topic), a conjunction, a relative
/// pronoun, "to" or punctuation; the message must have at least
/// `minimumWords` words. Rejects verbs without `@clause` ("added a line to the budget", "wrote
/// a check": their object is a thing) and verbs of belief.
extension QuoteAnalysis {
    /// The fewest words the bare message must have ("said the same of Sanders").
    static let bareComplementMinimumWords = 4

    func bareComplementSpeech(_ v: VerbCue, sentence: Range<Int>) -> ReportedSpeech? {
        let hi = sentence.upperBound
        let cue = tokens[v.first]
        guard v.speaker != nil, !v.naming, cue.flags.contains(.clauseFollows), !cue.flags.contains(.thought) else { return nil }
        let j = skipAdjuncts(skipHearer(cue: v.first, from: v.last + 1, upper: hi), upper: hi)
        guard j < hi, tokenQuotation[j] < 0, opensBareMessage(j) else { return nil }
        guard let c = trimmedContent(j, contentLimit(cue: v.first, start: j, sentence: sentence),
                                     minimumWords: Self.bareComplementMinimumWords) else { return nil }
        return ReportedSpeech(speaker: v.speaker, cue: (v.first, v.last), contents: [c], rule: QuoteRules.bareComplement)
    }

    /// Token `j` can open a message standing after its cue: a word or number that is not a
    /// preposition, conjunction, relative pronoun or content closer ("while").
    func opensBareMessage(_ j: Int) -> Bool {
        let t = tokens[j]
        if t.kind == .number { return true }
        guard t.kind == .word else { return false }
        let closed: WordFlags = [.preposition, .relative, .contentCloser]
        guard t.flags.isDisjoint(with: closed) else { return false }
        return !lexicon.words.joiners.contains(t.word)
    }
}
