import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The check of a record store (`records.bin`) against the index generation that names it,
/// made before a run builds on that generation (`DedupIndex.damage`). `thorough` (`run
/// --check-outputs`): every record up to the length the generation recorded is read once, in
/// order, and must read back as written. Otherwise (every run): the records of at most
/// `sampleSize` documents spread evenly over the store, the first and the last among them, a
/// few reads of 4 KB, where the whole store is gigabytes in a large corpus (56 GB for 10
/// million documents).
///
/// A record is damaged when its header cannot be one (an id of 16 MB or more, 2^28 values or
/// more, a record running past the end), when its checksum fails (records since index version
/// 3 carry one), or when a document of the index does not start a record holding its id (the
/// id's hash the index keeps). Zeros written over the file (a record of no id and no values,
/// without a checksum), 0xFF bytes (an impossible header) and a file cut short (shorter than
/// the generation says) are found by either check; a byte flipped anywhere by the thorough one
/// (the checksum, or the id; without it, when a document is compared with that record). The
/// run then reprocesses every file instead of failing the documents compared with a damaged
/// record until the user ran with `--force`.
///
/// The file is read with `pread`, in chunks of 1 MB when thorough (a record longer than a
/// chunk is read whole): memory stays at the largest record, whatever the store's size.
enum RecordStoreCheck {
    /// A document of the index: where its record starts and the hash of its id.
    struct Document {
        var offset: UInt64
        var idHash: UInt64
    }

    /// What is wrong with the store at `path`, or nil when every record up to `length` reads back
    /// as written and each of `documents` (live documents, ascending by offset) starts a record
    /// holding its id.
    /// A store that is not a regular file (a named pipe, a link, a folder) is not this check's to
    /// judge: nil, and the index's own check of its folder (`StateFolderEntries`) refuses it,
    /// naming it. It is never opened so as to block (a named pipe held the run) or followed.
    static func problem(path: String, length: UInt64, documents: [Document], thorough: Bool) -> String? {
        var link = stat()
        if lstat(path, &link) == 0 && link.st_mode & S_IFMT != S_IFREG { return nil }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else {
            if errno == ENOENT && length == 0 { return nil }
            if errno == ELOOP { return nil }
            return "cannot read \(MessageText.quoted(path)): \(String(cString: strerror(errno)))"
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return "cannot read the size of \(MessageText.quoted(path)): \(String(cString: strerror(errno)))" }
        if st.st_mode & S_IFMT != S_IFREG { return nil }
        guard UInt64(st.st_size) >= length else {
            return "\(MessageText.quoted(path)) is shorter (\(st.st_size) bytes) than its index says (\(length))"
        }
        var reader = ChunkReader(fd: fd, path: path, length: length, chunk: thorough ? 1 << 20 : 1 << 12)
        guard thorough else { return sampled(documents, reader: &reader, path: path) }
        var offset: UInt64 = 0
        var nextDocument = 0
        while offset < length {
            if nextDocument < documents.count && documents[nextDocument].offset < offset {
                return damaged(path, at: documents[nextDocument].offset, "a document's record does not start there")
            }
            guard length - offset >= 8 else { return damaged(path, at: offset, "a record's header runs past the end") }
            let record: (idHash: UInt64, size: Int)
            switch reader.record(at: offset) {
            case .damaged(let why): return damaged(path, at: offset, why)
            case .unreadable(let why): return why
            case .record(let idHash, let size): record = (idHash, size)
            }
            if nextDocument < documents.count && documents[nextDocument].offset == offset {
                guard documents[nextDocument].idHash == record.idHash else {
                    return damaged(path, at: offset, "it does not hold the id of the document the index keeps there")
                }
                nextDocument += 1
            }
            offset += UInt64(record.size)
        }
        if nextDocument < documents.count { return damaged(path, at: documents[nextDocument].offset, "a document's record lies past the end") }
        return nil
    }

    /// Documents whose records the check of every run reads: the first, the last, and others
    /// evenly between them.
    static let sampleSize = 64

    private static func sampled(_ documents: [Document], reader: inout ChunkReader, path: String) -> String? {
        let n = min(sampleSize, documents.count)
        var last = -1
        for k in 0..<n {
            let i = n == 1 ? 0 : k * (documents.count - 1) / (n - 1)
            guard i != last else { continue }
            last = i
            let document = documents[i]
            guard document.offset < reader.length, reader.length - document.offset >= 8 else {
                return damaged(path, at: document.offset, "a document's record lies past the end")
            }
            switch reader.record(at: document.offset) {
            case .damaged(let why): return damaged(path, at: document.offset, why)
            case .unreadable(let why): return why
            case .record(let idHash, _):
                guard idHash == document.idHash else {
                    return damaged(path, at: document.offset, "it does not hold the id of the document the index keeps there")
                }
            }
        }
        return nil
    }

    private static func damaged(_ path: String, at offset: UInt64, _ why: String) -> String {
        "\(MessageText.quoted(path)) is damaged: its record at byte \(offset) does not read back as written (\(why))"
    }

    /// Reads the store in order, a chunk at a time.
    private struct ChunkReader {
        let fd: Int32
        let path: String
        let length: UInt64
        /// Bytes of the file from `start`.
        var bytes: [UInt8] = []
        var start: UInt64 = 0
        /// Bytes read at least at once.
        let chunk: Int

        enum Answer {
            case record(idHash: UInt64, size: Int)
            case damaged(String)
            case unreadable(String)
        }

        init(fd: Int32, path: String, length: UInt64, chunk: Int) {
            self.fd = fd
            self.path = path
            self.length = length
            self.chunk = chunk
        }

        /// Makes `bytes` hold `count` bytes from `offset` (which is at or after `start`).
        mutating func fill(_ offset: UInt64, _ count: Int) -> String? {
            if offset >= start && offset + UInt64(count) <= start + UInt64(bytes.count) { return nil }
            let want = Int(min(length - offset, UInt64(max(count, chunk))))
            if bytes.count < want { bytes = [UInt8](repeating: 0, count: want) }
            var done = 0
            while done < want {
                let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, want - done, off_t(offset) + off_t(done)) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    return "cannot read \(MessageText.quoted(path)): \(n < 0 ? String(cString: strerror(errno)) : "it ended before the length its index says")"
                }
                done += n
            }
            if bytes.count > want { bytes.removeLast(bytes.count - want) }
            start = offset
            return nil
        }

        @inline(__always) static func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
            UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
        }

        mutating func record(at offset: UInt64) -> Answer {
            if let why = fill(offset, 8) { return .unreadable(why) }
            var p = Int(offset - start)
            let idLength = Int(Self.u32(bytes, p))
            let word = Self.u32(bytes, p + 4)
            let count = Int(word & ~RecordStore.flagBits)
            guard idLength < 1 << 24, count < 1 << 28 else { return .damaged("an impossible header") }
            let wide = word & RecordStore.wideFlag != 0, checked = word & RecordStore.checkedFlag != 0
            let size = 8 + idLength + count * (wide ? 8 : 4) + (checked ? 8 : 0)
            guard UInt64(size) <= length - offset else { return .damaged("it runs past the end") }
            if let why = fill(offset, size) { return .unreadable(why) }
            p = Int(offset - start)
            if checked {
                let stored = UInt64(Self.u32(bytes, p + size - 8)) | UInt64(Self.u32(bytes, p + size - 4)) << 32
                guard stored == ByteWriter.checksum(bytes[p..<(p + size - 8)]) else { return .damaged("its checksum fails") }
            }
            let idHash = bytes.withUnsafeBufferPointer { DedupIndex.idHash(utf8: UnsafeBufferPointer(rebasing: $0[(p + 8)..<(p + 8 + idLength)])) }
            return .record(idHash: idHash, size: size)
        }
    }
}
