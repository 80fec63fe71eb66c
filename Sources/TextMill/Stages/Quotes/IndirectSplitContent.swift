/// Rule `split-content`: an attribution in the middle of the reported words splits them into
/// two pieces, both content: "Instead, Axelrod said, the campaign started as the favorite.",
/// "In a merger, he said, the brand would survive." The piece before may be a single word or
/// phrase ("But", "At one point"): with words after the attribution, what stands before it
/// belongs to the same reported sentence.
///
/// Accepts only "PIECE, SPEAKER CUE[ hearer][ adjuncts], PIECE" with a speaker before the cue
/// and at least `splitContentMinimumAfterWords` words after it (two: "This campaign, he says,
/// is different."); rejects a verb of belief (`@thought`: "…, X believes, …"
/// is an aside) and an attribution that goes on past its adjuncts ("…, X said on Friday that …").
extension QuoteAnalysis {
    /// The fewest words the piece after the attribution must have ("is different").
    static let splitContentMinimumAfterWords = 2

    func splitContentSpeech(_ v: VerbCue, sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        guard let speaker = v.speaker, !tokens[v.first].flags.contains(.thought) else { return nil }
        let speakerStart = min(speaker.first, speaker.roleFirst >= 0 ? speaker.roleFirst : speaker.first)
        guard let comma = commaBefore(speakerStart, lower: lo), tokens[comma + 1].kind != .mark else { return nil }
        let j = skipAdjuncts(skipHearer(cue: v.first, from: v.last + 1, upper: hi), upper: hi)
        guard j < hi, tokens[j].isComma, j + 1 < hi, tokens[j + 1].kind != .mark,
              let after = trimmedContent(j + 1, hi - 1, minimumWords: Self.splitContentMinimumAfterWords),
              let before = trimmedContent(lo, comma - 1, clauseCuts: false, minimumWords: 1) else { return nil }
        return ReportedSpeech(speaker: speaker, cue: (v.first, v.last), contents: [before, after], rule: QuoteRules.splitContent)
    }
}
