/// Whether a document is English enough for the `quotes` stage, whose cues, grammar and word
/// lists are English only: from `meta.language.code` when the `language` stage ran, else from
/// the share of very common English words among the text's first words
/// (`QuotesLexiconData.englishMarkerWords` and the thresholds beside it).
struct EnglishCheck: Sendable {
    /// The marker words, lower case, as UTF-8 bytes.
    private let markers: Set<[UInt8]>

    static let standard = EnglishCheck(words: QuotesLexiconData.englishMarkerWords)

    init(words: String) {
        markers = Set(LexiconText.entries(words).map { Array($0.text.lowercased().utf8) })
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
        var word: [UInt8] = []
        word.reserveCapacity(32)
        func finish() {
            guard !word.isEmpty else { return }
            words += 1
            if markers.contains(word) { hits += 1 }
            word.removeAll(keepingCapacity: true)
        }
        for b in text {
            if words >= QuotesLexiconData.englishCheckWords { break }
            let letter = (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b >= 0x80
            if letter {
                // Words longer than any marker are still one word; their bytes need not be kept.
                if word.count < 32 { word.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b) }
            } else {
                finish()
            }
        }
        finish()
        guard words >= QuotesLexiconData.englishCheckMinimumWords else { return true }
        return Double(hits) >= QuotesLexiconData.englishMarkerShare * Double(words)
    }
}
