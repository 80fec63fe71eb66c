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
        var words = 0, hits = 0
        // The word being read: its length, its first eight bytes packed, and (only when there
        // are long markers) its bytes.
        var length = 0
        var key: UInt64 = 0
        var word: [UInt8] = []
        let keepBytes = !longMarkers.isEmpty
        let limit = QuotesLexiconData.englishCheckWords
        text.withUnsafeBufferPointer { bytes in
            Self.wordBytes.withUnsafeBufferPointer { wordBytes in
                markerSlots.withUnsafeBufferPointer { slots in
                    /// Counts the word just read.
                    func finishWord() {
                        words += 1
                        if length <= 8 ? Self.isPackedMarker(key, slots) : keepBytes && longMarkers.contains(word) { hits += 1 }
                        length = 0
                        key = 0
                        if keepBytes { word.removeAll(keepingCapacity: true) }
                    }
                    var i = 0
                    while i < bytes.count && words < limit {
                        let lower = wordBytes[Int(bytes[i])]
                        i += 1
                        if lower != 0 {
                            if length < 8 { key |= UInt64(lower) << (8 * UInt64(length)) }
                            // Words longer than any marker are still one word; their bytes need not be kept.
                            if keepBytes && word.count < 32 { word.append(lower) }
                            length += 1
                        } else if length > 0 {
                            finishWord()
                        }
                    }
                    // The end of the text ends the last word.
                    if length > 0 && words < limit { finishWord() }
                }
            }
        }
        guard words >= QuotesLexiconData.englishCheckMinimumWords else { return true }
        return Double(hits) >= QuotesLexiconData.englishMarkerShare * Double(words)
    }
}
