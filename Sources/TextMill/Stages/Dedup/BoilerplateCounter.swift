/// Counts in how many distinct documents each paragraph was seen, in bounded memory.
///
/// Keys are 64-bit hashes of a paragraph's folded words. When more than `capacity` paragraphs
/// are remembered, the rarest are forgotten (all seen once; then twice, …, until at most half
/// the capacity is left), in the manner of lossy counting: a paragraph that really repeats
/// keeps coming back faster than it is forgotten, and a forgotten one restarts from zero.
public struct BoilerplateCounter: Sendable {
    /// Paragraph key → number of distinct documents that contained it.
    public private(set) var counts: [UInt64: UInt32] = [:]
    /// Most paragraphs remembered.
    public let capacity: Int

    public init(capacity: Int = 1_000_000) {
        self.capacity = max(capacity, 16)
    }

    /// How many distinct documents contained the paragraph so far.
    public func count(_ paragraph: UInt64) -> Int { Int(counts[paragraph] ?? 0) }

    /// Records one document's paragraphs (each counted once, however often it repeats).
    public mutating func add<S: Sequence>(documentParagraphs: S) where S.Element == UInt64 {
        let keys = Array(documentParagraphs)
        if keys.count <= Self.fewParagraphs {
            // A story's handful: a repeat is found among the keys before it, without hashing.
            for (i, p) in keys.enumerated() where !keys[..<i].contains(p) {
                counts[p, default: 0] &+= 1
            }
        } else {
            var seen = Set<UInt64>()
            for p in keys where seen.insert(p).inserted {
                counts[p, default: 0] &+= 1
            }
        }
        if counts.count > capacity { prune() }
    }

    /// Takes one forgotten document's paragraphs out of the counts (each once, as `add` counted
    /// them); a paragraph forgotten since (`prune`) stays forgotten.
    public mutating func remove<S: Sequence>(documentParagraphs: S) where S.Element == UInt64 {
        var seen = Set<UInt64>()
        for p in documentParagraphs where seen.insert(p).inserted {
            guard let count = counts[p] else { continue }
            counts[p] = count > 1 ? count - 1 : nil
        }
    }

    /// Up to this many paragraph keys, repeats are looked for by comparing with the earlier keys.
    static let fewParagraphs = 24

    /// The paragraph keys in ascending order with their counts, as an index saves them: a
    /// dictionary's own order changes from process to process (its hashing is seeded), and a
    /// saved index must not. Keys are unique, so this is the one order any sort gives.
    func inKeyOrder() -> (keys: [UInt64], counts: [UInt32]) {
        var keys: [UInt64] = [], values: [UInt32] = []
        keys.reserveCapacity(counts.count)
        values.reserveCapacity(counts.count)
        for (key, count) in counts {
            keys.append(key)
            values.append(count)
        }
        RadixSort.sort(&keys, carrying: &values)
        return (keys, values)
    }

    /// Sets a count directly (loading a saved index).
    mutating func set(_ paragraph: UInt64, _ count: UInt32) { counts[paragraph] = count }

    private mutating func prune() {
        var floor: UInt32 = 1
        while counts.count > capacity / 2 {
            counts = counts.filter { $0.value > floor }
            floor += 1
        }
    }

    /// Approximate bytes held.
    public var memoryBytes: Int { counts.capacity * 4 / 3 * 12 }
}
