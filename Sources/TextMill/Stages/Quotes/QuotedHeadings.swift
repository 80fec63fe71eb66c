extension QuoteRules {
    /// `single-mark-heading`: a paragraph that is only a short quotation in single marks, dashes
    /// around it allowed ("'Chief trade prosecutor.'", "– ‘Who cares?’ –"): a section heading
    /// whatever its case, as American news and wire copy set quoted subheads (their speech is in
    /// double marks), not a quotation.
    public static let singleMarkHeading = QuoteRule(name: "single-mark-heading", effect: .rejects,
        summary: "a paragraph that is only a short quotation in single marks: a section heading")
    /// `stage-direction`: a quotation that is only words in brackets ("(CROSSTALK.)", "[Applause]")
    /// is a transcript's stage direction, not speech.
    public static let stageDirection = QuoteRule(name: "stage-direction", effect: .rejects,
        summary: "only words in brackets (CROSSTALK): a transcript's stage direction, not speech")
}

extension QuoteAnalysis {
    /// Whether quotation `q` in single marks is all of its paragraph but dashes and a period
    /// around it, with at most `singleMarkHeadingWords` words and no sentence break inside.
    func isSingleMarkHeading(_ q: Quotation) -> Bool {
        guard q.open >= 0, q.close >= 0, tokens[q.open].mark.family == .single, tokens[q.close].mark.family == .single else { return false }
        let para = paragraphTokens[q.paragraph]
        for i in para.lowerBound..<q.open where tokens[i].kind != .dash { return false }
        for i in (q.close + 1)..<para.upperBound where tokens[i].kind != .dash && !tokens[i].isSentenceEnd { return false }
        var words = 0
        for i in q.first..<q.last {
            let t = tokens[i]
            if t.kind == .word || t.kind == .number { words += 1 }
            if t.isSentenceEnd && i < q.last - 1 { return false }
        }
        return words > 0 && words <= Self.singleMarkHeadingWords
    }

    /// Whether the words of quotation `q` are all inside one pair of brackets (a period after
    /// the closing bracket allowed).
    func isStageDirection(_ q: Quotation) -> Bool {
        guard q.last - q.first >= 3, tokens[q.first].kind == .openBracket else { return false }
        var last = q.last - 1
        if tokens[last].isSentenceEnd { last -= 1 }
        guard last > q.first, tokens[last].kind == .closeBracket else { return false }
        for i in (q.first + 1)..<last where tokens[i].kind == .openBracket || tokens[i].kind == .closeBracket { return false }
        return true
    }

    /// How many words a quoted heading may have.
    static let singleMarkHeadingWords = 8
}
