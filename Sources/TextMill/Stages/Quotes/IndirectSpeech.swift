/// Reported speech without quotation marks.
///
/// At each word outside quotation marks, the named rules of reported speech (`QuoteRules`,
/// section 2; one file each, `Indirect*.swift`) are tried in order, each inside one sentence:
/// `according-to`, `colon-speaker`, `headline-colon`, `headline-says`, `claim-noun`, then for a verb cue with its speaker before
/// it `cue-then-content`, `relative-subject`, `bare-complement`, `pro-form-message`,
/// `document-object`, `as-attribution`, `split-content`,
/// `split-before-quotation`, `content-then-cue` and `that-after-adjuncts`, and for
/// one with none `inverted-cue` and `subject-of-clause`; last, at a verb of speaking and the
/// preposition of its topic, `speech-topic`, at a verb of asking, `asked-question`, at a
/// passive verb of saying, `passive-report`, after a verb of refusing and "to",
/// `refused-comment`, and at an adverb of report ("reportedly"), `hearsay-adverb`.
/// The content is the reported words without "that" and without the closing punctuation. When
/// the content holds quoted fragments, it becomes their `content` instead of a quote of its own.
extension QuoteAnalysis {
    /// The words at which a rule of reported speech can start, besides a sentence's first word
    /// (`colon-speaker`): a verb cue or naming verb (the verb-cue rules), the first word of a
    /// source phrase (`according-to`), a noun of saying (`claim-noun`), a verb of speaking with
    /// a topic (`speech-topic`) and an adverb of report (`hearsay-adverb`). Every rule in
    /// `reportedSpeech(at:sentence:)` asks for one of these first, so the scan skips other words.
    static let reportedSpeechStarts: WordFlags = [.cue, .namingVerb, .sourcePhraseStart, .speechNoun, .topicVerb, .hearsayAdverb]

    /// Adds indirect speech to the quotations found so far, `out`, and leaves them in text order.
    func addIndirectSpeech(to out: inout [FoundQuote]) {
        // A cue that introduces a direct quotation has no indirect content; one that introduces
        // a mixed quotation does: the reported clause the fragment belongs to.
        // Arrays, not a set and a dictionary: per token, whether a direct quotation's cue starts
        // there; per quotation, its entry in `out` (the last one), or -1. The document's
        // buffers', so a document allocates neither.
        var usedCue = QuoteBuffers.take(&buffers.cueUsed, filledWith: false, count: tokens.count)
        for f in out where f.kind == .direct { if let c = f.cue, usedCue.indices.contains(c.first) { usedCue[c.first] = true } }
        var byQuotation = QuoteBuffers.take(&buffers.quotationEntry, filledWith: -1, count: quotations.count)
        // Per quotation: already counted for the content being read (a set of the quotations
        // inside a content was one allocation a content).
        var seenQuotation = QuoteBuffers.take(&buffers.quotationSeen, filledWith: false, count: quotations.count)
        defer {
            buffers.cueUsed = usedCue
            buffers.quotationEntry = byQuotation
            buffers.quotationSeen = seenQuotation
        }
        for (n, f) in out.enumerated() where byQuotation.indices.contains(f.quotation) { byQuotation[f.quotation] = n }
        for s in sentenceTokens.indices {
            let range = sentenceTokens[s]
            var i = range.lowerBound
            while i < range.upperBound {
                // Past the sentence's first word, only a word that can start a rule.
                if i != range.lowerBound {
                    i = nextReportedSpeechStart(from: i, before: range.upperBound)
                    guard i < range.upperBound else { break }
                }
                guard tokenQuotation[i] < 0, tokens[i].kind == .word else { i += 1; continue }
                // (`split-before-quotation` reads the piece before such a cue: "In other words, he said, “…”".)
                guard let speech = reportedSpeech(at: i, sentence: range),
                      !usedCue[i] || speech.rule == QuoteRules.splitBeforeQuotation else { i += 1; continue }
                var next = i + 1
                for content in speech.contents {
                    var (first, last) = content
                    next = max(next, last + 1)
                    // A direct quotation with its own attribution inside ends the content before it:
                    // "noted that … ― Trump boasted, “…”".
                    for k in quotedTokens(first, through: last) where tokens[k].kind == .mark {
                        let n = byQuotation[Int(tokenQuotation[k])]
                        guard n >= 0, out[n].kind == .direct, !out[n].inherited,
                              let cue = out[n].cue else { continue }
                        let q = quotations[out[n].quotation]
                        var cut = min(q.open, cue.first)
                        if let sp = out[n].speaker, sp.first > first { cut = min(cut, sp.first) }
                        if cut > first, let t = trimmedContent(first, cut - 1) { last = t.1 } else { last = first - 1 }
                        break
                    }
                    guard last >= first else { continue }
                    let span = self.span(first, last)
                    // Quotations inside the content: a mostly quoted content is that quotation's;
                    // otherwise the quoted fragments are mixed quotes of this reported speech.
                    // Quotations inside: a content that is mostly a direct quotation belongs to it
                    // ("X said: “…”", "“…,” X said"); quoted fragments get it as their content.
                    var directQuoted = 0
                    var inside: [Int] = []
                    // Each quotation once (`seenQuotation`, cleared again below).
                    for k in quotedTokens(first, through: last) where !seenQuotation[Int(tokenQuotation[k])] {
                        let qi = Int(tokenQuotation[k])
                        seenQuotation[qi] = true
                        let q = quotations[qi]
                        let n = byQuotation[qi]
                        guard n >= 0 else {
                            directQuoted += max(0, min(q.inner.end, span.end) - max(q.inner.start, span.start))
                            continue
                        }
                        if out[n].kind == .direct && !speech.quotedOnly {
                            directQuoted += max(0, min(q.inner.end, span.end) - max(q.inner.start, span.start))
                        }
                        inside.append(n)
                    }
                    for k in quotedTokens(first, through: last) { seenQuotation[Int(tokenQuotation[k])] = false }
                    if directQuoted * 2 > span.length { continue }
                    if speech.quotedOnly && inside.isEmpty { continue }
                    if !inside.isEmpty {
                        // `nearer-cue`: a fragment with an attribution of its own inside the content
                        // is that attribution's (`NearerCue.swift`).
                        if let cut = nearerAttributionStart(inside: inside, of: out, first: first, outerCue: speech.cue) {
                            splitAtNearerAttribution(cut, inside: inside, &out, first: first, speech: speech)
                            continue
                        }
                        for n in inside where out[n].kind == .mixed || out[n].kind == .direct {
                            giveReportedContent(n, &out, span, first: first, last: last, speech: speech)
                        }
                        continue
                    }
                    out.append(FoundQuote(span: span, kind: .indirect, speaker: speech.speaker, cue: speech.cue, content: nil, quotation: -1))
                    note(speech.rule, span, "speaker: \(speech.speaker.map { words($0.first, $0.last) } ?? "none"), cue: \(words(speech.cue.first, speech.cue.last))")
                }
                i = next
            }
        }
        out.sort { $0.span.start < $1.span.start }
    }

    /// The first token of `from..<end` whose flags hold one of `reportedSpeechStarts`, or `end`:
    /// one load and test a token, where most of a document's tokens are skipped.
    @inline(__always)
    func nextReportedSpeechStart(from: Int, before end: Int) -> Int {
        tokens.elements.withUnsafeBufferPointer { t in
            var k = from
            while k < end && t[k].flags.isDisjoint(with: Self.reportedSpeechStarts) { meter.step(); k += 1 }
            return k
        }
    }

    /// Gives fragment `n` of `found` the reported content `span` (tokens `first...last`) of
    /// `speech`: it is `mixed`, no scare quote, and the reported speech's speaker said the quoted
    /// words, unless the fragment had a speech cue of its own ("Ditto said she expects the
    /// campaign “to continue …”": Ditto; a belief inside reported speech is not speech).
    func giveReportedContent(_ n: Int, _ found: inout [FoundQuote], _ span: Span, first: Int, last: Int, speech: ReportedSpeech) {
        note(speech.rule, found[n].span, "content: " + words(first, last))
        found[n].kind = .mixed
        found[n].content = span
        found[n].tentative = false
        let ownCueIsThought = found[n].cue.map { tokens[$0.first].flags.contains(.thought) } ?? true
        if found[n].speaker == nil || found[n].inherited || (ownCueIsThought && !tokens[speech.cue.first].flags.contains(.thought)) {
            found[n].speaker = speech.speaker; found[n].cue = speech.cue; found[n].inherited = false
        }
    }

    struct ReportedSpeech {
        var speaker: SpeakerPhrase?
        /// The content was read loosely (a noun phrase after the cue): it only counts as the
        /// content of quoted fragments inside it, never as indirect speech on its own.
        var quotedOnly = false
        /// The cue's tokens, as `Int32` (see `ReportedContents`: the answer is kept small).
        private var cue32: (first: Int32, last: Int32)
        /// The content's pieces, each `(first, last)` tokens, in place (`ReportedContents`).
        var contents: ReportedContents
        /// The named rule that read it (`QuoteRules`), for the explanation trace.
        var rule: QuoteRule

        init(speaker: SpeakerPhrase?, cue: (first: Int, last: Int), contents: ReportedContents, quotedOnly: Bool = false,
             rule: QuoteRule) {
            self.speaker = speaker
            self.quotedOnly = quotedOnly
            cue32 = (Int32(truncatingIfNeeded: cue.first), Int32(truncatingIfNeeded: cue.last))
            self.contents = contents
            self.rule = rule
        }

        /// The cue's first and last token.
        var cue: (first: Int, last: Int) {
            get { (Int(cue32.first), Int(cue32.last)) }
            set { cue32 = (Int32(truncatingIfNeeded: newValue.first), Int32(truncatingIfNeeded: newValue.last)) }
        }
    }

    /// A verb cue at `first...last` and the speaker found before it, as the verb-cue rules see it.
    struct VerbCue {
        var first: Int
        var last: Int
        /// A naming verb ("called the charges …") rather than a verb of saying.
        var naming: Bool
        var speaker: SpeakerPhrase?
        /// The speaker is the subject of the clause or of the cue before ("… and asserted that").
        var sharedSubject: Bool
    }

    /// The reported speech whose cue starts at token `i`, if any: the rules of reported speech
    /// in the order they apply (`QuoteRules`, section 2), the first that reads one wins.
    func reportedSpeech(at i: Int, sentence: Range<Int>) -> ReportedSpeech? {
        clauseOrSourceSpeech(at: i, sentence: sentence) ?? speechTopicSpeech(at: i, sentence: sentence)
            ?? (tokens[i].flags.contains(.questionVerb) ? askedQuestionSpeech(at: i, sentence: sentence) : nil)
            ?? (tokens[i].flags.contains(.passiveReport) ? passiveReportSpeech(at: i, sentence: sentence) : nil)
            ?? refusedCommentSpeech(at: i, sentence: sentence)
            ?? (tokens[i].flags.contains(.hearsayAdverb) ? hearsayAdverbSpeech(at: i, sentence: sentence) : nil)
    }

    /// The rules of reported speech before `speech-topic`: a source phrase, a colon or headline
    /// speaker, a noun of saying, and the verb-cue rules.
    func clauseOrSourceSpeech(at i: Int, sentence: Range<Int>) -> ReportedSpeech? {
        if let e = sourcePhraseEnd(at: i) { return accordingToSpeech(at: i, sourceEnd: e, sentence: sentence) }
        if i == sentence.lowerBound, let s = openingRulesSpeech(sentence: sentence) { return s }
        if let s = claimNounSpeech(at: i, sentence: sentence) { return s }
        guard let v = verbCue(at: i, sentence: sentence) else { return nil }
        guard v.speaker != nil else {
            return invertedCueSpeech(v, sentence: sentence) ?? subjectOfClauseSpeech(v, sentence: sentence)
                ?? (v.naming ? nil : contentThenCueSpeech(v, sentence: sentence))
        }
        if let s = cueThenContentSpeech(v, sentence: sentence) { return withRelativePronounPiece(s, v, lower: sentence.lowerBound) }
        if !v.sharedSubject, !v.naming, let s = relativeSubjectSpeech(v, sentence: sentence) { return s }
        if let s = bareComplementSpeech(v, sentence: sentence) { return withRelativePronounPiece(s, v, lower: sentence.lowerBound) }
        if let s = proFormMessageSpeech(v, sentence: sentence) { return s }
        if let s = documentObjectSpeech(v, sentence: sentence) { return s }
        guard !v.sharedSubject, !v.naming else { return nil }
        return asAttributionSpeech(v, sentence: sentence) ?? splitContentSpeech(v, sentence: sentence)
            ?? splitBeforeQuotationSpeech(v, sentence: sentence) ?? contentThenCueSpeech(v, sentence: sentence)
            ?? thatAfterAdjunctsSpeech(v, sentence: sentence)
    }

    /// The rules read at a sentence's first word, in order: `colon-speaker`, `headline-colon`,
    /// `headline-says`. Each is asked only when the sentence holds what it cannot do without
    /// (`OpeningRuleNeeds`): the two colon rules a colon, `headline-says` a word `isHeadlineCue`
    /// accepts. A rule not asked would have read the sentence's first words and found nothing
    /// (it notes nothing in the trace before it finds what it needs), and most sentences hold
    /// neither: their verbs of saying are in lower case.
    func openingRulesSpeech(sentence: Range<Int>) -> ReportedSpeech? {
        let needs = openingRuleNeeds(sentence)
        if needs.colon, let s = colonSpeakerSpeech(sentence: sentence) ?? headlineColonSpeech(sentence: sentence) { return s }
        return needs.headlineCue ? headlineSaysSpeech(sentence: sentence) : nil
    }

    /// What the sentence-opening rules need, found in one pass over the sentence.
    struct OpeningRuleNeeds {
        /// A colon: `colon-speaker` and `headline-colon` read the speaker before one.
        var colon = false
        /// A capitalized finite verb of saying (`isHeadlineCue`): the verb of `headline-says`.
        var headlineCue = false
    }

    func openingRuleNeeds(_ sentence: Range<Int>) -> OpeningRuleNeeds {
        var needs = OpeningRuleNeeds()
        for k in sentence {
            let t = tokens[k]
            if t.isPunct(0x3A) { needs.colon = true }
            // Most words are no cue: the full test only for those that are.
            if !needs.headlineCue && t.kind == .word && t.flags.contains(.cue) && isHeadlineCue(k) { needs.headlineCue = true }
        }
        return needs
    }

    /// The verb cue at `i` with its speaker before it, if `i` starts one that can report speech.
    func verbCue(at i: Int, sentence: Range<Int>) -> VerbCue? {
        let lo = sentence.lowerBound
        let t = tokens[i]
        // A naming verb reports an evaluation only around a quoted fragment ("called the charges “too harsh”").
        if t.flags.contains(.intransitive) { return nil }
        let verbEnd = cueEnd(at: i, thoughts: true)
        let naming = verbEnd == nil && t.flags.contains(.namingVerb)
        guard let e = naming ? i : verbEnd else { return nil }
        var speaker = speakerBefore(cue: i, lower: lo)
        var sharedSubject = false
        if speaker == nil && i > lo
            && (tokens[i - 1].word == lexicon.words.and || tokens[i - 1].word == lexicon.words.but
                || (tokens[i - 1].isComma && t.flags.contains(.ingForm))) {
            // "Strada accused … and asserted that …", "…,” the mayor said, adding that …":
            // the subject of the clause (or of the cue before) speaks.
            speaker = previousCueSpeaker(before: i, lower: lo) ?? clauseSubject(from: lo, upper: i)
            sharedSubject = true
        }
        return VerbCue(first: i, last: e, naming: naming, speaker: speaker, sharedSubject: sharedSubject)
    }

    /// The comma right before `i`, also when a closing mark follows it ("…,” said X").
    func commaBefore(_ i: Int, lower: Int) -> Int? {
        guard i - 1 > lower else { return nil }
        var j = i - 1
        // "…, as a Homeland Security memo put it."
        if tokens[j].word == lexicon.words.asWord && tokens[j].shape.contains(.lowercase) && j - 1 > lower { j -= 1 }
        if tokens[j].isComma { return j }
        if tokens[j].kind == .mark && j - 1 > lower && tokens[j - 1].isComma { return j - 1 }
        return nil
    }

    /// The speaker of the nearest cue before `i` in the clause ("the mayor said, adding …").
    func previousCueSpeaker(before i: Int, lower: Int) -> SpeakerPhrase? {
        var c = i - 1
        while c >= lower && c >= i - 60 {
            if tokenQuotation[c] < 0, cueEnd(at: c, thoughts: false) != nil, let s = speakerBefore(cue: c, lower: lower) {
                return s
            }
            c -= 1
        }
        return nil
    }

    /// Skips what may stand between a cue and its content: time words, fillers, and
    /// prepositional phrases ("on Tuesday", "in a statement", "to RFE/RL", "during a Friday
    /// evening rally in Michigan", "via email"), when "that", a comma, a colon or another
    /// such phrase follows them.
    func skipAdjuncts(_ from: Int, upper: Int) -> Int {
        var j = from
        while j < upper {
            if isTime(j) || isFiller(j) { j += 1; continue }
            let t = tokens[j]
            if t.kind == .number && j > from && isTime(j - 1) { j += 1; continue }
            if t.kind == .word && t.flags.contains(.preposition) && j + 1 < upper && !isInfinitive(j, upper: upper) {
                var k = j + 1
                if isDeterminer(k) { k += 1 }
                var moved = false
                while k < upper && k < j + 9 && (isContentWord(k) || isNameWord(k) || isDeterminer(k)) && !isVerbLike(k)
                        && tokens[k].word != lexicon.words.that {
                    k += 1; moved = true
                }
                guard moved else { break }
                if k < upper && (tokens[k].word == lexicon.words.that || tokens[k].isComma || tokens[k].isPunct(0x3A)
                                 || tokens[k].flags.contains(.preposition) || tokens[k].isSentenceEnd
                                 || (tokens[k].flags.contains(.pronoun) && !tokens[k].flags.contains(.determiner) && !tokens[k].flags.contains(.selfReference))) {
                    j = k
                    continue
                }
                break
            }
            break
        }
        return j
    }

    /// Where the content after a cue starts: after "that", at "whether"/"if"/a wh-word, or at
    /// the start of a clause ("said he expected", "said the plan was").
    func contentStart(afterCue cue: Int, cueLast: Int, upper: Int) -> (Int, Bool)? {
        guard let j = strictContentStart(afterCue: cue, cueLast: cueLast, upper: upper) else {
            // A quoted fragment later in the clause: "dismissed Estonia as being in the “suburbs …”".
            let j = skipAdjuncts(cueLast + 1, upper: upper)
            guard j < upper, tokens[j].kind == .word || tokens[j].kind == .number else { return nil }
            for k in j..<min(upper, j + 60) where tokenQuotation[k] >= 0 && tokens[k].kind == .mark { return (j, true) }
            return nil
        }
        return (j, false)
    }

    func strictContentStart(afterCue cue: Int, cueLast: Int, upper: Int) -> Int? {
        var j = cueLast + 1
        guard j < upper else { return nil }
        // The hearer: "told reporters that", "warned him that", "told RFE/RL".
        let afterHearer = skipHearer(cue: cue, from: j, upper: upper)
        let hearer = afterHearer > j
        j = skipAdjuncts(afterHearer, upper: upper)
        guard j < upper else { return nil }
        // "went on to say that …": the inner cue opens the content.
        if tokens[j].word == lexicon.words.to && j + 1 < upper, tokens[j + 1].flags.contains(.cue), tokens[j + 1].flags.contains(.baseForm) {
            return strictContentStart(afterCue: j + 1, cueLast: cueEnd(at: j + 1, thoughts: true) ?? j + 1, upper: upper)
        }
        // "told his supporters to “go to your place and vote”", "agreed to clean up the mines"
        if tokens[j].word == lexicon.words.to && j + 1 < upper && (hearer || isInfinitive(j, upper: upper)) { return j }
        if tokens[j].word == lexicon.words.that && j + 1 < upper && tokens[j + 1].isComma {
            // "said via email that, “Of course …”"
            return j + 2 < upper ? j + 2 : nil
        }
        if tokens[j].isComma {
            // "said, however, that"
            var k = j + 1
            while k < upper && k < j + 4 && !tokens[k].isComma { k += 1 }
            if k < upper && k + 1 < upper && tokens[k].isComma && tokens[k + 1].word == lexicon.words.that { return k + 2 }
            return nil
        }
        let t = tokens[j]
        if t.word == lexicon.words.that {
            return j + 1 < upper ? j + 1 : nil
        }
        if t.kind == .word && t.flags.contains(.contentOpener) { return j }
        if t.isPunct(0x3A) { return j + 1 < upper && tokens[j + 1].kind != .mark ? j + 1 : nil }
        // A clause: a subject followed by its verb.
        if t.kind == .word && (t.flags.contains(.pronoun) && !t.flags.contains(.selfReference) || t.word == lexicon.words.it) {
            return j
        }
        if t.kind == .word && (t.flags.contains(.pronoun) || tokens[j].word == lexicon.words.it) { return j }
        // "says there was indeed a problem"
        if t.kind == .word && t.shape.contains(.lowercase) && t.word == lexicon.words.there { return j }
        // Content that starts with quoted words: "he said “budget reforms” and … would help".
        if t.kind == .mark, tokenQuotation[j] >= 0, quotations[Int(tokenQuotation[j])].open == j { return j }
        if startsClause(j, upper: upper) || auxiliarySoon(j, upper: upper) { return j }
        // "denied the allegations", "cited problems in the Middle East": the object is the message.
        if tokens[cue].flags.contains(.objectIsContent) && !hearer && nounPhraseForward(j, upper: upper) != nil { return j }
        return nil
    }

    /// "to" before a verb ("vowed to form"), not before a noun phrase ("said to reporters").
    func isInfinitive(_ j: Int, upper: Int) -> Bool {
        guard tokens[j].word == lexicon.words.to, j + 1 < upper else { return false }
        var k = j + 1
        // "to effectively lend"
        if isFiller(k) && k + 1 < upper { k += 1 }
        let v = tokens[k]
        let person = v.flags.contains(.speakerNoun) && !v.flags.contains(.organisation)
        return v.kind == .word && v.shape.contains(.lowercase) && !v.flags.contains(.determiner) && !person
            && !isPlural(k) && !v.flags.contains(.pronoun) && !isObjectPronoun(k) && !isVerbLike(k) && !isFiller(k)
    }

    /// After a cue that takes a hearer ("told reporters", "warned him"), the token after the hearer.
    func skipHearer(cue: Int, from j: Int, upper: Int) -> Int {
        guard j < upper, tokens[cue].flags.contains(.takesObject) else { return j }
        if tokens[j].flags.contains(.pronoun) && !tokens[j].flags.contains(.determiner) || tokens[j].word == lexicon.words.it || isObjectPronoun(j) {
            return j + 1
        }
        if tokens[j].word == lexicon.words.that || tokens[j].flags.contains(.contentOpener) { return j }
        // A phrase is the hearer only when the message follows it ("told reporters that …",
        // "urged Republicans to …"); alone it is the message ("promised a series of meetings").
        if let np = nounPhraseForward(j, upper: upper), np + 1 < upper {
            // Past "in Washington", "on Friday": what follows decides.
            let k = skipAdjuncts(np + 1, upper: upper)
            guard k < upper else { return j }
            let n = tokens[k]
            if n.word == lexicon.words.that || n.word == lexicon.words.to || n.flags.contains(.contentOpener) || n.kind == .mark
                || n.isComma || n.isPunct(0x3A) || (n.flags.contains(.pronoun) && !n.flags.contains(.determiner))
                || startsClause(k, upper: upper) {
                return np + 1
            }
        }
        return j
    }

    /// "him", "her", "them", "us", "me" in lower case (`object_pronouns`): a hearer.
    func isObjectPronoun(_ i: Int) -> Bool {
        let t = tokens[i]
        return t.kind == .word && t.flags.contains(.objectPronoun) && t.shape.contains(.lowercase)
    }

    /// A noun phrase (possibly "A and B") followed by a finite verb ("the plan was",
    /// "Machado promised", "Democrats and the media are").
    func startsClause(_ j: Int, upper: Int) -> Bool {
        var k = j
        if isDeterminer(k) { k += 1 }
        // "neither the nominee nor her campaign", "all the experts"
        if k > j && k < upper && isDeterminer(k) { k += 1 }
        var words = 0
        while k < upper && words < 8 && k - j < QuoteReach.subjectTokens {
            // "the plan works well", "the advantage obscures the concerns": a word in -s after the
            // subject, before an adverb, a determiner or a preposition, is its verb.
            if words > 0 && looksLikeVerbInS(k, upper: upper) { break }
            if isNameWord(k) || (isContentWord(k) && !isVerbLike(k)) { k += 1; words += 1; continue }
            // An apposition inside the subject: "the fund, run by the state treasury, has".
            if words > 0 && tokens[k].isComma {
                var c = k + 1
                while c < upper && c < k + 14 && !tokens[c].isComma && !tokens[c].isSentenceEnd { c += 1 }
                if c < upper && c > k + 1 && tokens[c].isComma { k = c + 1; continue }
                break
            }
            // A linking preposition inside the subject: "praise from Russian President Vladimir Putin would".
            if words > 0 && tokens[k].flags.contains(.nounLink) && k + 1 < upper && (isNameWord(k + 1) || isDeterminer(k + 1) || isContentWord(k + 1)) {
                k += 1
                if isDeterminer(k) { k += 1 }
                continue
            }
            // Coordination inside the subject, and a quoted title ("MSNBC’s “Morning Joe”").
            if words > 0 && (tokens[k].word == lexicon.words.and || tokens[k].word == lexicon.words.or || tokens[k].word == lexicon.words.nor) && k + 1 < upper
                && (isNameWord(k + 1) || isDeterminer(k + 1) || isContentWord(k + 1)) {
                k += 1
                if isDeterminer(k) { k += 1 }
                continue
            }
            break
        }
        guard words > 0, k < upper else { return false }
        let v = tokens[k]
        guard v.kind == .word else { return false }
        // Auxiliaries and verbs in -ed or -s after the subject.
        if v.flags.contains(.function) {
            let aux = v.flags.contains(.function) && !v.flags.contains(.nounLink) && !v.flags.contains(.determiner) && !v.flags.contains(.preposition)
                && !v.flags.contains(.contentOpener) && v.word != lexicon.words.and && v.word != lexicon.words.or
                && v.word != lexicon.words.to && v.word != lexicon.words.asWord
            return aux && v.shape.contains(.lowercase)
        }
        if v.flags.contains(.ingForm) { return false }
        return v.shape.contains(.lowercase) && (isVerbLike(k) || v.flags.contains(.cue) || endsWithS(k))
    }

    /// A noun phrase at `j` (however it is modified) and then an auxiliary or modal within a
    /// dozen words, before any comma or mark: a clause ("the politics surrounding the top of the
    /// ticket would be …").
    func auxiliarySoon(_ j: Int, upper: Int) -> Bool {
        guard isDeterminer(j) || isNameWord(j) || isContentWord(j), !isVerbLike(j) else { return false }
        var k = j + 1
        while k < upper && k < j + 14 {
            let t = tokens[k]
            if t.kind != .word && t.kind != .number { return false }
            if t.flags.contains(.auxiliary) && t.shape.contains(.lowercase) {
                let p = tokens[k - 1]
                return p.kind == .word && !p.flags.contains(.cue) && !p.flags.contains(.preposition) && !p.flags.contains(.determiner)
            }
            if t.flags.contains(.relative) || t.flags.contains(.contentOpener) || t.flags.contains(.cue) && t.shape.contains(.lowercase) { return false }
            k += 1
        }
        return false
    }

    func looksLikeVerbInS(_ k: Int, upper: Int) -> Bool {
        let t = tokens[k]
        guard t.kind == .word, t.shape.contains(.lowercase), !t.shape.contains(.possessive), endsWithS(k), t.end - t.start > 3,
              !t.flags.contains(.function), !isPlural(k - 1) || tokens[k - 1].shape.contains(.capitalized) else { return false }
        guard k + 1 < upper else { return true }
        let n = tokens[k + 1]
        if n.kind != .word { return n.kind == .punct || n.kind == .mark }
        return n.flags.contains(.determiner) || n.flags.contains(.preposition) || n.flags.contains(.pronoun) || isFiller(k + 1)
            || (n.flags.contains(.function) && n.shape.contains(.lowercase)) || n.word == lexicon.words.that
    }

    func endsWithS(_ i: Int) -> Bool {
        let t = tokens[i]
        return t.end - t.start > 2 && text[Int(t.end) - 1] == 0x73
    }

    /// The last token of a noun phrase starting at `j` (pronoun, name or determiner phrase).
    func nounPhraseForward(_ j: Int, upper: Int) -> Int? {
        var k = j
        if isDeterminer(k) { k += 1 }
        var last = -1
        while k < upper && k < j + 8 {
            if isNameWord(k) || (isContentWord(k) && !isVerbLike(k)) { last = k; k += 1; continue }
            // A quoted title inside the phrase: "MSNBC’s “Morning Joe”".
            if last >= 0, tokenQuotation[k] >= 0, tokens[k].kind == .mark {
                let q = quotations[Int(tokenQuotation[k])]
                if q.close >= 0 && q.close < upper && q.close - q.open <= 6 && q.open == k { last = q.close; k = q.close + 1; continue }
            }
            break
        }
        return last >= j ? last : nil
    }

    /// The content from `first` to `last`, without closing punctuation and marks; nil when it
    /// has fewer than three words. A content after its cue (`clauseCuts`) also stops where the
    /// reporting sentence goes on: a second verb of saying of the reporting clause ("… that the
    /// cranes were old and asked the council for money"; with quoted words in the content, any
    /// second verb: "… that Machado was “disgusting” and encouraged Americans to …"), a
    /// participle clause, an aside, the
    /// next clause; a content before its cue ("CONTENT, a source said") is all of it.
    func trimmedContent(_ first: Int, _ last: Int, keepClosingMark: Bool = false, clauseCuts: Bool = true,
                        minimumWords: Int = 3) -> (Int, Int)? {
        var a = first, b = last
        var k = clauseCuts ? a + 1 : b
        var nextAttribution = false, groupAnswer = false
        while k < b {
            // "…, and others have said they …": a second attribution reports its own content.
            // "…, but six in 10 said they …": a second group's answer (`group-answer`).
            if let cut = nextAttributionCut(at: k, first: a, last: b) {
                b = cut.cut
                if cut.groupAnswer { groupAnswer = true } else { nextAttribution = true }
                break
            }
            // ", arguing that …", ", using an average of …": a participle clause of the
            // reporting sentence; "; the Center … puts": the next clause.
            if tokenQuotation[k] < 0, tokens[k].isComma, k + 1 <= b, tokens[k + 1].kind == .word,
               (tokens[k + 1].flags.contains(.ingForm) && tokens[k + 1].flags.contains(.cue)) || isParticipleClause(k + 1) {
                b = k - 1
                break
            }
            // "… “…,” claiming that …": the same after a comma inside the marks (`participle-after`).
            if k + 1 <= b, endsBeforeParticiple(k) {
                trace?.recordOnce(QuoteRules.participleAfter, "the content ends at the closing mark before “" + words(k + 1, k + 1) + "”")
                b = k
                break
            }
            // ", said he was unaware …": a comma and a finite cue close the clause; the cue
            // reports speech of its own ("The mayor, who said the project was vetted, said …").
            if tokenQuotation[k] < 0, tokens[k].isComma, k + 1 <= b, tokens[k + 1].kind == .word,
               tokens[k + 1].shape.contains(.lowercase), !tokens[k + 1].flags.contains(.ingForm),
               !tokens[k + 1].flags.contains(.thought), cueEnd(at: k + 1, thoughts: false) != nil {
                b = k - 1
                break
            }
            if tokenQuotation[k] < 0, tokens[k].isPunct(0x3B) {
                b = k - 1
                break
            }
            // A pair of dashes holds an aside inside the content ("troop strength - around 166,000
            // in April - already lags …"): the content goes on after the second one.
            if tokenQuotation[k] < 0, tokens[k].kind == .dash, let close = closingDash(after: k, through: b) {
                k = close + 1
                continue
            }
            // A dash opens an aside, unless the quoted words the content leads to come after it.
            if tokenQuotation[k] < 0, tokens[k].kind == .dash, !hasQuotedToken(k + 1, through: b) {
                b = k - 1
                break
            }
            // ", which makes him …", ", where 18 votes …": a relative clause the writer adds;
            // ", while 95 members …" (`content_closers`): a clause of the writer's;
            // ", but they care …", ", and Hillary Clinton is promising …": the next clause.
            if tokenQuotation[k] < 0, tokens[k].isComma, k + 1 < b, !hasQuotedToken(k + 1, through: b) {
                let n = tokens[k + 1]
                if n.kind == .word && n.shape.contains(.lowercase) && (n.flags.contains(.relative) && n.word != lexicon.words.that || n.word == lexicon.words.whereWord
                                                                        || n.flags.contains(.contentCloser)) {
                    b = k - 1
                    break
                }
                if (n.word == lexicon.words.but || n.word == lexicon.words.and) && startsNewClause(k + 2, upper: b + 1) {
                    b = k - 1
                    break
                }
            }
            // "… and asked the council for money": a second verb of saying is the reporting
            // clause's; any other verb goes on with the content ("the cranes were old and needed
            // to be replaced"), unless the content so far carries quoted words: then it is their
            // clause, which a past-tense verb after "and" ends, as for `fragment-clause` ("Machado
            // was “disgusting” and encouraged Americans to …"). A base form after "and" that is also a
            // noun (`@noun`) goes on with the content ("federal and state law"); "and say" ends it.
            if tokenQuotation[k] < 0, tokens[k].word == lexicon.words.and || tokens[k].word == lexicon.words.but,
               k + 1 <= b, tokens[k + 1].kind == .word, tokens[k + 1].shape.contains(.lowercase),
               (cueEnd(at: k + 1, thoughts: true) != nil && !tokens[k + 1].flags.contains(.baseForm))
                || (tokens[k + 1].flags.contains(.cue) && !tokens[k + 1].flags.isSuperset(of: [.baseForm, .nounForm])
                    && !tokens[k + 1].flags.contains(.speakerNoun) && !tokens[k + 1].flags.contains(.function))
                || (isVerbLike(k + 1) && !tokens[k + 1].flags.contains(.function) && hasQuotedToken(a, through: k)) {
                b = k - 1
                break
            }
            k += 1
        }
        // No closing punctuation, and no preposition or conjunction left hanging at the end.
        while b >= a && (tokens[b].kind == .punct || tokens[b].kind == .dash
                         || (tokens[b].kind == .closeBracket && !hasOpenBracket(a, b))
                         || (tokens[b].kind == .word && tokens[b].shape.contains(.lowercase)
                             && (tokens[b].flags.contains(.preposition) || tokens[b].word == lexicon.words.and || tokens[b].word == lexicon.words.but))) { b -= 1 }
        while a <= b && (tokens[a].kind == .punct || tokens[a].kind == .dash) { a += 1 }
        guard a <= b, wordCount(a, b + 1) >= minimumWords else { return nil }
        if nextAttribution { note(QuoteRules.nextAttribution, span(a, b), "ends before the attribution “\(words(b + 1, min(last, b + 6)))…”") }
        if groupAnswer { note(QuoteRules.groupAnswer, span(a, b), "ends before the group “\(words(b + 1, min(last, b + 6)))…”") }
        // "…, using the tax ''is a misguided approach,'' said X": the content ends with the quoted words.
        if keepClosingMark, b + 2 < tokens.count, tokens[b + 1].isComma, tokens[b + 2].kind == .mark { return (a, b + 2) }
        // Keep marks balanced: a closing mark at the end stays only with its opener inside.
        return (a, b)
    }

    /// The last token a content after cue `cue` may reach: for a cue that opens its sentence
    /// ("Asked whether …,", "While saying that …,", "Since announcing …,") or stands in an
    /// opening subordinate clause (`subordinators`: "While the mayor has said the budget is
    /// sound, the council …", "When the senator announced he would run, …"), the token before
    /// the first comma that a clause follows (the main clause: "…, Clinton said"); for a cue in a
    /// relative clause set off by a comma, the token before the comma after which the main
    /// clause's verb goes on (`relative-clause-end`: "The levy, which the mayor said would pay for
    /// the ferries, was approved"); for a cue in a subordinate clause opened inside the sentence,
    /// the token before the first comma that a clause follows (`subordinate-clause-end`:
    /// "However, while the board says the ferries are safe, the inspectors …"); else the
    /// sentence's last token.
    func contentLimit(cue: Int, start: Int, sentence: Range<Int>) -> Int {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        let opensSentence = cue - lo <= 1 && (cue == lo || tokens[lo].flags.contains(.preposition) || tokens[lo].flags.contains(.function))
        guard opensSentence || inOpeningSubordinateClause(cue, lower: lo) else {
            return relativeClauseEnd(cue: cue, start: start, last: hi - 1, lower: lo)
                ?? subordinateClauseEnd(cue: cue, start: start, last: hi - 1, lower: lo) ?? hi - 1
        }
        var k = start + 1
        while k < hi - 1 {
            if tokens[k].isComma && tokenQuotation[k] < 0 && startsNewClause(k + 1, upper: hi) { return k - 1 }
            k += 1
        }
        return hi - 1
    }

    /// Token `cue` stands in a subordinate clause that opens its sentence: the sentence's first
    /// word (or the one after "and"/"but") is a subordinator (`subordinators`: "While", "When",
    /// "Although") and no comma stands between it and the cue.
    func inOpeningSubordinateClause(_ cue: Int, lower lo: Int) -> Bool {
        var s = lo
        if tokens[s].word == lexicon.words.and || tokens[s].word == lexicon.words.but { s += 1 }
        guard s < cue, cue - s <= QuoteReach.subjectTokens, tokens[s].kind == .word, tokens[s].flags.contains(.subordinator) else { return false }
        var k = s + 1
        while k < cue {
            if tokens[k].isComma || tokens[k].kind == .dash { return false }
            k += 1
        }
        return true
    }

    /// The dash that closes an aside opened by the dash at `open`: the next dash within
    /// `QuoteReach.dashAsideTokens` tokens, before `last` (words follow it) and before any
    /// sentence end or quotation mark.
    func closingDash(after open: Int, through last: Int) -> Int? {
        var k = open + 1
        while k < last && k <= open + QuoteReach.dashAsideTokens {
            let t = tokens[k]
            if t.kind == .dash { return k > open + 1 ? k : nil }
            if t.isSentenceEnd || t.kind == .mark { return nil }
            k += 1
        }
        return nil
    }

    /// A subject and its verb start at `j` ("they care", "Hillary Clinton is promising").
    func startsNewClause(_ j: Int, upper: Int) -> Bool {
        guard j < upper else { return false }
        if tokens[j].kind == .word && tokens[j].flags.contains(.pronoun) && !tokens[j].flags.contains(.determiner) { return true }
        return startsClause(j, upper: upper)
    }

    /// A lower-case word in -ing that opens a participle clause ("using", "including").
    func isParticipleClause(_ i: Int) -> Bool {
        let t = tokens[i]
        let n = Int(t.end)
        guard t.kind == .word, t.shape.contains(.lowercase), t.end - t.start > 5, !t.flags.contains(.function),
              !t.flags.contains(.preposition) else { return false }
        return text[n - 3] == 0x69 && text[n - 2] == 0x6E && text[n - 1] == 0x67
    }

    /// Quotations with no cue of their own and nothing of the reporter's text around them
    /// take the last speaker of up to `paragraphs` paragraphs before them.
    func inheritFloatingSpeakers(_ found: inout [FoundQuote], paragraphs: Int) {
        guard paragraphs > 0 else { return }
        for n in found.indices where found[n].speaker == nil && found[n].cue == nil && found[n].kind == .direct && found[n].quotation >= 0 {
            let p = quotations[found[n].quotation].paragraph
            // A headline starts another story: it takes no speaker and gives none.
            if isHeadline(p) { continue }
            var m = n - 1
            while m >= 0 && m >= n - 50 {
                let mp = found[m].quotation >= 0 ? quotations[found[m].quotation].paragraph : Int(tokenParagraph[tokenIndex(at: found[m].span.start)])
                if mp < p - paragraphs { break }
                if isHeadline(mp) { m -= 1; continue }
                if let s = found[m].speaker {
                    found[n].speaker = s
                    found[n].inherited = true
                    break
                }
                m -= 1
            }
        }
    }

    /// A paragraph written in title case with no final period: a headline or section title.
    func isHeadline(_ p: Int) -> Bool {
        let range = paragraphTokens[p]
        guard !range.isEmpty, range.count < 40 else { return false }
        if tokens[range.upperBound - 1].isSentenceEnd && tokens[range.upperBound - 1].isPunct(0x2E) { return false }
        var words = 0, capitalized = 0
        for i in range where tokens[i].kind == .word && !tokens[i].flags.contains(.function) {
            words += 1
            if tokens[i].shape.contains(.capitalized) { capitalized += 1 }
        }
        return words >= 3 && capitalized * 5 >= words * 4
    }

    /// The index of the token that starts at or after byte `offset`.
    func tokenIndex(at offset: Int) -> Int {
        var lo = 0, hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(tokens[mid].start) < offset { lo = mid + 1 } else { hi = mid }
        }
        return min(lo, tokens.count - 1)
    }
}
