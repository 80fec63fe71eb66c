#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the bytes of a markup file into valid UTF-8, the way a browser would pick the encoding.
///
/// Order: a byte-order mark wins; then the charset the document declares (`<meta charset>`,
/// `<meta http-equiv="Content-Type" content="…; charset=…">`, or the XML declaration's
/// `encoding`: a page's `<meta>` before it, an XML file's declaration before a `<meta>`), looked
/// for in the page's head, up to its `<body>`, within 64 KiB; else UTF-8, where every byte that is not part of
/// a valid UTF-8 sequence is read as cp1252 (the usual stray byte in a UTF-8 page). Labels follow
/// the WHATWG Encoding Standard: `iso-8859-1`, `latin1` and `us-ascii` mean windows-1252, and a
/// page that declares UTF-16 without a BOM is read as UTF-8 (the declaration was read in ASCII),
/// but an XML file without one that opens with "<?" in UTF-16 is UTF-16 (XML 1.0, appendix F).
/// UTF-16 named by the protocol (HTTP's `Content-Type`) comes before the page's declaration and
/// is obeyed, as a browser obeys it, for a body that holds NUL bytes or is not valid UTF-8. A declaration of an encoding that
/// does not read ASCII as ASCII (UTF-32, UCS-4, EBCDIC: the declaration itself was read in
/// ASCII, so it is not the page's) is ignored, as is a label iconv does not know. A page that declares any other
/// charset (windows-1252, windows-1251, Shift_JIS, …) but is valid UTF-8 with multi-byte
/// sequences is read as UTF-8 (`Source.overridden`, counted as `charset_overridden` by
/// `cleanup`): a common mislabelling, and no real text in those charsets is valid UTF-8.
/// Otherwise those charsets go through the C library's iconv, invalid sequences becoming U+FFFD.
///
/// The result never has a BOM, NUL bytes or C0 control characters other than tab, line feed,
/// carriage return and form feed, and it is always valid UTF-8: libxml2 is then always handed
/// UTF-8 and told to ignore the declaration (libxml2 2.9 switches to ISO-8859-1 silently after
/// one bad byte and lets a `<meta>` override a BOM).
public enum TextDecoding {
    /// How the bytes were read (for tests and statistics).
    public enum Source: Equatable, Sendable {
        case byteOrderMark(String)
        case declared(String)
        case utf8
        case utf8WithCP1252Fallback
        /// The page declared this charset, but its bytes are valid UTF-8 and were read as UTF-8.
        case overridden(String)
        /// An XML file without a byte-order mark whose first bytes are "<?" in UTF-16 of this
        /// byte order (`xmlUTF16ByteOrder`).
        case xmlUTF16Signature(String)
    }

    /// Set in `Document.scratch` of an HTML document whose declared charset was overridden
    /// (`Source.overridden`); `cleanup` counts it as `charset_overridden`.
    public static let charsetOverriddenKey = "charset_overridden"

    /// Decodes HTML bytes to valid UTF-8.
    public static func decodeHTML(_ bytes: [UInt8]) -> [UInt8] {
        decode(bytes).text
    }

    /// Decodes XML bytes to valid UTF-8 (the XML declaration's encoding before a `<meta>`).
    public static func decodeXML(_ bytes: [UInt8]) -> [UInt8] {
        decode(bytes, xml: true).text
    }

    /// Decodes and also says which encoding was used. `transportCharset` is the charset a
    /// protocol names (HTTP's `Content-Type`), used when the document declares none; `markup`
    /// false skips looking for a declaration (plain text); `xml` true reads the bytes as an XML
    /// file, whose XML declaration comes before a `<meta>` (`declaredCharset`).
    public static func decode(_ bytes: [UInt8], transportCharset: String? = nil, markup: Bool = true, xml: Bool = false) -> (text: [UInt8], source: Source) {
        // 1. Byte-order marks.
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            return (utf8WithFallback(bytes[3...]).text, .byteOrderMark("UTF-8"))
        }
        if bytes.count >= 4 && bytes[0] == 0xFF && bytes[1] == 0xFE && bytes[2] == 0 && bytes[3] == 0 {
            return (cleanControls(utf32(bytes[4...], bigEndian: false)), .byteOrderMark("UTF-32LE"))
        }
        if bytes.count >= 4 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 0xFE && bytes[3] == 0xFF {
            return (cleanControls(utf32(bytes[4...], bigEndian: true)), .byteOrderMark("UTF-32BE"))
        }
        if bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE {
            return (cleanControls(utf16(bytes[2...], bigEndian: false)), .byteOrderMark("UTF-16LE"))
        }
        if bytes.count >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF {
            return (cleanControls(utf16(bytes[2...], bigEndian: true)), .byteOrderMark("UTF-16BE"))
        }
        // An XML file without a mark that opens with "<?" in UTF-16 is UTF-16 (XML 1.0, appendix
        // F, as libxml2 and expat read it): its declaration, read in ASCII, names nothing. Such
        // a feed failed as "a binary file (a NUL byte at byte 1)".
        if xml, let bigEndian = xmlUTF16ByteOrder(bytes) {
            return (cleanControls(utf16(bytes[...], bigEndian: bigEndian)), .xmlUTF16Signature(bigEndian ? "UTF-16BE" : "UTF-16LE"))
        }
        // 2. UTF-16 named by the protocol (HTTP's `Content-Type: …; charset=utf-16le`) for a body
        // without a mark: a browser obeys the transport's label, and read as UTF-8 such a page
        // came out as "h t m l > < h e a d >" soup under exit 0. A body that holds no NUL byte
        // and is valid UTF-8 is not UTF-16 whatever the label says (a lie, read as UTF-8 below).
        if let transportCharset, let labelBigEndian = Charset.utf16BigEndian(label: transportCharset),
           let bigEndian = utf16ByteOrder(bytes, labelBigEndian: labelBigEndian) {
            return (cleanControls(utf16(bytes[...], bigEndian: bigEndian)), .declared(bigEndian ? "UTF-16BE" : "UTF-16LE"))
        }
        // 3. The declared charset. A declaration read in ASCII names an encoding that reads ASCII
        // as ASCII, or it is not the page's: one that does not (UTF-32, UCS-4, EBCDIC) is ignored,
        // as a browser ignores a label it does not know (none of these is a WHATWG label, so the
        // same goes for HTTP's). Obeyed, an ASCII page came out as U+FFFD soup, under exit 0.
        let declared = markup ? declaredCharset(bytes, xml: xml) : nil
        if let label = [declared, transportCharset].lazy.compactMap({ $0 }).first(where: { Charset(label: $0).readsASCIIAsASCII }) {
            switch Charset(label: label) {
            case .utf8:
                let (text, clean) = utf8WithFallback(bytes[...])
                return (text, clean ? .declared("UTF-8") : .utf8WithCP1252Fallback)
            case .windows1252:
                if hasMultibyteUTF8(bytes) {
                    return (utf8WithFallback(bytes[...]).text, .overridden("windows-1252"))
                }
                return (cleanControls(cp1252(bytes[...])), .declared("windows-1252"))
            case .other(let name):
                if hasMultibyteUTF8(bytes) {
                    return (utf8WithFallback(bytes[...]).text, .overridden(name))
                }
                if let text = iconvDecode(bytes, from: name) {
                    return (cleanControls(text), .declared(name))
                }
            }
        }
        // 4. UTF-8, with cp1252 for bytes that do not fit.
        let (text, clean) = utf8WithFallback(bytes[...])
        return (text, clean ? .utf8 : .utf8WithCP1252Fallback)
    }

    // MARK: Declarations

    enum Charset: Equatable {
        case utf8, windows1252
        case other(String)

        init(label raw: String) {
            let label = raw.lowercased().filter { !$0.isWhitespace }
            switch label {
            case "utf-8", "utf8", "unicode-1-1-utf-8", "utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2", "x-user-defined":
                self = .utf8
            case "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252", "x-cp1252",
                 "iso_8859-1", "iso-ir-100", "cp819", "ibm819", "csisolatin1", "ansi_x3.4-1968":
                self = .windows1252
            default:
                self = .other(label)
            }
        }

        /// Whether bytes 0x20…0x7E read as ASCII in this encoding (iconv's reading of a probe of
        /// ASCII markup is the probe itself): false for UTF-32, UCS-4, EBCDIC and charsets iconv
        /// does not know.
        var readsASCIIAsASCII: Bool {
            switch self {
            case .utf8, .windows1252: return true
            case .other(let name): return TextDecoding.iconvDecode(Charset.asciiProbe, from: name) == Charset.asciiProbe
            }
        }

        /// For a UTF-16 label, whether it names big-endian UTF-16 (`utf-16be`) or not (`utf-16`,
        /// `utf-16le`, `unicode`, `ucs-2`: little-endian, as the WHATWG Encoding Standard reads
        /// them); nil for any other label.
        static func utf16BigEndian(label raw: String) -> Bool? {
            switch raw.lowercased().filter({ !$0.isWhitespace }) {
            case "utf-16be", "unicodefffe": return true
            case "utf-16", "utf-16le", "unicode", "ucs-2", "csunicode", "iso-10646-ucs-2", "unicodefeff": return false
            default: return nil
            }
        }

        /// ASCII a declaration is written in: markup, a charset label, letters and digits; and
        /// the plus sign and ampersand of prose and entities, which UTF-7 ("+" opens a run of
        /// base64) and UTF-7-IMAP ("&") read as something else. No browser knows UTF-7: obeyed,
        /// an ASCII page declaring it lost every word after its first "C++" to CJK soup under
        /// exit 0, and its "+ADw-b+AD4-" became markup.
        static let asciiProbe = Array("<meta charset=\"x-Label_1.0:\"> <?xml encoding='A'?> azAZ09 C++ 1+1=2 AT&T &amp;".utf8)
    }

    /// The most bytes at the start of a document looked through for its declaration: the head of
    /// a page, up to its `<body>`, within 64 KiB. The HTML standard's prescan reads 1,024 bytes,
    /// browsers in practice further (a `<meta charset>` after a head of scripts and styles is
    /// obeyed); TextMill's reach was 4 KiB, and a page with a long head was read as UTF-8 with
    /// its Latin-1 or windows-1251 letters as other letters.
    static let declarationReach = 65_536

    /// The charset a BOM-less document names, or nil: for an HTML page (`xml` false) its
    /// `<meta charset>` or `http-equiv` in its head, else its XML declaration; for an XML file
    /// its XML declaration, else a `<meta>` (XHTML). A browser ignores the XML declaration of a
    /// page it reads as HTML, so the page's `<meta>` wins over it (the declaration had won: an
    /// XHTML template's `encoding="iso-8859-1"` over a page whose `<meta>` says windows-1251 made
    /// its Cyrillic Latin-1 soup); one that is the page's only declaration is still obeyed.
    /// Looked for within `declarationReach` bytes.
    static func declaredCharset(_ bytes: [UInt8], xml: Bool = false) -> String? {
        let head = bytes[0..<min(bytes.count, declarationReach)]
        let declaration = xmlDeclaredCharset(head)
        if xml, let declaration { return declaration }
        return metaCharset(head) ?? declaration
    }

    /// The `encoding` of an XML declaration at the very start: `<?xml version="1.0" encoding="…"?>`.
    private static func xmlDeclaredCharset(_ head: ArraySlice<UInt8>) -> String? {
        guard head.starts(with: Array("<?xml".utf8)), let end = UTF8Bytes.firstIndex(of: Array("?>".utf8), in: head, from: head.startIndex) else { return nil }
        return attributeValue(named: "encoding", in: head[head.startIndex..<end])
    }

    /// `<meta charset=…>` or `<meta http-equiv=… content="text/html; charset=…">` before the
    /// page's `<body>`, outside comments: as a browser's prescan, a declaration inside
    /// `<!-- … -->` is not the page's (`<!-- <meta charset="utf-8"> -->` left in an old template
    /// over a windows-1251 page made its Cyrillic Latin-1 soup; one left unclosed hides the rest
    /// of the head).
    private static func metaCharset(_ head: ArraySlice<UInt8>) -> String? {
        let limit = head.endIndex
        let meta = Array("<meta".utf8), commentOpen = Array("<!--".utf8), commentClose = Array("-->".utf8), body = Array("<body".utf8)
        var i = head.startIndex
        while let lt = head[i...].firstIndex(of: UInt8(ascii: "<")) {
            if head[lt...].starts(with: commentOpen) {
                // The comment ends at the first "-->" whose ">" comes after its "<" ("<!-->" too).
                guard let close = UTF8Bytes.firstIndex(of: commentClose, in: head, from: lt + 2) else { return nil }
                i = close + commentClose.count
                continue
            }
            // The head ends at `<body` (then white space, `>` or `/`): the body's text is no declaration.
            if lt + body.count < limit, firstIndexCaseless(of: body, in: head[lt..<(lt + body.count)], from: lt) == lt,
               [0x20, 0x09, 0x0A, 0x0D, 0x0C, 0x3E, 0x2F].contains(head[lt + body.count]) {
                return nil
            }
            guard firstIndexCaseless(of: meta, in: head[lt..<min(limit, lt + meta.count)], from: lt) == lt else {
                i = lt + 1
                continue
            }
            let m = lt
            let end = head[m...].firstIndex(of: UInt8(ascii: ">")) ?? limit
            let tag = head[m..<end]
            if let c = firstIndexCaseless(of: Array("charset".utf8), in: tag, from: m) {
                var j = c + 7
                while j < end && (head[j] == 0x20 || head[j] == 0x09) { j += 1 }
                if j < end && head[j] == UInt8(ascii: "=") {
                    j += 1
                    while j < end && (head[j] == 0x20 || head[j] == 0x09 || head[j] == 0x22 || head[j] == 0x27) { j += 1 }
                    var k = j
                    while k < end, isLabelByte(head[k]) { k += 1 }
                    if k > j { return String(decoding: head[j..<k], as: UTF8.self) }
                }
            }
            i = end
        }
        return nil
    }

    private static func isLabelByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == 0x2D || c == 0x5F || c == 0x2E || c == 0x3A
    }

    private static func attributeValue(named name: String, in tag: ArraySlice<UInt8>) -> String? {
        guard let at = firstIndexCaseless(of: Array(name.utf8), in: tag, from: tag.startIndex) else { return nil }
        var j = at + name.utf8.count
        while j < tag.endIndex && (tag[j] == 0x20 || tag[j] == 0x3D) { j += 1 }
        guard j < tag.endIndex, tag[j] == 0x22 || tag[j] == 0x27 else { return nil }
        let quote = tag[j]
        let start = j + 1
        guard let close = tag[start...].firstIndex(of: quote) else { return nil }
        return String(decoding: tag[start..<close], as: UTF8.self)
    }


    private static func firstIndexCaseless(of needle: [UInt8], in hay: ArraySlice<UInt8>, from: Int) -> Int? {
        var i = max(from, hay.startIndex)
        while i + needle.count <= hay.endIndex {
            var k = 0
            while k < needle.count && (hay[i + k] | 0x20) == needle[k] { k += 1 }
            if k == needle.count { return i }
            i += 1
        }
        return nil
    }

    // MARK: Decoders

    /// The byte order of an XML file in UTF-16 without a byte-order mark, told by its first
    /// four bytes, "<?" in UTF-16 (XML 1.0, appendix F: `3C 00 3F 00` little-endian, `00 3C 00
    /// 3F` big-endian); nil for any other start.
    static func xmlUTF16ByteOrder(_ bytes: [UInt8]) -> Bool? {
        guard bytes.count >= 4 else { return nil }
        if bytes[0] == 0x3C && bytes[1] == 0 && bytes[2] == 0x3F && bytes[3] == 0 { return false }
        if bytes[0] == 0 && bytes[1] == 0x3C && bytes[2] == 0 && bytes[3] == 0x3F { return true }
        return nil
    }

    /// The byte order to read `bytes` in as UTF-16 when a label names UTF-16 (nil: they are not
    /// UTF-16): they must hold a NUL byte (markup, spaces and line breaks in UTF-16 are half NUL
    /// bytes) or not be valid UTF-8. The NUL bytes' side in the first 4 KiB picks the order (the
    /// high byte of ASCII comes second in little-endian), else the label's.
    static func utf16ByteOrder(_ bytes: [UInt8], labelBigEndian: Bool) -> Bool? {
        guard bytes.count >= 2 else { return nil }
        let (even, odd) = nulBytesBySide(bytes)
        if even + odd == 0 {
            let valid = bytes.withUnsafeBufferPointer { UTF8Bytes.firstInvalidOffset($0) == nil }
            if valid && !bytes.contains(0) { return nil }
            return labelBigEndian
        }
        return even == odd ? labelBigEndian : even > odd
    }

    /// The NUL bytes of the first 4 KiB at even and at odd offsets: in UTF-16 text that is mostly
    /// ASCII they stand on one side, the high byte of each character (odd offsets in
    /// little-endian).
    static func nulBytesBySide(_ bytes: [UInt8]) -> (even: Int, odd: Int) {
        var even = 0, odd = 0
        for (i, b) in bytes.prefix(4096).enumerated() where b == 0 {
            if i % 2 == 0 { even += 1 } else { odd += 1 }
        }
        return (even, odd)
    }

    /// True when the bytes are valid UTF-8 and contain at least one multi-byte sequence.
    static func hasMultibyteUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            !UTF8Bytes.isASCII(b) && UTF8Bytes.firstInvalidOffset(b) == nil
        }
    }

    /// UTF-8 where each invalid byte is read as cp1252; also drops NUL and C0 controls.
    /// Returns the text and whether the input was already clean.
    static func utf8WithFallback(_ bytes: ArraySlice<UInt8>) -> (text: [UInt8], clean: Bool) {
        var out: [UInt8] = []
        var clean = true
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            let n = b.count
            out.reserveCapacity(n + n / 16)
            var runStart = 0
            while i < n {
                let rest = UnsafeBufferPointer(rebasing: b[i...])
                guard let bad = UTF8Bytes.firstInvalidOffset(rest).map({ $0 + i }) else { break }
                clean = false
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<bad]))
                UTF8Bytes.append(cp1252Scalar(b[bad]), to: &out)
                i = bad + 1
                runStart = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<n]))
        }
        if hasBadControls(out) { clean = false; out = cleanControls(out) }
        return (out, clean)
    }

    /// The cp1252 reading of one byte (undefined bytes become U+FFFD).
    static func cp1252Scalar(_ c: UInt8) -> UInt32 {
        if c < 0x80 || c >= 0xA0 { return UInt32(c) }
        let s = cp1252High[Int(c - 0x80)]
        return s == 0 ? 0xFFFD : UInt32(s)
    }

    /// windows-1252 code points for 0x80…0x9F (0 where the encoding leaves a byte undefined).
    static let cp1252High: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    static func cp1252(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for c in bytes {
            if c < 0x80 { out.append(c) } else { UTF8Bytes.append(cp1252Scalar(c), to: &out) }
        }
        return out
    }

    static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let hi: UInt16 = bigEndian ? UInt16(bytes[i]) : UInt16(bytes[i + 1])
            let lo: UInt16 = bigEndian ? UInt16(bytes[i + 1]) : UInt16(bytes[i])
            units.append(hi << 8 | lo)
            i += 2
        }
        var k = 0
        while k < units.count {
            let u = units[k]
            if u >= 0xD800 && u < 0xDC00, k + 1 < units.count, units[k + 1] >= 0xDC00 && units[k + 1] < 0xE000 {
                let scalar = 0x10000 + (UInt32(u - 0xD800) << 10 | UInt32(units[k + 1] - 0xDC00))
                UTF8Bytes.append(scalar, to: &out)
                k += 2
                continue
            }
            UTF8Bytes.append(u >= 0xD800 && u < 0xE000 ? 0xFFFD : UInt32(u), to: &out)
            k += 1
        }
        return out
    }

    static func utf32(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
        var out: [UInt8] = []
        var i = bytes.startIndex
        while i + 4 <= bytes.endIndex {
            let b0 = UInt32(bytes[i]), b1 = UInt32(bytes[i + 1]), b2 = UInt32(bytes[i + 2]), b3 = UInt32(bytes[i + 3])
            let v = bigEndian ? b0 << 24 | b1 << 16 | b2 << 8 | b3 : b3 << 24 | b2 << 16 | b1 << 8 | b0
            let valid = v < 0x110000 && !(v >= 0xD800 && v < 0xE000)
            UTF8Bytes.append(valid ? v : 0xFFFD, to: &out)
            i += 4
        }
        return out
    }

    /// Decodes with the C library's iconv; nil when it does not know the charset.
    static func iconvDecode(_ bytes: [UInt8], from charset: String) -> [UInt8]? {
        let cd = iconv_open("UTF-8", charset)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var out = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count * 2)
        var input = bytes
        input.withUnsafeMutableBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                while inLeft > 0 {
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuf.count
                    let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    let produced = outBuf.count - outLeft
                    result.append(contentsOf: UnsafeBufferPointer(start: outBuf.baseAddress!, count: produced))
                    if r == -1 {
                        if errno == E2BIG { continue }
                        // An invalid or incomplete sequence: one replacement character, skip a byte.
                        UTF8Bytes.append(0xFFFD, to: &result)
                        inPtr = inPtr.map { $0 + 1 }
                        inLeft -= 1
                    }
                }
            }
        }
        guard UTF8Bytes.isValid(result) else { return nil }
        return result
    }

    // MARK: Control characters

    private static func isBadControl(_ c: UInt8) -> Bool {
        c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D && c != 0x0C
    }

    static func hasBadControls(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return false }
            let n = b.count
            var i = 0
            // Eight bytes at a time: `(w - 0x20…) & ~w & 0x80…` is zero exactly when no byte of
            // the word is below 0x20, so only words holding a control (most often a line break)
            // are looked at byte by byte.
            while i + 8 <= n {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if (w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080 != 0 {
                    for k in i..<(i + 8) where isBadControl(base[k]) { return true }
                }
                i += 8
            }
            while i < n {
                if isBadControl(base[i]) { return true }
                i += 1
            }
            return false
        }
    }

    /// Replaces NUL and the other C0 controls (except tab, line breaks, form feed) with a space.
    static func cleanControls(_ bytes: [UInt8]) -> [UInt8] {
        guard hasBadControls(bytes) else { return bytes }
        return bytes.map { isBadControl($0) ? 0x20 : $0 }
    }
}
