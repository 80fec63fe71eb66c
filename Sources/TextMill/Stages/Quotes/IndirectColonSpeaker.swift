/// Rule `colon-speaker`: a sentence that opens with a speaker and a colon reports what follows
/// ("Mayor: Harbor Tunnel Won’t Open in May", "HOST: Let’s begin …"). The speaker is a
/// person's name (a first name, a title or an honorific at its start), a single word in capitals
/// (a transcript's speaker label), or a word for a speaking body ("Poll:").
///
/// Rejects any other capitalized words before a colon ("Breaking News: …", "Update: …"), and a
/// word in capitals that labels a section ("NOTE: …", `turn_labels` `@section`), which label a
/// section rather than name a speaker, and a colon with fewer than three words after it.
extension QuoteAnalysis {
    func colonSpeakerSpeech(sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        guard let colon = colonSpeakerEnd(lo, upper: hi), let c = trimmedContent(colon + 1, hi - 1),
              let speaker = nounPhrase(endingAt: colon - 1, lower: lo) else { return nil }
        return ReportedSpeech(speaker: speaker, cue: (colon, colon), contents: [c], rule: QuoteRules.colonSpeaker)
    }

    /// If the sentence at `lo` opens with a speaker and a colon, the colon's index: a person's
    /// name, a one-word name in capitals (a transcript), or a word for a speaking body ("Poll:").
    func colonSpeakerEnd(_ lo: Int, upper: Int) -> Int? {
        var k = lo
        while k < upper && k < lo + 5 && (isNameWord(k) || tokens[k].flags.contains(.honorific)) { k += 1 }
        guard k > lo, k + 3 < upper, tokens[k].isPunct(0x3A) else { return nil }
        let words = k - lo
        let first = tokens[lo]
        // "NOTE:", "UPDATE:": a section's label (`turn_labels` `@section`), no speaker.
        if words == 1 && first.flags.contains(.sectionLabel) { return nil }
        if words == 1 && (first.shape.contains(.allCaps) || first.flags.contains(.speakerNoun)) { return k }
        if first.flags.contains(.honorific) || first.flags.contains(.title) || first.flags.contains(.maleName) || first.flags.contains(.femaleName) { return k }
        return nil
    }
}
