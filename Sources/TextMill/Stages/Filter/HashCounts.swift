/// Counts of 64-bit keys that are already hashes (n-gram and line hashes), in an open-addressing
/// table of one slot array (key, count, first position side by side): no per-lookup hashing,
/// unlike `Dictionary`, and no copy-on-write checks in the loops. Key 0 is stored as 1.
///
/// A reference type so that one table is emptied and reused for each n-gram length; it is
/// never shared between threads.
final class HashCounts {
    private struct Slot {
        var key: UInt64
        var count: Int32
        var first: Int32
    }

    private let slots: UnsafeMutableBufferPointer<Slot>
    private let mask: Int
    /// The highest count so far and the first position of its key (ties: the key seen first).
    private(set) var best = (count: 0, first: Int.max)

    /// A table for up to `capacity` distinct keys, at most two thirds full (a power of two at
    /// least 1.5 × `capacity`: twice the capacity made the n-gram table of a document of
    /// random words 4 slots, 64 bytes, a word).
    init(capacity: Int) {
        var size = 16
        while size < capacity + capacity / 2 { size <<= 1 }
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Slot(key: 0, count: 0, first: 0))
        mask = size - 1
    }

    deinit { slots.deallocate() }

    /// Forgets every key, keeping the table's size.
    func removeAll() {
        slots.update(repeating: Slot(key: 0, count: 0, first: 0))
        best = (0, Int.max)
    }

    @inline(__always)
    private func slot(of key: UInt64) -> Int {
        var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
        while slots[slot].key != 0 && slots[slot].key != key { slot = (slot + 1) & mask }
        return slot
    }

    /// Adds one to `key`'s count (remembering `position` the first time) and returns the new count.
    @discardableResult
    @inline(__always)
    func add(_ key: UInt64, at position: Int) -> Int {
        let k = key == 0 ? 1 : key
        let s = slot(of: k)
        if slots[s].key == 0 {
            slots[s] = Slot(key: k, count: 1, first: Int32(truncatingIfNeeded: position))
        } else {
            slots[s].count += 1
        }
        let count = Int(slots[s].count), first = Int(slots[s].first)
        if count > best.count || (count == best.count && first < best.first) { best = (count, first) }
        return count
    }

    /// Adds `key` (at `position`) unless it is there; true when it was there already.
    @inline(__always)
    func insertOrFind(_ key: UInt64, at position: Int) -> Bool {
        let k = key == 0 ? 1 : key
        let s = slot(of: k)
        if slots[s].key != 0 { return true }
        slots[s] = Slot(key: k, count: 1, first: Int32(truncatingIfNeeded: position))
        return false
    }

    /// The highest count and the first position of its key; among equal counts, the key seen first.
    func mostFrequent() -> (count: Int, first: Int) { best }
}
