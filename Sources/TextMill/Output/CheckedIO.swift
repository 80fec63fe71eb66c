import Foundation
internal import CShims

/// An output, or the run's state beside it, could not be written: a full disk, no permission, a
/// file size limit. The previous outputs are left intact and the next run finishes the work;
/// the command line exits 3.
public struct WriteError: Error, Sendable, CustomStringConvertible {
    /// The file (or folder) that could not be written.
    public var path: String
    /// What was being done to it: "write", "sync", "cut back", "rename to '…'", …
    public var action: String
    /// The `errno` value the system call set.
    public var code: Int32
    /// The write went to the standard output (`-o -`), not to a file that happens to be named
    /// `stdout`: such a run keeps no state, and its message says so.
    public var toStandardOutput = false

    /// What went wrong when no `errno` says it (a write that took no bytes); nil: `code`'s text.
    public var detail: String?

    /// What the run found before this, when it stopped the run before a document was read
    /// (`RefusalWarnings`).
    public var warnings: [String] = []

    /// Found by the check before anything is read (`RunOutputs.checkWritable`): the run read
    /// and wrote nothing, and its message says so (`refusalMessage`).
    public var foundBeforeReading = false

    /// A failed `action` on `path` with the `errno` value `code` (or `detail`, when the system
    /// gave no error to name).
    public init(path: String, action: String, code: Int32, detail: String? = nil) {
        self.path = path
        self.action = action
        self.code = code
        self.detail = detail
    }

    /// "cannot write '/out/corpus.jsonl': No space left on device".
    public var description: String { "cannot \(action) \(MessageText.quoted(path)): \(detail ?? String(cString: strerror(code)))" }

    /// What the user does about it, by cause.
    public var remedy: String { fix + " and run again: the next run finishes the work" }

    /// The name a write to the standard output is reported under (`-o -`).
    public static let standardOutput = "stdout"

    /// The whole message of a run that stops on this error. A run to stdout has no previous
    /// outputs to keep nor state to resume from, and what it wrote there stays: it says so,
    /// rather than that the outputs are intact and the next run finishes the work. A run
    /// stopped before it read anything says that nothing was read or written, as `validate` and
    /// `--dry-run` do: it said "the next run finishes the work" of a run that had done none.
    public var runMessage: String {
        if foundBeforeReading { return refusalMessage }
        guard toStandardOutput else {
            return "could not write the outputs: \(self). The previous outputs are intact; \(remedy)."
        }
        return "could not write the outputs: \(self). What reached stdout is cut short (its last line may be part of a record); \(fix) and run again: a run to stdout keeps no state, so it starts over."
    }

    /// Runs `body`, a step a run takes before it reads a document (the check of what it will
    /// write, the state folder and its lock, the journal, the part files): a `WriteError` it
    /// throws is marked `foundBeforeReading`, so its message says that nothing was read or
    /// written, not that the next run finishes the work.
    static func beforeReading<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch var error as WriteError {
            error.foundBeforeReading = true
            throw error
        }
    }

    /// The whole message of a check before anything is read (`validate`, `run --dry-run`:
    /// `RunOutputs.checkWritable`) that finds a file or folder the run could not write: nothing
    /// was read or written, so there are no previous outputs to speak of, nor work to finish.
    public var refusalMessage: String {
        "a run could not write its outputs: \(self); \(fix), then run again (nothing was read or written)"
    }

    /// What to change, by cause: "free space", "make the output folder and its files writable", ….
    public var fix: String { WriteError.remedies.first { $0.codes.contains(code) }?.remedy ?? "fix the cause" }

    /// The advice for each kind of failure (anything else: "fix the cause").
    static let remedies: [(codes: Set<Int32>, remedy: String)] = [
        ([ENOSPC, EDQUOT], "free space"),
        ([EFBIG], "allow larger files (ulimit -f)"),
        ([EACCES, EPERM, EROFS], "make the output folder and its files writable"),
        ([ENOTDIR], "move away the file that stands where a folder must be"),
        ([EMFILE], "allow the process more open files (ulimit -n; a few hundred is plenty)"),
        ([ENFILE], "the system's table of open files is full: close files other programs hold open, or raise fs.file-max"),
        ([EXDEV], "keep the state folder on the output's file system (remove the link or mount that puts it elsewhere)"),
        ([ENOENT], "keep the output folder and its state folder in place while a run writes there (a folder on that path was removed or moved during the run)"),
    ]
}

/// The system calls the writer makes, each result checked: a failure throws a `WriteError` that
/// names the file and the cause. `close` of a file written here is checked too (a deferred write
/// error can surface there).
enum CheckedIO {
    /// Opens `path` for writing with `flags` (O_WRONLY or O_RDWR and the rest).
    static func open(_ path: String, _ flags: Int32) throws -> Int32 {
        let fd = Foundation.open(path, flags | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, action: "open for writing", code: errno) }
        return fd
    }

    /// Writes every byte (retrying short writes and EINTR).
    static func write(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        try writeAll(bytes, path: path) { base, done, count in Foundation.write(fd, base + done, count) }
    }

    /// Writes `bytes` at `offset` (retrying short writes and EINTR).
    static func pwrite(_ fd: Int32, _ bytes: [UInt8], at offset: Int, path: String) throws {
        try writeAll(bytes, path: path) { base, done, count in Foundation.pwrite(fd, base + done, count, off_t(offset + done)) }
    }

    /// Writes all of `bytes` with `step(base, bytesDone, bytesLeft)`, one `write` call: short
    /// writes and EINTR are retried, a failure throws with its `errno`, and a call that wrote
    /// nothing and set no error (a file system that takes no bytes) throws rather than loop for
    /// ever or report a stale `errno`. `WriteFault` makes it write half and fail with ENOSPC.
    static func writeAll(_ bytes: [UInt8], path: String, _ step: (UnsafeRawPointer, Int, Int) -> Int) throws {
        let fault = WriteFault.due(path)
        try bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            let end = fault ? raw.count / 2 : raw.count
            var done = 0
            while done < end {
                let n = step(base, done, end - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw WriteError(path: path, action: "write", code: errno)
                }
                guard n > 0 else { throw WriteError(path: path, action: "write", code: EIO, detail: "the system wrote 0 of \(end - done) bytes and gave no error") }
                done += n
            }
        }
        if fault { throw WriteError(path: path, action: "write", code: ENOSPC) }
    }

    /// Appends `length` bytes of `source` from `offset` at the position of `fd`, in the kernel.
    static func copy(from source: Int32, offset: Int, length: Int, to fd: Int32, path: String) throws {
        if WriteFault.due(path) {
            _ = tm_copy_range(source, Int64(offset), fd, Int64(length / 2))
            throw WriteError(path: path, action: "write", code: ENOSPC)
        }
        let status = tm_copy_range(source, Int64(offset), fd, Int64(length))
        guard status == 0 else { throw WriteError(path: path, action: "write", code: status) }
    }

    static func fsync(_ fd: Int32, path: String) throws {
        let code = syncStatus(fd, path: path)
        guard code == 0 else { throw WriteError(path: path, action: "sync", code: code) }
    }

    /// Makes `fd` (the file at `path`) durable: 0, or the `errno` of the failed `fsync`. Every
    /// sync that makes a file written here durable goes through this call (the background ones
    /// through `dataSyncStatus`), so `SyncFault` reaches each of them.
    static func syncStatus(_ fd: Int32, path: String) -> Int32 {
        if SyncFault.due(path) { return EIO }
        return Foundation.fsync(fd) == 0 ? 0 : errno
    }

    /// Commits the data of `fd` (the file at `path`) to the disk without waiting for metadata
    /// that reading it back does not need (`fdatasync`): 0, or the `errno` of the failure. The
    /// background syncs of a file being written (`BackgroundSync`); `SyncFault` counts them
    /// among the file's syncs.
    static func dataSyncStatus(_ fd: Int32, path: String) -> Int32 {
        if SyncFault.due(path) { return EIO }
        return Foundation.fdatasync(fd) == 0 ? 0 : errno
    }

    /// Starts syncing several files at once, each on a thread of its own: the kernel can then
    /// write them and their sizes in one journal commit, where syncs one after another each waited
    /// for a commit of their own, and the caller can do other work meanwhile. The descriptors must
    /// stay open until `wait()` returns.
    static func startSync(_ files: [(fd: Int32, path: String)]) -> PendingSync {
        PendingSync(files)
    }

    /// Asks the kernel to start writing `length` bytes of `fd` from `offset` to the disk now
    /// (`tm_start_writeback`), so that the next `fsync` of the file waits for less. A hint only:
    /// false when the system could not take it (the caller stops asking); the data is made
    /// durable, and a failure to write it reported, by that `fsync`.
    static func startWriteback(_ fd: Int32, from offset: Int, length: Int) -> Bool {
        tm_start_writeback(fd, Int64(offset), Int64(length)) == 0
    }

    static func ftruncate(_ fd: Int32, to size: Int, path: String) throws {
        guard Foundation.ftruncate(fd, off_t(size)) == 0 else { throw WriteError(path: path, action: "cut back to \(size) bytes", code: errno) }
    }

    static func seek(_ fd: Int32, to offset: Int, path: String) throws {
        guard lseek(fd, off_t(offset), SEEK_SET) >= 0 else { throw WriteError(path: path, action: "seek to byte \(offset) of", code: errno) }
    }

    /// The size of an open file.
    static func size(_ fd: Int32, path: String) throws -> Int {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw WriteError(path: path, action: "read the size of", code: errno) }
        return Int(st.st_size)
    }

    /// Closes a file this process wrote.
    static func close(_ fd: Int32, path: String) throws {
        guard Foundation.close(fd) == 0 else { throw WriteError(path: path, action: "finish writing", code: errno) }
    }

    /// Renames `from` to `to`; a failure reads "cannot rename 'FROM' to 'TO': …" (until session
    /// 36 it read "cannot rename to 'TO' 'FROM'", the names the wrong way round).
    static func rename(_ from: String, to: String) throws {
        guard Foundation.rename(from, to) == 0 else { throw WriteError(path: to, action: "rename \(MessageText.quoted(from)) to", code: errno) }
    }

    /// Removes a file; one that is already gone is fine.
    static func unlink(_ path: String) throws {
        guard Foundation.unlink(path) == 0 || errno == ENOENT else { throw WriteError(path: path, action: "remove", code: errno) }
    }

    /// Makes a rename durable (power loss) by syncing the folder that holds `path`. A file
    /// system that cannot sync folders (EINVAL) has nothing to make durable.
    static func syncDirectory(of path: String) throws {
        let parent = PathText.folder(of: path)
        let dir = parent.isEmpty ? "." : parent
        let fd = Foundation.open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw WriteError(path: dir, action: "open the folder", code: errno) }
        defer { Foundation.close(fd) }
        guard Foundation.fsync(fd) == 0 || errno == EINVAL else { throw WriteError(path: dir, action: "sync the folder", code: errno) }
    }

    /// Creates a folder and its parents, with `mkdir` so a failure names its real cause (a file
    /// where a folder must be is "Not a directory", at that file's path; Foundation's error
    /// carried no errno and was reported as an I/O error).
    static func createDirectory(_ path: String) throws {
        var st = stat()
        if stat(path, &st) == 0 {
            guard st.st_mode & S_IFMT == S_IFDIR else { throw WriteError(path: path, action: "make a folder at", code: ENOTDIR) }
            return
        }
        let parent = PathText.folder(of: path)
        if !parent.isEmpty && parent != path && parent != "/" { try createDirectory(parent) }
        if mkdir(path, 0o777) != 0 {
            let code = errno
            guard code == EEXIST, stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else {
                throw WriteError(path: path, action: "create the folder", code: code == EEXIST ? ENOTDIR : code)
            }
        }
    }
}

/// A test hook that makes a write fail as on a full disk, so the handling of ENOSPC can be tested
/// without one. Armed only by the environment variable `TEXTMILL_FAIL_WRITE=NAME` or `NAME:N`:
/// the N-th write (or in-kernel copy) to a file whose name (last path component) is NAME writes
/// half its bytes and fails with ENOSPC. Without it every call is one comparison.
enum WriteFault {
    private static let trigger = NthCallTrigger(variable: "TEXTMILL_FAIL_WRITE")

    /// True when this write to `path` is the one that must fail.
    static func due(_ path: String) -> Bool {
        trigger.isArmed && trigger.due(PathText.name(of: path))
    }
}

/// A test hook that makes a sync fail as on a failing disk, so that the handling of a failed
/// `fsync` can be tested without one. Armed only by the environment variable
/// `TEXTMILL_FAIL_SYNC=NAME` or `NAME:N`, or several separated by commas (`part.output,records.bin`):
/// the N-th sync of a file whose name (last path component) is NAME fails with EIO without
/// syncing (a part file: `part.output`; dedup's records: `records.bin`; its index: the index
/// file's own name, `index.1.bin`). Without it every call is one comparison.
enum SyncFault {
    private static let trigger = NthCallTrigger(variable: "TEXTMILL_FAIL_SYNC")

    /// True when this sync of `path` is the one that must fail.
    static func due(_ path: String) -> Bool {
        trigger.isArmed && trigger.due(PathText.name(of: path))
    }
}

/// Syncs of files under way, each on a thread of its own (`CheckedIO.startSync`). A thread that
/// cannot be made (a `pids.max` or `RLIMIT_NPROC` limit: `pthread_create` fails) is not waited
/// for: its file is synced on the calling thread instead, before `init` returns.
final class PendingSync: @unchecked Sendable {
    private let files: [(fd: Int32, path: String)]
    private let lock = NSLock()
    /// The `errno` of each file's sync (0: synced).
    private var codes: [Int32]
    private var threads: [JoinableThread] = []

    /// Starts the syncs; `start` makes a thread (nil when it cannot: the sync then runs here).
    init(_ files: [(fd: Int32, path: String)],
         start: (String, @escaping @Sendable () -> Void) -> JoinableThread? = JoinableThread.start) {
        self.files = files
        codes = Array(repeating: 0, count: files.count)
        for (i, file) in files.enumerated() {
            let sync: @Sendable () -> Void = { [self] in
                let code = CheckedIO.syncStatus(file.fd, path: file.path)
                lock.lock()
                codes[i] = code
                lock.unlock()
            }
            if let thread = start("textmill-sync", sync) {
                threads.append(thread)
            } else {
                sync()
            }
        }
    }

    /// Waits until every sync has ended; throws the failure of the first file, in the order
    /// given, that could not be synced.
    func wait() throws {
        for t in threads { t.join() }
        threads = []
        lock.lock()
        let done = codes
        lock.unlock()
        for (i, f) in files.enumerated() where done[i] != 0 {
            throw WriteError(path: f.path, action: "sync", code: done[i])
        }
    }
}
