internal import CLibXML2

/// Metadata of an HTML page, from `<title>`, `<meta>` (OpenGraph, `article:*`, Dublin Core,
/// Twitter), `<link rel=canonical>`, JSON-LD (`Article`, `NewsArticle`, `BlogPosting`, … also
/// inside `@graph`), `<time datetime>` and `<html lang>`. The first good source wins in the order
/// JSON-LD, meta tags, page elements.
struct PageMetadata: Equatable {
    var title: String?
    var byline: String?
    var date: String?
    var modified: String?
    var url: String?
    var language: String?
    var description: String?
    var siteName: String?
    /// The page's first `<h1>`, used to recognise the headline repeated in the body.
    var headline: String?
    /// The title the page gives in its head (JSON-LD, meta tags, `<title>`), never the first
    /// `<h1>`: a heading that repeats it is the article's headline, not only the page's first.
    var headTitle: String?
    /// The `<title>` element's text: a second title to find the headline by when the meta tags
    /// name only the site ("Official blog of …").
    var documentTitle: String?

    /// The fields in the order they go into `meta`.
    var fields: [(String, String)] {
        var out: [(String, String)] = []
        if let title { out.append(("title", title)) }
        if let byline { out.append(("byline", byline)) }
        if let date { out.append(("date", date)) }
        if let modified { out.append(("modified", modified)) }
        if let url { out.append(("url", url)) }
        if let language { out.append(("language", language)) }
        if let description { out.append(("description", description)) }
        if let siteName { out.append(("site_name", siteName)) }
        return out
    }

    /// Reads the metadata of a parsed page.
    static func read(_ markup: ParsedMarkup) -> PageMetadata {
        var reader = Reader()
        if let root = markup.root {
            if let lang = root.attribute("lang") ?? root.attribute("xml:lang") { reader.language = clean(lang) }
            reader.walk(root)
        }
        return reader.result()
    }

    /// Collapses white space and trims; nil when nothing is left.
    static func clean(_ s: String?) -> String? {
        guard let s else { return nil }
        var out = ""
        var space = false
        for ch in s.unicodeScalars {
            if isSpace(ch) {
                space = !out.isEmpty
            } else {
                if space { out.unicodeScalars.append(" "); space = false }
                out.unicodeScalars.append(ch)
            }
        }
        return out.isEmpty ? nil : out
    }

    /// White space or a no-break space. ASCII is decided without a Unicode property lookup (slow
    /// per scalar): its white space is tab to carriage return and the space.
    @inline(__always) private static func isSpace(_ ch: Unicode.Scalar) -> Bool {
        ch.value < 0x80 ? ch.value == 0x20 || (ch.value >= 0x09 && ch.value <= 0x0D) : ch.properties.isWhitespace || ch == "\u{00A0}"
    }

    private struct Reader {
        var meta: [String: String] = [:]
        var titleTag: String?
        var canonical: String?
        var language: String?
        var timeDatetime: String?
        var firstH1: String?
        var relAuthor: String?
        var ld = PageMetadata()

        /// Visits every element in document order, without recursion.
        mutating func walk(_ root: xmlNodePtr) {
            var node = root
            visit(node)
            walking: while true {
                if let child = node.pointee.children {
                    node = child
                } else {
                    while node == root || node.pointee.next == nil {
                        if node == root { break walking }
                        guard let parent = node.pointee.parent else { break walking }
                        node = parent
                    }
                    node = node.pointee.next!
                }
                if node.isElement { visit(node) }
            }
        }

        mutating func visit(_ node: xmlNodePtr) {
            let name = node.nameBytes
            switch name.count {
            case 2 where name[0] == 0x68 && name[1] == 0x31:  // h1
                if firstH1 == nil { firstH1 = PageMetadata.clean(node.textContent) }
            case 4:
                if equals(name, "meta") { readMeta(node) }
                else if equals(name, "link") { readLink(node) }
                else if equals(name, "time"), timeDatetime == nil, let d = node.attribute("datetime") { timeDatetime = PageMetadata.clean(d) }
            case 5:
                if equals(name, "title"), titleTag == nil, node.pointee.parent?.localName != "svg" {
                    titleTag = PageMetadata.clean(node.textContent)
                }
            case 6:
                if equals(name, "script"), let type = node.attribute("type"), type.lowercased().contains("ld+json") {
                    readJSONLD(node.textContent)
                }
            default: break
            }
            if name.count == 1 && name[0] == 0x61, relAuthor == nil, let rel = node.attribute("rel"),
               rel.lowercased().split(separator: " ").contains("author") {
                relAuthor = PageMetadata.clean(node.textContent)
            }
        }

        func equals(_ a: UnsafeBufferPointer<UInt8>, _ b: StaticString) -> Bool {
            a.count == b.utf8CodeUnitCount && (0..<a.count).allSatisfy { a[$0] | 0x20 == b.utf8Start[$0] }
        }

        mutating func readMeta(_ node: xmlNodePtr) {
            guard let content = node.attribute("content") else { return }
            for attr in ["property", "name", "itemprop", "http-equiv"] {
                if let key = Self.keyName(node.attribute(attr)), !key.isEmpty {
                    if meta[key] == nil, let v = PageMetadata.clean(content) { meta[key] = v }
                }
            }
        }

        /// A meta tag's name or a JSON-LD type, lower-cased, as a key to look up; "" for one
        /// longer than `keyMaximum` bytes, which no key read here is (lower-casing shrinks a
        /// string to a third at most). Swift hashes and compares a string by its canonical form,
        /// sorting a run of combining marks in time that grows with its square: a page naming
        /// a meta tag with 64,000 of them took 23 s.
        static func keyName(_ name: String?) -> String? {
            guard let name else { return nil }
            return name.utf8.count <= keyMaximum ? name.lowercased() : ""
        }

        /// The longest meta name or JSON-LD type kept as a key, in bytes.
        static let keyMaximum = 256

        mutating func readLink(_ node: xmlNodePtr) {
            guard let rel = node.attribute("rel")?.lowercased() else { return }
            if rel.split(separator: " ").contains("canonical"), canonical == nil { canonical = PageMetadata.clean(node.attribute("href")) }
        }

        mutating func readJSONLD(_ source: String) {
            guard let value = try? JSONParser.parse(source) else { return }
            visitLD(value, depth: 0)
        }

        static let articleTypes: Set<String> = ["article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                                                "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "scholarlyarticle",
                                                "techarticle", "liveblogposting", "socialmediaposting", "webpage", "report", "posting"]

        mutating func visitLD(_ value: JSONValue, depth: Int) {
            guard depth < 6 else { return }
            switch value {
            case .array(let items):
                for item in items { visitLD(item, depth: depth + 1) }
            case .object(let object):
                if let graph = object["@graph"] { visitLD(graph, depth: depth + 1) }
                let types: [String]
                switch object["@type"] {
                case .string(let s)?: types = Self.keyName(s).map { [$0] } ?? []
                case .array(let a)?: types = a.compactMap { Self.keyName($0.stringValue) }
                default: types = []
                }
                guard types.contains(where: { Self.articleTypes.contains($0) }) else { return }
                let isPage = types.allSatisfy { $0 == "webpage" }
                if !isPage || ld.title == nil {
                    if ld.title == nil { ld.title = PageMetadata.clean(object["headline"]?.stringValue ?? (isPage ? nil : object["name"]?.stringValue)) }
                }
                if isPage { return }
                if ld.byline == nil { ld.byline = Self.names(object["author"]) }
                if ld.date == nil { ld.date = PageMetadata.clean(object["datePublished"]?.stringValue ?? object["dateCreated"]?.stringValue) }
                if ld.modified == nil { ld.modified = PageMetadata.clean(object["dateModified"]?.stringValue) }
                if ld.description == nil { ld.description = PageMetadata.clean(object["description"]?.stringValue) }
                if ld.language == nil { ld.language = PageMetadata.clean(object["inLanguage"]?.stringValue) }
                if ld.url == nil {
                    if case .object(let page)? = object["mainEntityOfPage"] { ld.url = PageMetadata.clean(page["@id"]?.stringValue) }
                    else { ld.url = PageMetadata.clean(object["mainEntityOfPage"]?.stringValue ?? object["url"]?.stringValue) }
                }
                if ld.siteName == nil, case .object(let publisher)? = object["publisher"] { ld.siteName = PageMetadata.clean(publisher["name"]?.stringValue) }
            default:
                return
            }
        }

        /// "A, B and C" from a JSON-LD author (string, Person, or a list of them).
        static func names(_ value: JSONValue?) -> String? {
            var found: [String] = []
            func add(_ v: JSONValue) {
                switch v {
                case .string(let s): if let c = PageMetadata.clean(s) { found.append(c) }
                case .object(let o): if let s = o["name"]?.stringValue, let c = PageMetadata.clean(s) { found.append(c) }
                case .array(let a): a.forEach(add)
                default: break
                }
            }
            if let value { add(value) }
            // Each name once, by its bytes: a scan of the names kept for each, by Swift's
            // comparison of strings, took time growing with the square of the names (2 MB
            // of JSON-LD naming 40,000 authors took 7 s) and of a name's combining marks.
            var unique: [String] = []
            var seen = Set<[UInt8]>()
            for f in found where seen.insert(Array(f.utf8)).inserted { unique.append(f) }
            return unique.isEmpty ? nil : unique.joined(separator: ", ")
        }

        /// The first meta value among `keys`.
        func meta(_ keys: [String]) -> String? {
            for k in keys { if let v = meta[k] { return v } }
            return nil
        }

        func result() -> PageMetadata {
            var m = PageMetadata()
            m.headTitle = ld.title ?? meta(["og:title", "twitter:title", "dc.title"]) ?? titleTag
            m.title = m.headTitle ?? firstH1
            var byline = ld.byline ?? meta(["author", "dc.creator", "parsely-author"])
            if byline == nil, let a = meta["article:author"], !a.hasPrefix("http") { byline = a }
            if byline == nil, let b = meta["byl"] { byline = b.hasPrefix("By ") ? String(b.dropFirst(3)) : b }
            m.byline = byline ?? relAuthor
            m.date = ld.date ?? meta(["article:published_time", "og:article:published_time", "datepublished", "pubdate",
                                      "publishdate", "date", "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date"]) ?? timeDatetime
            m.modified = ld.modified ?? meta(["article:modified_time", "og:updated_time"])
            m.url = canonical ?? meta["og:url"] ?? ld.url
            m.language = language ?? ld.language ?? meta(["content-language", "og:locale", "dc.language"])
            m.description = meta(["description", "og:description"]) ?? ld.description ?? meta["twitter:description"]
            m.siteName = meta["og:site_name"] ?? ld.siteName ?? meta["application-name"]
            m.headline = firstH1
            m.documentTitle = titleTag
            return m
        }
    }
}
