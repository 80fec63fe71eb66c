/// A JSON value that keeps what a passthrough needs: object key order and the exact text of numbers.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// The number exactly as written (so `1.0`, `1e3` and big integers pass through untouched).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public init(_ value: Int) { self = .number(String(value)) }
    public init(_ value: Double) { self = .number(JSONValue.format(value)) }

    /// Formats a double the way JSON readers expect (no `inf`/`nan`; those become 0).
    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var doubleValue: Double? {
        if case .number(let n) = self { return Double(n) }
        return nil
    }

    public var intValue: Int? {
        if case .number(let n) = self { return Int(n) ?? Double(n).flatMap { $0 == $0.rounded() ? Int(exactly: $0) : nil } }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The name of the JSON type with its article (`a number`, `an object`, `null`), for messages.
    public var typeNameWithArticle: String {
        switch self {
        case .null: return "null"
        case .array, .object: return "an " + typeName
        default: return "a " + typeName
        }
    }

    /// The name of the JSON type, for messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

/// A JSON object that keeps its keys in the order they were written.
///
/// Finding a key scans the pairs while the object is small and uses a table of positions once
/// it holds more than `scanLimit` pairs, so building an object of n keys (a JSONL record whose
/// input has a million fields) costs O(n), not O(n²). Keys are equal when their UTF-8 bytes are,
/// as JSON compares them: `"café"` and `"cafe\u0301"` are two keys (Swift's `==` on `String`
/// would make them one, and costs time quadratic in a run of combining marks).
public struct JSONObject: Hashable, Sendable, Sequence {
    public private(set) var pairs: [(key: String, value: JSONValue)] = []
    /// The position of each key in `pairs` (its first, should a key appear twice), kept once the
    /// object holds more than `scanLimit` pairs; nil below that.
    private var positions: [ExactKey: Int]?

    /// A key hashed and compared by its UTF-8 bytes.
    private struct ExactKey: Hashable, Sendable {
        let text: String
        static func == (a: ExactKey, b: ExactKey) -> Bool { JSONObject.sameBytes(a.text, b.text) }
        func hash(into h: inout Hasher) {
            var text = text
            text.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// True when two strings hold the same UTF-8 bytes: lengths first, then the bytes in place
    /// (a byte-by-byte walk of two `utf8` views cost about 2,000 instructions a JSONL record).
    @inline(__always) static func sameBytes(_ a: String, _ b: String) -> Bool {
        let x = a.utf8, y = b.utf8
        guard x.count == y.count else { return false }
        let inPlace = x.withContiguousStorageIfAvailable { p in
            y.withContiguousStorageIfAvailable { q in
                for k in 0..<p.count where p[k] != q[k] { return false }
                return true
            }
        }
        if let same = inPlace ?? nil { return same }
        return x.elementsEqual(y)
    }

    /// Pairs up to which a key is found by scanning (quicker than hashing for a few keys).
    static let scanLimit = 16

    public init() {}

    public init(_ pairs: [(String, JSONValue)]) {
        for (k, v) in pairs { self[k] = v }
    }

    public var isEmpty: Bool { pairs.isEmpty }
    public var count: Int { pairs.count }
    public var keys: [String] { pairs.map(\.key) }

    /// Whether a key is found through the table of positions rather than by a scan.
    var isIndexed: Bool { positions != nil }

    /// Gets a value; setting replaces in place (keeping the position) or appends; setting nil removes.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { pairs[$0].value } }
        set {
            if let i = position(of: key) {
                if let v = newValue {
                    pairs[i].value = v
                } else {
                    pairs.remove(at: i)
                    indexPositions()
                }
            } else if let v = newValue {
                appendUnchecked(key, v)
            }
        }
    }

    /// Where `key` stands in `pairs`.
    private func position(of key: String) -> Int? {
        if let positions { return positions[ExactKey(text: key)] }
        return pairs.firstIndex(where: { JSONObject.sameBytes($0.key, key) })
    }

    /// Makes the table of positions anew (none for a small object).
    private mutating func indexPositions() {
        guard pairs.count > Self.scanLimit else { positions = nil; return }
        var table = [ExactKey: Int](minimumCapacity: pairs.count)
        for (i, p) in pairs.enumerated() where table[ExactKey(text: p.key)] == nil { table[ExactKey(text: p.key)] = i }
        positions = table
    }

    /// Makes room for `n` pairs, so a small object is allocated once rather than grown.
    mutating func reserveCapacity(_ n: Int) { pairs.reserveCapacity(n) }

    /// Appends without looking for an existing key: for keys known to be new (of a key appended
    /// twice, a lookup finds the first).
    mutating func appendUnchecked(_ key: String, _ value: JSONValue) {
        pairs.append((key, value))
        if positions != nil {
            if positions![ExactKey(text: key)] == nil { positions![ExactKey(text: key)] = pairs.count - 1 }
        } else if pairs.count > Self.scanLimit {
            indexPositions()
        }
    }

    public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> { pairs.makeIterator() }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.pairs.count == b.pairs.count && zip(a.pairs, b.pairs).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into h: inout Hasher) {
        for p in pairs { h.combine(p.key); h.combine(p.value) }
    }
}
