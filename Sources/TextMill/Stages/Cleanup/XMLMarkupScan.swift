internal import CLibXML2

/// Byte-level facts about an XML file that are needed before libxml2 parses it: where its
/// prolog (XML declaration, comments, processing instructions, DOCTYPE with its internal subset)
/// ends, which general entities it declares, and HTML entity names it uses without declaring.
///
/// Newswire and feed XML often uses HTML's named entities (`&copy;`, `&eacute;`, `&nbsp;`) that
/// XML does not know; libxml2 drops them. `withHTMLEntitiesAsReferences` turns each such name into
/// a numeric character reference first, so the character survives, and a name no one defines
/// (`&foo;`) into its own text (`&amp;foo;`), as a browser or feed reader shows it: libxml2 stops
/// at it in a file without an external DTD, and in recover mode then drops every later `&amp;`,
/// `&lt;` and `&gt;` of the file ("The ferry &amp;amp; the &lt;b&gt;" read as "The ferry amp;
/// the b"). Nothing inside comments, CDATA sections, processing instructions or the DOCTYPE is
/// touched.
enum XMLMarkupScan {
    /// The five entities every XML parser knows.
    static let predefined: Set<[UInt8]> = ["amp", "lt", "gt", "quot", "apos"].reduce(into: []) { $0.insert(Array($1.utf8)) }

    /// The end of the prolog: the index of the first byte after the XML declaration, leading
    /// white space, comments, processing instructions and the DOCTYPE (internal subset included).
    static func prologEnd(_ b: [UInt8]) -> Int {
        var i = 0
        while i < b.count {
            switch b[i] {
            case 0x20, 0x0A, 0x0D, 0x09:
                i += 1
            case 0xEF where i + 2 < b.count && b[i + 1] == 0xBB && b[i + 2] == 0xBF:
                i += 3
            case 0x3C where UTF8Bytes.starts(b, i, "<?"):
                i = end(of: b, from: i + 2, closer: "?>")
            case 0x3C where UTF8Bytes.starts(b, i, "<!--"):
                i = end(of: b, from: i + 4, closer: "-->")
            case 0x3C where UTF8Bytes.starts(b, i, "<!DOCTYPE"):
                i = DoctypeDeclaration.end(b, from: i + 9) ?? b.count
            default:
                return i
            }
        }
        return i
    }

    /// The general (not parameter) entity names declared in the prolog's internal subset.
    static func declaredEntities(_ b: [UInt8], prologEnd: Int) -> Set<[UInt8]> {
        var names: Set<[UInt8]> = []
        var i = 0
        let marker = Array("<!ENTITY".utf8)
        while let at = find(marker, in: b, from: i, before: prologEnd) {
            var j = at + marker.count
            while j < prologEnd && isSpace(b[j]) { j += 1 }
            if j < prologEnd && b[j] != UInt8(ascii: "%") {
                let start = j
                while j < prologEnd && !isSpace(b[j]) && b[j] != UInt8(ascii: ">") { j += 1 }
                names.insert(Array(b[start..<j]))
            }
            i = j
        }
        return names
    }

    /// The file with every `&name;` that is neither predefined nor declared, but is an HTML
    /// entity, written as `&#N;`, and every other undeclared one as its text, `&amp;name;` (not
    /// when the DOCTYPE names an external DTD or uses parameter entities, which may declare it:
    /// libxml2 then only warns and leaves it out); nil when there is nothing to change.
    static func withHTMLEntitiesAsReferences(_ b: [UInt8]) -> [UInt8]? {
        guard b.contains(UInt8(ascii: "&")) else { return nil }
        let prolog = prologEnd(b)
        let declared = declaredEntities(b, prologEnd: prolog)
        let unknownAsText = !mayDeclareElsewhere(b[..<prolog])
        var out: [UInt8] = []
        var copied = 0
        var i = prolog
        while i < b.count {
            let c = b[i]
            if c == 0x3C {
                if UTF8Bytes.starts(b, i, "<!--") { i = end(of: b, from: i + 4, closer: "-->"); continue }
                if UTF8Bytes.starts(b, i, "<![CDATA[") { i = end(of: b, from: i + 9, closer: "]]>"); continue }
                if UTF8Bytes.starts(b, i, "<?") { i = end(of: b, from: i + 2, closer: "?>"); continue }
                i += 1
                continue
            }
            guard c == 0x26 else { i += 1; continue }
            // `&name;` with an ASCII name of at most 32 bytes.
            var j = i + 1
            while j < b.count && j - i <= 33 && (isNameByte(b[j]) || isNamePunctuation(b[j])) { j += 1 }
            guard j > i + 1, j < b.count, b[j] == UInt8(ascii: ";"), isNameStart(b[i + 1]) else { i += 1; continue }
            let name = Array(b[(i + 1)..<j])
            if predefined.contains(name) || declared.contains(name) { i = j + 1; continue }
            let value = htmlEntityValue(name)
            guard value != nil || unknownAsText else { i = j + 1; continue }
            if out.isEmpty { out.reserveCapacity(b.count) }
            out.append(contentsOf: b[copied..<i])
            out.append(contentsOf: Array((value.map { "&#\($0);" } ?? "&amp;").utf8))
            if value == nil { out.append(contentsOf: name + [UInt8(ascii: ";")]) }
            i = j + 1
            copied = i
        }
        guard copied > 0 else { return nil }
        out.append(contentsOf: b[copied...])
        return out
    }

    /// True when the prolog's DOCTYPE names an external DTD (`SYSTEM`, `PUBLIC`) or its internal
    /// subset refers to a parameter entity (`%name;`): entities may be declared where this scan
    /// does not look.
    static func mayDeclareElsewhere(_ prolog: ArraySlice<UInt8>) -> Bool {
        let p = Array(prolog)
        guard let doctype = find(Array("<!DOCTYPE".utf8), in: p, from: 0, before: p.count) else { return false }
        let head = p[doctype...].prefix { $0 != UInt8(ascii: "[") && $0 != UInt8(ascii: ">") }
        let words = String(decoding: head, as: UTF8.self)
        if words.contains("SYSTEM") || words.contains("PUBLIC") { return true }
        var k = doctype
        while k + 1 < p.count {
            if p[k] == UInt8(ascii: "%") && isNameStart(p[k + 1]) { return true }
            k += 1
        }
        return false
    }

    /// The code point HTML gives a named entity, from libxml2's HTML entity table.
    static func htmlEntityValue(_ name: [UInt8]) -> UInt32? {
        let zeroTerminated = name + [0]
        return zeroTerminated.withUnsafeBufferPointer { p -> UInt32? in
            guard let entity = htmlEntityLookup(p.baseAddress) else { return nil }
            return entity.pointee.value
        }
    }

    // MARK: Scanning helpers

    private static func end(of b: [UInt8], from start: Int, closer: StaticString) -> Int {
        let c = Array(UnsafeBufferPointer(start: closer.utf8Start, count: closer.utf8CodeUnitCount))
        guard let at = find(c, in: b, from: start, before: b.count) else { return b.count }
        return at + c.count
    }

    private static func find(_ needle: [UInt8], in b: [UInt8], from start: Int, before limit: Int) -> Int? {
        UTF8Bytes.firstIndex(of: needle, in: b[..<min(limit, b.count)], from: start)
    }


    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }
    private static func isNameStart(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
    private static func isNameByte(_ c: UInt8) -> Bool { isNameStart(c) || (c >= 0x30 && c <= 0x39) }
    /// `-`, `.`, `_`, `:`: in XML names (`&my-entity;`), in no HTML entity name.
    private static func isNamePunctuation(_ c: UInt8) -> Bool { c == 0x2D || c == 0x2E || c == 0x5F || c == 0x3A }
}
