/// Rule `content-then-cue`: the content comes first and the attribution closes it: "CONTENT,
/// X said.", "CONTENT, X said, CONTENT." (both parts are content), also when the comma sits
/// inside a closing mark ("…,” X said"); the cue may take a hearer and adjuncts ("CONTENT, X
/// told reporters on Friday.").
///
/// Rejects a verb of belief (`@thought`: "…, X believes" is an aside, not speech); an opening
/// adverbial phrase as content ("On Thursday, however, X said …": a preposition, or a function
/// word and a preposition, at the sentence start, with no clause after a comma before the
/// attribution: "As the governor spoke, a girl was knocked down, police said" is content, and
/// no auxiliary of its own: "About 270 people have been resettled, officials said" is content); and an attribution that goes on with more
/// than adjuncts before the sentence ends or a semicolon ("…, X said in a statement that …" is
/// read by `cue-then-content`).
extension QuoteAnalysis {
    func contentThenCueSpeech(_ v: VerbCue, sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        guard let speaker = v.speaker else { return nil }
        let i = v.first, e = v.last
        let speakerStart = min(speaker.first, speaker.roleFirst >= 0 ? speaker.roleFirst : speaker.first)
        guard let comma = commaBefore(speakerStart, lower: lo), !tokens[i].flags.contains(.thought) else { return nil }
        // An adverbial before the attribution ("On Thursday, however, Trump spoke …") is no content,
        // unless a clause follows it before the attribution ("As the governor prepared to speak,
        // a girl was knocked down, police said").
        let adverbial = tokens[lo].kind == .word && (tokens[lo].flags.contains(.preposition)
            || (tokens[lo].flags.contains(.function) && lo + 1 < comma && tokens[lo + 1].flags.contains(.preposition)))
            && !clauseAfterComma(from: lo, to: comma) && !hasOwnAuxiliary(from: lo, to: comma)
        let before = adverbial ? nil : trimmedContent(lo, comma - 1, keepClosingMark: tokens[comma + 1].kind == .mark, clauseCuts: false)
        var j = skipHearer(cue: i, from: e + 1, upper: hi)
        // "…, he told the court in his filing.": a hearer is one also when only adjuncts follow it.
        if j == e + 1, tokens[i].flags.contains(.takesObject), let np = nounPhraseForward(j, upper: hi),
           closesClause(after: np, upper: hi) {
            j = np + 1
        }
        j = skipAdjuncts(j, upper: hi)
        var after: (Int, Int)?
        if j < hi && tokens[j].isComma { after = trimmedContent(j + 1, hi - 1); j = hi }
        // A semicolon ends the attribution as a sentence end does ("…, analysts say; in 2012, …").
        guard j >= hi - 1 || tokens[j].isSentenceEnd || tokens[j].isPunct(0x3B) || after != nil else { return nil }
        let contents = [before, after].compactMap { $0 }
        return contents.isEmpty ? nil : ReportedSpeech(speaker: speaker, cue: (i, e), contents: contents, rule: QuoteRules.contentThenCue)
    }

    /// A comma between `from` and `to` after which a clause starts (a subject and its verb).
    func clauseAfterComma(from: Int, to: Int) -> Bool {
        var k = from + 1
        while k < to {
            if tokens[k].isComma && tokenQuotation[k] < 0 && startsNewClause(k + 1, upper: to) { return true }
            k += 1
        }
        return false
    }

    /// An auxiliary or modal between `from` and `to`, not right after a relative pronoun: what
    /// opens with a preposition is a clause all the same ("About 270 people have now been
    /// resettled, officials said", "Around 50 people would show up, he said"; not "In a
    /// statement that was released Friday, X said").
    func hasOwnAuxiliary(from: Int, to: Int) -> Bool {
        var k = from + 1
        while k < to {
            let t = tokens[k]
            if t.kind == .word, t.flags.contains(.auxiliary), t.shape.contains(.lowercase), tokenQuotation[k] < 0,
               !tokens[k - 1].flags.contains(.relative) { return true }
            k += 1
        }
        return false
    }
}
