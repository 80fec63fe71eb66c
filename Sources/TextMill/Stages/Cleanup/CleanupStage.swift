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
            hints += try ClassHints.parse(try Self.readFile(path, option: "hints_file", options), origin: path)
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
            try sectionEnds.add(parsing: try Self.readFile(path, option: "section_ends_file", options), origin: path)
        }
        settings.sectionEnds = sectionEnds
        readMetadata = options.bool("metadata")
        html = HTMLCleaner(settings: settings, readMetadata: readMetadata)

        if options.bool("residue") {
            var rules = try ResidueRules.parse(ResidueLexicon.rules, origin: "built-in residue rules")
            rules += try ResidueRules.parse(options.strings("residue_rules").joined(separator: "\n"), origin: "option 'residue_rules'")
            if let path = options.string("residue_file") {
                rules += try ResidueRules.parse(try Self.readFile(path, option: "residue_file", options), origin: path)
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
        var start = 0
        while start < text.count && (text[start] == 0x0A || text[start] == 0x0D || text[start] == 0x20) { start += 1 }
        // Only a short first line can be a headline: look no further than 800 bytes.
        let limit = min(text.count, start + 800)
        guard let newline = text[start..<limit].firstIndex(of: 0x0A) ?? (limit == text.count ? limit : nil) else { return nil }
        if let ascii = asciiHeadline(text[start..<newline]) { return ascii ? String(decoding: trimmedASCII(text[start..<newline]), as: UTF8.self) : nil }
        let line = String(decoding: text[start..<newline], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard line.count >= 3, line.count <= 200, let last = line.last, !".,;:!?".contains(last),
              line.contains(where: { $0.isLetter }), line.first?.isUppercase == true || line.first?.isNumber == true else { return nil }
        return line
    }

    /// `headline`'s test on a line of ASCII bytes, where a byte is a character and white space
    /// is a space or a tab: nil when the line is not all ASCII.
    static func asciiHeadline(_ line: ArraySlice<UInt8>) -> Bool? {
        guard line.allSatisfy({ $0 < 0x80 }) else { return nil }
        let t = trimmedASCII(line)
        guard t.count >= 3, t.count <= 200, let first = t.first, let last = t.last else { return false }
        let isLetter = { (c: UInt8) in (c | 0x20) &- 0x61 < 26 }
        return !".,;:!?".utf8.contains(last) && t.contains(where: isLetter)
            && ((first &- 0x41) < 26 || (first &- 0x30) < 10)
    }

    /// The line without the spaces and tabs at either end.
    static func trimmedASCII(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let isBlank = { (c: UInt8) in c == 0x20 || c == 0x09 }
        guard let first = line.firstIndex(where: { !isBlank($0) }), let last = line.lastIndex(where: { !isBlank($0) }) else { return [] }
        return line[first...last]
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
