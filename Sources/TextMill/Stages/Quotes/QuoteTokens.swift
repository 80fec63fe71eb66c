/// The kinds of quotation-mark glyphs the `quotes` stage tells apart.
enum MarkGlyph: UInt8, Sendable {
    case none
    /// " (direction from context)
    case straightDouble
    /// “
    case leftDouble
    /// ”
    case rightDouble
    /// „ (opens; closed by “ or ”)
    case lowDouble
    /// '' (two apostrophes standing for a double mark, as in some newswire text)
    case doubleApostrophe
    /// `` (two backticks: an opening double mark)
    case doubleBacktick
    /// «
    case leftGuillemet
    /// »
    case rightGuillemet
    /// ' (apostrophe or single mark)
    case straightSingle
    /// ‘
    case leftSingle
    /// ’ (apostrophe or closing single mark)
    case rightSingle
    /// ‚ (low single, opens)
    case lowSingle
    /// ‹
    case leftSingleGuillemet
    /// ›
    case rightSingleGuillemet
    /// 「 or 『
    case leftCorner
    /// 」 or 』
    case rightCorner

    /// Which marks close which: marks of one family pair with each other.
    enum Family: Int { case double, single, guillemet, singleGuillemet, corner }

    var family: Family {
        switch self {
        case .straightDouble, .leftDouble, .rightDouble, .lowDouble, .doubleApostrophe, .doubleBacktick, .none: return .double
        case .straightSingle, .leftSingle, .rightSingle, .lowSingle: return .single
        case .leftGuillemet, .rightGuillemet: return .guillemet
        case .leftSingleGuillemet, .rightSingleGuillemet: return .singleGuillemet
        case .leftCorner, .rightCorner: return .corner
        }
    }
}

/// One token of a paragraph: a word, a number, a punctuation mark, a dash or a quotation mark.
struct Token: Sendable {
    enum Kind: UInt8, Sendable { case word, number, punct, dash, mark, openBracket, closeBracket }

    var start: Int32
    var end: Int32
    var kind: Kind
    /// For `.punct`: the ASCII character ('.' also stands for "…" and "...").
    var punct: UInt8 = 0
    var mark: MarkGlyph = .none
    var shape: Shape = []
    /// Lexicon id, or -1.
    var word: Int32 = -1
    var flags: WordFlags = []

    /// How a word is written.
    struct Shape: OptionSet, Sendable {
        let rawValue: UInt8
        /// Starts with an upper-case letter.
        static let capitalized = Shape(rawValue: 1 << 0)
        /// Two or more letters, all upper case.
        static let allCaps = Shape(rawValue: 1 << 1)
        /// A social handle or hashtag ("@kamaluga").
        static let handle = Shape(rawValue: 1 << 2)
        /// Ends in 's or ’s.
        static let possessive = Shape(rawValue: 1 << 3)
        /// Ends with a period that belongs to it ("Mr.", "U.S.", "H.").
        static let abbreviation = Shape(rawValue: 1 << 4)
        /// Starts with a lower-case letter.
        static let lowercase = Shape(rawValue: 1 << 5)
        /// White space (or the paragraph start) comes right before the token.
        static let spaceBefore = Shape(rawValue: 1 << 6)
        /// White space (or the paragraph end) comes right after the token.
        static let spaceAfter = Shape(rawValue: 1 << 7)
    }

    var isWord: Bool { kind == .word }
    var isCapitalized: Bool { kind == .word && shape.contains(.capitalized) }
    func isPunct(_ c: UInt8) -> Bool { kind == .punct && punct == c }
    /// '.', '?', '!' (or an ellipsis).
    var isSentenceEnd: Bool { kind == .punct && (punct == 0x2E || punct == 0x3F || punct == 0x21) }
    var span: Span { Span(Int(start), Int(end)) }
}

/// Splits text into `Token`s, on bytes, looking every word up in the lexicon once.
struct QuoteTokenizer {
    /// The lexicon, held by reference (a tokenizer is made for every document).
    private let sharedLexicon: SharedQuotesLexicon
    /// The word lists (read in place, not copied).
    var lexicon: QuotesLexicon {
        @inline(__always) _read { yield sharedLexicon.lexicon }
    }
    /// Reads the commonest words through `plainWords` (eight bytes at a time); false sends every
    /// word through `word`, byte by byte (for tests that compare the two).
    var readsPlainWords = true

    /// A tokenizer reading `lexicon`, shared with the document's analysis.
    init(lexicon: SharedQuotesLexicon, readsPlainWords: Bool = true) {
        self.sharedLexicon = lexicon
        self.readsPlainWords = readsPlainWords
    }

    /// A tokenizer reading a lexicon of its own (for tests).
    init(lexicon: QuotesLexicon, readsPlainWords: Bool = true) {
        self.init(lexicon: SharedQuotesLexicon(lexicon), readsPlainWords: readsPlainWords)
    }

    /// Tokens of `b[start..<end]`, appended to `tokens`.
    func tokenize(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into tokens: inout [Token]) {
        TokenSink.writing(into: &tokens) { tokenize(b, start, end, into: &$0) }
    }

    /// Tokens of `b[start..<end]`, written to `tokens`.
    func tokenize(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, into tokens: inout TokenSink) {
        // `plainWords` stores its offsets without a range check: they must fit a token's `Int32`.
        let readsPlainWords = readsPlainWords && end <= Int(Int32.max)
        var i = start
        while i < end {
            let c = b[i]
            if c < 0x80 {
                if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C || c == 0x0B { i += 1; continue }
                if Self.isAlnum(c) {
                    if readsPlainWords, let e = plainWords(b, i, start, end, &tokens) { i = e; continue }
                    i = word(b, i, start, end, &tokens)
                    continue
                }
                if (c == 0x40 || c == 0x23), i + 1 < end, Self.isAlnum(b[i + 1]) {
                    let j = word(b, i + 1, start, end, &tokens)
                    tokens.last.start = Int32(i)
                    tokens.last.shape.insert(.handle)
                    tokens.last.shape.remove(.lowercase)
                    finishSpacing(b, start, end, &tokens.last)
                    i = j
                    continue
                }
                // A mark, a dash or punctuation: what it is here; its token is appended below.
                var mark = (length: 1, kind: Token.Kind.punct, glyph: MarkGlyph.none, punct: c)
                switch c {
                case 0x22: mark = (1, .mark, .straightDouble, 0)
                case 0x27:
                    if Self.closesNestedPair(b, i, start, end) {
                        // "'old-school,'''": the inner single mark closes first, then the double one.
                        mark = (1, .mark, .straightSingle, 0)
                    } else if i + 1 < end && b[i + 1] == 0x27 {
                        mark = (2, .mark, .doubleApostrophe, 0)
                    } else {
                        mark = (1, .mark, .straightSingle, 0)
                    }
                case 0x60:
                    if i + 1 < end && b[i + 1] == 0x60 {
                        mark = (2, .mark, .doubleBacktick, 0)
                    } else {
                        mark = (1, .mark, .leftSingle, 0)
                    }
                case 0x2D:
                    var j = i
                    while j < end && b[j] == 0x2D { j += 1 }
                    let spaced = (i == start || Self.isSpace(b[i - 1])) && (j == end || Self.isSpace(b[j]))
                    if j - i >= 2 || spaced { mark = (j - i, .dash, .none, 0) }
                case 0x2E:
                    var j = i
                    while j < end && (b[j] == 0x2E || (b[j] == 0x20 && j + 1 < end && b[j + 1] == 0x2E)) { j += 1 }
                    mark.length = j - i
                case 0x28, 0x5B, 0x7B: mark.kind = .openBracket
                case 0x29, 0x5D, 0x7D: mark.kind = .closeBracket
                default: break
                }
                i = append(b, i, mark.length, mark.kind, mark.glyph, start, end, &tokens, punct: mark.punct)
                continue
            }
            if UTF8.isContinuation(c) { i += 1; continue }
            let (scalar, length) = UTF8Bytes.decode(b, at: min(i, end - 1))
            if i + length > end { break }
            var mark = (kind: Token.Kind.punct, glyph: MarkGlyph.none, punct: UInt8(0))
            switch Self.classify(scalar) {
            case .space: i += length; continue
            case .letter: i = word(b, i, start, end, &tokens); continue
            case .mark(let glyph): mark = (.mark, glyph, 0)
            case .dash: mark.kind = .dash
            case .ellipsis: mark.punct = 0x2E
            case .punct: mark.punct = 0x7E
            }
            i = append(b, i, length, mark.kind, mark.glyph, start, end, &tokens, punct: mark.punct)
        }
    }

    /// Three apostrophes right after a word or punctuation (`''I would use the word
    /// 'old-school,''' said …`): newswire's nested quotation ending with its outer one, the
    /// inner single mark first, then the double. Read from the left as a double mark and a
    /// single one, the quotation closed one mark early and left a stray mark between it and its
    /// attribution. Three at an opening (`'''Sir, …`) stay a double mark, then the single one.
    static func closesNestedPair(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ start: Int, _ end: Int) -> Bool {
        guard i > start, i + 2 < end, b[i + 1] == 0x27, b[i + 2] == 0x27, !isSpace(b[i - 1]), b[i - 1] != 0x27 else { return false }
        return i + 3 == end || b[i + 3] != 0x27
    }

    enum ScalarClass { case space, letter, mark(MarkGlyph), dash, ellipsis, punct }

    static func classify(_ s: UInt32) -> ScalarClass {
        switch s {
        case 0x00A0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF, 0x2028, 0x2029: return .space
        case 0x201C: return .mark(.leftDouble)
        case 0x201D: return .mark(.rightDouble)
        case 0x201E, 0x201F: return .mark(.lowDouble)
        case 0x00AB: return .mark(.leftGuillemet)
        case 0x00BB: return .mark(.rightGuillemet)
        case 0x2018, 0x201B: return .mark(.leftSingle)
        case 0x2019: return .mark(.rightSingle)
        case 0x201A: return .mark(.lowSingle)
        case 0x2039: return .mark(.leftSingleGuillemet)
        case 0x203A: return .mark(.rightSingleGuillemet)
        case 0x300C, 0x300E: return .mark(.leftCorner)
        case 0x300D, 0x300F: return .mark(.rightCorner)
        case 0x2012...0x2015, 0x2E3A, 0x2E3B, 0x2212: return .dash
        case 0x2026: return .ellipsis
        case 0x00A1...0x00BF, 0x00D7, 0x00F7, 0x2010, 0x2011, 0x2016...0x2027, 0x2030...0x205E, 0x3001...0x3003,
             0x3008...0x3011, 0xFF01...0xFF0F, 0xFF1A...0xFF20: return .punct
        default: return .letter
        }
    }

    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool {
        (c &- 0x30) < 10 || ((c | 0x20) &- 0x61) < 26
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D
    }

    /// True when a letter (ASCII or not) starts at `i`.
    @inline(__always) static func isLetterOrDigit(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        guard i < end else { return false }
        let c = b[i]
        if c < 0x80 { return isAlnum(c) }
        if UTF8.isContinuation(c) { return false }
        if case .letter = classify(UTF8Bytes.decode(b, at: i).scalar) { return true }
        return false
    }

    /// True when white space or the end comes before `i` (from the token's point of view).
    @inline(__always) static func spaceAt(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ start: Int, _ end: Int) -> Bool {
        if i < start || i >= end { return true }
        let c = b[i]
        if c < 0x80 { return isSpace(c) }
        if c == 0xC2 && i + 1 < end && b[i + 1] == 0xA0 { return true }
        if c == 0xE2 && i + 2 < end && b[i + 1] == 0x80 && (b[i + 2] <= 0x8B || b[i + 2] == 0xAF) { return true }
        return false
    }

    /// Start of the scalar that ends right before `i`.
    @inline(__always) static func scalarStart(before i: Int, _ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var j = i - 1
        while j > start && UTF8.isContinuation(b[j]) { j -= 1 }
        return j
    }

    @inline(__always)
    private func finishSpacing(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ t: inout Token) {
        t.shape.formUnion(Self.spacing(b, Int(t.start), Int(t.end), start, end))
    }

    /// `.spaceBefore` and `.spaceAfter` for a token at `tokenStart..<tokenEnd`.
    @inline(__always)
    static func spacing(_ b: UnsafeBufferPointer<UInt8>, _ tokenStart: Int, _ tokenEnd: Int, _ start: Int, _ end: Int) -> Token.Shape {
        var shape: Token.Shape = []
        if tokenStart == start || spaceAt(b, scalarStart(before: tokenStart, b, start), start, end) { shape.insert(.spaceBefore) }
        if spaceAt(b, tokenEnd, start, end) { shape.insert(.spaceAfter) }
        return shape
    }

    /// Appends the token of a mark, a dash or punctuation at `i` and returns where it ends.
    /// Inlined: its two calls (ASCII and not) passed ten arguments each to a call of it.
    @inline(__always)
    private func append(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ length: Int, _ kind: Token.Kind, _ glyph: MarkGlyph,
                        _ start: Int, _ end: Int, _ tokens: inout TokenSink, punct: UInt8 = 0) -> Int {
        var t = Token(start: Int32(i), end: Int32(i + length), kind: kind, punct: punct, mark: glyph)
        finishSpacing(b, start, end, &t)
        tokens.append(t)
        return i + length
    }

    /// Scans a word or number starting at `i`; returns where it ends. The lexicon key is
    /// hashed while the word is read (lower case, ’ as '), so a lookup is one probe.
    private func word(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ start: Int, _ end: Int, _ tokens: inout TokenSink) -> Int {
        typealias Table = QuoteWordTable
        let first = b[i]
        var j = i
        var hasPeriod = false
        var digits = 0, letters = 0, upper = 0
        var h = Table.seed
        var n = 0
        // No byte of the word is above 0x7F: then `n` is its length in bytes.
        var ascii = true
        scan: while j < end {
            let c = b[j]
            if c < 0x80 {
                let lower = c | 0x20
                if (lower &- 0x61) < 26 {
                    letters &+= 1
                    upper &+= c < 0x5B ? 1 : 0
                    h = Table.mix(h, lower); n &+= 1; j &+= 1
                    continue
                }
                if (c &- 0x30) < 10 {
                    digits &+= 1
                    h = Table.mix(h, c); n &+= 1; j &+= 1
                    continue
                }
                let next = j + 1
                var joins = false
                switch c {
                case 0x27: // apostrophe inside a word
                    joins = j > i && Self.isLetterOrDigit(b, next, end) && !Self.isDigitAt(b, j - 1)
                case 0x2D, 0x26: // hyphen, ampersand
                    joins = Self.isLetterOrDigit(b, next, end)
                case 0x2E: // U.S., a.m., 3.5
                    if next < end && ((b[next] | 0x20) &- 0x61) < 26 && letters > 0 && digits == 0 { hasPeriod = true; joins = true }
                    if next < end && (b[next] &- 0x30) < 10 && digits > 0 { joins = true }
                case 0x2C, 0x3A: // 3,000 and 3:25
                    joins = digits > 0 && letters == 0 && next < end && (b[next] &- 0x30) < 10
                case 0x2F: // RFE/RL, 9/11
                    joins = j > i && Self.isLetterOrDigit(b, next, end)
                default: break
                }
                guard joins else { break scan }
                h = Table.mix(h, c); n += 1; j = next
                continue
            }
            // ’ inside a word is an apostrophe.
            if c == 0xE2 && j + 2 < end && b[j + 1] == 0x80 && b[j + 2] == 0x99 {
                guard j > i && Self.isLetterOrDigit(b, j + 3, end) else { break }
                h = Table.mix(h, 0x27); n += 1; j += 3
                ascii = false
                continue
            }
            if UTF8.isContinuation(c) { j += 1; continue }
            let (scalar, length) = UTF8Bytes.decode(b, at: j)
            guard j + length <= end, case .letter = Self.classify(scalar) else { break }
            ascii = false
            letters += 1
            if j == i && Self.isUppercase(scalar) { upper += 1 }
            for k in j..<(j + length) { h = Table.mix(h, b[k]) }
            // The table counts a key's bytes (’ as one): so does the word, or "naïve" never matches.
            n += length
            j += length
        }
        var shape: Token.Shape = []
        var tokenEnd = j
        if first < 0x80 {
            if (first &- 0x41) < 26 { shape.insert(.capitalized) } else if (first &- 0x61) < 26 { shape.insert(.lowercase) }
        } else if upper > 0 {
            shape.insert(.capitalized)
        } else if letters > 0 {
            shape.insert(.lowercase)
        }
        if letters >= 2 && upper == letters { shape.insert(.allCaps) }
        var key = (h, n)
        // A period that belongs to the word: "U.S.", an initial "H.", or a listed abbreviation "Mr.".
        if j < end && b[j] == 0x2E && letters > 0 && !(j + 1 < end && b[j + 1] == 0x2E) {
            // A period right before a comma, a closing bracket, a colon or a semicolon ends no
            // sentence: it belongs to an abbreviation ("R-Ky.,", "(D-Mo.)", "Inc.,").
            let next = j + 1 < end ? b[j + 1] : 0x20
            let glued = (next == 0x2C || next == 0x29 || next == 0x3B || next == 0x3A) && (upper > 0 || j - i <= 4)
            let withPeriod = (Table.mix(h, 0x2E), n + 1)
            if hasPeriod || glued || (letters == 1 && upper == 1 && j - i == 1)
                || lookup(withPeriod, ascii: ascii, b, i, j + 1) >= 0 {
                tokenEnd = j + 1
                shape.insert(.abbreviation)
                key = withPeriod
            }
        }
        let e = tokenEnd
        let isWord = letters > 0
        if e - i >= 3 && isWord {
            if b[e - 1] | 0x20 == 0x73 && (b[e - 2] == 0x27) { shape.insert(.possessive) }
            if e - i >= 5 && b[e - 1] | 0x20 == 0x73 && b[e - 2] == 0x99 && b[e - 3] == 0x80 && b[e - 4] == 0xE2 { shape.insert(.possessive) }
        }
        var id: Int32 = -1
        var flags: WordFlags = []
        if isWord && key.1 <= 48 {
            id = lookup(key, ascii: ascii, b, i, e)
            if id >= 0 { flags = lexicon.flags[Int(id)] }
        }
        shape.formUnion(Self.spacing(b, i, e, start, end))
        tokens.append(Token(start: Int32(i), end: Int32(e), kind: isWord ? .word : .number, shape: shape, word: id, flags: flags))
        return e
    }

    /// The lexicon id of the word `b[i..<e]` whose running hash and folded length are `key`, or
    /// -1: a short ASCII word from `QuoteWordIndex` (one probe), any other from the table.
    @inline(__always)
    private func lookup(_ key: (hash: UInt64, length: Int), ascii: Bool, _ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ e: Int) -> Int32 {
        if ascii && e - i <= QuoteWordIndex.maximumLength { return lexicon.index.lookup(b, i, e) }
        return tableLookup(key, b, i, e)
    }

    /// The table's answer for a longer or non-ASCII word, out of line so the hot path stays small.
    @inline(never)
    private func tableLookup(_ key: (hash: UInt64, length: Int), _ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ e: Int) -> Int32 {
        lexicon.table.lookup(hash: key.hash, length: key.length, b, i, e)
    }

    /// True for an upper-case letter. Kept out of line: its `Unicode.Scalar.Properties` cost
    /// every call of `word` a metadata look-up when inlined, and most words are ASCII.
    @inline(never) static func isUppercase(_ scalar: UInt32) -> Bool {
        guard let u = Unicode.Scalar(scalar) else { return false }
        return u.properties.isUppercase
    }

    @inline(__always) static func isDigitAt(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        (b[i] &- 0x30) < 10
    }
}
