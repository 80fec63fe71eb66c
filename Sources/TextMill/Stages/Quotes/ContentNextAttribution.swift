/// Rule `next-attribution`: a content after its cue ends before a second attribution of the
/// sentence, a speaker and a cue of saying with a clause of their own after a comma, "and" or
/// "but": "Many said they would not attend, and others have said [they are not interested]",
/// "Most voters said the levy was fair but the council members said [it was too high]", "…
/// will bring in more refugees and Trump says [some of them …]". Each cue reports its own content;
/// without the cut the first content swallows the second attribution and its content.
///
/// The second attribution must be a whole one: the words from the boundary to the cue are the
/// speaker phrase the cue takes, right before it (not the subject of a relative clause: "some
/// residents in Jupiter, Florida who were voting … complained"; not a relative pronoun: "the plan, which critics say is
/// flawed" stays one content), the cue is a finite verb of saying (not a belief, which is
/// part of what was said: "said he thinks …"; not an -ing form or "to say"), and a that-clause,
/// a content opener or a clause follows it ("it" alone may be an object: "had mentioned it").
/// No cut inside a coordinated subject ("Mills and another aide asked …"), nor at a comma of a
/// content that opens with a subordinate clause, whose main clause may follow the comma ("said
/// that if elected, she would tell voters …").
extension QuoteAnalysis {
    /// The token at which a content after its cue, from `first` through at most `last`, ends
    /// because a second attribution starts at boundary `k` (a comma, "and" or "but" outside
    /// quotation marks): `k - 1` and whether it is a group's answer (rule `group-answer`,
    /// `ContentGroupAnswer.swift`, asked at the same boundaries), or nil when no attribution
    /// starts there.
    func nextAttributionCut(at k: Int, first: Int, last: Int) -> (cut: Int, groupAnswer: Bool)? {
        let t = tokens[k]
        guard tokenQuotation[k] < 0, k > first, k < last else { return nil }
        let comma = t.isComma
        let joiner = t.kind == .word && (t.word == lexicon.words.and || t.word == lexicon.words.but)
        guard comma || joiner else { return nil }
        var s = k + 1
        if comma, s < last, tokens[s].word == lexicon.words.and || tokens[s].word == lexicon.words.but { s += 1 }
        guard s < last else { return nil }
        if let cut = attributionCut(boundary: k, start: s, first: first, last: last, joiner: joiner) { return (cut, false) }
        return groupAnswerCut(boundary: k, start: s, last: last).map { ($0, true) }
    }

    /// `next-attribution` at boundary `k`, whose speaker phrase starts at `s`, in the content
    /// from `first` through at most `last`.
    private func attributionCut(boundary k: Int, start s: Int, first: Int, last: Int, joiner: Bool) -> Int? {
        guard tokens[s].kind == .word || tokens[s].kind == .number, !tokens[s].flags.contains(.relative) else { return nil }
        // The first cue within a subject's reach, before any punctuation or quoted words.
        var c = s
        while c <= last && c - s <= QuoteReach.subjectTokens {
            let u = tokens[c]
            if u.kind != .word && u.kind != .number || tokenQuotation[c] >= 0 { return nil }
            if c > s, u.flags.contains(.cue), u.shape.contains(.lowercase) { break }
            c += 1
        }
        guard c <= last, c - s <= QuoteReach.subjectTokens, c > s else { return nil }
        let cue = tokens[c]
        guard !cue.flags.contains(.thought), !cue.flags.contains(.ingForm), !cue.flags.contains(.intransitive),
              tokens[c - 1].word != lexicon.words.to, let cueLast = cueEnd(at: c, thoughts: false),
              let speaker = speakerBefore(cue: c, lower: s), speaker.form != .relative,
              min(speaker.first, speaker.roleFirst >= 0 ? speaker.roleFirst : speaker.first) == s,
              skipFillersBackward(c - 1, lower: s) == max(speaker.last, speaker.roleLast),
              let start = strictContentStart(afterCue: c, cueLast: cueLast, upper: last + 1), opensClause(start, upper: last + 1) else { return nil }
        // Not inside a coordinated subject ("Mills and another aide asked …", "he and Rubio
        // promised …"), nor at the comma that closes an opening subordinate clause of the
        // content ("if elected, she would tell …").
        if joiner { return isNameWord(k - 1) || tokens[k - 1].flags.contains(.pronoun) ? nil : k - 1 }
        return opensSubordinateClause(first) ? nil : k - 1
    }

    /// The content from `first` opens with a subordinator or content opener ("if", "when"):
    /// its commas may close that clause, whose main clause follows.
    private func opensSubordinateClause(_ first: Int) -> Bool {
        tokens[first].flags.contains(.subordinator) || tokens[first].flags.contains(.contentOpener)
    }

    /// The content after a second cue opens as a clause: after "that", at a content opener, or
    /// a subject and its verb; "it" alone is as likely an object ("had mentioned it on
    /// television").
    func opensClause(_ start: Int, upper: Int) -> Bool {
        if start > 0 && tokens[start - 1].word == lexicon.words.that || tokens[start].flags.contains(.contentOpener) { return true }
        if tokens[start].word == lexicon.words.it { return startsClause(start, upper: upper) }
        return startsNewClause(start, upper: upper) || auxiliarySoon(start, upper: upper)
    }
}
