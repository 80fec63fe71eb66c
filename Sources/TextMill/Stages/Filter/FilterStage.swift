/// Settings the measures need beyond the thresholds (C4's line rules, the stop words).
struct FilterSettings: Sendable {
    var stopWords: Set<String> = ["the", "be", "to", "of", "and", "that", "have", "with"] {
        didSet {
            stopWordsByHash = Self.byHash(stopWords)
            longestStopWord = stopWords.map { $0.unicodeScalars.count }.max() ?? 0
        }
    }
    /// The stop words as scalars, by `TextMeasures.fnv` hash.
    private(set) var stopWordsByHash: [(hash: UInt64, scalars: [Unicode.Scalar])] = byHash(["the", "be", "to", "of", "and", "that", "have", "with"])
    private(set) var longestStopWord = 4

    static func byHash(_ words: Set<String>) -> [(hash: UInt64, scalars: [Unicode.Scalar])] {
        words.sorted().map { (TextMeasures.fnv($0.unicodeScalars), Array($0.unicodeScalars)) }
    }
    var removeCitations = true
    var requireTerminalPunctuation = true
    var minWordsPerLine = 3
    var maxWordLength = 1000
    var dropJavascriptLines = true
    var dropPolicyLines = true
    var rejectLoremIpsum = true
    var rejectCurlyBracket = true
}

/// `filter`: drops (or marks) documents by quality rules: length, word and symbol statistics,
/// repetition, stop words, C4's line rules, and language.
///
/// Each rule is one entry of `FilterRules.all` with its threshold in an option of the same
/// name as datatrove's parameter; the defaults are datatrove's `GopherRepetitionFilter`,
/// `GopherQualityFilter` and `C4QualityFilter`, tried in that order. The first rule that fires
/// throws `DocumentFiltered` with the rule's name as the reason (`gopher_short_doc`,
/// `dup_line_frac`, `too_few_sentences`, `language`…); `disable` turns rules off by name.
/// The stage never edits the text (C4's line removal is measured, not applied).
public struct FilterStage: Stage {
    /// The name in configs: `- filter`.
    public static let name = "filter"
    /// One line for `textmill stages`.
    public static let summary = "drops (or marks) documents by quality rules: length, word and symbol statistics, repetition, stop words, C4 line rules, language"

    static func ratio(_ name: String, _ value: Double, _ help: String) -> OptionSpec {
        OptionSpec(name, .number(0...1), default: JSONValue(value), help)
    }

    /// Every threshold, with datatrove's defaults.
    public static let options: [OptionSpec] = {
        var specs: [OptionSpec] = [
            OptionSpec("action", .choice(FilterAction.allCases.map(\.rawValue)), default: "drop",
                       "drop: filtered documents go to NAME.filtered.jsonl; mark: they stay in the output with `filtered` set"),
            OptionSpec("disable", .stringList, default: [], "rules to turn off, by name (\(FilterRules.names.joined(separator: ", ")))"),
            OptionSpec("languages", .stringList, default: [],
                       "rule `language`: keep only documents whose meta.language.code (from the language stage: en, de, zh-Hant) is one of these; empty = rule off"),
            ratio("min_language_score", 0.65, "rule `language`: the least meta.language.score kept"),
            ratio("dup_para_frac", 0.3, "rule dup_para_frac: most share of paragraphs repeating an earlier one"),
            ratio("dup_para_char_frac", 0.2, "rule dup_para_char_frac: most share of characters in repeated paragraphs"),
            ratio("dup_line_frac", 0.3, "rule dup_line_frac: most share of lines repeating an earlier one"),
            ratio("dup_line_char_frac", 0.2, "rule dup_line_char_frac: most share of characters in repeated lines"),
        ]
        for (n, v) in [(2, 0.2), (3, 0.18), (4, 0.16)] {
            specs.append(ratio("top_\(n)_gram", v, "rule top_\(n)_gram: most share of characters in the most frequent \(n)-word sequence"))
        }
        for (n, v) in [(5, 0.15), (6, 0.14), (7, 0.13), (8, 0.12), (9, 0.11), (10, 0.10)] {
            specs.append(ratio("duplicated_\(n)_n_grams", v, "rule duplicated_\(n)_n_grams: most share of characters in repeated \(n)-word sequences"))
        }
        specs += [
            OptionSpec("min_doc_words", .int(0...Int.max), default: 50, "rule gopher_short_doc: fewest words (words with a character that is not punctuation)"),
            OptionSpec("max_doc_words", .int(1...Int.max), default: 100_000, "rule gopher_long_doc: most words"),
            OptionSpec("min_avg_word_length", .number(0...1000), default: 3, "rule gopher_below_avg_threshold: least mean word length"),
            OptionSpec("max_avg_word_length", .number(0...1000), default: 10, "rule gopher_above_avg_threshold: most mean word length"),
            OptionSpec("max_symbol_word_ratio", .number(0...1000), default: 0.1, "rules gopher_too_many_hashes and gopher_too_many_ellipsis: most '#' or ellipses per word"),
            ratio("max_bullet_lines_ratio", 0.9, "rule gopher_too_many_bullets: most share of lines starting with • or -"),
            ratio("max_ellipsis_lines_ratio", 0.3, "rule gopher_too_many_end_ellipsis: most share of lines ending in ... or …"),
            ratio("max_non_alpha_words_ratio", 0.8, "rule gopher_below_alpha_threshold: least share of words with a letter (datatrove's name)"),
            OptionSpec("min_stop_words", .int(0...1000), default: 2, "rule gopher_enough_stop_words: fewest distinct stop words"),
            OptionSpec("stop_words", .stringList, default: ["the", "be", "to", "of", "and", "that", "have", "with"], "the stop words (case-sensitive)"),
            OptionSpec("min_num_sentences", .int(0...1_000_000), default: 5, "rule too_few_sentences: fewest sentences in the lines C4 keeps"),
            OptionSpec("filter_lorem_ipsum", .bool, default: true, "rule lorem_ipsum: drop a document with a kept line saying lorem ipsum"),
            OptionSpec("filter_curly_bracket", .bool, default: true, "rule curly_bracket: drop a document with a kept line holding {"),
            OptionSpec("remove_citations", .bool, default: true, "C4 lines: remove [1], [edit], [citation needed] first"),
            OptionSpec("filter_no_terminal_punct", .bool, default: true, "C4 lines: keep only lines ending in . ? ! \" ' (not ...)"),
            OptionSpec("min_words_per_line", .int(0...1000), default: 3, "C4 lines: keep only lines with at least this many words"),
            OptionSpec("max_word_length", .int(-1...1_000_000), default: 1000, "C4 lines: drop lines with a longer word (-1: off)"),
            OptionSpec("filter_javascript", .bool, default: true, "C4 lines: drop lines mentioning javascript"),
            OptionSpec("filter_policy", .bool, default: true, "C4 lines: drop cookie and terms-of-use lines"),
        ]
        return specs
    }()

    /// Reads `meta` (for `language`), leaves the text alone, one document at a time.
    public static let traits = StageTraits(languageCodeOption: "languages",
                                           languageCodeRuleOff: { $0.strings("disable").contains("language") })

    /// A rule in force with its threshold.
    struct ActiveRule: Sendable {
        let rule: FilterRule
        let threshold: Double
    }

    let rules: [ActiveRule]
    let settings: FilterSettings
    let action: FilterAction
    let languages: Set<String>
    let minLanguageScore: Double
    /// The longest text the rules measure, in bytes: `HashCounts` keeps a word's or line's
    /// position and a count in 32 bits, and a text of at most this many bytes has fewer words,
    /// lines and paragraphs than that (only reachable with `max_document_mb` over 2047). Tests
    /// lower it.
    var maxTextBytes = Int(Int32.max)

    /// - Throws: `StageSetupError` naming the option for an unknown rule name or thresholds that contradict each other.
    public init(options: StageOptions) throws {
        let disabled = Set(options.strings("disable"))
        for name in disabled where !FilterRules.names.contains(name) {
            throw StageSetupError("disable: no rule named \(MessageText.quoted(name)); rules: \(FilterRules.names.joined(separator: ", "))", option: "disable")
        }
        if options.int("min_doc_words") > options.int("max_doc_words") {
            throw StageSetupError("min_doc_words (\(options.int("min_doc_words"))) is above max_doc_words (\(options.int("max_doc_words"))): no document could pass; lower min_doc_words or raise max_doc_words", option: "min_doc_words")
        }
        if options.double("min_avg_word_length") > options.double("max_avg_word_length") {
            throw StageSetupError("min_avg_word_length is above max_avg_word_length: no document could pass; lower min_avg_word_length or raise max_avg_word_length", option: "min_avg_word_length")
        }
        let stopWords = Set(options.strings("stop_words"))
        if !disabled.contains("gopher_enough_stop_words") { try Self.checkStopWords(stopWords, least: options.int("min_stop_words")) }
        var settings = FilterSettings()
        settings.stopWords = stopWords
        settings.removeCitations = options.bool("remove_citations")
        settings.requireTerminalPunctuation = options.bool("filter_no_terminal_punct")
        settings.minWordsPerLine = options.int("min_words_per_line")
        settings.maxWordLength = options.int("max_word_length")
        settings.dropJavascriptLines = options.bool("filter_javascript")
        settings.dropPolicyLines = options.bool("filter_policy")
        settings.rejectLoremIpsum = options.bool("filter_lorem_ipsum") && !disabled.contains("lorem_ipsum")
        settings.rejectCurlyBracket = options.bool("filter_curly_bracket") && !disabled.contains("curly_bracket")
        self.settings = settings
        rules = FilterRules.all.compactMap { rule in
            guard !disabled.contains(rule.name) else { return nil }
            if rule.test == .flag {
                return rule.option.isEmpty || options.bool(rule.option) ? ActiveRule(rule: rule, threshold: 0) : nil
            }
            return ActiveRule(rule: rule, threshold: options.double(rule.option))
        }
        action = FilterAction(rawValue: options.string("action") ?? "drop") ?? .drop
        languages = disabled.contains("language") ? [] : Set(options.strings("languages"))
        minLanguageScore = options.double("min_language_score")
    }

    /// Refuses a stop-word list no document can satisfy: a word the tokenizer never makes (empty,
    /// or holding white space, where words are split), or fewer distinct words than `least`
    /// (`min_stop_words`). Either filtered every document as "gopher_enough_stop_words" (with
    /// `stop_words: [the]` and the default 2: "1 distinct stop words, below 2"), as
    /// `min_doc_words` above `max_doc_words` would, which is refused too.
    static func checkStopWords(_ words: Set<String>, least: Int) throws {
        if let never = words.sorted().first(where: { $0.isEmpty || $0.unicodeScalars.contains(where: \.properties.isWhitespace) }) {
            throw StageSetupError("stop_words: \(MessageText.quoted(never)) is no word the rule can match (words are split at white space and are never empty): give single words", option: "stop_words")
        }
        if least > words.count {
            throw StageSetupError("min_stop_words (\(least)) is above the \(words.count) distinct stop word\(words.count == 1 ? "" : "s") in stop_words: no document could pass gopher_enough_stop_words; "
                                  + "lower min_stop_words to \(words.count) or fewer, give more stop words, or disable the rule", option: "min_stop_words")
        }
    }

    /// The words the rules count in `text` (datatrove's English words), for benchmarks and tests.
    public static func words(in text: [UInt8]) -> [String] {
        let classified = ClassifiedText(utf8: text)
        return EnglishWords.split(classified).map { EnglishWords.string(classified, $0) }
    }

    /// Why a document has no `meta.language.code` to filter by: no language stage ran before
    /// filter, or the record's own `meta.language` was no language object the schema accepts and
    /// the reader kept it under `input.meta.language` (`MetaValueTypes`), which the detail names
    /// (it read "put the language stage before filter" alone, as if the record had given none).
    static func noLanguageCode(_ document: Document) -> String {
        let kept = document.extra.isEmpty ? nil : document.extra[InputFields.key]?.objectValue
        for place in Document.replacedMetaPlaces {
            guard let value = kept?[place]?.objectValue?["language"] else { continue }
            return "no meta.language.code: the record's own \(place).language (\(MessageText.cut(value.jsonText, to: 80))) is no language object "
                + "the schema accepts ({\"code\": string, \"score\": number from 0 to 1, \"reliable\": boolean}) and was kept under input.\(place).language; "
                + "put the language stage before filter to measure the text's language, or give the records language objects the schema accepts"
        }
        return "no meta.language.code (put the language stage before filter)"
    }

    /// The first rule `document` breaks, with the detail for people, or nil when it passes them all.
    /// - Throws: `DocumentError` for a text over `maxTextBytes` that a rule would measure.
    func firstFailure(_ document: Document) throws -> (rule: String, detail: String)? {
        if !languages.isEmpty {
            let language = document.meta["language"]?.objectValue
            let code = language?["code"]?.stringValue
            let given = language?["score"]
            let score = given?.doubleValue ?? 0
            guard let code else { return ("language", Self.noLanguageCode(document)) }
            if !languages.contains(code) {
                return ("language", "\(code), not one of \(languages.sorted().joined(separator: ", "))")
            }
            if score < minLanguageScore {
                // A score that is missing or no number counts as 0; the detail says so rather
                // than "score 0", which no stage measured.
                let measured = given?.doubleValue != nil ? "score \(JSONValue.format(score))"
                    : "no numeric score (meta.language.score is \(given.map { MessageText.quoted(String($0.jsonText.prefix(40))) } ?? "missing"), counted as 0)"
                return ("language", "\(code) with \(measured), below \(JSONValue.format(minLanguageScore))")
            }
        }
        guard !rules.isEmpty else { return nil }
        // Past the bound a position wrapped to a negative index (a crash) and a count trapped.
        if document.text.count > maxTextBytes {
            throw DocumentError("the text is \(MessageText.size(document.text.count)), above the \(MessageText.size(maxTextBytes)) filter can measure "
                                + "(its word and line positions are 32-bit): split the document into smaller ones to filter it")
        }
        var measures = TextMeasures(document.text, settings: settings)
        for active in rules {
            guard let value = active.rule.measure(&measures) else { continue }
            let fires: Bool
            switch active.rule.test {
            case .below: fires = value < active.threshold
            case .above: fires = value > active.threshold
            case .flag: fires = value != 0
            }
            if fires {
                let shown = JSONValue.format((value * 1000).rounded() / 1000)
                switch active.rule.test {
                case .below: return (active.rule.name, "\(shown) \(active.rule.what), below \(JSONValue.format(active.threshold))")
                case .above: return (active.rule.name, "\(shown) \(active.rule.what), above \(JSONValue.format(active.threshold))")
                case .flag: return (active.rule.name, active.rule.what)
                }
            }
        }
        return nil
    }

    /// Counts the document under `kept` or under the rule that fired, and throws
    /// `DocumentFiltered` for the latter. A rule that fires with `action: mark` on a document an
    /// earlier stage marked counts as `already marked`: the document keeps the first mark
    /// (`Pipeline.run`), and the stage's counts add up to its documents as the marks do. Until
    /// session 37 the rule was counted too, as if this stage had marked the document.
    /// - Throws: `DocumentError` for markup; `DocumentFiltered` for a document a rule removes.
    public func process(_ document: inout Document, _ context: inout StageContext) throws {
        guard document.content == .plain else {
            throw DocumentError("filter needs plain text, but this document is still \(document.content.rawValue) markup: run cleanup first")
        }
        if let failure = try firstFailure(document) {
            if action == .mark && document.filtered != nil {
                context.count(Self.alreadyMarked)
                return
            }
            context.count(failure.rule)
            throw DocumentFiltered(failure.rule, detail: failure.detail, action: action)
        }
        context.count("kept")
    }

    /// The counter of documents a rule would mark that an earlier stage marked already.
    static let alreadyMarked = "already marked"
}
