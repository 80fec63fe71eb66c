import Foundation

/// `sentences`: sentence spans inside each paragraph, from the rule-based `SentenceSplitter`.
///
/// Splits inside each of `document.paragraphs` (or the blank-line paragraphs of the text when
/// no earlier stage set them), never across one. Leaves the text alone. Conventions (quotations,
/// line breaks, lists) are in docs/sentences.md.
public struct SentencesStage: Stage {
    /// The name in configs: `- sentences`.
    public static let name = "sentences"
    /// One line for `textmill stages`.
    public static let summary = "sentence spans inside each paragraph (rule-based, abbreviation lexicon extensible)"
    /// Extra abbreviations and sentence starters (inline or from a file), how single line breaks
    /// are read and how quotations of several sentences are split.
    public static let options: [OptionSpec] = [
        OptionSpec("abbreviations", .stringList, default: [],
                   "extra abbreviations, each \"Abbr.\" or \"Abbr. KIND\" (KIND: title, inner, general, final)"),
        OptionSpec("abbreviations_file", .string, default: nil,
                   "file of extra abbreviations, one a line as in `abbreviations`, # comments"),
        OptionSpec("sentence_starters", .stringList, default: [],
                   "extra words that begin a sentence after an ambiguous abbreviation (\"Officials\"; \"Amid preposition\")"),
        OptionSpec("sentence_starters_file", .string, default: nil,
                   "file of extra sentence starters, one a line as in `sentence_starters`, # comments"),
        OptionSpec("line_breaks", .choice(SentenceSplitter.LineBreaks.allCases.map(\.rawValue)), default: "auto",
                   "single line breaks inside a paragraph: auto (a line without a stop ends its sentence unless the next line carries on in lower case), space, or sentence"),
        OptionSpec("quotations", .choice(SentenceSplitter.Quotations.allCases.map(\.rawValue)), default: "split",
                   "a quotation of several sentences: split into its sentences, or whole (one sentence with its attribution)"),
    ]
    /// Makes `sentences`; needs plain text; leaves the text alone; one document at a time.
    public static let traits = StageTraits(produces: [.sentences])

    /// The splitter this stage runs.
    public let splitter: SentenceSplitter

    /// Builds the splitter from the built-in lexicons plus the options' entries.
    /// - Throws: `StageSetupError` naming the option for an unreadable file or entry.
    public init(options: StageOptions) throws {
        var abbreviations = AbbreviationLexicon.builtin
        var starters = SentenceStarterLexicon.builtin
        do {
            for (n, text) in options.strings("abbreviations").enumerated() {
                abbreviations.append(try AbbreviationLexicon.entry(text, where: "abbreviations[\(n)]"))
            }
            for (n, text) in options.strings("sentence_starters").enumerated() {
                starters.append(try SentenceStarterLexicon.entry(text, where: "sentence_starters[\(n)]"))
            }
        } catch let error as LexiconError {
            throw StageSetupError(error.message, option: error.message.hasPrefix("abbreviations") ? "abbreviations" : "sentence_starters")
        }
        if let path = options.string("abbreviations_file") {
            let text = try OptionFile.text(path, option: "abbreviations_file", environment: options.environment)
            do { abbreviations += try AbbreviationLexicon.parse(text, source: MessageText.quoted(path)) } catch let error as LexiconError {
                throw StageSetupError("abbreviations_file: \(error.message)", option: "abbreviations_file")
            }
        }
        if let path = options.string("sentence_starters_file") {
            let text = try OptionFile.text(path, option: "sentence_starters_file", environment: options.environment)
            do { starters += try SentenceStarterLexicon.parse(text, source: MessageText.quoted(path)) } catch let error as LexiconError {
                throw StageSetupError("sentence_starters_file: \(error.message)", option: "sentence_starters_file")
            }
        }
        let lineBreaks = SentenceSplitter.LineBreaks(rawValue: options.string("line_breaks") ?? "auto") ?? .auto
        let quotations = SentenceSplitter.Quotations(rawValue: options.string("quotations") ?? "split") ?? .split
        splitter = SentenceSplitter(abbreviationEntries: abbreviations, starterEntries: starters, lineBreaks: lineBreaks,
                                    quotations: quotations)
    }

    /// Sets `document.sentences` (inside each paragraph) and counts them.
    /// - Throws: `DocumentError` when the document is still markup.
    public func process(_ document: inout Document, _ context: inout StageContext) throws {
        guard document.content == .plain else {
            throw DocumentError("sentences needs plain text, but this document is still \(document.content.rawValue) markup: run cleanup first")
        }
        var spans: [Span] = []
        spans.reserveCapacity(document.text.count / 100 + (document.paragraphs?.count ?? 0))
        document.text.withUnsafeBufferPointer { b in
            if let paragraphs = document.paragraphs {
                splitter.split(b, ranges: paragraphs, into: &spans)
            } else {
                // The splitter ends paragraphs at blank lines itself, exactly where
                // `Paragraphs.spans(in:)` would: one pass instead of two.
                splitter.split(b, in: Span(0, b.count), into: &spans)
            }
        }
        document.sentences = spans
        context.count("sentences", spans.count)
    }
}
