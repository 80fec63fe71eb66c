/// Named counters, added to once or more a document: the first `slotLimit` names in a list
/// searched in order (a stage counts a handful of names, so a few comparisons, with no hashing
/// and no table to allocate), any further names in a dictionary (bounded work per count
/// whatever names a stage makes up).
///
/// The first name is kept inline, outside the list: a stage that counts one name a document
/// (`sentences`) fills its fresh context of every document without allocating.
struct CounterList: Sendable {
    /// Names kept in order (the inline first one and the list); the rest go to `overflow`.
    static let slotLimit = 16
    /// Slots allocated at the second name.
    static let initialCapacity = 8
    /// The first name counted and its amount (nil: nothing counted yet).
    private var firstName: String?
    private var firstAmount = 0
    /// The second to `slotLimit`-th names, in the order first counted.
    private var rest: [(name: String, amount: Int)] = []
    private(set) var overflow: [String: Int] = [:]

    var isEmpty: Bool { firstName == nil }

    /// The names kept in order, with their amounts (the first one included).
    var slots: [(name: String, amount: Int)] {
        guard let firstName else { return [] }
        return [(firstName, firstAmount)] + rest
    }

    /// Adds `amount` to the counter `name`.
    mutating func add(_ name: String, _ amount: Int) {
        guard let first = firstName else {
            firstName = name
            firstAmount = amount
            return
        }
        // Lengths first: most names in a list differ in length, and a native string's length
        // is stored, so most comparisons end there without looking at the bytes.
        let length = name.utf8.count
        if first.utf8.count == length && first == name {
            firstAmount += amount
            return
        }
        for k in rest.indices where rest[k].name.utf8.count == length && rest[k].name == name {
            rest[k].amount += amount
            return
        }
        if rest.count + 1 < Self.slotLimit {
            // Room for a stage's usual handful of names at once, not grown 1, 2, 4, 8.
            if rest.isEmpty { rest.reserveCapacity(Self.initialCapacity) }
            rest.append((name, amount))
        } else {
            overflow[name, default: 0] += amount
        }
    }

    /// Adds every counter of `other`.
    mutating func add(_ other: CounterList) {
        guard let first = other.firstName else { return }
        add(first, other.firstAmount)
        for (name, amount) in other.rest { add(name, amount) }
        for (name, amount) in other.overflow { add(name, amount) }
    }

    /// The counters by name.
    var dictionary: [String: Int] {
        var out = overflow
        if let firstName { out[firstName, default: 0] += firstAmount }
        for (name, amount) in rest { out[name, default: 0] += amount }
        return out
    }
}
