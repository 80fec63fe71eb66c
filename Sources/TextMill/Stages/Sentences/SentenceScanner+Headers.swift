/// Sentences with no stop that informal text runs together on one line: the date-and-time stamp
/// of an e-mail header (`Rita Dunne 03/14/2002 09:41 AM Can you send…` is `Rita Dunne` |
/// `03/14/2002 09:41 AM` | `Can you send…`) and a link right after another link (a list of links
/// written one after the other). Both are found at a colon, the one character they share.
/// Also a letter closing before the signature on its line (`Sincerely, Nadia`), found at the
/// sentence start.
extension SentenceScanner {
    /// Decides the colon at `i`; returns where to scan on.
    mutating func handleColon(_ i: Int) -> Int {
        if let stamp = Self.timestamp(p, colon: i, lo: sentStart, hi) { return splitTimestamp(stamp) }
        if let link = Self.linkStart(p, colon: i, lo: sentStart, hi), followsLink(link) { return boundary(at: link) }
        return i + 1
    }

    /// Cuts before a stamp that follows a name or an address on its line (not after a
    /// lower-case word: `on 11/02/2003 02:15:07 PM` stays with its sentence) and after a stamp
    /// when a capitalised word follows, or any word when the stamp opened its sentence.
    mutating func splitTimestamp(_ stamp: (start: Int, end: Int)) -> Int {
        var opens = stamp.start == sentStart
        if !opens, let word = wordBefore(stamp.start), !Self.isLowerCaseWord(p, word.start, word.end) {
            let last = p[word.end - 1]
            if C.isLetter(last) || C.isDigit(last) || last == 0x3E || last == 0x22 {   // > "
                _ = boundary(at: stamp.start)
                opens = sentStart == stamp.start
            }
        }
        var k = stamp.end
        while k < hi && (p[k] == 0x20 || p[k] == 0x09) { k += 1 }
        guard k > stamp.end, k < hi else { return stamp.end }
        if C.isUpper(p[k]) || (opens && C.isLower(p[k])) { return boundary(at: stamp.end) }
        return stamp.end
    }

    /// The white-space-delimited word before `start` on the same line (spaces and tabs only in
    /// between, at most `maxToken` bytes long), or nil.
    mutating func wordBefore(_ start: Int) -> (start: Int, end: Int)? {
        var e = start
        while e > sentStart && (p[e - 1] == 0x20 || p[e - 1] == 0x09) { e -= 1 }
        guard e < start, e > sentStart else { return nil }
        var s = e
        while s > sentStart && !C.isASCIISpace(p[s - 1]) {
            s -= 1
            if e - s > Self.maxToken { return nil }
        }
        return (s, e)
    }

    /// True when a link (`http://…`, `https://…`, `www.…`) with no final stop stands right
    /// before `link`, separated from it by spaces or tabs only.
    mutating func followsLink(_ link: Int) -> Bool {
        var e = link
        while e > sentStart && (p[e - 1] == 0x20 || p[e - 1] == 0x09) { e -= 1 }
        guard e < link, e > sentStart else { return false }
        var s = e
        while s > sentStart && !C.isASCIISpace(p[s - 1]) {
            s -= 1
            if e - s > Self.linkReach { return false }
        }
        let last = p[e - 1]
        guard C.isLetter(last) || C.isDigit(last) || last == 0x2F else { return false }   // /
        return Self.startsLink(p, s, e)
    }

    /// How long a link before another link may be and still be looked at whole.
    static let linkReach = 256

    // MARK: Shapes

    /// A date and time stamp around the colon at `colon`: `D/D/YY[YY] H:MM[:SS][ AM|PM]`
    /// (one or two digits for day, month and hour), standing between white space (or the
    /// range's ends). Returns the stamp's start and end.
    static func timestamp(_ p: UnsafePointer<UInt8>, colon: Int, lo: Int, _ hi: Int) -> (start: Int, end: Int)? {
        // The hour, then one space, then the date, read backwards.
        var k = colon
        guard let hourStart = digitsBefore(p, &k, lo, 1...2), hourStart > lo, p[hourStart - 1] == 0x20 else { return nil }
        k = hourStart - 1
        guard digitsBefore(p, &k, lo, 2...4) != nil, k > lo, p[k - 1] == 0x2F else { return nil }
        k -= 1
        guard digitsBefore(p, &k, lo, 1...2) != nil, k > lo, p[k - 1] == 0x2F else { return nil }
        k -= 1
        guard let dateStart = digitsBefore(p, &k, lo, 1...2), dateStart == lo || C.isASCIISpace(p[dateStart - 1]) || p[dateStart - 1] == 0x28 else { return nil }
        // Minutes and perhaps seconds, then perhaps AM or PM.
        var e = colon + 1
        for _ in 0..<2 {
            guard e + 2 <= hi, C.isDigit(p[e]), C.isDigit(p[e + 1]) else { return nil }
            e += 2
            guard e < hi, p[e] == 0x3A else { break }
            e += 1
        }
        if p[e - 1] == 0x3A { return nil }
        if e + 3 <= hi, p[e] == 0x20, (p[e + 1] | 0x20) == 0x61 || (p[e + 1] | 0x20) == 0x70, (p[e + 2] | 0x20) == 0x6D,
           e + 3 == hi || C.isASCIISpace(p[e + 3]) {
            e += 3
        }
        guard e == hi || C.isASCIISpace(p[e]) else { return nil }
        return (dateStart, e)
    }

    /// Steps `k` back over the digits right before it (a count in `count`, and no more digits
    /// before them); returns the first digit's index, or nil.
    static func digitsBefore(_ p: UnsafePointer<UInt8>, _ k: inout Int, _ lo: Int, _ count: ClosedRange<Int>) -> Int? {
        var s = k
        while s > lo && C.isDigit(p[s - 1]) && k - s < count.upperBound { s -= 1 }
        guard count.contains(k - s), s == lo || !C.isDigit(p[s - 1]) else { return nil }
        k = s
        return s
    }

    /// The start of `http://` or `https://` whose colon is at `colon`, when white space stands
    /// before it; else nil.
    static func linkStart(_ p: UnsafePointer<UInt8>, colon: Int, lo: Int, _ hi: Int) -> Int? {
        guard colon + 2 < hi, p[colon + 1] == 0x2F, p[colon + 2] == 0x2F else { return nil }
        let s = colon - 1 >= lo && (p[colon - 1] | 0x20) == 0x73 ? colon - 5 : colon - 4   // "https" or "http"
        guard s > lo, hasPrefix(p, s, "http"), C.isASCIISpace(p[s - 1]) else { return nil }
        return s
    }

    /// True when `[s, e)` begins with `http://`, `https://` or `www.` (any capitalisation).
    static func startsLink(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        for prefix: StaticString in ["http://", "https://", "www."] where e - s > prefix.utf8CodeUnitCount && hasPrefix(p, s, prefix) {
            return true
        }
        return false
    }

    /// True when the bytes at `s` are `prefix` in any capitalisation (the caller checks the length).
    static func hasPrefix(_ p: UnsafePointer<UInt8>, _ s: Int, _ prefix: StaticString) -> Bool {
        let n = prefix.utf8CodeUnitCount
        let q = prefix.utf8Start
        for j in 0..<n where (p[s + j] | 0x20) != (q[j] | 0x20) { return false }
        return true
    }

    /// True when `[s, e)` is only lower-case ASCII letters.
    static func isLowerCaseWord(_ p: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        guard s < e else { return false }
        for j in s..<e where !C.isLower(p[j]) { return false }
        return true
    }
}

extension SentenceScanner {
    /// At a sentence start `s`: when a letter closing of `LetterClosingLexicon.beforeName`
    /// and its comma open the line and a capitalised signature follows on the same line
    /// (`Sincerely, Nadia Brook`), the comma's end and the signature's start; else nil.
    mutating func closingBeforeSignature(at s: Int) -> (end: Int, next: Int)? {
        let closings = splitter.closings
        guard closings.mayOpenBeforeName(p, s, hi) else { return nil }
        let reach = min(hi, s + closings.longestBeforeName + 1)
        var comma = s
        while comma < reach && p[comma] != 0x2C && p[comma] != 0x0A { comma += 1 }
        guard comma < reach, p[comma] == 0x2C, comma > s, !isInsideQuotation(comma + 1),
              closings.table.lookup(p, s, comma) == LetterClosingLexicon.endsBeforeName else { return nil }
        var k = comma + 1
        while k < hi && (p[k] == 0x20 || p[k] == 0x09) { k += 1 }
        guard k > comma + 1, k < hi, C.isUpper(p[k]) else { return nil }
        return (comma + 1, k)
    }
}
