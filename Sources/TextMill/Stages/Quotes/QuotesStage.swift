/// `quotes`: quotations with their speaker and cue (DESIGN.md, "The stages").
///
/// Direct quotations (a whole utterance in marks), mixed ones (a quoted fragment in the
/// reporter's sentence) and indirect speech ("X said that …"). Terms, titles and scare quotes
/// in marks are not quotations. Speakers given as pronouns or bare surnames are linked to the
/// full name they stand for. Every word list is data (`QuotesLexiconData`), extended from the
/// config. See docs/quotes.md.
public struct QuotesStage: Stage {
    public static let name = "quotes"
    public static let summary = "quotations (direct, mixed, indirect) with speaker and cue; pronouns and surnames resolved"
    public static let options: [OptionSpec] = [
        OptionSpec("indirect", .bool, default: true, "also report indirect speech (\"X said that …\", \"According to X, …\")"),
        OptionSpec("resolve_speakers", .bool, default: true,
                   "link speakers given as pronouns, relative pronouns or bare surnames to the full name they stand for"),
        OptionSpec("floating_paragraphs", .int(0...10), default: 2,
                   "a quotation with no cue of its own takes the last speaker of up to this many paragraphs before it"),
        OptionSpec("lexicon", .group(QuotesLexicon.listNames.map {
            OptionSpec($0, .stringList, default: [], "entries added to the \($0) list (same format as the built-in list)")
        }), default: nil, "entries added to the built-in word lists, per list"),
        OptionSpec("lexicon_files", .group(QuotesLexicon.listNames.map {
            OptionSpec($0, .string, default: nil, "a file of entries (one a line, # comments) added to the \($0) list")
        }), default: nil, "files of entries added to the built-in word lists, per list"),
    ]
    public static let traits = StageTraits(requires: [.sentences], produces: [.quotes])

    /// The counter of documents skipped as not English (`meta.language.code` other than "en",
    /// or, without it, too few common English words at the start: `EnglishCheck`).
    public static let skippedCounter = "quotes skipped, not English"

    let extractor: QuoteExtractor
    /// The longest text the stage reads (`QuoteExtractor.maxTextBytes`); a longer document fails
    /// alone (`tooLong`). A stored property so that tests can lower it.
    var maxTextBytes = QuoteExtractor.maxTextBytes

    /// The counter of each kind of quote: "quotes " and the kind's raw value, written out so
    /// that no string is built per quote.
    private static func kindCounter(_ kind: QuoteKind) -> String {
        switch kind {
        case .direct: return "quotes direct"
        case .mixed: return "quotes mixed"
        case .indirect: return "quotes indirect"
        }
    }

    public init(options: StageOptions) throws {
        var extra: [String: [String]] = [:]
        var added: [QuotesLexiconLint.AddedEntries] = []
        let inline = options.group("lexicon")
        let files = options.group("lexicon_files")
        for list in QuotesLexicon.listNames {
            // Each item an entry of its own, numbered from 1 (blank and comment-only items left out).
            let items = inline.strings(list).enumerated().compactMap { k, item in
                LexiconText.entries(item).first.map { LexiconText.Entry(line: k + 1, text: $0.text) }
            }
            if !items.isEmpty { added.append(.init(list: list, option: "lexicon.\(list)", file: nil, entries: items)) }
            var entries = items.map { String($0.text) }
            if let path = files.string(list) {
                let option = "lexicon_files.\(list)"
                let read = LexiconText.entries(try OptionFile.text(path, option: option, environment: options.environment))
                added.append(.init(list: list, option: option, file: options.environment.resolve(path), entries: read))
                entries += read.map { String($0.text) }
            }
            if !entries.isEmpty { extra[list] = entries }
        }
        let lexicon = extra.isEmpty ? QuotesLexicon.standard : try QuotesLexicon(extra: extra)
        try QuotesLexiconLint.check(added, lexicon: lexicon)
        extractor = QuoteExtractor(lexicon: lexicon, options: QuoteExtractor.Options(
            indirect: options.bool("indirect"),
            resolveSpeakers: options.bool("resolve_speakers"),
            floatingParagraphs: options.int("floating_paragraphs")))
    }

    /// The explanation trace of one document as this stage (its options, its word lists) reads
    /// it: which named rules made, rejected or attributed each candidate quotation
    /// (`QuoteExtractor.explain`). Throws when the stage would not read the document: still
    /// markup, or not English (`QuotesNotRead`).
    public func explain(_ document: Document) throws(QuotesNotRead) -> String {
        guard document.content == .plain else { throw .markup }
        guard EnglishCheck.standard.isEnglish(text: document.text, meta: document.meta) else {
            let code = document.meta["language"]?.objectValue?["code"]?.stringValue
            throw .notEnglish(language: code == "un" ? nil : code)
        }
        guard document.text.count <= maxTextBytes else { throw .tooLong(bytes: document.text.count, limit: maxTextBytes) }
        let paragraphs = document.paragraphs ?? Paragraphs.spans(in: document.text)
        return extractor.explain(in: document.text, paragraphs: paragraphs, sentences: document.sentences ?? [],
                                 blockquotes: document.blockquotes ?? [])
    }

    public func process(_ document: inout Document, _ context: inout StageContext) throws {
        guard document.content == .plain else {
            throw DocumentError("quotes needs plain text; run cleanup first")
        }
        // The stage reads English only: another language gets no quotes rather than misread ones.
        guard EnglishCheck.standard.isEnglish(text: document.text, meta: document.meta) else {
            document.quotes = []
            context.count(Self.skippedCounter)
            return
        }
        // Bad input is data: a text past what the tokens can address fails this document, not the run.
        guard document.text.count <= maxTextBytes else {
            throw DocumentError(QuotesNotRead.tooLong(bytes: document.text.count, limit: maxTextBytes).description)
        }
        let paragraphs = document.paragraphs ?? Paragraphs.spans(in: document.text)
        let quotes = extractor.quotes(in: document.text, paragraphs: paragraphs, sentences: document.sentences ?? [],
                                      blockquotes: document.blockquotes ?? [])
        document.quotes = quotes
        QuoteTally(quotes).add(to: &context, counter: Self.kindCounter)
    }
}

/// The stage's counters for one document's quotes, tallied in one read over them: how many of
/// each kind, and how many with a speaker.
///
/// Each kind's total is added to the context once, in the order the kinds first appear in the
/// document, then "quotes with speaker" (also when 0). The context keeps counter names in the
/// order they are first counted (`CounterList`), so its counters come out as one `count` a
/// quote left them; the quotes are read in place (a loop over them copied each quote, its
/// speaker's strings retained and released, and made a counter call a quote).
struct QuoteTally {
    /// How many quotes of a kind, and the index of the first (`Int.max` when none).
    struct KindCount: Equatable {
        var count = 0
        var first = Int.max

        mutating func note(_ index: Int) {
            if count == 0 { first = index }
            count += 1
        }
    }

    private(set) var direct = KindCount()
    private(set) var mixed = KindCount()
    private(set) var indirect = KindCount()
    /// Quotes whose speaker was found.
    private(set) var withSpeaker = 0

    init(_ quotes: [Quote]) {
        quotes.withUnsafeBufferPointer { quotes in
            for i in quotes.indices {
                switch quotes[i].kind {
                case .direct: direct.note(i)
                case .mixed: mixed.note(i)
                case .indirect: indirect.note(i)
                }
                // `case .some` rather than `!= nil`: `Mention` is Equatable, so a comparison
                // with nil copied the speaker to compare it.
                if case .some = quotes[i].speaker { withSpeaker += 1 }
            }
        }
    }

    /// The count of `kind`.
    func count(_ kind: QuoteKind) -> KindCount {
        switch kind {
        case .direct: return direct
        case .mixed: return mixed
        case .indirect: return indirect
        }
    }

    /// The kinds, read in this order when the next one to add is picked.
    private static let kinds: [QuoteKind] = [.direct, .mixed, .indirect]

    /// Adds the tally to `context`: each kind found under `counter(kind)`, in the order the
    /// kinds first appear, then "quotes with speaker". (Three kinds at most: the next one is
    /// picked by a scan, so no array is made a document.)
    func add(to context: inout StageContext, counter: (QuoteKind) -> String) {
        var after = -1
        while true {
            var next: QuoteKind?
            var first = Int.max
            for kind in Self.kinds {
                let c = count(kind)
                if c.count > 0 && c.first > after && c.first < first { next = kind; first = c.first }
            }
            guard let kind = next else { break }
            context.count(counter(kind), count(kind).count)
            after = first
        }
        context.count("quotes with speaker", withSpeaker)
    }
}

/// Why `quotes` reads no quotations in a document (`QuotesStage.explain`).
public enum QuotesNotRead: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is still HTML or XML markup.
    case markup
    /// Not English: `meta.language.code` (when the `language` stage ran) or `EnglishCheck`.
    case notEnglish(language: String?)
    /// The text is longer than the stage reads (`QuoteExtractor.maxTextBytes`).
    case tooLong(bytes: Int, limit: Int)

    /// Bytes for people: whole MB, or bytes below one MB (tests lower the limit).
    static func size(_ bytes: Int) -> String { MessageText.size(bytes) }

    public var description: String {
        switch self {
        case .markup:
            return "the document is still markup: quotes reads plain text; put 'cleanup' before 'quotes'"
        case .notEnglish(let code?):
            return "the document is not in English (language \(MessageText.quoted(code))): quotes reads English only and gives it no quotes"
        case .tooLong(let bytes, let limit):
            return "the text is \(QuotesNotRead.size(bytes)), above the \(QuotesNotRead.size(limit)) quotes can read (its word offsets are 32-bit): split the document into smaller ones to find its quotes"
        case .notEnglish(nil):
            return "the document does not read as English (too few common English words at its start): quotes reads English only and gives it no quotes; if it is English, put 'language' before 'quotes' in the config"
        }
    }
}
