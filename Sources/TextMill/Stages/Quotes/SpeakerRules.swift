/// Rules that say which phrases cannot be speakers (`QuoteRules.thingsNeverSpeak`,
/// `QuoteRules.whoIsAPerson`) or name no one (`QuoteRules.documentSpeaker`); their words are
/// the lists `inanimate_nouns`, `relative_pronouns` (`@person`) and `document_nouns`.
extension QuoteAnalysis {
    /// `things-never-speak`: a speaker phrase can speak when it is a name, or a common noun
    /// phrase whose head is not a thing (`inanimate_nouns`): "the sign on the door says" is not
    /// said by "the door", nor "angry reactions …, calling" by "reactions". Documents ("the
    /// indictment", "a UN report") are not things here: news reports what they say.
    func canSpeak(head: Int, isName: Bool) -> Bool {
        isName || !tokens[head].flags.contains(.inanimate)
    }

    /// `document-speaker`: a common noun phrase headed by a document or other text
    /// (`document_nouns`: "the indictment", "a UN report", "The reply") speaks, but is no
    /// person or organisation: it keeps its words and gets no entity and no name, so counting
    /// speakers by name counts people and organisations only. A name ("the Mueller Report")
    /// is not read this way.
    func isDocument(head: Int, isName: Bool) -> Bool {
        !isName && tokens[head].flags.contains(.document)
    }

    /// `who-is-a-person`: whether the phrase a "who" stands for can be a person: a name that is
    /// not an organisation and, when it is one word, not the object of a preposition or a verb
    /// ("workers in western Kazakhstan, who"); or a common phrase whose head is neither an
    /// organisation nor a thing ("an architect, who").
    func whoCanStandFor(_ p: SpeakerPhrase) -> Bool {
        if p.form == .name {
            if tokens[p.last].flags.contains(.organisation) { return false }
            if isPersonName(p) { return true }
            // Skip up to two lower-case modifiers ("in western Kazakhstan").
            var before = p.first - 1, skipped = 0
            while before >= 0 && skipped < 2 && tokens[before].kind == .word && tokens[before].shape.contains(.lowercase)
                    && !tokens[before].flags.contains(.function) && !isVerbOrPreposition(before) { before -= 1; skipped += 1 }
            return before < 0 || !isVerbOrPreposition(before)
        }
        let h = tokens[p.head]
        return !h.flags.contains(.organisation) && !h.flags.contains(.inanimate)
    }

    /// A lower-case preposition ("in", "from") or a past or passive verb form ("pressured").
    private func isVerbOrPreposition(_ i: Int) -> Bool {
        let t = tokens[i]
        guard t.kind == .word, t.shape.contains(.lowercase) else { return false }
        if t.flags.contains(.preposition) || t.flags.contains(.nounLink) { return true }
        return isParticiple(i)
    }
}
