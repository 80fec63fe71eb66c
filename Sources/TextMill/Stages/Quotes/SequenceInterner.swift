/// Dense ids for sequences of integers (a word's bytes, a name's word ids), kept in one
/// arena: equal sequences get one id, numbered in order of first appearance. Open addressing
/// over a hash of the elements, grown at half full.
struct SequenceInterner<Element: FixedWidthInteger> {
    /// Per slot: id + 1, or 0 for an empty slot.
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    /// Where each id's elements start in `arena`; one entry more than ids.
    private var starts: [Int] = []
    /// The elements of all sequences, one after the other.
    private(set) var arena: [Element] = []

    /// An empty interner.
    init() {
        self.init(reserving: 0, elements: 0)
    }

    /// An empty interner with room for `count` sequences of `elements` elements in all: that
    /// many are interned without growing an array (the ids are the same either way).
    init(reserving count: Int, elements: Int) {
        var size = 16
        while size < 2 * count { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
        if count > 0 { hashes.reserveCapacity(count) }
        starts.reserveCapacity(count + 1)
        starts.append(0)
        if elements > 0 { arena.reserveCapacity(elements) }
    }

    /// The interner `slot` holds, emptied with room as `init(reserving:elements:)` gives (its
    /// arrays' memory kept), or a new one; `slot` is left nil, so the interner is not shared.
    static func reused(_ slot: inout SequenceInterner?, reserving count: Int, elements: Int) -> SequenceInterner {
        guard var kept = slot else { return SequenceInterner(reserving: count, elements: elements) }
        slot = nil
        kept.reset(reserving: count, elements: elements)
        return kept
    }

    /// Forgets every sequence, as a new interner with room for `count` sequences of `elements`
    /// elements in all, keeping the memory of its arrays.
    mutating func reset(reserving count: Int, elements: Int) {
        var size = 16
        while size < 2 * count { size *= 2 }
        slots.refill(0, count: size)
        hashes.removeAll(keepingCapacity: true)
        hashes.reserveCapacity(count)
        starts.removeAll(keepingCapacity: true)
        starts.reserveCapacity(count + 1)
        starts.append(0)
        arena.removeAll(keepingCapacity: true)
        arena.reserveCapacity(elements)
    }

    /// How many distinct sequences have ids.
    var count: Int { hashes.count }

    /// Where the elements of `id` are in `arena`.
    func range(_ id: Int) -> Range<Int> { starts[id]..<starts[id + 1] }

    /// The id of `sequence`, and whether it is new.
    mutating func intern(_ sequence: UnsafeBufferPointer<Element>) -> (id: Int, isNew: Bool) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for e in sequence { h = (h ^ UInt64(truncatingIfNeeded: e)) &* 0x0000_0100_0000_01B3 }
        h = QuoteWordTable.finish(h, sequence.count)
        // The slot holding an equal sequence, or the empty slot where it goes.
        let (slot, found) = find(sequence, hash: h)
        if found >= 0 { return (found, false) }
        let id = hashes.count
        hashes.append(h)
        arena.append(contentsOf: sequence)
        starts.append(arena.count)
        slots[slot] = Int32(id + 1)
        if hashes.count * 2 > slots.count { grow() }
        return (id, true)
    }

    /// Probes for `sequence`: its slot and id, or the empty slot it would take and -1.
    private func find(_ sequence: UnsafeBufferPointer<Element>, hash h: UInt64) -> (slot: Int, id: Int) {
        slots.withUnsafeBufferPointer { slots in
            arena.withUnsafeBufferPointer { arena in
                let mask = slots.count - 1
                var s = Int(truncatingIfNeeded: h) & mask
                while slots[s] != 0 {
                    let id = Int(slots[s]) - 1
                    if hashes[id] == h {
                        let start = starts[id], count = starts[id + 1] - start
                        if count == sequence.count {
                            var k = 0
                            while k < count && arena[start + k] == sequence[k] { k += 1 }
                            if k == count { return (s, id) }
                        }
                    }
                    s = (s + 1) & mask
                }
                return (s, -1)
            }
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, h) in hashes.enumerated() {
            var s = Int(truncatingIfNeeded: h) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = Int32(id + 1)
        }
    }
}
