/// Rule `headline-colon`: in a headline (a document's first paragraph, one sentence), a name of
/// up to `QuoteReach.headlineNameWords` words before a colon is the speaker of what follows:
/// "Pence: Flowers Won’t Be at the Debate", "Dana Whitcomb: Tunnel Will Open in June".
/// Headlines shorten "X says …" to "X: …"; in running text such a name is a section label as
/// often as a speaker, so `colon-speaker` asks there for a person's name or a speaking body.
///
/// Rejects a colon after a function word ("The Latest: …", "Stealth Over Health: …" stop at
/// "The" and "Over"), a colon with fewer than three words after it, a speaker whose last word
/// the article does not name again ("Breaking: …" is a label), and a headline with quotation
/// marks after the colon (its quoted words are left to the rules on quotations).
extension QuoteAnalysis {
    func headlineColonSpeech(sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        guard isHeadline(sentence) else { return nil }
        var k = lo
        while k < hi && k < lo + QuoteReach.headlineNameWords && isNameWord(k) { k += 1 }
        guard k > lo, k + 3 < hi, tokens[k].isPunct(0x3A), let c = trimmedContent(k + 1, hi - 1),
              quotedTokens(c.0, through: c.1).first(where: { _ in true }) == nil,
              let speaker = nounPhrase(endingAt: k - 1, lower: lo), namedAgain(speaker.head, after: hi) else { return nil }
        return ReportedSpeech(speaker: speaker, cue: (k, k), contents: [c], rule: QuoteRules.headlineColon)
    }

    /// The word of token `head` stands in a name after token `from`: the article names the
    /// headline's speaker again ("Pence" in "Pence: …"), which a section label ("Breaking: …")
    /// is not. One pass over the rest of the document, for its headline only.
    func namedAgain(_ head: Int, after from: Int) -> Bool {
        let h = tokens[head]
        let word = text[Int(h.start)..<Int(h.end)]
        var k = from
        while k < tokens.count {
            let t = tokens[k]
            if t.end - t.start == h.end - h.start, isNameWord(k), text[Int(t.start)..<Int(t.end)].elementsEqual(word) { return true }
            k += 1
        }
        return false
    }

    /// The sentence is the whole first paragraph of the document: its headline.
    func isHeadline(_ sentence: Range<Int>) -> Bool {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        return lo == 0 && hi > lo && tokenParagraph[hi - 1] == 0 && (hi == tokens.count || tokenParagraph[hi] != 0)
    }
}
