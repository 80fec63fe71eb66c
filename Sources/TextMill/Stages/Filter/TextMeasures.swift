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

    /// The words of the whole text (`EnglishWords`).
    lazy var words: [Range<Int>] = EnglishWords.split(text)

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

    /// A 64-bit hash of each word's text (FNV-1a over its scalars), for n-gram counting.
    lazy var wordHashes: [UInt64] = words.map { TextMeasures.fnv(text[$0]) }

    /// The multiplier of the n-gram hash polynomial (odd).
    static let gramBase: UInt64 = 0x9E3779B97F4A7C15

    /// `gramPrefix[i]`: the polynomial hash of the hashes of words 0..<i, so that any n-gram's
    /// hash takes two reads (`gramHash`) instead of n.
    lazy var gramPrefix: [UInt64] = {
        var out = [UInt64](repeating: 0, count: wordHashes.count + 1)
        for (k, h) in wordHashes.enumerated() { out[k + 1] = out[k] &* Self.gramBase &+ h }
        return out
    }()

    /// `lengthPrefix[i]`: the characters of words 0..<i.
    lazy var lengthPrefix: [Int] = {
        var out = [Int](repeating: 0, count: words.count + 1)
        for (k, w) in words.enumerated() { out[k + 1] = out[k] + w.count }
        return out
    }()

    /// `gramBase` to the power `n`.
    static func gramPower(_ n: Int) -> UInt64 {
        var p: UInt64 = 1
        for _ in 0..<n { p = p &* gramBase }
        return p
    }

    /// The hash of the n-gram starting at word `start` from the prefix hashes (`power` is
    /// `gramPower(n)`), mixed so that its low bits can pick a table slot.
    @inline(__always)
    static func gramHash(_ prefix: [UInt64], _ start: Int, _ n: Int, _ power: UInt64) -> UInt64 {
        var h = prefix[start + n] &- prefix[start] &* power
        h = (h ^ UInt64(n)) &* 0xff51afd7ed558ccd
        h ^= h >> 33
        return h &* 0xc4ceb9fe1a85ec53
    }

    /// A table for n-gram hashes, sized for this text's words, emptied before each use.
    private var gramTable: HashCounts?

    private mutating func emptyGramTable() -> HashCounts {
        let table = gramTable ?? HashCounts(capacity: words.count)
        table.removeAll()
        gramTable = table
        return table
    }

    /// Characters of the most frequent word n-gram (joined by spaces) times its count; the
    /// first-seen n-gram wins a tie. Nil when the text has fewer than `n` words.
    mutating func topGramChars(_ n: Int) -> Int? {
        let words = self.words, prefix = self.gramPrefix, lengths = self.lengthPrefix
        guard words.count >= n else { return nil }
        let counts = emptyGramTable()
        let power = Self.gramPower(n)
        for i in 0...(words.count - n) { _ = counts.add(Self.gramHash(prefix, i, n, power), at: i) }
        let best = counts.mostFrequent()
        return best.count * (lengths[best.first + n] - lengths[best.first] + n - 1)
    }

    /// Characters inside repeated word n-grams (their words joined without spaces), each repeat
    /// skipped whole. (datatrove compares the joined text, so "ab c" and "a bc" match there and
    /// not here; that takes two n-grams of different words with the same letters.)
    mutating func duplicateGramChars(_ n: Int) -> Int {
        let words = self.words, prefix = self.gramPrefix, lengths = self.lengthPrefix
        let seen = emptyGramTable()
        let power = Self.gramPower(n)
        var repeated = 0, i = 0
        while i + n <= words.count {
            let key = Self.gramHash(prefix, i, n, power)
            if seen.insertOrFind(key, at: i) {
                repeated += lengths[i + n] - lengths[i]
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
