/// Dense ids for sequences of integers (a word's bytes, a name's word ids), kept in one
/// arena: equal sequences get one id, numbered in order of first appearance. Open addressing
/// over a hash of the elements, grown at half full.
///
/// The arrays keep counts of their own (`idCount`, `elementCount`): a reset sets the counts to
/// zero and later sequences overwrite what the last document left, so a document's reset empties
/// no array (an array's `removeAll(keepingCapacity:)` is a generic `replaceSubrange`, about 60
/// to 90 instructions) and an interned sequence is copied in place, not appended.
struct SequenceInterner<Element: FixedWidthInteger> {
    /// Per slot: id + 1, or 0 for an empty slot.
    private var slots: [Int32]
    /// Per id (the first `idCount`): its elements' hash.
    private var hashes: [UInt64] = []
    /// Where each id's elements start in `storage`; one entry more than ids (the first
    /// `idCount + 1`).
    private var starts: [Int] = [0]
    /// The elements of all sequences, one after the other (the first `elementCount`; after them,
    /// what an earlier document left).
    private var storage: [Element] = []
    private var idCount = 0
    private var elementCount = 0

    /// The elements of all sequences, one after the other.
    var arena: ArraySlice<Element> { storage[0..<elementCount] }

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
        if elements > 0 { storage.reserveCapacity(elements) }
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
    /// elements in all, keeping the memory of its arrays (their counts set to zero, the
    /// elements left to be overwritten).
    mutating func reset(reserving count: Int, elements: Int) {
        var size = 16
        while size < 2 * count { size *= 2 }
        slots.refill(0, count: size)
        idCount = 0
        elementCount = 0
        if hashes.capacity < count { hashes.reserveCapacity(count) }
        if starts.capacity < count + 1 { starts.reserveCapacity(count + 1) }
        if storage.capacity < elements { storage.reserveCapacity(elements) }
    }

    /// How many distinct sequences have ids.
    var count: Int { idCount }

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
        let id = idCount
        if id < hashes.count { hashes[id] = h } else { hashes.append(h) }
        let start = elementCount, end = start + sequence.count
        // The elements over what an earlier document left, the rest appended.
        let overwritten = min(end, storage.count) - start
        if overwritten > 0 {
            storage.withUnsafeMutableBufferPointer { to in
                for k in 0..<overwritten { to[start + k] = sequence[k] }
            }
        }
        if overwritten < sequence.count {
            storage.append(contentsOf: UnsafeBufferPointer(rebasing: sequence[max(overwritten, 0)...]))
        }
        elementCount = end
        if id + 1 < starts.count { starts[id + 1] = end } else { starts.append(end) }
        idCount = id + 1
        slots[slot] = Int32(id + 1)
        if idCount * 2 > slots.count { grow() }
        return (id, true)
    }

    /// Probes for `sequence`: its slot and id, or the empty slot it would take and -1.
    private func find(_ sequence: UnsafeBufferPointer<Element>, hash h: UInt64) -> (slot: Int, id: Int) {
        slots.withUnsafeBufferPointer { slots in
            storage.withUnsafeBufferPointer { arena in
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
        for id in 0..<idCount {
            var s = Int(truncatingIfNeeded: hashes[id]) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = Int32(id + 1)
        }
    }
}
