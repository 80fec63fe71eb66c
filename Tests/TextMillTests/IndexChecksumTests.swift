import Testing
@testable import TextMill

/// The dedup index's checksum (`ByteWriter.checksum`) read a word at a time gives the values the
/// byte-at-a-time loop gave, so every index written before still loads: lengths around a word's
/// eight bytes and a slice that does not start at 0 (the values below are the old loop's).
@Suite struct IndexChecksumTests {
    static let bytes: [UInt8] = (0..<64).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }

    @Test func wordsAndPartWordsGiveTheValuesIndexesHold() {
        let expected: [(Int, UInt64)] = [
            (0, 0xefd01f60ba992926),
            (1, 0x437218043860c920),
            (7, 0x8b7377a8c28cb971),
            (8, 0xb1e25e1d056ba928),
            (9, 0xc0625074d825bf51),
            (15, 0x8c9fabaaa9c2a39a),
            (16, 0x0e9285dc9f18561f),
            (17, 0x7dc53aabb5808a4b),
            (63, 0x50744d8c9ea56262),
        ]
        for (count, value) in expected {
            expectEqual(ByteWriter.checksum(Self.bytes[0..<count]), value, "\(count) bytes")
        }
        expectEqual(ByteWriter.checksum(Self.bytes[3..<43]), 0xcf2ee512c1a746d7, "a slice from byte 3")
    }
}
