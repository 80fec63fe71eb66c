import Foundation
import Testing
@testable import TextMill

/// `RadixSort` orders keys as a comparison sort does, values following their keys, and keeps
/// equal keys in their order; and `BoilerplateCounter.inKeyOrder` (what an index saves) is
/// the counter's pairs in ascending key order.
@Suite struct RadixSortTests {
    /// A fixed pseudo-random sequence (splitmix64), so a failure can be repeated.
    struct Numbers {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Sorts `keys` both ways and compares, values included (a stable comparison sort).
    func expectSortedLikeAComparisonSort(_ keys: [UInt64], _ comment: Comment) {
        var k = keys
        var v = (0..<keys.count).map { UInt32($0) }
        RadixSort.sort(&k, carrying: &v)
        let reference = zip(keys, (0..<keys.count).map { UInt32($0) }).sorted { $0.0 < $1.0 }
        expectEqual(k, reference.map(\.0), comment)
        expectEqual(v, reference.map(\.1), comment)
    }

    @Test(arguments: [0, 1, 2, 3, 17, 2_048, 8_192])
    func randomKeysAtNAndFourN(count: Int) {
        var numbers = Numbers(state: UInt64(count))
        expectSortedLikeAComparisonSort((0..<count).map { _ in numbers.next() }, "random, \(count)")
    }

    @Test func keysThatShareDigitsAndRepeat() {
        var numbers = Numbers(state: 7)
        // Only the top bits differ (the low passes move nothing), only the low bits differ, and
        // keys that repeat (their values keep their order).
        expectSortedLikeAComparisonSort((0..<3_000).map { _ in (numbers.next() >> 53) << 53 }, "top bits")
        expectSortedLikeAComparisonSort((0..<3_000).map { _ in 0xABCD_0000_0000_0000 | numbers.next() & 0x7FF }, "low bits")
        expectSortedLikeAComparisonSort((0..<3_000).map { _ in numbers.next() % 50 }, "repeats")
        expectSortedLikeAComparisonSort((0..<1_000).map { UInt64.max - UInt64($0) }, "descending, at the top")
        expectSortedLikeAComparisonSort([UInt64](repeating: 42, count: 100), "all equal")
    }

    @Test func boilerplateCountsInKeyOrder() {
        var counter = BoilerplateCounter(capacity: 100_000)
        var numbers = Numbers(state: 3)
        let paragraphs = (0..<5_000).map { _ in numbers.next() }
        for d in 0..<2_000 {
            counter.add(documentParagraphs: (0..<(d % 7 + 1)).map { paragraphs[(d * 31 + $0 * 977) % paragraphs.count] })
        }
        let ordered = counter.inKeyOrder()
        let reference = counter.counts.sorted { $0.key < $1.key }
        expectEqual(ordered.keys, reference.map(\.key))
        expectEqual(ordered.counts, reference.map(\.value))
        #expect(ordered.keys.count > 1_000)
    }
}
