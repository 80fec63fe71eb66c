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
