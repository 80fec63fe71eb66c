/// Rule `refused-comment`: a verb of refusing (`refusal_verbs`: declined, refuses), "to" and a
/// verb of saying or speaking (a base form of `reporting_verbs` or `topic_verbs`) report that the
/// subject would not say anything: "The port declined [[to comment]].", "The mayor refused [[to
/// answer questions about the audit]]." The content is the infinitive to the first punctuation of
/// its clause (cut as a content after its cue is: "declined to comment and aides later said …"
/// ends before the second attribution), the cue the verb of refusing (as PolNeAR's annotators
/// mark both), the speaker the subject of that verb, read as for `speech-topic` (past
/// auxiliaries, fillers and "not"; after "and" or a participle after a comma, the subject of the
/// clause).
///
/// Tried last: a topic ("declined to comment on the audit": `speech-topic`), a question
/// ("declined to say whether …": `cue-then-content`) or a clause after the inner verb is read by
/// the rules before it. Rejects a verb of belief (`@thought`: "I refused to believe it" says
/// nothing), a capitalized form (a headline), words between the verb of
/// refusing and "to" or between "to" and the inner verb, an infinitive whose clause holds quoted
/// words ("refused to say the words “…”"; the rules of quotations read them) or runs past
/// `QuoteReach.topicTokens` tokens, and a verb of refusing whose subject cannot be read.
extension QuoteAnalysis {
    func refusedCommentSpeech(at i: Int, sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        // The refusal and "to" first: asked at every word that can start a rule, this must cost
        // next to nothing where there is none.
        guard i - 2 >= lo, tokens[i - 2].flags.contains(.refusalVerb), tokens[i - 1].word == lexicon.words.to else { return nil }
        let t = tokens[i], refusal = tokens[i - 2]
        let speaks = (t.flags.contains(.cue) && t.flags.contains(.baseForm)) || lexicon.topicBaseForms.contains(t.word)
        guard speaks, !t.flags.contains(.thought), t.kind == .word, t.shape.contains(.lowercase), tokenQuotation[i - 1] < 0,
              refusal.kind == .word, refusal.shape.contains(.lowercase) else { return nil }
        guard let k = topicEnd(from: i, upper: hi),
              let c = trimmedContent(i - 1, k - 1, minimumWords: 2),
              let speaker = topicSubject(i - 2, lower: lo) else { return nil }
        return ReportedSpeech(speaker: speaker, cue: (i - 2, i - 2), contents: [c], rule: QuoteRules.refusedComment)
    }
}
