/// Rule `that-after-adjuncts`: a speaker, a verb cue, then words that name where, when or to
/// whom it was said, and "that" with a clause: "A ferry captain wrote the island paper, The Gull
/// Island Tide, that CONTENT", "The port director told the council, in a private session on
/// Monday, that CONTENT". `cue-then-content` reads a hearer and short adjuncts (`skipHearer`,
/// `skipAdjuncts`), not a stretch holding an apposition, commas or dashes.
///
/// Tried last of the rules for a cue with its speaker before it (after `content-then-cue`),
/// so that a content those rules read stays theirs. The stretch between the cue and "that" has
/// at least two and at most `QuoteReach.adjunctsBeforeThatTokens` tokens and holds no verb (no
/// verb cue, past in -ed, form of "be" or auxiliary), no relative pronoun, subordinator or
/// content opener ("since", "how") and no sentence end, semicolon or colon; the word before
/// "that" is a time word, a capitalized word, a pronoun (the hearer), a closing mark, bracket,
/// comma or dash, never a common noun, whose relative clause "that" opens ("said the report
/// that came out on Monday was wrong", "answered the same way that …"). After "that" a clause
/// starts (a subject and its verb, or quoted words); the content runs from there as any content
/// after its cue (`trimmedContent`, `contentLimit`).
extension QuoteAnalysis {
    func thatAfterAdjunctsSpeech(_ v: VerbCue, sentence: Range<Int>) -> ReportedSpeech? {
        guard !v.naming else { return nil }
        let hi = sentence.upperBound
        var k = v.last + 1
        while k < hi && k - v.last <= QuoteReach.adjunctsBeforeThatTokens {
            let t = tokens[k]
            if t.kind == .word && t.word == lexicon.words.that && t.shape.contains(.lowercase) && tokenQuotation[k] < 0 { break }
            if t.isSentenceEnd || t.isPunct(0x3B) || t.isPunct(0x3A) { return nil }
            if t.kind == .word && tokenQuotation[k] < 0
                && (isVerbLike(k) || isBeForm(k) || t.flags.contains(.auxiliary) || t.flags.contains(.relative)
                    || t.flags.contains(.contentOpener) || t.flags.contains(.subordinator)) { return nil }
            k += 1
        }
        // At least two tokens between: one alone is read by `cue-then-content`. Before "that"
        // a day, a name, a title's closing mark, a comma, dash or pronoun: after a common noun,
        // "that" opens its relative clause ("the same way that", "the examples that").
        guard k < hi, k > v.last + 2, tokens[k].word == lexicon.words.that, tokens[k].kind == .word else { return nil }
        let b = tokens[k - 1]
        guard isTime(k - 1) || b.kind == .mark || b.kind == .dash || b.isComma || b.kind == .closeBracket
                || (b.kind == .word && (b.shape.contains(.capitalized) || b.flags.contains(.pronoun) || isObjectPronoun(k - 1))) else { return nil }
        let start = k + 1
        guard start < hi else { return nil }
        let opensWithQuotation = tokens[start].kind == .mark && tokenQuotation[start] >= 0 && quotations[Int(tokenQuotation[start])].open == start
        guard opensWithQuotation || startsNewClause(start, upper: hi) || auxiliarySoon(start, upper: hi),
              let c = trimmedContent(start, contentLimit(cue: v.first, start: start, sentence: sentence)) else { return nil }
        return ReportedSpeech(speaker: v.speaker, cue: (v.first, v.last), contents: [c], rule: QuoteRules.thatAfterAdjuncts)
    }
}

extension QuoteReach {
    /// The words between a cue and the "that" of its content span at most this many tokens
    /// (rule `that-after-adjuncts`: "said on “Meet the Harbor” on Sunday that …").
    static let adjunctsBeforeThatTokens = 16
}
