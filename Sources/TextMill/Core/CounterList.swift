/// Named counters, added to once or more a document: the first `slotLimit` names in a list
/// searched in order (a stage counts a handful of names, so a few comparisons, with no hashing
/// and no table to allocate), any further names in a dictionary (bounded work per count
/// whatever names a stage makes up).
struct CounterList: Sendable {
    /// Names kept in the list; the rest go to `overflow`.
    static let slotLimit = 16
    /// Slots allocated at the first count.
    static let initialCapacity = 8
    private(set) var slots: [(name: String, amount: Int)] = []
    private(set) var overflow: [String: Int] = [:]

    var isEmpty: Bool { slots.isEmpty }

    /// Adds `amount` to the counter `name`.
    mutating func add(_ name: String, _ amount: Int) {
        // Lengths first: most names in a list differ in length, and a native string's length
        // is stored, so most comparisons end there without looking at the bytes.
        let length = name.utf8.count
        for k in slots.indices where slots[k].name.utf8.count == length && slots[k].name == name {
            slots[k].amount += amount
            return
        }
        if slots.count < Self.slotLimit {
            // Room for a stage's usual handful of names at once, not grown 1, 2, 4, 8.
            if slots.isEmpty { slots.reserveCapacity(Self.initialCapacity) }
            slots.append((name, amount))
        } else {
            overflow[name, default: 0] += amount
        }
    }

    /// Adds every counter of `other`.
    mutating func add(_ other: CounterList) {
        for (name, amount) in other.slots { add(name, amount) }
        for (name, amount) in other.overflow { add(name, amount) }
    }

    /// The counters by name.
    var dictionary: [String: Int] {
        var out = overflow
        for (name, amount) in slots { out[name, default: 0] += amount }
        return out
    }
}
