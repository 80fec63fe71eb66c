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

    private var slots: UnsafeMutableBufferPointer<Slot>
    private var mask: Int
    /// Keys in the table.
    private var used = 0
    /// The slots `capacity` keys need: the size the table takes when its first size is full.
    private let fullSize: Int
    /// The highest count so far and the first position of its key (ties: the key seen first).
    private(set) var best = (count: 0, first: Int.max)

    /// A table for keys of which there are at most `capacity` (at most two thirds full: a power
    /// of two at least 1.5 × the keys it holds; twice that made the n-gram table of a document of
    /// random words 4 slots, 64 bytes, a word). It starts with room for `firstKeys` keys and
    /// takes the size `capacity` needs when that is full, so a text of few distinct keys keeps a
    /// small table (sized for `capacity` at once, the table of a 10 MB document of ". " repeated
    /// took 128 MB for its one n-gram), and a text of many moves at most `firstKeys` keys once
    /// (doubling step by step held the last two sizes at once: 64 + 128 MB for 5 million keys).
    init(capacity: Int) {
        fullSize = Self.size(for: capacity)
        let size = Self.size(for: min(capacity, Self.firstKeys))
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Slot(key: 0, count: 0, first: 0))
        mask = size - 1
    }

    /// The keys a new table has room for before it grows.
    static let firstKeys = 1024

    /// The slots for `keys` keys: a power of two, at least 16 and 1.5 × `keys`.
    static func size(for keys: Int) -> Int {
        var size = 16
        while size < keys + keys / 2 { size <<= 1 }
        return size
    }

    deinit { slots.deallocate() }

    /// Bytes of the slot array.
    var retainedBytes: Int { slots.count * MemoryLayout<Slot>.stride }

    /// Forgets every key, keeping the table's size.
    func removeAll() {
        slots.update(repeating: Slot(key: 0, count: 0, first: 0))
        used = 0
        best = (0, Int.max)
    }

    /// Grows the table when one more key would fill it past two thirds (to the size `capacity`
    /// needs, or twice its size when it has it already), moving every key to its new slot.
    @inline(__always)
    private func makeRoom() {
        guard (used + 1) * 3 > slots.count * 2 else { return }
        let old = slots
        slots = .allocate(capacity: max(old.count * 2, fullSize))
        slots.initialize(repeating: Slot(key: 0, count: 0, first: 0))
        mask = slots.count - 1
        for s in old where s.key != 0 { slots[slot(of: s.key)] = s }
        old.deallocate()
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
        var s = slot(of: k)
        if slots[s].key == 0 {
            makeRoom()
            s = slot(of: k)
            slots[s] = Slot(key: k, count: 1, first: Int32(truncatingIfNeeded: position))
            used += 1
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
        if slots[slot(of: k)].key != 0 { return true }
        makeRoom()
        slots[slot(of: k)] = Slot(key: k, count: 1, first: Int32(truncatingIfNeeded: position))
        used += 1
        return false
    }

    /// The highest count and the first position of its key; among equal counts, the key seen first.
    func mostFrequent() -> (count: Int, first: Int) { best }
}
