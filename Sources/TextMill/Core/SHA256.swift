internal import CShims

/// SHA-256 (FIPS 180-4), for source hashes in records and the run manifest. The block function
/// is C: the CPU's SHA instructions when present (about 1.5 GB/s here), portable code otherwise.
public struct SHA256: Sendable {
    /// The eight state words and the partial block, kept inline (no heap array a hash: a
    /// record's source hash is made once a document).
    private var state = SIMD8<UInt32>(0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    private var buffer = SIMD64<UInt8>()
    private var buffered = 0
    private var length: UInt64 = 0
    private let portable: Bool

    /// `portable: true` skips the CPU's SHA instructions (for tests).
    public init(portable: Bool = false) {
        self.portable = portable
    }

    /// The hex digest of some bytes.
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var h = SHA256()
        h.update(bytes)
        return h.finalizeHex()
    }

    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(buffer: $0) }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBufferPointer { update(buffer: $0) }
        }
    }

    private mutating func compress(_ p: UnsafePointer<UInt8>, blocks: Int) {
        let portable = self.portable
        withUnsafeMutableBytes(of: &state) { raw in
            let s = raw.baseAddress!.assumingMemoryBound(to: UInt32.self)
            if portable { tm_sha256_blocks_portable(s, p, blocks) } else { tm_sha256_blocks(s, p, blocks) }
        }
    }

    /// Compresses the partial block, which is full.
    private mutating func compressBuffer() {
        var block = buffer
        withUnsafeBytes(of: &block) { compress($0.baseAddress!.assumingMemoryBound(to: UInt8.self), blocks: 1) }
        buffered = 0
    }

    public mutating func update(buffer data: UnsafeBufferPointer<UInt8>) {
        guard let base = data.baseAddress, !data.isEmpty else { return }
        length += UInt64(data.count)
        var i = 0
        let n = data.count
        if buffered > 0 {
            i = min(64 - buffered, n)
            stage(base, count: i)
            if buffered == 64 { compressBuffer() }
        }
        if n - i >= 64 {
            let blocks = (n - i) / 64
            compress(base + i, blocks: blocks)
            i += blocks * 64
        }
        if i < n { stage(base + i, count: n - i) }
    }

    /// Appends `count` bytes (at most what the partial block has room for) to the partial block.
    private mutating func stage(_ p: UnsafePointer<UInt8>, count: Int) {
        let at = buffered
        withUnsafeMutableBytes(of: &buffer) { $0.baseAddress!.advanced(by: at).copyMemory(from: p, byteCount: count) }
        buffered += count
    }

    /// Pads the message and compresses the last block(s): `state` is then the digest.
    private mutating func pad() {
        let bitLength = length &* 8
        let rem = (buffered + 1) % 64
        let padCount = 1 + (rem <= 56 ? 56 - rem : 120 - rem) + 8
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { pad in
            for k in 0..<padCount { pad[k] = 0 }
            pad[0] = 0x80
            for k in 0..<8 { pad[padCount - 1 - k] = UInt8(truncatingIfNeeded: bitLength >> UInt64(8 * k)) }
            update(buffer: UnsafeBufferPointer(rebasing: pad[0..<padCount]))
        }
    }

    public mutating func finalize() -> [UInt8] {
        pad()
        var out = [UInt8](repeating: 0, count: 32)
        for k in 0..<8 {
            let w = state[k]
            out[4 * k] = UInt8(truncatingIfNeeded: w >> 24)
            out[4 * k + 1] = UInt8(truncatingIfNeeded: w >> 16)
            out[4 * k + 2] = UInt8(truncatingIfNeeded: w >> 8)
            out[4 * k + 3] = UInt8(truncatingIfNeeded: w)
        }
        return out
    }

    public mutating func finalizeHex() -> String {
        pad()
        let state = self.state
        // Straight from the state words into the string (no digest array between).
        return String(unsafeUninitializedCapacity: 64) { s in
            for k in 0..<8 {
                let w = state[k]
                for j in 0..<8 {
                    s[8 * k + j] = SHA256.hexDigit(UInt8(truncatingIfNeeded: w >> UInt32(28 - 4 * j)) & 15)
                }
            }
            return 64
        }
    }

    /// The lower-case hex digit of a value below 16.
    @inline(__always) private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x57 + v }
}
