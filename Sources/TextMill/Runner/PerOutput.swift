/// The files a run writes records to, in a fixed order (the order of arrays in manifests and
/// journals).
enum OutputKind: Int, CaseIterable, Sendable {
    /// The corpus, `NAME.jsonl`.
    case output = 0
    /// Failed documents, `NAME.errors.jsonl`.
    case errors
    /// Duplicates dedup dropped, `NAME.duplicates.jsonl`.
    case duplicates
    /// Documents a stage removed on purpose, `NAME.filtered.jsonl`.
    case filtered

    /// The name used for part files in the state folder (`part.output`, …).
    var key: String {
        switch self {
        case .output: "output"
        case .errors: "errors"
        case .duplicates: "duplicates"
        case .filtered: "filtered"
        }
    }
}

/// One value for each output (sizes, byte ranges, record counts, paths), instead of arrays
/// indexed by a kind's raw value. Written to JSON as an array in `OutputKind` order; read back
/// from arrays of three too (files written before the filtered output existed: it was empty).
struct PerOutput<Value> {
    var output: Value
    var errors: Value
    var duplicates: Value
    var filtered: Value

    init(output: Value, errors: Value, duplicates: Value, filtered: Value) {
        self.output = output
        self.errors = errors
        self.duplicates = duplicates
        self.filtered = filtered
    }

    /// The same value for every output.
    init(repeating value: Value) {
        self.init(output: value, errors: value, duplicates: value, filtered: value)
    }

    /// Builds each value from its kind.
    init(each make: (OutputKind) throws -> Value) rethrows {
        self.init(output: try make(.output), errors: try make(.errors), duplicates: try make(.duplicates), filtered: try make(.filtered))
    }

    subscript(kind: OutputKind) -> Value {
        get {
            switch kind {
            case .output: output
            case .errors: errors
            case .duplicates: duplicates
            case .filtered: filtered
            }
        }
        // In place, not get-then-set: appending to `buffers[kind]` must not copy the buffer.
        _modify {
            switch kind {
            case .output: yield &output
            case .errors: yield &errors
            case .duplicates: yield &duplicates
            case .filtered: yield &filtered
            }
        }
    }

    func map<T>(_ transform: (Value) throws -> T) rethrows -> PerOutput<T> {
        try PerOutput<T>(each: { try transform(self[$0]) })
    }

    /// The values in `OutputKind` order.
    var values: [Value] { OutputKind.allCases.map { self[$0] } }

    /// Calls `body` with each kind and its value, in `OutputKind` order (no array made).
    @inline(__always) func forEach(_ body: (OutputKind, Value) throws -> Void) rethrows {
        try body(.output, output)
        try body(.errors, errors)
        try body(.duplicates, duplicates)
        try body(.filtered, filtered)
    }

    /// Reads values written in `OutputKind` order; a missing last value (the filtered output, in
    /// files written before it existed) is `missing`. Nil for any other length.
    init?(values: [Value], missing: Value) {
        guard values.count == OutputKind.allCases.count || values.count == OutputKind.allCases.count - 1 else { return nil }
        self.init(each: { $0.rawValue < values.count ? values[$0.rawValue] : missing })
    }
}

extension PerOutput: Sendable where Value: Sendable {}
extension PerOutput: Equatable where Value: Equatable {}

extension PerOutput where Value == Int {
    /// Zero for every output.
    static var zero: PerOutput<Int> { PerOutput(repeating: 0) }

    /// Writes `[a,b,c,d]`.
    func write(into w: inout JSONWriter) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buffer in
            let p = buffer.baseAddress!
            w.bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: put(at: p)))
        }
    }

    /// Writes `[a,b,c,d]` at `p` (at most 4 × 21 + 2 bytes); returns how many bytes it took.
    /// (The four values written in a row, not through `forEach`'s closure: a manifest and a
    /// journal write this for every file.)
    func put(at p: UnsafeMutablePointer<UInt8>) -> Int {
        p[0] = UInt8(ascii: "[")
        var n = 1 + JSONWriter.decimal(output, at: p + 1)
        p[n] = UInt8(ascii: ",")
        n += 1 + JSONWriter.decimal(errors, at: p + n + 1)
        p[n] = UInt8(ascii: ",")
        n += 1 + JSONWriter.decimal(duplicates, at: p + n + 1)
        p[n] = UInt8(ascii: ",")
        n += 1 + JSONWriter.decimal(filtered, at: p + n + 1)
        p[n] = UInt8(ascii: "]")
        return n + 1
    }

    var json: JSONValue { .array(values.map { JSONValue($0) }) }

    /// Reads what `write` wrote (or an array of three from an earlier TextMill).
    init?(json: JSONValue?) {
        guard let a = json?.arrayValue else { return nil }
        let ints = a.compactMap(\.intValue)
        guard ints.count == a.count else { return nil }
        self.init(values: ints, missing: 0)
    }
}
