/// Rule `passive-report`: a verb of saying in the passive reports its subject: "[[The
/// meeting]] was first reported by Politico.", "[[Her death]] was confirmed by the family.",
/// "[[Both attacks]] were claimed by the group.", "… a loan [[which]] was first reported by The
/// Post." The subject (a noun phrase, pronoun or relative pronoun right before the be-form and
/// its auxiliaries) is the content; the agent after "by", if any, is the speaker. With "it"
/// as a dummy subject the that-clause after the verb is the content ("It was widely reported
/// that [[the jet cost $100 million]]"), and after "said" an infinitive is a second piece
/// ("[[Some advisers]] are said [[to be urging the governor to pay]]"). A belief in the passive
/// reports no one's belief the same way ("[[The mayor]] is expected [[to sign the levy]]"). PolNeAR's annotators
/// mark these subjects and clauses as reported content; the cue-word rule `cue-passive`
/// keeps such forms from being read as the subject's own speech.
///
/// Only verbs tagged `@passive` in `reporting_verbs` (report, announce, confirm, declare,
/// claim, say, expect): a passive "asked" or "told" names the one asked or told, not what was
/// said.
/// Rejects a subject of more than eight words or one that is no noun phrase, "there", and a
/// phrase after a preposition that links no noun ("… of the computers by [a foreign
/// government] was reported": the subject is longer than the phrase read).
extension QuoteAnalysis {
    func passiveReportSpeech(at i: Int, sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        let t = tokens[i]
        guard t.kind == .word, t.flags.contains(.passiveReport), t.shape.contains(.lowercase),
              t.flags.contains(.pastForm) || t.flags.contains(.participle), !t.flags.contains(.ingForm) else { return nil }
        let be = beforeFillers(i)
        guard be > lo, isBeForm(be) else { return nil }
        // "has been", "will be", "could not be": auxiliaries before the be-form.
        var k = be - 1
        while k > lo && be - k <= 3 && tokens[k].kind == .word && tokens[k].shape.contains(.lowercase)
                && (tokens[k].flags.contains(.auxiliary) || isFiller(k) || tokens[k].word == lexicon.words.not) { k -= 1 }
        // The subject is read within `QuoteReach.subjectTokens` tokens, coordinations included.
        guard tokenQuotation[k] < 0,
              let subject = passiveSubject(endingAt: k, lower: max(lo, k - QuoteReach.subjectTokens)) else { return nil }
        // The agent: "by Politico", past time words and fillers.
        var j = i + 1
        while j < hi && (isTime(j) || isFiller(j)) { j += 1 }
        var speaker: SpeakerPhrase?
        if j + 1 < hi, tokens[j].word == lexicon.words.by, let a = speakerAfter(cueLast: j, upper: hi) { speaker = a }
        var contents: ReportedContents = []
        let dummy = subject.0 == subject.1 && tokens[subject.0].word == lexicon.words.it
        if dummy {
            // "It was widely reported that …": the clause is the content, "it" is not.
            guard j < hi, tokens[j].word == lexicon.words.that, let c = trimmedContent(j + 1, hi - 1) else { return nil }
            contents.append(c)
        } else {
            contents.append(subject)
            // "are said to be urging …", "is expected to win": the infinitive is the second piece.
            if speaker == nil, j < hi, isInfinitive(j, upper: hi),
               let end = topicEnd(from: j, upper: hi), end > j + 1, let c = trimmedContent(j, end - 1, minimumWords: 1) {
                contents.append(c)
            }
        }
        return ReportedSpeech(speaker: speaker, cue: (i, i), contents: contents, rule: QuoteRules.passiveReport)
    }

    /// The subject of a passive ending at token `last`, not reaching below `lo`: a relative
    /// pronoun or pronoun alone, or a noun phrase of at most eight words (determiners,
    /// possessives, names and content words), with phrases joined to it by a linking
    /// preposition or "and"/"or".
    func passiveSubject(endingAt last: Int, lower lo: Int) -> (Int, Int)? {
        let s = tokens[last]
        guard s.kind == .word || s.kind == .number else { return nil }
        if s.kind == .word && s.word == lexicon.words.there { return nil }
        if s.kind == .word && (s.flags.contains(.relative) || (s.flags.contains(.pronoun) && !s.flags.contains(.determiner))) {
            return s.word == lexicon.words.that ? nil : (last, last)
        }
        var first = last
        var words = 0
        while first >= lo && words < 8 {
            guard tokenQuotation[first] < 0 else { break }
            // "that" opens a clause more often than it determines a noun ("to reflect that Clinton was declared").
            if isDeterminer(first) && first < last && tokens[first].word != lexicon.words.that { words += 1; first -= 1; break }
            guard isNameWord(first) || (isContentWord(first) && !isVerbLike(first)) else { break }
            words += 1
            first -= 1
        }
        first += 1
        guard first <= last, !isVerbLike(last) else { return nil }
        // "The hacking of the computers by a foreign government was reported": after a preposition
        // other than a linking one the phrase is an object inside a longer subject.
        if first > lo, tokens[first - 1].kind == .word, tokens[first - 1].flags.contains(.preposition),
           !tokens[first - 1].flags.contains(.nounLink) { return nil }
        // "The dissolution of the club was announced": a linking preposition inside the phrase;
        // "Some bloggers and union leaders are reported …": a coordinated subject.
        if first - 2 >= lo, tokens[first - 1].kind == .word, tokens[first - 1].shape.contains(.lowercase),
           tokens[first - 1].flags.contains(.nounLink) || tokens[first - 1].word == lexicon.words.and || tokens[first - 1].word == lexicon.words.or,
           let head = passiveSubject(endingAt: first - 2, lower: lo) {
            return (head.0, last)
        }
        return (first, last)
    }
}
