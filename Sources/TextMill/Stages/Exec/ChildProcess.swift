import Foundation
internal import CShims

/// A long-lived child process spoken to one line at a time over pipes, with deadlines.
///
/// The plugin leads its own process group, and stopping it ends the whole group: programs it
/// started (a shell's `sleep 300 &`, a worker pool) do not outlive it. Its answers are held up to
/// `answerLimit` bytes, and its stderr goes through a `PluginLog` that caps it.
final class ChildProcess {
    enum Failure: Error, CustomStringConvertible {
        case exited(String)
        case timedOut(Double)
        case io(String)
        /// It closed its stdout but still runs: no answer can come.
        case closedOutput
        /// The answer was longer than the limit; `complete` when its end came (the plugin is still
        /// in step), else it was still writing it when the time ran out.
        case answerTooLarge(bytes: Int, limit: Int, complete: Bool)

        /// True when the cause may be an earlier document: a plugin may exit, or close its
        /// output, after answering, and is found so only when the next document is sent.
        var mayPredateTheDocument: Bool {
            switch self {
            case .exited, .closedOutput: return true
            case .timedOut, .io, .answerTooLarge: return false
            }
        }

        var description: String {
            switch self {
            case .exited(let why): return why
            case .timedOut(let s): return "the plugin did not answer within \(JSONValue.format(s)) s (raise exec's timeout if it needs longer)"
            case .io(let why): return why
            case .closedOutput:
                return "the plugin closed its standard output but kept running, so it cannot answer; it was stopped (a plugin must answer each record with one line on stdout)"
            case .answerTooLarge(let bytes, let limit, let complete):
                let size = complete ? "\(ChildProcess.megabytes(bytes)) MB" : "more than \(ChildProcess.megabytes(bytes)) MB"
                return "the plugin's answer is \(size), above the \(ChildProcess.megabytes(limit)) MB limit; raise exec's max_answer_mb to accept it"
            }
        }
    }

    let pid: pid_t
    private let stdinFD: Int32
    private let stdoutFD: Int32
    /// Bytes read from the plugin that are not yet part of an answer.
    private var lines: AnswerLines
    /// Reads the plugin's stderr into its log (nil when stderr is inherited).
    private let stderrDrain: StderrDrain?
    private var closed = false
    private var reaped = false
    private var drained = false

    /// How long a plugin whose stdout reached end-of-file has to show that it exited.
    static let exitNoticeSeconds = 0.5
    /// How long `exchange` waits on the pipes before it looks whether the plugin is still alive.
    static let exitCheckMilliseconds: Int32 = 200
    /// How long the process group has after SIGTERM before SIGKILL.
    static let termGraceSeconds = 0.2

    /// The most bytes of one answer ever held at once (at most `answerLimit` plus one read).
    var peakAnswerBuffer: Int { lines.peakBuffered }

    /// Starts `command` with stdin and stdout as pipes, in a process group of its own. Its stderr
    /// goes to `log`, or is inherited when `log` is nil.
    init(command: [String], environment: [String: String], log: PluginLog?, answerLimit: Int = Int.max) throws {
        // Close-on-exec from the start: a plugin started by another thread at the same moment
        // must not inherit these ends, or this plugin's exit would never show as end-of-file
        // (and closing its stdin would not end it). dup2 clears the flag on the child's 0, 1, 2.
        var toChild: [Int32] = [-1, -1], fromChild: [Int32] = [-1, -1], errors: [Int32] = [-1, -1]
        func closeAll() { for fd in toChild + fromChild + errors where fd >= 0 { close(fd) } }
        guard tm_pipe_cloexec(&toChild) == 0, tm_pipe_cloexec(&fromChild) == 0, log == nil || tm_pipe_cloexec(&errors) == 0 else {
            let code = errno
            closeAll()
            if let limit = ProcessLimitError(action: "create pipes for the plugin", code: code) { throw limit }
            throw Failure.io("cannot create pipes for the plugin: \(String(cString: strerror(code)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // The pipes become the plugin's 0, 1 (and 2), and every other descriptor is closed: it
        // starts with stdin, stdout and stderr only, whatever TextMill's parent left open without
        // close-on-exec (a test runner's socket, a shell's `3>file`), which it could otherwise
        // hold open or write to.
        var failed = posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        if failed == 0 { failed = posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1) }
        if failed == 0, log != nil { failed = posix_spawn_file_actions_adddup2(&actions, errors[1], 2) }
        if failed == 0 { failed = tm_spawn_close_from(&actions, 3) }
        guard failed == 0 else {
            closeAll()
            throw Failure.io("cannot set up the plugin's standard input and output: \(String(cString: strerror(failed)))")
        }

        // Its own process group (pgid = its pid), so that stopping it can end everything it started.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The plugin starts with no signal blocked: the spawning thread blocks the fatal ones
        // below, and a thread's mask is otherwise what the child inherits.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        guard posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK)) == 0,
              posix_spawnattr_setpgroup(&attributes, 0) == 0,
              posix_spawnattr_setsigmask(&attributes, &noSignals) == 0 else {
            closeAll()
            throw Failure.io("cannot set up a process group for the plugin")
        }

        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let argv = command.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        // From the spawn to the registration below, a fatal signal to TextMill must not find the
        // plugin unregistered (it would outlive TextMill): see tm_plugin_spawn_begin.
        var savedMask = sigset_t()
        tm_plugin_spawn_begin(&savedMask)
        let status = posix_spawnp(&pid, command[0], &actions, &attributes, argv, envp)
        if status == 0 && ChildProcess.registrationPause > 0 { usleep(ChildProcess.registrationPause) }
        if status == 0 {
            // Ctrl-C reaches the terminal's foreground group only, no longer the plugin's: a fatal
            // signal to TextMill ends the registered groups (a full table only loses that cover).
            _ = tm_plugin_group_add(pid)
        }
        tm_plugin_spawn_end(&savedMask)
        close(toChild[0])
        close(fromChild[1])
        if errors[1] >= 0 { close(errors[1]) }
        guard status == 0 else {
            close(toChild[1]); close(fromChild[0])
            if errors[0] >= 0 { close(errors[0]) }
            // No process or memory to spare (a fork refused for ulimit -u): the run's limit.
            if let limit = ProcessLimitError(action: "start \(MessageText.quoted(command[0]))", code: status) { throw limit }
            throw Failure.io("cannot start \(command[0]): \(String(cString: strerror(status)))")
        }
        self.pid = pid
        stdinFD = toChild[1]
        stdoutFD = fromChild[0]
        lines = AnswerLines(limit: answerLimit)
        stderrDrain = log.map { StderrDrain(fd: errors[0], log: $0) }
        _ = fcntl(stdinFD, F_SETFL, fcntl(stdinFD, F_GETFL) | O_NONBLOCK)
        _ = fcntl(stdoutFD, F_SETFL, fcntl(stdoutFD, F_GETFL) | O_NONBLOCK)
    }

    deinit { stop(grace: 0) }

    /// Sends one line (which must end in "\n") and waits for one line back, both before `timeout`.
    ///
    /// Writing and reading go on together: a plugin that streams its answer while it still reads
    /// (`cat`, or any program answering a record larger than the pipe buffer before it has read
    /// all of it) would otherwise block on a full stdout pipe while we block on a full stdin pipe.
    ///
    /// The timeout is the plugin's time: it runs on the monotonic clock (a step of the wall clock
    /// neither ends nor stretches it), and time TextMill itself stood still (Ctrl-Z or SIGSTOP,
    /// then `fg`; a machine asleep) is added to it. A run stopped for longer than `timeout` failed
    /// every document in flight as "did not answer within 30 s", answered or not, and the next
    /// run kept those failures.
    func exchange(_ line: [UInt8], timeout: Double) throws -> [UInt8] {
        var deadline = WaitClock(timeout: timeout)
        var sent = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            // The answer counts once the whole record is sent (the rest would open the next one).
            if sent == line.count, let answer = lines.takeLine() {
                switch answer {
                case .answer(let bytes): return bytes
                case .tooLarge(let bytes): throw Failure.answerTooLarge(bytes: bytes, limit: lines.limit, complete: true)
                }
            }
            var moved = false
            if sent < line.count {
                let n = line.withUnsafeBytes { write(stdinFD, $0.baseAddress! + sent, line.count - sent) }
                if n > 0 {
                    sent += n
                    moved = true
                } else if n < 0 && errno != EAGAIN && errno != EINTR {
                    throw Failure.exited(exitDescription(reading: "it stopped reading its input"))
                }
            }
            // A whole line waiting means the answer is in: read no further until the record is sent.
            if !lines.hasLine {
                let n = chunk.withUnsafeMutableBytes { read(stdoutFD, $0.baseAddress, $0.count) }
                if n > 0 {
                    lines.append(chunk[0..<n])
                    moved = true
                } else if n == 0 {
                    throw outputClosed()
                } else if errno != EAGAIN && errno != EINTR {
                    throw Failure.io("reading the plugin's output failed: \(String(cString: strerror(errno)))")
                }
            }
            // Its stderr, when no thread of its own drains it: a plugin blocked writing there
            // would answer nothing.
            stderrDrain?.pump()
            deadline.noteStandstill()
            if deadline.isPast { throw timedOut(timeout) }
            if moved { continue }
            var fds: [pollfd] = []
            if !lines.hasLine { fds.append(pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)) }
            if sent < line.count { fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
            if let errors = stderrDrain?.pollDescriptor { fds.append(pollfd(fd: errors, events: Int16(POLLIN), revents: 0)) }
            if poll(&fds, nfds_t(fds.count), min(deadline.remainingMilliseconds, ChildProcess.exitCheckMilliseconds)) == 0 {
                deadline.noteStandstill()
                if deadline.isPast { throw timedOut(timeout) }
                // Nothing moved: a plugin that exited while a program it started (`sleep 60 &`)
                // holds its output open sends no end-of-file, and was waited for until the
                // timeout, each document after it failing as if the plugin were slow.
                if exitedWithoutAnswering() {
                    throw Failure.exited(exitDescription(reading: "it exited, and a program it started holds its output open"))
                }
            }
        }
    }

    /// Whether the plugin has exited with nothing left for us to read. Its exit is looked at
    /// first, then its output: what it wrote before it exited is in the pipe by then. Looking at
    /// the exit alone lost an answer written and followed by the exit in the moment between a
    /// wait that found nothing and the look (a plugin that answers and exits, one document a
    /// copy, on a busy machine): the document failed as "exited with status 0", or went again
    /// to a new copy.
    func exitedWithoutAnswering() -> Bool {
        guard tm_child_has_exited(pid) == 1 else { return false }
        var fd = pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)
        return poll(&fd, 1, 0) == 0
    }

    /// Out of time: an answer over the limit still coming says so, anything else is a timeout.
    private func timedOut(_ timeout: Double) -> Failure {
        let dropping = lines.droppingBytes
        return dropping > 0 ? .answerTooLarge(bytes: dropping, limit: lines.limit, complete: false) : .timedOut(timeout)
    }

    /// Its stdout reached end-of-file: it exited (say how), or it closed stdout and runs on.
    private func outputClosed() -> Failure {
        let waited = Stopwatch()
        while tm_child_has_exited(pid) == 0 && !waited.hasPassed(ChildProcess.exitNoticeSeconds) { stderrDrain?.pump(); usleep(1000) }
        if tm_child_has_exited(pid) == 1 { return .exited(exitDescription(reading: "it closed its output")) }
        return .closedOutput
    }

    /// A deadline on the monotonic clock that moves on by the time its process stood still.
    struct WaitClock {
        private var deadline: Int64
        private var lastLook: Int64
        /// A gap between two looks longer than the longest wait (`exitCheckMilliseconds`) by
        /// more than this is time the process was stopped, not time the plugin took.
        static let standstillMilliseconds: Int64 = 1000

        init(timeout: Double) {
            let now = WaitClock.now()
            lastLook = now
            deadline = now + Int64(min(timeout, Double(Int64.max / 4_000_000)) * 1000)
        }

        static func now() -> Int64 {
            var ts = timespec()
            clock_gettime(CLOCK_MONOTONIC, &ts)
            return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
        }

        /// Called after each wait: a gap far longer than any wait moves the deadline on by it.
        mutating func noteStandstill() {
            let now = WaitClock.now()
            let gap = now - lastLook
            if gap > Int64(ChildProcess.exitCheckMilliseconds) + WaitClock.standstillMilliseconds {
                deadline += gap - Int64(ChildProcess.exitCheckMilliseconds)
            }
            lastLook = now
        }

        var isPast: Bool { WaitClock.now() >= deadline }
        var remainingMilliseconds: Int32 { Int32(clamping: max(0, deadline - WaitClock.now())) }
    }

    static func megabytes(_ bytes: Int) -> String { MessageText.megabytes(bytes) }

    /// "the plugin crashed (signal 11)" / "exited with status 3" after it stopped talking.
    private func exitDescription(reading what: String) -> String {
        var status: Int32 = 0
        // It closed its output, so it is on its way out: give it up to two seconds to be reaped.
        let waited = Stopwatch()
        while !waited.hasPassed(2) {
            if tm_child_has_exited(pid) == 1 {
                // The process group's other members, if any, go with it.
                endGroup()
                tm_plugin_group_remove(pid)
                guard waitpid(pid, &status, 0) == pid else { break }
                reaped = true
                let signal = status & 0x7F
                if signal != 0 { return "the plugin crashed (signal \(signal)) while handling this document" }
                return "the plugin exited with status \((status >> 8) & 0xFF) while handling this document"
            }
            // A plugin on its way out may still be writing its stderr (a long traceback): without
            // a thread of its own to drain it, it is copied here, or the plugin blocks on it.
            stderrDrain?.pump()
            usleep(2000)
        }
        return "the plugin stopped answering: \(what)"
    }

    /// Closes its input, waits up to `grace` seconds for it to exit, then ends its whole process
    /// group (SIGTERM, then SIGKILL) and reaps it.
    func stop(grace: Double) {
        if !closed {
            closed = true
            close(stdinFD)
            close(stdoutFD)
        }
        if !reaped {
            reaped = true
            let waited = Stopwatch()
            // Its stderr is copied meanwhile when no thread drains it: a plugin blocked writing
            // there would never exit within the grace.
            while tm_child_has_exited(pid) == 0 && !waited.hasPassed(grace) { stderrDrain?.pump(); usleep(5000) }
            // Not reaped yet, so the group's id is still this plugin's own.
            endGroup()
            tm_plugin_group_remove(pid)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        if !drained {
            drained = true
            stderrDrain?.finish(within: 1)
        }
    }

    /// A pause between starting a plugin and registering its group, in microseconds, for tests
    /// only: `TEXTMILL_PLUGIN_REGISTRATION_PAUSE_MS` (unset: none) widens the window in which a
    /// fatal signal once left the new plugin running.
    static let registrationPause: useconds_t = {
        guard let text = ProcessInfo.processInfo.environment["TEXTMILL_PLUGIN_REGISTRATION_PAUSE_MS"],
              let ms = UInt32(text), ms <= 60_000 else { return 0 }
        return ms * 1000
    }()

    /// SIGTERM to every process of the group, a moment to act on it, then SIGKILL to any left.
    /// Call only while the plugin is not reaped (its pid names the group).
    private func endGroup() {
        guard kill(-pid, SIGTERM) == 0 else { return }  // ESRCH: the group is empty
        let waited = Stopwatch()
        while tm_child_has_exited(pid) == 0 && !waited.hasPassed(ChildProcess.termGraceSeconds) { usleep(2000) }
        _ = kill(-pid, SIGKILL)
    }
}

/// Copies a plugin's stderr into its log until end-of-file, on a thread of its own
/// (`exec-stderr`). When the system makes no thread (a `pids.max` or `RLIMIT_NPROC` limit:
/// Foundation's `Thread` failed unseen, nothing read the stderr, and a plugin that wrote more
/// than a pipe holds blocked, each document failing as "did not answer within N s"), the thread
/// that talks to the plugin copies it instead: `ChildProcess.exchange` waits on it too
/// (`pollDescriptor`, `pump`), and `finish` reads the rest.
final class StderrDrain: @unchecked Sendable {
    private let fd: Int32
    private let log: PluginLog
    private let done = DispatchSemaphore(value: 0)
    private var thread: JoinableThread?
    /// Drained by the caller (no thread could be made) and not yet at end-of-file.
    private var drainedHere: Bool
    private var buffer: [UInt8] = []

    private enum Step { case copied, empty, ended }

    init(fd: Int32, log: PluginLog) {
        self.fd = fd
        self.log = log
        let done = self.done
        thread = JoinableThread.start("exec-stderr") {
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            // Blocking reads until end-of-file: the plugin and everything it started have exited.
            while StderrDrain.copy(fd, to: log, through: &buffer) != .ended {}
            close(fd)
            done.signal()
        }
        drainedHere = thread == nil
        if drainedHere {
            buffer = [UInt8](repeating: 0, count: 1 << 16)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
    }

    /// One read of `fd` into `log`.
    private static func copy(_ fd: Int32, to log: PluginLog, through buffer: inout [UInt8]) -> Step {
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if n > 0 {
            log.append(buffer[0..<n])
            return .copied
        }
        if n < 0 && (errno == EINTR || errno == EAGAIN) { return .empty }
        return .ended
    }

    /// The descriptor the caller must wait on with its own (nil when a thread drains it, or once
    /// it reached end-of-file).
    var pollDescriptor: Int32? { drainedHere ? fd : nil }

    /// At most this many reads a `pump`: a plugin that writes stderr as fast as it is read must
    /// not keep the caller from its deadline.
    static let readsPerPump = 16

    /// Copies what the plugin has written to stderr so far, up to `readsPerPump` reads, without
    /// waiting (nothing when a thread drains it).
    func pump() {
        guard drainedHere else { return }
        for _ in 0..<StderrDrain.readsPerPump {
            switch StderrDrain.copy(fd, to: log, through: &buffer) {
            case .copied: continue
            case .empty: return
            case .ended:
                drainedHere = false
                close(fd)
                done.signal()
                return
            }
        }
    }

    /// Waits up to `seconds` for the rest of the stderr to be in the log. A process that left the
    /// plugin's group and still holds its stderr keeps it open; the run goes on (a thread reading
    /// it is left to read on, a descriptor read here is closed).
    func finish(within seconds: Double) {
        if let thread {
            if done.wait(timeout: .now() + seconds) == .success { thread.join() } else { thread.detach() }
            self.thread = nil
            return
        }
        let waited = Stopwatch()
        pump()
        while drainedHere && !waited.hasPassed(seconds) {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&p, 1, 50)
            pump()
        }
        if drainedHere {
            drainedHere = false
            close(fd)
        }
    }
}
