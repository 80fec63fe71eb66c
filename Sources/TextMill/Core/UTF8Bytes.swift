internal import CShims

/// Byte-level helpers for UTF-8 text.
public enum UTF8Bytes {
    /// The index of the first `needle` in `hay` at or after `start`, nil when there is none (or
    /// `needle` is empty): glibc's `memmem`, a two-way search whose time is linear in both lengths
    /// whatever the bytes are (a search byte by byte compared a heading of "aaa…ab" with a title
    /// of "aaa…a" at every letter). Indices are `hay`'s own (a slice's are its base's).
    public static func firstIndex(of needle: [UInt8], in hay: ArraySlice<UInt8>, from start: Int) -> Int? {
        let from = max(start, hay.startIndex)
        guard !needle.isEmpty, from <= hay.endIndex, hay.endIndex - from >= needle.count else { return nil }
        return hay.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                let base = h.baseAddress! + (from - hay.startIndex)
                guard let found = tm_memmem(base, hay.endIndex - from, n.baseAddress, n.count) else { return nil }
                return from + (found - UnsafeRawPointer(base))
            }
        }
    }

    /// For a byte above 0x7F that starts a UTF-8 sequence: how many continuation bytes follow,
    /// and the range the first of them must lie in (the ranges exclude overlong forms, surrogates
    /// and code points above U+10FFFF); nil for a byte that cannot start a sequence.
    @inline(__always)
    public static func sequence(lead c: UInt8) -> (continuations: Int, low: UInt8, high: UInt8)? {
        switch c {
        case 0xC2...0xDF: return (1, 0x80, 0xBF)
        case 0xE0: return (2, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: return (2, 0x80, 0xBF)
        case 0xED: return (2, 0x80, 0x9F)
        case 0xF0: return (3, 0x90, 0xBF)
        case 0xF1...0xF3: return (3, 0x80, 0xBF)
        case 0xF4: return (3, 0x80, 0x8F)
        default: return nil
        }
    }

    /// The offset of the first byte that does not belong to a valid UTF-8 sequence, or nil.
    ///
    /// Rejects overlong forms, surrogates and code points above U+10FFFF, as Swift's own
    /// decoder does. Runs over ASCII eight bytes at a time.
    public static func firstInvalidOffset(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = b.count
        var i = 0
        guard let base = b.baseAddress else { return nil }
        while i < n {
            // Fast path: sixteen ASCII bytes at once (two words), then eight.
            if i + 16 <= n {
                let w0 = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
                let w1 = UnsafeRawPointer(base + i + 8).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
                if w0 | w1 == 0 { i += 16; continue }
                // Straight to the first byte that is not ASCII (the lowest high bit, little-endian).
                i += w0 != 0 ? w0.trailingZeroBitCount >> 3 : 8 + w1.trailingZeroBitCount >> 3
            } else if i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
            }
            let c = base[i]
            if c < 0x80 { i += 1; continue }
            guard let (need, lo, hi) = sequence(lead: c) else { return i }
            if i + need >= n { return i }
            let c1 = base[i + 1]
            if c1 < lo || c1 > hi { return i }
            if need >= 2 { let c2 = base[i + 2]; if c2 & 0xC0 != 0x80 { return i } }
            if need >= 3 { let c3 = base[i + 3]; if c3 & 0xC0 != 0x80 { return i } }
            i += need + 1
        }
        return nil
    }

    /// True when `b` holds the bytes of `prefix` at `i`.
    @inline(__always) public static func starts(_ b: [UInt8], _ i: Int, _ prefix: StaticString) -> Bool {
        let m = prefix.utf8CodeUnitCount
        guard i >= 0, i + m <= b.count else { return false }
        let p = prefix.utf8Start
        for k in 0..<m where b[i + k] != p[k] { return false }
        return true
    }

    /// Like `starts`, with ASCII letters of `b` in either case (`prefix` in lower case). Only the
    /// letters A–Z fold: a control byte never matches punctuation (0x0D is not "-").
    @inline(__always) public static func startsCaseless(_ b: [UInt8], _ i: Int, _ prefix: StaticString) -> Bool {
        let m = prefix.utf8CodeUnitCount
        guard i >= 0, i + m <= b.count else { return false }
        let p = prefix.utf8Start
        for k in 0..<m where asciiLower(b[i + k]) != p[k] { return false }
        return true
    }

    /// The byte with A–Z folded to a–z, every other byte as it is.
    @inline(__always) public static func asciiLower(_ c: UInt8) -> UInt8 {
        c &- 0x41 < 26 ? c | 0x20 : c
    }

    /// The index just after the first `closer` at or after `start`, nil when there is none. With
    /// `caseless`, ASCII letters of `b` match in either case (`closer` in lower case).
    public static func after(_ b: [UInt8], _ closer: StaticString, from start: Int, caseless: Bool = false) -> Int? {
        after(b, UnsafeBufferPointer(start: closer.utf8Start, count: closer.utf8CodeUnitCount), from: start, caseless: caseless)
    }

    /// `after` with a closer built at run time (such as "</" and an element's name).
    public static func after(_ b: [UInt8], _ closer: [UInt8], from start: Int, caseless: Bool = false) -> Int? {
        closer.withUnsafeBufferPointer { after(b, $0, from: start, caseless: caseless) }
    }

    private static func after(_ b: [UInt8], _ closer: UnsafeBufferPointer<UInt8>, from start: Int, caseless: Bool) -> Int? {
        let m = closer.count
        guard m > 0 else { return max(start, 0) <= b.count ? max(start, 0) : nil }
        let first = closer[0]
        let firstUpper = caseless && first &- 0x61 < 26 ? first & ~0x20 : first
        var at = max(start, 0)
        while at + m <= b.count {
            let c = b[at]
            if c == first || c == firstUpper {
                var k = 1
                while k < m, (caseless ? asciiLower(b[at + k]) : b[at + k]) == closer[k] { k += 1 }
                if k == m { return at + m }
            }
            at += 1
        }
        return nil
    }

    /// True when the bytes are valid UTF-8.
    public static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { firstInvalidOffset($0) == nil }
    }

    /// True when every byte is ASCII.
    public static func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress else { return true }
        let n = b.count
        var i = 0
        var acc: UInt64 = 0
        // Thirty-two bytes a step, stopping at the first step with a byte above 0x7F (most
        // non-ASCII news has one in its first lines: a curly quote, an accent).
        while i &+ 32 <= n {
            let p = UnsafeRawPointer(base + i)
            acc = p.loadUnaligned(as: UInt64.self) | p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                | p.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
            if acc & 0x8080_8080_8080_8080 != 0 { return false }
            i &+= 32
        }
        while i &+ 8 <= n {
            acc |= UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            i &+= 8
        }
        while i < n { acc |= UInt64(base[i]); i &+= 1 }
        return acc & 0x8080_8080_8080_8080 == 0
    }

    /// Decodes the scalar starting at `i` (which must be a valid sequence start) and its length.
    @inline(__always)
    public static func decode(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: UInt32, length: Int) {
        let c0 = UInt32(b[i])
        if c0 < 0x80 { return (c0, 1) }
        if c0 < 0xE0 { return ((c0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2) }
        if c0 < 0xF0 {
            return ((c0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3)
        }
        return ((c0 & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F), 4)
    }

    /// Decodes the scalar that ends just before `end`, and its length.
    @inline(__always)
    public static func decode(_ b: UnsafeBufferPointer<UInt8>, before end: Int) -> (scalar: UInt32, length: Int) {
        var start = end - 1
        while start > 0 && UTF8.isContinuation(b[start]) && end - start < 4 { start -= 1 }
        return decode(b, at: start)
    }

    /// Appends the UTF-8 encoding of a scalar.
    @inline(__always)
    public static func append(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80: out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6)); out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12)); out.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18)); out.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
            out.append(UInt8(0x80 | (scalar >> 6) & 0x3F)); out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset, for error messages.
    public static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, column = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let c = bytes[i]
            if c == 0x0A { line += 1; column = 1 } else if !UTF8.isContinuation(c) { column += 1 }
            i += 1
        }
        return (line, column)
    }
}
