/// A word of at most eight bytes held as one integer, and where it starts in an open-addressing
/// table: the key of the English check's marker table and of `QuoteWordIndex`.
enum PackedWord {
    /// Bytes (at most eight) as one integer, byte `k` in bits `8k…8k+7`.
    static func pack(_ bytes: [UInt8]) -> UInt64 {
        var key: UInt64 = 0
        for (k, b) in bytes.enumerated() { key |= UInt64(b) << (8 * UInt64(k)) }
        return key
    }

    /// The first slot of `key` in a table of `mask + 1` slots (Fibonacci hashing: the high bits
    /// of a multiply, folded down).
    @inline(__always) static func slot(_ key: UInt64, mask: Int) -> Int {
        let h = key &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
    }
}
