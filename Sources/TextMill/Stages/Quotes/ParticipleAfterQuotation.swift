extension QuoteRules {
    /// `participle-after`: a lower-case -ing form of a reporting verb right after a quotation's
    /// closing mark (past the comma inside the marks: "…,” claiming that …", "…,” citing the
    /// contract") opens a participle clause of the reporter's sentence, whose subject is the
    /// sentence's subject. It is no attribution after the quotation (the words after it are its
    /// object, never its speaker: "citing the signed contract" is not "the signed contract"
    /// speaking), and it ends a reported content and a fragment's clause at the closing mark, as
    /// a participle clause after a comma outside the marks does (", arguing that …").
    public static let participleAfter = QuoteRule(name: "participle-after", effect: .rejects,
        summary: "an -ing cue after the closing mark (…,” claiming that): the reporter's participle clause, no attribution; the content ends at the mark")
}

extension QuoteAnalysis {
    /// Whether the word at `i` opens a participle clause of saying: a lower-case -ing form of a
    /// reporting verb ("claiming", "adding", "citing"), the speaker's next act of speech. Other
    /// participles may belong to the reported words ("were “well-paid,” making $40,000 a year").
    func opensParticipleClause(_ i: Int) -> Bool {
        guard i < tokens.count, tokens[i].kind == .word, tokens[i].shape.contains(.lowercase) else { return false }
        return tokens[i].flags.contains(.ingForm) && tokens[i].flags.contains(.cue)
    }

    /// Whether token `k` is a closing mark with a comma right before it inside the marks and a
    /// participle clause right after it ("…,” claiming that …"): the clause around the quotation
    /// ends at `k` (`participle-after`).
    func endsBeforeParticiple(_ k: Int) -> Bool {
        guard k > 0, tokens[k].kind == .mark, tokenQuotation[k] >= 0, quotations[Int(tokenQuotation[k])].close == k,
              tokens[k - 1].isComma, opensParticipleClause(k + 1) else { return false }
        return true
    }
}
