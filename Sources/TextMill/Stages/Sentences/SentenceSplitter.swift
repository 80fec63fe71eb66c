/// A rule-based English sentence splitter over UTF-8 bytes.
///
/// One forward pass over the text, with bounded look-behind and look-ahead at each candidate
/// stop: linear in the input, no regular expressions, no backtracking. It handles
/// abbreviations (from `AbbreviationLexicon` plus the caller's), initials, multi-period
/// abbreviations, numbers, URLs and e-mail addresses, ellipses, closing quotes and brackets
/// after the stop, "?!" runs, numbered and bulleted lists, lines without final punctuation and
/// stops of other scripts (CJK "。", Devanagari "।", Arabic "؟"). See docs/sentences.md for
/// every convention.
///
/// Sentences never cross a blank line ("\n\n"), and spans are trimmed of white space.
public struct SentenceSplitter: Sendable {
    /// How a single line break inside a paragraph is read (normalize joins wrapped lines, so
    /// this only matters for raw text).
    public enum LineBreaks: String, Sendable, CaseIterable {
        /// A line that ends without a stop ends its sentence (headlines, list items), unless the
        /// next line carries on a sentence in lower case or the line ends in a comma, hyphen or dash.
        case auto
        /// A line break is a space.
        case space
        /// Every line break ends a sentence.
        case sentence
    }

    /// How a quotation of several sentences that closes in the same paragraph is split.
    public enum Quotations: String, Sendable, CaseIterable {
        /// Into its sentences, like any other text (`“A. B,” she said.` is `“A.` | `B,” she said.`):
        /// the default.
        case split
        /// Kept whole with its attribution: no sentence ends between the opening and the closing
        /// mark (the default before issue 13).
        case whole
    }

    let abbreviations: WordTable
    let starters: WordTable
    /// The letter closings' tables (`LetterClosingLexicon.matcher`), held here so the scanner
    /// reads them without a global's check at every sentence start.
    let closings = LetterClosingLexicon.matcher
    /// How single line breaks inside a paragraph are read.
    public let lineBreaks: LineBreaks
    /// How quotations of several sentences are split.
    public let quotations: Quotations

    /// The splitter with the built-in lexicons only.
    public static let standard = SentenceSplitter(
        abbreviationEntries: AbbreviationLexicon.builtin, starterEntries: SentenceStarterLexicon.builtin, lineBreaks: .auto,
        quotations: .split)

    /// A splitter with extra abbreviations and sentence starters on top of the built-in ones.
    ///
    /// - Parameters:
    ///   - abbreviations: entries such as `"Dept."` or `"Gen. title"` (see `AbbreviationLexicon`).
    ///   - sentenceStarters: entries such as `"However"` or `"Across preposition"`.
    ///   - lineBreaks: how single line breaks inside a paragraph are read.
    ///   - quotations: how quotations of several sentences are split.
    /// - Throws: `LexiconError` for an entry that cannot be read.
    public init(abbreviations: [String] = [], sentenceStarters: [String] = [], lineBreaks: LineBreaks = .auto,
                quotations: Quotations = .split) throws {
        let extraAbbreviations = try abbreviations.map { try AbbreviationLexicon.entry($0, where: "abbreviation \(MessageText.quoted($0))") }
        let extraStarters = try sentenceStarters.map { try SentenceStarterLexicon.entry($0, where: "sentence starter \(MessageText.quoted($0))") }
        self.init(abbreviationEntries: AbbreviationLexicon.builtin + extraAbbreviations,
                  starterEntries: SentenceStarterLexicon.builtin + extraStarters, lineBreaks: lineBreaks,
                  quotations: quotations)
    }

    /// A splitter from complete, already parsed lexicons (later entries win).
    public init(abbreviationEntries: [AbbreviationLexicon.Entry], starterEntries: [SentenceStarterLexicon.Entry],
                lineBreaks: LineBreaks = .auto, quotations: Quotations = .split) {
        self.abbreviations = Self.abbreviationTable(abbreviationEntries)
        self.starters = WordTable(starterEntries.map { (Array($0.word.utf8), $0.kind.rawValue) })
        self.lineBreaks = lineBreaks
        self.quotations = quotations
    }

    /// Payload layout: low nibble = kind for capitalised words, high nibble = kind for others.
    /// Capital-only entries win over any-case entries for capitalised words, whatever the order.
    static func abbreviationTable(_ entries: [AbbreviationLexicon.Entry]) -> WordTable {
        var folded: [[UInt8]: UInt8] = [:]
        var order: [[UInt8]] = []
        func set(_ e: AbbreviationLexicon.Entry) {
            let key = Array(e.word.utf8).map(WordTable.fold)
            var payload = folded[key] ?? 0
            if payload == 0 && folded[key] == nil { order.append(key) }
            if e.capitalOnly {
                payload = (payload & 0xF0) | e.kind.rawValue
            } else {
                payload = e.kind.rawValue << 4 | e.kind.rawValue
            }
            folded[key] = payload
        }
        for e in entries where !e.capitalOnly { set(e) }
        for e in entries where e.capitalOnly { set(e) }
        return WordTable(order.map { ($0, folded[$0]!) })
    }

    /// Sentence spans (UTF-8 byte offsets) inside `range` of `text`: trimmed of white space,
    /// in order, never crossing `range` or a blank line inside it.
    public func split(_ text: UnsafeBufferPointer<UInt8>, in range: Span) -> [Span] {
        var out: [Span] = []
        split(text, in: range, into: &out)
        return out
    }

    /// Appends the sentence spans inside `range` to `spans` (no allocation for the result).
    public func split(_ text: UnsafeBufferPointer<UInt8>, in range: Span, into spans: inout [Span]) {
        guard let base = text.baseAddress else { return }
        let lo = max(0, min(range.start, text.count))
        let hi = max(lo, min(range.end, text.count))
        guard hi > lo else { return }
        var scanner = SentenceScanner(p: base, lo: lo, hi: hi, splitter: self, out: spans)
        spans = []
        scanner.run()
        spans = scanner.out
    }

    /// Appends the sentence spans of each range in `ranges` (paragraphs, in text order) to
    /// `spans`; no sentence crosses a range. Cheaper than one call per range.
    public func split(_ text: UnsafeBufferPointer<UInt8>, ranges: [Span], into spans: inout [Span]) {
        guard let base = text.baseAddress, !ranges.isEmpty else { return }
        var scanner = SentenceScanner(p: base, lo: 0, hi: 0, splitter: self, out: spans)
        spans = []
        for range in ranges {
            let lo = max(0, min(range.start, text.count))
            let hi = max(lo, min(range.end, text.count))
            guard hi > lo else { continue }
            scanner.reset(lo: lo, hi: hi)
            scanner.run()
        }
        spans = scanner.out
    }

    /// The bytes the searches for quotations' closing marks read while `text` is split
    /// (`quotations: whole`), for the tests that hold them linear in the text.
    func quotationSearchWork(_ text: [UInt8]) -> Int {
        text.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return 0 }
            var scanner = SentenceScanner(p: base, lo: 0, hi: b.count, splitter: self, out: [])
            scanner.run()
            return scanner.quotationSearched
        }
    }

    /// Sentence spans of a whole text (paragraphs separated by blank lines).
    public func split(_ text: [UInt8]) -> [Span] {
        text.withUnsafeBufferPointer { split($0, in: Span(0, $0.count)) }
    }

    /// The sentences of a string, as strings (for tests, tools and quick use).
    public func sentences(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return split(bytes).map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
    }
}
