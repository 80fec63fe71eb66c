/// The LSH table: a multimap from 32-bit band keys to document numbers, every band in one
/// open-addressing table (band keys already include the band number).
///
/// Eight bytes a slot, kept at most 70% full. Removing a document is done by the caller
/// (dead documents are skipped when candidates are read and dropped when the table is rebuilt),
/// so the table only ever grows.
public struct BandTable: Sendable {
    private var keys: [UInt32]
    private var docs: [UInt32]
    private var mask: Int
    public private(set) var count = 0

    static let empty = UInt32.max

    public init(capacity: Int = 1024) {
        var size = 16
        while size * 7 / 10 < capacity { size <<= 1 }
        keys = [UInt32](repeating: 0, count: size)
        docs = [UInt32](repeating: BandTable.empty, count: size)
        mask = size - 1
    }

    @inline(__always) private static func slot(_ key: UInt32, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(key) &* 0x9e37_79b9_7f4a_7c15) >> 32) & mask
    }

    /// Adds one (key, document) entry.
    public mutating func insert(key: UInt32, doc: UInt32) {
        if (count + 1) * 10 > keys.count * 7 { grow() }
        var i = Self.slot(key, mask)
        while docs[i] != Self.empty { i = (i + 1) & mask }
        keys[i] = key
        docs[i] = doc
        count += 1
    }

    /// Calls `body` with every document stored under `key`.
    public func forEach(key: UInt32, _ body: (UInt32) -> Void) {
        var i = Self.slot(key, mask)
        while docs[i] != Self.empty {
            if keys[i] == key { body(docs[i]) }
            i = (i + 1) & mask
        }
    }

    /// Every entry, in table order.
    public func forEachEntry(_ body: (_ key: UInt32, _ doc: UInt32) -> Void) {
        for i in 0..<docs.count where docs[i] != Self.empty { body(keys[i], docs[i]) }
    }

    private mutating func grow() {
        let oldKeys = keys, oldDocs = docs
        let size = keys.count * 2
        keys = [UInt32](repeating: 0, count: size)
        docs = [UInt32](repeating: Self.empty, count: size)
        mask = size - 1
        count = 0
        for i in 0..<oldDocs.count where oldDocs[i] != Self.empty { insert(key: oldKeys[i], doc: oldDocs[i]) }
    }

    /// Bytes held by the table.
    public var memoryBytes: Int { keys.capacity * 4 + docs.capacity * 4 }
}
