import Foundation
import Testing
@testable import TextMill

/// The control-character scan every decoded text goes through reads eight bytes at a time; these
/// pin it against the byte-by-byte rule at every position and word alignment.
@Suite struct ControlCharacterScanTests {
    /// The rule, byte by byte: C0 controls other than tab, line feed, form feed and carriage return.
    static func reference(_ bytes: [UInt8]) -> Bool {
        bytes.contains { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0C && $0 != 0x0D }
    }

    @Test func everyControlAtEveryPositionIsFound() {
        let line = Array("Harbor council \u{201C}votes\u{201D} Tuesday.\tBudget\r\nnext:\u{0C} café 1–2\n".utf8)
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 40, line.count] {
            let clean = Array(line.prefix(length))
            expectEqual(TextDecoding.hasBadControls(clean), false)
            for position in 0..<max(length, 1) where length > 0 {
                for control in UInt8(0)..<0x20 {
                    var bytes = clean
                    bytes[position] = control
                    expectEqual(TextDecoding.hasBadControls(bytes), Self.reference(bytes),
                            "length \(length), byte \(control) at \(position)")
                }
            }
        }
    }

    @Test func bytesAboveTheControlsAreNeverControls() {
        // 0x20…0xFF in every lane: the word test must not flag high bytes (UTF-8 continuation bytes).
        let bytes = (0..<2048).map { UInt8(0x20 + $0 % 0xE0) }
        expectEqual(TextDecoding.hasBadControls(bytes), false)
        #expect(TextDecoding.decode(Array("Ein Bericht\u{0}über Häfen.\n".utf8), markup: false).text
                == Array("Ein Bericht über Häfen.\n".utf8))
    }
}
