import Foundation

/// Commits a file's data to the disk in the background while the file is still being written:
/// each time `every` more bytes were handed to the kernel, a thread of its own
/// (`textmill-datasync`) calls `fdatasync` on it, one such sync at a time. The sync that makes
/// the file durable (a checkpoint's, the commit's, dedup's save) then finds nearly all of it
/// committed and waits for the last few megabytes. Without it that sync, which the run waits
/// for at its end with the other core idle, waited for the file system to commit every block
/// the run had written: on ext4 a part of 30 MB took 70–200 ms to sync even when the kernel had
/// written its bytes already (`CheckedIO.startWriteback`), 7–13 ms after syncs every 4 MB.
///
/// A hint: it makes nothing durable that the owner does not sync itself, and when its thread
/// cannot be made it is skipped. But Linux reports a failed write-back once for each open file,
/// so a background sync that fails may have taken the only report of lost bytes from the
/// owner's own sync: the failure is remembered, no other background sync is started, and
/// `finish()` returns it for the owner to report as the failure of its own sync.
///
/// Used by the one thread that writes the file; the descriptor must stay open until `finish()`
/// returned.
final class BackgroundSync: @unchecked Sendable {
    /// The bytes written between two background syncs.
    static let defaultEvery = 4 << 20

    private let fd: Int32
    private let path: String
    private let every: Int
    private let start: (String, @escaping @Sendable () -> Void) -> JoinableThread?
    private let sync: @Sendable (Int32, String) -> Int32
    /// Where the last background sync was asked for (the file's length then).
    private var asked: Int
    private var thread: JoinableThread?
    private let lock = NSLock()
    /// True while a background sync runs (under `lock`).
    private var running = false
    /// The `errno` of the first failed background sync, 0 while none failed (under `lock`).
    private var failure: Int32 = 0

    /// `fd` (the file at `path`, which messages and `SyncFault` name) holds `length` bytes already
    /// (a resumed part): syncs start once `every` bytes more were written. `start` makes a thread,
    /// `sync` syncs a file's data (tests give their own).
    init(fd: Int32, path: String, length: Int = 0, every: Int = BackgroundSync.defaultEvery,
         start: @escaping (String, @escaping @Sendable () -> Void) -> JoinableThread? = JoinableThread.start,
         sync: @escaping @Sendable (Int32, String) -> Int32 = CheckedIO.dataSyncStatus) {
        self.fd = fd
        self.path = path
        self.every = every
        self.start = start
        self.sync = sync
        asked = length
    }

    deinit { thread?.join() }

    /// The file now holds `length` bytes, all handed to the kernel: starts a background sync when
    /// `every` bytes were written since the last one asked for, none runs and none failed.
    func wrote(upTo length: Int) {
        guard length - asked >= every else { return }
        lock.lock()
        let idle = !running && failure == 0
        if idle { running = true }
        lock.unlock()
        guard idle else { return }
        // The last sync's thread has ended (it was not running): join it before making another.
        thread?.join()
        asked = length
        let (fd, path, sync) = (self.fd, self.path, self.sync)
        thread = start("textmill-datasync") { [self] in
            let code = sync(fd, path)
            lock.lock()
            if code != 0 && failure == 0 { failure = code }
            running = false
            lock.unlock()
        }
        if thread == nil {
            lock.lock()
            running = false
            lock.unlock()
        }
    }

    /// Waits for a background sync under way; returns the `errno` of the first that failed, or 0.
    func finish() -> Int32 {
        thread?.join()
        thread = nil
        lock.lock()
        defer { lock.unlock() }
        return failure
    }
}
