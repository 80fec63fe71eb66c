/// Rule `split-before-quotation`: an attribution between commas with a direct quotation after
/// it reports the words before it too: "In other words, he said, “the era of easy money is
/// over.”", "If the levy fails, the mayor said, “we will close two libraries.”" The quotation is
/// direct (its own rules read it); the piece before the attribution is the indirect start of the
/// same utterance, reported in the writer's words.
///
/// Accepts only "PIECE, SPEAKER CUE[ hearer][ adjuncts], “…" with a speaker before the cue, the
/// quotation opening right after the comma and no quoted words in the piece. Rejects a verb of
/// belief (`@thought`: "…, X believes, “…”" is an aside), a piece that is itself a quotation
/// ("“…,” he said, “…”": two direct pieces), and a piece that sets the scene rather than saying
/// anything (`isSceneSetting`): "In a statement Thursday, X said, “…”", "Asked about the levy,
/// X said, “…”", "Holding open a book, X said, “…”", "A few minutes later, he added, “…”". A
/// colon before the quotation ("…, X said: “…”") introduces it alone.
extension QuoteAnalysis {
    func splitBeforeQuotationSpeech(_ v: VerbCue, sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        guard let speaker = v.speaker, !tokens[v.first].flags.contains(.thought) else { return nil }
        let speakerStart = min(speaker.first, speaker.roleFirst >= 0 ? speaker.roleFirst : speaker.first)
        guard let comma = commaBefore(speakerStart, lower: lo), tokens[comma + 1].kind != .mark, comma > lo else { return nil }
        let j = skipAdjuncts(skipHearer(cue: v.first, from: v.last + 1, upper: hi), upper: hi)
        guard j + 1 < hi, tokens[j].isComma, tokens[j + 1].kind == .mark,
              tokenQuotation[j + 1] >= 0, quotations[Int(tokenQuotation[j + 1])].open == j + 1,
              !hasQuotedToken(lo, through: comma - 1),
              let before = trimmedContent(lo, comma - 1, clauseCuts: false, minimumWords: 1),
              !isSceneSetting(before.0, before.1) else { return nil }
        return ReportedSpeech(speaker: speaker, cue: (v.first, v.last), contents: [before], rule: QuoteRules.splitBeforeQuotation)
    }

    /// The piece `first...last` before an attribution only sets the scene: it opens with a
    /// preposition ("In a statement"), a time word, a cue word ("Asked about …") or a participle
    /// ("Holding open a book"), or ends with a time word ("A few minutes later").
    func isSceneSetting(_ first: Int, _ last: Int) -> Bool {
        let t = tokens[first]
        let opener: WordFlags = [.preposition, .time, .cue]
        return (t.kind == .word && !t.flags.isDisjoint(with: opener)) || isParticipleClause(first) || isTime(last)
    }
}
