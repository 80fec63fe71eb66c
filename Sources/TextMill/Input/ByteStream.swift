import Foundation

/// A source of bytes read in chunks: a file, stdin, or (later) a decompressor over either.
public protocol ByteStream {
    /// Reads up to `buffer.count` bytes; returns 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A failure to read a source file, with a message fit for errors.jsonl.
public struct ReadError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Reads a file descriptor (a file or stdin).
public final class FileStream: ByteStream {
    private let fd: Int32
    private let owned: Bool
    public let path: String
    /// Size and modification time of the opened file, from the `fstat` every open makes (nil for
    /// stdin, or when `fstat` failed): the identity the manifest keeps for what was read.
    let identity: FileIdentity?
    /// The device and inode of the opened file, from the same `fstat` (nil for stdin, or when
    /// `fstat` failed): an input that is one of the run's own files under another name is
    /// found by it (`SourceReader.ownFileRefusal`).
    let fileID: InputResolver.FolderID?
    /// True when the opened file has more than one name (a hard link), from the same `fstat`.
    let isLinked: Bool

    /// Opens a file for reading; the message tells a vanished file from an unreadable one.
    /// (The path's own C string: no array of its bytes is made unless the open fails.) With
    /// `regular` the open does not wait (a named pipe without a writer) and anything but a
    /// regular file or a folder is refused (`InputFile.mustBeRegular`).
    public convenience init(path: String, regular: Bool = false) throws {
        let (fd, code) = path.withCString { p -> (Int32, Int32) in
            let fd = open(p, O_RDONLY | O_CLOEXEC | (regular ? O_NONBLOCK : 0))
            return (fd, fd < 0 ? errno : 0)
        }
        try self.init(opened: fd, errno: code, shownAs: path, regular: regular, pathBytes: { Array(path.utf8) })
    }

    /// Opens a file by the bytes of its path (a name that is not valid UTF-8); `shownAs` is how
    /// messages name it; `regular` as for `init(path:regular:)`.
    public convenience init(pathBytes: [UInt8], shownAs: String, regular: Bool = false) throws {
        let (fd, code) = (pathBytes + [0]).withUnsafeBufferPointer { b -> (Int32, Int32) in
            let fd = open(UnsafeRawPointer(b.baseAddress!).assumingMemoryBound(to: CChar.self), O_RDONLY | O_CLOEXEC | (regular ? O_NONBLOCK : 0))
            return (fd, fd < 0 ? errno : 0)
        }
        try self.init(opened: fd, errno: code, shownAs: shownAs, regular: regular, pathBytes: { pathBytes })
    }

    /// Takes a descriptor already opened for reading the file at `path` (`FolderCursor.open`).
    convenience init(descriptor fd: Int32, path: String, regular: Bool = false) throws {
        try self.init(opened: fd, errno: 0, shownAs: path, regular: regular, pathBytes: { Array(path.utf8) })
    }

    /// Takes the result of `open` (`code`: its `errno`), refusing a failed open or a folder, and,
    /// when `regular`, anything else that is not a regular file. (A regular file opened with
    /// `O_NONBLOCK` reads as any other: the flag only spares the open of a pipe its wait.)
    private init(opened fd: Int32, errno code: Int32, shownAs: String, regular: Bool, pathBytes: () -> [UInt8]) throws {
        self.path = shownAs
        guard fd >= 0 else {
            // Out of descriptors (or kernel memory): the run's limit, not this file's fault.
            if let limit = ProcessLimitError(action: "open \(MessageText.quoted(shownAs))", code: code) { throw limit }
            throw ReadError(FileStream.describe(code, path: shownAs, pathBytes: pathBytes()))
        }
        var st = stat()
        let examined = fstat(fd, &st) == 0
        if examined && (st.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            // A folder reaches the reader when the walk could not examine it: its path is past
            // what the system takes (it was opened by its name in its folder, `FolderCursor`).
            let length = pathBytes().count
            if length >= Int(PATH_MAX) {
                throw ReadError("\(MessageText.quoted(shownAs)) is a folder whose path is \(length) bytes, longer than the \(Int(PATH_MAX) - 1) bytes the system takes "
                                + "for a path (PATH_MAX): its files cannot be listed, and none of them was read; move them to a folder with a shorter path")
            }
            throw ReadError("\(MessageText.quoted(shownAs)) is a directory")
        }
        if regular && examined && (st.st_mode & S_IFMT) != S_IFREG {
            close(fd)
            throw ReadError("\(MessageText.quoted(shownAs)) is now \(FileStream.kind(st.st_mode)), not the regular file the inputs held when they were listed "
                            + "(it was replaced since): not read, as a named pipe, socket or device in an input folder is not; put the file back, or name the pipe or device as an input of its own to read it")
        }
        self.fd = fd
        self.owned = true
        self.identity = examined ? FileIdentity(st) : nil
        self.fileID = examined ? InputResolver.FolderID(st) : nil
        self.isLinked = examined && st.st_nlink > 1
    }

    /// Wraps stdin.
    public init(standardInput: Void) {
        fd = 0
        owned = false
        path = "-"
        identity = nil
        fileID = nil
        isLinked = false
    }

    deinit { if owned { close(fd) } }

    /// The identity of the opened file now, by a new `fstat` of its descriptor (nil for stdin,
    /// or when `fstat` failed): other than `identity` when the file was written, truncated,
    /// deleted or renamed over since it was opened (`ReadIdentities.changed`); `unlinked` when
    /// it has no name left (deleted, or renamed over: its bytes are still those of its open).
    func identityNow() -> (identity: FileIdentity, unlinked: Bool, regular: Bool)? {
        guard owned else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        return (FileIdentity(st), st.st_nlink == 0, (st.st_mode & S_IFMT) == S_IFREG)
    }

    /// True when the opened file may still be being written, by a new `fstat`: its size changed
    /// since it was opened. False for stdin and when `fstat` fails. Not by how recent its
    /// modification time is: the reason would then depend on the moment of the run, and two runs
    /// of one file (`textmill run` and the Spark job, a run from scratch a minute later) would
    /// write different errors files.
    func mayStillBeWritten() -> Bool {
        guard let opened = identity, let now = identityNow()?.identity else { return false }
        return now.size != opened.size
    }

    /// The size of the file in bytes, when it is a regular file.
    public var size: Int? {
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(st.st_size)
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = Foundation.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw ReadError("reading \(MessageText.quoted(path)) failed: \(String(cString: strerror(errno)))")
        }
    }

    static func describe(_ code: Int32, path: String, pathBytes: [UInt8]? = nil) -> String {
        switch code {
        case ENOENT:
            if let target = pathBytes.flatMap(danglingLinkTarget) {
                return "\(MessageText.quoted(path)) is a symbolic link to \(MessageText.quoted(target)), which does not exist: fix or remove the link"
            }
            return "the file vanished before it could be read (no such file: \(MessageText.quoted(path)))"
        case EACCES: return "permission denied reading \(MessageText.quoted(path))"
        case ENXIO where isSocket(pathBytes ?? Array(path.utf8)):
            // open(2) of a Unix socket fails with "No such device or address", which names no cause.
            return "\(MessageText.quoted(path)) is a socket, which cannot be opened to be read: name a file or a pipe"
        default: return "cannot open \(MessageText.quoted(path)): \(String(cString: strerror(code)))"
        }
    }
}

extension FileStream {
    /// What a file that is not a regular file or a folder is, for messages: "a named pipe".
    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a named pipe"
        case S_IFSOCK: "a socket"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        default: "not a regular file"
        }
    }

    /// Where a symbolic link that leads nowhere points, or nil when the path is no such link.
    /// True when the path names a Unix socket (after links).
    static func isSocket(_ pathBytes: [UInt8]) -> Bool {
        var st = stat()
        let found = (pathBytes + [0]).withUnsafeBufferPointer { p in
            stat(UnsafeRawPointer(p.baseAddress!).assumingMemoryBound(to: CChar.self), &st)
        }
        return found == 0 && (st.st_mode & S_IFMT) == S_IFSOCK
    }

    static func danglingLinkTarget(_ pathBytes: [UInt8]) -> String? {
        var target = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = (pathBytes + [0]).withUnsafeBufferPointer { p in
            readlink(UnsafeRawPointer(p.baseAddress!).assumingMemoryBound(to: CChar.self), &target, target.count - 1)
        }
        guard n >= 0 else { return nil }
        return String(decoding: target[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension FileStream {
    /// Reads the rest of a file like `readAll`. A regular file's size is known from the `fstat`
    /// of its opening (`identity`): its bytes are read into an array of that size plus one, by
    /// one `read`, and when that read gives exactly the size (fewer bytes than asked: a regular
    /// file's end) no second `read` is made to see the end. A file of another length than
    /// `fstat` said (it changed, or a special file) is read on to its end as `readAll` reads.
    func readWhole(limit: Int) throws -> [UInt8] {
        var stream = self
        guard let size = identity?.size, size > 0, size < limit else { return try stream.readAll(limit: limit) }
        var failure: Error?
        var out = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            do {
                count = try read(into: UnsafeMutableRawBufferPointer(buffer))
            } catch {
                failure = error
                count = 0
            }
        }
        if let failure { throw failure }
        if out.count == size { return out }
        try stream.readRest(into: &out, limit: limit)
        return out
    }
}

extension ByteStream {
    /// Reads everything, refusing more than `limit` bytes.
    public mutating func readAll(limit: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        try readRest(into: &out, limit: limit)
        return out
    }

    /// Appends everything left to `out`, refusing more than `limit` bytes in `out`.
    mutating func readRest(into out: inout [UInt8], limit: Int) throws {
        // Not zero-filled: most documents are a few KB, and clearing 64 KB for each cost more
        // than reading it.
        let chunk = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 16)
        defer { chunk.deallocate() }
        while true {
            let n = try read(into: UnsafeMutableRawBufferPointer(chunk))
            if n == 0 { return }
            if out.count + n > limit {
                throw ReadError("the document is larger than the \(MessageText.megabytes(limit)) MB limit; raise max_document_mb in the config to read it")
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[0..<n]))
        }
    }
}

/// Splits a byte stream into lines without holding more than one line (plus a read buffer).
/// A line longer than `limit` is skipped and reported, never buffered whole; one that runs on
/// past `skipLimit` bytes without a line end stops the reading (`next` throws), so that a stream
/// that never ends a line (`/dev/zero` or an endless pipe named as a `.jsonl` input) is not read
/// for ever.
public struct LineReader<Stream: ByteStream> {
    private var stream: Stream
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEOF = false
    public let limit: Int
    /// The most bytes of one over-long line that are read past to find its end: 16 × `limit`.
    public let skipLimit: Int
    /// 1-based number of the line last returned.
    public private(set) var lineNumber = 0

    public enum Line {
        case line([UInt8])
        /// A line over the limit, with its length in bytes.
        case tooLong(Int)
    }

    public init(_ stream: Stream, limit: Int, chunkSize: Int = 1 << 20, skipLimit: Int? = nil) {
        self.stream = stream
        self.limit = limit
        self.skipLimit = skipLimit ?? (limit > Int.max / 16 ? Int.max : limit * 16)
        self.buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    /// The next line without its "\n" (and "\r\n"), or nil at the end.
    public mutating func next() throws -> Line? {
        var long: [UInt8] = []
        var skipped = 0
        var tooLong = false
        while true {
            if start < end {
                let found: Int? = buffer.withUnsafeBufferPointer { b in
                    guard let p = memchr(b.baseAddress! + start, 0x0A, end - start) else { return nil }
                    return b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
                }
                if let nl = found {
                    lineNumber += 1
                    let piece = start..<nl
                    start = nl + 1
                    if tooLong { return .tooLong(skipped + piece.count) }
                    if long.count + piece.count > limit { return .tooLong(long.count + piece.count) }
                    var line = long
                    line.append(contentsOf: buffer[piece])
                    if line.last == 0x0D { line.removeLast() }
                    return .line(line)
                }
                // No newline in the buffer: keep what we have and read more.
                let piece = start..<end
                if tooLong || long.count + piece.count > limit {
                    if !tooLong { skipped = long.count; long = [] }
                    tooLong = true
                    skipped += piece.count
                    if skipped > skipLimit {
                        throw ReadError("line \(lineNumber + 1) runs on past \(MessageText.megabytes(skipLimit)) MB without a line end, "
                            + "so the rest of the input was not read (the records before it were); is it a JSONL file? "
                            + "A stream that never ends a line, such as a device, cannot be read as JSONL")
                    }
                } else {
                    long.append(contentsOf: buffer[piece])
                }
                start = 0
                end = 0
            }
            if atEOF {
                if long.isEmpty && !tooLong { return nil }
                lineNumber += 1
                if tooLong { return .tooLong(skipped) }
                if long.last == 0x0D { long.removeLast() }
                let line = long
                long = []
                return .line(line)
            }
            let n = try buffer.withUnsafeMutableBytes { b throws in try stream.read(into: b) }
            if n == 0 { atEOF = true } else { start = 0; end = n }
        }
    }
}

/// Passes a stream's bytes through unchanged while hashing them: the SHA-256 of a file as
/// stored, taken on the one read the run makes anyway.
public final class HashingStream: ByteStream {
    private var inner: any ByteStream
    private var sha = SHA256()
    private var ended = false

    public init(_ inner: any ByteStream) {
        self.inner = inner
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try inner.read(into: buffer)
        if n == 0 { ended = true } else {
            sha.update(buffer: UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n))
        }
        return n
    }

    /// The digest of every byte, once the stream was read to its end; nil before.
    public var digestIfComplete: String? {
        guard ended else { return nil }
        var copy = sha
        return copy.finalizeHex()
    }
}
