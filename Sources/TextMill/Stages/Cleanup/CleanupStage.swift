#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `cleanup`: markup to text. HTML goes through libxml2's HTML parser and TextMill's own
/// main-content scorer (`mode: article`) or keeps all visible text (`mode: full`); metadata goes
/// into `meta`. Plain text loses the page residue of captured news pages (raw tags, player and
/// caption lines, "SEE ALSO:", author cards, wiki heading marks, …), through `TextEditor`.
/// XML files are split into records by the reader with this stage's `xml` options
/// (`XMLRecordReader`). See docs/cleanup.md.
public struct CleanupStage: Stage {
    public static let name = "cleanup"
    public static let summary = "HTML/XML to text (main content, metadata, encodings) and page residue removed from plain text"
    public static let options: [OptionSpec] = [
        OptionSpec("mode", .choice(["article", "full"]), default: "article",
                   "article keeps the main content; full keeps all visible text (markup stripping only)"),
        OptionSpec("metadata", .bool, default: true, "fill meta with title, byline, date, url, language, description, site_name"),
        OptionSpec("keep_headings", .bool, default: true, "keep headings inside the article"),
        OptionSpec("keep_lists", .bool, default: true, "keep list items inside the article"),
        OptionSpec("keep_tables", .bool, default: true, "keep tables inside the article (one line per row, cells joined by ' | ')"),
        OptionSpec("keep_quotes", .bool, default: true, "keep blockquotes inside the article"),
        OptionSpec("keep_captions", .bool, default: false, "keep figure captions and photo credits"),
        OptionSpec("drop_hidden", .bool, default: true, "skip elements marked hidden (hidden, aria-hidden, display:none)"),
        OptionSpec("drop_title", .bool, default: true, "drop the headline when the body repeats it (it is in meta.title)"),
        OptionSpec("max_link_density", .number(0...1), default: 0.5, "blocks with a larger share of link text are navigation"),
        OptionSpec("short_block", .int(0...10_000), default: 30, "blocks shorter than this many bytes count as page furniture when scoring"),
        OptionSpec("sibling_share", .number(0...1), default: 0.25,
                   "a sibling of the best container joins the article when it scores at least this share of it"),
        OptionSpec("hints", .stringList, default: [], "more class/id hints, 'WORD WEIGHT' each ('=word' for a whole token)"),
        OptionSpec("hints_file", .string, default: nil, "a file of class/id hints, one 'WORD WEIGHT' a line"),
        OptionSpec("boilerplate", .stringList, default: [], "more whole-paragraph boilerplate lines to drop ('Advertisement')"),
        OptionSpec("boilerplate_file", .string, default: nil, "a file of boilerplate lines, one a line"),
        OptionSpec("section_ends", .stringList, default: [],
                   "more labels that start comments or related stories in article mode ('line PHRASE' or 'prefix PHRASE')"),
        OptionSpec("section_ends_file", .string, default: nil, "a file of section-end labels, one 'line PHRASE' or 'prefix PHRASE' a line"),
        OptionSpec("residue", .bool, default: true, "remove page residue from plain text"),
        OptionSpec("residue_rules", .stringList, default: [], "more plain-text residue rules ('KIND PATTERN', see docs/cleanup.md)"),
        OptionSpec("residue_file", .string, default: nil, "a file of plain-text residue rules"),
        OptionSpec("xml", .group(XMLRecordSettings.options), default: nil,
                   "how .xml files become records: XPaths for the record and its fields, namespaces"),
    ]
    public static let traits = StageTraits(produces: [.meta, .paragraphs], text: .replacesMarkup, needsPlainText: false)

    /// The HTML path of this stage, for callers that clean pages directly.
    public let html: HTMLCleaner
    let residue: ResidueCleaner?
    let readMetadata: Bool
    /// Blocks repeated across pages of one site in this run (see `SiteTemplate`), when a
    /// pass over the run's pages learnt them; nil: each page is cleaned on its own.
    public var siteTemplate: SiteTemplate?

    public init(options: StageOptions) throws {
        var settings = ExtractionSettings()
        settings.articleOnly = options.string("mode") != "full"
        settings.keepHeadings = options.bool("keep_headings")
        settings.keepLists = options.bool("keep_lists")
        settings.keepTables = options.bool("keep_tables")
        settings.keepQuotes = options.bool("keep_quotes")
        settings.keepCaptions = options.bool("keep_captions")
        settings.dropHidden = options.bool("drop_hidden")
        settings.dropTitle = options.bool("drop_title")
        settings.maxLinkDensity = options.double("max_link_density")
        settings.shortBlock = options.int("short_block")
        settings.siblingShare = options.double("sibling_share")

        var hints = try ClassHints.parse(CleanupLexicon.hints, origin: "built-in hints")
        hints += try ClassHints.parse(options.strings("hints").joined(separator: "\n"), origin: "option 'hints'")
        if let path = options.string("hints_file") {
            hints += try ClassHints.parse(try Self.readFile(path, option: "hints_file", options), origin: MessageText.quoted(path))
        }
        settings.hints = ClassHints(hints)

        var lines = Self.lines(CleanupLexicon.boilerplate) + options.strings("boilerplate")
        if let path = options.string("boilerplate_file") {
            lines += Self.lines(try Self.readFile(path, option: "boilerplate_file", options))
        }
        let extractor = ContentExtractor(settings: settings)
        settings.boilerplateLines = Set(lines.map { extractor.normalizedKey(Array($0.utf8)) }.filter { !$0.isEmpty })
        var sectionEnds = try SectionEnds(parsing: CleanupLexicon.sectionEnds, origin: "built-in section ends")
        try sectionEnds.add(parsing: options.strings("section_ends").joined(separator: "\n"), origin: "option 'section_ends'")
        if let path = options.string("section_ends_file") {
            try sectionEnds.add(parsing: try Self.readFile(path, option: "section_ends_file", options), origin: MessageText.quoted(path))
        }
        settings.sectionEnds = sectionEnds
        settings.filingLines = try FilingLines(parsing: CleanupLexicon.filingLines, labels: CleanupLexicon.filingLabels, origin: "built-in filing lines")
        readMetadata = options.bool("metadata")
        html = HTMLCleaner(settings: settings, readMetadata: readMetadata)

        if options.bool("residue") {
            var rules = try ResidueRules.parse(ResidueLexicon.rules, origin: "built-in residue rules")
            rules += try ResidueRules.parse(options.strings("residue_rules").joined(separator: "\n"), origin: "option 'residue_rules'")
            if let path = options.string("residue_file") {
                rules += try ResidueRules.parse(try Self.readFile(path, option: "residue_file", options), origin: MessageText.quoted(path))
            }
            residue = ResidueCleaner(rules: rules)
        } else {
            residue = nil
        }
        try XMLRecordSettings(options: options.group("xml")).validate()
    }

    public func process(_ document: inout Document, _ context: inout StageContext) throws {
        switch document.content {
        case .html:
            let result = try html.clean(document.text, template: siteTemplate)
            document.text = result.text
            document.paragraphs = result.paragraphs
            document.blockquotes = result.blockquotes.isEmpty ? nil : result.blockquotes
            document.sentences = nil
            document.quotes = nil
            document.content = .plain
            for (key, value) in result.meta where document.meta[key] == nil {
                document.meta[key] = .string(value)
            }
            context.count("html documents")
            if document.scratch.removeValue(forKey: TextDecoding.charsetOverriddenKey) != nil { context.count("charset_overridden") }
            context.count("paragraphs", result.paragraphs.count)
            if result.titleTooLong { context.count("titles too long to match a headline") }
        case .plain:
            if let residue, let edit = residue.clean(document.text) {
                context.count("residue lines removed", edit.removed)
                document.apply(edit.edit)
            }
            document.paragraphs = Paragraphs.spans(in: document.text)
            if readMetadata && document.meta["title"] == nil, let title = CleanupStage.headline(document.text) {
                document.meta["title"] = .string(title)
            }
            context.count("text documents")
            context.count("paragraphs", document.paragraphs?.count ?? 0)
        }
    }

    /// The first line of a plain text when it reads like a headline: short, and not ending like
    /// a sentence or a clause ("China's Diplomatic Pressure Looms Over Case Against …").
    static func headline(_ text: [UInt8]) -> String? {
        // Past the blank lines before it: spaces, tabs and every line terminator, as
        // `Paragraphs.spans` skips them. Until session 35 only line feeds, carriage returns and
        // spaces: a text that began with a form feed (a page break), a vertical tab, NEL,
        // U+2028 or U+2029 had an empty first line, and no title.
        let start = text.withUnsafeBufferPointer { b -> Int in
            guard let p = b.baseAddress else { return 0 }
            var i = 0
            while i < b.count {
                let n = p[i] == 0x20 || p[i] == 0x09 ? 1 : LineTerminators.length(p, i, b.count)
                if n == 0 { break }
                i += n
            }
            return i
        }
        // Only a short first line can be a headline: look no further than 800 bytes.
        let limit = min(text.count, start + 800)
        // The line ends at its first line terminator: a line feed or a carriage return (a CRLF
        // text's title kept its "\r", and a text with CR-only line ends had no line end at all,
        // so a short one became its own title, every line of it), or a vertical tab, form feed,
        // NEL, U+2028 or U+2029 (`LineTerminators`), which ended no line until session 33:
        // a text whose lines end in U+2028 was its own title, and a first line "Officials met on
        // Tuesday." with a form feed after it a title.
        let found: Int? = text.withUnsafeBufferPointer { b in
            guard let p = b.baseAddress else { return nil }
            var i = start
            while i < limit {
                if LineTerminators.length(p, i, b.count) > 0 { return i }
                i += 1
            }
            return nil
        }
        guard let newline = found ?? (limit == text.count ? limit : nil) else { return nil }
        let quick = text.withUnsafeBufferPointer { quickHeadline(UnsafeBufferPointer(rebasing: $0[start..<newline])) }
        if let quick { return quick.isHeadline ? String(decoding: text[start + quick.trimmed.lowerBound..<start + quick.trimmed.upperBound], as: UTF8.self) : nil }
        return fullHeadline(text[start..<newline])
    }

    /// `headline`'s test on a line, by characters: the line trimmed of white space when it is one.
    static func fullHeadline(_ bytes: ArraySlice<UInt8>) -> String? {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard line.count >= 3, line.count <= 200, let last = line.last, !".,;:!?".contains(last),
              line.contains(where: { $0.isLetter }), line.first?.isUppercase == true || line.first?.isNumber == true else { return nil }
        return line
    }

    /// `headline`'s test on the bytes of a line, without making a `String`, where every
    /// character of the line is one Unicode scalar that the test can judge from its bytes:
    /// ASCII and the scalars of `HeadlineScalars` (Latin letters, general punctuation, currency
    /// signs; none white space, none joining the scalar before it). Then the line trimmed of
    /// spaces and tabs is the line trimmed of white space, and its scalars are its characters.
    /// The answer and the trimmed range (offsets into `line`); nil when the line needs the full
    /// test (another scalar, a non-ASCII first character, or no ASCII letter beside non-ASCII ones).
    static func quickHeadline(_ line: UnsafeBufferPointer<UInt8>) -> (isHeadline: Bool, trimmed: Range<Int>)? {
        var lo = 0, hi = line.count
        while lo < hi && (line[lo] == 0x20 || line[lo] == 0x09) { lo += 1 }
        while hi > lo && (line[hi - 1] == 0x20 || line[hi - 1] == 0x09) { hi -= 1 }
        guard lo < hi else { return (false, lo..<lo) }
        let first = line[lo]
        if first >= 0x80 {
            // A line that opens with a dash, a quotation mark, a bullet or an ellipsis
            // (U+2010–U+2027) starts with neither a capital nor a number: no headline.
            let (scalar, _) = UTF8Bytes.decode(line, at: lo)
            return scalar >= 0x2010 && scalar <= 0x2027 ? (false, lo..<hi) : nil
        }
        var scalars = 0
        var hasLetter = false
        var allASCII = true
        var i = lo
        while i < hi {
            let c = line[i]
            if c < 0x80 {
                hasLetter = hasLetter || (c | 0x20) &- 0x61 < 26
                scalars += 1
                i += 1
                continue
            }
            let (scalar, length) = UTF8Bytes.decode(line, at: i)
            guard HeadlineScalars.contains(scalar) else { return nil }
            allASCII = false
            scalars += 1
            i += length
        }
        let last = line[hi - 1]
        if scalars < 3 || scalars > 200 || (last < 0x80 && ".,;:!?".utf8.contains(last)) { return (false, lo..<hi) }
        // Only ASCII letters are judged here; a line without one is no headline if it is all ASCII.
        guard hasLetter else { return allASCII ? (false, lo..<hi) : nil }
        return ((first &- 0x41) < 26 || (first &- 0x30) < 10, lo..<hi)
    }

    /// Non-ASCII scalars that are a character of their own wherever they stand (no combining
    /// marks, joiners, prepended marks, Hangul or regional indicators) and are not white space
    /// for `trimmingCharacters(in: .whitespaces)`: what `quickHeadline` can judge from bytes.
    enum HeadlineScalars {
        static let ranges: [ClosedRange<UInt32>] = [
            0x00A1...0x00AC,   // Latin-1 signs (not the no-break space, not the soft hyphen)
            0x00AE...0x024F,   // Latin-1 letters, Latin Extended-A and -B
            0x2010...0x2027,   // dashes, curly quotes, bullets, ellipsis
            0x2030...0x205E,   // per mille, primes, guillemets, … (not the separators and spaces)
            0x20A0...0x20C0,   // currency signs
        ]

        @inline(__always)
        static func contains(_ s: UInt32) -> Bool {
            for r in ranges where r.contains(s) { return true }
            return false
        }
    }

    // MARK: Lexicon files

    /// One entry a line; blank lines and `#` comments dropped.
    static func lines(_ text: String) -> [String] {
        LexiconText.entries(text).map { String($0.text) }
    }

    /// Reads a lexicon file named by an option through `OptionFile` (checked: a regular file of sane size).
    static func readFile(_ path: String, option: String, _ options: StageOptions) throws -> String {
        try OptionFile.text(path, option: option, environment: options.environment)
    }
}
