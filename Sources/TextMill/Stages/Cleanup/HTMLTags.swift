/// What the content extractor needs to know about an HTML element name.
struct HTMLTag: Equatable, Sendable {
    enum Role: UInt8, Sendable {
        /// Text flows through (span, b, em, …), or the element is unknown.
        case inline
        /// Starts and ends a paragraph of output (p, div, li, h1, …).
        case block
        /// Never text: skipped with everything inside (script, style, template, noscript, …).
        case skip
        /// A line break: ends the current paragraph.
        case lineBreak
    }

    /// Elements the scorer treats specially.
    enum Kind: UInt8, Sendable {
        case other, paragraph, heading, listItem, list, quote, pre, cell, row, table
        case figure, caption, nav, aside, header, footer, article, main, section, form, link, body
        case address, time, division, head
    }

    var role: Role
    var kind: Kind
    /// 1…6 for headings.
    var level: UInt8 = 0

    static let inline = HTMLTag(role: .inline, kind: .other)

    /// The tag for an element name (lower-case ASCII, as libxml2's HTML parser gives it).
    @inline(__always)
    static func lookup(_ name: UnsafeBufferPointer<UInt8>) -> HTMLTag {
        guard name.count > 0 && name.count <= 10 else { return .inline }
        var key: UInt64 = 0
        for c in name { key = key << 8 | UInt64(c | 0x20) }
        return table[key] ?? .inline
    }

    static func key(_ s: String) -> UInt64 {
        var key: UInt64 = 0
        for c in s.utf8 { key = key << 8 | UInt64(c) }
        return key
    }

    static let table: [UInt64: HTMLTag] = {
        var t: [UInt64: HTMLTag] = [:]
        func set(_ names: [String], _ tag: HTMLTag) { for n in names { t[key(n)] = tag } }
        set(["script", "style", "template", "noscript", "iframe", "svg", "math", "canvas", "object", "embed",
             "video", "audio", "source", "track", "map", "title", "meta", "link", "input", "select",
             "option", "optgroup", "textarea", "button", "noembed", "noframes", "frameset", "frame", "dialog",
             "datalist", "output", "progress", "meter", "base", "area", "img", "picture", "applet", "param"],
            HTMLTag(role: .skip, kind: .other))
        set(["head"], HTMLTag(role: .skip, kind: .head))
        set(["br"], HTMLTag(role: .lineBreak, kind: .other))
        set(["hr", "center", "hgroup", "fieldset", "legend", "details", "summary", "menu", "dir", "html",
             "noindex", "marquee", "tbody", "thead", "tfoot", "colgroup", "col", "search"],
            HTMLTag(role: .block, kind: .other))
        set(["div"], HTMLTag(role: .block, kind: .division))
        set(["p"], HTMLTag(role: .block, kind: .paragraph))
        for level in 1...6 { t[key("h\(level)")] = HTMLTag(role: .block, kind: .heading, level: UInt8(level)) }
        set(["li", "dt", "dd"], HTMLTag(role: .block, kind: .listItem))
        set(["ul", "ol", "dl"], HTMLTag(role: .block, kind: .list))
        set(["blockquote"], HTMLTag(role: .block, kind: .quote))
        set(["pre"], HTMLTag(role: .block, kind: .pre))
        set(["td", "th"], HTMLTag(role: .block, kind: .cell))
        set(["tr"], HTMLTag(role: .block, kind: .row))
        set(["table"], HTMLTag(role: .block, kind: .table))
        set(["figure"], HTMLTag(role: .block, kind: .figure))
        set(["figcaption", "caption"], HTMLTag(role: .block, kind: .caption))
        set(["nav"], HTMLTag(role: .block, kind: .nav))
        set(["aside"], HTMLTag(role: .block, kind: .aside))
        set(["header"], HTMLTag(role: .block, kind: .header))
        set(["footer"], HTMLTag(role: .block, kind: .footer))
        set(["article"], HTMLTag(role: .block, kind: .article))
        set(["main"], HTMLTag(role: .block, kind: .main))
        set(["section"], HTMLTag(role: .block, kind: .section))
        set(["form"], HTMLTag(role: .block, kind: .form))
        set(["address"], HTMLTag(role: .block, kind: .address))
        set(["body"], HTMLTag(role: .block, kind: .body))
        set(["a"], HTMLTag(role: .inline, kind: .link))
        set(["time"], HTMLTag(role: .inline, kind: .time))
        return t
    }()
}
