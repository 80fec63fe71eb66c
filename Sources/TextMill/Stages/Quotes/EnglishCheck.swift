/// Whether a document is English enough for the `quotes` stage, whose cues, grammar and word
/// lists are English only: from `meta.language.code` when the `language` stage ran, else from
/// the share of very common English words among the text's first words
/// (`QuotesLexiconData.englishMarkerWords` and the thresholds beside it).
struct EnglishCheck: Sendable {
    /// The marker words of up to eight bytes, lower case, each packed into an integer (byte `k`
    /// of the word in bits `8k…8k+7`; no byte is zero, so distinct words give distinct keys),
    /// sorted for a binary search: no hashing per word read.
    private let packedMarkers: [UInt64]
    /// Longer marker words, lower case, as UTF-8 bytes (none in the standard list).
    private let longMarkers: Set<[UInt8]>

    static let standard = EnglishCheck(words: QuotesLexiconData.englishMarkerWords)

    init(words: String) {
        let all = LexiconText.entries(words).map { Array($0.text.lowercased().utf8) }
        packedMarkers = Set(all.filter { $0.count <= 8 }.map(EnglishCheck.pack)).sorted()
        longMarkers = Set(all.filter { $0.count > 8 })
    }

    /// A word of at most eight bytes as one integer (see `packedMarkers`).
    static func pack(_ word: [UInt8]) -> UInt64 {
        var key: UInt64 = 0
        for (k, b) in word.enumerated() { key |= UInt64(b) << (8 * UInt64(k)) }
        return key
    }

    private func isPackedMarker(_ key: UInt64) -> Bool {
        var lo = 0, hi = packedMarkers.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if packedMarkers[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo < packedMarkers.count && packedMarkers[lo] == key
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
            var i = 0
            // One past the end stands for a separator, so the last word is finished too.
            while i <= bytes.count && words < limit {
                let b: UInt8 = i < bytes.count ? bytes[i] : 0x20
                i += 1
                if (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b >= 0x80 {
                    let lower = b >= 0x41 && b <= 0x5A ? b + 0x20 : b
                    if length < 8 { key |= UInt64(lower) << (8 * UInt64(length)) }
                    // Words longer than any marker are still one word; their bytes need not be kept.
                    if keepBytes && word.count < 32 { word.append(lower) }
                    length += 1
                } else if length > 0 {
                    words += 1
                    if length <= 8 ? isPackedMarker(key) : keepBytes && longMarkers.contains(word) { hits += 1 }
                    length = 0
                    key = 0
                    if keepBytes { word.removeAll(keepingCapacity: true) }
                }
            }
        }
        guard words >= QuotesLexiconData.englishCheckMinimumWords else { return true }
        return Double(hits) >= QuotesLexiconData.englishMarkerShare * Double(words)
    }
}
