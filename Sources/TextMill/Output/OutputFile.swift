import Foundation

/// A file written so that readers never see half of it: bytes go to a temporary file beside the
/// target, which `commit()` flushes, syncs and renames over the target in one step (`prepare()`
/// and `publish()` are its two halves, so several files can be made durable before any is put in
/// place). A run that is killed, or that cannot write (a full disk), leaves the previous file
/// untouched and no temporary file behind. "-" writes straight to stdout.
public final class OutputFile {
    public let path: String
    private let temporaryPath: String?
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let gzip: GzipWriter?
    private var state = State.open

    /// Where the file is in its life: being written; written, synced and closed, not yet in
    /// place; in place or abandoned.
    private enum State { case open, prepared, done }
    /// Bytes handed to `write` so far (before compression).
    public private(set) var bytesWritten = 0
    /// Lines (records) written so far.
    public private(set) var records = 0

    private static let flushSize = 1 << 20

    /// Opens `path` for an atomic rewrite (or stdout for "-"). A `.gz` name compresses.
    public init(path: String) throws {
        self.path = path
        if path == "-" {
            fd = 1
            temporaryPath = nil
            gzip = nil
            return
        }
        let dir = PathText.folder(of: path)
        if !dir.isEmpty { try CheckedIO.createDirectory(dir) }
        let tmp = OutputFile.temporaryName(for: path)
        let fd = try CheckedIO.open(tmp, O_WRONLY | O_CREAT | O_TRUNC)
        self.fd = fd
        temporaryPath = tmp
        gzip = path.hasSuffix(".gz") ? GzipWriter() : nil
    }

    deinit { abandon() }

    /// The temporary name used while `path` is being written: `.name.tmp-PID`.
    static func temporaryName(for path: String) -> String {
        let dir = PathText.folder(of: path)
        let name = PathText.name(of: path)
        let tmp = ".\(name).tmp-\(getpid())"
        return dir.isEmpty ? tmp : dir + "/" + tmp
    }

    /// Appends one record (a complete line).
    public func write(line: [UInt8]) throws {
        bytesWritten += line.count
        records += 1
        if gzip == nil && line.count >= OutputFile.flushSize {
            // A large record goes straight to the file after what is buffered: copied into the
            // buffer it would be held twice, and the buffer would keep its size for the run.
            try flush()
            try emit(line)
            return
        }
        buffer.append(contentsOf: line)
        if buffer.count >= OutputFile.flushSize { try flush() }
    }

    /// Writes buffered bytes to the file (compressing if needed).
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        let out = gzip.map { $0.compress(buffer) } ?? buffer
        buffer.removeAll(keepingCapacity: true)
        try emit(out)
    }

    /// Writes `bytes` to the file, or to stdout: a failure there is marked as the standard
    /// output's (`WriteError.toStandardOutput`), whatever the output's name.
    private func emit(_ bytes: [UInt8]) throws {
        if let temporaryPath { return try CheckedIO.write(fd, bytes, path: temporaryPath) }
        do {
            try CheckedIO.write(fd, bytes, path: WriteError.standardOutput)
        } catch var error as WriteError {
            error.toStandardOutput = true
            throw error
        }
    }

    /// Finishes the file and puts it in place of `path`.
    public func commit() throws {
        try prepare()
        try publish()
    }

    /// Writes what is left and makes the temporary file durable; `publish` then puts it in
    /// place. On failure the temporary file is removed and the previous `path` stays as it was.
    public func prepare() throws {
        guard state == .open else { return }
        do {
            try flush()
            if let gzip { try emit(gzip.finish()) }
            if let tmp = temporaryPath { try CheckedIO.fsync(fd, path: tmp) }
        } catch {
            abandon()
            throw error
        }
        state = .prepared
        guard let tmp = temporaryPath else { return }
        ReplacedFileMode.carry(from: path, to: fd)
        do {
            try CheckedIO.close(fd, path: tmp)
        } catch {
            abandon()
            throw error
        }
    }

    /// Renames the prepared file over `path` and makes the rename durable.
    public func publish() throws {
        try prepare()
        guard state == .prepared else { return }
        if let tmp = temporaryPath {
            do {
                try CheckedIO.rename(tmp, to: path)
            } catch {
                abandon()
                throw error
            }
        }
        state = .done
        if temporaryPath != nil { try CheckedIO.syncDirectory(of: path) }
    }

    /// Drops the temporary file; the previous `path` stays as it was.
    public func abandon() {
        defer { state = .done }
        guard let tmp = temporaryPath, state != .done else { return }
        if state == .open { close(fd) }
        unlink(tmp)
    }
}
