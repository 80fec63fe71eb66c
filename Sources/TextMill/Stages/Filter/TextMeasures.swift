/// The statistics quality rules look at, computed from one document's text on first use and
/// kept for the next rule. Lengths count Unicode scalars (Python's `len`), as datatrove does.
struct TextMeasures {
    /// The text as scalars, each with its class.
    let text: ClassifiedText
    let settings: FilterSettings

    init(_ bytes: [UInt8], settings: FilterSettings) {
        text = ClassifiedText(utf8: bytes)
        self.settings = settings
    }

    /// The words of the whole text (`EnglishWords`), in an array no larger than they need: the
    /// split's doublings left up to twice the room (a 10 MB text of one-letter words kept 134 MB
    /// of ranges for 80 MB of words), and every rule after it keeps this array.
    lazy var words: [Range<Int>] = {
        let split = EnglishWords.split(text)
        guard split.capacity > split.count + split.count / 8 else { return split }
        var fitted: [Range<Int>] = []
        fitted.reserveCapacity(split.count)
        fitted.append(contentsOf: split)
        return fitted
    }()

    /// The number and the total length of the words with at least one character that is not
    /// punctuation (counted, not kept: an array of them took 16 bytes a word).
    lazy var contentWords: (count: Int, characters: Int) = {
        var count = 0, characters = 0
        for w in words where !text.all(w, .datatrovePunctuation) {
            count += 1
            characters += w.count
        }
        return (count, characters)
    }()

    /// Mean length of the content words, nil when there are none.
    lazy var meanWordLength: Double? = {
        let words = contentWords
        guard words.count > 0 else { return nil }
        return Double(words.characters) / Double(words.count)
    }()

    /// Lines as Python's `str.splitlines` makes them.
    lazy var lines: [Range<Int>] = Characters.splitLines(text.scalars)

    /// Occurrences of "#", of "..." (not overlapping, as Python's `str.count`) and of "…", in one pass.
    lazy var symbolCounts: (hashes: Int, dots: Int, ellipses: Int) = {
        var hashes = 0, dots = 0, ellipses = 0, run = 0
        for c in text.scalars {
            if c == "." { run += 1; continue }
            dots += run / 3
            run = 0
            if c == "#" { hashes += 1 } else if c == "…" { ellipses += 1 }
        }
        return (hashes, dots + run / 3, ellipses)
    }()

    /// Share of lines whose text (white space dropped at `trimming` end) satisfies `test`.
    mutating func lineShare(_ test: (ArraySlice<Unicode.Scalar>) -> Bool, trimLeading: Bool) -> Double? {
        let lines = self.lines
        guard !lines.isEmpty else { return nil }
        var hits = 0
        for line in lines {
            var lo = line.lowerBound, hi = line.upperBound
            if trimLeading { while lo < hi && text.cls(lo).contains(.space) { lo += 1 } } else { while hi > lo && text.cls(hi - 1).contains(.space) { hi -= 1 } }
            if test(text[lo..<hi]) { hits += 1 }
        }
        return Double(hits) / Double(lines.count)
    }

    /// Distinct stop words among the words (case-sensitive, as datatrove), found by word hash.
    mutating func stopWordCount() -> Int {
        let words = self.words, hashes = self.wordHashes
        let stops = settings.stopWordsByHash
        var found = Array(repeating: false, count: stops.count)
        for (k, w) in words.enumerated() where w.count <= settings.longestStopWord {
            let h = hashes[k]
            for (s, stop) in stops.enumerated() where stop.hash == h && !found[s] && text[w].elementsEqual(stop.scalars) { found[s] = true }
        }
        return found.filter { $0 }.count
    }

    /// FNV-1a over scalars: the word hash `wordHashes` and the stop-word table share.
    static func fnv(_ scalars: some Sequence<Unicode.Scalar>) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for c in scalars { h = (h ^ UInt64(c.value)) &* 0x100000001b3 }
        return h
    }

    /// Number of duplicate items and their total length, each item after its first occurrence
    /// (items compared by a 64-bit hash of their text).
    func duplicates(_ items: [Range<Int>]) -> (items: Int, chars: Int) {
        let seen = HashCounts(capacity: items.count)
        var dupItems = 0, dupChars = 0
        for (k, r) in items.enumerated() where seen.add(Self.fnv(text[r]) ^ UInt64(r.count), at: k) > 1 {
            dupItems += 1
            dupChars += r.count
        }
        return (dupItems, dupChars)
    }

    /// Paragraphs: the trimmed text split at runs of two or more newlines.
    lazy var paragraphs: [Range<Int>] = {
        var lo = 0, hi = text.count
        while lo < hi && text.cls(lo).contains(.space) { lo += 1 }
        while hi > lo && text.cls(hi - 1).contains(.space) { hi -= 1 }
        return Characters.split(text.scalars, lo..<hi, atNewlineRunsOf: 2)
    }()

    /// Lines for the repetition rules: the text split at runs of newlines (empty ends kept).
    lazy var newlineRuns: [Range<Int>] = Characters.split(text.scalars, 0..<text.count, atNewlineRunsOf: 1)

    lazy var paragraphDuplicates: (items: Int, chars: Int) = duplicates(paragraphs)
    lazy var lineDuplicates: (items: Int, chars: Int) = duplicates(newlineRuns)

    /// The multiplier of the n-gram hash polynomial (odd).
    static let gramBase: UInt64 = 0x9E3779B97F4A7C15

    /// `gramBase` to the power `n`.
    static func gramPower(_ n: Int) -> UInt64 {
        var p: UInt64 = 1
        for _ in 0..<n { p = p &* gramBase }
        return p
    }

    /// An n-gram's polynomial hash (the sum of its words' FNV hashes times `gramBase` to the
    /// power of the words after each) mixed so that its low bits can pick a table slot.
    @inline(__always)
    static func mixGram(_ polynomial: UInt64, _ n: Int) -> UInt64 {
        var h = (polynomial ^ UInt64(n)) &* 0xff51afd7ed558ccd
        h ^= h >> 33
        return h &* 0xc4ceb9fe1a85ec53
    }

    /// A 64-bit hash of each word's text (FNV-1a over its scalars), for n-gram counting.
    lazy var wordHashes: [UInt64] = words.map { TextMeasures.fnv(text[$0]) }

    /// The n words from `start` as a window that slides one word at a time, its n-gram's
    /// polynomial hash updated in two steps: no prefix sums of hashes or lengths are kept (with
    /// them, a 10 MB document of one-letter words held 16 more bytes a word, 80 MB).
    struct GramWindow {
        let n: Int
        let power: UInt64
        /// The polynomial hash of the window.
        private(set) var polynomial: UInt64 = 0
        /// The window's first word.
        private(set) var start: Int

        init(_ hashes: [UInt64], n: Int, at start: Int) {
            self.n = n
            power = TextMeasures.gramPower(n)
            self.start = start
            restart(hashes, at: start)
        }

        /// Fills the window with the n words from `first`.
        mutating func restart(_ hashes: [UInt64], at first: Int) {
            start = first
            polynomial = 0
            for k in first..<(first + n) { polynomial = polynomial &* TextMeasures.gramBase &+ hashes[k] }
        }

        /// Moves the window one word on (the caller checks a word is there).
        @inline(__always)
        mutating func advance(_ hashes: [UInt64]) {
            polynomial = polynomial &* TextMeasures.gramBase &+ hashes[start + n] &- hashes[start] &* power
            start += 1
        }

        /// The window's n-gram hash, ready for a table.
        var hash: UInt64 { TextMeasures.mixGram(polynomial, n) }
    }

    /// Scalars in words `range` (not counting what separates them).
    @inline(__always)
    static func characters(_ words: [Range<Int>], _ range: Range<Int>) -> Int {
        var total = 0
        for k in range { total += words[k].count }
        return total
    }

    /// A table for n-gram hashes, emptied before each use; it grows with the distinct n-grams
    /// it meets (a text of one repeated word keeps it at its first size).
    private var gramTable: HashCounts?

    private mutating func emptyGramTable() -> HashCounts {
        let table = gramTable ?? HashCounts(capacity: words.count)
        table.removeAll()
        gramTable = table
        return table
    }

    /// Bytes the measures hold in arrays and tables (capacities, not counts), for the tests
    /// that hold memory to a small multiple of the text. Makes the arrays it counts.
    mutating func retainedBytes() -> Int {
        var total = text.scalars.capacity * MemoryLayout<Unicode.Scalar>.stride + text.classes.capacity * MemoryLayout<ScalarClass>.stride
        for ranges in [words, lines, paragraphs, newlineRuns] {
            total += ranges.capacity * MemoryLayout<Range<Int>>.stride
        }
        return total + wordHashes.capacity * MemoryLayout<UInt64>.stride + (gramTable?.retainedBytes ?? 0)
    }

    /// Characters of the most frequent word n-gram (joined by spaces) times its count; the
    /// first-seen n-gram wins a tie. Nil when the text has fewer than `n` words.
    mutating func topGramChars(_ n: Int) -> Int? {
        let words = self.words, hashes = self.wordHashes
        guard words.count >= n else { return nil }
        let counts = emptyGramTable()
        var window = GramWindow(hashes, n: n, at: 0)
        for i in 0...(words.count - n) {
            if i > 0 { window.advance(hashes) }
            _ = counts.add(window.hash, at: i)
        }
        let best = counts.mostFrequent()
        return best.count * (Self.characters(words, best.first..<(best.first + n)) + n - 1)
    }

    /// Characters inside repeated word n-grams (their words joined without spaces), each repeat
    /// skipped whole. (datatrove compares the joined text, so "ab c" and "a bc" match there and
    /// not here; that takes two n-grams of different words with the same letters.)
    mutating func duplicateGramChars(_ n: Int) -> Int {
        let words = self.words, hashes = self.wordHashes
        guard words.count >= n else { return 0 }
        let seen = emptyGramTable()
        var window = GramWindow(hashes, n: n, at: 0)
        var repeated = 0, i = 0
        while i + n <= words.count {
            if window.start != i {
                // After a repeat the window jumps n words: none of its words is in it yet.
                if i - window.start == 1 { window.advance(hashes) } else { window.restart(hashes, at: i) }
            }
            if seen.insertOrFind(window.hash, at: i) {
                repeated += Self.characters(words, i..<(i + n))
                i += n
            } else {
                i += 1
            }
        }
        return repeated
    }

    /// Sentences in the lines C4 keeps, or the C4 rule that drops the whole document.
    lazy var c4: C4Lines = C4Lines.measure(text, lines: lines, words: words, settings: settings)
}

/// Character classes shared by the rules.
enum Characters {
    /// White space as Python's `str.isspace`.
    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0: return true
        default: return c.value > 0xFF && c.properties.isWhitespace
        }
    }

    /// Punctuation as datatrove counts it: ASCII and CJK punctuation marks, control characters,
    /// and every sentence-ending mark.
    static func isPunctuation(_ c: Unicode.Scalar) -> Bool {
        if punctuation.contains(c) { return true }
        let v = c.value
        if v < 32 && v != 9 && v != 10 { return true }
        if v >= 127 && v < 160 { return true }
        return c.properties.isSentenceTerminal
    }

    static let punctuation: Set<Unicode.Scalar> = Set("!/—”:％１〈&(、━\\【#%「」，】；+^]~“《„';’{|∶´[=-`*．（–？！：$～«〉,><》)?）。…@_.\"}►»".unicodeScalars)

    /// Python's `str.splitlines` line breaks.
    static func isLineBreak(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// Lines as `str.splitlines` makes them: no final empty line, "\r\n" one break.
    static func splitLines(_ t: [Unicode.Scalar]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0, i = 0
        while i < t.count {
            if isLineBreak(t[i]) {
                out.append(start..<i)
                if t[i] == "\r" && i + 1 < t.count && t[i + 1] == "\n" { i += 1 }
                start = i + 1
            }
            i += 1
        }
        if start < t.count { out.append(start..<t.count) }
        return out
    }

    /// `re.split("\n{k,}", text[r])`: pieces between runs of at least `k` newlines.
    static func split(_ t: [Unicode.Scalar], _ r: Range<Int>, atNewlineRunsOf k: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = r.lowerBound, i = r.lowerBound
        while i < r.upperBound {
            if t[i] == "\n" {
                var j = i
                while j < r.upperBound && t[j] == "\n" { j += 1 }
                if j - i >= k { out.append(start..<i); start = j }
                i = j
            } else {
                i += 1
            }
        }
        out.append(start..<r.upperBound)
        return out
    }
}
