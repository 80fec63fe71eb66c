/// Rule `according-to`: a source phrase (`source_phrases`: "according to") names the speaker
/// after it, and the content is the rest of the sentence: "According to X, CONTENT." (content
/// after the phrase and its comma) or "CONTENT, according to X." (content before the comma); a
/// phrase inside the sentence splits the content in two ("CONTENT, according to X, CONTENT.":
/// "The cost of the plan, according to the budget office, would double by 2030"), when what
/// follows the source's comma goes on from the first piece (a verb) or is a clause of its own.
///
/// The source may run on past the speaker's name up to its comma ("According to the mayor's
/// budget plan, …", "According to the officer in charge of the base that night, …": words,
/// numbers and possessives only, within `QuoteReach.sourcePhraseTokens`). A word or two and a
/// comma before the phrase ("But, according to the poll, …") are no content: the content
/// follows. What reads as an apposition of the source ("According to the budget plan, the city
/// faces …") is the content when the sentence goes on after it with no comma. Rejects a subject
/// pronoun as the source ("according to it" is left to the speaker rules of the sentence around
/// it; an object pronoun, "according to him", is a speaker: rule `object-pronoun-speaker`) and a
/// phrase with no comma between source and content, where the source's own phrase cannot be told
/// from the content.
///
/// A source is not always a speaker: "according to new Crowdpac research", "according to recent
/// data from comScore", "according to polling by the A.F.L.-C.I.O." When no speaker phrase can be
/// read after the phrase, the words up to the next comma or the sentence end are the source
/// (`sourceAfter`), its head the last word before a preposition.
extension QuoteAnalysis {
    func accordingToSpeech(at i: Int, sourceEnd e: Int, sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        guard let speaker = sourceSpeaker(afterSourcePhrase: e, upper: hi) ?? sourceAfter(cueLast: e, upper: hi), canBeSource(speaker) else { return nil }
        let speakerEnd = max(speaker.last, speaker.roleLast)
        if i > lo && tokens[i - 1].isComma, let c = trimmedContent(lo, i - 2, clauseCuts: false) {
            // "CONTENT, according to X." and "CONTENT, according to X, CONTENT."
            let rest = contentGoingOn(afterSource: speakerEnd, upper: hi)
            return ReportedSpeech(speaker: speaker, cue: (i, e), contents: [c] + (rest.map { [$0] } ?? []), rule: QuoteRules.accordingTo)
        }
        // "According to X, CONTENT."
        if let c = contentAfterSource(speakerEnd, upper: hi) {
            return ReportedSpeech(speaker: speaker, cue: (i, e), contents: [c], rule: QuoteRules.accordingTo)
        }
        // What looked like an apposition of the source is the content's subject: "According to
        // the budget plan, the city faces a deficit".
        guard speaker.roleLast > speaker.last, let c = contentAfterSource(speaker.last, upper: hi) else { return nil }
        var bare = speaker
        bare.roleFirst = -1
        bare.roleLast = -1
        return ReportedSpeech(speaker: bare, cue: (i, e), contents: [c], rule: QuoteRules.accordingTo)
    }

    /// The second piece of a content that a source phrase interrupts ("The cost of the plan,
    /// according to the budget office, would double", "Over the long term, according to the
    /// budget office, the deficit will grow"): after
    /// the comma that closes the source, a verb that goes on from the piece before (an auxiliary,
    /// a verb in -ed or -s) or a clause of its own. Not an apposition of the source ("…, a
    /// research firm"), a relative or participle clause ("…, which tracks …", "…, taking …") or
    /// the writer's next clause ("…, but …", "…, while …").
    func contentGoingOn(afterSource speakerEnd: Int, upper hi: Int) -> (Int, Int)? {
        let comma = sourceComma(after: speakerEnd, upper: hi) ?? speakerEnd + 1
        let f = comma + 1
        guard f < hi, tokens[comma].isComma, tokenQuotation[f] < 0, tokens[f].kind == .word else { return nil }
        let t = tokens[f]
        // "…, a research firm": an indefinite phrase after the source is its apposition.
        guard !isDeterminer(f) || t.word == lexicon.words.the else { return nil }
        let goesOn = t.shape.contains(.lowercase) && !t.flags.contains(.ingForm) && !t.flags.contains(.relative)
            && !t.flags.contains(.contentCloser) && !isDeterminer(f)
            && (t.flags.contains(.auxiliary) || isBeForm(f) || isVerbLike(f) || looksLikeVerbInS(f, upper: hi))
        guard goesOn || startsNewClause(f, upper: hi) else { return nil }
        return trimmedContent(f, hi - 1)
    }

    /// The content after a source phrase whose speaker ends at `speakerEnd`: past the comma (and
    /// brackets) that closes the phrase.
    func contentAfterSource(_ speakerEnd: Int, upper hi: Int) -> (Int, Int)? {
        var j = sourceComma(after: speakerEnd, upper: hi) ?? speakerEnd + 1
        while j < hi && (tokens[j].kind == .closeBracket || tokens[j].isComma) { j += 1 }
        guard j > speakerEnd + 1, tokens[j - 1].isComma || tokens[j - 1].kind == .closeBracket else { return nil }
        return trimmedContent(j, hi - 1)
    }

    /// The comma that ends a source phrase going on after the speaker's name ("the mayor's
    /// budget plan,"), if only words, numbers and possessives stand before it.
    func sourceComma(after speakerEnd: Int, upper: Int) -> Int? {
        var k = speakerEnd + 1
        while k < upper && k <= speakerEnd + QuoteReach.sourcePhraseTokens {
            let t = tokens[k]
            if t.isComma { return k > speakerEnd + 1 ? k : nil }
            guard tokenQuotation[k] < 0, t.kind == .word || t.kind == .number, !t.isSentenceEnd else { return nil }
            k += 1
        }
        return nil
    }

    /// The source after a source phrase ending at `e` when it is no speaker phrase: words and
    /// numbers up to a comma or the sentence end, within `QuoteReach.sourcePhraseTokens`; nil for
    /// a pronoun ("according to him"), quoted words or nothing.
    func sourceAfter(cueLast e: Int, upper: Int) -> SpeakerPhrase? {
        var k = e + 1, head = -1, linked = false
        guard k < upper, !tokens[k].flags.contains(.pronoun) || tokens[k].flags.contains(.determiner) else { return nil }
        while k < upper && k <= e + QuoteReach.sourcePhraseTokens {
            let t = tokens[k]
            if t.isComma || t.isSentenceEnd && t.kind == .punct { break }
            guard tokenQuotation[k] < 0, t.kind == .word || t.kind == .number else { return nil }
            if t.kind == .word && t.flags.contains(.preposition) { linked = true } else if !linked { head = k }
            k += 1
        }
        guard head > e, k <= e + QuoteReach.sourcePhraseTokens || k == upper else { return nil }
        return SpeakerPhrase(first: e + 1, last: k - 1, head: head, form: .common)
    }
}
