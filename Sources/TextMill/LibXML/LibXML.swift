internal import CLibXML2

/// The one place TextMill talks to libxml2 (2.9.x): initialisation, parsing from memory with
/// safe flags, and per-document error capture.
///
/// Rules this file keeps, because libxml2 breaks them silently otherwise:
/// - `xmlInitParser()` runs once, before the first parse, so documents can then be parsed on
///   several threads at once (each parse has its own context; nothing global is changed).
/// - Nothing is printed: `NOERROR | NOWARNING` drop the default handlers, and the last error of
///   each parse is read back from its own context.
/// - Never `XML_PARSE_NOENT` (entity substitution reads local files even with `NONET`), never
///   DTD loading; always `NONET`.
/// - HTML is always handed over as UTF-8 with `IGNORE_ENC`, so a `<meta charset>` cannot switch
///   the decoder half-way (TextDecoding has already produced valid UTF-8).
/// - `XML_PARSE_HUGE`: without it a page nested deeper than 256 elements loses everything after
///   that point. It also switches off libxml2's checks on entity expansion, so an XML file that
///   declares entities (`<!ENTITY`) is parsed without it; such files are measured by
///   `EntityExpansion` before any text is read (HTML has no entity declarations).
enum LibXML {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Makes sure libxml2 is initialised (cheap after the first call).
    static func initialize() {
        _ = initialized
    }

    /// Flags for the HTML parser.
    static let htmlOptions: Int32 = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue
        | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue
        | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_NODEFDTD.rawValue | XML_PARSE_HUGE.rawValue)

    /// Flags for the XML parser; `recover` adds `XML_PARSE_RECOVER` (SGML-ish newswire files);
    /// `huge` lifts libxml2's size and depth limits, and with them its entity-expansion checks.
    static func xmlOptions(recover: Bool, huge: Bool = true) -> Int32 {
        var flags = XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_COMPACT.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_IGNORE_ENC.rawValue
        if huge { flags |= XML_PARSE_HUGE.rawValue }
        if recover { flags |= XML_PARSE_RECOVER.rawValue }
        return Int32(flags)
    }

    /// True when the bytes may declare an entity (`<!ENTITY` anywhere), so libxml2's expansion
    /// checks must stay on. Deliberately not only the DOCTYPE as we read it: should libxml2 find
    /// a declaration where our reading does not, an attribute value could expand unchecked while
    /// parsing. The price: such a file nested deeper than 256 elements loses what is below.
    static func declaresEntities(_ bytes: [UInt8]) -> Bool {
        let marker: [UInt8] = Array("<!ENTITY".utf8)
        var i = 0
        while let at = bytes[i...].firstIndex(of: marker[0]) {
            if at + marker.count > bytes.count { return false }
            if bytes[at..<(at + marker.count)].elementsEqual(marker) { return true }
            i = at + 1
        }
        return false
    }
}

/// The last problem libxml2 reported while parsing one document.
struct ParseDiagnostic: Sendable, CustomStringConvertible {
    var message: String
    var line: Int
    var column: Int
    /// libxml2's error code (`xmlParserErrors`).
    var code: Int

    var description: String { "\(message) at line \(line), column \(column)" }

    init?(_ error: xmlError) {
        guard error.code != 0 else { return nil }
        var text = error.message.map { String(cString: $0) } ?? "parser error \(error.code)"
        while let last = text.last, last.isWhitespace { text.removeLast() }
        message = text
        line = Int(error.line)
        column = Int(error.int2)
        code = Int(error.code)
    }
}

/// A document parsed by libxml2. Owns the tree and frees it when released; never shared
/// between threads.
final class ParsedMarkup {
    let doc: xmlDocPtr
    /// The last error libxml2 recorded (recover mode keeps going after errors).
    let lastError: ParseDiagnostic?
    /// False when the XML parser found the document not well formed.
    let wellFormed: Bool

    init(doc: xmlDocPtr, lastError: ParseDiagnostic?, wellFormed: Bool) {
        self.doc = doc
        self.lastError = lastError
        self.wellFormed = wellFormed
    }

    deinit { xmlFreeDoc(doc) }

    /// The root element, if the document has one.
    var root: xmlNodePtr? { xmlDocGetRootElement(doc) }

    /// Parses HTML (valid UTF-8) in recover mode. Returns nil only when libxml2 built no tree at all.
    static func html(_ bytes: [UInt8]) -> ParsedMarkup? {
        LibXML.initialize()
        guard let ctxt = htmlNewParserCtxt() else { return nil }
        defer { htmlFreeParserCtxt(ctxt) }
        let doc: htmlDocPtr? = bytes.withUnsafeBufferPointer { b in
            // A length past Int32 is never clamped (that parsed the first 2 GiB alone, silently):
            // `MarkupTagLimits.check` refuses such a file first, with its reason.
            guard let base = b.baseAddress, b.count > 0, let length = Int32(exactly: b.count) else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: b.count) { p in
                htmlCtxtReadMemory(ctxt, p, length, nil, "UTF-8", LibXML.htmlOptions)
            }
        }
        guard let doc else { return nil }
        return ParsedMarkup(doc: doc, lastError: ParseDiagnostic(ctxt.pointee.lastError), wellFormed: true)
    }

    /// Parses XML; in recover mode a tree comes back even for documents that are not well formed.
    /// Returns the tree (or nil) and the last error.
    static func xml(_ bytes: [UInt8], recover: Bool) -> (ParsedMarkup?, ParseDiagnostic?) {
        LibXML.initialize()
        guard let ctxt = xmlNewParserCtxt() else { return (nil, nil) }
        defer { xmlFreeParserCtxt(ctxt) }
        let options = LibXML.xmlOptions(recover: recover, huge: !LibXML.declaresEntities(bytes))
        let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress, b.count > 0, let length = Int32(exactly: b.count) else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: b.count) { p in
                xmlCtxtReadMemory(ctxt, p, length, nil, "UTF-8", options)
            }
        }
        let error = ParseDiagnostic(ctxt.pointee.lastError)
        guard let doc else { return (nil, error) }
        return (ParsedMarkup(doc: doc, lastError: error, wellFormed: ctxt.pointee.wellFormed != 0), error)
    }
}
