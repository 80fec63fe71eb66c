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
/// Record layout, little-endian: `u32 idLength, u32 valueCount, id bytes, valueCount values,
/// u64 checksum`; the top bit of `valueCount` (`wideFlag`) marks 64-bit values, else they are
/// 32-bit (the 32-bit shingle hashes of index version 1, and MinHash signatures); the next bit
/// (`checkedFlag`) marks the trailing checksum of the record's bytes before it, which every
/// record since index version 3 has. A record whose checksum fails is damaged
/// (`damaged(at:)`, a `StateFoundDamaged`, which makes the runner start the run again
/// from an empty index): its values would give a wrong similarity silently. The third bit
/// (`paragraphsFlag`, index version 5) marks a record whose values end with the keys of the
/// paragraphs boilerplate removal counted for its document (each key one 64-bit value, or two
/// 32-bit values low half first) and, last, their number: forgetting the document takes them
/// out of the counts again (`readParagraphKeys`).
///
/// Its stored properties skip the run-time exclusivity checks: a store belongs to one index,
/// used by one thread at a time.
final class RecordStore {
    private let fd: Int32
    let path: String?
    /// Bytes on disk (everything before this is in the file).
    @exclusivity(unchecked) private var flushed: UInt64
    /// How far the kernel has been asked to write the file to the disk (`startWriteback`); nil
    /// once the system refused.
    @exclusivity(unchecked) private var writtenBack: UInt64?
    /// The file's data committed to the disk every few megabytes as it is flushed, so the sync
    /// of a save waits for the last few only (nil in memory).
    private let background: BackgroundSync?
    /// Appended bytes not yet written.
    @exclusivity(unchecked) private var buffer: [UInt8] = []
    @exclusivity(unchecked) private var header = [UInt8](repeating: 0, count: 8)
    /// A whole record as read back (reused from read to read).
    @exclusivity(unchecked) private var body: [UInt8] = []

    /// Total length, flushed or not.
    var length: UInt64 { flushed + UInt64(buffer.count) }

    /// A store in memory only.
    init() {
        fd = -1
        path = nil
        flushed = 0
        background = nil
    }

    /// Opens (or creates) the store file and cuts it back to `validLength`.
    init(path: String, validLength: UInt64) throws {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        // A write error (exit 3: nothing written, the next run finishes the work), as the index's
        // other files: out of descriptors (`ulimit -n 5`) it was exit 1, the status of a run
        // that finished with failures, with the errors file empty.
        guard fd >= 0 else { throw WriteError(path: path, action: "open for writing", code: errno) }
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
        writtenBack = validLength
        background = BackgroundSync(fd: fd, path: path, length: Int(validLength))
    }

    deinit {
        // A background sync still running uses the descriptor.
        _ = background?.finish()
        if fd >= 0 { close(fd) }
    }

    /// Marks a record of 64-bit values in its `valueCount`.
    static let wideFlag: UInt32 = 1 << 31
    /// Marks a record that ends with the checksum of its bytes (index version 3 on).
    static let checkedFlag: UInt32 = 1 << 30
    /// Marks a record whose values end with its document's counted paragraph keys and their
    /// number (index version 5 on).
    static let paragraphsFlag: UInt32 = 1 << 29
    /// Every flag bit of a record's `valueCount` word.
    static let flagBits: UInt32 = wideFlag | checkedFlag | paragraphsFlag

    /// Appends a record of 32-bit values and returns its offset. `checked: false` writes a record
    /// as index versions 1 and 2 did, without its checksum (tests of old indexes).
    func append(id: [UInt8], values: [UInt32], checked: Bool = true) -> UInt64 {
        id.withUnsafeBufferPointer { append(id: $0, values: values, flag: checked ? Self.checkedFlag : 0) }
    }

    /// Appends a record of 64-bit values and returns its offset.
    func append(id: [UInt8], wideValues: [UInt64]) -> UInt64 {
        id.withUnsafeBufferPointer { append(id: $0, values: wideValues, flag: Self.wideFlag | Self.checkedFlag) }
    }

    /// Appends a record of 32-bit values followed by `paragraphKeys` (two values each) and
    /// their number; without keys, the plain record.
    func append(id: [UInt8], values: [UInt32], paragraphKeys: [UInt64]) -> UInt64 {
        id.withUnsafeBufferPointer { append(id: $0, values: values, paragraphKeys: paragraphKeys) }
    }

    /// The same record with the id given as its UTF-8 bytes in place (no copy of them).
    func append(id: UnsafeBufferPointer<UInt8>, values: [UInt32], paragraphKeys: [UInt64]) -> UInt64 {
        append(id: id, values: values, paragraphKeys: paragraphKeys,
               flag: paragraphKeys.isEmpty ? Self.checkedFlag : Self.checkedFlag | Self.paragraphsFlag)
    }

    /// Appends a record of 64-bit values followed by `paragraphKeys` and their number; without
    /// keys, the plain record.
    func append(id: [UInt8], wideValues: [UInt64], paragraphKeys: [UInt64]) -> UInt64 {
        id.withUnsafeBufferPointer { append(id: $0, wideValues: wideValues, paragraphKeys: paragraphKeys) }
    }

    /// The same record with the id given as its UTF-8 bytes in place (no copy of them).
    func append(id: UnsafeBufferPointer<UInt8>, wideValues: [UInt64], paragraphKeys: [UInt64]) -> UInt64 {
        append(id: id, values: wideValues, paragraphKeys: paragraphKeys,
               flag: paragraphKeys.isEmpty ? Self.wideFlag | Self.checkedFlag : Self.wideFlag | Self.checkedFlag | Self.paragraphsFlag)
    }

    /// Appends a record: its header, `id`, `values`, then (when there are any) `paragraphKeys`
    /// and their number as values of `T`, then the checksum when `flag` asks for one.
    ///
    /// The keys go into the buffer straight from their array: a key's eight little-endian bytes
    /// are the two 32-bit values, low half first, that a record of 32-bit values holds, and are
    /// the one 64-bit value of a record of 64-bit values. Copying the values and the keys into
    /// one array first (what this did) cost an allocation, a copy of every value and a free a
    /// document: about 900 instructions a short story, with the copy of the id (`DedupIndex.insert`).
    private func append<T: FixedWidthInteger>(id: UnsafeBufferPointer<UInt8>, values: [T], paragraphKeys: [UInt64] = [], flag: UInt32) -> UInt64 {
        let offset = length
        let start = buffer.count
        let keyValues = paragraphKeys.isEmpty ? 0 : paragraphKeys.count * (MemoryLayout<UInt64>.size / MemoryLayout<T>.size) + 1
        Self.put(UInt32(id.count), &buffer)
        Self.put(UInt32(values.count + keyValues) | flag, &buffer)
        buffer.append(contentsOf: id)
        // Values are stored little-endian; every platform Swift runs on is little-endian.
        values.withUnsafeBytes { buffer.append(contentsOf: $0) }
        if !paragraphKeys.isEmpty {
            paragraphKeys.withUnsafeBytes { buffer.append(contentsOf: $0) }
            withUnsafeBytes(of: T(paragraphKeys.count).littleEndian) { buffer.append(contentsOf: $0) }
        }
        if flag & Self.checkedFlag != 0 {
            let sum = ByteWriter.checksum(buffer[start...])
            Self.put(UInt32(truncatingIfNeeded: sum), &buffer)
            Self.put(UInt32(truncatingIfNeeded: sum >> 32), &buffer)
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

    /// What a record's header says: its id length, its value count, whether the values are
    /// 64-bit, and whether a checksum ends it.
    struct RecordHeader {
        var idLength: Int
        var count: Int
        var wide: Bool
        var checked: Bool
        /// Whether the values end with paragraph keys and their number (`paragraphsFlag`).
        var paragraphs: Bool
        /// Bytes after the 8-byte header: id, values and the checksum.
        var bodyLength: Int { idLength + count * (wide ? 8 : 4) + (checked ? 8 : 0) }
    }

    /// Reads the record header at `offset`.
    private func readHeader(at offset: UInt64) throws -> RecordHeader {
        try header.withUnsafeMutableBytes { try read(offset, 8, into: $0) }
        let idLength = Int(UInt32(header[0]) | UInt32(header[1]) << 8 | UInt32(header[2]) << 16 | UInt32(header[3]) << 24)
        let word = UInt32(header[4]) | UInt32(header[5]) << 8 | UInt32(header[6]) << 16 | UInt32(header[7]) << 24
        let count = Int(word & ~Self.flagBits)
        guard idLength < 1 << 24, count < 1 << 28 else { throw damaged(at: offset) }
        let head = RecordHeader(idLength: idLength, count: count, wide: word & Self.wideFlag != 0, checked: word & Self.checkedFlag != 0,
                                paragraphs: word & Self.paragraphsFlag != 0)
        guard offset + 8 + UInt64(head.bodyLength) <= length else { throw damaged(at: offset) }
        return head
    }

    /// The error of a damaged record at `offset`: what is damaged, and the step that works.
    func damaged(at offset: UInt64) -> StateFoundDamaged {
        StateFoundDamaged(problem: "the dedup record store \(MessageText.quoted(path ?? "(in memory)")) is damaged: its record at byte \(offset) does not read back as written",
                          remedy: "run again with --force to rebuild the index from the inputs")
    }

    /// Reads only the id of the record at `offset` (its checksum is not read: the index checks
    /// the id against the hash it keeps).
    func readID(at offset: UInt64) throws -> [UInt8] {
        let head = try readHeader(at: offset)
        var id = [UInt8](repeating: 0, count: head.idLength)
        try id.withUnsafeMutableBytes { try read(offset + 8, head.idLength, into: $0) }
        return id
    }

    /// Reads the record at `offset`: its id, and its values into `wide` (64-bit records) or
    /// `narrow` (32-bit records), replaced; `isWide` tells which. A record with a checksum is
    /// read in one piece and checked before its values are used.
    func read(at offset: UInt64, narrow: inout [UInt32], wide: inout [UInt64]) throws -> (id: [UInt8], isWide: Bool) {
        var unused: [UInt64]? = nil
        return try read(at: offset, narrow: &narrow, wide: &wide, paragraphKeys: &unused)
    }

    /// The keys of the paragraphs boilerplate removal counted for the document of the record at
    /// `offset` (empty for a record written without them: before index version 5, or with
    /// boilerplate removal off).
    func readParagraphKeys(at offset: UInt64) throws -> [UInt64] {
        var narrow: [UInt32] = [], wide: [UInt64] = [], keys: [UInt64]? = []
        _ = try read(at: offset, narrow: &narrow, wide: &wide, paragraphKeys: &keys)
        return keys ?? []
    }

    /// `read(at:narrow:wide:)`, which also sets `paragraphKeys` to the record's paragraph keys
    /// when it is not nil. The values read are those before the keys.
    private func read(at offset: UInt64, narrow: inout [UInt32], wide: inout [UInt64],
                      paragraphKeys: inout [UInt64]?) throws -> (id: [UInt8], isWide: Bool) {
        let head = try readHeader(at: offset)
        if body.count < 8 + head.bodyLength { body = [UInt8](repeating: 0, count: 8 + head.bodyLength) }
        try body.withUnsafeMutableBytes { try read(offset, 8 + head.bodyLength, into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<(8 + head.bodyLength)])) }
        let valuesStart = 8 + head.idLength
        if head.checked {
            let end = 8 + head.bodyLength - 8
            let stored = body.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: end, as: UInt64.self)) }
            guard stored == ByteWriter.checksum(body[0..<end]) else { throw damaged(at: offset) }
        }
        let id = Array(body[8..<valuesStart])
        // The values before the paragraph keys: the count minus the keys (one or two values
        // each, by width) and their number, the last value.
        var count = head.count, keyCount = 0
        if head.paragraphs {
            guard head.count >= 1 else { throw damaged(at: offset) }
            let last = valuesStart + (head.count - 1) * (head.wide ? 8 : 4)
            let stored = body.withUnsafeBytes { src in
                head.wide ? UInt64(littleEndian: src.loadUnaligned(fromByteOffset: last, as: UInt64.self))
                          : UInt64(UInt32(littleEndian: src.loadUnaligned(fromByteOffset: last, as: UInt32.self)))
            }
            // Compared as stored: a number past the record's values is damage, not a count.
            guard stored <= UInt64(head.count) else { throw damaged(at: offset) }
            keyCount = Int(stored)
            let keyValues = keyCount * (head.wide ? 1 : 2)
            guard keyValues + 1 <= head.count else { throw damaged(at: offset) }
            count = head.count - keyValues - 1
        }
        body.withUnsafeBytes { src in
            if head.wide {
                if wide.count != count { wide = [UInt64](repeating: 0, count: count) }
                wide.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[valuesStart..<(valuesStart + count * 8)])) }
            } else {
                if narrow.count != count { narrow = [UInt32](repeating: 0, count: count) }
                narrow.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: src[valuesStart..<(valuesStart + count * 4)])) }
            }
            guard paragraphKeys != nil else { return }
            var keys = [UInt64]()
            keys.reserveCapacity(keyCount)
            let keysStart = valuesStart + count * (head.wide ? 8 : 4)
            for k in 0..<keyCount {
                if head.wide {
                    keys.append(UInt64(littleEndian: src.loadUnaligned(fromByteOffset: keysStart + 8 * k, as: UInt64.self)))
                } else {
                    let low = UInt32(littleEndian: src.loadUnaligned(fromByteOffset: keysStart + 8 * k, as: UInt32.self))
                    let high = UInt32(littleEndian: src.loadUnaligned(fromByteOffset: keysStart + 8 * k + 4, as: UInt32.self))
                    keys.append(UInt64(high) << 32 | UInt64(low))
                }
            }
            paragraphKeys = keys
        }
        return (id, head.wide)
    }

    /// Writes the buffer to the file.
    func flush() throws {
        guard fd >= 0, !buffer.isEmpty else { return }
        // A WriteError, as for the index files: a full disk here is exit 3 (it was 1, as if the
        // run had finished with failed documents). Through CheckedIO, so that the write-failure
        // hook reaches it (`TEXTMILL_FAIL_WRITE=records.bin`).
        do {
            try CheckedIO.pwrite(fd, buffer, at: Int(flushed), path: path ?? "")
        } catch var failure as WriteError {
            failure.action = "write the dedup record store"
            throw failure
        }
        flushed += UInt64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
        startWriteback()
    }

    /// Has the kernel start writing each megabyte flushed to the disk as it comes, so the fsync
    /// of the next save (`sync`, which the run waits for: at the end of a run, on one thread)
    /// finds most of the file written already. A hint: when the system refuses it, it is not
    /// asked again; durability comes from the fsync.
    private func startWriteback() {
        background?.wrote(upTo: Int(flushed))
        guard let from = writtenBack, flushed >= from + (1 << 20) else { return }
        writtenBack = CheckedIO.startWriteback(fd, from: Int(from), length: Int(flushed - from)) ? flushed : nil
    }

    /// Flushes and makes the file durable; returns the length to record in the index file.
    func sync() throws -> UInt64 {
        try flush()
        if fd >= 0 {
            var code = CheckedIO.syncStatus(fd, path: path ?? "")
            // A background sync that failed may have taken the kernel's only report of the loss.
            let background = background?.finish() ?? 0
            if code == 0 { code = background }
            guard code == 0 else { throw WriteError(path: path ?? "", action: "sync the dedup record store", code: code) }
        }
        return length
    }

    /// Bytes held in memory (the unflushed buffer, or everything for an in-memory store).
    var memoryBytes: Int { buffer.capacity }

    /// Bytes of records held in memory now (not yet flushed, or everything for an in-memory store).
    var bufferedBytes: Int { buffer.count }
}
