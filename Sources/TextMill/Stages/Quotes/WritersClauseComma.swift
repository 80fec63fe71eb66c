extension QuoteRules {
    /// `writers-clause-comma`: a quotation that opens in lower case after a comma goes on with the
    /// sentence before the comma. It is a direct quotation only when that comma ends an
    /// attribution ("“The voters are angry,” he said, “and they are not wrong.”", "the mayor told
    /// reporters on Friday, “we will …”"); when the comma closes the writer's own words ("As the
    /// mayor explained, the fares were frozen for a year, costing the port $2 million, “which is
    /// less than it sounds.”"), or the subordinate clause of a reported clause ("Ruiz said because
    /// the ferries are old, “they break down every winter.”"), the quoted words finish that
    /// sentence: a fragment, `mixed`. The cue must reach the comma: nothing after it but its
    /// hearer, its speaker and adjuncts, with no comma in that stretch that opens a clause of the
    /// writer's, and no subordinator right after it.
    public static let writersClauseComma = QuoteRule(name: "writers-clause-comma", effect: .accepts,
        summary: "lower case after a comma that no attribution reaches (…, costing $2 million, “which …”): a fragment, mixed")
}

extension QuoteAnalysis {
    /// Whether quotation `q` opens in lower case right after a comma that no cue or source phrase
    /// of its frame (from `lo`) reaches: the comma closes the writer's words, not an attribution.
    /// One pass back from the comma: a comma followed by a clause ("explained, the fares were
    /// frozen …, costing …, “…”") ends the stretch an attribution may fill (a participle does not:
    /// "Tester said, referring to the excuse, “you give …”" is his), and a
    /// cue reaches the comma unless a subordinator opens what follows it (past a hearer and
    /// adjuncts: "said because …, “…”" reports a clause whose main part the quotation is).
    func followsWritersClauseComma(_ q: Quotation, lo: Int) -> Bool {
        guard q.open > lo + 1, tokens[q.open - 1].isComma, !startsCapitalized(q) else { return false }
        let comma = q.open - 1
        var k = comma - 1
        while k >= lo {
            let t = tokens[k]
            if t.isComma && startsNewClause(k + 1, upper: comma) { return true }
            if let e = cueEnd(at: k, thoughts: false) ?? sourcePhraseEnd(at: k), e < comma {
                let j = skipAdjuncts(skipHearer(cue: k, from: e + 1, upper: comma), upper: comma)
                let subordinate = j < comma && tokens[j].kind == .word && tokens[j].flags.contains(.subordinator)
                    && tokens[j].shape.contains(.lowercase)
                if !subordinate { return false }
            }
            k -= 1
        }
        return true
    }
}
