import Foundation
import Testing
@testable import TextMill

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Memory a large record or body costs beyond itself: the gzip writer and zlib read the
/// caller's bytes in place, libdeflate's output costs only the pages it writes, and a string
/// that escapes to several times its size is given its room once.
@Suite struct CopyFreeOutputTests {
    static let story = "The harbour council agreed the ferry budget on Monday night after a long debate about fares, timetables and the new crane at the north quay.\n"

    /// Bytes no compressor shrinks much (a fixed xorshift generator), so the compressed line is
    /// larger than the writer's 64 KB output buffer too.
    static func noise(_ count: Int) -> [UInt8] {
        var x: UInt32 = 2463534242
        return (0..<count).map { _ in
            x ^= x << 13; x ^= x >> 17; x ^= x << 5
            return UInt8(truncatingIfNeeded: x)
        }
    }

    /// A line larger than the writer's output buffer, read by zlib where it lies: the same
    /// compressed bytes as fed in pieces, the line itself untouched, and the line read back.
    @Test func theGzipWriterCompressesALineLargerThanItsBufferInPlace() throws {
        let line = Self.noise(300 << 10) + Array(String(repeating: Self.story, count: 2000).utf8)
        let kept = line
        let whole = GzipWriter(level: 4)
        let gz = whole.compress(line) + whole.finish()
        #expect(gz.count > 1 << 16)
        let pieces = GzipWriter(level: 4)
        pieces.maxFeed = 1000
        expectEqual(pieces.compress(line) + pieces.finish(), gz)
        expectEqual(line, kept)
        expectEqual(try HTTPBody.inflate(gz, windowBits: 31, limit: 1 << 30).get(), line)
    }

    /// The peak resident memory of this process, in bytes.
    static func maxResident() -> Int {
        var usage = rusage()
        _ = getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024
    }

    /// A gzip body cut short, its last four bytes (read as the text's length) saying 4 GiB - 1
    /// under a limit of 4 GiB: libdeflate's output was allocated zero-filled at that size, 4 GiB
    /// of memory spent before it refused the body. Now only the pages it writes cost memory;
    /// zlib then reads what the body holds.
    @Test func aCutGzipBodyClaimingAHugeLengthCostsNoMemoryForIt() throws {
        let writer = GzipWriter()
        let gz = writer.compress(Array(String(repeating: Self.story, count: 20).utf8)) + writer.finish()
        let cut = Array(gz.prefix(gz.count - 12)) + [0x00, 0xFF, 0xFF, 0xFF, 0xFF]
        let before = Self.maxResident()
        let read = HTTPBody.inflate(cut, windowBits: 31, limit: 1 << 32)
        let grown = Self.maxResident() - before
        expectEqual(read, HTTPBody.inflateStreaming(cut, windowBits: 31, limit: 1 << 32))
        #expect(grown < 1 << 30, "peak memory grew \(grown) bytes reading a body of \(cut.count) bytes")
    }

    /// A string of control characters escapes to six times its size (`\u0001` each). Past the
    /// record's estimate the writer measured nothing and its array doubled, each time copying
    /// into a buffer twice as large: up to twice the room the record needs. Now the rest is
    /// measured and reserved once.
    @Test func aStringOfControlsIsGivenItsRoomOnce() throws {
        let controls = [UInt8](repeating: 0x01, count: 1 << 20)
        var w = JSONWriter(capacity: controls.count + controls.count / 8)
        controls.withUnsafeBufferPointer { w.string(utf8: $0, after: "{\"text\":") }
        w.byte(0x7D)
        expectEqual(w.bytes, Array(("{\"text\":\"" + String(repeating: "\\u0001", count: 1 << 20) + "\"}").utf8))
        #expect(w.bytes.capacity <= w.bytes.count + w.bytes.count / 4, "capacity \(w.bytes.capacity) for \(w.bytes.count) bytes")
    }
}
