import Foundation

/// Which differences between two texts dedup ignores when it compares them.
public struct TextFolding: Hashable, Sendable {
    /// Lower-case every letter ("The" = "the").
    public var foldCase: Bool
    /// Ignore punctuation and symbols: quote and dash styles, "U.S." = "US"... (when false,
    /// each punctuation character is a token of its own).
    public var foldPunctuation: Bool
    /// Unicode compatibility folding (NFKC: "ﬁ" = "fi", full-width = ASCII, "é" = "e\u{301}").
    public var compatibility: Bool

    public init(foldCase: Bool = true, foldPunctuation: Bool = true, compatibility: Bool = true) {
        self.foldCase = foldCase
        self.foldPunctuation = foldPunctuation
        self.compatibility = compatibility
    }
}

/// Turns UTF-8 text into a sequence of 64-bit word hashes, folding case, punctuation and
/// Unicode compatibility forms as configured. White space never matters.
///
/// A word is a run of letters, digits and combining marks; each Han, kana or Thai character is
/// a word of its own (those scripts do not put spaces between words). Invisible format
/// characters (soft hyphen, zero-width joiners) are skipped without breaking a word.
///
/// ASCII is classified through a table; other scalars are classified and folded once each and
/// cached, so the tokenizer is a `mutating` value: give each thread its own.
public struct WordTokenizer: Sendable {
    public let folding: TextFolding
    private var cache: [UInt32: FoldedScalar] = [:]
    /// The last scalar folded in each of `recentSlots` slots (by its low bits), in front of
    /// `cache`: news text repeats a handful of non-ASCII scalars (curly quotes, apostrophes,
    /// dashes), and a slot's compare is a fraction of a dictionary's hash and probe. Scalar 0
    /// (ASCII, never folded here) marks an empty slot.
    private var recent: [RecentScalar] = []
    /// The folded scalars of every `FoldedScalar`, end to end.
    private(set) var pool: [UInt32] = []

    /// A slot of `recent`.
    struct RecentScalar: Sendable {
        var scalar: UInt32
        var folded: FoldedScalar
    }

    /// Slots of `recent` (a power of two): U+2013–U+201D, U+2026 and a script's letters each
    /// get their own.
    static let recentSlots = 64

    /// What a non-ASCII scalar becomes.
    struct FoldedScalar: Sendable {
        enum Kind: UInt8, Sendable { case separator, punctuation, word, ideograph, ignorable }
        var kind: Kind
        /// The folded scalars, `pool[start..<start+count]`.
        var start: Int32
        var count: Int32
    }

    public init(folding: TextFolding = TextFolding()) {
        self.folding = folding
    }

    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    /// ASCII classes: 0 separator, 1 word, 2 punctuation.
    static let asciiClass: [UInt8] = (0..<128).map { c -> UInt8 in
        if (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) { return 1 }
        if c <= 0x20 || c == 0x7F { return 0 }
        return 2
    }

    /// For each byte: the byte a word hashes for it (an ASCII letter or digit, lower-cased
    /// when folding case), 0 for every other byte.
    static let wordBytes: [UInt8] = (0..<256).map { (c: Int) -> UInt8 in
        guard c < 128, WordTokenizer.asciiClass[c] == 1 else { return 0 }
        return UInt8(c)
    }
    static let foldedWordBytes: [UInt8] = (0..<256).map { (c: Int) -> UInt8 in
        guard c < 128, WordTokenizer.asciiClass[c] == 1 else { return 0 }
        let isUpper = c >= 0x41 && c <= 0x5A
        return UInt8(isUpper ? c | 0x20 : c)
    }

    /// Appends the hash of every word of `b[start..<end]` to `tokens`.
    ///
    /// The hashes go to a buffer on the stack (`TokenBuffer`, flushed to `tokens` every
    /// `TokenBuffer.capacity` words), not through `Array.append` one by one (its capacity check and
    /// the array's header reloaded for every word). When the byte at `end` is in the buffer and
    /// ends a word (`wordByte` 0: not an ASCII letter or digit), a run of ASCII letters and
    /// digits is hashed without testing for `end` at every byte: that byte stops it.
    public mutating func tokenize(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, into tokens: inout [UInt64]) {
        let keepPunctuation = !folding.foldPunctuation
        let words = folding.foldCase ? Self.foldedWordBytes : Self.wordBytes
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: TokenBuffer.capacity) { space in
        words.withUnsafeBufferPointer { wordByte in Self.asciiClass.withUnsafeBufferPointer { table in
            var out = TokenBuffer(space.baseAddress!)
            let stopsAtEnd = end < b.count && wordByte[Int(b[end])] == 0
            var h = Self.fnvOffset
            var inWord = false
            var i = start
            while i < end {
                let c = b[i]
                if c < 0x80 {
                    // A run of ASCII letters and digits, hashed in one go (`i` stays at most
                    // `end`: no overflow check).
                    var v = wordByte[Int(c)]
                    if v != 0 {
                        if stopsAtEnd {
                            // Two bytes a turn (the same products in the same order).
                            repeat {
                                h = (h ^ UInt64(v)) &* Self.fnvPrime
                                v = wordByte[Int(b[i &+ 1])]
                                if v == 0 { i &+= 1; break }
                                h = (h ^ UInt64(v)) &* Self.fnvPrime
                                i &+= 2
                                v = wordByte[Int(b[i])]
                            } while v != 0
                        } else {
                            repeat {
                                h = (h ^ UInt64(v)) &* Self.fnvPrime
                                i &+= 1
                                if i == end { break }
                                v = wordByte[Int(b[i])]
                            } while v != 0
                        }
                        inWord = true
                        continue
                    }
                    if inWord { out.append(Self.finish(h), to: &tokens); h = Self.fnvOffset; inWord = false }
                    if keepPunctuation && table[Int(c)] == 2 { out.append(Self.finish((Self.fnvOffset ^ UInt64(c)) &* Self.fnvPrime), to: &tokens) }
                    i += 1
                    continue
                }
                let (scalar, length) = UTF8Bytes.decode(b, at: i)
                i += length
                let folded = fold(scalar)
                switch folded.kind {
                case .ignorable:
                    continue
                case .word:
                    for k in Int(folded.start)..<Int(folded.start + folded.count) {
                        h = (h ^ UInt64(pool[k])) &* Self.fnvPrime
                    }
                    inWord = true
                case .ideograph:
                    if inWord { out.append(Self.finish(h), to: &tokens); h = Self.fnvOffset; inWord = false }
                    var g = Self.fnvOffset
                    for k in Int(folded.start)..<Int(folded.start + folded.count) { g = (g ^ UInt64(pool[k])) &* Self.fnvPrime }
                    out.append(Self.finish(g), to: &tokens)
                case .punctuation, .separator:
                    if inWord { out.append(Self.finish(h), to: &tokens); h = Self.fnvOffset; inWord = false }
                    if folded.kind == .punctuation && keepPunctuation {
                        var g = Self.fnvOffset
                        for k in Int(folded.start)..<Int(folded.start + folded.count) { g = (g ^ UInt64(pool[k])) &* Self.fnvPrime }
                        out.append(Self.finish(g), to: &tokens)
                    }
                }
            }
            if inWord { out.append(Self.finish(h), to: &tokens) }
            out.flush(to: &tokens)
        } }
        }
    }

    /// Word hashes on their way to an array: written to a fixed buffer (`capacity` values) and
    /// appended to the array in one go when it is full and at the end.
    struct TokenBuffer {
        /// 128 values, 1 KiB: what `withUnsafeTemporaryAllocation` still puts on the stack
        /// (above it, it calls `malloc`).
        static let capacity = 128
        let base: UnsafeMutablePointer<UInt64>
        var count = 0

        init(_ base: UnsafeMutablePointer<UInt64>) { self.base = base }

        @inline(__always) mutating func append(_ token: UInt64, to tokens: inout [UInt64]) {
            base[count] = token
            count &+= 1
            if count == Self.capacity { flush(to: &tokens) }
        }

        mutating func flush(to tokens: inout [UInt64]) {
            tokens.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
            count = 0
        }
    }

    /// A final mix so that similar words get unrelated hashes.
    @inline(__always) static func finish(_ h: UInt64) -> UInt64 {
        var x = h
        x ^= x >> 33; x &*= 0xff51_afd7_ed55_8ccd
        x ^= x >> 33; x &*= 0xc4ce_b9fe_1a85_ec53
        x ^= x >> 33
        return x
    }

    /// Classifies and folds one non-ASCII scalar (cached).
    mutating func fold(_ scalar: UInt32) -> FoldedScalar {
        if recent.isEmpty {
            recent = Array(repeating: RecentScalar(scalar: 0, folded: FoldedScalar(kind: .separator, start: 0, count: 0)),
                           count: Self.recentSlots)
        }
        let slot = Int(truncatingIfNeeded: scalar) & (Self.recentSlots - 1)
        let seen = recent[slot]
        if seen.scalar == scalar { return seen.folded }
        let entry: FoldedScalar
        if let hit = cache[scalar] {
            entry = hit
        } else {
            entry = Self.classify(scalar, folding: folding, pool: &pool)
            cache[scalar] = entry
        }
        recent[slot] = RecentScalar(scalar: scalar, folded: entry)
        return entry
    }

    static func classify(_ value: UInt32, folding: TextFolding, pool: inout [UInt32]) -> FoldedScalar {
        guard let scalar = Unicode.Scalar(value) else { return FoldedScalar(kind: .separator, start: 0, count: 0) }
        let kind: FoldedScalar.Kind
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            kind = isUnspacedScript(value) ? .ideograph : .word
        case .format:
            kind = .ignorable
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .surrogate, .privateUse, .unassigned:
            kind = .separator
        default:
            kind = .punctuation
        }
        if kind == .separator || kind == .ignorable { return FoldedScalar(kind: kind, start: 0, count: 0) }
        var s = String(Character(scalar))
        if folding.compatibility { s = s.decomposedStringWithCompatibilityMapping }
        if folding.foldCase { s = s.lowercased() }
        let start = pool.count
        for u in s.unicodeScalars where u.properties.generalCategory != .format { pool.append(u.value) }
        return FoldedScalar(kind: kind, start: Int32(start), count: Int32(pool.count - start))
    }

    /// Scripts written without spaces between words: each character is a word.
    static func isUnspacedScript(_ v: UInt32) -> Bool {
        (0x0E00...0x0EFF).contains(v) || (0x1000...0x109F).contains(v) || (0x1780...0x17FF).contains(v)
            || (0x3040...0x30FF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x20000...0x3FFFF).contains(v)
    }
}
