/// Bounds on what one tag may make libxml2 do, checked over the bytes before it parses them.
///
/// libxml2 (2.9) compares each attribute of a start tag with every attribute before it, and
/// looks for each element's namespace through every namespace declaration in scope: an element
/// of 20,000 attributes, or 8,000 declarations over 80,000 elements, takes time growing with the
/// square of the file (a 200 KB page of one such tag 1.3 s, 64 MB hours). Real pages and feeds
/// stay far below both limits (tens of attributes, a handful of declarations), so a file over
/// one fails alone, unread, with the reason.
struct MarkupTagLimits: Sendable {
    /// Most attributes one tag may hold.
    var attributesPerTag = 1_000
    /// Most namespace declarations (`xmlns`, `xmlns:p` attributes) in scope at once (XML only).
    var namespacesInScope = 1_000
    /// Most bytes of one file libxml2 is given: its parse calls take the length as a C `int`
    /// (2 GiB − 1). Past it the length was clamped, and the rest of the page dropped without a
    /// word; only reachable with `max_document_mb` over 2047. Tests lower it.
    var maxBytes = Int(Int32.max)

    static let standard = MarkupTagLimits()

    /// What went over a limit, and where (the byte offset of the tag).
    struct Excess: Sendable, Equatable {
        enum Kind: Sendable, Equatable { case attributes, namespaces }
        var kind: Kind
        var offset: Int
    }

    /// The first tag of `bytes` over a limit, or nil. `xml` counts namespace declarations in
    /// scope (opened by a start tag, closed by its end tag); HTML's `script` and `style`
    /// contents are skipped (they are text, not tags). One pass, no recursion.
    func firstExcess(in b: [UInt8], xml: Bool) -> Excess? {
        var declared: [Int] = []
        var inScope = 0
        var i = 0
        let n = b.count
        while i < n {
            guard let lt = b[i...].firstIndex(of: 0x3C) else { return nil }
            i = lt + 1
            if UTF8Bytes.starts(b, lt, "<!--") { i = UTF8Bytes.after(b, "-->", from: lt + 4) ?? b.count; continue }
            if UTF8Bytes.starts(b, lt, "<![CDATA[") { i = UTF8Bytes.after(b, "]]>", from: lt + 9) ?? b.count; continue }
            if UTF8Bytes.starts(b, lt, "<?") { i = UTF8Bytes.after(b, "?>", from: lt + 2) ?? b.count; continue }
            if UTF8Bytes.starts(b, lt, "<!") { i = UTF8Bytes.after(b, ">", from: lt + 2) ?? b.count; continue }
            let closing = UTF8Bytes.starts(b, lt, "</")
            let nameStart = closing ? lt + 2 : lt + 1
            guard nameStart < n, Self.isNameStart(b[nameStart]) else { continue }
            // Through the tag: attributes are names after white space, values in quotes skipped.
            var j = nameStart
            var attributes = 0, declarations = 0
            var afterSpace = false
            var lastNonSpace: UInt8 = 0
            while j < n && b[j] != 0x3E {
                let c = b[j]
                if (c == 0x22 || c == 0x27) && lastNonSpace == 0x3D {
                    // A quoted value (a quote elsewhere, as in HTML's <a href=x'y>, is a byte).
                    j = (b[(j + 1)...].firstIndex(of: c) ?? n) + 1
                    afterSpace = false
                    lastNonSpace = c
                    continue
                }
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                    afterSpace = true
                } else {
                    lastNonSpace = c
                    if afterSpace && c != 0x2F && c != 0x3D {
                        attributes += 1
                        if xml && UTF8Bytes.starts(b, j, "xmlns") && j + 5 < n && (b[j + 5] == 0x3D || b[j + 5] == 0x3A || b[j + 5] == 0x20) {
                            declarations += 1
                        }
                    }
                    afterSpace = false
                }
                j += 1
            }
            if attributes > attributesPerTag { return Excess(kind: .attributes, offset: lt) }
            let selfClosing = j > 0 && j <= n && b[j - 1] == 0x2F
            i = j + 1
            if closing {
                if xml, let d = declared.popLast() { inScope -= d }
                continue
            }
            if xml {
                if inScope + declarations > namespacesInScope { return Excess(kind: .namespaces, offset: lt) }
                if !selfClosing {
                    declared.append(declarations)
                    inScope += declarations
                }
            } else if UTF8Bytes.startsCaseless(b, nameStart, "script") || UTF8Bytes.startsCaseless(b, nameStart, "style") {
                let name: StaticString = (b[nameStart] | 0x20) == 0x73 && (b[nameStart + 1] | 0x20) == 0x63 ? "</script" : "</style"
                i = UTF8Bytes.after(b, name, from: i, caseless: true) ?? b.count
            }
        }
        return nil
    }

    /// Throws the file's error when a tag of `bytes` is over a limit (the reason, with the
    /// tag's line and column).
    func check(_ bytes: [UInt8], xml: Bool) throws(DocumentError) {
        if bytes.count > maxBytes { throw DocumentError(tooLarge(bytes.count, xml: xml)) }
        guard let excess = firstExcess(in: bytes, xml: xml) else { return }
        let (line, column) = UTF8Bytes.lineAndColumn(of: excess.offset, in: bytes)
        throw DocumentError(reason(excess) + " at line \(line), column \(column)", line: line, column: column)
    }

    /// The message of a file's error for markup of `bytes` bytes, over `maxBytes`.
    func tooLarge(_ bytes: Int, xml: Bool) -> String {
        "the \(xml ? "XML" : "HTML") is \(MessageText.size(bytes)), above the \(MessageText.size(maxBytes)) libxml2 can parse "
            + "(it takes a 32-bit length): refused unread; split the file into smaller ones"
    }

    /// The message of a file's error for `excess`.
    func reason(_ excess: Excess) -> String {
        switch excess.kind {
        case .attributes:
            return "a tag with more than \(attributesPerTag) attributes: refused unread (libxml2 compares every attribute of a tag with the others, so such a tag costs time growing with the square of its length)"
        case .namespaces:
            return "more than \(namespacesInScope) XML namespace declarations in scope at once: refused unread (libxml2 looks through all of them for every element)"
        }
    }



    private static func isNameStart(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == 0x5F || c >= 0x80 }
}
