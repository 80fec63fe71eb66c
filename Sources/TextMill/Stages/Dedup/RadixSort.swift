/// Sorts 64-bit keys in ascending order, each moving a 32-bit value with it: least significant
/// digit first, 11 bits a pass (six passes; a pass where every key has the same digit moves
/// nothing and is skipped). Each pass is stable, so keys that are equal keep their order.
///
/// For the tables an index saves (paragraph keys and their counts), where a merge sort of
/// key-value pairs through a comparison closure (`sorted(by:)`) made a dozen comparisons and
/// moves a key for every doubling of the table. It holds the two arrays and a spare of each:
/// 24 bytes a key, as the 16-byte pairs `sorted(by:)` copied and its merge buffer did.
enum RadixSort {
    /// Bits a pass: a histogram of 2,048 counts (16 KB) fits the first-level cache.
    static let bits = 11

    /// Sorts `keys` in place, and `values` with them (`values[i]` follows `keys[i]`).
    static func sort(_ keys: inout [UInt64], carrying values: inout [UInt32]) {
        let n = keys.count
        precondition(values.count == n, "a value for every key")
        guard n > 1 else { return }
        let spareKeys = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: n)
        let spareValues = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: n)
        let histogram = UnsafeMutableBufferPointer<Int>.allocate(capacity: 1 << bits)
        defer {
            spareKeys.deallocate()
            spareValues.deallocate()
            histogram.deallocate()
        }
        keys.withUnsafeMutableBufferPointer { k in
            values.withUnsafeMutableBufferPointer { v in
                var from = (keys: k, values: v), to = (keys: spareKeys, values: spareValues)
                for shift in stride(from: 0, to: 64, by: bits) {
                    if pass(from, into: to, shift: UInt64(shift), histogram: histogram) { swap(&from, &to) }
                }
                if from.keys.baseAddress != k.baseAddress {
                    k.baseAddress!.update(from: from.keys.baseAddress!, count: n)
                    v.baseAddress!.update(from: from.values.baseAddress!, count: n)
                }
            }
        }
    }

    /// Moves the pairs of `from` into `to` ordered by the digit at `shift` (stable); false, and
    /// nothing moved, when every key has the same digit there.
    private static func pass(_ from: (keys: UnsafeMutableBufferPointer<UInt64>, values: UnsafeMutableBufferPointer<UInt32>),
                             into to: (keys: UnsafeMutableBufferPointer<UInt64>, values: UnsafeMutableBufferPointer<UInt32>),
                             shift: UInt64, histogram h: UnsafeMutableBufferPointer<Int>) -> Bool {
        let mask = UInt64(1 << bits - 1)
        let n = from.keys.count
        h.update(repeating: 0)
        for key in from.keys { h[Int(truncatingIfNeeded: (key >> shift) & mask)] &+= 1 }
        if h[Int(truncatingIfNeeded: (from.keys[0] >> shift) & mask)] == n { return false }
        // Each digit's start: the counts of the digits below it.
        var start = 0
        for d in 0..<h.count {
            let c = h[d]
            h[d] = start
            start &+= c
        }
        for i in 0..<n {
            let key = from.keys[i]
            let d = Int(truncatingIfNeeded: (key >> shift) & mask)
            let at = h[d]
            to.keys[at] = key
            to.values[at] = from.values[i]
            h[d] = at &+ 1
        }
        return true
    }
}
