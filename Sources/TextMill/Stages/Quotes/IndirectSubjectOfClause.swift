/// Rule `subject-of-clause`: a cue with no speaker phrase right before it, but a clear content
/// after it ("that", a content opener, or a clause), reports the content all the same; its
/// speaker is the subject of the clause when one can be read ("Her campaign workers here said
/// they have been …", "Two in three said they are …", "Senator X of Ohio, the No. 2 Democrat,
/// said the chamber will …"); for a cue that opens its sentence, the subject of the main clause
/// after the content ("Asked whether the plan would pass, the mayor said …": the mayor); else
/// unknown.
///
/// Rejects naming verbs and any content read only loosely (a noun phrase after the cue, even for
/// a verb whose object is its message): with no speaker to anchor it, only a that-clause, a
/// content opener or a clause is clear enough. Rejects a verb of belief when no subject can be
/// read, and never takes a phrase opening with a preposition ("According to …") as the subject. Rejects an infinitive
/// as content ("continues to dampen …", "is not expected to surface …": no one speaks), and
/// after "to" accepts a that-clause or a content opener ("refused to say whether …"), and a
/// clause (a subject and its verb) only after a verb of saying, with a pronoun subject or after a
/// verb that reports only clauses ("were more likely to say they preferred …"), since "to know
/// what was up" and "to predict the actions" report nothing said.
extension QuoteAnalysis {
    func subjectOfClauseSpeech(_ v: VerbCue, sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        guard !v.naming, let start = strictContentStart(afterCue: v.first, cueLast: v.last, upper: hi),
              tokens[start].word != lexicon.words.to else { return nil }
        if v.first > lo && tokens[v.first - 1].word == lexicon.words.to {
            let opened = tokens[start - 1].word == lexicon.words.that || tokens[start].flags.contains(.contentOpener)
            // A verb of saying (not of belief) after "to" also reports a clause with a pronoun for
            // its subject ("were more likely to say they preferred …", "seemed to suggest he had
            // …"), or any clause after a verb that reports only clauses (`@clause`: "were quick to
            // say the levy would pass"); "to confirm the next nominees" is no report.
            let pronounSubject = tokens[start].kind == .word && tokens[start].flags.contains(.pronoun)
                && !tokens[start].flags.contains(.determiner)
            let saidClause = !tokens[v.first].flags.contains(.thought) && startsNewClause(start, upper: hi)
                && (pronounSubject || tokens[v.first].flags.contains(.clauseFollows))
            guard opened || saidClause else { return nil }
        }
        // A clause or a that-clause, not an object read as the message ("I will not describe the
        // theories that are circulating": with no speaker, an object is too loose).
        let clause = tokens[start - 1].word == lexicon.words.that || tokens[start].flags.contains(.contentOpener)
            || startsNewClause(start, upper: hi) || auxiliarySoon(start, upper: hi)
        let limit = contentLimit(cue: v.first, start: start, sentence: sentence)
        guard clause, let c = trimmedContent(start, limit) else { return nil }
        var subject = v.first > lo ? clauseSubject(from: lo, upper: v.first) : nil
        // "Asked whether …, the mayor said …", "While saying that …, he continued …": the cue
        // opens the sentence, and the main clause's subject after the comma speaks.
        if limit < hi - 1 && limit + 2 < hi { subject = clauseSubject(from: limit + 2, upper: hi) ?? subject }
        // "According to a survey, 40% thought …": a phrase opening with a preposition is no subject.
        if let s = subject, tokens[s.first].flags.contains(.preposition) || tokens[s.first].flags.contains(.sourcePhraseStart) {
            subject = nil
        }
        // A belief with no one holding it ("… to understand why …") is no report.
        if subject == nil && tokens[v.first].flags.contains(.thought) { return nil }
        return ReportedSpeech(speaker: subject, cue: (v.first, v.last), contents: [c], rule: QuoteRules.subjectOfClause)
    }
}
