internal import CLibXML2

/// How an XML file becomes records: the `xml` option group of `cleanup`.
///
/// With no `record` XPath, RSS 2.0 / RSS 1.0 items and Atom entries are records (title, link,
/// date, author, id, and the text from `content:encoded`, Atom `content`, or the description /
/// summary), and any other XML is one record of all its text. With `record`, every node it
/// selects is a record and the field XPaths are evaluated relative to it.
public struct XMLRecordSettings: Sendable {
    /// XPath selecting the record elements (nil: feeds automatically, else the whole document).
    public var record: String?
    public var id: String?
    public var title: String?
    public var date: String?
    public var url: String?
    public var author: String?
    /// XPath of the text; nil: all text of the record.
    public var text: String?
    /// `auto` (markup if it looks like HTML), `html` or `plain`.
    public var textFormat: String = "auto"
    /// Prefix → namespace URI for the XPaths (prefixes declared on the root are known already).
    public var namespaces: [String: String] = [:]
    /// Parse documents that are not well formed in recover mode (SGML-ish newswire) rather than
    /// rejecting them.
    public var recover = true

    /// The options of the `xml` group.
    public static let options: [OptionSpec] = [
        OptionSpec("record", .string, default: nil, "XPath of the record elements (default: RSS items / Atom entries, else the whole document)"),
        OptionSpec("id", .string, default: nil, "XPath of a record's own id, relative to the record"),
        OptionSpec("title", .string, default: nil, "XPath of the title, relative to the record"),
        OptionSpec("date", .string, default: nil, "XPath of the date, relative to the record"),
        OptionSpec("url", .string, default: nil, "XPath of the link, relative to the record"),
        OptionSpec("author", .string, default: nil, "XPath of the author, relative to the record"),
        OptionSpec("text", .string, default: nil, "XPath of the text, relative to the record (default: all text of the record)"),
        OptionSpec("text_format", .choice(["auto", "html", "plain"]), default: "auto",
                   "whether the text is HTML (cleaned by cleanup's HTML path) or plain; auto looks at it"),
        OptionSpec("namespaces", .stringMap, default: nil, "namespace prefixes for the XPaths: {prefix: uri}"),
        OptionSpec("recover", .bool, default: true, "read XML that is not well formed in recover mode instead of rejecting it"),
    ]

    /// The defaults: feeds automatically, other XML as one record.
    public init() {}

    /// Settings from the `xml` option group (as the `.xml` reader builds them). The `cleanup`
    /// stage checks the XPaths with `validate()` when the config is loaded.
    public init(options: StageOptions) {
        record = options.string("record")
        id = options.string("id")
        title = options.string("title")
        date = options.string("date")
        url = options.string("url")
        author = options.string("author")
        text = options.string("text")
        textFormat = options.string("text_format") ?? "auto"
        namespaces = options.stringMap("namespaces")
        recover = options["recover"]?.boolValue ?? true
    }

    /// Throws a `StageSetupError` naming the option for an XPath that does not compile.
    public func validate() throws {
        for (name, value) in [("record", record), ("id", id), ("title", title), ("date", date), ("url", url),
                              ("author", author), ("text", text)] {
            if let value, let problem = XPathContext.check(value) {
                throw StageSetupError("cleanup: xml.\(name): \(MessageText.quoted(value)) is \(problem)", option: "xml")
            }
        }
    }
}

/// One record read from an XML file.
public struct XMLRecord: Sendable {
    /// The record's text: HTML markup (`content == .html`) or plain text.
    public var text: [UInt8]
    public var content: ContentKind
    /// `title`, `url`, `date`, `byline`, `guid` where the record has them.
    public var meta: JSONObject

    public init(text: [UInt8], content: ContentKind, meta: JSONObject) {
        self.text = text
        self.content = content
        self.meta = meta
    }
}

/// Splits XML files into records (see `XMLRecordSettings`).
public enum XMLRecordReader {
    /// The records of one XML file (any encoding; decoded with `TextDecoding` first).
    /// Throws a `DocumentError` with libxml2's line and column when nothing usable comes out.
    public static func records(in bytes: [UInt8], settings: XMLRecordSettings) throws(DocumentError) -> [XMLRecord] {
        try read(bytes, settings: settings).records
    }

    /// The records of one XML file, and — when the file was not well formed and recover mode
    /// kept what it could — what was wrong and where (records after that point may be lost).
    ///
    /// `maxTextBytes` bounds the text entity references may add (see `EntityExpansion`); a file
    /// over it fails whole, before any text is read.
    public static func read(_ bytes: [UInt8], settings: XMLRecordSettings, maxTextBytes: Int = Int.max) throws(DocumentError) -> (records: [XMLRecord], recovered: DocumentError?) {
        var utf8 = TextDecoding.decodeXML(bytes)
        guard utf8.contains(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else {
            throw DocumentError("empty XML document")
        }
        if let rewritten = XMLMarkupScan.withHTMLEntitiesAsReferences(utf8) { utf8 = rewritten }
        try MarkupTagLimits.standard.check(utf8, xml: true)
        let limits = EntityExpansionLimits.standard
        func parse(_ bytes: [UInt8], recover: Bool) throws(DocumentError) -> (ParsedMarkup?, ParseDiagnostic?) {
            try checkedParse(bytes, recover: recover, limits: limits, maxTextBytes: maxTextBytes)
        }
        var (markup, error) = try parse(utf8, recover: false)
        let strictError = error
        var records: [XMLRecord] = []
        var recovered: DocumentError?
        // Records nested inside each other repeat their text: 20,000 nested <a> elements (240 KB)
        // under `record: //a` made 10,000 records of 250 MB of text (752 MB of output, 784 MB of
        // memory). Their text may add up to what the file's own text and entities can hold.
        let budget = limits.maxBytes(inputBytes: bytes.count) + bytes.count
        func usable(_ markup: ParsedMarkup, _ settings: XMLRecordSettings) throws(DocumentError) -> [XMLRecord] {
            try XMLRecordReader.usable(markup, settings, budget: budget, fileBytes: bytes.count)
        }
        if let markup, markup.wellFormed {
            records = try usable(markup, settings)
        } else if let wrapped = try parse(wrapInRoot(utf8), recover: false).0, wrapped.wellFormed {
            // Several top-level records and nothing else wrong: SGML-style newswire, read whole.
            records = try usable(wrapped, settings)
        } else {
            guard settings.recover else { throw notWellFormed(error) }
            recovered = notWellFormed(strictError)
            // Recover mode keeps what it can; SGML-style files with several top-level records
            // stop after the first one, so they are also read inside a wrapper element.
            (markup, error) = try parse(utf8, recover: true)
            records = try markup.map { m throws(DocumentError) in try usable(m, settings) } ?? []
            // A damaged feed keeps its items; only other files are tried as SGML-style records.
            let isFeed = markup?.root.map { ["rss", "RDF", "feed"].contains($0.localName) } ?? false
            if !isFeed, let wrapped = try parse(wrapInRoot(utf8), recover: true).0 {
                let more = try usable(wrapped, settings)
                if textBytes(more) > textBytes(records) { records = more }
            }
        }
        guard !records.isEmpty else {
            let e = strictError ?? error
            if markup == nil { throw notWellFormed(e) }
            var message = settings.record.map { "the XPath \(MessageText.quoted($0)) selected no record with text" } ?? "no text found in the XML"
            if let e { message += " (libxml2: \(e))" }
            throw DocumentError(message, line: e?.line, column: e?.column)
        }
        if let r = recovered {
            recovered = DocumentError(r.message + "; recover mode kept \(records.count) record\(records.count == 1 ? "" : "s") (in the output), anything after the damage may be lost (fix the file, or set cleanup's xml.recover: false to refuse such files)",
                                      line: r.line, column: r.column)
        }
        return (records, recovered)
    }

    private static func textBytes(_ records: [XMLRecord]) -> Int { records.reduce(0) { $0 + $1.text.count } }

    /// The records of a parsed file that have any text. Configured records whose text adds up
    /// to more than `budget` bytes fail the file (see `configured`).
    private static func usable(_ markup: ParsedMarkup, _ settings: XMLRecordSettings, budget: Int, fileBytes: Int) throws(DocumentError) -> [XMLRecord] {
        guard let root = markup.root else { return [] }
        let records: [XMLRecord]
        if let recordPath = settings.record {
            records = try configured(markup, recordPath, settings, budget: budget, fileBytes: fileBytes)
        } else if let feed = feedRecords(root, settings) {
            records = feed
        } else {
            records = wholeDocument(root, settings)
        }
        return records.filter { r in r.text.contains(where: { $0 > 0x20 }) }
    }

    /// The file with everything after its prolog (XML declaration, DOCTYPE with its internal
    /// subset, comments) inside one synthetic root element; the prolog stays, so entities the
    /// file declares are still known and no declaration can leak into the text.
    static func wrapInRoot(_ bytes: [UInt8]) -> [UInt8] {
        let start = XMLMarkupScan.prologEnd(bytes)
        return Array(bytes[..<start]) + Array("<textmill-records>".utf8) + bytes[start...] + Array("</textmill-records>".utf8)
    }

    /// Parses, then refuses the file when libxml2 found an entity loop or its entity references
    /// would expand past the limits (before anything reads the tree's text).
    private static func checkedParse(_ bytes: [UInt8], recover: Bool, limits: EntityExpansionLimits,
                                     maxTextBytes: Int) throws(DocumentError) -> (ParsedMarkup?, ParseDiagnostic?) {
        let (markup, error) = ParsedMarkup.xml(bytes, recover: recover)
        if let error, error.code == Int(XML_ERR_ENTITY_LOOP.rawValue) {
            throw DocumentError("XML entity expansion refused: libxml2 stopped at an entity loop or an expansion bomb (\(error)); the file is refused unread",
                                line: error.line, column: error.column)
        }
        if let markup {
            var bounded = limits
            bounded.floorBytes = min(bounded.floorBytes, maxTextBytes)
            try EntityExpansion.check(markup.doc, inputBytes: min(bytes.count, maxTextBytes / max(1, limits.amplification)), limits: bounded)
        }
        return (markup, error)
    }

    private static func notWellFormed(_ error: ParseDiagnostic?) -> DocumentError {
        guard let error else { return DocumentError("XML is not well formed") }
        return DocumentError("XML is not well formed: \(error)", line: error.line, column: error.column)
    }

    // MARK: Configured records

    /// The records `recordPath` selects. Their text may add up to `budget` bytes (the file's
    /// size and the text its entities may expand to): records nested inside one another, or a
    /// text XPath that reaches outside its record (`//p`), repeat text, and the file fails as
    /// soon as they pass it, before more is read.
    private static func configured(_ markup: ParsedMarkup, _ recordPath: String, _ settings: XMLRecordSettings,
                                   budget: Int, fileBytes: Int) throws(DocumentError) -> [XMLRecord] {
        guard let xpath = XPathContext(markup, namespaces: settings.namespaces) else { return [] }
        var total = 0
        var records: [XMLRecord] = []
        for node in xpath.nodes(recordPath) {
            var meta = JSONObject()
            func field(_ key: String, _ path: String?) {
                if let path, let v = PageMetadata.clean(xpath.string(path, from: node)) { meta[key] = .string(v) }
            }
            field("title", settings.title)
            field("byline", settings.author)
            field("date", settings.date)
            field("url", settings.url)
            field("guid", settings.id)
            let raw: String
            if let textPath = settings.text {
                let selected = xpath.nodes(textPath, from: node)
                raw = selected.isEmpty ? (xpath.string(textPath, from: node) ?? "") : selected.map { textOrMarkup($0) }.joined(separator: "\n\n")
            } else {
                raw = node.separatedTextContent
            }
            total += raw.utf8.count
            if total > budget {
                let text = settings.text.map { " (text XPath \(MessageText.quoted($0)))" } ?? ""
                throw DocumentError("the XPath \(MessageText.quoted(recordPath)) selects records whose text\(text) adds up to more than \(budget / 1_048_576) MB, more than a file of \(fileBytes) bytes holds with its entities: records nested inside one another, or a text XPath that reaches outside its record, repeat the same text. Refused after \(records.count) records; select records that do not contain one another")
            }
            records.append(record(raw, meta: meta, format: settings.textFormat))
        }
        return records
    }

    /// Text of a node, or its inner markup when it holds elements (XHTML inside the record).
    private static func textOrMarkup(_ node: xmlNodePtr) -> String {
        guard node.isElement else { return node.textContent }
        return node.elementChildren.isEmpty ? node.textContent : node.innerMarkup
    }

    private static func record(_ raw: String, meta: JSONObject, format: String) -> XMLRecord {
        let bytes = Array(raw.utf8)
        let html = format == "html" || (format == "auto" && looksLikeHTML(bytes))
        if html { return XMLRecord(text: bytes, content: .html, meta: meta) }
        return XMLRecord(text: plainParagraphs(bytes), content: .plain, meta: meta)
    }

    /// True when the text holds a tag (`<p`, `</`, `<br`, …) or an escaped entity of one.
    static func looksLikeHTML(_ b: [UInt8]) -> Bool {
        var i = 0
        while i + 1 < b.count {
            if b[i] == 0x3C {
                let c = b[i + 1] | 0x20
                if (c >= 0x61 && c <= 0x7A) || b[i + 1] == 0x2F || b[i + 1] == 0x21 { return true }
            }
            i += 1
        }
        return false
    }

    /// Plain text from XML: lines trimmed, runs of blank lines become one paragraph break.
    static func plainParagraphs(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var blankRun = 0
        var lineStart = true
        var pendingSpace = false
        for c in b {
            if c == 0x0A {
                if lineStart { blankRun += 1 } else { blankRun = 1 }
                lineStart = true
                pendingSpace = false
                continue
            }
            if c == 0x20 || c == 0x09 || c == 0x0D {
                if !lineStart { pendingSpace = true }
                continue
            }
            if lineStart && !out.isEmpty { out.append(contentsOf: blankRun >= 2 ? [0x0A, 0x0A] : [0x0A]) }
            if pendingSpace { out.append(0x20) }
            lineStart = false
            pendingSpace = false
            blankRun = 0
            out.append(c)
        }
        return out
    }

    // MARK: Feeds

    private static func feedRecords(_ root: xmlNodePtr, _ settings: XMLRecordSettings) -> [XMLRecord]? {
        switch root.localName {
        case "rss":
            guard let channel = root.firstChild(named: "channel") else { return [] }
            return channel.elementChildren.filter { $0.localName == "item" }.map { rssItem($0, settings) }
        case "RDF":
            return root.elementChildren.filter { $0.localName == "item" }.map { rssItem($0, settings) }
        case "feed":
            return root.elementChildren.filter { $0.localName == "entry" }.map { atomEntry($0, settings) }
        default:
            return nil
        }
    }

    private static func child(_ node: xmlNodePtr, _ name: String, namespace: String? = nil) -> xmlNodePtr? {
        node.elementChildren.first { $0.localName == name && (namespace == nil || $0.namespaceURI == namespace) }
    }

    private static func text(_ node: xmlNodePtr?) -> String? { node.flatMap { PageMetadata.clean($0.textContent) } }

    static let contentNS = "http://purl.org/rss/1.0/modules/content/"
    static let dcNS = "http://purl.org/dc/elements/1.1/"

    private static func rssItem(_ item: xmlNodePtr, _ settings: XMLRecordSettings) -> XMLRecord {
        var meta = JSONObject()
        if let v = child(item, "title").flatMap(FeedTitle.rss) { meta["title"] = .string(v) }
        if let v = text(child(item, "creator", namespace: dcNS)) ?? text(child(item, "author")) { meta["byline"] = .string(v) }
        if let v = text(child(item, "pubDate")) ?? text(child(item, "date", namespace: dcNS)) { meta["date"] = .string(v) }
        if let v = text(child(item, "link")) ?? item.attribute("about") { meta["url"] = .string(v) }
        if let v = text(child(item, "guid")) { meta["guid"] = .string(v) }
        let body = child(item, "encoded", namespace: contentNS) ?? child(item, "description")
        return record(body?.textContent ?? "", meta: meta, format: settings.textFormat)
    }

    private static func atomEntry(_ entry: xmlNodePtr, _ settings: XMLRecordSettings) -> XMLRecord {
        var meta = JSONObject()
        if let v = child(entry, "title").flatMap(FeedTitle.atom) { meta["title"] = .string(v) }
        if let author = child(entry, "author"), let v = text(child(author, "name")) ?? text(author) { meta["byline"] = .string(v) }
        if let v = text(child(entry, "published")) ?? text(child(entry, "updated")) { meta["date"] = .string(v) }
        let links = entry.elementChildren.filter { $0.localName == "link" }
        if let link = links.first(where: { ($0.attribute("rel") ?? "alternate") == "alternate" }) ?? links.first,
           let href = link.attribute("href") {
            meta["url"] = .string(href)
        }
        if let v = text(child(entry, "id")) { meta["guid"] = .string(v) }
        guard let body = child(entry, "content") ?? child(entry, "summary") else {
            return record("", meta: meta, format: settings.textFormat)
        }
        switch body.attribute("type") ?? "text" {
        case "xhtml": return record(body.innerMarkup, meta: meta, format: "html")
        case "html", "text/html": return record(body.textContent, meta: meta, format: settings.textFormat == "plain" ? "plain" : "html")
        default: return record(body.textContent, meta: meta, format: settings.textFormat == "html" ? "html" : "plain")
        }
    }

    // MARK: Any other XML

    private static func wholeDocument(_ root: xmlNodePtr, _ settings: XMLRecordSettings) -> [XMLRecord] {
        var meta = JSONObject()
        if let title = text(root.firstChild(named: "title") ?? root.firstChild(named: "headline") ?? root.firstChild(named: "HEADLINE")) {
            meta["title"] = .string(title)
        }
        return [record(root.separatedTextContent, meta: meta, format: settings.textFormat == "html" ? "html" : "plain")]
    }
}
