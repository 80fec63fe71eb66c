/// Rule `hearsay-adverb`: an adverb that marks its clause as someone's report without naming
/// them (`hearsay_adverbs`: reportedly). "The harbor board is reportedly weighing a second
/// ferry contract" gives two pieces, as PolNeAR's annotators mark them: the clause before the
/// adverb ("The harbor board is") and what follows it to the end of its clause ("weighing a
/// second ferry contract"); "Reportedly, the board …" opening the sentence gives the clause after the
/// comma. No speaker is named; the cue is the adverb.
///
/// The first piece is the clause before the adverb: its subject, a noun phrase or pronoun with
/// its modifiers and relative clause, and the auxiliaries after it ("is", "has", "will"); after
/// "and" or "but" with only auxiliaries there ("… and was reportedly targeted"), the clause after
/// the adverb alone. Rejects an adverb before a verb of saying
/// ("The mayor reportedly told the council that …": that verb is the cue, `cue-then-content`),
/// an adverb after a comma, a relative pronoun or a preposition ("…, reportedly winning over
/// delegates", "who reportedly has …": the writer's aside), and a clause holding quoted words.
/// In an opening prepositional phrase ("With the mayor reportedly weighing a run, the council
/// …") the content ends before the main clause.
extension QuoteAnalysis {
    func hearsayAdverbSpeech(at i: Int, sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        guard tokens[i].flags.contains(.hearsayAdverb), i + 2 < hi else { return nil }
        // "Reportedly, the board is weighing …": the clause after the comma.
        if i == lo {
            guard tokens[i + 1].isComma, let c = trimmedContent(i + 2, hi - 1),
                  !hasQuotedToken(c.0, through: c.1) else { return nil }
            return ReportedSpeech(speaker: nil, cue: (i, i), contents: [c], rule: QuoteRules.hearsayAdverb)
        }
        // A verb of saying after the adverb is the cue itself.
        let next = i + 1
        guard tokens[next].kind == .word, tokenQuotation[next] < 0, cueEnd(at: next, thoughts: true) == nil else { return nil }
        // The auxiliaries before the adverb, then the subject before them.
        var k = i - 1
        while k > lo && i - k <= Self.hearsayAuxiliaries && tokens[k].kind == .word && tokens[k].shape.contains(.lowercase)
                && (tokens[k].flags.contains(.auxiliary) || isBeForm(k)) { k -= 1 }
        let t = tokens[k]
        guard t.kind == .word || t.kind == .number || t.kind == .closeBracket, tokenQuotation[k] < 0,
              !t.flags.contains(.relative) || !t.shape.contains(.lowercase),
              !(t.kind == .word && t.shape.contains(.lowercase) && t.flags.contains(.preposition)) else { return nil }
        var contents: ReportedContents = []
        if t.word == lexicon.words.and || t.word == lexicon.words.but {
            // "… and was reportedly targeted": the subject is the first clause's.
            guard k < i - 1 else { return nil }
        } else {
            guard let s = speakerBefore(cue: k + 1, lower: lo), s.form != .relative else { return nil }
            // The subject's modifiers the speaker grammar leaves out ("Democratic presidential
            // hopeful Hillary Clinton"), then the subject to the adverb: a relative clause inside
            // it and the auxiliaries too, as the clause around the adverb is the content.
            var first = s.roleFirst >= 0 ? min(s.first, s.roleFirst) : s.first
            while first - 1 >= lo && s.first - first < Self.hearsayModifiers && isSubjectModifier(first - 1, lower: lo) { first -= 1 }
            contents.append((first, i - 1))
        }
        let end = hearsayContentLimit(adverb: i, sentence: sentence)
        guard end > i, let c = trimmedContent(next, end, minimumWords: 1), !hasQuotedToken(c.0, through: c.1) else { return nil }
        contents.append(c)
        return ReportedSpeech(speaker: nil, cue: (i, i), contents: contents, rule: QuoteRules.hearsayAdverb)
    }

    /// At most this many words before the speaker phrase are read as its modifiers.
    static let hearsayModifiers = 6

    /// A word of a subject before the phrase the speaker grammar read, outside quotation marks:
    /// a determiner, a name word or a lower-case content word that reads as no verb ("Democratic
    /// presidential hopeful"), or a preposition after one ("The fares at the harbor").
    func isSubjectModifier(_ j: Int, lower: Int) -> Bool {
        guard tokenQuotation[j] < 0, tokens[j].kind == .word, !isVerbLike(j) else { return false }
        if tokens[j].flags.contains(.preposition) {
            return tokens[j].shape.contains(.lowercase) && j - 1 >= lower && !tokens[j - 1].flags.contains(.preposition)
                && isSubjectModifier(j - 1, lower: lower)
        }
        return isDeterminer(j) || isNameWord(j) || isContentWord(j)
    }

    /// At most this many auxiliaries stand between the subject and the adverb ("has reportedly",
    /// "will have reportedly").
    static let hearsayAuxiliaries = 3

    /// The last token the clause after a hearsay adverb may reach: in a prepositional phrase or
    /// subordinate clause opening the sentence with no comma before the adverb ("With the mayor
    /// reportedly weighing a run, …"), the token before the first comma a clause follows; else
    /// as for a cue (`contentLimit`).
    func hearsayContentLimit(adverb i: Int, sentence: Range<Int>) -> Int {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        let opener = tokens[lo]
        guard opener.kind == .word, opener.flags.contains(.preposition) || opener.flags.contains(.subordinator),
              !(lo..<i).contains(where: { tokens[$0].isComma }) else {
            return contentLimit(cue: i, start: i + 1, sentence: sentence)
        }
        var k = i + 2
        while k < hi - 1 {
            if tokens[k].isComma && tokenQuotation[k] < 0 && startsNewClause(k + 1, upper: hi) { return k - 1 }
            k += 1
        }
        return hi - 1
    }
}
