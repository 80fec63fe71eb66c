extension QuoteRules {
    /// `nearer-cue`: reported content that holds a fragment with a cue of its own after the
    /// content's start ("…, Ryan saying he was “very encouraged” and Trump calling it a “great
    /// meeting.”", "the prison should be closed, with Sen. Lee calling it a “Chinese menu.”") is
    /// two reports: the fragment after that cue takes its own cue's complement as content ("it a
    /// “great meeting.”", rule `fragment-clause`), and the fragments before it keep the reported
    /// content up to that attribution ("he was “very encouraged”"). The nearer cue says who said
    /// the quoted words, so its complement is what they were said about.
    public static let nearerCue = QuoteRule(name: "nearer-cue", effect: .attributes,
        summary: "a fragment with its own cue inside reported content: its own cue's complement is its content; the content before ends at that attribution")
}

extension QuoteAnalysis {
    /// `nearer-cue` (`QuoteRules.nearerCue`): among the fragments `inside` (indexes into `found`)
    /// of a reported content that starts at token `first` and whose cue is `outerCue`, the first
    /// token of the earliest attribution of their own that stands after `first` and before the
    /// fragment's opening mark: a speech or naming cue found for the fragment itself (not a belief,
    /// not taken from a neighbour) and its speaker before it, joined to the words before by
    /// `joinsAttribution`. Nil when no fragment has one.
    @inline(never)
    func nearerAttributionStart(inside: [Int], of found: [FoundQuote], first: Int, outerCue: (first: Int, last: Int)) -> Int? {
        var cut: Int?
        for n in inside {
            let f = found[n]
            guard f.kind == .mixed, !f.inherited, f.quotation >= 0, let cue = f.cue else { continue }
            let q = quotations[f.quotation]
            guard cue.first > first, cue.first > outerCue.last, cue.last < q.open,
                  !tokens[cue.first].flags.contains(.thought),
                  !tokens[cue.first].flags.isDisjoint(with: [.cue, .namingVerb]) else { continue }
            // The attribution has a speaker of its own inside the content, after a comma, dash,
            // conjunction or preposition that joins it ("…, and Trump calling", "with Sen. Lee
            // calling"); not a relative pronoun ("anybody who complains"), not the content's own
            // subject ("Clinton once described …") nor one after a subordinator ("when he said").
            guard let s = f.speaker, s.form != .relative, s.first < cue.first else { continue }
            var start = s.first
            // A title before the name ("Councillor Ines Park calling …") is part of the attribution.
            if s.roleFirst >= 0 && s.roleFirst < start { start = s.roleFirst }
            guard start > first + 1, joinsAttribution(start - 1) else { continue }
            cut = min(cut ?? start, start)
        }
        return cut
    }
}

extension QuoteAnalysis {
    /// Whether token `k` joins a second attribution to the content before it: a comma or dash
    /// outside marks, "and", "but", "or", or a preposition ("with").
    func joinsAttribution(_ k: Int) -> Bool {
        let t = tokens[k]
        if t.kind == .dash { return tokenQuotation[k] < 0 }
        if t.kind == .punct { return tokenQuotation[k] < 0 && t.isComma }
        return t.kind == .word && (t.word == lexicon.words.and || t.word == lexicon.words.but
                                   || t.word == lexicon.words.or || t.flags.contains(.preposition))
    }

    /// The last token of a reported content from `first` that ends before the attribution at
    /// `cut`: the words before it without the comma, dash, "and"/"or"/"but" or preposition that
    /// joins them to it ("he was “very encouraged” and | Trump calling"); below `first` when
    /// nothing is left.
    func contentLast(beforeAttribution cut: Int, first: Int) -> Int {
        var b = cut - 1
        while b >= first {
            let t = tokens[b]
            guard joinsAttribution(b) || (t.kind == .punct && tokenQuotation[b] < 0) else { break }
            b -= 1
        }
        return b
    }

    /// `nearer-cue` on the fragments `inside` a reported content that starts at token `first`,
    /// with the attribution of one of them starting at `cut`: those before it take the content up
    /// to the attribution (`giveReportedContent`), those after it are the attribution's
    /// (`takeNearerAttribution`); with none before it, the words before the attribution are an
    /// indirect quote of `speech` ("Port officials said the contract was flawed, with …").
    /// Apart from the extractor's main loop: it applies to few contents.
    @inline(never)
    func splitAtNearerAttribution(_ cut: Int, inside: [Int], _ found: inout [FoundQuote], first: Int, speech: ReportedSpeech) {
        let last = contentLast(beforeAttribution: cut, first: first)
        var before = false
        for n in inside where found[n].kind == .mixed || found[n].kind == .direct {
            if found[n].quotation >= 0, quotations[found[n].quotation].open > cut {
                takeNearerAttribution(n, &found, inside: inside, cut: cut)
            } else if last >= first {
                before = true
                giveReportedContent(n, &found, span(first, last), first: first, last: last, speech: speech)
                note(QuoteRules.nearerCue, found[n].span, "content ends before the next attribution")
            }
        }
        guard !before, !speech.quotedOnly, last >= first, let t = trimmedContent(first, last, clauseCuts: false) else { return }
        let own = span(t.0, t.1)
        found.append(FoundQuote(span: own, kind: .indirect, speaker: speech.speaker, cue: speech.cue, content: nil, quotation: -1))
        note(QuoteRules.nearerCue, own, "speaker: \(speech.speaker.map { words($0.first, $0.last) } ?? "none"), cue: \(words(speech.cue.first, speech.cue.last))")
    }

    /// `nearer-cue` for fragment `n` of `found` after the attribution at `cut`: it keeps its own
    /// speaker and cue and gets its content from `fragment-clause`; one with no cue of its own
    /// (a fragment next to the attributed one: "calling it “slow” and “costly”") takes the
    /// speaker and cue of the fragment whose attribution starts at `cut`.
    func takeNearerAttribution(_ n: Int, _ found: inout [FoundQuote], inside: [Int], cut: Int) {
        found[n].kind = .mixed
        found[n].content = nil
        defer { note(QuoteRules.nearerCue, found[n].span, "cue: " + (found[n].cue.map { words($0.first, $0.last) } ?? "none")) }
        guard found[n].cue == nil || found[n].inherited || found[n].tentative else { return }
        for m in inside where m != n {
            guard let cue = found[m].cue, !found[m].inherited, cue.first >= cut,
                  found[m].quotation >= 0, quotations[found[m].quotation].open < quotations[found[n].quotation].open else { continue }
            found[n].speaker = found[m].speaker
            found[n].cue = cue
            found[n].inherited = false
            found[n].tentative = false
            return
        }
    }
}
