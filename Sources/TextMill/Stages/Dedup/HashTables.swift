/// Open-addressing hash tables sized for the dedup index: linear probing, no power-of-two
/// sizes (a slot is `hash * size >> 32`), growth by half when 75% full, so a table is
/// between 50% and 75% full and costs its entry size / 0.62 on average.

/// Grows a table size by half.
@inline(__always) private func grownSize(_ size: Int) -> Int { size + size / 2 }

/// The slot of a 32-bit hash in a table of `size` slots.
@inline(__always) private func slot(_ hash: UInt32, _ size: Int) -> Int {
    Int(truncatingIfNeeded: (UInt64(hash) &* UInt64(size)) >> 32)
}

/// The entries of a table's parallel `keys` and `docs` (a free slot's doc is `UInt32.max`) moved to
/// tables of `size` slots, in table order, each to the first free slot from its home (`home` of its
/// key): where inserting the same entries in the same order puts them (`BandTable.insert` takes the
/// first free slot; so does `KeyTable.set`, its keys being distinct), as the saved index lists
/// entries in table order. Through pointers, without an insert's growth test and the arrays' bounds
/// and uniqueness checks an entry (about 80 instructions an entry). `BandTable` and `KeyTable`
/// grow through it.
@inline(__always) private func rehoused<Key: FixedWidthInteger>(keys oldKeys: [Key], docs oldDocs: [UInt32], size: Int,
                                                               home: (Key) -> UInt32) -> ([Key], [UInt32]) {
    let empty = UInt32.max
    var newKeys = [Key](repeating: 0, count: size)
    var newDocs = [UInt32](repeating: empty, count: size)
    newKeys.withUnsafeMutableBufferPointer { k in
        newDocs.withUnsafeMutableBufferPointer { d in
            oldKeys.withUnsafeBufferPointer { ok in
                oldDocs.withUnsafeBufferPointer { od in
                    for j in 0..<od.count where od[j] != empty {
                        let key = ok[j]
                        var i = slot(home(key), size)
                        while d[i] != empty { i += 1; if i == size { i = 0 } }
                        k[i] = key
                        d[i] = od[j]
                    }
                }
            }
        }
    }
    return (newKeys, newDocs)
}

/// The LSH table: a multimap from 32-bit band keys to document numbers, every band in one
/// table (band keys already include the band number). Eight bytes a slot.
///
/// Entries are never removed one by one: the index skips removed documents when it reads
/// candidates and leaves them out when it saves.
struct BandTable: Sendable {
    private var keys: [UInt32]
    private var docs: [UInt32]
    private(set) var count = 0

    static let empty = UInt32.max

    init(capacity: Int = 1024) {
        let size = max(16, capacity * 4 / 3 + 1)
        keys = [UInt32](repeating: 0, count: size)
        docs = [UInt32](repeating: BandTable.empty, count: size)
    }

    @inline(__always) private static func mix(_ key: UInt32) -> UInt32 {
        UInt32(truncatingIfNeeded: (UInt64(key) &* 0x9e37_79b9_7f4a_7c15) >> 32)
    }

    /// Adds one (key, document) entry.
    mutating func insert(key: UInt32, doc: UInt32) {
        if (count + 1) * 4 > keys.count * 3 { rebuild(size: grownSize(keys.count)) }
        let size = keys.count
        let i = docs.withUnsafeBufferPointer { d in
            var i = slot(Self.mix(key), size)
            while d[i] != Self.empty { i += 1; if i == size { i = 0 } }
            return i
        }
        keys[i] = key
        docs[i] = doc
        count += 1
    }

    /// Adds one (key, document) entry unless `limit` live documents (`isAlive`) are stored under
    /// `key` already: a full bucket keeps its first documents, so what one key hands back, and
    /// the work of every later lookup and insert under it, stays bounded. An entry of a removed
    /// document under `key` is reused. Returns false when the bucket was full.
    mutating func insert(key: UInt32, doc: UInt32, limit: Int, isAlive: (UInt32) -> Bool) -> Bool {
        let size = keys.count
        var alive = 0, reusable = -1
        // The probe walks the two arrays through pointers: no bounds check a slot (i < size).
        let full = keys.withUnsafeBufferPointer { k in
            docs.withUnsafeBufferPointer { d in
                var i = slot(Self.mix(key), size)
                while d[i] != Self.empty {
                    if k[i] == key {
                        if isAlive(d[i]) {
                            alive += 1
                            if alive >= limit { return true }
                        } else if reusable < 0 {
                            reusable = i
                        }
                    }
                    i += 1; if i == size { i = 0 }
                }
                return false
            }
        }
        if full { return false }
        if reusable >= 0 {
            docs[reusable] = doc
        } else {
            insert(key: key, doc: doc)
        }
        return true
    }

    /// Calls `body` with every document stored under `key`.
    func forEach(key: UInt32, _ body: (UInt32) -> Void) {
        let size = keys.count
        keys.withUnsafeBufferPointer { k in
            docs.withUnsafeBufferPointer { d in
                var i = slot(Self.mix(key), size)
                while d[i] != Self.empty {
                    if k[i] == key { body(d[i]) }
                    i += 1; if i == size { i = 0 }
                }
            }
        }
    }

    /// Every entry, in table order.
    func forEachEntry(_ body: (_ key: UInt32, _ doc: UInt32) -> Void) {
        for i in 0..<docs.count where docs[i] != Self.empty { body(keys[i], docs[i]) }
    }

    /// Moves every entry to a table of `size` slots, in table order: each lands where
    /// `insert(key:doc:)` of the same entries in the same order would put it (the saved index
    /// lists entries in table order), through pointers, without `insert`'s growth test and
    /// the arrays' bounds and uniqueness checks an entry (about 80 instructions an entry).
    private mutating func rebuild(size: Int) {
        (keys, docs) = rehoused(keys: keys, docs: docs, size: size) { Self.mix($0) }
    }

    /// Bytes held by the table.
    var memoryBytes: Int { keys.capacity * 4 + docs.capacity * 4 }

    /// Bytes of the table's slots (its size, whatever the allocator rounded it up to).
    var slotBytes: Int { keys.count * 4 + docs.count * 4 }
}

/// A map from 64-bit keys (exact keys, id hashes) to document numbers, one document a key.
/// Twelve bytes a slot; removal shifts the following entries back (no tombstones).
struct KeyTable: Sendable {
    private var keys: [UInt64]
    private var docs: [UInt32]
    private(set) var count = 0

    static let empty = UInt32.max

    init(capacity: Int = 1024) {
        let size = max(16, capacity * 4 / 3 + 1)
        keys = [UInt64](repeating: 0, count: size)
        docs = [UInt32](repeating: KeyTable.empty, count: size)
    }

    @inline(__always) private func home(_ key: UInt64) -> Int { slot(UInt32(truncatingIfNeeded: key >> 32), keys.count) }

    /// The slot holding `key`, or the empty slot where it would go.
    private func find(_ key: UInt64) -> Int {
        let size = keys.count
        var i = home(key)
        while docs[i] != Self.empty && keys[i] != key { i += 1; if i == size { i = 0 } }
        return i
    }

    subscript(key: UInt64) -> UInt32? {
        let i = find(key)
        return docs[i] == Self.empty ? nil : docs[i]
    }

    /// Sets or replaces the document of `key`.
    mutating func set(_ key: UInt64, _ doc: UInt32) {
        if (count + 1) * 4 > keys.count * 3 { rebuild(size: grownSize(keys.count)) }
        let i = find(key)
        if docs[i] == Self.empty { count += 1 }
        keys[i] = key
        docs[i] = doc
    }

    /// Removes `key` if present.
    mutating func remove(_ key: UInt64) {
        var i = find(key)
        guard docs[i] != Self.empty else { return }
        let size = keys.count
        var j = i
        while true {
            j += 1; if j == size { j = 0 }
            if docs[j] == Self.empty { break }
            let k = home(keys[j])
            // The entry at j may stay when its home lies cyclically in (i, j].
            let stays = i <= j ? (i < k && k <= j) : (i < k || k <= j)
            if stays { continue }
            keys[i] = keys[j]
            docs[i] = docs[j]
            i = j
        }
        docs[i] = Self.empty
        count -= 1
    }

    /// Moves every entry to a table of `size` slots, in table order, each to the slot `set` of
    /// the same entries in the same order gives (the keys are distinct, so that is the first
    /// empty slot from its home), through pointers.
    private mutating func rebuild(size: Int) {
        (keys, docs) = rehoused(keys: keys, docs: docs, size: size) { UInt32(truncatingIfNeeded: $0 >> 32) }
    }

    /// Bytes held by the table.
    var memoryBytes: Int { keys.capacity * 8 + docs.capacity * 4 }

    /// Bytes of the table's slots (its size, whatever the allocator rounded it up to).
    var slotBytes: Int { keys.count * 8 + docs.count * 4 }
}
