/// Rule `according-to`: a source phrase (`source_phrases`: "according to") names the speaker
/// after it, and the content is the rest of the sentence: "According to X, CONTENT." (content
/// after the phrase and its comma) or "CONTENT, according to X." (content before the comma).
///
/// Rejects a pronoun as the source ("according to him" is left to the speaker rules of the
/// sentence around it) and a phrase with no comma between source and content, where the
/// source's own phrase cannot be told from the content.
extension QuoteAnalysis {
    func accordingToSpeech(at i: Int, sourceEnd e: Int, sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        guard let speaker = speakerAfter(cueLast: e, upper: hi), speaker.form != .pronoun else { return nil }
        let speakerEnd = max(speaker.last, speaker.roleLast)
        if i > lo && tokens[i - 1].isPunct(0x2C) {
            // "CONTENT, according to X."
            guard let c = trimmedContent(lo, i - 2, clauseCuts: false) else { return nil }
            return ReportedSpeech(speaker: speaker, cue: (i, e), contents: [c], rule: QuoteRules.accordingTo)
        }
        // "According to X, CONTENT."
        var j = speakerEnd + 1
        while j < hi && (tokens[j].kind == .closeBracket || tokens[j].isPunct(0x2C)) { j += 1 }
        guard j > speakerEnd + 1, let c = trimmedContent(j, hi - 1) else { return nil }
        return ReportedSpeech(speaker: speaker, cue: (i, e), contents: [c], rule: QuoteRules.accordingTo)
    }
}
