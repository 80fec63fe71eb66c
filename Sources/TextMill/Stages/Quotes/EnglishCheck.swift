/// Whether a document is English enough for the `quotes` stage, whose cues, grammar and word
/// lists are English only: from `meta.language.code` when the `language` stage ran, else from
/// the share of very common English words among the text's first words
/// (`QuotesLexiconData.englishMarkerWords` and the thresholds beside it).
struct EnglishCheck: Sendable {
    /// The marker words of up to eight bytes, lower case, each packed into an integer (byte `k`
    /// of the word in bits `8k…8k+7`; no byte is zero, so distinct words give distinct keys and
    /// no key is 0), in an open-addressing table of a power-of-two size at most a quarter full
    /// (0 for an empty slot): one multiply and usually one probe a word read, no hashing of bytes.
    private let markerSlots: [UInt64]
    /// Longer marker words, lower case, as UTF-8 bytes (none in the standard list).
    private let longMarkers: Set<[UInt8]>

    static let standard = EnglishCheck(words: QuotesLexiconData.englishMarkerWords)

    /// Per byte: its lower-case form when it is part of a word (an ASCII letter, or any
    /// non-ASCII byte), else 0.
    private static let wordBytes: [UInt8] = (0..<256).map { b in
        switch b {
        case 0x41...0x5A: return UInt8(b + 0x20)
        case 0x61...0x7A, 0x80...0xFF: return UInt8(b)
        default: return 0
        }
    }

    init(words: String) {
        let all = LexiconText.entries(words).map { Array($0.text.lowercased().utf8) }
        let packed = Set(all.filter { $0.count <= 8 }.map(EnglishCheck.pack))
        var size = 16
        while size < packed.count * 4 { size *= 2 }
        var slots = [UInt64](repeating: 0, count: size)
        for key in packed.sorted() {
            var s = Self.slot(key, mask: size - 1)
            while slots[s] != 0 { s = (s + 1) & (size - 1) }
            slots[s] = key
        }
        markerSlots = slots
        longMarkers = Set(all.filter { $0.count > 8 })
    }

    /// A word of at most eight bytes as one integer (see `markerSlots`).
    static func pack(_ word: [UInt8]) -> UInt64 {
        var key: UInt64 = 0
        for (k, b) in word.enumerated() { key |= UInt64(b) << (8 * UInt64(k)) }
        return key
    }

    /// The first slot of `key` (Fibonacci hashing: the high bits of a multiply, folded down).
    @inline(__always) private static func slot(_ key: UInt64, mask: Int) -> Int {
        let h = key &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
    }

    @inline(__always) private static func isPackedMarker(_ key: UInt64, _ slots: UnsafeBufferPointer<UInt64>) -> Bool {
        let mask = slots.count - 1
        var s = slot(key, mask: mask)
        while true {
            let k = slots[s]
            if k == key { return true }
            if k == 0 { return false }
            s = (s + 1) & mask
        }
    }

    /// False when the document is known or seen not to be English: `meta.language.code` other
    /// than "en" (an unknown "un" counts as unknown, not as another language), or, with no code,
    /// a text whose first words hold too few English marker words.
    func isEnglish(text: [UInt8], meta: JSONObject) -> Bool {
        if let code = meta["language"]?.objectValue?["code"]?.stringValue, code != "un" {
            return code == "en"
        }
        return looksEnglish(text)
    }

    /// The share of marker words among the first `englishCheckWords` words of `text` is at
    /// least `englishMarkerShare`; a text of fewer than `englishCheckMinimumWords` words is not
    /// judged (it passes). A word is a run of letters (any non-ASCII byte counts as a letter, so
    /// "Präsident" is one word that is no marker).
    func looksEnglish(_ text: [UInt8]) -> Bool {
        let (words, hits) = text.withUnsafeBufferPointer { countMarkers($0) }
        guard words >= QuotesLexiconData.englishCheckMinimumWords else { return true }
        return Double(hits) >= QuotesLexiconData.englishMarkerShare * Double(words)
    }

    /// The words among the first `englishCheckWords` of `bytes` and how many of them are
    /// marker words. One pass over the bytes, with the running word in locals: each byte costs a
    /// table read, a test and (in a word's first eight bytes) a shift.
    private func countMarkers(_ bytes: UnsafeBufferPointer<UInt8>) -> (words: Int, hits: Int) {
        let limit = QuotesLexiconData.englishCheckWords
        let count = bytes.count
        let hasLong = !longMarkers.isEmpty
        var words = 0, hits = 0
        var i = 0
        Self.wordBytes.withUnsafeBufferPointer { wordBytes in
            markerSlots.withUnsafeBufferPointer { slots in
                while words < limit {
                    // Skip to the next word.
                    while i < count && wordBytes[Int(bytes[i])] == 0 { i += 1 }
                    guard i < count else { break }
                    let start = i
                    var key: UInt64 = 0
                    var shift: UInt64 = 0
                    // Its first eight bytes, packed; then the rest, only read past.
                    while i < count && shift < 64 {
                        let lower = wordBytes[Int(bytes[i])]
                        if lower == 0 { break }
                        key |= UInt64(lower) << shift
                        shift += 8
                        i += 1
                    }
                    while i < count && wordBytes[Int(bytes[i])] != 0 { i += 1 }
                    words += 1
                    let length = i - start
                    if length <= 8 {
                        if Self.isPackedMarker(key, slots) { hits += 1 }
                    } else if hasLong {
                        // Longer than any marker is still one word; its first 32 bytes are compared.
                        let word = (start..<min(i, start + 32)).map { wordBytes[Int(bytes[$0])] }
                        if longMarkers.contains(word) { hits += 1 }
                    }
                }
            }
        }
        return (words, hits)
    }
}
