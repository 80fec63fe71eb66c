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

    /// The bytes a line terminator can begin with (for a search with `memchr`; a hit on 0xC2 or
    /// 0xE2 is a terminator only when `length` says so). All are below 0x0E or above 0x7F.
    static let firstBytes: [UInt8] = [0x0A, 0x0B, 0x0C, 0x0D, 0xC2, 0xE2]

    /// The lanes of `v` that hold one of `firstBytes`, for a sixteen-byte skip (compares of two
    /// vectors joined with `.|`, the forms that compile to vector instructions: `Bytes16`).
    @inline(__always)
    static func firstByteLanes(_ v: SIMD16<UInt8>) -> SIMDMask<SIMD16<Int8>> {
        (v .== SIMD16(repeating: 0x0A)) .| (v .== SIMD16(repeating: 0x0B)) .| (v .== SIMD16(repeating: 0x0C))
            .| (v .== SIMD16(repeating: 0x0D)) .| (v .== SIMD16(repeating: 0xC2)) .| (v .== SIMD16(repeating: 0xE2))
    }
}
