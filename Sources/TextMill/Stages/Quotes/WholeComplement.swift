extension QuoteRules {
    /// `whole-complement`: a quotation right after its cue that runs to the end of its sentence
    /// ("The ad says “nothing will change until we elect candidates who reject Wall Street
    /// money.”", "protesters interrupted her, shouting “she wins, we lose!”") is the cue's whole
    /// complement, an utterance reported word for word: `direct`, though it opens in lower case
    /// (after a comma or colon the case never mattered). A quotation that goes on into the
    /// sentence ("condemned ''such a murderous attack'' and declared …") stays a fragment, and so
    /// do the quoted words after a verb that takes a hearer (`@object`: "allow companies to tell
    /// ''one country that …''"), whose first words are the hearer.
    public static let wholeComplement = QuoteRule(name: "whole-complement", effect: .accepts,
        summary: "right after its cue and running to the sentence end: the cue's whole complement, direct")
}

extension QuoteAnalysis {
    /// Whether quotation `q` stands right after a cue (its particle included; not one tagged
    /// `@object`) and ends its
    /// sentence: a sentence end inside the marks with nothing after them in the frame (`hi`), or
    /// only a sentence end after them ("… “huge turnout”.").
    func isWholeComplement(_ q: Quotation, lo: Int, hi: Int) -> Bool {
        guard q.open > lo, q.close >= 0, q.last > q.first, tokens[q.open - 1].kind == .word,
              let c = cueStarting(before: q.open, lower: lo), cueEnd(at: c, thoughts: false) != nil,
              !tokens[c].flags.contains(.takesObject) else { return false }
        if tokens[q.last - 1].isSentenceEnd { return q.close + 1 >= hi }
        return q.close + 1 < hi && tokens[q.close + 1].isSentenceEnd && q.close + 2 >= hi
    }
}
