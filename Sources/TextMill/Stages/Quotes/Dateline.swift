extension QuoteRules {
    /// `dateline`: the place (and date and agency) in capitals that opens a wire story's first
    /// paragraph before a dash ("GREENPORT, May 3 (Harbor Wire) — The harbor master defended the
    /// toll, saying …", "PORTLAND — Ana Ruiz backed the plan, saying: “…”") says where the story
    /// was filed, and a run-in heading of up to four words in capitals before a dash ("FERRY
    /// TOLLS RISE — The harbor master …") titles the paragraph: neither is a subject, and a
    /// participle cue with no subject of its own takes the subject after the dash. Before
    /// session 34 "WASHINGTON", "PHILADELPHIA" and "DECATUR" were speakers on PolNeAR train.
    public static let dateline = QuoteRule(name: "dateline", effect: .attributes,
        summary: "a place or heading in capitals opening a paragraph before a dash is a dateline: the subject follows the dash")
}

extension QuoteAnalysis {
    /// The token after the dash of a dateline that opens the paragraph at `i`, or nil: one to
    /// `QuoteReach.datelineWords` words in capitals (a period inside allowed: "ST. LOUIS"), then, before the dash,
    /// only punctuation, brackets, numbers and capitalized words (a date, an agency), all within
    /// `QuoteReach.datelineTokens` tokens and the paragraph. Rule `dateline`.
    func datelineEnd(at i: Int) -> Int? {
        guard i < tokens.count, tokens[i].kind == .word, tokens[i].shape.contains(.allCaps), tokens[i].end - tokens[i].start >= 2,
              i == 0 || tokenParagraph[i - 1] != tokenParagraph[i] else { return nil }
        let paragraph = tokenParagraph[i]
        let limit = min(tokens.count, i + QuoteReach.datelineTokens)
        var k = i + 1
        var capitals = 1
        while k < limit && tokenParagraph[k] == paragraph
                && (tokens[k].kind == .word && tokens[k].shape.contains(.allCaps) || tokens[k].isPunct(UInt8(ascii: "."))) {
            if tokens[k].kind == .word { capitals += 1 }
            guard capitals <= QuoteReach.datelineWords else { return nil }
            k += 1
        }
        while k < limit && tokenParagraph[k] == paragraph {
            let t = tokens[k]
            switch t.kind {
            case .dash:
                return k + 1 < tokens.count && tokenParagraph[k + 1] == paragraph ? k + 1 : nil
            case .word:
                guard !t.shape.contains(.lowercase) else { return nil }
            case .number, .punct, .openBracket, .closeBracket:
                break
            case .mark:
                return nil
            }
            k += 1
        }
        return nil
    }

    /// `clauseSubject`'s start past a dateline, with the rule's trace note for the candidate at hand.
    func skippingDateline(_ i: Int) -> Int {
        guard let e = datelineEnd(at: i) else { return i }
        if let trace { trace.recordOnce(QuoteRules.dateline, "“" + words(i, e - 1) + "” is a dateline") }
        return e
    }
}
