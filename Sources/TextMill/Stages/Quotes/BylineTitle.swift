extension QuoteRules {
    /// `byline-title`: quoted words that no cue attributes, followed by "by" and a name (“Sam
    /// Mendes leaves the musical,” by Times' Michael Paulson; ''This Kind of War,'' by T.R.
    /// Fehrenbach, about the Korean War): the title of a work and its author, as lists of links
    /// and reviews write them, not speech.
    public static let bylineTitle = QuoteRule(name: "byline-title", effect: .rejects,
        summary: "no cue, and by with a name after the closing mark: a title and its author")
}

extension QuoteAnalysis {
    /// Whether "by" and an author's name follow the closing mark of `q` (past a comma; a
    /// determiner may open the name: "by the New York Post's Amy Spencer"), the name ending at
    /// punctuation, a link or the paragraph's end ("by Trump's own account" is no byline).
    func isBylineTitle(_ q: Quotation) -> Bool {
        // A title set off by the marks ends with its punctuation inside them ("…,” by); words
        // that go on into the sentence do not ("that intervention” by the United States").
        guard q.close >= 0, q.last > q.first, tokens[q.last - 1].kind == .punct else { return false }
        let para = paragraphTokens[q.paragraph]
        var i = q.close + 1
        if i < para.upperBound && tokens[i].isComma { i += 1 }
        guard i + 1 < para.upperBound, tokens[i].kind == .word, tokens[i].word == lexicon.words.by else { return false }
        var n = i + 1
        if isDeterminer(n) { n += 1 }
        var e = n
        var names = 0
        // Name words, and the apostrophe of a plural possessive ("Times' Michael Paulson").
        while e < para.upperBound && e < n + QuoteReach.nameWords {
            if isNameWord(e) { names += 1 } else if !(tokens[e].kind == .mark && e > n) { break }
            e += 1
        }
        guard names > 0 else { return false }
        if e == para.upperBound { return true }
        let t = tokens[e]
        return t.kind == .punct || t.isComma || t.kind == .openBracket || isLink(e)
    }

    /// A link written out ("http://nyti.ms/…").
    func isLink(_ i: Int) -> Bool {
        let t = tokens[i]
        guard t.kind == .word, t.end - t.start >= 4 else { return false }
        let s = Int(t.start)
        return text[s] == 0x68 && text[s + 1] == 0x74 && text[s + 2] == 0x74 && text[s + 3] == 0x70
    }
}
