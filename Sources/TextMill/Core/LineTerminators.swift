import Foundation

/// The line terminators of a text: where a line ends, for every reader of lines in TextMill
/// (cleanup's paragraphs and plain-text title, the sentence splitter).
///
/// They are the mandatory breaks of Unicode's line breaking (UAX #14, classes BK, CR, LF, NL):
/// line feed, vertical tab, form feed, carriage return (a carriage return and line feed are one
/// terminator), NEL (U+0085), line separator (U+2028) and paragraph separator (U+2029), which
/// also ends its paragraph on its own, as a blank line does. Until session 34 each reader had
/// its own list: paragraphs ended lines at a line feed and a carriage return only, the sentence
/// splitter at a line feed only, and the title reader at all of them.
public enum LineTerminators {
    /// One line terminator: its scalar and whether it ends a paragraph by itself.
    public struct Terminator: Sendable {
        public let name: String
        public let scalar: Unicode.Scalar
        public let endsParagraph: Bool
    }

    /// Every line terminator, as data (`length(_:_:_:)` reads their UTF-8 bytes; a test holds
    /// the two to each other).
    public static let all: [Terminator] = [
        Terminator(name: "line feed", scalar: "\u{0A}", endsParagraph: false),
        Terminator(name: "vertical tab", scalar: "\u{0B}", endsParagraph: false),
        Terminator(name: "form feed", scalar: "\u{0C}", endsParagraph: false),
        Terminator(name: "carriage return", scalar: "\u{0D}", endsParagraph: false),
        Terminator(name: "next line (NEL)", scalar: "\u{85}", endsParagraph: false),
        Terminator(name: "line separator", scalar: "\u{2028}", endsParagraph: false),
        Terminator(name: "paragraph separator", scalar: "\u{2029}", endsParagraph: true),
    ]

    /// The length in bytes of the line terminator at `i` of the UTF-8 text `p[..<end]` (0: none
    /// there); a carriage return followed by a line feed is one terminator of two bytes.
    @inline(__always)
    public static func length(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        switch p[i] {
        case 0x0A, 0x0B, 0x0C: return 1
        case 0x0D: return i + 1 < end && p[i + 1] == 0x0A ? 2 : 1
        case 0xC2: return i + 1 < end && p[i + 1] == 0x85 ? 2 : 0
        case 0xE2: return i + 2 < end && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    /// `length(_:_:_:)` on an array.
    public static func length(_ text: [UInt8], at i: Int) -> Int {
        text.withUnsafeBufferPointer { length($0.baseAddress!, i, $0.count) }
    }

    /// True when the terminator of `length` bytes at `i` ends its paragraph by itself (U+2029).
    @inline(__always)
    public static func endsParagraph(_ p: UnsafePointer<UInt8>, _ i: Int, length: Int) -> Bool {
        length == 3 && p[i + 2] == 0xA9
    }

    /// The length of the line terminator that ends just before `i` (not before `start`), or 0.
    @inline(__always)
    public static func length(_ p: UnsafePointer<UInt8>, before i: Int, _ start: Int) -> Int {
        guard i > start else { return 0 }
        let c = p[i - 1]
        if c == 0x0A { return i - 2 >= start && p[i - 2] == 0x0D ? 2 : 1 }
        if c == 0x0B || c == 0x0C || c == 0x0D { return 1 }
        if c == 0x85 && i - 2 >= start && p[i - 2] == 0xC2 { return 2 }
        if (c == 0xA8 || c == 0xA9) && i - 3 >= start && p[i - 3] == 0xE2 && p[i - 2] == 0x80 { return 3 }
        return 0
    }

    /// The first paragraph end in `p[from..<to]` (`end` bounds the text): a paragraph separator,
    /// or a line terminator followed, after spaces and tabs, by another (a blank line of any
    /// terminators, "\r\r" and "\u{2028}\u{2028}" as much as "\n\n"); nil when there is none.
    public static func paragraphEnd(_ p: UnsafePointer<UInt8>, from: Int, to: Int, _ end: Int) -> Int? {
        var j = from
        while j < to {
            let t = length(p, j, end)
            if t == 0 { j += 1; continue }
            if endsParagraph(p, j, length: t) { return j }
            var m = j + t
            while m < end && (p[m] == 0x20 || p[m] == 0x09) { m += 1 }
            if m < end && length(p, m, end) > 0 { return j }
            j = m
        }
        return nil
    }

    /// The bytes a line terminator can begin with (a hit on 0xC2 or 0xE2 is a terminator only
    /// when `length` says so: 0xE2 also begins the curly quotes and dashes). All are below 0x0E
    /// or above 0x7F.
    static let firstBytes: [UInt8] = [0x0A, 0x0B, 0x0C, 0x0D, 0xC2, 0xE2]

    /// The offset of the first line terminator at or after `from` in `p[..<end]`, or `end` when
    /// there is none: the first bytes (`firstBytes`) found eight at a time, each checked by `length`.
    public static func next(_ p: UnsafePointer<UInt8>, from: Int, _ end: Int) -> Int {
        var i = from
        while true {
            i = firstByte(p, from: i, end)
            if i == end || length(p, i, end) > 0 { return i }
            i += 1
        }
    }

    /// The offset of the first of `firstBytes` at or after `from` in `p[..<end]`, or `end`: one
    /// pass, a word of eight bytes a step (SWAR), the bytes after the last whole word one by one.
    @inline(__always)
    static func firstByte(_ p: UnsafePointer<UInt8>, from: Int, _ end: Int) -> Int {
        var i = from
        while i + 8 <= end {
            let w = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
            let hits = firstByteBits(w)
            if hits != 0 { return i + hits.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < end && !isFirstByte(p[i]) { i += 1 }
        return i
    }

    /// Whether `b` is one of `firstBytes`: 0x0A–0x0D with the lowest bit cleared are 0x0A and
    /// 0x0C, 0xC2 and 0xE2 with bit 5 cleared are 0xC2.
    @inline(__always)
    static func isFirstByte(_ b: UInt8) -> Bool {
        b & 0xFE == 0x0A || b & 0xFE == 0x0C || b & 0xDF == 0xC2
    }

    /// `isFirstByte` of the eight bytes of `w` (little-endian: the first byte lowest): the high
    /// bit of each such byte is set, and the lowest set bit is the first such byte. A word with
    /// every byte in 0x0E–0x7F (most text) has none and is passed by the first test.
    @inline(__always)
    static func firstByteBits(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        // Taking 0x0E from a byte below 0x0E wraps it past 0x80 (a borrow from the byte below
        // only lowers it further); a byte of 0x80 or above has its high bit already.
        if ((w &- ones &* 0x0E) | w) & highs == 0 { return 0 }
        /// The high bit of each zero byte of `x`: exact at the lowest, and only a byte above a zero
        /// one (a borrow) can be set wrongly.
        @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let controls = w & (ones &* 0xFE)
        let leads = w & (ones &* 0xDF)
        return zeroBytes(controls ^ (ones &* 0x0A)) | zeroBytes(controls ^ (ones &* 0x0C)) | zeroBytes(leads ^ (ones &* 0xC2))
    }

    /// The lanes of `v` that hold one of `firstBytes`, for a sixteen-byte skip (compares of two
    /// vectors joined with `.|`, the forms that compile to vector instructions: `Bytes16`).
    @inline(__always)
    static func firstByteLanes(_ v: SIMD16<UInt8>) -> SIMDMask<SIMD16<Int8>> {
        (v .== SIMD16(repeating: 0x0A)) .| (v .== SIMD16(repeating: 0x0B)) .| (v .== SIMD16(repeating: 0x0C))
            .| (v .== SIMD16(repeating: 0x0D)) .| (v .== SIMD16(repeating: 0xC2)) .| (v .== SIMD16(repeating: 0xE2))
    }
}
