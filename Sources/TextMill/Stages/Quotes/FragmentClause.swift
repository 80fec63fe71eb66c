extension QuoteRules {
    /// `fragment-clause`: a fragment whose cue stands before it in its sentence, and that reported
    /// speech gave no clause, takes as `content` the cue's complement: from right after the cue
    /// (or after a speaker that follows it: "According to X,") and a "that", comma or colon, to
    /// the end of the clause the fragment is in ("Ms. Vance said she was “not only here to do my
    /// job” but also to back her candidate." → content "she was “not only here to do my job” but
    /// also to back her candidate"). The quoted words are the speaker's; the clause around them
    /// is what the speaker is reported saying.
    public static let fragmentClause = QuoteRule(name: "fragment-clause", effect: .attributes,
        summary: "a fragment after its cue takes the cue's complement, to the clause end, as content")
}

extension QuoteAnalysis {
    /// `fragment-clause` (`QuoteRules.fragmentClause`): gives each mixed quote with a cue before
    /// it and no content the cue's complement as content.
    func addFragmentClauses(_ found: inout [FoundQuote]) {
        for k in found.indices where found[k].kind == .mixed && found[k].content == nil {
            guard let cue = found[k].cue, found[k].quotation >= 0 else { continue }
            // The complement starts after the cue ("X said …"), or after a speaker that follows
            // the cue and its apposition ("According to X, the mayor of Y, …").
            var after = cue.last
            if let s = found[k].speaker, s.first > cue.last { after = max(s.last, s.roleLast) }
            guard let content = fragmentClause(after: after, quotation: quotations[found[k].quotation]) else { continue }
            found[k].content = content
            note(QuoteRules.fragmentClause, found[k].span, "content: " + string(content))
        }
    }

    /// The clause from after token `cueLast` (the cue, or the speaker after it) to the end of the
    /// clause quotation `q` is in, or nil when that token is not before the quotation in its sentence.
    private func fragmentClause(after cueLast: Int, quotation q: Quotation) -> Span? {
        guard q.open > cueLast, q.close > q.open, tokenSentence[cueLast] == tokenSentence[q.open],
              tokenSentence[q.close] == tokenSentence[q.open] else { return nil }
        var first = cueLast + 1
        while first < q.open && (tokens[first].isComma || tokens[first].isPunct(UInt8(ascii: ":"))
                                 || tokens[first].word == lexicon.words.that) { first += 1 }
        return span(first, clauseLast(q))
    }

    /// Whether "and" at `k` opens a clause of its own rather than going on with the content: a
    /// subject pronoun, a name or a past-tense verb follows it ("called him a “loser” and he left",
    /// "and Ms. Park said …", "and promised …").
    func andOpensClause(_ k: Int, upper: Int) -> Bool {
        guard tokens[k].word == lexicon.words.and, k + 1 < upper else { return false }
        let n = tokens[k + 1]
        return n.kind == .word && (n.flags.contains(.pronoun) || n.shape.contains(.capitalized) || isVerbLike(k + 1))
    }

    /// The last token of the clause quotation `q` (with both marks) is in: the sentence's end, a
    /// semicolon, an "and" that opens a clause (`andOpensClause`) or a participle clause after a
    /// comma (`participle-after`: "…,” claiming that …" ends at the closing mark) after the closing mark; a period inside marks ("“too harsh.”", "“misplaced” and
    /// “undiplomatic.”") ends it at the mark, so every fragment of one clause gets the same content.
    func clauseLast(_ q: Quotation) -> Int {
        let sentence = sentenceTokens[Int(tokenSentence[q.open])]
        var last = q.close
        var k = q.close
        while k < sentence.upperBound {
            let t = tokens[k]
            // "… “…,” claiming that …", "… “…”, citing …": a participle clause of the reporter's
            // sentence follows (`participle-after`).
            if endsBeforeParticiple(k) {
                trace?.recordOnce(QuoteRules.participleAfter, "the clause ends at the closing mark before “" + words(k + 1, k + 1) + "”")
                last = k
                break
            }
            if k == q.close { k += 1; continue }
            if t.isComma && tokenQuotation[k] < 0 && opensParticipleClause(k + 1) { break }
            if t.isSentenceEnd || t.isPunct(UInt8(ascii: ";")) {
                if t.isSentenceEnd && k + 1 < sentence.upperBound && tokens[k + 1].kind == .mark { last = k + 1 }
                break
            }
            if andOpensClause(k, upper: sentence.upperBound) { break }
            last = k
            k += 1
        }
        return last
    }

    /// The text of a span, for trace notes.
    private func string(_ s: Span) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: text[s.start..<s.end]), as: UTF8.self)
    }
}
