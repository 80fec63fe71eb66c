/// Splits text into words the way datatrove's filters do for English (its `split_into_words`,
/// spaCy's rule-based English tokenizer): white space separates chunks; punctuation, quotes
/// and currency come off either end, clitics ("n't", "'s", "'ll") off the end, hyphens and
/// slashes between letters split a chunk; abbreviations ("Mr.", "e.g.") and URLs stay whole.
///
/// Words are ranges into an array of Unicode scalars, so a word's length is its scalar count,
/// as Python's `len`. Stateless: one value serves every thread.
struct EnglishWords {
    typealias L = EnglishWordLexicon

    /// The words of `text[range]`, in order.
    static func split(_ text: ClassifiedText, in range: Range<Int>, into words: inout [Range<Int>]) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            while i < end && text.cls(i).contains(.space) { i += 1 }
            var j = i
            while j < end && !text.cls(j).contains(.space) { j += 1 }
            if j > i { splitChunk(text, i..<j, into: &words) }
            i = j
        }
    }

    /// All words of `text`.
    static func split(_ text: ClassifiedText) -> [Range<Int>] {
        var words: [Range<Int>] = []
        words.reserveCapacity(text.count / 5)
        split(text, in: 0..<text.count, into: &words)
        return words
    }

    /// One white-space-free chunk: affixes off both ends, then special cases or infixes.
    static func splitChunk(_ t: ClassifiedText, _ chunk: Range<Int>, into words: inout [Range<Int>]) {
        var lo = chunk.lowerBound, hi = chunk.upperBound
        var suffixes: [Range<Int>] = []
        var lastSize = -1
        var memo = SpecialMemo()
        while lo < hi && hi - lo != lastSize {
            if memo.isSpecial(t, lo..<hi) { break }
            lastSize = hi - lo
            let pre = prefixLength(t, lo..<hi)
            if pre > 0 && lo + pre < hi && memo.isSpecial(t, (lo + pre)..<hi) {
                words.append(lo..<(lo + pre)); lo += pre; break
            }
            let suf = suffixLength(t, (lo + pre)..<hi)
            if suf > 0 && hi - suf > lo && memo.isSpecial(t, lo..<(hi - suf)) {
                suffixes.append((hi - suf)..<hi); hi -= suf; break
            }
            if pre > 0 && suf > 0 && pre + suf <= hi - lo {
                words.append(lo..<(lo + pre)); lo += pre
                suffixes.append((hi - suf)..<hi); hi -= suf
            } else if pre > 0 {
                words.append(lo..<(lo + pre)); lo += pre
            } else if suf > 0 {
                suffixes.append((hi - suf)..<hi); hi -= suf
            }
            if memo.isSpecial(t, lo..<hi) { break }
        }
        if lo < hi {
            if let cut = memo.cut(t, lo..<hi) {
                words.append(lo..<cut); words.append(cut..<hi)
            } else if memo.isSpecial(t, lo..<hi) || isURL(t, lo..<hi) {
                words.append(lo..<hi)
            } else {
                splitInfixes(t, lo..<hi, into: &words)
            }
        }
        words.append(contentsOf: suffixes.reversed())
    }

    // MARK: special cases

    static func string(_ t: ClassifiedText, _ r: Range<Int>) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: t[r])
        return String(s)
    }

    /// Whether a chunk could be a special case at all: cheap tests before the table lookup.
    @inline(__always)
    static func mayBeSpecial(_ t: ClassifiedText, _ r: Range<Int>) -> Bool {
        guard r.count >= 2, r.count <= 12 else { return false }
        let last = t[r.upperBound - 1]
        if last == "." || last == "+" { return true }
        let first = t[r.lowerBound]
        if (last == "t" || last == "T") && (t[r.upperBound - 2] == "n" || t[r.upperBound - 2] == "N") { return true }
        // cannot, gonna, gotta, im
        if (r.count == 6 && (first == "c" || first == "C")) || (r.count == 5 && (first == "g" || first == "G"))
            || (r.count == 2 && (first == "i" || first == "I")) { return true }
        for i in r where t[i] == "'" || t[i] == "’" || t[i] == "/" { return true }
        if r.count <= 4 { for i in r where t[i] == ":" || t[i] == ";" || t[i] == "=" || t[i] == "<" { return true } }
        return false
    }

    /// A chunk that is one word by itself (an abbreviation) or splits at a fixed place (a contraction).
    static func isSpecial(_ t: ClassifiedText, _ r: Range<Int>) -> Bool {
        guard mayBeSpecial(t, r), let keys = SpecialCases.keys(t, r) else { return false }
        let table = SpecialCases.english
        return (table.entry(keys.lower)?.cutFromEnd ?? 0) > 0 || table.entry(keys.exact)?.isAbbreviation == true
    }

    /// Where a contraction splits ("don't" → do|n't, "they'll" → they|'ll, "cannot" → can|not), or nil.
    static func specialCut(_ t: ClassifiedText, _ r: Range<Int>) -> Int? {
        guard mayBeSpecial(t, r), let keys = SpecialCases.keys(t, r),
              let cut = SpecialCases.english.entry(keys.lower)?.cutFromEnd, cut > 0 else { return nil }
        return r.upperBound - Int(cut)
    }

    /// The last range `splitChunk` looked up in the special-case table and what it is: the
    /// tokenizer asks about the same range several times.
    struct SpecialMemo {
        var range = 0..<0
        var special = false
        var splitsAt: Int?

        @inline(__always)
        private mutating func lookUp(_ t: ClassifiedText, _ r: Range<Int>) {
            guard r != range else { return }
            range = r
            guard EnglishWords.mayBeSpecial(t, r), let keys = SpecialCases.keys(t, r) else {
                splitsAt = nil
                special = false
                return
            }
            let table = SpecialCases.english
            let cutFromEnd = table.entry(keys.lower)?.cutFromEnd ?? 0
            splitsAt = cutFromEnd > 0 ? r.upperBound - Int(cutFromEnd) : nil
            special = splitsAt != nil || table.entry(keys.exact)?.isAbbreviation == true
        }

        /// `EnglishWords.isSpecial`.
        mutating func isSpecial(_ t: ClassifiedText, _ r: Range<Int>) -> Bool { lookUp(t, r); return special }
        /// `EnglishWords.specialCut`.
        mutating func cut(_ t: ClassifiedText, _ r: Range<Int>) -> Int? { lookUp(t, r); return splitsAt }
    }

    /// A URL-like chunk, kept whole ("http://x.com/a-b", "www.example.org").
    static func isURL(_ t: ClassifiedText, _ r: Range<Int>) -> Bool {
        guard r.count >= 5 else { return false }
        let lo = r.lowerBound
        if (t[lo] == "w" || t[lo] == "W") && (t[lo + 1] == "w" || t[lo + 1] == "W") && (t[lo + 2] == "w" || t[lo + 2] == "W") && t[lo + 3] == "." {
            return true
        }
        var i = lo
        while i + 2 < r.upperBound {
            if t[i] == ":" && t[i + 1] == "/" && t[i + 2] == "/" { return true }
            i += 1
        }
        return false
    }

    // MARK: affixes

    /// Length of the prefix to split off, 0 for none.
    static func prefixLength(_ t: ClassifiedText, _ r: Range<Int>) -> Int {
        guard !r.isEmpty else { return 0 }
        let c = t[r.lowerBound]
        if c == "." {
            var n = 1
            while r.lowerBound + n < r.upperBound && t[r.lowerBound + n] == "." { n += 1 }
            return n >= 2 ? n : 0
        }
        if c == "'" && r.count >= 2 && t[r.lowerBound + 1] == "'" { return 2 }  // '' is one quotation mark
        if c == "+" {
            return r.lowerBound + 1 < r.upperBound && t.cls(r.lowerBound + 1).contains(.digit) ? 0 : 1
        }
        if t.cls(r.lowerBound).contains(.prefix) { return 1 }
        if r.count >= 3 && (c == "U" || c == "C" || c == "A") {
            if c == "U" && r.count >= 3 && t[r.lowerBound + 1] == "S" && t[r.lowerBound + 2] == "$" { return 3 }
            if c != "U" && t[r.lowerBound + 1] == "$" { return 2 }
        }
        return 0
    }

    /// Length of the suffix to split off, 0 for none: the match that starts leftmost wins.
    static func suffixLength(_ t: ClassifiedText, _ r: Range<Int>) -> Int {
        guard !r.isEmpty else { return 0 }
        let lo = r.lowerBound, hi = r.upperBound
        // A run of two or more periods at the end.
        var dots = 0
        while hi - dots - 1 >= lo && t[hi - dots - 1] == "." { dots += 1 }
        var best = dots >= 2 ? dots : 0
        let earliest = max(lo, hi - 8)
        var start = earliest
        while start < hi - best || (best == 0 && start < hi) {
            if let n = suffixMatch(t, start, hi, lo) { best = max(best, n); break }
            start += 1
        }
        return best
    }

    /// Whether `t[start..<hi]` is a suffix pattern (with its look-behind inside `lo..<start`).
    static func suffixMatch(_ t: ClassifiedText, _ start: Int, _ hi: Int, _ lo: Int) -> Int? {
        let n = hi - start
        let before: Unicode.Scalar? = start > lo ? t[start - 1] : nil
        let beforeClass: ScalarClass = start > lo ? t.cls(start - 1) : []
        let afterDigit = beforeClass.contains(.digit)
        if n == 1 {
            let c = t[start]
            let cls = t.cls(start)
            if cls.contains(.suffix) { return 1 }
            if c == "+" && afterDigit { return 1 }
            if cls.contains(.currency) && afterDigit { return 1 }
            if c == ".", let b = before {
                let caseless = beforeClass.contains(.letter) && !beforeClass.contains(.upper)
                if beforeClass.contains(.digit) || caseless || b == "%" || b == "²" || b == "-" || b == "+"
                    || beforeClass.contains(.punctuationList) { return 1 }
                if beforeClass.contains(.upper), start - 2 >= lo, t.cls(start - 2).contains(.upper) { return 1 }
                if start - 2 >= lo, t[start - 2] == "°", b == "F" || b == "f" || b == "C" || b == "c" || b == "K" || b == "k" { return 1 }
            }
        }
        if n == 2 && (t[start] == "'" || t[start] == "’") && (t[start + 1] == "s" || t[start + 1] == "S" || t[start + 1] == "'") { return 2 }
        if afterDigit && n <= 6 {
            if let keys = SpecialCases.keys(t, start..<hi), SpecialCases.english.entry(keys.exact)?.isUnit == true { return n }
        }
        return nil
    }

    // MARK: infixes

    /// Splits a chunk at its infixes: runs of periods and ellipses, icons, arithmetic between
    /// digits, "." between a lower-case letter and a capital, "," between letters, hyphens and
    /// `:<>=/` between a letter or digit and a letter.
    static func splitInfixes(_ t: ClassifiedText, _ r: Range<Int>, into words: inout [Range<Int>]) {
        var start = r.lowerBound
        var i = r.lowerBound
        while i < r.upperBound {
            let c = t[i]
            let cls = t.cls(i)
            var length = 0
            if c == "." && i + 1 < r.upperBound && t[i + 1] == "." {
                var n = 1
                while i + n < r.upperBound && t[i + n] == "." { n += 1 }
                length = n
            } else if c == "…" || cls.contains(.icon) {
                length = 1
            } else if i > r.lowerBound && i + 1 < r.upperBound
                        && (c == "." || c == "," || cls.contains(.hyphen) || cls.contains(.joiner) || cls.contains(.arithmetic)) {
                let p = t.cls(i - 1), q = t.cls(i + 1)
                if cls.contains(.arithmetic) && p.contains(.digit) && (q.contains(.digit) || t[i + 1] == "-") {
                    length = 1
                } else if c == "." && (p.contains(.lower) || p.contains(.quote)) && (q.contains(.upper) || q.contains(.quote)) {
                    length = 1
                } else if c == "," && p.contains(.letter) && q.contains(.letter) {
                    length = 1
                } else if cls.contains(.hyphen) && (p.contains(.letter) || p.contains(.digit)) {
                    var n = 1
                    while i + n < r.upperBound && t.cls(i + n).contains(.hyphen) && n < 3 { n += 1 }
                    if i + n < r.upperBound && t.cls(i + n).contains(.letter) { length = n }
                } else if cls.contains(.joiner) && (p.contains(.letter) || p.contains(.digit)) && q.contains(.letter) {
                    length = 1
                }
            }
            if length > 0 {
                if i > start { words.append(start..<i) }
                words.append(i..<(i + length))
                i += length
                start = i
            } else {
                i += 1
            }
        }
        if start < r.upperBound { words.append(start..<r.upperBound) }
    }
}
