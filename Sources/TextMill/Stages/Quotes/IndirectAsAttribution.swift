/// Rule `as-attribution`: "As X noted, CONTENT." and "…, but as X said on Friday, CONTENT.": an
/// attribution clause opened by "as" and closed by a comma introduces the content after it.
///
/// Accepts only "as" at the sentence start or after a comma or conjunction, a speaker before the
/// cue, and nothing but a hearer and adjuncts between the cue and the comma. Rejects a verb of
/// belief (`@thought`: "As X believes, …" states a view the writer shares, not speech), and
/// leaves "…, as X put it." (content before, sentence end after) to `content-then-cue`.
extension QuoteAnalysis {
    func asAttributionSpeech(_ v: VerbCue, sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        guard let speaker = v.speaker, !tokens[v.first].flags.contains(.thought) else { return nil }
        let speakerStart = min(speaker.first, speaker.roleFirst >= 0 ? speaker.roleFirst : speaker.first)
        let a = speakerStart - 1
        guard a >= lo, tokens[a].word == lexicon.words.asWord else { return nil }
        if a > lo {
            let p = tokens[a - 1]
            guard p.isComma || p.word == lexicon.words.and || p.word == lexicon.words.but else { return nil }
        }
        let j = skipAdjuncts(skipHearer(cue: v.first, from: v.last + 1, upper: hi), upper: hi)
        guard j + 1 < hi, tokens[j].isComma, let c = trimmedContent(j + 1, hi - 1) else { return nil }
        return ReportedSpeech(speaker: speaker, cue: (v.first, v.last), contents: [c], rule: QuoteRules.asAttribution)
    }
}
