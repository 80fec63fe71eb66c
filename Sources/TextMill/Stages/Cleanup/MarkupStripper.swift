/// The last way to get text out of HTML: the page's bytes with the markup taken out, without
/// libxml2's tree. Used only when every tree-based way gave nothing (libxml2 recovered a tree
/// that lost the text, e.g. after a stray end tag it put the body where the walker cannot see it).
///
/// Comments and the content of `script`, `style`, `template`, `noscript` and other elements that
/// are never text (`contentSkipped`) are dropped; every block-level tag and
/// `<br>` ends a paragraph; character references are decoded; white space collapses as a browser
/// renders it. One pass over the bytes, no recursion.
enum MarkupStripper {
    static func strip(_ html: [UInt8]) -> ExtractedText {
        var out = ExtractedText()
        var paragraph: [UInt8] = []
        var pendingSpace = false
        func endParagraph() {
            pendingSpace = false
            guard !paragraph.isEmpty else { return }
            if !out.text.isEmpty { out.text.append(contentsOf: [0x0A, 0x0A]) }
            let start = out.text.count
            out.text.append(contentsOf: paragraph)
            out.paragraphs.append(Span(start, out.text.count))
            paragraph.removeAll(keepingCapacity: true)
        }
        func appendCharacter(_ bytes: some Collection<UInt8>) {
            if pendingSpace && !paragraph.isEmpty { paragraph.append(0x20) }
            pendingSpace = false
            paragraph.append(contentsOf: bytes)
        }
        let n = html.count
        var i = 0
        while i < n {
            let c = html[i]
            if c == 0x3C {  // "<"
                if UTF8Bytes.starts(html, i, "<!--") {
                    i = UTF8Bytes.after(html, "-->", from: i + 4) ?? html.count
                    continue
                }
                let closing = i + 1 < n && html[i + 1] == 0x2F
                var nameEnd = i + (closing ? 2 : 1)
                let nameStart = nameEnd
                while nameEnd < n && isNameByte(html[nameEnd]) { nameEnd += 1 }
                guard nameEnd > nameStart || (i + 1 < n && (html[i + 1] == 0x21 || html[i + 1] == 0x3F)) else {
                    appendCharacter(CollectionOfOne(c))  // a "<" that starts no tag is text
                    i += 1
                    continue
                }
                let name = Array(html[nameStart..<nameEnd])
                let tag = name.withUnsafeBufferPointer { HTMLTag.lookup($0) }
                i = tagEnd(html, from: nameEnd)
                if !closing && skipsContent(name) {
                    // Skip to the matching end tag (or the end of the page).
                    i = UTF8Bytes.after(html, Array("</".utf8) + name.map(UTF8Bytes.asciiLower), from: i, caseless: true) ?? html.count
                    i = tagEnd(html, from: i)
                    continue
                }
                if tag.role == .block || tag.role == .lineBreak { endParagraph() }
                continue
            }
            if c == 0x26, let (scalar, next) = characterReference(html, i) {
                var bytes: [UInt8] = []
                if scalar == 0xA0 || scalar == 0x20 || scalar == 0x09 || scalar == 0x0A { pendingSpace = true }
                else { UTF8Bytes.append(scalar, to: &bytes); appendCharacter(bytes) }
                i = next
                continue
            }
            if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C {
                pendingSpace = true
                i += 1
                continue
            }
            if c < 0x20 { i += 1; continue }
            appendCharacter(CollectionOfOne(c))
            i += 1
        }
        endParagraph()
        return out
    }

    /// Elements whose content a reader never sees as text (code, styles, embedded documents,
    /// form values). Other never-text elements of the tree walk (`head`, `title`, `frameset`,
    /// `noframes`) are only tags here: an unclosed `<title>` or `<head>` swallows the page in
    /// libxml2's tree, and `<noframes>` holds a frameset page's text.
    private static func skipsContent(_ name: [UInt8]) -> Bool {
        name.count <= 10 && contentSkipped.contains(name.map { $0 | 0x20 })
    }

    private static let contentSkipped: Set<[UInt8]> = Set(["script", "style", "template", "noscript", "iframe", "svg", "math",
                                                           "textarea", "select", "object", "applet", "noembed", "canvas",
                                                           "video", "audio", "datalist"].map { Array($0.utf8) })

    /// `&name;`, `&#NNN;` or `&#xHH;` at `i`: the code point and the index after the reference.
    private static func characterReference(_ b: [UInt8], _ i: Int) -> (UInt32, Int)? {
        var j = i + 1
        let limit = min(b.count, i + 40)
        while j < limit && b[j] != 0x3B && (isNameByte(b[j]) || b[j] == 0x23) { j += 1 }
        guard j < limit, b[j] == 0x3B, j > i + 1 else { return nil }
        let body = Array(b[(i + 1)..<j])
        var value: UInt32?
        if body[0] == 0x23 {
            let hex = body.count > 1 && (body[1] | 0x20) == 0x78
            let digits = String(decoding: body.dropFirst(hex ? 2 : 1), as: UTF8.self)
            value = UInt32(digits, radix: hex ? 16 : 10)
            if let v = value, v >= 0x80 && v <= 0x9F { value = TextDecoding.cp1252Scalar(UInt8(v)) }
        } else {
            value = XMLMarkupScan.htmlEntityValue(body)
        }
        guard let v = value, v > 0, v <= 0x10FFFF, !(0xD800...0xDFFF).contains(v), let scalar = Unicode.Scalar(v) else { return nil }
        return (scalar.value, j + 1)
    }

    /// The index after the `>` that ends the tag whose name ends at `i` (quoted values may hold `>`).
    private static func tagEnd(_ b: [UInt8], from i: Int) -> Int {
        var j = i
        var quote: UInt8 = 0
        while j < b.count {
            let c = b[j]
            if quote != 0 { if c == quote { quote = 0 } }
            else if c == 0x22 || c == 0x27 { quote = c }
            else if c == 0x3E { return j + 1 }
            j += 1
        }
        return b.count
    }

    private static func isNameByte(_ c: UInt8) -> Bool {
        let l = c | 0x20
        return (l >= 0x61 && l <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x3A || c == 0x5F
    }
}
