/// One quality rule of the `filter` stage: its name (the reason a filtered document carries and
/// the counter it adds to), the option that holds its threshold, and what it measures.
struct FilterRule: Sendable {
    /// How the measured value is held against the threshold.
    enum Test: Sendable {
        /// Fires when the value is below the threshold.
        case below
        /// Fires when the value is above the threshold.
        case above
        /// Fires when the value is not 0; the option is a switch.
        case flag
    }

    /// Families, named after the datatrove filters whose defaults they take.
    enum Family: String, Sendable, CaseIterable {
        case language, gopherRepetition = "gopher_repetition", gopherQuality = "gopher_quality", c4
    }

    let name: String
    let family: Family
    /// The option holding the threshold (or the on/off switch for `.flag`).
    let option: String
    let test: Test
    /// What the value is, for the detail line ("words", "share of duplicate lines").
    let what: String
    /// The value, or nil when the rule cannot apply to this text (no words to average).
    let measure: @Sendable (inout TextMeasures) -> Double?
}

/// The rules, in the order they are tried: the first that fires names the reason. Order and
/// defaults follow datatrove's `GopherRepetitionFilter`, `GopherQualityFilter` and `C4QualityFilter`.
enum FilterRules {
    static func share(_ part: Int, _ whole: Int) -> Double? { whole > 0 ? Double(part) / Double(whole) : nil }

    static let all: [FilterRule] = {
        var rules: [FilterRule] = [
            FilterRule(name: "empty", family: .gopherRepetition, option: "", test: .flag, what: "empty text") {
                $0.text.isEmpty ? 1 : 0
            },
            FilterRule(name: "dup_para_frac", family: .gopherRepetition, option: "dup_para_frac", test: .above,
                       what: "share of paragraphs that repeat an earlier one") { m in share(m.paragraphDuplicates.items, m.paragraphs.count) },
            FilterRule(name: "dup_para_char_frac", family: .gopherRepetition, option: "dup_para_char_frac", test: .above,
                       what: "share of characters in repeated paragraphs") { m in share(m.paragraphDuplicates.chars, m.text.count) },
            FilterRule(name: "dup_line_frac", family: .gopherRepetition, option: "dup_line_frac", test: .above,
                       what: "share of lines that repeat an earlier one") { m in share(m.lineDuplicates.items, m.newlineRuns.count) },
            FilterRule(name: "dup_line_char_frac", family: .gopherRepetition, option: "dup_line_char_frac", test: .above,
                       what: "share of characters in repeated lines") { m in share(m.lineDuplicates.chars, m.text.count) },
        ]
        for n in 2...4 {
            rules.append(FilterRule(name: "top_\(n)_gram", family: .gopherRepetition, option: "top_\(n)_gram", test: .above,
                                    what: "share of characters in the most frequent \(n)-word sequence") { m in
                m.topGramChars(n).flatMap { share($0, m.text.count) }
            })
        }
        for n in 5...10 {
            rules.append(FilterRule(name: "duplicated_\(n)_n_grams", family: .gopherRepetition, option: "duplicated_\(n)_n_grams",
                                    test: .above, what: "share of characters in repeated \(n)-word sequences") { m in
                share(m.duplicateGramChars(n), m.text.count)
            })
        }
        rules += [
            FilterRule(name: "gopher_short_doc", family: .gopherQuality, option: "min_doc_words", test: .below, what: "words") {
                Double($0.contentWords.count)
            },
            FilterRule(name: "gopher_long_doc", family: .gopherQuality, option: "max_doc_words", test: .above, what: "words") {
                Double($0.contentWords.count)
            },
            FilterRule(name: "gopher_below_avg_threshold", family: .gopherQuality, option: "min_avg_word_length", test: .below,
                       what: "characters a word on average") { $0.meanWordLength },
            FilterRule(name: "gopher_above_avg_threshold", family: .gopherQuality, option: "max_avg_word_length", test: .above,
                       what: "characters a word on average") { $0.meanWordLength },
            FilterRule(name: "gopher_too_many_hashes", family: .gopherQuality, option: "max_symbol_word_ratio", test: .above,
                       what: "'#' per word") { m in share(m.symbolCounts.hashes, m.words.count) },
            FilterRule(name: "gopher_too_many_ellipsis", family: .gopherQuality, option: "max_symbol_word_ratio", test: .above,
                       what: "ellipses per word") { m in share(m.symbolCounts.dots + m.symbolCounts.ellipses, m.words.count) },
            FilterRule(name: "gopher_too_many_bullets", family: .gopherQuality, option: "max_bullet_lines_ratio", test: .above,
                       what: "share of lines starting with a bullet") { m in
                m.lineShare({ $0.first == "•" || $0.first == "-" }, trimLeading: true)
            },
            FilterRule(name: "gopher_too_many_end_ellipsis", family: .gopherQuality, option: "max_ellipsis_lines_ratio", test: .above,
                       what: "share of lines ending in an ellipsis") { m in
                m.lineShare({ $0.last == "…" || ($0.count >= 3 && $0.suffix(3).allSatisfy { $0 == "." }) }, trimLeading: false)
            },
            FilterRule(name: "gopher_below_alpha_threshold", family: .gopherQuality, option: "max_non_alpha_words_ratio", test: .below,
                       what: "share of words with a letter") { m in
                let text = m.text
                return share(m.words.filter { w in text.any(w, .letter) }.count, m.words.count)
            },
            FilterRule(name: "gopher_enough_stop_words", family: .gopherQuality, option: "min_stop_words", test: .below,
                       what: "distinct stop words") { Double($0.stopWordCount()) },
            FilterRule(name: "lorem_ipsum", family: .c4, option: "filter_lorem_ipsum", test: .flag, what: "a kept line says lorem ipsum") {
                $0.c4.documentRule == "lorem_ipsum" ? 1 : 0
            },
            FilterRule(name: "curly_bracket", family: .c4, option: "filter_curly_bracket", test: .flag, what: "a kept line holds a curly brace") {
                $0.c4.documentRule == "curly_bracket" ? 1 : 0
            },
            FilterRule(name: "too_few_sentences", family: .c4, option: "min_num_sentences", test: .below,
                       what: "sentences in lines that end in punctuation") { m in
                m.c4.documentRule == nil ? Double(m.c4.sentences) : nil
            },
        ]
        return rules
    }()

    /// Names of every rule, `language` included, for `disable` and messages.
    static var names: [String] { ["language"] + all.map(\.name) }
}
