import Foundation

/// A small file TextMill wrote for itself and reads back whole at the next run or by
/// `textmill report` (`NAME.stats.json`; in the state folder `config.json`, `append.json`, the
/// owner file `output` and `lock`). It is read up to a bound, never further: a huge file planted
/// in its place, or a named pipe or a device, costs no more memory than the bound and never
/// blocks the run.
enum SmallFile {
    /// 8 MB. The files read through here are a few KB at most (the default pipeline's stats file
    /// on `input/`, with the run before it under `previous`, is 1.8 KB); a larger one is not one
    /// TextMill wrote.
    static let maxBytes = 8 << 20

    /// What reading found.
    enum Contents {
        /// No file there, or it cannot be opened.
        case missing
        /// A file over the bound: its size in bytes (at least `limit + 1`).
        case tooLarge(Int)
        /// Not a regular file: a folder, a named pipe, a device, a socket.
        case notAFile
        case bytes([UInt8])
    }

    /// Reads `path` whole when it is a regular file of at most `limit` bytes.
    static func read(_ path: String, limit: Int = maxBytes) -> Contents {
        // O_NONBLOCK: opening a named pipe must not wait for a writer.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return .missing }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .missing }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .notAFile }
        if Int(info.st_size) > limit { return .tooLarge(Int(info.st_size)) }
        // The size may grow while it is read: one byte past the bound at most.
        let bytes = readUpTo(fd, limit + 1)
        if bytes.count > limit { return .tooLarge(max(bytes.count, Int(info.st_size))) }
        return .bytes(bytes)
    }

    /// The first `count` bytes of `path` (fewer when it is shorter), or nil when it cannot be
    /// opened (`errno` says why).
    static func prefix(_ path: String, count: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return readUpTo(fd, count)
    }

    /// Reads from `fd` until `count` bytes, the end, or an error.
    private static func readUpTo(_ fd: Int32, _ count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: min(1 << 16, max(count, 1)))
        while bytes.count < count {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, min($0.count, count - bytes.count)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            bytes += chunk[..<n]
        }
        return bytes
    }

    /// The file parsed as JSON; nil when it is missing, not a file, over the bound or not JSON.
    static func readJSON(_ path: String, limit: Int = maxBytes) -> JSONValue? {
        guard case .bytes(let bytes) = read(path, limit: limit) else { return nil }
        return try? JSONParser.parse(bytes)
    }

    /// "'PATH' is 300 MB, above the 8 MB ..." for a file over the bound, or not a file; nil otherwise.
    static func refusal(_ contents: Contents, path: String, limit: Int = maxBytes) -> String? {
        switch contents {
        case .tooLarge(let size):
            return "\(MessageText.quoted(path)) is \(MessageText.megabytes(size, up: true)) MB, above the \(MessageText.megabytes(limit)) MB a file TextMill writes there may be; it was not read"
        case .notAFile:
            return "\(MessageText.quoted(path)) is not a regular file; it was not read"
        case .missing, .bytes:
            return nil
        }
    }
}
