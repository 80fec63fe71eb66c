/// Rule `asked-question`: a verb of asking (`topic_verbs` tagged `@question`) reports what was
/// asked, also when the one asked, the one asking or adjuncts stand between the verb and it:
/// "about" and its topic ("The clerk asked the mayor about [[the ferry contract]]"), "for" and
/// what was asked for, with no hearer between ("The clerk asked for [[a delay]]"), or a question
/// ("The mayor was asked by two reporters [[whether the tunnel would reopen]]", "When asked at
/// the briefing on Monday about [[the audit]], she said …"), to the first punctuation of its
/// clause, like `speech-topic` (which reads the verb right before its preposition first). The
/// speaker is the one asking: the agent after "by", else the verb's subject when the verb is
/// active; a passive verb ("was asked", "when asked", "Asked at …") with no agent has none
/// (PolNeAR marks such questions with no source).
///
/// Rejects what `speech-topic` rejects on the verb (a noun form, a bare base form, a headline in
/// capitals), an active verb whose subject cannot be read, anything but a hearer, an agent, time
/// words, fillers and short prepositional phrases before the topic, and a topic with quoted
/// words (the rules of quotations give them their content).
extension QuoteAnalysis {
    func askedQuestionSpeech(at i: Int, sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        let t = tokens[i]
        guard t.kind == .word, t.flags.contains(.questionVerb), i + 2 < hi,
              topicVerbShapeFits(i, lower: lo),
              let prepositions = lexicon.topicPrepositions[t.word] else { return nil }
        // "Asked at a briefing about …, she said": a past form opening the sentence is passive.
        var passive = i == lo && !lexicon.topicBaseForms.contains(t.word) && !t.flags.contains(.ingForm) && !endsWithS(i)
        if i > lo {
            guard topicVerbStandsAsAVerb(i) else { return nil }
            passive = askedInPassive(i, lower: lo)
        }
        // What stands before the topic: the one asked, the agent, time words, fillers, adjuncts.
        var agent: SpeakerPhrase?
        var j = i + 1
        var hearerRead = false
        // The phrases before it end where the topic or question starts ("a reporter whether").
        func opensTopic(_ k: Int) -> Bool {
            tokens[k].kind == .word && (prepositions.contains(tokens[k].word)
                || (tokens[k].flags.contains(.contentOpener) && tokens[k].word != lexicon.words.that))
        }
        var topicAt = i + 1
        while topicAt < hi && topicAt <= i + QuoteReach.speakerPhraseTokens && tokens[topicAt].kind == .word
                && tokenQuotation[topicAt] < 0 && !opensTopic(topicAt) { topicAt += 1 }
        guard topicAt < hi, opensTopic(topicAt) else { return nil }
        while j < topicAt {
            let n = tokens[j]
            guard n.kind == .word, tokenQuotation[j] < 0 else { return nil }
            if isTime(j) || isFiller(j) { j += 1; continue }
            if n.word == lexicon.words.by && agent == nil {
                guard let a = speakerAfter(cueLast: j, upper: topicAt) else { return nil }
                agent = a
                j = max(a.last, a.roleLast) + 1
                continue
            }
            if n.flags.contains(.preposition) {
                guard let e = adjunctPhraseEnd(j, upper: topicAt) else { return nil }
                j = e + 1
                continue
            }
            // The one asked: "asked Trump", "asked him", "asked the GOP front-runner".
            guard !hearerRead, !passive else { return nil }
            hearerRead = true
            if isObjectPronoun(j) || (n.flags.contains(.pronoun) && !n.flags.contains(.determiner)) { j += 1; continue }
            guard let np = nounPhraseForward(j, upper: topicAt) else { return nil }
            j = np + 1
        }
        guard j == topicAt, j + 1 < hi else { return nil }
        // "asked for a delay": what was asked for; "asked the mayor for a new ferry" asks a hearer
        // for a thing, no message.
        if hearerRead && tokens[j].word == lexicon.words.forWord { return nil }
        let question = !prepositions.contains(tokens[j].word)
        let start = question ? j : j + 1
        // The topic or question: to the first punctuation, dash, bracket or sentence end.
        guard let k = topicEnd(from: start, upper: hi), k > start, let c = trimmedContent(start, k - 1, clauseCuts: false, minimumWords: question ? 2 : 1) else { return nil }
        let speaker = agent ?? (passive ? nil : topicSubject(i, lower: lo))
        guard passive || speaker != nil else { return nil }
        return ReportedSpeech(speaker: speaker, cue: (i, i), contents: [c], rule: QuoteRules.askedQuestion)
    }

    /// The verb of asking at `i` is passive: after a be-form (past fillers: "was also asked",
    /// "has been asked"), a subordinator ("when asked", "if asked") or a comma ("Mr. Trump,
    /// asked about …").
    func askedInPassive(_ i: Int, lower lo: Int) -> Bool {
        // (Be-forms are fillers too: `beforeFillers` stops at one.)
        let k = max(lo, beforeFillers(i))
        let b = tokens[k]
        return isBeForm(k) || b.isComma || (b.kind == .word && b.flags.contains(.subordinator))
    }

    /// The last token of a short prepositional phrase starting at `j` ("at a briefing", "on Fox
    /// News", "in May"): a determiner, then words that are no verb, at most eight.
    func adjunctPhraseEnd(_ j: Int, upper: Int) -> Int? {
        var k = j + 1
        if k < upper && isDeterminer(k) { k += 1 }
        var last = -1
        while k < upper && k < j + 9 && tokens[k].kind == .word && tokenQuotation[k] < 0
                && (isContentWord(k) || isNameWord(k) || isTime(k)) && !isVerbLike(k) && !tokens[k].flags.contains(.preposition) {
            last = k; k += 1
        }
        return last > j ? last : nil
    }
}
