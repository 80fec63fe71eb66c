/// The extent of a `<!DOCTYPE …>` declaration, and the HTML pages whose DOCTYPE libxml2 would
/// end too early.
///
/// A DOCTYPE ends at the first `>` that is outside its quoted literals, its internal subset
/// (`[ … ]`, brackets nested), and the comments and processing instructions inside that subset:
/// `<!DOCTYPE html [ <!ENTITY x "a > b"> <!-- ] > --> ]>` is one declaration. libxml2's XML
/// parser reads it so; its HTML parser (2.9) knows no internal subset and skips only to the first
/// `>`, so the rest of the declaration (`]>`, entity values, comments) became page text.
enum DoctypeDeclaration {
    /// The index after the `>` that ends the DOCTYPE whose keyword ends at `start` (just after
    /// `<!DOCTYPE`); nil when the bytes end first (a literal, subset or comment left open).
    static func end(_ b: [UInt8], from start: Int) -> Int? {
        var i = start
        var depth = 0
        let n = b.count
        while i < n {
            let c = b[i]
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                guard let close = b[(i + 1)...].firstIndex(of: c) else { return nil }
                i = close + 1
            case UInt8(ascii: "["):
                depth += 1
                i += 1
            case UInt8(ascii: "]") where depth > 0:
                depth -= 1
                i += 1
            case 0x3C where depth > 0 && UTF8Bytes.starts(b, i, "<!--"):
                guard let after = UTF8Bytes.after(b, "-->", from: i + 4) else { return nil }
                i = after
            case 0x3C where depth > 0 && UTF8Bytes.starts(b, i, "<?"):
                guard let after = UTF8Bytes.after(b, "?>", from: i + 2) else { return nil }
                i = after
            case UInt8(ascii: ">") where depth == 0:
                return i + 1
            default:
                i += 1
            }
        }
        return nil
    }

    /// The HTML page with every DOCTYPE that libxml2's HTML parser would end before its real end
    /// (a `>` inside its internal subset) rewritten as `<!DOCTYPE NAME   >`: everything after the
    /// name turned into spaces, line breaks kept, so libxml2 reads one declaration and the lines
    /// and columns of its later complaints stay right. Nil when no DOCTYPE needs it (almost every
    /// page: a look at the bytes of each `<!DOCTYPE` up to its first `>`).
    ///
    /// Only declarations where libxml2 would read one are rewritten: not the text of a comment,
    /// an attribute value, or a `script` or `style` element. Linear in the page: the declarations
    /// read do not overlap, and after one left open to the end of the page no other is read.
    static func blankingHTMLSubsets(_ b: [UInt8]) -> [UInt8]? {
        guard someDoctypeHoldsABracket(b) else { return nil }
        var out: [UInt8]?
        MarkupDeclarationWalk.forEach(b, rawText: ["script", "style"]) { lt in
            guard UTF8Bytes.startsCaseless(b, lt, "<!doctype") else { return UTF8Bytes.after(b, ">", from: lt + 2) }
            let (blank, next, openToTheEnd) = rewrite(b, at: lt)
            if let blank {
                if out == nil { out = b }
                for k in blank where b[k] != 0x0A { out![k] = 0x20 }
            }
            return openToTheEnd ? nil : next
        }
        return out
    }

    /// True when some `<!DOCTYPE` of the bytes (wherever it stands) has a `[` before its first `>`.
    private static func someDoctypeHoldsABracket(_ b: [UInt8]) -> Bool {
        var i = 0
        while i < b.count, let lt = b[i...].firstIndex(of: 0x3C) {
            i = lt + 1
            guard UTF8Bytes.startsCaseless(b, lt, "<!doctype") else { continue }
            let close = b[(lt + 9)...].firstIndex(of: UInt8(ascii: ">")) ?? b.count
            if b[(lt + 9)..<close].contains(UInt8(ascii: "[")) { return true }
            i = close
        }
        return false
    }

    /// For the DOCTYPE at `lt`: the bytes to blank (after its name, up to its closing `>`) when
    /// it opens an internal subset before its first `>` and libxml2 would end it at that `>`;
    /// where reading goes on (after its end as libxml2 will see it); and whether it is left open
    /// to the end of the page. A DOCTYPE without a subset is left to libxml2 (a quote left open,
    /// as in `PUBLIC "-//W3C//DTD HTML 4.01//EN>`, must not swallow the page), and so is one left
    /// open to the end of the page: libxml2 ends it at its first `>`, as a browser does.
    private static func rewrite(_ b: [UInt8], at lt: Int) -> (blank: Range<Int>?, next: Int, openToTheEnd: Bool) {
        let keyword = lt + 9
        let firstClose = b[keyword...].firstIndex(of: UInt8(ascii: ">")).map { $0 + 1 } ?? b.count
        guard opensASubset(b, from: keyword, before: firstClose) else { return (nil, firstClose, false) }
        // The subset opens before the first `>`, so the declaration ends there only if the
        // subset closes before it; otherwise it ends later, and reading goes on after it.
        guard let end = end(b, from: keyword) else { return (nil, firstClose, true) }
        guard end > firstClose else { return (nil, firstClose, false) }
        var name = keyword
        while name < end - 1 && isSpace(b[name]) { name += 1 }
        while name < end - 1 && !isSpace(b[name]) && !"[\"'>".utf8.contains(b[name]) { name += 1 }
        return (name..<(end - 1), end, false)
    }

    /// True when a `[` outside quoted literals opens a subset between `start` and `limit`.
    private static func opensASubset(_ b: [UInt8], from start: Int, before limit: Int) -> Bool {
        var quote: UInt8 = 0
        for c in b[start..<limit] {
            if quote != 0 { if c == quote { quote = 0 } }
            else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { quote = c }
            else if c == UInt8(ascii: "[") { return true }
        }
        return false
    }

    /// The index after the `>` that ends a tag whose name starts at `i`: a quoted attribute value
    /// (a quote after `=`) may hold `>`.
    static func tagEnd(_ b: [UInt8], from i: Int) -> Int {
        var j = i
        var lastNonSpace: UInt8 = 0
        while j < b.count && b[j] != 0x3E {
            let c = b[j]
            if (c == 0x22 || c == 0x27) && lastNonSpace == 0x3D {
                j = (b[(j + 1)...].firstIndex(of: c) ?? b.count) + 1
                lastNonSpace = c
                continue
            }
            if !isSpace(c) { lastNonSpace = c }
            j += 1
        }
        return min(j + 1, b.count)
    }

    /// True when the tag name at `i` is `name` (lower case), whole.
    static func nameIs(_ b: [UInt8], _ i: Int, _ name: StaticString) -> Bool {
        let m = name.utf8CodeUnitCount
        guard UTF8Bytes.startsCaseless(b, i, name) else { return false }
        return i + m == b.count || !(isLetter(b[i + m]) || (b[i + m] >= 0x30 && b[i + m] <= 0x39) || b[i + m] == 0x2D)
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C }
    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
}
