/// Markup that starts with `<!` but is neither a comment (`<!--`) nor a DOCTYPE: a *bogus
/// comment* in HTML's own terms, which a browser hides up to the next `>`. Word's
/// downlevel-revealed conditionals (`<![if !supportLists]>1.<![endif]>`), a forum's markers
/// (`<!-Post: 63274-!>`), a template's `<!PARA2!>` and a stray `<![CDATA[…]]>` are such markup.
/// libxml2's HTML parser (2.9) keeps them as page text, so "if supportLists endif" was read
/// into the sentences around them.
enum BogusComments {
    /// The page with every bogus comment turned into spaces (line breaks kept, so the lines and
    /// columns of libxml2's later complaints stay right); nil when the page holds none (almost
    /// every page: a look at each `<!`).
    ///
    /// Only markup where libxml2 reads markup is blanked: not the text of a comment, an attribute
    /// value, or a `script`, `style`, `title`, `textarea` or `xmp` element (where `<!` is text or
    /// code). A bogus comment left open to the end of the page is left to libxml2. Linear in the page.
    static func blanked(_ b: [UInt8]) -> [UInt8]? {
        guard mayHoldOne(b) else { return nil }
        var out: [UInt8]?
        MarkupDeclarationWalk.forEach(b, rawText: ["script", "style", "title", "textarea", "xmp"]) { lt in
            guard let end = UTF8Bytes.after(b, ">", from: lt + 2) else { return nil }
            if !UTF8Bytes.startsCaseless(b, lt, "<!doctype") {
                if out == nil { out = b }
                for k in lt..<end where b[k] != 0x0A { out![k] = 0x20 }
            }
            return end
        }
        return out
    }

    /// True when some `<!` of the bytes (wherever it stands) opens neither a comment nor a DOCTYPE.
    private static func mayHoldOne(_ b: [UInt8]) -> Bool {
        var i = 0
        while i < b.count, let lt = b[i...].firstIndex(of: 0x3C) {
            i = lt + 1
            if UTF8Bytes.starts(b, lt, "<!") && !UTF8Bytes.starts(b, lt, "<!--") && !UTF8Bytes.startsCaseless(b, lt, "<!doctype") {
                return true
            }
        }
        return false
    }
}
