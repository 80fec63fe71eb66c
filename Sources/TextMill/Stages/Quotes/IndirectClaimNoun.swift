/// Rule `claim-noun`: a noun of saying (`speech_nouns`: claim, assertion, warning, …) after a
/// possessive and before "that" reports the that-clause as its owner's speech ("the mayor’s
/// claim that there have been “hundreds of complaints” about the ferry").
///
/// Rejects a possessive pronoun as the owner ("his claim that …": the owner is found nowhere
/// nearby) and a noun of saying with no possessive ("the claim that …": no one is named).
extension QuoteAnalysis {
    func claimNounSpeech(at i: Int, sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        guard tokens[i].flags.contains(.speechNoun), i + 2 < hi, tokens[i + 1].word == lexicon.words.that,
              let owner = possessiveOwner(before: i, lower: lo), let c = trimmedContent(i + 2, hi - 1) else { return nil }
        return ReportedSpeech(speaker: owner, cue: (i, i), contents: [c], rule: QuoteRules.claimNoun)
    }

    /// "Trump’s [repeated] claim": the name or phrase in the possessive before a noun (and its adjectives).
    func possessiveOwner(before i: Int, lower: Int) -> SpeakerPhrase? {
        var k = i - 1
        while k >= lower && k >= i - 3 && tokens[k].kind == .word && tokens[k].shape.contains(.lowercase) && !tokens[k].shape.contains(.possessive)
                && isContentWord(k) { k -= 1 }
        guard k >= lower, tokens[k].kind == .word, tokens[k].shape.contains(.possessive) else { return nil }
        if tokens[k].flags.contains(.pronoun) || tokens[k].word == lexicon.words.his { return nil }
        return nounPhrase(endingAt: k, lower: lower)
    }
}
