import TextMill

/// `word_stats`: counts words and sentences and adds `"word_stats": {"words": …, "sentences": …,
/// "words_per_sentence": …}` to each record. A small, complete example of a stage written in Swift:
/// a name, options with defaults, traits, and `process`.
public struct WordStatsStage: Stage {
    public static let name = "word_stats"
    public static let summary = "count words (and words per sentence when sentences ran) into a word_stats field"
    public static let options: [OptionSpec] = [
        OptionSpec("field", .string, default: "word_stats", "name of the field the counts go into"),
        OptionSpec("min_words", .int(0...Int.max), default: 0, "fail documents with fewer words than this (0: never)"),
    ]
    public static let traits = StageTraits()

    let field: String
    let minWords: Int

    public init(options: StageOptions) throws {
        field = options.string("field") ?? "word_stats"
        minWords = options.int("min_words")
    }

    public func process(_ document: inout Document, _ context: inout StageContext) throws {
        let words = WordStatsStage.countWords(document.text)
        if words < minWords {
            throw DocumentError("only \(words) words, fewer than min_words (\(minWords))")
        }
        var stats = JSONObject([("words", JSONValue(words))])
        if let sentences = document.sentences, !sentences.isEmpty {
            stats["sentences"] = JSONValue(sentences.count)
            stats["words_per_sentence"] = JSONValue((Double(words) / Double(sentences.count) * 10).rounded() / 10)
        }
        document.extra[field] = .object(stats)
        context.count("words", words)
    }

    /// Words are runs of letters or digits (bytes of multi-byte characters count as letters).
    public static func countWords(_ text: [UInt8]) -> Int {
        var count = 0
        var inWord = false
        for b in text {
            let letter = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80 || b == 0x27
            if letter && !inWord { count += 1 }
            inWord = letter
        }
        return count
    }
}
