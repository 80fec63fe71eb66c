/// Rule `headline-says`: a sentence in title case (a headline, at the top of an article or in a
/// list of related stories) that opens with a name and a capitalized verb of saying reports what
/// follows the verb: "Mayor Whitcomb Says Harbor Tunnel Will Open in June", "Port Authority
/// Claims Ferry Fares Will Fall". Headlines capitalize every word, so the cue-word rules, which
/// read a capitalized cue word after a name as a word of that name ("The Harbor Post"), cannot
/// take it as a verb there.
///
/// Reads only a sentence whose words are all capitalized but for function words and
/// prepositions ("of", "in"), with a name of at most `QuoteReach.headlineNameWords` words
/// opening it, a finite form of a reporting verb after the name (not a base form, an -ing form, a
/// belief or a verb that reports no content: "What Voters Say", "Senator Lee Thinks …", "Mayor
/// Speaks at Harbor Gala"), and at least three words after the verb.
/// The content ends at the first comma: "Mayor Says Tunnel Will Open, Calls Delay ‘Regrettable’"
/// is two headlines in one.
///
/// The attribution may also close the headline, after its last comma: "Harbor Tunnel Will Open
/// in June, Mayor Whitcomb Says", "Ferry Fares Will Fall, Port Director Tells City Council" (the name,
/// the verb, and at most a name after it, the hearer, to the sentence end; `closingHeadlineSays`).
extension QuoteAnalysis {
    func headlineSaysSpeech(sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        var k = lo
        while k < hi && k < lo + QuoteReach.headlineNameWords && isNameWord(k) && !tokens[k].flags.contains(.cue) { k += 1 }
        guard k > lo, k + 3 < hi, tokenQuotation[k] < 0 else { return closingHeadlineSays(sentence: sentence) }
        guard isHeadlineCue(k), isTitleCase(sentence) else { return closingHeadlineSays(sentence: sentence) }
        var end = k + 1
        while end < hi && !(tokens[end].isComma && tokenQuotation[end] < 0) { end += 1 }
        guard let c = trimmedContent(k + 1, end - 1, clauseCuts: false),
              let speaker = nounPhrase(endingAt: k - 1, lower: lo),
              min(speaker.first, speaker.roleFirst >= 0 ? speaker.roleFirst : speaker.first) == lo else { return nil }
        return ReportedSpeech(speaker: speaker, cue: (k, k), contents: [c], rule: QuoteRules.headlineSays)
    }

    /// A capitalized (not all-capitals) finite form of a verb of saying that reports content.
    func isHeadlineCue(_ k: Int) -> Bool {
        let cue = tokens[k]
        return cue.kind == .word && cue.shape.contains(.capitalized) && !cue.shape.contains(.allCaps) && cue.flags.contains(.cue)
            && cue.flags.isDisjoint(with: [.baseForm, .ingForm, .participle, .thought, .needsParticle, .intransitive])
    }

    /// The attribution closing a headline: "CONTENT, Name Says", "CONTENT, Name Tells Hearer".
    /// After the last comma (inside a closing mark or not), a name of at most
    /// `QuoteReach.headlineNameWords` words, the verb, and at most such a name to the sentence end;
    /// the content is everything before the comma.
    func closingHeadlineSays(sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound
        var hi = sentence.upperBound
        while hi > lo && tokens[hi - 1].kind != .word { hi -= 1 }
        // The verb, then at most a name (the hearer) to the end.
        var k = hi - 1
        while k > lo && hi - k <= QuoteReach.headlineNameWords && isNameWord(k) && !isHeadlineCue(k) { k -= 1 }
        guard k > lo, isHeadlineCue(k), tokenQuotation[k] < 0 else { return nil }
        var n = k - 1
        while n > lo && k - n <= QuoteReach.headlineNameWords && isNameWord(n) { n -= 1 }
        // The comma before the name, or a comma and a closing mark ("…,’ Name Says").
        var comma = n
        if tokens[comma].kind == .mark, comma - 1 > lo { comma -= 1 }
        guard n < k - 1, tokens[comma].isComma, isTitleCase(sentence),
              let speaker = nounPhrase(endingAt: k - 1, lower: n + 1),
              min(speaker.first, speaker.roleFirst >= 0 ? speaker.roleFirst : speaker.first) == n + 1,
              let c = trimmedContent(lo, comma - 1, keepClosingMark: comma != n, clauseCuts: false) else { return nil }
        return ReportedSpeech(speaker: speaker, cue: (k, k), contents: [c], rule: QuoteRules.headlineSays)
    }

    /// Every word of the sentence is capitalized, but for function words and prepositions
    /// ("Harbor Tunnel Will Open in June").
    func isTitleCase(_ sentence: Range<Int>) -> Bool {
        for k in sentence where tokens[k].kind == .word && !tokens[k].shape.contains(.capitalized) {
            guard tokens[k].flags.contains(.function) || tokens[k].flags.contains(.preposition) else { return false }
        }
        return true
    }
}
