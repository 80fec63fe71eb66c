/// Rule `speech-topic`: a verb of speaking and the preposition that names what was said about
/// (`topic_verbs`: "talked about", "commented on", "responded to", "warned of", "railed
/// against"): the topic, to the first punctuation of its clause, is the reported content; the
/// speaker is the verb's subject ("The mayor talked about [[the harbor tunnel repairs]].",
/// "The port declined to comment on [[the audit]]."). PolNeAR's annotators mark such topics as
/// indirect speech; the rule is tried last, so a that-clause or a clause after the verb is read
/// by the rules before it.
///
/// Rejects a form in capitals or capitalized inside its sentence (a headline), one after a
/// determiner, a possessive or a preposition other than "to" (a noun: "the talk about", "his
/// reply to", "for comment on"), a base form that follows no auxiliary, pronoun or "to" ("tough
/// talk about"), a topic that holds quoted words (the rules of quotations give them their
/// content) or runs past `QuoteReach.topicTokens` tokens, and a verb whose subject cannot be read
/// ("Responding to the audit, …"): on PolNeAR such topics are right half the time, and a
/// speaker-less one would only add a quote with no one to count.
extension QuoteAnalysis {
    func speechTopicSpeech(at i: Int, sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        let t = tokens[i]
        guard t.kind == .word, t.flags.contains(.topicVerb), i + 2 < hi,
              topicVerbShapeFits(i, lower: lo),
              let prepositions = lexicon.topicPrepositions[t.word] else { return nil }
        // "talked openly about": one filler may stand before the preposition.
        var p = i + 1
        if isFiller(p) && p + 1 < hi { p += 1 }
        guard tokens[p].kind == .word, prepositions.contains(tokens[p].word) else { return nil }
        if i > lo, !topicVerbStandsAsAVerb(i) { return nil }
        // The topic: to the first punctuation, dash, bracket or sentence end; none with quoted words.
        let start = p + 1
        guard let k = topicEnd(from: start, upper: hi), k > start, let c = trimmedContent(start, k - 1, clauseCuts: false, minimumWords: 1) else { return nil }
        guard let speaker = topicSubject(i, lower: lo) else { return nil }
        return ReportedSpeech(speaker: speaker, cue: (i, i), contents: [c], rule: QuoteRules.speechTopic)
    }

    /// The subject of the topic verb at `i`: the speaker phrase before it, also past auxiliaries,
    /// "not" and fillers ("The port has not yet commented on"); for a verb after "and"/"but" or a
    /// participle after a comma, the speaker of the cue before or the clause's subject ("…, the
    /// mayor said, referring to"); after "to", the clause's subject ("declined to comment on").
    func topicSubject(_ i: Int, lower lo: Int) -> SpeakerPhrase? {
        if let s = speakerBefore(cue: i, lower: lo) { return s }
        var k = i
        while k - 1 >= lo && i - k < QuoteReach.fillers {
            let b = tokens[k - 1]
            guard b.kind == .word, b.shape.contains(.lowercase),
                  b.flags.contains(.auxiliary) || isFiller(k - 1) || b.word == lexicon.words.not else { break }
            k -= 1
        }
        if k < i, let s = speakerBefore(cue: k, lower: lo) { return s }
        guard i > lo else { return nil }
        let b = tokens[i - 1]
        if b.word == lexicon.words.and || b.word == lexicon.words.but || (b.isComma && isParticipleClause(i)) {
            return previousCueSpeaker(before: i, lower: lo) ?? clauseSubject(from: lo, upper: i)
        }
        if b.word == lexicon.words.to { return clauseSubject(from: lo, upper: i) }
        return nil
    }

    /// The verb at `i` is written as a verb in running text: in lower case, or capitalized (not in
    /// capitals) as its sentence's first word; a capitalized form inside a sentence or one in
    /// capitals is a headline's.
    func topicVerbShapeFits(_ i: Int, lower lo: Int) -> Bool {
        let shape = tokens[i].shape
        return shape.contains(.lowercase) || (i == lo && shape.contains(.capitalized) && !shape.contains(.allCaps))
    }

    /// The end (one past the last token) of a topic or question that starts at `start`: the first
    /// punctuation, dash, bracket or the sentence's end; nil when it holds quoted words (the rules
    /// of quotations give them their content) or runs past `QuoteReach.topicTokens` tokens.
    func topicEnd(from start: Int, upper hi: Int) -> Int? {
        var k = start
        while k < hi {
            if tokenQuotation[k] >= 0 { return nil }
            let kind = tokens[k].kind
            if kind != .word && kind != .number { break }
            guard k - start < QuoteReach.topicTokens else { return nil }
            k += 1
        }
        return k
    }

    /// Whether the `topic_verbs` word at `i` (not the sentence's first) is a verb by the word
    /// before it: not after a determiner, a possessive or a preposition other than "to" (a noun:
    /// "the talk about", "his reply to", "for comment on"), and a base form only after "to", a
    /// filler, an auxiliary, a function word or a pronoun ("tough talk about" is a noun).
    func topicVerbStandsAsAVerb(_ i: Int) -> Bool {
        let b = tokens[i - 1]
        let to = b.word == lexicon.words.to
        if b.kind == .word && (b.flags.contains(.determiner) || b.shape.contains(.possessive) || (b.flags.contains(.preposition) && !to)) {
            return false
        }
        if lexicon.topicBaseForms.contains(tokens[i].word),
           !(to || isFiller(i - 1) || b.flags.contains(.auxiliary) || b.flags.contains(.function)
             || (b.flags.contains(.pronoun) && !b.flags.contains(.determiner))) {
            return false
        }
        return true
    }
}
