/// The tokenizer's special cases from `EnglishWordLexicon` (abbreviations that stay whole,
/// contractions with the place they split, units split off a number) as one table keyed by a
/// chunk's bytes, so a chunk is looked up without building a `String`.
///
/// Every special case is Latin-1 (ASCII and "ä.", "ö.", "ü."), so a key is one byte a
/// character: the scalar's value, ’ read as ' (as the tokenizer does), and the forms Unicode
/// makes canonically equal to a Latin-1 character, which `String` comparison matches: a letter
/// followed by a combining diaeresis (U+0308) as the letter with diaeresis, KELVIN SIGN as K,
/// ANGSTROM SIGN as Å, GREEK QUESTION MARK as ;, GREEK VARIA as `. A chunk with any other
/// scalar is no special case.
struct SpecialCases {
    /// A chunk of at most 15 Latin-1 characters: the characters in order, the length in the top byte.
    struct Key: Equatable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        /// The key of `bytes` (at most 15).
        init(_ bytes: some Collection<UInt8>) {
            for (k, b) in bytes.enumerated() { set(k, b) }
            high |= UInt64(bytes.count) << 56
        }

        init() {}

        /// Puts `byte` at position `k`, replacing what was there.
        @inline(__always)
        mutating func set(_ k: Int, _ byte: UInt8) {
            let shift = UInt64(8 * (k & 7))
            if k < 8 { low = low & ~(0xFF << shift) | UInt64(byte) << shift } else { high = high & ~(0xFF << shift) | UInt64(byte) << shift }
        }

        @inline(__always)
        var slot: Int {
            var h = (low ^ (high &* 0x9E3779B97F4A7C15)) &* 0xff51afd7ed558ccd
            h ^= h >> 33
            return Int(truncatingIfNeeded: h)
        }
    }

    /// What a key is: an abbreviation or a unit (both matched case-sensitively) and where its
    /// lower-case form splits, counted from the end (0: no split).
    struct Entry {
        var isAbbreviation = false
        var isUnit = false
        var cutFromEnd: Int8 = 0
    }

    /// The longest chunk any special case has (`EnglishWords.mayBeSpecial` allows 12).
    static let maxLength = 15

    private var keys: [Key]
    private var entries: [Entry]
    private var used: [Bool]
    private let mask: Int

    /// The table of `EnglishWordLexicon`'s special cases.
    static let english = SpecialCases()

    private init() {
        typealias L = EnglishWordLexicon
        let size = 2048
        keys = Array(repeating: Key(), count: size)
        entries = Array(repeating: Entry(), count: size)
        used = Array(repeating: false, count: size)
        mask = size - 1
        for word in L.abbreviations { update(word) { $0.isAbbreviation = true } }
        for word in L.units.union(["US$", "C$", "A$"]) { update(word) { $0.isUnit = true } }
        // Splits, in the order the tokenizer tries them: the first that applies wins.
        var cuts: [(String, Int)] = L.fusedWords.sorted { $0.key < $1.key }.map { ($0.key, $0.key.count - $0.value) }
        cuts += L.negatable.sorted().map { ($0 + "n't", 3) }
        cuts += L.negatableWithoutApostrophe.sorted().map { ($0 + "nt", 2) }
        for host in L.cliticHosts.sorted() {
            for clitic in L.clitics { cuts.append((host + "'" + clitic, clitic.count + 1)) }
        }
        for (word, cut) in cuts { update(word) { if $0.cutFromEnd == 0 { $0.cutFromEnd = Int8(cut) } } }
    }

    private mutating func update(_ word: String, _ change: (inout Entry) -> Void) {
        let bytes = word.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        precondition(bytes.count <= Self.maxLength && word.unicodeScalars.allSatisfy { $0.value < 0x100 },
                     "special case \(MessageText.quoted(word)) is not short Latin-1")
        let key = Key(bytes)
        var slot = key.slot & mask
        while used[slot] && keys[slot] != key { slot = (slot + 1) & mask }
        used[slot] = true
        keys[slot] = key
        change(&entries[slot])
    }

    /// The entry for `key`, if it is a special case.
    @inline(__always)
    func entry(_ key: Key) -> Entry? {
        var slot = key.slot & mask
        while used[slot] {
            if keys[slot] == key { return entries[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The Latin-1 character `c` reads as on its own, or nil.
    @inline(__always)
    static func latin1Reading(_ c: Unicode.Scalar) -> UInt8? {
        switch c.value {
        case 0..<0x100: return UInt8(c.value)
        case 0x2019: return UInt8(ascii: "'")
        case 0x212A: return UInt8(ascii: "K")
        case 0x212B: return 0xC5
        case 0x037E: return UInt8(ascii: ";")
        case 0x1FEF: return UInt8(ascii: "`")
        default: return nil
        }
    }

    /// The Latin-1 letter with diaeresis that `letter` followed by U+0308 is, or nil.
    static func withDiaeresis(_ letter: UInt8) -> UInt8? {
        switch letter {
        case UInt8(ascii: "A"): return 0xC4
        case UInt8(ascii: "E"): return 0xCB
        case UInt8(ascii: "I"): return 0xCF
        case UInt8(ascii: "O"): return 0xD6
        case UInt8(ascii: "U"): return 0xDC
        case UInt8(ascii: "a"): return 0xE4
        case UInt8(ascii: "e"): return 0xEB
        case UInt8(ascii: "i"): return 0xEF
        case UInt8(ascii: "o"): return 0xF6
        case UInt8(ascii: "u"): return 0xFC
        case UInt8(ascii: "y"): return 0xFF
        default: return nil
        }
    }

    /// The keys of `t[r]` as written and with ASCII capitals in lower case (the contractions
    /// are ASCII, so no other letter's case matters), or nil when it holds a scalar that reads
    /// as no Latin-1 character.
    @inline(__always)
    static func keys(_ t: ClassifiedText, _ r: Range<Int>) -> (exact: Key, lower: Key)? {
        guard r.count <= maxLength else { return nil }
        var exact = Key(), lower = Key()
        var k = 0, previous: UInt8 = 0
        for i in r {
            var b: UInt8
            if t[i].value == 0x0308, k > 0, let composed = withDiaeresis(previous) {
                k -= 1
                b = composed
            } else {
                guard let reading = latin1Reading(t[i]) else { return nil }
                b = reading
            }
            exact.set(k, b)
            lower.set(k, b >= 0x41 && b <= 0x5A ? b + 32 : b)
            previous = b
            k += 1
        }
        exact.high |= UInt64(k) << 56
        lower.high |= UInt64(k) << 56
        return (exact, lower)
    }
}
