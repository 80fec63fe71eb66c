import Foundation

/// A file written so that readers never see half of it: bytes go to a temporary file beside the
/// target, which `commit()` flushes, syncs and renames over the target in one step. A run that is
/// killed leaves the previous file untouched. "-" writes straight to stdout.
public final class OutputFile {
    public let path: String
    private let temporaryPath: String?
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let gzip: GzipWriter?
    private var committed = false
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
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } catch {
                throw ReadError("cannot create the output folder '\(dir)': \(error.localizedDescription)")
            }
        }
        let tmp = OutputFile.temporaryName(for: path)
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ReadError("cannot write '\(tmp)': \(String(cString: strerror(errno)))") }
        self.fd = fd
        temporaryPath = tmp
        gzip = path.hasSuffix(".gz") ? GzipWriter() : nil
    }

    deinit {
        if !committed { abandon() }
    }

    /// The temporary name used while `path` is being written: `.name.tmp-PID`.
    static func temporaryName(for path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let tmp = ".\(name).tmp-\(getpid())"
        return dir.isEmpty ? tmp : dir + "/" + tmp
    }

    /// Appends one record (a complete line).
    public func write(line: [UInt8]) throws {
        buffer.append(contentsOf: line)
        bytesWritten += line.count
        records += 1
        if buffer.count >= OutputFile.flushSize { try flush() }
    }

    /// Writes buffered bytes to the file (compressing if needed).
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        let out = gzip.map { $0.compress(buffer) } ?? buffer
        buffer.removeAll(keepingCapacity: true)
        try OutputFile.writeAll(fd, out, path: temporaryPath ?? "stdout")
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        try bytes.withUnsafeBytes { raw in
            var off = 0
            while off < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + off, raw.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ReadError("writing '\(path)' failed: \(String(cString: strerror(errno)))")
                }
                off += n
            }
        }
    }

    /// Finishes the file and puts it in place of `path`.
    public func commit() throws {
        try flush()
        if let gzip { try OutputFile.writeAll(fd, gzip.finish(), path: temporaryPath!) }
        committed = true
        guard let tmp = temporaryPath else { return }
        fsync(fd)
        close(fd)
        guard rename(tmp, path) == 0 else {
            throw ReadError("cannot move '\(tmp)' to '\(path)': \(String(cString: strerror(errno)))")
        }
        OutputFile.syncDirectory(of: path)
    }

    /// Drops the temporary file; the previous `path` stays as it was.
    public func abandon() {
        committed = true
        guard let tmp = temporaryPath else { return }
        close(fd)
        unlink(tmp)
    }

    /// Makes a rename durable (power loss) by syncing the folder that holds the file.
    static func syncDirectory(of path: String) {
        let dir = (path as NSString).deletingLastPathComponent
        let dfd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }
}
