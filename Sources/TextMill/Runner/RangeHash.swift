import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A 64-bit hash of a byte range of an output, the same however the bytes come in pieces: the
/// manifest keeps one for each input file's records in each output (`FileEntry.hashes`), so a
/// byte changed inside kept records (a letter of a text, the JSON still valid and the size
/// kept) is found by `KeptRangeCheck` instead of being kept silently.
///
/// Each 8-byte word is mixed in as `ByteWriter.checksum` mixes it (FNV-style multiply, an
/// xor-shift: about 2 instructions a byte); up to 7 bytes wait for the next piece; the end mixes
/// in the last part word and the length. Not cryptographic: it finds damage, not an attacker.
struct RangeHash {
    private var h: UInt64 = 0xcbf2_9ce4_8422_2325
    /// Bytes of a word not yet complete, low byte first, and how many.
    private var pending: UInt64 = 0
    private var pendingCount = 0
    private var length: UInt64 = 0

    init() {}

    @inline(__always) private mutating func mix(_ w: UInt64) {
        h = (h ^ w) &* 0x0000_0100_0000_01b3
        h ^= h >> 29
    }

    /// Adds `bytes` to the range.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        guard n > 0 else { return }
        length &+= UInt64(n)
        var i = 0
        while pendingCount > 0 && pendingCount < 8 && i < n {
            pending |= UInt64(bytes[i]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            i += 1
        }
        if pendingCount == 8 {
            mix(pending)
            pending = 0
            pendingCount = 0
        }
        while n - i >= 8 {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        while i < n {
            pending |= UInt64(bytes[i]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            i += 1
        }
    }

    mutating func update(_ bytes: [UInt8]) { bytes.withUnsafeBytes { update($0) } }

    /// The hash of every byte added.
    var value: UInt64 {
        var copy = self
        if copy.pendingCount > 0 { copy.mix(copy.pending) }
        copy.mix(copy.length)
        return WordTokenizer.finish(copy.h)
    }

    /// The hash as the manifest writes it: 16 lowercase hex digits.
    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// Appends `hex(v)` to `out` without making a string (an entry a file in each manifest).
    static func putHex(_ v: UInt64, into out: inout [UInt8]) {
        let digits: StaticString = "0123456789abcdef"
        let d = digits.utf8Start
        for k in stride(from: 60, through: 0, by: -4) { out.append(d[Int((v >> UInt64(k)) & 0xF)]) }
    }

    /// The hash a manifest wrote (`hex`), or nil.
    static func parse(_ s: String) -> UInt64? {
        // Only as `hex` writes it (16 lowercase digits), so a manifest read writes back the same.
        guard s.utf8.count == 16, s.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        return UInt64(s, radix: 16)
    }

    /// The hash of `length` bytes of the open file `fd` from `offset`, read a megabyte at a time
    /// into `buffer`; nil when they cannot all be read.
    static func of(fd: Int32, offset: Int, length: Int, buffer: inout [UInt8]) -> UInt64? {
        var hash = RangeHash()
        var done = 0
        if buffer.count < 1 << 20 { buffer = [UInt8](repeating: 0, count: 1 << 20) }
        while done < length {
            let want = min(buffer.count, length - done)
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, want, off_t(offset + done)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return nil }
            buffer.withUnsafeBytes { hash.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            done += n
        }
        return hash.value
    }
}
