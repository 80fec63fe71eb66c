/// UTF-16 code units made into UTF-8 with every lone surrogate kept as the three bytes UTF-8's
/// pattern gives it (U+D800 as ED A0 80), which no UTF-8 check accepts. The text is then checked
/// as UTF-8 text is, and a lone surrogate fails its file or line at its own place, as invalid
/// UTF-8 does (it had become U+FFFD, silently).
enum UTF16Text {
    /// Appends the UTF-8 of `units`, a pair of surrogates as its one scalar, a lone one as its
    /// three bytes. A high surrogate last in `units` is lone: hold it back to pair it with the
    /// next units.
    static func appendUTF8<C: RandomAccessCollection>(_ units: C, to out: inout [UInt8]) where C.Element == UInt16, C.Index == Int {
        var k = units.startIndex
        while k < units.endIndex {
            let u = units[k]
            if u >= 0xD800 && u < 0xDC00, k + 1 < units.endIndex, units[k + 1] >= 0xDC00 && units[k + 1] < 0xE000 {
                UTF8Bytes.append(0x10000 + (UInt32(u - 0xD800) << 10 | UInt32(units[k + 1] - 0xDC00)), to: &out)
                k += 2
                continue
            }
            UTF8Bytes.append(UInt32(u), to: &out)
            k += 1
        }
    }

    /// The surrogate written as UTF-8 bytes at `offset` of `b`, or nil when there is none there.
    static func surrogate(in b: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt16? {
        guard offset + 2 < b.count, b[offset] == 0xED, b[offset + 1] >= 0xA0 && b[offset + 1] <= 0xBF,
              b[offset + 2] >= 0x80 && b[offset + 2] <= 0xBF else { return nil }
        return 0xD000 | UInt16(b[offset + 1] & 0x3F) << 6 | UInt16(b[offset + 2] & 0x3F)
    }

    /// Why a UTF-16 file with an odd number of bytes fails, its last byte at `line`, `column` of
    /// the text: that byte is half a code unit, so the file was cut short or damaged (it had
    /// been dropped silently in a `.txt` file, and become U+FFFD in a `.jsonl` one).
    static func oddLengthReason(lastByte: UInt8, line: Int, column: Int) -> String {
        "invalid UTF-16 (an odd number of bytes: the last, \(String(format: lastByte)) at line \(line), column \(column), is half "
            + "a character): the file was cut short or damaged; fetch it again, or drop its last byte, e.g. head -c -1 FILE > FIXED"
    }

    /// A code unit as a user reads it: "U+D800".
    static func name(_ unit: UInt16) -> String {
        let hex = String(unit, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
