/// Byte-level character classes the sentence splitter needs, read straight from UTF-8.
///
/// Every function takes the text pointer and the index of a scalar's first byte plus the end
/// of the readable range, and never reads past that end.
enum SentenceCharacters {
    // MARK: Scan table

    /// Classes of the bytes the main loop stops at; every other byte is skipped.
    static let none: UInt8 = 0
    static let period: UInt8 = 1
    static let bang: UInt8 = 2          // ? and !
    static let newline: UInt8 = 3
    static let lead: UInt8 = 4          // first byte of a multi-byte scalar that may matter
    static let space: UInt8 = 5         // space and tab, only while a numbered list is open
    static let quote: UInt8 = 6         // " and the lead byte of « »
    static let colon: UInt8 = 7         // times of e-mail headers, links (SentenceScanner+Headers)

    /// The main loop's table: which bytes may begin something that matters.
    static let scanTable: [UInt8] = makeTable(listMode: false)
    /// The same, plus spaces: used while a numbered list is open, to find the next marker.
    static let listScanTable: [UInt8] = makeTable(listMode: true)

    private static func makeTable(listMode: Bool) -> [UInt8] {
        var t = [UInt8](repeating: none, count: 256)
        t[0x2E] = period
        t[0x3F] = bang
        t[0x21] = bang
        // The ASCII line terminators (`LineTerminators`); NEL, U+2028 and U+2029 begin with
        // 0xC2 and 0xE2, which the main loop stops at anyway and checks first.
        for b: UInt8 in [0x0A, 0x0B, 0x0C, 0x0D] { t[Int(b)] = newline }
        t[0x22] = quote
        t[0x27] = quote
        t[0x60] = quote
        t[0xC2] = quote
        t[0x3A] = colon
        // Lead bytes of: … ‼ ⁇ ⁈ ⁉ • ‣ ⁃ ▪ ■ ● ◦ (E2), 。(E3), ！？．｡ (EF), । ॥ (E0),
        // ؟ (D8), ۔ (DB), ։ (D6), ። ။ (E1).
        for b: UInt8 in [0xE2, 0xE3, 0xEF, 0xE0, 0xD8, 0xDB, 0xD6, 0xE1] { t[Int(b)] = lead }
        if listMode {
            t[0x20] = space
            t[0x09] = space
        }
        return t
    }

    /// Skips, sixteen and then eight bytes at a time, ASCII bytes the scan table ignores: returns
    /// the index of the first byte that is ".", "?", "!", an ASCII control up to the carriage
    /// return (line feed, vertical tab, form feed, carriage return; tabs too), a straight quote,
    /// a backquote, a colon or not ASCII (or the last few bytes, left to the byte loop).
    @inline(__always)
    static func skipPlainASCII(_ p: UnsafePointer<UInt8>, from start: Int, _ end: Int) -> Int {
        var i = start
        // Sixteen bytes compared at once with each stop byte (SSE2 on x86-64, NEON on ARM).
        let period = SIMD16<UInt8>(repeating: 0x2E), question = SIMD16<UInt8>(repeating: 0x3F)
        let bang = SIMD16<UInt8>(repeating: 0x21)
        let quote = SIMD16<UInt8>(repeating: 0x22), apostrophe = SIMD16<UInt8>(repeating: 0x27)
        let backquote = SIMD16<UInt8>(repeating: 0x60), colon = SIMD16<UInt8>(repeating: 0x3A)
        // As signed bytes, every byte below 0x0E: the non-ASCII ones (negative) and 0x00–0x0D,
        // which hold the line terminators line feed, vertical tab, form feed and carriage return.
        let belowShiftOut = SIMD16<Int8>(repeating: 0x0E)
        while i + 16 <= end {
            let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<UInt8>.self)
            // One signed compare finds the bytes that are not ASCII and the ASCII controls up to
            // the carriage return (a tab or another control stops the skip, and the byte loop
            // passes over it).
            let stops = (v .== period) .| (v .== question) .| (v .== bang) .| (v .== quote)
                .| (v .== apostrophe) .| (v .== backquote) .| (v .== colon) .| (unsafeBitCast(v, to: SIMD16<Int8>.self) .< belowShiftOut)
            // A lane of the mask is all ones where a stop is: its first set byte is the answer.
            let words = unsafeBitCast(stops, to: SIMD2<UInt64>.self)
            if words[0] != 0 { return i + words[0].trailingZeroBitCount / 8 }
            if words[1] != 0 { return i + 8 + words[1].trailingZeroBitCount / 8 }
            i += 16
        }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= end {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            let a = w ^ (ones &* 0x2E), b = w ^ (ones &* 0x3F), c = w ^ (ones &* 0x21)
            let e = w ^ (ones &* 0x22), f = w ^ (ones &* 0x27), g = w ^ (ones &* 0x60)
            let h = w ^ (ones &* 0x3A)
            // A byte below 0x0E (0x00–0x0D: the ASCII line terminators among them) sets its high
            // bit in `w - 0x0E…` where its own is clear.
            let zero = ((a &- ones) & ~a) | ((b &- ones) & ~b) | ((c &- ones) & ~c) | ((w &- ones &* 0x0E) & ~w)
                | ((e &- ones) & ~e) | ((f &- ones) & ~f) | ((g &- ones) & ~g) | ((h &- ones) & ~h)
            let found = (zero | w) & highs
            if found != 0 { return i + found.trailingZeroBitCount / 8 }
            i += 8
        }
        return i
    }

    // MARK: White space

    @inline(__always)
    static func isASCIISpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }

    /// Length of the white-space scalar at `i` (ASCII white space, no-break and typographic
    /// spaces, ideographic space, zero-width space and BOM, and the line terminators NEL, U+2028
    /// and U+2029, white space since session 34), or 0.
    @inline(__always)
    static func spaceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let c = p[i]
        if c < 0x80 { return isASCIISpace(c) ? 1 : 0 }
        if c == 0xC2 { return i + 1 < end && (p[i + 1] == 0xA0 || p[i + 1] == 0x85) ? 2 : 0 }
        guard i + 2 < end else { return 0 }
        let c1 = p[i + 1], c2 = p[i + 2]
        switch c {
        case 0xE2:
            // U+2000–200B, U+2028, U+2029, U+202F
            if c1 == 0x80 && (c2 <= 0x8B || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF) { return 3 }
            if c1 == 0x81 && c2 == 0x9F { return 3 }                     // U+205F
            return 0
        case 0xE3: return c1 == 0x80 && c2 == 0x80 ? 3 : 0                // U+3000
        case 0xEF: return c1 == 0xBB && c2 == 0xBF ? 3 : 0                // U+FEFF
        default: return 0
        }
    }

    /// Length of the white-space scalar that ends just before `i` (not before `start`), or 0.
    @inline(__always)
    static func spaceLength(_ p: UnsafePointer<UInt8>, before i: Int, _ start: Int) -> Int {
        guard i > start else { return 0 }
        let c = p[i - 1]
        if c < 0x80 { return isASCIISpace(c) ? 1 : 0 }
        if i - 2 >= start && p[i - 2] == 0xC2 && (c == 0xA0 || c == 0x85) { return 2 }
        if i - 3 >= start && spaceLength(p, i - 3, i) == 3 { return 3 }
        return 0
    }

    // MARK: Quotation marks and brackets

    /// Length of a quotation mark or closing bracket at `i` that can follow a sentence's final
    /// stop (’ ” " ' » « › ‹ ) ] } 」 』 ） 》 〉 】 and friends), or 0.
    @inline(__always)
    static func closerLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let c = p[i]
        switch c {
        case 0x22, 0x27, 0x29, 0x5D, 0x7D: return 1
        case 0xC2: return i + 1 < end && (p[i + 1] == 0xBB || p[i + 1] == 0xAB) ? 2 : 0
        case 0xE2:
            guard i + 2 < end, p[i + 1] == 0x80 else { return 0 }
            let c2 = p[i + 2]
            return (c2 >= 0x98 && c2 <= 0x9F) || c2 == 0xB9 || c2 == 0xBA ? 3 : 0
        case 0xE3:
            guard i + 2 < end, p[i + 1] == 0x80 else { return 0 }
            switch p[i + 2] {
            case 0x89, 0x8B, 0x8D, 0x8F, 0x91, 0x95, 0x97, 0x99, 0x9B, 0x9E, 0x9F: return 3
            default: return 0
            }
        case 0xEF:
            guard i + 2 < end else { return 0 }
            if p[i + 1] == 0xBC { let c2 = p[i + 2]; return c2 == 0x89 || c2 == 0x82 || c2 == 0x87 || c2 == 0xBD ? 3 : 0 }
            if p[i + 1] == 0xBD { let c2 = p[i + 2]; return c2 == 0x9D || c2 == 0xA3 ? 3 : 0 }
            return 0
        default: return 0
        }
    }

    /// Length of a quotation mark or opening bracket at `i` that can begin a sentence
    /// (“ ‘ „ " ' « » ‹ › ( [ { ¿ ¡ 「 『 （ 《 〈 【), or 0. `isQuote` tells quotation marks from brackets.
    @inline(__always)
    static func openerLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> (length: Int, isQuote: Bool) {
        let c = p[i]
        switch c {
        case 0x22, 0x27, 0x60: return (1, true)
        case 0x28, 0x5B, 0x7B: return (1, false)
        case 0xC2:
            guard i + 1 < end else { return (0, false) }
            let c1 = p[i + 1]
            if c1 == 0xAB || c1 == 0xBB { return (2, true) }
            if c1 == 0xBF || c1 == 0xA1 { return (2, false) }     // ¿ ¡
            return (0, false)
        case 0xE2:
            guard i + 2 < end, p[i + 1] == 0x80 else { return (0, false) }
            let c2 = p[i + 2]
            return (c2 >= 0x98 && c2 <= 0x9F) || c2 == 0xB9 || c2 == 0xBA ? (3, true) : (0, false)
        case 0xE3:
            guard i + 2 < end, p[i + 1] == 0x80 else { return (0, false) }
            switch p[i + 2] {
            case 0x8C, 0x8E, 0x9D: return (3, true)
            case 0x88, 0x8A, 0x90, 0x94, 0x96, 0x98, 0x9A: return (3, false)
            default: return (0, false)
            }
        case 0xEF:
            guard i + 2 < end, p[i + 1] == 0xBC else { return (0, false) }
            return p[i + 2] == 0x88 || p[i + 2] == 0xBB ? (3, false) : (0, false)
        default: return (0, false)
        }
    }

    // MARK: Quotations

    /// An opening quotation mark at `i` whose closing mark can be looked for: its kind and
    /// length. Kinds: 1 `"…"`, 2 `“…”`, 3 `„…“` or `„…”`, 4 `«…»`, 5 `»…«`, 6 `「…」`, 7 `『…』`,
    /// 8 `''…''` and 9 ``` ``…'' ``` (typewriter quotes of news archives and treebanks).
    /// Single quotes are left out: the apostrophe makes them unpairable.
    @inline(__always)
    static func openingQuote(_ p: UnsafePointer<UInt8>, _ i: Int, _ lo: Int, _ end: Int) -> (kind: Int, length: Int)? {
        let c = p[i]
        var kind = 0, n = 0
        switch c {
        case 0x22: kind = 1; n = 1
        case 0x27, 0x60:
            guard i + 1 < end, p[i + 1] == c else { return nil }
            kind = c == 0x27 ? 8 : 9; n = 2
        case 0xC2:
            guard i + 1 < end else { return nil }
            if p[i + 1] == 0xAB { kind = 4; n = 2 } else if p[i + 1] == 0xBB { kind = 5; n = 2 } else { return nil }
        case 0xE2:
            guard i + 2 < end, p[i + 1] == 0x80 else { return nil }
            if p[i + 2] == 0x9C { kind = 2; n = 3 } else if p[i + 2] == 0x9E { kind = 3; n = 3 } else { return nil }
        case 0xE3:
            guard i + 2 < end, p[i + 1] == 0x80 else { return nil }
            if p[i + 2] == 0x8C { kind = 6; n = 3 } else if p[i + 2] == 0x8E { kind = 7; n = 3 } else { return nil }
        default: return nil
        }
        // An opening mark is followed by its words; a straight quote or a German » also
        // follows white space, a bracket, a dash or the start ("5'10\"" is no quotation).
        guard i + n < end, spaceLength(p, i + n, end) == 0 else { return nil }
        if kind == 1 || kind == 5 || kind == 8 || kind == 9 {
            if i > lo {
                let b = p[i - 1]
                guard isASCIISpace(b) || b == 0x28 || b == 0x5B || b == 0x7B || b == 0x2D || b >= 0x80 else { return nil }
            }
        }
        return (kind, n)
    }

    /// The first byte of quotation `kind`'s closing mark.
    @inline(__always)
    static func closingQuoteLead(_ kind: Int) -> UInt8 {
        switch kind {
        case 1: return 0x22
        case 8, 9: return 0x27
        case 2, 3: return 0xE2
        case 4, 5: return 0xC2
        default: return 0xE3
        }
    }

    /// The index of the first byte in `from..<end` that is `lead` or may begin a line terminator
    /// (`LineTerminators.firstBytes`), or `end`; sixteen bytes at a time.
    @inline(__always)
    static func firstOf(_ lead: UInt8, orLineTerminator p: UnsafePointer<UInt8>, from: Int, _ end: Int) -> Int {
        var i = from
        let leads = SIMD16<UInt8>(repeating: lead)
        while i + 16 <= end {
            let v = UnsafeRawPointer(p + i).loadUnaligned(as: SIMD16<UInt8>.self)
            if let lane = Bytes16.firstLane(Bytes16.words(LineTerminators.firstByteLanes(v) .| (v .== leads))) { return i + lane }
            i += 16
        }
        while i < end && p[i] != lead && !LineTerminators.firstBytes.contains(p[i]) { i += 1 }
        return i
    }

    /// Length of the closing mark of quotation `kind` at `i`, or 0.
    @inline(__always)
    static func closingQuoteLength(_ kind: Int, _ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let c = p[i]
        switch kind {
        case 1: return c == 0x22 ? 1 : 0
        case 8, 9: return c == 0x27 && i + 1 < end && p[i + 1] == 0x27 ? 2 : 0
        case 2, 3:
            guard c == 0xE2, i + 2 < end, p[i + 1] == 0x80 else { return 0 }
            return p[i + 2] == 0x9D || (kind == 3 && p[i + 2] == 0x9C) ? 3 : 0
        case 4, 5:
            guard c == 0xC2, i + 1 < end else { return 0 }
            return p[i + 1] == (kind == 4 ? 0xBB : 0xAB) ? 2 : 0
        default:
            guard c == 0xE3, i + 2 < end, p[i + 1] == 0x80 else { return 0 }
            return p[i + 2] == (kind == 6 ? 0x8D : 0x8F) ? 3 : 0
        }
    }

    // MARK: Stops, bullets, ellipses

    /// Kinds of sentence-final stops beyond ASCII.
    enum Stop {
        /// Needs white space or the end after it, like "?" ("‼", "؟", "।", "։").
        case spaced
        /// Ends a sentence even when the next character follows directly (CJK "。", "！", "？", Ethiopic "።").
        case unspaced
    }

    /// The stop at `i` (a multi-byte scalar) and its length, if it is one.
    @inline(__always)
    static func stop(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> (Stop, Int)? {
        let c = p[i]
        if c == 0xD8 || c == 0xDB || c == 0xD6 {
            guard i + 1 < end else { return nil }
            let c1 = p[i + 1]
            if (c == 0xD8 && c1 == 0x9F) || (c == 0xDB && c1 == 0x94) || (c == 0xD6 && c1 == 0x89) { return (.spaced, 2) }
            return nil
        }
        guard i + 2 < end else { return nil }
        let c1 = p[i + 1], c2 = p[i + 2]
        switch c {
        case 0xE2:
            if c1 == 0x80 && c2 == 0xBC { return (.spaced, 3) }                       // ‼
            if c1 == 0x81 && c2 >= 0x87 && c2 <= 0x89 { return (.spaced, 3) }        // ⁇ ⁈ ⁉
            return nil
        case 0xE3: return c1 == 0x80 && c2 == 0x82 ? (.unspaced, 3) : nil          // 。
        case 0xEF:
            if c1 == 0xBC && (c2 == 0x81 || c2 == 0x9F || c2 == 0x8E) { return (.unspaced, 3) }  // ！？．
            if c1 == 0xBD && c2 == 0xA1 { return (.unspaced, 3) }                    // ｡
            return nil
        case 0xE0: return c1 == 0xA5 && (c2 == 0xA4 || c2 == 0xA5) ? (.spaced, 3) : nil   // । ॥
        case 0xE1:
            if c1 == 0x8D && (c2 == 0xA2 || c2 == 0xA7) { return (.unspaced, 3) }    // ። ፧ (Ethiopic writes no space after them)
            if c1 == 0x81 && c2 == 0x8B { return (.spaced, 3) }                      // ။
            return nil
        default: return nil
        }
    }

    /// True for "?" "!" and the multi-byte stops of the `spaced` kind, for runs like "?!" "!!".
    @inline(__always)
    static func bangLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        let c = p[i]
        if c == 0x3F || c == 0x21 { return 1 }
        if c < 0x80 { return 0 }
        if let (kind, n) = stop(p, i, end), kind == .spaced { return n }
        return 0
    }

    /// True when `i` starts "…" (U+2026).
    @inline(__always)
    static func isEllipsis(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        i + 2 < end && p[i] == 0xE2 && p[i + 1] == 0x80 && p[i + 2] == 0xA6
    }

    /// Length of a list bullet at `i` (• ‣ ⁃ ▪ ■ ● ◦), or 0.
    @inline(__always)
    static func bulletLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        guard i + 2 < end, p[i] == 0xE2 else { return 0 }
        let c1 = p[i + 1], c2 = p[i + 2]
        switch c1 {
        case 0x80: return c2 == 0xA2 || c2 == 0xA3 ? 3 : 0
        case 0x81: return c2 == 0x83 ? 3 : 0
        case 0x96: return c2 == 0xAA || c2 == 0xA0 ? 3 : 0
        case 0x97: return c2 == 0x8F || c2 == 0xA6 ? 3 : 0
        default: return 0
        }
    }

    /// Length of a dash at `i` (– — ‒ ―), or 0.
    @inline(__always)
    static func dashLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        guard i + 2 < end, p[i] == 0xE2, p[i + 1] == 0x80 else { return 0 }
        let c2 = p[i + 2]
        return c2 >= 0x92 && c2 <= 0x95 ? 3 : 0
    }

    // MARK: Letters

    @inline(__always) static func isUpper(_ c: UInt8) -> Bool { c &- 0x41 < 26 }
    @inline(__always) static func isLower(_ c: UInt8) -> Bool { c &- 0x61 < 26 }
    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    /// What a scalar is, as far as sentence boundaries care.
    enum Letter {
        case lower, upper, uncased, digit, other
    }

    /// Classifies the scalar at `i` and returns its length.
    static func letter(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> (Letter, Int) {
        let c = p[i]
        if c < 0x80 {
            if isLower(c) { return (.lower, 1) }
            if isUpper(c) { return (.upper, 1) }
            if isDigit(c) { return (.digit, 1) }
            return (.other, 1)
        }
        return letterByProperties(p, i, end)
    }

    /// `letter` of a non-ASCII scalar, from its Unicode properties. Kept out of `letter`: the
    /// properties' type metadata and the result's optional types are set up at a function's
    /// start, about 80 instructions that every ASCII byte paid when this was inside.
    @inline(never)
    static func letterByProperties(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> (Letter, Int) {
        let (scalar, n) = decode(p, i, end)
        guard let s = Unicode.Scalar(scalar) else { return (.other, n) }
        let props = s.properties
        if props.isLowercase { return (.lower, n) }
        if props.isUppercase { return (.upper, n) }
        if props.isAlphabetic { return (.uncased, n) }
        if props.numericType != nil { return (.digit, n) }
        return (.other, n)
    }

    /// Decodes the scalar at `i` (never reading at or past `end`).
    @inline(__always)
    static func decode(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> (UInt32, Int) {
        let c0 = UInt32(p[i])
        if c0 < 0x80 { return (c0, 1) }
        if c0 < 0xE0 { return i + 1 < end ? ((c0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) : (0xFFFD, 1) }
        if c0 < 0xF0 {
            return i + 2 < end ? ((c0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3) : (0xFFFD, 1)
        }
        return i + 3 < end
            ? ((c0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F), 4)
            : (0xFFFD, 1)
    }

    /// True when the scalar at `i` counts as content: anything but white space and punctuation.
    /// A sentence needs at least one such scalar.
    @inline(__always)
    static func isContent(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> (Bool, Int) {
        let c = p[i]
        if c < 0x80 {
            if isLetter(c) || isDigit(c) { return (true, 1) }
            switch c {
            case 0x24, 0x2B, 0x3C, 0x3D, 0x3E, 0x5E, 0x60, 0x7C, 0x7E: return (true, 1)   // $ + < = > ^ ` | ~
            default: return (false, 1)
            }
        }
        // U+2010–U+2027 (dashes, curly quotes, bullets, ellipsis) are all punctuation: the
        // marks around most sentences of news, answered without the category table.
        if c == 0xE2 && i + 2 < end && p[i + 1] == 0x80 && p[i + 2] >= 0x90 && p[i + 2] <= 0xA7 { return (false, 3) }
        return isContentByCategory(p, i, end)
    }

    /// `isContent` of a non-ASCII scalar, from its general category. Kept out of `isContent`
    /// (and so of the loops it is inlined into): the category's type metadata and the twelve
    /// cases compared are set up at a function's start, about 80 instructions a call that
    /// the ASCII bytes and curly quotes paid when this was inside.
    @inline(never)
    static func isContentByCategory(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> (Bool, Int) {
        let (scalar, n) = decode(p, i, end)
        guard let s = Unicode.Scalar(scalar) else { return (false, n) }
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .spaceSeparator, .lineSeparator, .paragraphSeparator, .format, .control, .unassigned:
            return (false, n)
        default:
            return (true, n)
        }
    }
}
