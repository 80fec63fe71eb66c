/// Counts values into fixed buckets given by their lower bounds (`[0, 1, 100]` makes the
/// buckets 0, 1–99 and 100+).
public struct Histogram: Sendable, Equatable {
    /// The lower bound of each bucket, ascending; the first must be the smallest value counted.
    public let lowerBounds: [Int]
    /// How many values fell into each bucket.
    public private(set) var counts: [Int]

    public init(lowerBounds: [Int]) {
        self.lowerBounds = lowerBounds
        self.counts = Array(repeating: 0, count: lowerBounds.count)
    }

    /// Counts `value` (values below the first bound go to the first bucket).
    public mutating func add(_ value: Int, count: Int = 1) {
        var bucket = 0
        for (i, bound) in lowerBounds.enumerated() where value >= bound { bucket = i }
        counts[bucket] += count
    }

    /// A label per bucket: "0", "1–99", "100–249", "100k+".
    public var labels: [String] {
        lowerBounds.indices.map { i in
            let low = lowerBounds[i]
            guard i + 1 < lowerBounds.count else { return Histogram.short(low) + "+" }
            let high = lowerBounds[i + 1] - 1
            return high == low ? Histogram.short(low) : Histogram.short(low) + "–" + Histogram.short(high)
        }
    }

    /// The buckets as (label, count) pairs, in order.
    public var rows: [(label: String, count: Int)] { zip(labels, counts).map { ($0, $1) } }

    /// 2500 → "2.5k", 100000 → "100k", 99 → "99".
    static func short(_ n: Int) -> String {
        if n >= 1_000_000 && n % 100_000 == 0 { return trimmed(Double(n) / 1e6) + "M" }
        if n >= 1000 && n % 100 == 0 { return trimmed(Double(n) / 1e3) + "k" }
        return String(n)
    }

    private static func trimmed(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x)
    }
}

/// Counts by key, holding at most `capacity` keys: when a new key would pass it, the keys seen
/// least often are forgotten (and the counts marked approximate), so input cannot grow it
/// without bound. A key is cut to `PageBounds.maxNameScalars` (a 60 MB `meta.language` counts
/// under its first thousand characters and "…").
public struct BoundedCounter: Sendable, Equatable {
    public let capacity: Int
    public private(set) var counts: [String: Int] = [:]
    /// True once keys were forgotten: the top counts may then be slightly low.
    public private(set) var isApproximate = false

    public init(capacity: Int = 50_000) {
        self.capacity = max(capacity, 1)
    }

    public mutating func add(_ key: String, count: Int = 1) {
        let key = PageBounds.name(key)
        if counts[key] == nil && counts.count >= capacity { forgetRarest() }
        counts[key, default: 0] += count
    }

    /// Total over every key still held.
    public var total: Int { counts.values.reduce(0, +) }

    /// The `limit` largest counts, largest first, ties by key.
    public func top(_ limit: Int) -> [(label: String, count: Int)] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit).map { ($0.key, $0.value) }
    }

    /// The `limit` largest counts, plus one "other" row for the rest when there is a rest.
    public func top(_ limit: Int, otherLabel: String) -> [(label: String, count: Int)] {
        var rows = top(limit)
        let rest = total - rows.reduce(0) { $0 + $1.count }
        if rest > 0 { rows.append((otherLabel, rest)) }
        return rows
    }

    /// Keeps the most frequent half of the keys (ties by key, so the result does not depend on
    /// the dictionary's order).
    private mutating func forgetRarest() {
        isApproximate = true
        let kept = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(capacity / 2)
        counts = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
    }
}
