#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file named by a stage option (a lexicon, a residue rule file) the one checked way.
///
/// The file is opened without blocking (a FIFO cannot hang the config check), checked with
/// `fstat` to be a regular file (not a directory, FIFO, device or socket) no larger than
/// `maxBytes`, and read whole. Every refusal is a `StageSetupError` naming the option, the
/// path and what is wrong, so the config checker reports it at the option's line (exit 2).
public enum OptionFile {
    /// The largest option file read (lexicons are kilobytes; this stops `/dev/zero`-like mistakes).
    public static let maxBytes = 64 << 20

    /// The bytes of the file `path` (resolved against the environment's base directory) given
    /// as the stage option `option`.
    public static func read(_ path: String, option: String, environment: PipelineEnvironment,
                            maxBytes: Int = OptionFile.maxBytes) throws -> [UInt8] {
        let resolved = environment.resolve(path)
        func refuse(_ what: String, _ fix: String) -> StageSetupError {
            StageSetupError("option \(MessageText.quoted(option)) names \(MessageText.quoted(resolved)), which \(what); \(fix)", option: option)
        }
        let fd = open(resolved, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            let reason = errno == ENOENT ? "does not exist" : "cannot be opened (\(String(cString: strerror(errno))))"
            throw refuse(reason, "give the path of a readable text file")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw refuse("cannot be examined (\(String(cString: strerror(errno))))", "give the path of a readable text file")
        }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            throw refuse("is \(Self.describe(kind)), not a regular file", "give the path of a text file")
        }
        guard Int(info.st_size) <= maxBytes else {
            throw refuse("is \(MessageText.megabytes(Int(info.st_size), up: true)) MB, above the \(MessageText.megabytes(maxBytes)) MB an option file may have",
                         "check that it is the lexicon you meant")
        }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while true {
            if filled == bytes.count {
                // The file grew since fstat: read on, up to the limit.
                guard bytes.count < maxBytes + 1 else { break }
                bytes += [UInt8](repeating: 0, count: min(65536, maxBytes + 1 - bytes.count))
            }
            let n = bytes.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw refuse("cannot be read (\(String(cString: strerror(errno))))", "give the path of a readable text file")
            }
            if n == 0 { break }
            filled += n
        }
        guard filled <= maxBytes else {
            throw refuse("grew above the \(MessageText.megabytes(maxBytes)) MB an option file may have while it was read", "check that it is the lexicon you meant")
        }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// The file read as text: UTF-8 (a byte-order mark before it dropped), or UTF-16 with a
    /// byte-order mark, as a `.txt` input is read. Anything else is refused with the line and
    /// column of its first bad byte: read as U+FFFD, a lexicon saved in cp1252 ("B\u{FC}rger")
    /// held entries no text matches, and the config was taken without a word.
    public static func text(_ path: String, option: String, environment: PipelineEnvironment) throws -> String {
        switch TextFileDecoding.decode(try read(path, option: option, environment: environment)) {
        case .success(let bytes):
            return String(decoding: bytes, as: UTF8.self)
        case .failure(let invalid):
            throw StageSetupError("option \(MessageText.quoted(option)) names \(MessageText.quoted(environment.resolve(path))), which holds \(invalid.reason)",
                                  option: option)
        }
    }

    /// What a non-regular file is, in words.
    static func describe(_ kind: mode_t) -> String {
        let names: [(mode_t, String)] = [
            (S_IFDIR, "a directory"), (S_IFIFO, "a FIFO (named pipe)"), (S_IFCHR, "a character device"),
            (S_IFBLK, "a block device"), (S_IFSOCK, "a socket"), (S_IFLNK, "a symbolic link"),
        ]
        return names.first { $0.0 == kind }?.1 ?? "not a plain file"
    }
}

/// The C library's `read` (inside `OptionFile` the name means its own function).
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
