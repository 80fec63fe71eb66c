import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Problems with the dedup index files (unreadable, from other settings, locked, …).
public struct DedupIndexError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// An append-only store of per-document records: the document's id and its verification values
/// (sorted 64-bit shingle hashes, or the MinHash signature with `verify: estimate`).
///
/// It lives on disk (`records.bin` in the index directory) so that the in-memory index stays
/// small; candidates are read back with `pread`. Appends are buffered; `sync()` flushes and
/// fsyncs and returns the length to record in the index file. On load the file is cut back to
/// the length the last good index file recorded, so a killed run leaves nothing half-written
/// behind. Without a path the store lives in memory.
///
/// Record layout, little-endian: `u32 idLength, u32 valueCount, id bytes, valueCount values`;
/// the top bit of `valueCount` (`wideFlag`) marks 64-bit values, else they are 32-bit (the
/// 32-bit shingle hashes of index version 1, and MinHash signatures).
///
/// Its stored properties skip the run-time exclusivity checks: a store belongs to one index,
/// used by one thread at a time.
final class RecordStore {
    private let fd: Int32
    let path: String?
    /// Bytes on disk (everything before this is in the file).
    @exclusivity(unchecked) private var flushed: UInt64
    /// Appended bytes not yet written.
    @exclusivity(unchecked) private var buffer: [UInt8] = []
    @exclusivity(unchecked) private var header = [UInt8](repeating: 0, count: 8)

    /// Total length, flushed or not.
    var length: UInt64 { flushed + UInt64(buffer.count) }

    /// A store in memory only.
    init() {
        fd = -1
        path = nil
        flushed = 0
    }

    /// Opens (or creates) the store file and cuts it back to `validLength`.
    init(path: String, validLength: UInt64) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DedupIndexError("cannot open the dedup record store \(MessageText.quoted(path)): \(String(cString: strerror(errno)))") }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let why = errno
            close(fd)
            throw WriteError(path: path, action: "read the size of the dedup record store", code: why)
        }
        if UInt64(st.st_size) < validLength {
            close(fd)
            throw DedupIndexError("the dedup record store \(MessageText.quoted(path)) is shorter (\(st.st_size) bytes) than its index says (\(validLength)); the index directory is damaged: run again with --force to rebuild it from the inputs")
        }
        if UInt64(st.st_size) > validLength && ftruncate(fd, off_t(validLength)) != 0 {
            let why = errno
            close(fd)
            throw WriteError(path: path, action: "cut back the dedup record store", code: why)
        }
        self.fd = fd
        self.path = path
        flushed = validLength
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Marks a record of 64-bit values in its `valueCount`.
    static let wideFlag: UInt32 = 1 << 31

    /// Appends a record of 32-bit values and returns its offset.
    func append(id: [UInt8], values: [UInt32]) -> UInt64 { append(id: id, values: values, flag: 0) }

    /// Appends a record of 64-bit values and returns its offset.
    func append(id: [UInt8], wideValues: [UInt64]) -> UInt64 { append(id: id, values: wideValues, flag: Self.wideFlag) }

    private func append<T: FixedWidthInteger>(id: [UInt8], values: [T], flag: UInt32) -> UInt64 {
        let offset = length
        Self.put(UInt32(id.count), &buffer)
        Self.put(UInt32(values.count) | flag, &buffer)
        buffer.append(contentsOf: id)
        values.withUnsafeBufferPointer { v in
            v.withMemoryRebound(to: UInt8.self) { bytes in
                // Values are stored little-endian; every platform Swift runs on is little-endian.
                buffer.append(contentsOf: UnsafeRawBufferPointer(bytes))
            }
        }
        if fd >= 0 && buffer.count >= 1 << 16 { try? flush() }
        return offset
    }

    @inline(__always) static func put(_ v: UInt32, _ out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: v)); out.append(UInt8(truncatingIfNeeded: v >> 8))
        out.append(UInt8(truncatingIfNeeded: v >> 16)); out.append(UInt8(truncatingIfNeeded: v >> 24))
    }

    /// Reads bytes at `offset` into `out` (from the file or the unflushed buffer).
    private func read(_ offset: UInt64, _ count: Int, into out: UnsafeMutableRawBufferPointer) throws {
        if count == 0 { return }
        if offset >= flushed {
            let start = Int(offset - flushed)
            guard start + count <= buffer.count else { throw DedupIndexError("dedup record at \(offset) lies past the end of the store") }
            buffer.withUnsafeBytes { src in out.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[start..<start + count])) }
            return
        }
        guard offset + UInt64(count) <= flushed else { throw DedupIndexError("dedup record at \(offset) straddles the store's buffer") }
        var done = 0
        while done < count {
            let n = pread(fd, out.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw DedupIndexError("cannot read the dedup record store \(MessageText.quoted(path ?? "")): \(n < 0 ? String(cString: strerror(errno)) : "unexpected end")") }
            done += n
        }
    }

    /// Reads the record header at `offset`: id length, value count, and whether values are 64-bit.
    private func readHeader(at offset: UInt64) throws -> (idLength: Int, count: Int, wide: Bool) {
        try header.withUnsafeMutableBytes { try read(offset, 8, into: $0) }
        let idLength = Int(UInt32(header[0]) | UInt32(header[1]) << 8 | UInt32(header[2]) << 16 | UInt32(header[3]) << 24)
        let word = UInt32(header[4]) | UInt32(header[5]) << 8 | UInt32(header[6]) << 16 | UInt32(header[7]) << 24
        let count = Int(word & ~Self.wideFlag)
        guard idLength < 1 << 24, count < 1 << 28 else { throw DedupIndexError("damaged dedup record at \(offset)") }
        return (idLength, count, word & Self.wideFlag != 0)
    }

    /// Reads only the id of the record at `offset`.
    func readID(at offset: UInt64) throws -> [UInt8] {
        let (idLength, _, _) = try readHeader(at: offset)
        var id = [UInt8](repeating: 0, count: idLength)
        try id.withUnsafeMutableBytes { try read(offset + 8, idLength, into: $0) }
        return id
    }

    /// Reads the record at `offset`: its id, and its values into `wide` (64-bit records) or
    /// `narrow` (32-bit records), replaced; `isWide` tells which.
    func read(at offset: UInt64, narrow: inout [UInt32], wide: inout [UInt64]) throws -> (id: [UInt8], isWide: Bool) {
        let (idLength, count, isWide) = try readHeader(at: offset)
        var id = [UInt8](repeating: 0, count: idLength)
        try id.withUnsafeMutableBytes { try read(offset + 8, idLength, into: $0) }
        let start = offset + 8 + UInt64(idLength)
        if isWide {
            if wide.count != count { wide = [UInt64](repeating: 0, count: count) }
            try wide.withUnsafeMutableBytes { try read(start, count * 8, into: $0) }
        } else {
            if narrow.count != count { narrow = [UInt32](repeating: 0, count: count) }
            try narrow.withUnsafeMutableBytes { try read(start, count * 4, into: $0) }
        }
        return (id, isWide)
    }

    /// Writes the buffer to the file.
    func flush() throws {
        guard fd >= 0, !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { b in
            var done = 0
            while done < b.count {
                let n = pwrite(fd, b.baseAddress! + done, b.count - done, off_t(flushed) + off_t(done))
                if n < 0 && errno == EINTR { continue }
                // A WriteError, as for the index files: a full disk here is exit 3 (it was 1, as
                // if the run had finished with failed documents).
                guard n > 0 else { throw WriteError(path: path ?? "", action: "write the dedup record store", code: n < 0 ? errno : ENOSPC) }
                done += n
            }
        }
        flushed += UInt64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and makes the file durable; returns the length to record in the index file.
    func sync() throws -> UInt64 {
        try flush()
        if fd >= 0 && fsync(fd) != 0 {
            throw WriteError(path: path ?? "", action: "sync the dedup record store", code: errno)
        }
        return length
    }

    /// Bytes held in memory (the unflushed buffer, or everything for an in-memory store).
    var memoryBytes: Int { buffer.capacity }

    /// Bytes of records held in memory now (not yet flushed, or everything for an in-memory store).
    var bufferedBytes: Int { buffer.count }
}
