/// Cues and speaker noun phrases, found on tokens with the lexicon's word lists.
///
/// No parser: a speaker is the noun phrase right before its cue ("the embassy said"), or right
/// after it when the quotation comes first ("…,” said Maya Wang), read with a small grammar of
/// names, titles, determiners, appositions between commas and linking prepositions.
extension QuoteAnalysis {
    // MARK: Cues

    // Whether a cue word is a cue where it stands: `cueEnd(at:thoughts:)`, the cue-word rules in `Cues/`.

    /// The index of the token before `i`, skipping fillers ("also", "repeatedly"); may be -1.
    func beforeFillers(_ i: Int) -> Int {
        var q = i - 1
        while q >= 0 && i - q <= QuoteReach.fillers && tokenParagraph[q] == tokenParagraph[i] && isFiller(q) && !isBeForm(q) { q -= 1 }
        return q
    }

    /// "is", "are", "was", "were", "be", "been", "being".
    func isBeForm(_ i: Int) -> Bool {
        guard i >= 0 else { return false }
        let w = tokens[i].word
        let k = lexicon.words
        return w >= 0 && (w == k.isWord || w == k.wasWord || w == k.are || w == k.were || w == k.be || w == k.been || w == k.being)
    }

    /// If a source phrase ("according to") starts at `i`, the index of its last token.
    func sourcePhraseEnd(at i: Int) -> Int? {
        guard tokens[i].flags.contains(.sourcePhraseStart) else { return nil }
        return phraseEnd(of: lexicon.sourcePhrases, at: i)
    }

    /// The last token of the first phrase of `phrases` that starts at token `i` and ends in its
    /// paragraph, if any.
    func phraseEnd(of phrases: [[Int32]], at i: Int) -> Int? {
        for phrase in phrases where phrase[0] == tokens[i].word {
            let end = i + phrase.count - 1
            guard end < tokens.count, tokenParagraph[end] == tokenParagraph[i] else { continue }
            var ok = true
            for k in 1..<phrase.count where tokens[i + k].word != phrase[k] { ok = false; break }
            if ok { return end }
        }
        return nil
    }

    /// If a label phrase ("so-called", "known as") ends right before token `i`, its first token.
    func labelPhraseBefore(_ i: Int, lowerBound: Int) -> Int? {
        phraseStart(of: lexicon.labelPhrases, before: i, lowerBound: lowerBound)
    }

    /// The first token of the phrase of `phrases` that ends right before token `i`, if any.
    func phraseStart(of phrases: [[Int32]], before i: Int, lowerBound: Int) -> Int? {
        for phrase in phrases {
            let first = i - phrase.count
            guard first >= lowerBound else { continue }
            var ok = true
            for k in 0..<phrase.count where tokens[first + k].word != phrase[k] { ok = false; break }
            if ok { return first }
        }
        return nil
    }

    // MARK: Words

    func isFiller(_ i: Int) -> Bool {
        let t = tokens[i]
        guard t.kind == .word else { return false }
        if t.flags.contains(.filler) { return true }
        // Adverbs in -ly ("flatly", "repeatedly"), not nouns and verbs in -ly ("reply", "family").
        let n = Int(t.end - t.start)
        return n > 4 && t.shape.contains(.lowercase) && text[Int(t.end) - 1] == 0x79 && text[Int(t.end) - 2] == 0x6C
            && !t.flags.contains(.cue) && !t.flags.contains(.speakerNoun)
    }

    func isTime(_ i: Int) -> Bool { tokens[i].kind == .word && tokens[i].flags.contains(.time) }

    /// A word that may be part of a name: capitalized and not a function word, or a handle.
    func isNameWord(_ i: Int) -> Bool {
        let t = tokens[i]
        guard t.kind == .word else { return false }
        if t.shape.contains(.handle) { return true }
        guard t.shape.contains(.capitalized) else { return false }
        if t.flags.contains(.function) || t.flags.contains(.time) || t.flags.contains(.pronoun) { return false }
        // A capitalized cue word is a name word inside a name ("The New York Post"), not after a break.
        if t.flags.contains(.cue) && !t.flags.contains(.speakerNoun) && !t.flags.contains(.title) {
            guard i > 0, tokenParagraph[i - 1] == tokenParagraph[i] else { return false }
            let p = tokens[i - 1]
            if p.word == lexicon.words.the { return true }   // "The Post has learned"
            return p.kind == .word && p.shape.contains(.capitalized) && !p.flags.contains(.function) && !p.flags.contains(.cue)
                && !t.shape.contains(.allCaps)
        }
        // Words of a heading in capitals ("CONGRESS HAS INVESTIGATED HIM") are not names; those
        // of a transcript's turn label are ("MS. PSAKI: …", `isInTurnLabel`).
        if t.shape.contains(.allCaps) && t.end - t.start > 4 {
            for j in [i - 1, i + 1] where j >= 0 && j < tokens.count && tokenParagraph[j] == tokenParagraph[i] {
                if tokens[j].kind == .word && tokens[j].shape.contains(.allCaps) { return isInTurnLabel(i) }
            }
        }
        return true
    }

    func isDeterminer(_ i: Int) -> Bool { tokens[i].kind == .word && tokens[i].flags.contains(.determiner) }

    /// A lower-case word that can sit inside a noun phrase (adjective or noun, not a function word).
    func isContentWord(_ i: Int) -> Bool {
        let t = tokens[i]
        if t.kind == .number { return true }
        guard t.kind == .word else { return false }
        if t.flags.contains(.function) || t.flags.contains(.relative) || t.flags.contains(.pronoun) { return false }
        if t.flags.contains(.cue) && !t.flags.contains(.speakerNoun) && !t.flags.contains(.title) {
            // "reply", "reports", "claims" read as nouns where they are not verbs.
            return t.flags.contains(.nounForm) && !t.flags.contains(.pastForm) && !t.flags.contains(.ingForm) && cueEnd(at: i, thoughts: true) == nil
        }
        return true
    }

    func isRoleWord(_ i: Int) -> Bool {
        let t = tokens[i]
        return t.kind == .word && (t.flags.contains(.title) || t.flags.contains(.speakerNoun)) && !t.flags.contains(.honorific)
    }

    // MARK: Speaker before a cue

    /// The speaker whose phrase ends right before cue `cue` (after fillers such as "also",
    /// "on Tuesday"), not reaching below `lower`.
    func speakerBefore(cue: Int, lower: Int) -> SpeakerPhrase? {
        var i = skipFillersBackward(cue - 1, lower: lower)
        guard i >= lower else { return nil }
        if tokens[i].kind == .closeBracket {
            // "Rep. Gwen Moore (D-Wis.) said"
            var j = i - 1
            while j >= lower && tokens[j].kind != .openBracket && i - j < 12 { j -= 1 }
            guard j > lower, tokens[j].kind == .openBracket else { return nil }
            i = j - 1
        }
        let t = tokens[i]
        if t.isComma {
            // "…, saying": the -ing cue belongs to the main clause, whose subject speaks.
            if tokens[cue].flags.contains(.ingForm) && i == cue - 1 { return nil }
            return appositiveSpeaker(comma: i, lower: lower)
        }
        guard t.kind == .word || t.kind == .number else { return nil }
        if t.flags.contains(.pronoun) && !t.flags.contains(.determiner) || t.word == lexicon.words.it {
            return SpeakerPhrase(first: i, last: i, head: i, form: .pronoun)
        }
        if t.flags.contains(.relative) {
            guard var ante = relativeAntecedent(of: i, lower: lower) else { return nil }
            ante.antecedent = (ante.first, ante.last, ante.head)
            return SpeakerPhrase(first: i, last: i, head: i, form: .relative, antecedent: (ante.first, ante.last, ante.head))
        }
        guard let phrase = nounPhrase(endingAt: i, lower: lower) else { return nil }
        return subjectOfRelativeClause(around: phrase, lower: lower) ?? phrase
    }

    /// "Insurers that had backed the harbor authority's bonds agreed": the phrase
    /// before the cue is the object inside a relative clause; the subject is the noun phrase
    /// before "that"/"who".
    func subjectOfRelativeClause(around phrase: SpeakerPhrase, lower: Int) -> SpeakerPhrase? {
        var r = phrase.first - 1
        var verb = false
        while r > lower && r >= phrase.first - 8 {
            let t = tokens[r]
            if t.kind != .word { return nil }
            if t.flags.contains(.relative) && t.shape.contains(.lowercase) { break }
            if isVerbLike(r) || isBeForm(r) || (t.flags.contains(.function) && !t.flags.contains(.determiner) && !t.flags.contains(.preposition)) { verb = true }
            r -= 1
        }
        guard r > lower, r >= phrase.first - 8, tokens[r].flags.contains(.relative), verb,
              let subject = nounPhrase(endingAt: r - 1, lower: lower), subject.form != .pronoun else { return nil }
        return subject
    }

    /// Skips fillers, time words and "on Tuesday"-like adjuncts going left.
    func skipFillersBackward(_ from: Int, lower: Int) -> Int {
        var i = from
        while i >= lower && from - i < QuoteReach.fillers {
            if isFiller(i) || isTime(i) { i -= 1; continue }
            // "… and Robert Menendez all suggested": a quantifier after the subject.
            if i == from && tokens[i].kind == .word && tokens[i].shape.contains(.lowercase) && i > lower && !isDeterminer(i - 1) {
                let w = tokens[i].word, k = lexicon.words
                if w >= 0 && (w == k.all || w == k.both || w == k.each) { i -= 1; continue }
            }
            // "on Tuesday", "in a statement": a linking preposition whose object was a time word.
            if tokens[i].kind == .number && i > lower && isTime(i - 1) { i -= 1; continue }
            if tokens[i].flags.contains(.nounLink) && i + 1 <= from && isTime(i + 1) { i -= 1; continue }
            break
        }
        return i
    }

    /// The noun phrase that ends at token `e`: a name with its title, a pronoun, or a common
    /// noun phrase ("a spokesman for the ministry"), not reaching below `lower`.
    func nounPhrase(endingAt e: Int, lower: Int, depth: Int = 0) -> SpeakerPhrase? {
        guard e >= lower else { return nil }
        let t = tokens[e]
        var phrase: SpeakerPhrase
        if isNameWord(e) || (t.shape.contains(.abbreviation) && t.shape.contains(.capitalized)) {
            var j = e
            while j - 1 >= lower && e - j < QuoteReach.nameWords {
                if isNameWord(j - 1) || tokens[j - 1].flags.contains(.honorific) && tokens[j - 1].shape.contains(.capitalized) {
                    j -= 1
                } else if j - 2 >= lower && tokens[j - 1].flags.contains(.nameConnector) && tokens[j - 1].shape.contains(.lowercase) && isNameWord(j - 2) {
                    j -= 2
                } else {
                    break
                }
            }
            phrase = SpeakerPhrase(first: j, last: e, head: e, form: t.shape.contains(.handle) ? .handle : .name)
            // A title inside the run ("Ambassador Zhang Xiao", "U.S. President Donald Trump") is its role.
            var k = e - 1
            while k >= j && !(tokens[k].flags.contains(.title) && !tokens[k].flags.contains(.honorific)) { k -= 1 }
            if k >= j {
                phrase.roleFirst = j
                phrase.roleLast = k
                phrase.first = k + 1
                // Words before the title describe it too: "Tulsa police Chief Chuck Jordan".
                var r = j
                while r - 1 >= lower && r > j - 4 && (isContentWord(r - 1) || isNameWord(r - 1)) && !isDeterminer(r - 1) && !isVerbLike(r - 1) { r -= 1 }
                phrase.roleFirst = r
            } else if j - 1 >= lower && isRoleWord(j - 1) && tokens[j - 1].shape.contains(.lowercase) {
                // "activist Assem Zhapisheva", "Twitter user @kamaluga", "Foreign Ministry spokesman Zhao Lijian"
                var r = j - 1
                while r - 1 >= lower && (isContentWord(r - 1) || isNameWord(r - 1)) && !isDeterminer(r - 1) && r > j - 6 { r -= 1 }
                phrase.roleFirst = r
                phrase.roleLast = j - 1
            } else if j - 1 >= lower && isDeterminer(j - 1) && tokens[j - 1].word != lexicon.words.that {
                // An organisation: "the Chinese Embassy".
                phrase.first = j - 1
            }
        } else if t.kind == .word || t.kind == .number {
            guard isContentWord(e) else { return nil }
            var j = e
            while j - 1 >= lower {
                if isDeterminer(j - 1) && tokens[j - 1].word != lexicon.words.that { j -= 1; break }
                if isContentWord(j - 1) || isNameWord(j - 1) { j -= 1; continue }
                break
            }
            // "At least 40 residents": a quantity phrase before the number is part of the phrase.
            if let n = (j...e).first(where: { tokens[$0].kind == .number }),
               let q = phraseStart(of: lexicon.quantityPhrases, before: n, lowerBound: lower) { j = min(j, q) }
            // The last word must be a noun that can speak or a plural; a lone adjective or a
            // verb form is not a speaker.
            let head = tokens[e]
            let ok = head.flags.contains(.speakerNoun) || head.flags.contains(.title) || isDeterminer(j) || isPlural(e)
                || head.kind == .number || tokens[j].kind == .number || (j < e && tokens[j].shape.contains(.possessive))
            guard ok, e - j < 8 else { return nil }
            // A number alone before a bracket or punctuation marks a list item ("1) Said the levy
            // …", "2. Told the council …"): no speaker. One before its verb is a quantity that
            // speaks ("43 said the same", "6 in 10 say").
            if j == e && head.kind == .number && e + 1 < tokens.count
                && (tokens[e + 1].kind == .closeBracket || tokens[e + 1].kind == .punct) { return nil }
            phrase = SpeakerPhrase(first: j, last: e, head: e, form: .common)
        } else {
            return nil
        }
        // "an indictment seen by RFE/RL": a participle and "by" after the noun that speaks.
        if depth < 2, phrase.first - 3 >= lower, tokens[phrase.first - 1].word == lexicon.words.by,
           tokens[phrase.first - 2].kind == .word, tokens[phrase.first - 2].shape.contains(.lowercase),
           !tokens[phrase.first - 2].flags.contains(.function), isParticiple(phrase.first - 2),
           let outer = nounPhrase(endingAt: phrase.first - 3, lower: lower, depth: depth + 1), outer.form == .common {
            var merged = outer
            merged.last = phrase.last
            return merged
        }
        // "a spokesman for the ministry": a noun that can speak, a linking preposition, this phrase.
        if depth < 2, phrase.first - 2 >= lower, tokens[phrase.first - 1].flags.contains(.nounLink) || tokens[phrase.first - 1].word == lexicon.words.to,
           phrase.roleFirst < 0 || phrase.roleFirst >= phrase.first,
           let outer = nounPhrase(endingAt: phrase.first - 2, lower: lower, depth: depth + 1) {
            if tokens[outer.head].flags.contains(.speakerNoun) || tokens[outer.head].flags.contains(.title) {
                var merged = outer
                merged.last = phrase.last
                return merged
            }
            // "Mr. Morgan of the Sierra Club": the person speaks; the body is the role.
            if outer.form == .name && phrase.form == .name && outer.roleFirst < 0 && isPersonName(outer) {
                var merged = outer
                merged.roleFirst = phrase.first
                merged.roleLast = phrase.last
                return merged
            }
        }
        return phrase
    }

    /// A name that reads as a person's: with an honorific, a known first name, or two or more words.
    func isPersonName(_ p: SpeakerPhrase) -> Bool {
        let f = tokens[p.first]
        if f.flags.contains(.honorific) || f.flags.contains(.maleName) || f.flags.contains(.femaleName) { return true }
        return p.last > p.first && !isDeterminer(p.first)
    }

    func isPlural(_ i: Int) -> Bool {
        let t = tokens[i]
        guard t.kind == .word, t.shape.contains(.lowercase), t.end - t.start >= 4 else { return false }
        let last = text[Int(t.end) - 1]
        let before = text[Int(t.end) - 2]
        return last == 0x73 && before != 0x73 && before != 0x75 && before != 0x69
    }

    /// Tokens `first..<end` hold a finite auxiliary (`auxiliaries`: would, has, is; lower case,
    /// outside quotation marks, not after "to") before any relative pronoun: a clause, not a
    /// noun phrase ("who’s running to be an alternate" is none).
    private func holdsOwnAuxiliary(_ first: Int, _ end: Int) -> Bool {
        for m in first..<end {
            let t = tokens[m]
            guard t.kind == .word, t.shape.contains(.lowercase), tokenQuotation[m] < 0 else { continue }
            if t.flags.contains(.relative) { return false }
            if t.flags.contains(.auxiliary) && !(m > first && tokens[m - 1].word == lexicon.words.to) { return true }
        }
        return false
    }

    /// "NAME, APPOSITION, said": the name before one to three comma-separated segments.
    func appositiveSpeaker(comma: Int, lower: Int) -> SpeakerPhrase? {
        var end = comma
        var roleFirst = -1
        var relative = false
        for _ in 0..<3 {
            var k = end - 1
            while k >= lower && !tokens[k].isComma && end - k < 30 {
                let u = tokens[k]
                if u.kind == .mark || u.isSentenceEnd { return nil }
                if cueEnd(at: k, thoughts: false) != nil && !tokens[k].flags.contains(.participle) && !tokens[k].flags.contains(.ingForm) {
                    // A clause with its own cue ("The protest, he said, was …") is no apposition.
                    if !(k > end - 4 && k > 0 && tokens[k - 1].flags.contains(.relative)) && !relativeClause(from: k, to: end) { return nil }
                }
                k -= 1
            }
            guard k >= lower, tokens[k].isComma, k + 1 < end else { return nil }
            let segFirst = k + 1
            let s = tokens[segFirst]
            if s.flags.contains(.preposition) && !relative && roleFirst < 0 {
                // ", at Monday’s debate,": an adjunct between the subject and its verb, not a role.
                if let np = nounPhrase(endingAt: k - 1, lower: lower) { return np }
                end = k
                continue
            }
            if s.flags.contains(.relative) { relative = true } else if !relative {
                guard isDeterminer(segFirst) || s.kind == .number || isRoleWord(segFirst) || s.shape.contains(.lowercase)
                    || isNameWord(segFirst) else { return nil }
                // A name followed by a verb is a clause ("Trump attacked Clinton"), not an apposition.
                if isNameWord(segFirst) && !isRoleWord(segFirst) {
                    for m in segFirst..<end where isVerbLike(m) { return nil }
                }
                // So is a stretch with a finite auxiliary of its own: "If the ferry
                // stopped, most islanders would find other ways, said Rowan Pike" is content, a
                // comma and an inverted cue (not "a pilot who has flown for years").
                if holdsOwnAuxiliary(segFirst, end) { return nil }
            }
            if !relative { roleFirst = segFirst }
            var npEnd = k - 1
            if npEnd > lower && tokens[npEnd].kind == .closeBracket {
                // "Rep. Dana K. Moss (D-Ore.), chairwoman of …, said"
                var b = npEnd - 1
                while b > lower && tokens[b].kind != .openBracket && npEnd - b < 12 { b -= 1 }
                if tokens[b].kind == .openBracket { npEnd = b - 1 }
            }
            // A phrase that is the object of a preposition ("attorney general of Oklahoma") is
            // inside the apposition, not the speaker: look further left.
            if let np = nounPhrase(endingAt: npEnd, lower: lower),
               !(np.first > lower && tokens[np.first - 1].kind == .word && tokens[np.first - 1].flags.contains(.preposition)) {
                // "Another user, Elmira, also posted": the name in the apposition is the speaker.
                if np.form == .common && !relative, (segFirst..<comma).allSatisfy({ isNameWord($0) || tokens[$0].flags.contains(.honorific) }) {
                    var named = SpeakerPhrase(first: segFirst, last: comma - 1, head: comma - 1, form: tokens[comma - 1].shape.contains(.handle) ? .handle : .name)
                    named.roleFirst = np.first
                    named.roleLast = np.last
                    return named
                }
                // "Lena Hartmann, the finance minister of Austria, a founding member …, said":
                // a common phrase after a comma and a name is one more apposition of that name.
                if np.form == .common, np.first - 2 >= lower, tokens[np.first - 1].isComma,
                   var named = nounPhrase(endingAt: np.first - 2, lower: lower), named.form == .name || named.form == .handle,
                   !(named.first > lower && tokens[named.first - 1].kind == .word && tokens[named.first - 1].flags.contains(.preposition)) {
                    named.roleFirst = np.first
                    named.roleLast = comma - 1
                    return named
                }
                var out = np
                if roleFirst >= 0 && !(np.roleFirst >= 0 && np.roleFirst < np.first) {
                    out.roleFirst = roleFirst
                    out.roleLast = relative ? roleLastBeforeRelative(roleFirst, comma) : comma - 1
                    if out.roleLast < out.roleFirst { out.roleFirst = -1; out.roleLast = -1 }
                }
                return out
            }
            if k - 1 >= lower, tokens[k - 1].flags.contains(.pronoun) && !tokens[k - 1].flags.contains(.determiner) {
                return SpeakerPhrase(first: k - 1, last: k - 1, head: k - 1, form: .pronoun)
            }
            end = k
        }
        return nil
    }

    private func relativeClause(from k: Int, to end: Int) -> Bool {
        var j = k
        while j > k - 8 && j >= 0 && !tokens[j].isComma {
            if tokens[j].flags.contains(.relative) { return true }
            j -= 1
        }
        return false
    }

    private func roleLastBeforeRelative(_ first: Int, _ comma: Int) -> Int {
        var j = first
        while j < comma {
            if tokens[j].isComma && j + 1 < comma && tokens[j + 1].flags.contains(.relative) { return j - 1 }
            j += 1
        }
        return comma - 1
    }

    /// The phrase a relative pronoun at `r` stands for: the noun phrase before it, climbing
    /// over "of/by/in/to …" attachments to the head ("a diplomatic note sent by … to …, which").
    func relativeAntecedent(of r: Int, lower: Int) -> SpeakerPhrase? {
        var e = r - 1
        if e >= lower && tokens[e].isComma { e -= 1 }
        guard e >= lower, var np = nounPhrase(endingAt: e, lower: lower) else { return nil }
        for _ in 0..<4 {
            let p = np.first - 1
            guard p - 1 >= lower, tokens[p].kind == .word, tokens[p].flags.contains(.nounLink) || tokens[p].word == lexicon.words.by || tokens[p].word == lexicon.words.to else { break }
            var q = p - 1
            // "sent by", "seen by": a participle between the head and its attachment.
            if tokens[q].kind == .word && tokens[q].shape.contains(.lowercase) && !tokens[q].flags.contains(.function) && q - 1 >= lower
                && !(tokens[q].flags.contains(.speakerNoun)) && tokens[p].word == lexicon.words.by {
                q -= 1
            }
            guard let outer = nounPhrase(endingAt: q, lower: lower) else { break }
            np = outer
        }
        return np
    }

    // MARK: Speaker after a cue

    /// The speaker right after cue `cueLast` ("…,” said Maya Wang, deputy Asia director at
    /// Human Rights Watch.), not reaching `upper`.
    func speakerAfter(cueLast: Int, upper: Int) -> SpeakerPhrase? {
        var i = cueLast + 1
        while i < upper && (isTime(i) || (isFiller(i) && !tokens[i].flags.contains(.pronoun))) { i += 1 }
        guard i < upper else { return nil }
        let t = tokens[i]
        guard t.kind == .word || t.kind == .number else { return nil }
        if t.flags.contains(.pronoun) && !t.flags.contains(.determiner) && t.word != lexicon.words.it {
            return SpeakerPhrase(first: i, last: i, head: i, form: .pronoun)
        }
        var j = i
        if isDeterminer(j) && !t.flags.contains(.pronoun) { j += 1 }
        var last = -1
        while j < upper && j - i < QuoteReach.speakerPhraseTokens {
            if isNameWord(j) || isContentWord(j) || (tokens[j].flags.contains(.honorific) && tokens[j].shape.contains(.capitalized)) {
                last = j; j += 1
            } else if j + 1 < upper && tokens[j].flags.contains(.nameConnector) && tokens[j].shape.contains(.lowercase) && last >= 0 && isNameWord(last) && isNameWord(j + 1) {
                j += 1
            } else if j + 1 < upper && tokens[j].flags.contains(.nounLink) && last >= 0 && isRoleWord(last) && (isDeterminer(j + 1) || isNameWord(j + 1)) {
                j += 1
                if isDeterminer(j) { j += 1 }
            } else {
                break
            }
        }
        guard last >= i else { return nil }
        // Trailing time words belong to the clause, not the name ("said Clinton Friday").
        while last > i && isTime(last) { last -= 1 }
        var phrase: SpeakerPhrase
        // A title or role word followed by a name: "Kazakh activist Bapi", "Sen. Bernie Sanders".
        var k = last - 1
        while k >= i && !(isRoleWord(k) && isNameWord(k + 1)) { k -= 1 }
        if k >= i && isNameWord(last) {
            phrase = SpeakerPhrase(first: k + 1, last: last, head: last, form: tokens[last].shape.contains(.handle) ? .handle : .name)
            phrase.roleFirst = isDeterminer(i) ? i + 1 : i
            phrase.roleLast = k
        } else {
            let head = headOf(i, last)
            let named = isNameWord(last) && !isRoleWord(last)
            phrase = SpeakerPhrase(first: i, last: last, head: head, form: named ? (tokens[last].shape.contains(.handle) ? .handle : .name) : .common)
            if !named && !tokens[head].flags.contains(.speakerNoun) && !tokens[head].flags.contains(.title) && !isDeterminer(i) && !isPlural(head) {
                return nil
            }
        }
        // ", deputy Asia director at Human Rights Watch" to the end of the clause.
        if last + 2 < upper && tokens[last + 1].isComma {
            let s = last + 2
            if isDeterminer(s) || isRoleWord(s) || tokens[s].shape.contains(.lowercase) && !tokens[s].flags.contains(.function) && cueEnd(at: s, thoughts: false) == nil
                || tokens[s].kind == .number || (isNameWord(s) && s + 1 < upper && (isRoleWord(s + 1) || isNameWord(s + 1))) {
                var e = s
                while e + 1 < upper && !tokens[e + 1].isComma && !tokens[e + 1].isSentenceEnd && tokens[e + 1].kind != .mark
                    && tokens[e + 1].kind != .dash && !tokens[e + 1].flags.contains(.relative) && e - s < 20 { e += 1 }
                // Only a closed apposition is a role: it ends at a comma, a relative clause, a dash or
                // the clause end ("According to the indictment, the activists “…”" has none).
                let stop = e + 1
                // An apposition has no verb of its own ("nearly 8000 people were arrested" is a clause).
                // Nor an auxiliary ("According to exit polls, the mayor had a lead"), and it is
                // not followed by ", and"/", but" ("officers saw Scott …, and they ordered him").
                let k = lexicon.words
                let coordinated = e + 2 < upper && tokens[e + 1].isComma && [k.and, k.but, k.or].contains(tokens[e + 2].word)
                let clause = coordinated || (s...e).contains { isBeForm($0) || tokens[$0].flags.contains(.auxiliary) && tokens[$0].shape.contains(.lowercase)
                    || (cueEnd(at: $0, thoughts: true) != nil && !tokens[$0].flags.contains(.ingForm)) }
                let atEnd = stop >= upper && !(upper < tokens.count && tokens[upper].kind == .mark)
                let closed = !clause && (atEnd || tokens[stop].isComma || tokens[stop].isSentenceEnd
                    || tokens[stop].flags.contains(.relative) || tokens[stop].kind == .dash)
                if closed {
                    phrase.roleFirst = s
                    phrase.roleLast = e
                }
            }
        }
        return phrase
    }

    /// The head of a phrase read left to right: its last noun before a linking preposition.
    func headOf(_ first: Int, _ last: Int) -> Int {
        var k = first
        var head = last
        while k <= last {
            if tokens[k].flags.contains(.nounLink) && k > first { head = k - 1; break }
            k += 1
        }
        return head
    }

    /// The subject at the start of a clause (`from`), for cues that have none of their own
    /// ("…, captioning it: “…”"): a pronoun or a noun phrase followed by its verb.
    func clauseSubject(from: Int, upper: Int) -> SpeakerPhrase? {
        // A wire story's dateline is no subject ("GREENPORT, May 3 (Harbor Wire) — The harbor
        // master …", rule `dateline`).
        var i = skippingDateline(from)
        // Skip an opening adverbial ending in a comma ("In December, the embassy …"), and up to
        // two more after it that are no noun phrase ("Once in her first term, when …, she";
        // "Chastened by the audit, as well as …, the mayor").
        for skip in 0..<3 {
            guard skip == 0 || !isDeterminer(i) && !tokens[i].flags.contains(.pronoun) else { break }
            var j = i
            while j < upper && j < i + 12 && !tokens[j].isComma { j += 1 }
            guard j + 1 < upper && tokens[j].isComma && opensAdverbial(i) else { break }
            i = j + 1
        }
        guard i < upper else { return nil }
        if tokens[i].flags.contains(.pronoun) && !tokens[i].flags.contains(.determiner) {
            return SpeakerPhrase(first: i, last: i, head: i, form: .pronoun)
        }
        // Read a noun phrase: determiner, words, and stop before the first verb-like word.
        var e = i
        if isDeterminer(e) { e += 1 }
        var last = -1
        while e < upper && e < i + 8 && (isNameWord(e) || (isContentWord(e) && !isVerbLike(e) && !isFiller(e))) {
            // An irregular past after a name, with a determiner after it, is its verb ("Dana Hale
            // made the ferry …", `irregular_participles`), not a word of the phrase.
            if e > i && e + 1 < upper && isNameWord(e - 1) && tokens[e].shape.contains(.lowercase)
                && tokens[e].flags.contains(.irregularParticiple) && isDeterminer(e + 1) { break }
            last = e; e += 1
        }
        guard last >= i else { return nil }
        return nounPhrase(endingAt: last, lower: i)
    }

    /// Whether the word at a clause's start opens an adverbial that ends at a comma, before the
    /// subject, rather than the subject itself: a function word ("In December,", "Instead,"),
    /// a subordinator ("Once she was mayor,", `subordinators`) or a past participle with a
    /// preposition after it ("Chastened by the audit,"). Part of rules `cue-then-content` and
    /// `attribution-before` (a participle clause's speaker is its sentence's subject): before
    /// session 33 "Instead", "Once" and "Chastened" were taken as speakers.
    func opensAdverbial(_ i: Int) -> Bool {
        let t = tokens[i]
        guard t.kind == .word else { return false }
        if t.flags.contains(.function) || t.flags.contains(.subordinator) { return true }
        return i + 1 < tokens.count && tokens[i + 1].kind == .word && tokens[i + 1].shape.contains(.lowercase)
            && tokens[i + 1].flags.contains(.preposition) && !t.flags.contains(.maleName) && !t.flags.contains(.femaleName)
            && isParticiple(i)
    }

    /// A past participle: a word in -ed or -en, or an irregular one (`irregular_participles`:
    /// "seen", "sent", "written").
    func isParticiple(_ i: Int) -> Bool {
        let t = tokens[i]
        let n = Int(t.end)
        guard t.end - t.start >= 3 else { return false }
        if (text[n - 2] == 0x65 && (text[n - 1] == 0x64 || text[n - 1] == 0x6E)) { return true }
        return t.flags.contains(.irregularParticiple)
    }

    /// A lower-case word that reads as a verb: a reporting cue or a word in -ed.
    func isVerbLike(_ i: Int) -> Bool {
        let t = tokens[i]
        guard t.kind == .word else { return false }
        if t.flags.contains(.cue) && !t.flags.contains(.speakerNoun) { return true }
        let n = Int(t.end)
        return t.shape.contains(.lowercase) && t.end - t.start > 3 && text[n - 1] == 0x64 && text[n - 2] == 0x65
    }
}
