/// Rule `content-then-cue`: the content comes first and the attribution closes it: "CONTENT,
/// X said.", "CONTENT, X said, CONTENT." (both parts are content), also when the comma sits
/// inside a closing mark ("…,” X said"); the cue may take a hearer and adjuncts ("CONTENT, X
/// told reporters on Friday.").
///
/// Rejects a verb of belief (`@thought`: "…, X believes" is an aside, not speech); an opening
/// adverbial phrase as content ("On Thursday, however, X said …": a preposition, or a function
/// word and a preposition, at the sentence start, with no clause after a comma before the
/// attribution: "As the governor spoke, a girl was knocked down, police said" is content, and
/// no auxiliary of its own: "About 270 people have been resettled, officials said" is content); and an attribution that goes on with more
/// than adjuncts before the sentence ends or a semicolon ("…, X said in a statement that …" is
/// read by `cue-then-content`).
extension QuoteAnalysis {
    func contentThenCueSpeech(_ v: VerbCue, sentence: Range<Int>) -> ReportedSpeech? {
        let lo = sentence.lowerBound, hi = sentence.upperBound
        let i = v.first, e = v.last
        guard !tokens[i].flags.contains(.thought), let (comma, speaker, stretch) = closingSubject(v, lower: lo) else { return nil }
        // An adverbial before the attribution ("On Thursday, however, Trump spoke …") is no content,
        // unless a clause follows it before the attribution ("As the governor prepared to speak,
        // a girl was knocked down, police said").
        let adverbial = tokens[lo].kind == .word && (tokens[lo].flags.contains(.preposition)
            || (tokens[lo].flags.contains(.function) && lo + 1 < comma && tokens[lo + 1].flags.contains(.preposition)))
            && !clauseAfterComma(from: lo, to: comma) && !hasOwnAuxiliary(from: lo, to: comma)
        let before = adverbial ? nil : trimmedContent(lo, comma - 1, keepClosingMark: tokens[comma + 1].kind == .mark, clauseCuts: false)
        var j = skipHearer(cue: i, from: e + 1, upper: hi)
        // "…, he told the court in his filing.": a hearer is one also when only adjuncts follow it.
        if j == e + 1, tokens[i].flags.contains(.takesObject), let np = nounPhraseForward(j, upper: hi),
           closesClause(after: np, upper: hi) {
            j = np + 1
        }
        j = skipAdjuncts(j, upper: hi)
        var after: (Int, Int)?
        if j < hi && tokens[j].isComma { after = trimmedContent(j + 1, hi - 1); j = hi }
        // A semicolon ends the attribution as a sentence end does ("…, analysts say; in 2012, …").
        guard j >= hi - 1 || tokens[j].isSentenceEnd || tokens[j].isPunct(0x3B) || after != nil else { return nil }
        // A subject read from the stretch before the cue needs the attribution to close the sentence.
        if stretch && after != nil { return nil }
        var contents: ReportedContents = []
        if let before { contents.append(before) }
        if let after { contents.append(after) }
        return contents.isEmpty ? nil : ReportedSpeech(speaker: speaker, cue: (i, e), contents: contents, rule: QuoteRules.contentThenCue)
    }

    /// The subject of an attribution that closes its sentence, and the comma before it: the
    /// speaker phrase found before the cue when it starts right after the comma; else the whole
    /// stretch between the comma and the cue, when it reads as one noun phrase the speaker
    /// grammar did not take whole (`closingSubjectTokens` tokens at most, words only, no verb,
    /// no relative or subordinating word, opening with no conjunction or preposition): "…, the
    /// news site RTL Info reported" (the name speaks, the words before it are its role), "…, a
    /// source close to him said", "…, teachers and union officials told POLITICO". Where the
    /// attribution closes the sentence, what stands between the comma and the cue is its
    /// subject (`stretch` is true then).
    func closingSubject(_ v: VerbCue, lower lo: Int) -> (comma: Int, speaker: SpeakerPhrase, stretch: Bool)? {
        if let speaker = v.speaker {
            let start = min(speaker.first, speaker.roleFirst >= 0 ? speaker.roleFirst : speaker.first)
            if let comma = commaBefore(start, lower: lo) { return (comma, speaker, false) }
        }
        let last = skipFillersBackward(v.first - 1, lower: lo)
        guard last > lo else { return nil }
        var k = last
        while k > lo && last - k < Self.closingSubjectTokens && (tokens[k].kind == .word || tokens[k].kind == .number) { k -= 1 }
        // "…,” the news site reported": the comma inside the closing mark.
        let first = k + 1
        if tokens[k].kind == .mark, tokenQuotation[k] >= 0, k - 1 > lo { k -= 1 }
        guard k > lo, k < last, tokens[k].isComma, tokenQuotation[k] < 0 else { return nil }
        guard first <= last, isNounPhraseStretch(first, last) else { return nil }
        // A name at its end speaks, the words before it are its role ("the news site RTL Info").
        if let s = v.speaker, s.form == .name || s.form == .handle, s.first > first, s.last == last {
            var named = s
            named.roleFirst = first
            if s.roleFirst < 0 || s.roleFirst > s.first { named.roleLast = s.first - 1 }
            return (k, named, true)
        }
        // Else the whole stretch speaks; its head is the word before its first preposition.
        var head = last
        var j = first + 1
        while j <= last {
            if tokens[j].flags.contains(.preposition) || tokens[j].flags.contains(.nounLink) || tokens[j].word == lexicon.words.to {
                head = j - 1
                break
            }
            j += 1
        }
        return (k, SpeakerPhrase(first: first, last: last, head: head, form: isNameWord(last) && head == last ? .name : .common), true)
    }

    /// At most this many tokens stand between the comma and the cue of a closing attribution
    /// whose subject the speaker grammar did not read (`closingSubject`).
    static let closingSubjectTokens = 8

    /// Tokens `first...last` read as one noun phrase: words and numbers, no verb, be-form,
    /// auxiliary, relative or subordinating word, no second noun phrase after a noun (a name
    /// after one only when a determiner opens the stretch and the noun names no speaker); opening with a determiner, a name or a noun or adjective (no conjunction,
    /// preposition or pronoun), and ending in a noun or name (or a pronoun after a preposition:
    /// "close to him").
    func isNounPhraseStretch(_ first: Int, _ last: Int) -> Bool {
        let f = tokens[first]
        guard isDeterminer(first) || isContentWord(first) || isNameWord(first), !f.flags.contains(.preposition),
              isContentWord(last) || isNameWord(last) || (last > first && tokens[last].flags.contains(.pronoun)
                  && (tokens[last - 1].flags.contains(.preposition) || tokens[last - 1].word == lexicon.words.to)),
              !tokens[last].flags.contains(.preposition) else { return false }
        for j in first...last {
            let t = tokens[j]
            guard t.kind == .word || t.kind == .number, tokenQuotation[j] < 0 else { return false }
            if t.kind == .number { continue }
            if isVerbLike(j) || isBeForm(j) || t.flags.contains(.auxiliary) || t.flags.contains(.subordinator)
                || (t.flags.contains(.relative) && t.shape.contains(.lowercase)) || t.flags.contains(.contentOpener) { return false }
            // A second noun phrase after a noun opens a relative clause without "that": "…, an
            // arrangement the campaign has criticized"; so does a name after a determiner and a
            // noun that names no speaker ("…, a word Trump then repeated"; not "the news site RTL
            // Info": a site speaks; nor "frontman Anthony Kiedis", with no determiner before).
            if j > first, tokens[j - 1].shape.contains(.lowercase), isContentWord(j - 1),
               isDeterminer(j) || (isNameWord(j) && isDeterminer(first) && !isRoleWord(j - 1)
                                   && !tokens[j - 1].flags.contains(.organisation)) { return false }
        }
        return true
    }

    /// A comma between `from` and `to` after which a clause starts (a subject and its verb).
    func clauseAfterComma(from: Int, to: Int) -> Bool {
        var k = from + 1
        while k < to {
            if tokens[k].isComma && tokenQuotation[k] < 0 && startsNewClause(k + 1, upper: to) { return true }
            k += 1
        }
        return false
    }

    /// An auxiliary or modal between `from` and `to`, not right after a relative pronoun: what
    /// opens with a preposition is a clause all the same ("About 270 people have now been
    /// resettled, officials said", "Around 50 people would show up, he said"; not "In a
    /// statement that was released Friday, X said").
    func hasOwnAuxiliary(from: Int, to: Int) -> Bool {
        var k = from + 1
        while k < to {
            let t = tokens[k]
            if t.kind == .word, t.flags.contains(.auxiliary), t.shape.contains(.lowercase), tokenQuotation[k] < 0,
               !tokens[k - 1].flags.contains(.relative) { return true }
            k += 1
        }
        return false
    }
}
