import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Refuses a second run on the same index directory while the first is alive.
///
/// The lock is an exclusive `flock` on `lock` inside the index directory; the file holds the
/// owner's pid for the message. The kernel drops the lock when its process dies, however it
/// dies, so a lock left by a killed run is stale by construction and the next run takes it.
final class IndexLock {
    private var fd: Int32
    let path: String

    /// The lock file of the index directory `directory`.
    static func path(in directory: String) -> String { directory + "/lock" }

    init(directory: String) throws {
        path = Self.path(in: directory)
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, action: "create the dedup lock file", code: errno) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let why = errno
            var owner = [UInt8](repeating: 0, count: 32)
            let n = pread(fd, &owner, owner.count, 0)
            let pid = n > 0 ? MessageText.escaped(String(decoding: owner[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) : "?"
            close(fd)
            fd = -1
            if why == EWOULDBLOCK {
                // As the state folder's lock: exit 2, the run refused with its outputs untouched (a
                // DedupIndexError was exit 1, the status of a run that finished with failures).
                throw StateError(message: "another textmill run (pid \(pid)) is using the dedup index \(MessageText.quoted(directory)); wait for it to finish (runs on the same output cannot share an index)")
            }
            throw DedupIndexError("cannot lock the dedup index \(MessageText.quoted(directory)): \(String(cString: strerror(why)))")
        }
        do {
            try CheckedIO.ftruncate(fd, to: 0, path: path)
            try CheckedIO.pwrite(fd, Array("\(getpid())\n".utf8), at: 0, path: path)
        } catch {
            release()
            throw error
        }
    }

    /// Releases the lock (the file stays: removing it could let two runs lock different files).
    func release() {
        guard fd >= 0 else { return }
        // Emptied so a finished index holds no pid. Its result is not a failure of the run: a pid
        // left behind is read only while a run holds the lock, and that run has written its own.
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}

/// Writes a file so that readers see either the old or the new content, never a mix:
/// a temporary file beside it, fsync, rename over the target, fsync the directory. The write
/// and the sync are named after the target (`index.1.bin`), as `WriteFault` and `SyncFault`
/// match it; a failure of any step is a `WriteError` on the target (the run exits 3 with the
/// file and the cause).
func writeFileAtomically(_ bytes: [UInt8], to path: String) throws {
    let temp = path + ".tmp.\(getpid())"
    let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw WriteError(path: temp, action: "open for writing", code: errno) }
    var failure: WriteError?
    do {
        try CheckedIO.write(fd, bytes, path: path)
        try CheckedIO.fsync(fd, path: path)
    } catch let error as WriteError {
        failure = error
    }
    ReplacedFileMode.carry(from: path, to: fd)
    // A write the file system deferred can fail here.
    if close(fd) != 0 && failure == nil { failure = WriteError(path: path, action: "finish writing", code: errno) }
    if failure == nil && rename(temp, path) != 0 { failure = WriteError(path: path, action: "rename", code: errno) }
    if var failure {
        unlink(temp)
        failure.action = "write the dedup index"
        throw failure
    }
    try CheckedIO.syncDirectory(of: path)
}

/// Little-endian binary writer for the index file.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u32(_ v: UInt32) { RecordStore.put(v, &bytes) }
    mutating func u64(_ v: UInt64) { u32(UInt32(truncatingIfNeeded: v)); u32(UInt32(truncatingIfNeeded: v >> 32)) }

    /// Appends `count` bytes that `body` writes through a pointer to the first of them
    /// (`TableWriter`: little-endian words at byte offsets), for a table of many words: one
    /// growth, where `u32` appends its four bytes one at a time (a capacity check each).
    mutating func table(bytes count: Int, _ body: (inout TableWriter) -> Void) {
        guard count > 0 else { return }
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: count))
        bytes.withUnsafeMutableBytes { raw in
            var table = TableWriter(base: raw.baseAddress! + start, count: count)
            body(&table)
            precondition(table.written == count, "a table fills the bytes it asked for")
        }
    }

    /// A 64-bit checksum of everything written so far (FNV-1a over 8-byte words, mixed).
    ///
    /// Each whole word is one unaligned little-endian load, the last part word is put together a
    /// byte at a time (zeros past the end): about 2 instructions a byte, where putting every word
    /// together from checked bytes cost 15. A run reads its index's checksum twice (the check
    /// before it builds on a generation, `DedupIndex.isIntact`, and the load), so that was a
    /// third of an incremental run's instructions with a large index.
    static func checksum(_ b: ArraySlice<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        b.withUnsafeBytes { raw in
            let n = raw.count
            var i = 0
            while n - i >= 8 {
                let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                h = (h ^ w) &* 0x0000_0100_0000_01b3
                h ^= h >> 29
                i += 8
            }
            guard i < n else { return }
            var w: UInt64 = 0
            for k in 0..<(n - i) { w |= UInt64(raw[i + k]) << (8 * UInt64(k)) }
            h = (h ^ w) &* 0x0000_0100_0000_01b3
            h ^= h >> 29
        }
        return WordTokenizer.finish(h)
    }
}

/// Writes little-endian words one after another into bytes `ByteWriter.table` set aside.
struct TableWriter {
    let base: UnsafeMutableRawPointer
    let count: Int
    /// Bytes written so far.
    private(set) var written = 0

    init(base: UnsafeMutableRawPointer, count: Int) {
        self.base = base
        self.count = count
    }

    @inline(__always) mutating func u32(_ v: UInt32) {
        precondition(written + 4 <= count, "within the table")
        base.storeBytes(of: v.littleEndian, toByteOffset: written, as: UInt32.self)
        written += 4
    }

    @inline(__always) mutating func u64(_ v: UInt64) {
        precondition(written + 8 <= count, "within the table")
        base.storeBytes(of: v.littleEndian, toByteOffset: written, as: UInt64.self)
        written += 8
    }
}

/// Little-endian binary reader that throws on a short file.
struct ByteReader {
    let bytes: [UInt8]
    var position = 0
    let what: String

    mutating func u8() throws -> UInt8 {
        guard position < bytes.count else { throw DedupIndexError("\(what) is cut short") }
        position += 1
        return bytes[position - 1]
    }

    mutating func u32() throws -> UInt32 {
        guard position + 4 <= bytes.count else { throw DedupIndexError("\(what) is cut short") }
        let b = bytes
        let p = position
        position += 4
        return UInt32(b[p]) | UInt32(b[p + 1]) << 8 | UInt32(b[p + 2]) << 16 | UInt32(b[p + 3]) << 24
    }

    mutating func u64() throws -> UInt64 {
        let lo = try u32(), hi = try u32()
        return UInt64(lo) | UInt64(hi) << 32
    }
}
