internal import CShims

/// Bytes gathered in a small buffer (on the stack) and appended to an array a chunk at a time.
///
/// Escaping a JSON string writes a run of plain bytes and then a short escape, many times over
/// (every line break of a text): appending each piece to the array costs a capacity and
/// uniqueness check and a call every time. Staged here, a 1 KB story costs one append.
struct StagedBytes {
    /// How many bytes a stage holds (the callers' stack buffers have this capacity). At most
    /// 1 KB: larger temporary allocations are not always on the stack (a malloc each).
    static let capacity = 1024
    /// A run at least this long goes to the array directly (after what is staged) instead of
    /// being copied twice.
    static let directRun = 256

    private let base: UnsafeMutablePointer<UInt8>
    private var count = 0

    /// Stages bytes in `buffer`, which must hold `StagedBytes.capacity` bytes.
    init(_ buffer: UnsafeMutablePointer<UInt8>) { base = buffer }

    /// Calls `body` with a stage on the stack; what is left staged is appended to `out` after it.
    @inline(__always)
    static func staging<R>(into out: inout [UInt8], _ body: (inout StagedBytes, inout [UInt8]) -> R) -> R {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer -> R in
            var stage = StagedBytes(buffer.baseAddress!)
            let result = body(&stage, &out)
            stage.flush(into: &out)
            return result
        }
    }

    /// Appends what is staged to `out` and empties the stage.
    @inline(__always)
    mutating func flush(into out: inout [UInt8]) {
        guard count > 0 else { return }
        out.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
        count = 0
    }

    /// Stages one byte.
    @inline(__always)
    mutating func put(_ byte: UInt8, into out: inout [UInt8]) {
        if count == Self.capacity { flush(into: &out) }
        base[count] = byte
        count += 1
    }

    /// Stages the bytes of a static string (an escape: a few bytes).
    @inline(__always)
    mutating func put(_ s: StaticString, into out: inout [UInt8]) {
        let n = s.utf8CodeUnitCount
        if count + n > Self.capacity { flush(into: &out) }
        (base + count).update(from: s.utf8Start, count: n)
        count += n
    }

    /// Stages what `body` writes at the pointer it is given (at most `limit` bytes, at most
    /// `capacity`) and returns the length of.
    @inline(__always)
    mutating func put(atMost limit: Int, into out: inout [UInt8], _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if count + limit > Self.capacity { flush(into: &out) }
        count += body(base + count)
    }

    /// Room the stage keeps free before each call of `tm_json_escape` in `putString`: more than
    /// its vector path needs (32 bytes), so every call reads some input.
    static let escapeRoom = 64

    /// Stages `b` (valid UTF-8) as a JSON string with its quotes, escaped as
    /// `JSONWriter.string(utf8:)` escapes it: `tm_json_escape` writes into the stage's room, and
    /// a full stage is flushed and the escape goes on (an escape is never cut: it stops before one
    /// that does not fit).
    mutating func putString(utf8 b: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        if count + Self.escapeRoom > Self.capacity { flush(into: &out) }
        base[count] = 0x22
        count += 1
        if let start = b.baseAddress {
            let n = b.count
            var i = 0
            while i < n {
                if count + Self.escapeRoom > Self.capacity { flush(into: &out) }
                var consumed = 0
                count += tm_json_escape(start + i, n - i, &consumed, base + count, Self.capacity - count)
                i += consumed
            }
        }
        // `tm_json_escape` leaves at least a byte of its room: the closing quote fits.
        base[count] = 0x22
        count += 1
    }

    /// Stages `a`, the number `x`, `b`, the number `y` and `c` (JSON text around two integers, as
    /// `{"start":S,"end":E`; each static string at most 32 bytes).
    @inline(__always)
    mutating func put(_ a: StaticString, _ x: Int, _ b: StaticString, _ y: Int, _ c: StaticString = "", into out: inout [UInt8]) {
        put(atMost: 3 * 32 + 2 * 20, into: &out) { p in
            var n = JSONWriter.put(a, at: p)
            n += JSONWriter.decimal(x, at: p + n)
            n += JSONWriter.put(b, at: p + n)
            n += JSONWriter.decimal(y, at: p + n)
            n += JSONWriter.put(c, at: p + n)
            return n
        }
    }

    /// Stages the number `x` in decimal.
    @inline(__always)
    mutating func put(decimal x: Int, into out: inout [UInt8]) {
        put(atMost: 20, into: &out) { p in JSONWriter.decimal(x, at: p) }
    }

    /// Stages a run of bytes; a long one is appended directly.
    @inline(__always)
    mutating func put(_ run: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let n = run.count
        guard n > 0, let start = run.baseAddress else { return }
        if n >= Self.directRun {
            flush(into: &out)
            out.append(contentsOf: run)
            return
        }
        if count + n > Self.capacity { flush(into: &out) }
        (base + count).update(from: start, count: n)
        count += n
    }
}
