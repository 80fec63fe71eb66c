extension QuoteRules {
    /// `clause-before-quotation`: a quotation after a comma that closes a reported clause ("The
    /// harbor board said the new ferries would arrive in May, “weather permitting.”", "Mayor Lee
    /// said that once the tunnel reopens, “the buses will …”") goes on with that clause: it is a fragment
    /// of what the speaker is reported saying, `mixed`, cued by the clause's cue, with the
    /// clause and the quoted words as content (reported speech or `fragment-clause` reads it).
    /// A cue with only a hearer or adjuncts before the comma ("telling reporters, “…”", "said
    /// on Tuesday, “…”") introduces a direct quotation. After a colon the quotation stays
    /// `direct` ("said the fund was short again: “We cannot …”"): writers put whole utterances
    /// there, and PolNeAR's annotators label such sentences both ways.
    public static let clauseBeforeQuotation = QuoteRule(name: "clause-before-quotation", effect: .accepts,
        summary: "after a reported clause and its comma (said the plan had failed, “…”): a fragment of that clause, mixed")
}

extension QuoteAnalysis {
    /// The cue (first and last token) whose reported clause the comma right before quotation
    /// `q` closes, or nil; it becomes the quotation's cue. Reading back from the comma in the
    /// frame (from `lo`, at most `QuoteReach.clauseBeforeQuotationTokens` tokens), the first
    /// cue with a complement decides: one with nothing but a hearer or adjuncts before the comma
    /// introduces the quotation ("and added, “…”", "telling reporters, “…”"); one whose
    /// complement is a clause (`reportedClauseStart`) with a verb, running to the comma with no
    /// clause of the writer's or participle after a comma inside it, has the quotation go on
    /// with that clause. A cue with another complement (an object, an infinitive) is passed
    /// over ("said he rarely asks colleagues to campaign for him, “…”": the clause is said's).
    func clauseBeforeQuotation(_ q: Quotation, lo: Int) -> (first: Int, last: Int)? {
        guard q.open > lo + 1 else { return nil }
        let mark = q.open - 1
        guard tokens[mark].isComma else { return nil }
        var c = mark - 1
        while c >= lo && c >= mark - QuoteReach.clauseBeforeQuotationTokens {
            defer { c -= 1 }
            guard tokenQuotation[c] < 0, tokens[c].kind == .word, let e = cueEnd(at: c, thoughts: false), e < mark else { continue }
            if skipAdjuncts(skipHearer(cue: c, from: e + 1, upper: mark + 1), upper: mark + 1) >= mark { return nil }
            guard let start = reportedClauseStart(afterCue: c, cueLast: e, mark: mark) else { continue }
            // A clause has a verb ("said the next morning, “…”" has none); a comma and a clause of the
            // writer's or a participle (", speaking to the crowd, “…”") end it before the mark.
            guard (start..<mark).contains(where: { readsAsVerb($0, upper: mark) })
            else { return nil }
            for k in start..<mark where tokens[k].isComma && (startsNewClause(k + 1, upper: mark) || isParticipleClause(k + 1)) { return nil }
            return contentLimit(cue: c, start: start, sentence: sentenceTokens[Int(tokenSentence[c])]) >= mark - 1 ? (c, e) : nil
        }
        return nil
    }

    /// Where the clause that cue `cue...cueLast` reports starts, when one stands between the cue
    /// and `mark`: after "that" a subject and its verb or a clause opener ("said that once the
    /// tunnel reopens"; not a relative clause: "replied with a joke that would have pleased …"), a clause opener ("whether", "if"), or a subject and its verb ("said the board
    /// might raise fares", "said she was worried"). An object ("listed the costs of …", "told
    /// the Gazette in a statement"), an infinitive or a bare adjunct is no clause.
    func reportedClauseStart(afterCue cue: Int, cueLast: Int, mark: Int) -> Int? {
        guard let j = strictContentStart(afterCue: cue, cueLast: cueLast, upper: mark), j < mark,
              wordCount(j, mark) >= Self.reportedClauseMinimumWords else { return nil }
        let t = tokens[j]
        if j > cueLast + 1, tokens[j - 1].word == lexicon.words.that {
            return startsNewClause(j, upper: mark) || t.flags.contains(.contentOpener) || t.flags.contains(.subordinator) ? j : nil
        }
        // An opener right after the cue ("asked whether …"); after a phrase, "who"/"which"
        // open a relative clause of that phrase ("told the dock workers who gathered …").
        if t.kind == .word && t.flags.contains(.contentOpener) { return j == cueLast + 1 || !t.flags.contains(.relative) ? j : nil }
        // After a verb that takes a hearer ("told the dock workers who …"), a phrase is the hearer.
        if tokens[cue].flags.contains(.takesObject) { return nil }
        if t.kind == .word && t.flags.contains(.pronoun) && !t.flags.contains(.determiner) {
            // The pronoun's verb, past adverbs ("he rarely asks").
            var k = j + 1
            while k < mark {
                let v = tokens[k]
                guard v.kind == .word, v.shape.contains(.lowercase) else { return nil }
                if readsAsVerb(k, upper: mark) || v.flags.contains(.cue) { return j }
                guard isFiller(k) else { return nil }
                k += 1
            }
            return nil
        }
        return startsClause(j, upper: mark) ? j : nil
    }

    /// Token `k` reads as a clause's verb: a cue or a word in -ed, a form of "be", an auxiliary,
    /// or a word in -s where a verb stands (`looksLikeVerbInS`, before `upper`).
    private func readsAsVerb(_ k: Int, upper: Int) -> Bool {
        isVerbLike(k) || isBeForm(k) || tokens[k].flags.contains(.auxiliary) || looksLikeVerbInS(k, upper: upper)
    }

    /// The fewest words a reported clause before a quotation has ("she was thinking").
    static let reportedClauseMinimumWords = 3
}
