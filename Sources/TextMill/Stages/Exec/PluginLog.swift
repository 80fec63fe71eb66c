import Foundation

/// The log file of one `exec` stage: the stderr of all its plugin copies, at most `limit` bytes a
/// run.
///
/// Each run that starts the plugin keeps the previous run's log as `NAME.1` and starts the log
/// afresh at the plugin's first byte of stderr (a run whose plugin says nothing leaves none), so
/// the plugin's stderr takes at most twice the limit on disk whatever it writes. Bytes past the
/// limit are counted and dropped, and a last line says how many.
final class PluginLog: @unchecked Sendable {
    let path: String
    let limit: Int
    private let lock = NSLock()
    private var fd: Int32 = -1
    private var state = State.unopened
    /// Whether this run moved the previous log to `NAME.1` (or tried to: `rotationFailed`).
    private var rotated = false
    private var rotationFailed = false
    private var written = 0
    private var dropped = 0
    /// Whether the last byte kept is a newline (the note then starts a line of its own).
    private var atLineStart = true
    /// The first failure to open or write the log; stderr after it is dropped (counted).
    private var failure: WriteError?

    private enum State { case unopened, open, closed }

    init(path: String, limit: Int) {
        self.path = path
        self.limit = limit
    }

    /// Bytes of stderr dropped so far (over the limit, or the log could not be written).
    var droppedBytes: Int {
        lock.lock()
        defer { lock.unlock() }
        return dropped
    }

    /// Why the log could not be opened or written (the first failure), or nil. The run goes on
    /// (the plugin's stderr must never stop it); the runner reports it at the end (exit 3).
    var problem: WriteError? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }

    /// Moves the previous run's log to `NAME.1` when a copy of the plugin starts, whether or not
    /// it ever writes to stderr: a run whose plugin said nothing left the previous run's stderr
    /// in place, where it read as this run's.
    func begin() {
        lock.lock()
        defer { lock.unlock() }
        if state == .unopened && !rotated { rotate() }
    }

    /// Appends bytes of a plugin's stderr, as far as the limit allows.
    func append(_ bytes: ArraySlice<UInt8>) {
        lock.lock()
        defer { lock.unlock() }
        if state == .unopened { open() }
        let keep = state == .open ? min(bytes.count, max(0, limit - written)) : 0
        let done = keep > 0 ? writeAll(bytes.prefix(keep)) : 0
        written += done
        if done > 0 { atLineStart = bytes[bytes.startIndex + done - 1] == 0x0A }
        dropped += bytes.count - done
    }

    /// Adds a line of TextMill's own (`[textmill] TEXT`) to a log this run already started; a
    /// log not started yet gets none. Counts toward the limit as the plugin's bytes do.
    func note(_ text: String) {
        lock.lock()
        let started = state == .open
        let lineStart = atLineStart
        lock.unlock()
        if started { append(ArraySlice(Array(((lineStart ? "" : "\n") + "[textmill] " + text + "\n").utf8))) }
    }

    /// Adds the note of dropped bytes, if any, and closes the file. Later bytes are dropped.
    func close() {
        lock.lock()
        defer { lock.unlock() }
        guard state == .open else { state = .closed; return }
        if dropped > 0 {
            let note = (atLineStart ? "" : "\n") + "[textmill] \(dropped) bytes of the plugin's stderr were dropped after the first \(written) "
                + "(exec's log_max_mb); the counter 'plugin_log_bytes_dropped' in NAME.stats.json has the total\n"
            _ = writeAll(ArraySlice(Array(note.utf8)))
        }
        if Foundation.close(fd) != 0 && errno != EINTR { failure = failure ?? WriteError(path: path, action: "close", code: errno) }
        state = .closed
    }

    /// Moves last run's log to `NAME.1`, once a run.
    private func rotate() {
        rotated = true
        // The default log lives in the output's state folder, which a first run may not have made yet.
        let folder = PathText.folder(of: path)
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        if FileManager.default.fileExists(atPath: path) && rename(path, path + ".1") != 0 { rotationFailed = true }
    }

    /// Opens this run's log (after `rotate`). A log that cannot be opened drops everything
    /// (counted), as the plugin's stderr must never stop the run.
    private func open() {
        if !rotated { rotate() }
        // Keep appending to the old log rather than lose it.
        let mode = rotationFailed ? O_APPEND : O_TRUNC
        fd = Foundation.open(path, O_WRONLY | O_CREAT | mode | O_CLOEXEC, 0o644)
        // The new log takes the place of the one rotated away: it keeps that log's mode.
        if fd >= 0 && !rotationFailed { ReplacedFileMode.carry(from: path + ".1", to: fd) }
        opened()
    }

    /// The state after an `open` call that set `fd`, noting why it failed.
    private func opened() {
        if fd < 0 { failure = failure ?? WriteError(path: path, action: "open for writing", code: errno) }
        state = fd >= 0 ? .open : .closed
    }

    /// Writes `bytes`, returning how many were written before an error.
    private func writeAll(_ bytes: ArraySlice<UInt8>) -> Int {
        var done = 0
        bytes.withUnsafeBytes { raw in
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n > 0 {
                    done += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    failure = failure ?? WriteError(path: path, action: "write", code: n < 0 ? errno : EIO)
                    return
                }
            }
        }
        return done
    }
}
