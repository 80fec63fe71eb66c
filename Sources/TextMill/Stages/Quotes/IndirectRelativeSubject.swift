/// Rule `relative-subject`: a relative pronoun before the speaker is the subject of the
/// reported clause, which goes on right after the cue: "loans, which she said were tied to
/// conditions", and "what" after a word of its sentence (`objectRelative`): "adapt to what she
/// said is growing demand", whose content is one piece, "is growing demand" ("what" holds its own
/// antecedent, `relative-pronoun-piece`). The content comes in two pieces, as around an attribution between commas
/// (`split-content`): the relative pronoun ("which") and the rest of the clause ("were tied to
/// conditions"); PolNeAR's annotators mark the two the same way.
///
/// Accepts only when the word after the cue can go on a clause: a form of "be", an auxiliary or
/// modal, or a verb. Rejects another function word there ("the Russia that we know now, with
/// …": the pronoun is the object of the cue and "now" an adverb of its clause).
/// Rejects a conjunction there ("which she said and …") and a noun phrase ("which she said
/// Tuesday"), where the relative pronoun is the object of the cue, not a subject.
extension QuoteAnalysis {
    func relativeSubjectSpeech(_ v: VerbCue, sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        guard let speaker = v.speaker else { return nil }
        let e = v.last
        let speakerStart = min(speaker.first, speaker.roleFirst >= 0 ? speaker.roleFirst : speaker.first)
        guard speakerStart > lo, e + 1 < hi,
              tokens[speakerStart - 1].flags.contains(.relative)
                || (tokens[speakerStart - 1].word == lexicon.words.what && objectRelative(speakerStart - 1, lower: lo)) else { return nil }
        let w1 = tokens[e + 1].word
        let conjunction = w1 == lexicon.words.and || w1 == lexicon.words.or || w1 == lexicon.words.but || w1 == lexicon.words.nor
        guard !conjunction else { return nil }
        let n = tokens[e + 1]
        let goesOn = isBeForm(e + 1)
            || (n.flags.contains(.auxiliary) && n.shape.contains(.lowercase))
            || isVerbLike(e + 1)
        // "The levy, which the mayor said would pay for the ferries, was approved": the clause
        // ends before the main clause's verb (`relative-clause-end`).
        guard goesOn, let c = trimmedContent(e + 1, relativeClauseEnd(cue: v.first, start: e + 1, last: hi - 1, lower: lo) ?? hi - 1) else { return nil }
        let pronoun = speakerStart - 1
        // "what" holds its own antecedent: no piece of its own (`relative-pronoun-piece`).
        let subject: ReportedContents = tokenQuotation[pronoun] < 0 && tokens[pronoun].word != lexicon.words.what ? [(pronoun, pronoun)] : []
        return ReportedSpeech(speaker: speaker, cue: (v.first, e), contents: subject + [c], rule: QuoteRules.relativeSubject)
    }
}
