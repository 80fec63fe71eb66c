/// The tokenizer's short cut for the commonest word: one to sixteen ASCII letters that end
/// where nothing can carry the word on (a space, a comma, a closing mark, a dash, the paragraph
/// end, or a period that ends a sentence). Its letters are found eight bytes at a time, and it
/// has no apostrophe, possessive or period inside, so the token is made without the byte-by-byte
/// scan, the running hash and the checks of `word`, and is the token `word` makes (with the
/// period when the word is an initial or a listed abbreviation, "Mr.").
extension QuoteTokenizer {
    /// Bit `c` set for the ASCII bytes `c` below 64 that carry a word on after a letter: `&`,
    /// `'`, `-`, `.`, `/` and the digits (`word` joins "AT&T", "don't", "well-known", "U.S.",
    /// "RFE/RL", "G7"). A literal, so that reading it costs no lazy initialisation.
    static let continuesWord: UInt64 = 0x03FF_E0C0_0000_0000

    /// The ASCII bytes that end a plain word right after its letters: all but the letters and
    /// `continuesWord` (the period among them, which `sentencePeriod` decides). Bit `c` for the
    /// bytes `c` below 64 (`~continuesWord`), bit `c - 64` for the others (`~` the letters'
    /// bits 0x07FF_FFFE_07FF_FFFE); literals, as `continuesWord`.
    static let endsPlainWordBelow64: UInt64 = 0xFC00_1F3F_FFFF_FFFF
    static let endsPlainWordFrom64: UInt64 = 0xF800_0001_F800_0001

    /// The ASCII white space `isSpace` knows (tab 0x09, line feed 0x0A, carriage return 0x0D,
    /// space 0x20), bit `c` for byte `c`.
    static let asciiSpaces: UInt64 = 0x1_0000_2600

    /// The characters U+2000…U+203F (UTF-8 E2 80 80…BF) that end a word, by the low six bits of
    /// their last byte: – — “ ” … (not ’, which joins "Okafor’s"); bits 0x13, 0x14, 0x1C, 0x1D
    /// and 0x26.
    static let endsWordAfterE280: UInt64 = 0x40_3018_0000

    /// Per byte of `w`, 0x80 where the byte is an ASCII letter (either case), else 0.
    @inline(__always) static func asciiLetterBits(_ w: UInt64) -> UInt64 {
        let low = (w | 0x2020_2020_2020_2020) & 0x7F7F_7F7F_7F7F_7F7F
        let fromA = low &+ 0x1F1F_1F1F_1F1F_1F1F   // high bit set from 'a' (0x61) up
        let pastZ = low &+ 0x0505_0505_0505_0505   // high bit set from '{' (0x7B) up
        return fromA & ~pastZ & ~w & 0x8080_8080_8080_8080
    }

    /// The eight bytes at `i` as a little-endian word (the caller checks `i + 8 <= b.count`).
    @inline(__always) static func load8(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt64 {
        UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self).littleEndian
    }

    /// How many of the bytes whose letter bits are `letters` are letters before the first that is
    /// not (8 when all are).
    @inline(__always) static func letterRun(_ letters: UInt64) -> Int {
        let others = ~letters & 0x8080_8080_8080_8080
        return others == 0 ? 8 : others.trailingZeroBitCount >> 3
    }

    /// The low `n` bytes of a word set (none for `n` <= 0, all for `n` >= 8).
    @inline(__always) static func lowBytes(_ n: Int) -> UInt64 {
        if n <= 0 { return 0 }
        return n >= 8 ? ~0 : (1 &<< UInt64(8 * n)) &- 1
    }

    /// The punctuation a run of plain words reads on across when one space and a letter follow
    /// it ("said, adding", "Kyiv. They"): `,` `;` `:` `.` `?` `!`, bit `c` for byte `c` (all
    /// below 64). Each is a token of one byte there, as `tokenize` makes it (no period run, no
    /// joiner). A literal, as `continuesWord`.
    static let punctuationInRun: UInt64 = 0x8C00_5002_0000_0000

    /// Appends the tokens of the plain word at `i` and of the plain words that follow it one
    /// space apart ("the minister said on"), or after a comma, semicolon, colon or sentence end
    /// and one space ("Tuesday, officials"; `punctuationInRun`, whose tokens it appends too), one
    /// call for the run, and returns where its last token ends; nil (appending nothing) when the
    /// word at `i` is not plain or the text ends too soon after `i` to read its letters eight
    /// bytes at a time, for `word` to read.
    /// - Precondition: `end <= Int32.max` (`tokenize` checks it once per paragraph).
    func plainWords(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ start: Int, _ end: Int, _ tokens: inout TokenSink) -> Int? {
        let keys = lexicon.index.shortKeys
        var at = i
        var last: Int? = nil
        // The words after the first follow a space: no need to look before them.
        var afterSpace = false
        while let e = plainWord(b, at, start, end, afterSpace: afterSpace, keys, &tokens) {
            last = e
            guard e &+ 1 < end else { break }
            let c = b[e]
            if c == 0x20 {
                guard ((b[e &+ 1] | 0x20) &- 0x61) < 26 else { break }
                at = e &+ 1
            } else {
                // Punctuation glued to the word, then one space and a letter: its token is the
                // one `tokenize` makes (white space after it, none before: a letter is there).
                guard c < 64, Self.punctuationInRun & (1 &<< UInt64(c)) != 0, e &+ 2 < end, b[e &+ 1] == 0x20,
                      ((b[e &+ 2] | 0x20) &- 0x61) < 26 else { break }
                // `e < end <= Int32.max` (the precondition): the offsets fit without a check.
                tokens.append(Token(start: Int32(truncatingIfNeeded: e), end: Int32(truncatingIfNeeded: e &+ 1), kind: .punct,
                                    punct: c, shape: .spaceAfter))
                last = e &+ 1
                at = e &+ 2
            }
            afterSpace = true
        }
        return last
    }

    /// The commonest plain word, read with what `plainWord` reads folded to constants: one to
    /// seven ASCII letters at `i` (so the byte after them is in the same eight bytes, read from
    /// the register), inside the paragraph, followed by an ASCII byte that ends the word and is
    /// no period (`endsPlainWordBelow64`, `endsPlainWordFrom64`). Appends the token `plainWord`
    /// would append and returns where it ends, or -1 (appending nothing) for `plainWord` to
    /// read the word. The caller checks that eight bytes can be read at `i`.
    @inline(__always)
    func shortPlainWord(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ start: Int, _ end: Int, afterSpace: Bool,
                        _ keys: QuoteWordIndex.ShortKeys, _ tokens: inout TokenSink) -> Int {
        // The caller has checked that eight bytes can be read at `i`.
        let w = Self.load8(b, i)
        let letters = Self.asciiLetterBits(w)
        // Letters before the first byte that is none (8 when all eight are letters).
        let n = (~letters & 0x8080_8080_8080_8080).trailingZeroBitCount &>> 3
        let e = i &+ n
        guard n > 0, n < 8, e < end else { return -1 }
        // The byte after the letters, from the eight bytes read.
        let shift = UInt64(truncatingIfNeeded: n &<< 3)
        let c = UInt8(truncatingIfNeeded: w &>> shift)
        guard c < 0x80 else { return -1 }
        let bit: UInt64 = 1 &<< UInt64(c & 63)
        guard (c < 64 ? Self.endsPlainWordBelow64 : Self.endsPlainWordFrom64) & bit != 0 else { return -1 }
        // Upper-case letters have bit 5 clear: shifted to bit 7, it clears their letter bit.
        let kept: UInt64 = (1 &<< shift) &- 1
        let upperBits = letters & ~(w &<< 2) & kept
        var shape: Token.Shape = upperBits & 0x80 != 0 ? .capitalized : .lowercase
        if n >= 2 && upperBits == letters & kept { shape.insert(.allCaps) }
        let entry = keys.entry(packed: (w & kept) | (upperBits >> 2))
        if afterSpace || i == start || Self.spaceAt(b, Self.scalarStart(before: i, b, start), start, end) { shape.insert(.spaceBefore) }
        if c < 64 && Self.asciiSpaces & bit != 0 { shape.insert(.spaceAfter) }
        // `i < e < end <= Int32.max` (the precondition): the offsets fit without a check.
        tokens.append(Token(start: Int32(truncatingIfNeeded: i), end: Int32(truncatingIfNeeded: e), kind: .word, shape: shape,
                            word: entry.id, flags: entry.flags))
        return e
    }

    /// Appends the token of the plain word at `i` and returns where it ends; nil (appending
    /// nothing) when the word at `i` is not plain or the text ends too soon after `i` to read
    /// its letters eight bytes at a time, for `word` to read. `afterSpace`: the caller knows an
    /// ASCII space stands right before `i`; `keys`: the lexicon's (`QuoteWordIndex.shortKeys`).
    @inline(__always)
    func plainWord(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ start: Int, _ end: Int, afterSpace: Bool,
                   _ keys: QuoteWordIndex.ShortKeys, _ tokens: inout TokenSink) -> Int? {
        // Offsets below `end <= Int32.max` (the precondition): wrapping arithmetic cannot wrap.
        guard i &+ 8 <= b.count else { return nil }
        // The commonest word first, with all that follows here folded to constants.
        let short = shortPlainWord(b, i, start, end, afterSpace: afterSpace, keys, &tokens)
        if short >= 0 { return short }
        let w = Self.load8(b, i)
        let letters = Self.asciiLetterBits(w)
        var e = min(i &+ Self.letterRun(letters), end)
        // Letters after the first eight: the next eight bytes.
        var w2: UInt64 = 0, letters2: UInt64 = 0
        if e == i &+ 8 && e < end {
            guard i &+ 16 <= b.count else { return nil }
            w2 = Self.load8(b, i &+ 8)
            letters2 = Self.asciiLetterBits(w2)
            e = min(i &+ 8 &+ Self.letterRun(letters2), end)
        }
        let n = e &- i
        guard n > 0 else { return nil }
        // White space after the word: the paragraph end or an ASCII space (no character this
        // takes after a word below is one of the non-ASCII spaces `spaceAt` knows).
        var spaceAfter = true
        // A period that ends a sentence right after the word (`sentencePeriod`).
        var period = false
        if e < end {
            // The byte after the letters: a seventeenth letter, or a byte that can carry the
            // word on, is for `word` (but for a sentence's period); so is a character other
            // than “ ” – — or ….
            let c = b[e]
            if c < 0x80 {
                // One bit test for what most words end with (a space, a comma).
                let bit: UInt64 = 1 &<< UInt64(c & 63)
                if (c < 64 ? Self.endsPlainWordBelow64 : Self.endsPlainWordFrom64) & bit == 0 {
                    guard c == 0x2E, Self.sentencePeriod(b, e, end, letters: n) else { return nil }
                    period = true
                }
                spaceAfter = c < 64 && Self.asciiSpaces & bit != 0
            } else {
                spaceAfter = false
                guard c == 0xE2, e + 2 < end, b[e + 1] == 0x80, b[e + 2] >= 0x80, b[e + 2] < 0xC0,
                      Self.endsWordAfterE280 & (1 << UInt64(b[e + 2] & 0x3F)) != 0 else { return nil }
            }
        }
        // Upper-case letters have bit 5 clear: shifted to bit 7, it clears their letter bit.
        let kept = Self.lowBytes(n), kept2 = Self.lowBytes(n - 8)
        let upperBits = letters & ~(w &<< 2) & kept
        let upperBits2 = letters2 & ~(w2 &<< 2) & kept2
        var shape: Token.Shape = upperBits & 0x80 != 0 ? .capitalized : .lowercase
        if n >= 2 && upperBits == letters & kept && upperBits2 == letters2 & kept2 { shape.insert(.allCaps) }
        // The id and its flags from one slot of the index; with a sentence's period, also the
        // word with its period ("mr.": the period packed after the letters).
        var entry: QuoteWordIndex.Entry
        var withPeriod = QuoteWordIndex.Entry()
        if n <= QuoteWordIndex.maximumLength {
            let packed = (w & kept) | (upperBits >> 2)
            entry = keys.entry(packed: packed)
            if period {
                withPeriod = n < QuoteWordIndex.maximumLength
                    ? keys.entry(packed: packed | (0x2E &<< UInt64(8 * n)))
                    : lexicon.index.entry(packed: packed, rest: 0x2E)
            }
        } else {
            // Nine to sixteen letters: all of the first eight bytes, then the rest.
            let packed = w | (upperBits >> 2), rest = (w2 & kept2) | (upperBits2 >> 2)
            entry = lexicon.index.entry(packed: packed, rest: rest)
            if period { withPeriod = lexicon.index.entry(packed: packed, rest: rest | (0x2E &<< UInt64(8 * (n - 8)))) }
        }
        // The period belongs to the word when the word is an initial ("H.") or the lexicon
        // lists it with its period ("Mr.", "Gov."), as `word` decides for a period followed by
        // white space or the paragraph end.
        var tokenEnd = e
        if period && (withPeriod.id >= 0 || (n == 1 && shape.contains(.capitalized))) {
            entry = withPeriod
            tokenEnd = e + 1
            shape.insert(.abbreviation)
            spaceAfter = true
        }
        if afterSpace || i == start || Self.spaceAt(b, Self.scalarStart(before: i, b, start), start, end) { shape.insert(.spaceBefore) }
        if spaceAfter { shape.insert(.spaceAfter) }
        // `i < e <= end <= Int32.max` (the precondition): the offsets fit without a check.
        tokens.append(Token(start: Int32(truncatingIfNeeded: i), end: Int32(truncatingIfNeeded: tokenEnd), kind: .word, shape: shape,
                            word: entry.id, flags: entry.flags))
        return tokenEnd
    }

    /// True when the period at `e`, right after a plain word of `letters` letters, ends a
    /// sentence in the way the short cut reads: white space or the paragraph end follows it
    /// (so it joins nothing, as in "U.S.", is no ellipsis, and stands before no comma or
    /// bracket that would glue it to an abbreviation), and the word with it fits the index's
    /// keys (fifteen letters at most), to look up as an abbreviation ("Mr.").
    @inline(__always)
    static func sentencePeriod(_ b: UnsafeBufferPointer<UInt8>, _ e: Int, _ end: Int, letters: Int) -> Bool {
        letters < QuoteWordIndex.maximumLongLength && (e + 1 == end || isSpace(b[e + 1]))
    }
}
