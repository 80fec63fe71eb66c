/// Deciding what each quotation is (a whole utterance, a fragment, or a mere term) and who said it.
///
/// A quotation is `direct` when it stands as a clause of its own: nothing of the reporter's
/// sentence before it but a cue and a colon or comma, and after it only punctuation or an
/// attribution. Otherwise it is a fragment of the reporter's sentence: `mixed` when someone is
/// reported saying it, a term or label when a naming phrase introduces it ("so-called",
/// "calling it the"), a title when it is written in title case or follows "the book", and a
/// scare quote when it is two words or fewer with no one saying it. Terms, titles and scare
/// quotes are not quotations and are dropped.
extension QuoteAnalysis {
    /// Where the reporter's text around quotation `k` starts: its sentence start, but never
    /// before the previous quotation of the paragraph.
    func frameStart(_ k: Int) -> Int {
        let q = quotations[k]
        let anchor = q.open >= 0 ? q.open : q.first
        var lo = max(sentenceTokens[Int(tokenSentence[anchor])].lowerBound, paragraphTokens[q.paragraph].lowerBound)
        if k > 0, quotations[k - 1].paragraph == q.paragraph, quotations[k - 1].close >= 0 {
            lo = max(lo, quotations[k - 1].close + 1)
        }
        // A sentence that starts inside an earlier quotation starts after it.
        var i = anchor - 1
        while i >= lo {
            if tokenQuotation[i] >= 0 && Int(tokenQuotation[i]) != k { lo = i + 1; break }
            i -= 1
        }
        return min(lo, anchor)
    }

    /// Where the reporter's text after quotation `k` ends (exclusive): its sentence end, the
    /// next quotation, or the paragraph end.
    func frameEnd(_ k: Int) -> Int {
        let q = quotations[k]
        guard q.close >= 0 else { return q.last }
        let para = paragraphTokens[q.paragraph]
        var s = Int(tokenSentence[q.close])
        var hi = sentenceTokens[s].upperBound
        // A splitter may end the sentence at "?”" although the clause goes on ("he asked").
        while hi == q.close + 1 && hi < para.upperBound && s + 1 < sentenceTokens.count
                && (tokens[hi].shape.contains(.lowercase) || tokens[hi].isComma) {
            s += 1
            hi = sentenceTokens[s].upperBound
        }
        hi = min(hi, para.upperBound)
        if k + 1 < quotations.count, quotations[k + 1].paragraph == q.paragraph {
            let next = quotations[k + 1]
            hi = min(hi, next.open >= 0 ? next.open : next.first)
        }
        return max(hi, q.close + 1)
    }

    /// Classifies and attributes every quotation; terms, titles and scare quotes are left out.
    func attributeQuotations() -> [FoundQuote] {
        // At most one a quotation: room for all at once, not grown 1, 2, 4, 8.
        var found: [FoundQuote] = []
        found.reserveCapacity(quotations.count)
        var wasDirect = QuoteBuffers.take(&buffers.quotationWasDirect, filledWith: false, count: quotations.count)
        defer { buffers.quotationWasDirect = wasDirect }
        for k in quotations.indices {
            let q = quotations[k]
            trace?.candidate = q.inner
            defer { trace?.candidate = nil }
            let lo = frameStart(k)
            let hi = frameEnd(k)
            let words = wordCount(q.first, q.last)
            guard words > 0 else { continue }
            let previousAdjacent = k > 0 && quotations[k - 1].paragraph == q.paragraph && q.open >= 0 && lo == q.open
                && quotations[k - 1].close >= 0 && quotations[k - 1].close >= q.open - 1
                && tokenSentence[quotations[k - 1].close] == tokenSentence[q.open]
            var opens = opensClause(q, lo: lo)
            if previousAdjacent {
                opens = wasDirect[k - 1]
            } else if !opens && isWholeComplement(q, lo: lo, hi: hi) {
                opens = true
                note(QuoteRules.wholeComplement, q.inner)
            }
            let closes = closesClause(q, hi: hi)
            // Headings, names of works, and words introduced as a label or a sign's text
            // ("a banner reading “…”", "titled “…”") are not speech, whatever their shape.
            if isHeading(q) { note(QuoteRules.heading, q.inner); continue }
            if isSingleMarkHeading(q) { note(QuoteRules.singleMarkHeading, q.inner); continue }
            if isStageDirection(q) { note(QuoteRules.stageDirection, q.inner); continue }
            if followsWorkNoun(q, lo: lo) { note(QuoteRules.workTitle, q.inner); continue }
            if q.open > lo && labelPhraseBefore(q.open, lowerBound: lo) != nil { note(QuoteRules.labelPhrase, q.inner); continue }
            // "said the fare would rise, “…”": the quotation goes on with the reported clause.
            var clauseCue: (first: Int, last: Int)?
            if opens && closes && !previousAdjacent, let cue = clauseBeforeQuotation(q, lo: lo) {
                opens = false
                clauseCue = cue
                note(QuoteRules.clauseBeforeQuotation, q.inner, "the reported clause of " + self.words(cue.first, cue.last) + " goes on")
            } else if opens && closes && !previousAdjacent && followsWritersClauseComma(q, lo: lo) {
                // "…, costing the port $2 million, “which is less than it sounds.”": the quoted
                // words finish the writer's sentence.
                opens = false
                note(QuoteRules.writersClauseComma, q.inner)
            }
            let direct = opens && closes
            var post = q.close >= 0 ? attribution(after: q.close, upper: hi) : nil
            if post == nil, q.close >= 0, hi == q.close + 1, let more = attributionInNextSentence(k) { post = more }
            if post == nil && q.close >= 0 && q.close + 1 < hi { post = dashAttribution(after: q.close, upper: hi) }
            var result = FoundQuote(span: q.inner, kind: direct ? .direct : .mixed, speaker: nil, cue: nil, content: nil, quotation: k)
            if direct {
                wasDirect[k] = true
                note(QuoteRules.directClause, q.inner)
                if let post {
                    result.speaker = post.speaker; result.cue = post.cue
                    note(QuoteRules.attributionAfter, q.inner, attributionNote(post))
                } else if q.open >= 0, let pre = attribution(before: q.open, lower: lo, fragment: false) {
                    result.speaker = pre.speaker; result.cue = pre.cue
                    note(QuoteRules.attributionBefore, q.inner, attributionNote(pre))
                }
            } else {
                note(QuoteRules.fragment, q.inner, clauseCue != nil ? "it goes on with a reported clause"
                     : opens ? "it does not close its clause" : "it does not open a clause")
                // What a naming verb calls its object is an evaluation, not a label.
                if let verb = namingEvaluationVerb(q, lo: lo) {
                    note(QuoteRules.namingEvaluation, q.inner, "cue: " + self.words(verb, verb))
                } else if isLabel(q, lo: lo) { note(QuoteRules.namingLabel, q.inner); continue }
                // What a verb casts its object as is an evaluation, even in capitals ("hailed the
                // mayor as “The Comeback Kid”"): `as-evaluation` below, not a title.
                if isTitle(q, lo: lo) && asEvaluationObject(q, lo: lo) == nil { note(QuoteRules.titleFragment, q.inner); continue }
                if let post {
                    result.speaker = post.speaker; result.cue = post.cue
                    note(QuoteRules.attributionAfter, q.inner, attributionNote(post))
                } else if q.open >= 0, let pre = attribution(before: clauseCue.map { $0.last + 1 } ?? q.open, lower: lo, fragment: true) {
                    // The cue whose clause the quotation goes on with is its cue.
                    result.speaker = pre.speaker; result.cue = pre.cue
                    note(QuoteRules.attributionBefore, q.inner, attributionNote(pre))
                }
            }
            // A quotation no cue attributes: a title, a signature, or a fragment attributed
            // from its neighbour or its verb (`UnattributedQuotations.swift`).
            let candidate = UnattributedQuotationRule.Candidate(k: k, quotation: q, lo: lo, words: words, result: result)
            guard case .keep(let kept) = applyUnattributedRules(candidate, branch: direct ? .direct : .fragment, found: &found) else { continue }
            found.append(kept)
        }
        inheritSpeakers(&found)
        return found
    }

    /// "speaker: X, cue: said" for a trace note.
    func attributionNote(_ a: (speaker: SpeakerPhrase?, cue: (first: Int, last: Int))) -> String {
        "speaker: " + (a.speaker.map { words($0.first, $0.last) } ?? "none") + ", cue: " + words(a.cue.first, a.cue.last)
    }

    /// Nothing of the reporter's sentence stands before the quotation but a cue and a colon or comma.
    func opensClause(_ q: Quotation, lo: Int) -> Bool {
        guard q.open >= 0, q.open > lo else { return true }
        let p = tokens[q.open - 1]
        if p.kind == .openBracket || p.isSentenceEnd { return true }
        if p.kind == .dash {
            // After a dash the quotation is a clause of its own only when nothing but its
            // attribution comes before ("Trump said — “…”"); else it completes the reporter's
            // sentence ("would document the stories of Americans -- ''the president but …''").
            if q.open - 1 == lo { return true }
            return cueStarting(before: q.open - 1, lower: lo) != nil
        }
        if p.kind == .punct && (p.punct == 0x3A || p.punct == 0x3B) { return true }
        if p.isComma {
            // Inside a that-clause ("said Friday that if he won, “she would sign …”") the quoted
            // words are part of the reported content: a fragment.
            var c = q.open - 2
            while c >= lo && cueEnd(at: c, thoughts: false) == nil {
                if tokens[c].word == lexicon.words.that && tokens[c].shape.contains(.lowercase) { return false }
                c -= 1
            }
            // After a comma: an utterance starts with a capital or follows a cue ("he said, “but …").
            if startsCapitalized(q) { return true }
            for i in lo..<(q.open - 1) where cueEnd(at: i, thoughts: false) != nil || sourcePhraseEnd(at: i) != nil { return true }
            return false
        }
        if p.kind == .word, let c = cueStarting(before: q.open, lower: lo), cueEnd(at: c, thoughts: false) != nil {
            return startsCapitalized(q)
        }
        return false
    }

    /// The cue whose last token is right before `i` (its particle included), if any.
    func cueStarting(before i: Int, lower: Int) -> Int? {
        let j = i - 1
        guard j >= lower else { return nil }
        if cueEnd(at: j, thoughts: false) == j { return j }
        if j - 1 >= lower, cueEnd(at: j - 1, thoughts: false) == j { return j - 1 }
        return nil
    }

    func startsCapitalized(_ q: Quotation) -> Bool {
        var i = q.first
        while i < q.last && (tokens[i].kind == .punct || tokens[i].kind == .openBracket || tokens[i].kind == .mark) { i += 1 }
        guard i < q.last else { return false }
        return tokens[i].shape.contains(.capitalized) || tokens[i].kind == .number
    }

    /// After the quotation: only punctuation, the paragraph end, or an attribution.
    func closesClause(_ q: Quotation, hi: Int) -> Bool {
        guard q.close >= 0 else { return true }
        let lastInner = tokens[q.last - 1]
        if lastInner.kind == .dash || (lastInner.kind == .punct && lastInner.punct != 0x7E && lastInner.punct != 0x2F) { return true }
        guard q.close + 1 < hi else { return true }
        let n = tokens[q.close + 1]
        if n.kind == .dash || n.kind == .closeBracket || (n.kind == .punct && n.punct != 0x7E) { return true }
        return attribution(after: q.close, upper: hi) != nil
    }

    /// "the avtonom.org podcast, “Trends of order and chaos,”", "his 2002 book, ''Make Your Kid
    /// a Millionaire''": the name of a work right after the word for it.
    func followsWorkNoun(_ q: Quotation, lo: Int) -> Bool {
        guard q.open >= 0 else { return false }
        var p = q.open - 1
        if p >= lo && tokens[p].isComma { p -= 1 }
        guard p >= lo && tokens[p].kind == .word && tokens[p].flags.contains(.workNoun) && tokens[p].shape.contains(.lowercase) else { return false }
        // A name starts with a capital ("the podcast “Trends of order and chaos”"); "the
        // campaign “to continue calling out bias”" quotes words.
        return startsCapitalized(q)
    }

    /// Three or more capitalized words and every other word a small function word, no pronoun,
    /// no comma, no question or exclamation, no sentence break inside: how titles are written.
    func isTitleCase(_ q: Quotation) -> Bool {
        var words = 0
        for i in q.first..<q.last {
            let t = tokens[i]
            switch t.kind {
            case .word:
                if t.flags.contains(.pronoun) { return false }
                if t.shape.contains(.lowercase) && !t.flags.contains(.function) { return false }
                if t.shape.contains(.capitalized) && !t.flags.contains(.function) { words += 1 }
            case .number: words += 1
            case .punct:
                if t.isPunct(0x3F) || t.isPunct(0x21) || t.isComma || (t.isSentenceEnd && i != q.last - 1) { return false }
            default: break
            }
        }
        return words >= 3
    }

    /// A paragraph that is nothing but a quotation in title case ("'No Americans Here'",
    /// "'All Bets Are Off.'"): a section heading, not speech.
    func isHeading(_ q: Quotation) -> Bool {
        let para = paragraphTokens[q.paragraph]
        guard q.open == para.lowerBound, q.close == para.upperBound - 1 || (q.close >= 0 && q.close + 1 < para.upperBound
              && tokens[q.close + 1].isSentenceEnd && q.close + 2 == para.upperBound) else { return false }
        var words = 0
        for i in q.first..<q.last {
            let t = tokens[i]
            if t.kind == .word {
                if t.shape.contains(.lowercase) && !t.flags.contains(.function) { return false }
                if t.shape.contains(.lowercase) && t.flags.contains(.pronoun) { return false }
                words += 1
            } else if t.kind == .punct && (t.isPunct(0x3F) || t.isPunct(0x21) || t.isComma || (t.isSentenceEnd && i != q.last - 1)) {
                return false
            }
        }
        return words >= 2
    }

    /// A term or label: introduced by a naming phrase ("so-called", "known as") or by a naming
    /// verb with a determiner before the quoted words ("calling it the “Chinese virus”"); asked
    /// only of fragments that are no `naming-evaluation` ("calling him a “…”").
    func isLabel(_ q: Quotation, lo: Int) -> Bool {
        guard q.open >= 0, q.open > lo else { return false }
        let before = q.open
        if labelPhraseBefore(before, lowerBound: lo) != nil { return true }
        // "what lawmakers called “fraud”": the quoted words are the name given.
        if tokens[before - 1].kind == .word && tokens[before - 1].flags.contains(.namingVerb) { return true }
        if before - 1 >= lo && isDeterminer(before - 1) {
            if labelPhraseBefore(before - 1, lowerBound: lo) != nil { return true }
            var i = before - 2
            while i >= lo && i >= before - 5 {
                let t = tokens[i]
                if t.kind == .word && t.flags.contains(.namingVerb) { return true }
                if t.kind != .word { break }
                i -= 1
            }
        }
        return false
    }

    /// A title of a work or a proper name: after a word such as "book" or "podcast", or every
    /// word capitalized with no sentence punctuation inside.
    func isTitle(_ q: Quotation, lo: Int) -> Bool {
        guard q.open >= 0 else { return false }
        if followsWorkNoun(q, lo: lo) { return true }
        var capitalized = 0
        for i in q.first..<q.last {
            let t = tokens[i]
            switch t.kind {
            case .word:
                if t.shape.contains(.capitalized) { capitalized += 1 } else if !t.flags.contains(.function) || t.flags.contains(.pronoun) { return false }
            case .number: capitalized += 1
            case .punct:
                // A title may end with the sentence's own period inside the marks (“Contract with America.”).
                if (t.isSentenceEnd && i != q.last - 1) || t.punct == 0x3A || t.punct == 0x3B || t.isPunct(0x3F) || t.isPunct(0x21) { return false }
            default: break
            }
        }
        if capitalized == 0 { return false }
        // One capitalized word right at a clause start is an utterance ("Never," he said).
        if q.open == lo { return false }
        return true
    }

    // MARK: Attributions

    /// An attribution right after a closing mark: "…,” said X" / "…,” X said" / "…,” according to X".
    func attribution(after close: Int, upper: Int) -> (speaker: SpeakerPhrase?, cue: (first: Int, last: Int))? {
        var i = close + 1
        while i < upper && (tokens[i].isComma || tokens[i].kind == .dash || tokens[i].isPunct(0x3B)) { i += 1 }
        guard i < upper, tokens[i].kind == .word else { return nil }
        if let e = sourcePhraseEnd(at: i) {
            return (sourceSpeaker(afterSourcePhrase: e, upper: upper).flatMap { canBeSource($0) ? $0 : nil }, (i, e))
        }
        var c = i
        while c < upper && c < i + 40 {
            let t = tokens[c]
            if t.kind == .openBracket {
                // "Sen. Claire McCaskill (D-Mo.) said": skip the bracket.
                var j = c + 1
                while j < upper && tokens[j].kind != .closeBracket && j < c + 12 { j += 1 }
                if j < upper && tokens[j].kind == .closeBracket { c = j + 1; continue }
            }
            if t.kind == .mark || t.isSentenceEnd { break }
            if let e = cueEnd(at: c, thoughts: false) {
                if c == i {
                    // "…,” claiming that …": the reporter's participle clause (`participle-after`).
                    if opensParticipleClause(c) {
                        trace?.recordOnce(QuoteRules.participleAfter, "“" + words(c, c) + "” opens the reporter's participle clause")
                        return nil
                    }
                    return (speakerAfter(cueLast: e, upper: upper), (c, e))
                }
                guard let s = speakerBefore(cue: c, lower: i) else { return nil }
                let start = s.roleFirst >= 0 ? min(s.roleFirst, s.first) : s.first
                // Only words of a noun phrase may come before the speaker ("Tulsa police Chief …").
                for k in i..<start where !(isDeterminer(k) || isNameWord(k) || (isContentWord(k) && !isVerbLike(k))) { return nil }
                return (s, (c, e))
            }
            c += 1
        }
        return nil
    }

    /// "“Why …?” Okafor demanded.": the splitter ended the sentence at the closing mark, but the
    /// next sentence starts with the attribution. After "?" or "!" inside the marks the
    /// attribution may go on ("…, pounding the table"); after "." it must be all of the sentence.
    func attributionInNextSentence(_ k: Int) -> (speaker: SpeakerPhrase?, cue: (first: Int, last: Int))? {
        let q = quotations[k]
        let para = paragraphTokens[q.paragraph]
        let next = q.close + 1
        guard next < para.upperBound, tokens[next].kind == .word || tokens[next].kind == .dash else { return nil }
        var hi = sentenceTokens[Int(tokenSentence[next])].upperBound
        if k + 1 < quotations.count, quotations[k + 1].paragraph == q.paragraph, quotations[k + 1].open >= 0 {
            hi = min(hi, quotations[k + 1].open)
        }
        if let dash = dashAttribution(after: q.close, upper: hi) { return dash }
        guard let a = attribution(after: q.close, upper: hi), a.speaker != nil else { return nil }
        let lastInner = tokens[q.last - 1]
        if lastInner.isPunct(0x3F) || lastInner.isPunct(0x21) { return a }
        var end = max(a.cue.last, a.speaker.map { max($0.last, $0.roleLast) } ?? 0) + 1
        end = skipAdjuncts(end, upper: hi)
        while end < hi && (tokens[end].kind == .punct || tokens[end].kind == .mark) { end += 1 }
        return end >= hi ? a : nil
    }

    /// "… ― Nell Carden Grey": a dash and a name closing the paragraph, no cue.
    func dashAttribution(after close: Int, upper: Int) -> (speaker: SpeakerPhrase?, cue: (first: Int, last: Int))? {
        var i = close + 1
        while i < upper && tokens[i].isComma { i += 1 }
        guard i + 1 < upper, tokens[i].kind == .dash else { return nil }
        var e = i + 1
        while e < upper && isNameWord(e) { e += 1 }
        guard e > i + 1, e == upper || tokens[e].isSentenceEnd || tokens[e].isComma else { return nil }
        guard let s = nounPhrase(endingAt: e - 1, lower: i + 1) else { return nil }
        return (s, (i, i))
    }

    /// An attribution before an opening mark: the last cue of the reporter's clause
    /// ("X said: “…”", "X told RFE/RL that “…”", "According to X, “…”").
    func attribution(before open: Int, lower: Int, fragment: Bool) -> (speaker: SpeakerPhrase?, cue: (first: Int, last: Int))? {
        var c = open - 1
        while c >= lower {
            if let e = sourcePhraseEnd(at: c), e < open {
                return (speakerAfter(cueLast: e, upper: open), (c, e))
            }
            // A naming verb is an evaluation only in the active ("is called “counter-terrorist”" names).
            let naming = fragment && tokens[c].kind == .word && tokens[c].flags.contains(.namingVerb) && !isBeForm(beforeFillers(c))
            if let e = naming ? c : cueEnd(at: c, thoughts: fragment), e < open {
                var speaker = speakerBefore(cue: c, lower: lower)
                if speaker == nil {
                    speaker = clauseSubject(from: lower, upper: c)
                }
                if speaker == nil {
                    // "said Erlan Zhetibaev: “…”"
                    speaker = speakerAfter(cueLast: e, upper: open)
                }
                return (speaker, (c, e))
            }
            c -= 1
        }
        // "X: “…”" — a bare name and a colon (a short one: a headline's whole left side is no name).
        let p = open - 1
        if p > lower, tokens[p].isPunct(0x3A), let s = nounPhrase(endingAt: p - 1, lower: lower), s.first == lower, s.form != .common,
           s.last - s.first < 3 {
            return (s, (p, p))
        }
        return nil
    }

    /// Block quotations: a paragraph that ends in a colon after a source ("According to
    /// Anarchist Fighter:", "From avtonom.org:", "The embassy wrote:") introduces the next
    /// paragraph, which is a quotation of that source even without marks.
    func addBlockQuotations(_ found: inout [FoundQuote]) {
        // Only a paragraph that ends in a colon introduces a block (most documents have none):
        // then the table below is not made.
        guard (0..<max(0, paragraphTokens.count - 1)).contains(where: { p in
            let range = paragraphTokens[p]
            return range.count >= 3 && tokens[range.upperBound - 1].isPunct(0x3A)
        }) else { return }
        var added = false
        // The quotation (if any) that opens each paragraph.
        var opening: [Int: Int] = [:]
        for (n, f) in found.enumerated() where f.quotation >= 0 {
            let q = quotations[f.quotation]
            if q.open == paragraphTokens[q.paragraph].lowerBound && opening[q.paragraph] == nil { opening[q.paragraph] = n }
        }
        for p in 0..<max(0, paragraphTokens.count - 1) {
            let range = paragraphTokens[p]
            guard range.count >= 3, tokens[range.upperBound - 1].isPunct(0x3A) else { continue }
            let colon = range.upperBound - 1
            let lo = sentenceTokens[Int(tokenSentence[colon])].lowerBound
            guard let (speaker, cue) = blockIntroduction(lo, colon) else { continue }
            let next = paragraphTokens[p + 1]
            guard !next.isEmpty else { continue }
            if let n = opening[p + 1] {
                if found[n].speaker == nil || found[n].inherited {
                    found[n].speaker = speaker; found[n].cue = cue; found[n].inherited = false
                }
            } else if !(next.lowerBound..<next.upperBound).contains(where: { tokens[$0].kind == .mark && tokenQuotation[$0] >= 0 }) {
                found.append(FoundQuote(span: span(next.lowerBound, next.upperBound - 1), kind: .direct, speaker: speaker,
                                        cue: cue, content: nil, quotation: -1))
                added = true
            }
        }
        if added { found.sort { $0.span.start < $1.span.start } }
    }

    /// The source of an introduction ending in a colon at `colon`, if any.
    func blockIntroduction(_ lo: Int, _ colon: Int) -> (SpeakerPhrase, (first: Int, last: Int))? {
        var i = colon - 1
        while i >= lo {
            if let e = sourcePhraseEnd(at: i), e < colon, let s = sourceSpeaker(afterSourcePhrase: e, upper: colon) { return (s, (i, e)) }
            if let e = cueEnd(at: i, thoughts: false), e < colon {
                if let s = speakerBefore(cue: i, lower: lo) { return (s, (i, e)) }
                return nil
            }
            i -= 1
        }
        // "From Anarchist Fighter:"
        if tokens[lo].kind == .word && tokens[lo].word == lexicon.words.from, let s = nounPhrase(endingAt: colon - 1, lower: lo + 1), s.first <= lo + 2 {
            return (s, (lo, lo))
        }
        return nil
    }

    /// Quotations without a cue of their own take the speaker of the quotation they continue:
    /// another piece of the same quotation, or an earlier (or later) quotation in the paragraph.
    func inheritSpeakers(_ found: inout [FoundQuote]) {
        guard !found.isEmpty else { return }
        // The found quote of each quotation (the last one), or -1: an array by quotation, where
        // a dictionary hashed every key.
        // All three tables are the document's buffers', so a document allocates none.
        var byQuotation = QuoteBuffers.take(&buffers.quotationEntry, filledWith: -1, count: quotations.count)
        var ownSpeakerFrom = QuoteBuffers.take(&buffers.ownSpeakerFrom, filledWith: -1, count: found.count)
        var speakerUpTo = QuoteBuffers.take(&buffers.speakerUpTo, filledWith: -1, count: found.count)
        defer {
            buffers.quotationEntry = byQuotation
            buffers.ownSpeakerFrom = ownSpeakerFrom
            buffers.speakerUpTo = speakerUpTo
        }
        for (n, f) in found.enumerated() where f.quotation >= 0 && f.quotation < byQuotation.count { byQuotation[f.quotation] = n }
        // Pieces of one quotation share one attribution: a piece with neither takes the speaker
        // of the nearest earlier piece that has one, else of the nearest later piece that has
        // its own. Walking a chain of found pieces stops at a piece that was dropped. Both are
        // carried along the chains (pieces are in text order), so a long chain is walked once.
        let piece = { (k: Int?) -> Int? in
            guard let k, k >= 0 && k < byQuotation.count, byQuotation[k] >= 0 else { return nil }
            return byQuotation[k]
        }
        // Both tables hold the found quote whose speaker it is (-1 for none), not a copy of the
        // speaker: a quote they point at already has its speaker, and no later step changes it
        // (only a quote without one is given one, at its own step).
        // The nearest later piece with its own speaker, from each found quote on.
        for n in found.indices.reversed() {
            if found[n].speaker != nil && !found[n].inherited {
                ownSpeakerFrom[n] = n
            } else if let m = piece(quotations[found[n].quotation].nextPiece) {
                ownSpeakerFrom[n] = ownSpeakerFrom[m]
            }
        }
        // The nearest earlier piece with a speaker, up to and including each found quote.
        for n in found.indices {
            let q = quotations[found[n].quotation]
            if found[n].speaker == nil && found[n].cue == nil {
                if let m = piece(q.previousPiece), speakerUpTo[m] >= 0 {
                    found[n].speaker = found[speakerUpTo[m]].speaker; found[n].inherited = true
                } else if let m = piece(q.nextPiece), ownSpeakerFrom[m] >= 0 {
                    found[n].speaker = found[ownSpeakerFrom[m]].speaker; found[n].inherited = true
                }
            }
            if found[n].speaker != nil {
                speakerUpTo[n] = n
            } else if let m = piece(q.previousPiece) {
                speakerUpTo[n] = speakerUpTo[m]
            }
        }
        // Earlier, then later, in the same paragraph.
        for n in found.indices where found[n].speaker == nil && found[n].cue == nil && found[n].kind == .direct {
            let p = quotations[found[n].quotation].paragraph
            var m = n - 1
            while m >= 0 && m >= n - 50 && quotations[found[m].quotation].paragraph == p {
                if found[m].speaker != nil { found[n].speaker = found[m].speaker; found[n].inherited = true; break }
                m -= 1
            }
            if found[n].speaker != nil { continue }
            m = n + 1
            while m < found.count && m <= n + 50 && quotations[found[m].quotation].paragraph == p {
                if found[m].speaker != nil && !found[m].inherited { found[n].speaker = found[m].speaker; found[n].inherited = true; break }
                m += 1
            }
        }
    }
}
