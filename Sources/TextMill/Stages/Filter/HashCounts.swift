/// Counts of 64-bit keys that are already hashes (n-gram and line hashes), in an open-addressing
/// table: no per-lookup hashing, unlike `Dictionary`. Key 0 is stored as 1.
struct HashCounts {
    private var keys: [UInt64]
    private var counts: [Int32]
    private var firsts: [Int32]
    private let mask: Int

    /// A table for up to `capacity` distinct keys.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        counts = Array(repeating: 0, count: size)
        firsts = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// Forgets every key, keeping the table's size.
    mutating func removeAll() {
        keys.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }

    /// Adds one to `key`'s count (remembering `position` the first time) and returns the new count.
    @inline(__always)
    mutating func add(_ key: UInt64, at position: Int) -> Int {
        let k = key == 0 ? 1 : key
        var slot = Int(truncatingIfNeeded: k ^ (k >> 29)) & mask
        while true {
            if keys[slot] == k { counts[slot] += 1; return Int(counts[slot]) }
            if keys[slot] == 0 {
                keys[slot] = k
                counts[slot] = 1
                firsts[slot] = Int32(truncatingIfNeeded: position)
                return 1
            }
            slot = (slot + 1) & mask
        }
    }

    /// Whether `key` was added.
    @inline(__always)
    func contains(_ key: UInt64) -> Bool {
        let k = key == 0 ? 1 : key
        var slot = Int(truncatingIfNeeded: k ^ (k >> 29)) & mask
        while keys[slot] != 0 {
            if keys[slot] == k { return true }
            slot = (slot + 1) & mask
        }
        return false
    }

    /// The highest count and the first position of its key; among equal counts, the key seen first.
    func mostFrequent() -> (count: Int, first: Int) {
        var best = (count: 0, first: Int.max)
        for slot in 0..<keys.count where keys[slot] != 0 {
            let c = Int(counts[slot]), f = Int(firsts[slot])
            if c > best.count || (c == best.count && f < best.first) { best = (c, f) }
        }
        return best
    }
}
