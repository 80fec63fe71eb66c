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
    /// When the verdict is certain before all the words are read.
    static let certainty = Certainty()

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

    /// Per byte: 1 when it shows that its word holds a letter (an ASCII letter, or the lead byte
    /// of a scalar from U+00C0 on outside U+2000–U+2FFF), else 0. A run of other bytes is no
    /// word: quotation marks, dashes and symbols written apart (“ ” « » — €, lead bytes 0xC2 and
    /// 0xE2 with their continuation bytes) are not counted, so a text of only such marks is too
    /// short to judge rather than "not English" (before session 33 each counted as a word that
    /// is no marker).
    private static let letterBytes: [UInt8] = (0..<256).map { b in
        switch b {
        case 0x41...0x5A, 0x61...0x7A, 0xC3...0xE1, 0xE3...0xF4: return 1
        default: return 0
        }
    }

    init(words: String) {
        let all = LexiconText.entries(words).map { Array($0.text.lowercased().utf8) }
        let packed = Set(all.filter { $0.count <= 8 }.map(PackedWord.pack))
        var size = 16
        while size < packed.count * 4 { size *= 2 }
        var slots = [UInt64](repeating: 0, count: size)
        for key in packed.sorted() {
            var s = PackedWord.slot(key, mask: size - 1)
            while slots[s] != 0 { s = (s + 1) & (size - 1) }
            slots[s] = key
        }
        markerSlots = slots
        longMarkers = Set(all.filter { $0.count > 8 })
    }

    /// The verdict on `words` words read of which `hits` are markers, once the text or the
    /// `englishCheckWords` limit is reached: a text of fewer than `englishCheckMinimumWords`
    /// words is not judged (it passes), else the share of markers must reach `englishMarkerShare`.
    static func verdict(words: Int, hits: Int) -> Bool {
        guard words >= QuotesLexiconData.englishCheckMinimumWords else { return true }
        return Double(hits) >= QuotesLexiconData.englishMarkerShare * Double(words)
    }

    /// Per number of words read so far, the hits that settle the verdict whatever the rest of
    /// the text holds, derived from `verdict` itself (no arithmetic of its own), so stopping
    /// there gives the verdict that reading on would: the text may end after any later word, each
    /// later word may or may not be a marker, and reading stops at `englishCheckWords`.
    struct Certainty: Sendable {
        /// `yes[w]`: with `w` words read, at least this many hits make the text English for certain.
        let yes: [Int]
        /// `no[w]`: with `w` words read and `h` hits, `h - w < no[w]` makes it not English for
        /// certain (never while the text could still end below `englishCheckMinimumWords`).
        let no: [Int]

        init() {
            let limit = QuotesLexiconData.englishCheckWords
            // The fewest hits that pass when the text ends after exactly `f` words (`f + 1`: none do).
            let needed = (0...limit).map { f in (0...f).first { EnglishCheck.verdict(words: f, hits: $0) } ?? f + 1 }
            // With `w` words and `h` hits read, ending after `f >= w` words holds between `h` and
            // `h + (f - w)` hits. It passes for every such f when `h >= needed[f]` for all of them,
            // and fails for every f when `h + (f - w) < needed[f]`, i.e. `h - w < needed[f] - f`.
            var yes = [Int](repeating: 0, count: limit + 1)
            var no = [Int](repeating: 0, count: limit + 1)
            var mostNeeded = Int.min
            var leastMargin = Int.max
            for w in stride(from: limit, through: 0, by: -1) {
                mostNeeded = max(mostNeeded, needed[w])
                leastMargin = min(leastMargin, needed[w] - w)
                yes[w] = mostNeeded
                no[w] = leastMargin
            }
            self.yes = yes
            self.no = no
        }

        /// The verdict when `hits` of `words` words read settle it, else nil.
        @inline(__always) func settled(words: Int, hits: Int) -> Bool? {
            if hits >= yes[words] { return true }
            if hits - words < no[words] { return false }
            return nil
        }
    }

    /// Whether the run `range` of `bytes` holds a byte of `letterBytes`.
    @inline(never)
    private static func holdsLetter(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        letterBytes.withUnsafeBufferPointer { letters in range.contains { letters[Int(bytes[$0])] != 0 } }
    }

    @inline(__always) private static func isPackedMarker(_ key: UInt64, _ slots: UnsafeBufferPointer<UInt64>) -> Bool {
        let mask = slots.count - 1
        var s = PackedWord.slot(key, mask: mask)
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
    /// "Präsident" is one word that is no marker). Reading stops as soon as the verdict is
    /// certain (`Certainty`).
    ///
    /// Marks and symbols written apart are no words (`letterBytes`), but telling them apart costs
    /// every word a test, so the text is read first with them counted as words that are no
    /// markers: that reading's verdict "English" is the verdict (a mark taken off only raises
    /// the share of markers, or leaves a text too short to judge, and reading further words in
    /// its place cannot lower the share below one the words read already reached), and only a
    /// text it finds not English is read again with marks taken apart.
    func looksEnglish(_ text: [UInt8]) -> Bool {
        text.withUnsafeBufferPointer { bytes in
            countMarkers(bytes, stopEarly: true, marksAreWords: true).english
                || countMarkers(bytes, stopEarly: true, marksAreWords: false).english
        }
    }

    /// What reading the start of a text found: the words read, the marker words among them, and
    /// the verdict.
    struct Reading: Equatable, Sendable {
        var words: Int
        var hits: Int
        var english: Bool
    }

    /// Reads the first `englishCheckWords` words of `text`, or, with `stopEarly`, only until the
    /// verdict is certain; the verdict is the same either way.
    func read(_ text: [UInt8], stopEarly: Bool) -> Reading {
        text.withUnsafeBufferPointer { countMarkers($0, stopEarly: stopEarly, marksAreWords: false) }
    }

    /// Counts the words of `bytes` and the marker words among them, up to `englishCheckWords`
    /// words or, with `stopEarly`, until `Certainty` settles the verdict. One pass over the
    /// bytes, with the running word in locals: each byte costs a table read, a test and (in a
    /// word's first eight bytes) a shift. With `marksAreWords` a run of marks and symbols alone
    /// counts as a word that is no marker (the cheaper reading `looksEnglish` tries first);
    /// without it, a run that opens with a non-ASCII byte is read again for a letter (in a
    /// function of its own: inlined, its loop cost every word of every text more).
    @inline(never)
    private func countMarkers(_ bytes: UnsafeBufferPointer<UInt8>, stopEarly: Bool, marksAreWords: Bool) -> Reading {
        let limit = QuotesLexiconData.englishCheckWords
        let count = bytes.count
        let hasLong = !longMarkers.isEmpty
        var words = 0, hits = 0
        var settled: Bool?
        let certainty = Self.certainty
        var i = 0
        Self.wordBytes.withUnsafeBufferPointer { wordBytes in
            markerSlots.withUnsafeBufferPointer { slots in
                while words < limit {
                    if stopEarly, let verdict = certainty.settled(words: words, hits: hits) {
                        settled = verdict
                        break
                    }
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
                    // Marks and symbols only: no word. The only ASCII bytes of a word are letters,
                    // so only a word that opens with a non-ASCII byte is read again for one.
                    if !marksAreWords && bytes[start] >= 0x80 && !Self.holdsLetter(bytes, start..<i) { continue }
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
        return Reading(words: words, hits: hits, english: settled ?? Self.verdict(words: words, hits: hits))
    }
}
