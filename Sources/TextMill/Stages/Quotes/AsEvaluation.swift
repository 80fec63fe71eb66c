extension QuoteRules {
    /// `as-evaluation`: quoted words after a verb, its object and "as" ("blasted the levy as a
    /// “tax on commuters”", "described herself as “a harbor kid”") are how the speaker sees the
    /// object: `mixed`, never a scare quote, its content the object, "as" and the quoted words (to
    /// the clause end when the quoted words go on into it), as PolNeAR's annotators mark it. Naming phrases with "as" ("known as",
    /// "billed as") stay labels (`label-phrase`).
    public static let asEvaluation = QuoteRule(name: "as-evaluation", effect: .attributes,
        summary: "a verb, its object and as before the marks (blasted the levy as a “…”): the object and quoted words are the content")
}

extension QuoteAnalysis {
    /// The verb and the first token of its object in "VERB OBJECT as (DET) “…”" before quotation `q`: the
    /// words between the nearest verb (`isVerbLike`, an -ing cue, a `casting_verbs` form) and
    /// "as", at most `asObjectWords` of them, within the frame from `lo`; nil when there is no
    /// such verb, an object that starts with a preposition (but the one a casting verb takes:
    /// "refers to the governor as"), or anything but words between. A verb right before "as"
    /// has its object before it when a relative pronoun opens its clause ("which he described
    /// as “…”"): the content starts at "as". Else a word right before "as" is a noun ("the
    /// attacks as") and the search goes on.
    func asEvaluationObject(_ q: Quotation, lo: Int) -> (verb: Int, object: Int)? {
        guard q.open > lo else { return nil }
        var asIndex = q.open - 1
        if isDeterminer(asIndex) || tokens[asIndex].word == lexicon.words.being { asIndex -= 1 }
        guard asIndex > lo, tokens[asIndex].word == lexicon.words.asWord else { return nil }
        var i = asIndex - 1
        var read = 0
        while i >= lo && read <= Self.asObjectWords {
            // An aside that ends the object right before "as", in brackets or between commas
            // ("referring to Sen. Ada Kerr (D-Harbor) as", "portraying the ferries, in particular,
            // as"), is passed over whole; the word before it ends the object, a noun, not the verb.
            if i == asIndex - 1, let before = asideStart(endingAt: i, lo: lo) {
                guard before >= lo, tokens[before].kind == .word, !isVerbLike(before),
                      !tokens[before].flags.contains(.ingForm), !tokens[before].flags.contains(.castingVerb) else { return nil }
                i = before
                continue
            }
            read += 1
            guard tokens[i].kind == .word else { return nil }
            if isVerbLike(i) || tokens[i].flags.contains(.ingForm) || tokens[i].flags.contains(.castingVerb) {
                if i + 1 == asIndex {
                    if relativeOpensClause(of: i, lo: lo) { return (i, asIndex) }
                    i -= 1
                    continue
                }
                // The object is a noun phrase: it starts with no preposition ("going after Trump as …"),
                // but the one the verb takes ("refers to the governor as …").
                if tokens[i + 1].flags.contains(.preposition) {
                    guard let p = lexicon.castingPrepositions[tokens[i].word], tokens[i + 1].word == p, i + 2 < asIndex else { return nil }
                    return (i, i + 2)
                }
                return (i, i + 1)
            }
            i -= 1
        }
        return nil
    }

    /// The token before an aside that ends at `end`: a bracketed one ("(D-Harbor)") or words
    /// between two commas (", in particular,", ", who chairs the board,"), at most
    /// `asAsideTokens` tokens inside; nil when `end` closes no such aside.
    private func asideStart(endingAt end: Int, lo: Int) -> Int? {
        let t = tokens[end]
        guard t.kind == .closeBracket || t.isComma else { return nil }
        var j = end - 1
        while j > lo && j >= end - 1 - Self.asAsideTokens {
            let u = tokens[j]
            if t.kind == .closeBracket {
                if u.kind == .openBracket { return j < end - 1 ? j - 1 : nil }
            } else {
                if u.isComma { return j < end - 1 ? j - 1 : nil }
                guard u.kind == .word else { return nil }
            }
            j -= 1
        }
        return nil
    }

    /// Whether a relative pronoun opens the clause of the verb at `verb`: only words of its
    /// subject between ("which he described", "whom the mayor praised").
    func relativeOpensClause(of verb: Int, lo: Int) -> Bool {
        var j = verb - 1
        while j >= lo && j >= verb - 1 - Self.asSubjectWords {
            let t = tokens[j]
            guard t.kind == .word else { return false }
            if t.flags.contains(.relative) { return j < verb - 1 }
            j -= 1
        }
        return false
    }

    /// The last token of an `as-evaluation` content: the closing mark when the quoted words end
    /// in punctuation ("as a “disgrace.”") or what follows is no lowercase continuation of them
    /// (a time word, "and", a comma: "as a “disgrace” Wednesday"), else the clause end ("as a
    /// “working-class” rebellion against …", `clauseLast`).
    func asEvaluationLast(_ q: Quotation) -> Int {
        let next = q.close + 1
        guard tokens[q.last - 1].kind != .punct, next < tokens.count, tokenSentence[next] == tokenSentence[q.close],
              tokens[next].kind == .word, tokens[next].shape.contains(.lowercase),
              !isTime(next), tokens[next].word != lexicon.words.and else { return q.close }
        return clauseLast(q)
    }

    /// How many words the object before "as" may have ("Britain's vote to leave the union").
    static let asObjectWords = 8
    /// How many tokens an aside inside that object may have (", who chairs the harbor board,").
    static let asAsideTokens = 7
    /// How many words the subject between a relative pronoun and its verb may have ("which FBI
    /// Director James Comey described as").
    static let asSubjectWords = 5
}
