import Testing
@testable import TextMill

/// `LineTerminators.next` finds line ends in one pass, eight bytes at a time (`firstByte`):
/// until session 35 `Paragraphs.spans` searched the text once for each of the six bytes a
/// terminator begins with (`memchr`), and again after each 0xE2 of a curly quote or dash. The
/// word test must give the first such byte of every eight, whatever stands before or after it
/// in the word (a zero byte's borrow marks the bytes above it), and the scan every terminator
/// and nothing else.
@Suite struct LineTerminatorsScanTests {
    /// Bytes next to the ones searched for: the gate's bounds (0x0E, 0x7F, 0x80), the bytes a
    /// borrow marks wrongly (0x00, 0x01 above a zero byte), the masks' neighbours (0x08, 0x09,
    /// 0x0F, 0xC0, 0xC3, 0xE0, 0xE3, 0x82, 0xA2), and what follows a lead byte in text.
    static let others: [UInt8] = [0x00, 0x01, 0x08, 0x09, 0x0E, 0x0F, 0x20, 0x61, 0x7F, 0x80, 0x82, 0x85, 0xA2, 0xA8, 0xA9,
                                  0xC0, 0xC3, 0xE0, 0xE3, 0xFF]

    /// Per byte value, whether it is one of `LineTerminators.firstBytes`.
    static let isFirstByte = (0...255).map { LineTerminators.firstBytes.contains(UInt8($0)) }

    /// The first of `LineTerminators.firstBytes` at or after `from`, byte by byte.
    func firstByteByBytes(_ bytes: [UInt8], from: Int) -> Int {
        var i = from
        while i < bytes.count && !Self.isFirstByte[Int(bytes[i])] { i += 1 }
        return i
    }

    func firstByte(_ bytes: [UInt8], from: Int) -> Int {
        bytes.withUnsafeBufferPointer { LineTerminators.firstByte($0.baseAddress!, from: from, $0.count) }
    }

    /// Every byte value at every place of a word and of the bytes after the last whole word,
    /// among each of the other bytes, from starts before and at it: the byte by byte answer.
    @Test func everyByteValueIsFoundWhereItStands() {
        for filler in Self.others {
            for value in 0...255 {
                for at in 0..<19 {
                    var bytes = [UInt8](repeating: filler, count: 19)
                    bytes[at] = UInt8(value)
                    // A zero byte below it: its borrow reaches the bytes above.
                    if at > 0 { bytes[at - 1] = 0x00 }
                    // From the text's start, a word before it, the byte before it and the byte itself.
                    for from in Set([0, max(0, at - 8), max(0, at - 1), at]) {
                        let found = firstByte(bytes, from: from), expected = firstByteByBytes(bytes, from: from)
                        if found != expected { Issue.record("byte \(value) at \(at) among \(filler), from \(from): \(found), not \(expected)") }
                    }
                }
            }
        }
        for value in UInt8(0)...255 { expectEqual(LineTerminators.isFirstByte(value), LineTerminators.firstBytes.contains(value), "\(value)") }
    }

    /// Texts of words, marks and every terminator: `next` from every offset gives the first
    /// offset at or after it where `length` reads a terminator, as a byte by byte scan does.
    @Test func nextFindsEveryTerminatorAndNothingElse() {
        let pieces = ["The", " ", "council", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "\u{201C}",
                      "\u{201D}", "\u{2019}", "\u{2014}", "\u{2026}", "\u{2027}", "\u{202A}", "\u{A0}", "\u{AB}", "\u{BB}", "\u{E9}",
                      "\u{C2}", "\u{80}", "\u{10000}", "said.", "\t"]
        var seed: UInt64 = 0x5EED_0035
        for length in 0..<300 {
            var text = ""
            for _ in 0..<(length % 40) {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                text += pieces[Int(seed >> 33) % pieces.count]
            }
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { b in
                guard let p = b.baseAddress else { return }
                for from in 0...b.count {
                    let found = LineTerminators.next(p, from: from, b.count)
                    let expected = (from..<b.count).first { LineTerminators.length(p, $0, b.count) > 0 } ?? b.count
                    #expect(found == expected, "\(Array(text.unicodeScalars)) from \(from): \(found), not \(expected)")
                }
            }
        }
    }
}
