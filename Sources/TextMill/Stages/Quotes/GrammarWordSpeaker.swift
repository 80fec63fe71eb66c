extension QuoteRules {
    /// `grammar-word-speaker`: a speaker whose every word is a word of the grammar lists, no noun
    /// or name among them (`function_words`, `prepositions`, `time_words`, `speaker_cue_fillers`,
    /// `determiners`: "Throughout the 2000s, …", "who has in the past described", "A letter this
    /// month … urged"), is a piece of the sentence read as its subject: no one speaks. Until
    /// session 37 "Throughout", "past" and "this month" were entities.
    public static let grammarWordSpeaker = QuoteRule(name: "grammar-word-speaker", effect: .rejects,
        summary: "a speaker of only grammar words (Throughout, the past, this month) is no speaker")
}

extension QuoteAnalysis {
    /// Rule `grammar-word-speaker`: whether every word of tokens `first...last` is a grammar
    /// word (punctuation passed over; a number or any other word is none).
    func isGrammarWordsOnly(_ first: Int, _ last: Int) -> Bool {
        let grammar: WordFlags = [.function, .preposition, .time, .filler, .determiner]
        var words = 0
        for k in first...last {
            let t = tokens[k]
            if t.kind == .punct { continue }
            guard t.kind == .word, !t.flags.intersection(grammar).isEmpty else { return false }
            words += 1
        }
        return words > 0
    }
}
