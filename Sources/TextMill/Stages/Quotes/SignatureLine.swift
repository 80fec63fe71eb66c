extension QuoteRules {
    /// `signature-line`: the last piece of a quotation over paragraphs that opens with no mark and
    /// holds only a person's name (a title before it, a role after a comma) and the closing mark
    /// ("“We have been insufficient to the task.¶Amy Pope, deputy homeland security adviser.”"):
    /// the writer signed the quotation. The line is its speaker, given to the pieces before that
    /// have none, not quoted words.
    public static let signatureLine = QuoteRule(name: "signature-line", effect: .attributes,
        summary: "a closing piece that is only a name (and role): the quotation's speaker, not quoted words")
}

extension QuoteAnalysis {
    /// The speaker a signature piece names, or nil: `q` continues an earlier piece, has no
    /// opening mark, and is a name with its title (`nounPhrase`), optionally a comma and a role
    /// of at most `signatureRoleTokens` tokens with no verb, and a period.
    func signature(_ q: Quotation) -> SpeakerPhrase? {
        guard q.open < 0, q.close >= 0, q.previousPiece != nil, q.last > q.first else { return nil }
        var end = q.last
        if tokens[end - 1].isSentenceEnd { end -= 1 }
        var comma = q.first
        while comma < end && !tokens[comma].isComma { comma += 1 }
        guard comma > q.first, end - comma <= Self.signatureRoleTokens else { return nil }
        for i in comma..<end {
            let t = tokens[i]
            if i > comma && (t.kind != .word && t.kind != .number && !t.isComma && !(t.kind == .punct && t.punct == 0x2E)) { return nil }
            if t.kind == .word && (isVerbLike(i) || t.flags.contains(.auxiliary) || t.flags.contains(.pronoun)) { return nil }
        }
        guard let s = nounPhrase(endingAt: comma - 1, lower: q.first), s.form == .name,
              (s.roleFirst >= 0 ? min(s.roleFirst, s.first) : s.first) == q.first else { return nil }
        var speaker = s
        if comma < end - 1 && speaker.roleFirst < 0 { speaker.roleFirst = comma + 1; speaker.roleLast = end - 1 }
        return speaker
    }

    /// How many tokens the role after a signature's name may have ("Center for Economic and
    /// Policy Research").
    static let signatureRoleTokens = 12
}

extension QuoteAnalysis {
    /// Gives a signature's speaker to the earlier pieces of quotation `k` found without a speaker
    /// or cue of their own.
    func signQuotation(_ k: Int, _ speaker: SpeakerPhrase, _ found: inout [FoundQuote]) {
        var piece = quotations[k].previousPiece
        var n = found.count - 1
        while let p = piece, n >= 0 {
            while n >= 0 && found[n].quotation > p { n -= 1 }
            if n >= 0 && found[n].quotation == p && found[n].speaker == nil && found[n].cue == nil { found[n].speaker = speaker }
            piece = quotations[p].previousPiece
        }
    }
}
