internal import CLibXML2

/// The title of a feed entry as the plain text `meta.title` holds. An Atom title says what it
/// holds (RFC 4287): `type="html"` escaped HTML (`&lt;b&gt;Big&lt;/b&gt; news`) and
/// `type="xhtml"` XHTML elements, both read as text (character references decoded, tags dropped,
/// white space collapsed); `type="text"`, the default, is the text as it stands. An RSS title has
/// no type: its text is read as HTML when it holds a tag of HTML (`<b>`, `</em>`, `<br/>`: a
/// name of `htmlNames`), and as it stands otherwise, so `a < b` and `AT&T` keep their signs.
/// Before, the markup of an html title stayed in `meta.title` ("<b>Big</b> news").
enum FeedTitle {
    /// The title of an Atom entry's `title` element, nil when it holds no text.
    static func atom(_ node: xmlNodePtr) -> String? {
        switch node.attribute("type")?.lowercased() ?? "text" {
        case "html", "text/html": return htmlText(node.textContent)
        case "xhtml", "application/xhtml+xml": return htmlText(node.innerMarkup)
        default: return PageMetadata.clean(node.textContent)
        }
    }

    /// The title of an RSS item's `title` element, nil when it holds no text.
    static func rss(_ node: xmlNodePtr) -> String? {
        let text = node.textContent
        return holdsTag(Array(text.utf8)) ? htmlText(text) : PageMetadata.clean(text)
    }

    /// The text of an HTML fragment: tags dropped, character references decoded, white space
    /// collapsed (a block tag or `<br>` between words is a space).
    static func htmlText(_ html: String) -> String? {
        let text = MarkupStripper.strip(Array(html.utf8)).text
        return PageMetadata.clean(String(decoding: text, as: UTF8.self))
    }

    /// HTML elements found in the titles of feeds that put markup there; a `<` before any other
    /// name (`x<y`) is no tag of a title.
    static let htmlNames: Set<[UInt8]> = Set(["a", "abbr", "b", "big", "br", "cite", "code", "del", "div", "em", "font", "h1",
                                             "h2", "h3", "h4", "h5", "h6", "i", "img", "ins", "mark", "p", "q", "s", "small",
                                             "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "wbr"].map { Array($0.utf8) })

    /// Whether `b` holds a start or end tag of an element of `htmlNames`: `<`, maybe `/`, the name
    /// in any case, then `>`, `/` or white space.
    static func holdsTag(_ b: [UInt8]) -> Bool {
        var i = 0
        while i < b.count {
            guard b[i] == 0x3C else { i += 1; continue }
            var j = i + 1
            if j < b.count && b[j] == 0x2F { j += 1 }
            let start = j
            while j < b.count && j - start <= 6 && isNameByte(b[j]) { j += 1 }
            if j > start, j < b.count, endsName(b[j]), htmlNames.contains(b[start..<j].map { $0 | 0x20 }) { return true }
            i += 1
        }
        return false
    }

    private static func isNameByte(_ c: UInt8) -> Bool {
        let l = c | 0x20
        return (l >= 0x61 && l <= 0x7A) || (c >= 0x30 && c <= 0x39)
    }

    private static func endsName(_ c: UInt8) -> Bool { c == 0x3E || c == 0x2F || c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }
}
