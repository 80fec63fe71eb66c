/// Rule `subject-of-clause`: a cue with no speaker phrase right before it, but a clear content
/// after it ("that", a content opener, or a clause), reports the content all the same; its
/// speaker is the subject of the clause when one can be read ("Her campaign workers here said
/// they have been …", "Two in three said they are …", "Senator X of Ohio, the No. 2 Democrat,
/// said the chamber will …"), else unknown ("Asked whether the plan would pass, …").
///
/// Rejects naming verbs and any content read only loosely (a noun phrase after the cue): with no
/// speaker to anchor it, only a that-clause or a clause is clear enough.
extension QuoteAnalysis {
    func subjectOfClauseSpeech(_ v: VerbCue, sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        guard !v.naming, let start = strictContentStart(afterCue: v.first, cueLast: v.last, upper: hi),
              let c = trimmedContent(start, hi - 1) else { return nil }
        let subject = v.first > lo ? clauseSubject(from: lo, upper: v.first) : nil
        return ReportedSpeech(speaker: subject, cue: (v.first, v.last), contents: [c], rule: QuoteRules.subjectOfClause)
    }
}
