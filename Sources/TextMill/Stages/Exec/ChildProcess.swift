import Foundation
internal import CShims

/// A long-lived child process spoken to one line at a time over pipes, with deadlines.
final class ChildProcess {
    enum Failure: Error, CustomStringConvertible {
        case exited(String)
        case timedOut(Double)
        case io(String)

        var description: String {
            switch self {
            case .exited(let why): return why
            case .timedOut(let s): return "the plugin did not answer within \(JSONValue.format(s)) s (raise exec's timeout if it needs longer)"
            case .io(let why): return why
            }
        }
    }

    let pid: pid_t
    private let stdinFD: Int32
    private let stdoutFD: Int32
    /// Bytes read from the plugin that are not yet part of an answer.
    private var pending: [UInt8] = []
    /// How much of `pending` is known to hold no newline (so long answers are scanned once).
    private var searched = 0
    private var closed = false
    private var reaped = false

    /// Starts `command` with stdin and stdout as pipes and stderr appended to `logPath`.
    init(command: [String], environment: [String: String], logPath: String?) throws {
        // Close-on-exec from the start: a plugin started by another thread at the same moment
        // must not inherit these ends, or this plugin's exit would never show as end-of-file
        // (and closing its stdin would not end it). dup2 clears the flag on the child's 0 and 1.
        var toChild: [Int32] = [0, 0], fromChild: [Int32] = [0, 0]
        guard tm_pipe_cloexec(&toChild) == 0 else { throw Failure.io("cannot create pipes: \(String(cString: strerror(errno)))") }
        guard tm_pipe_cloexec(&fromChild) == 0 else {
            close(toChild[0]); close(toChild[1])
            throw Failure.io("cannot create pipes: \(String(cString: strerror(errno)))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        if let logPath {
            posix_spawn_file_actions_addopen(&actions, 2, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        }
        for fd in [toChild[0], toChild[1], fromChild[0], fromChild[1]] { posix_spawn_file_actions_addclose(&actions, fd) }

        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let argv = command.map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, command[0], &actions, nil, argv, envp)
        close(toChild[0])
        close(fromChild[1])
        guard status == 0 else {
            close(toChild[1]); close(fromChild[0])
            throw Failure.io("cannot start \(command[0]): \(String(cString: strerror(status)))")
        }
        self.pid = pid
        stdinFD = toChild[1]
        stdoutFD = fromChild[0]
        _ = fcntl(stdinFD, F_SETFL, fcntl(stdinFD, F_GETFL) | O_NONBLOCK)
        _ = fcntl(stdoutFD, F_SETFL, fcntl(stdoutFD, F_GETFL) | O_NONBLOCK)
    }

    deinit { stop(grace: 0) }

    /// Sends one line (which must end in "\n") and waits for one line back, both before `timeout`.
    ///
    /// Writing and reading go on together: a plugin that streams its answer while it still reads
    /// (`cat`, or any program answering a record larger than the pipe buffer before it has read
    /// all of it) would otherwise block on a full stdout pipe while we block on a full stdin pipe.
    func exchange(_ line: [UInt8], timeout: Double) throws -> [UInt8] {
        let deadline = Date().addingTimeInterval(timeout)
        var sent = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            // The answer counts once the whole record is sent (the rest would open the next one).
            if sent == line.count {
                if let nl = pending[searched...].firstIndex(of: 0x0A) {
                    let answer = Array(pending[..<nl])
                    pending.removeFirst(nl + 1)
                    searched = 0
                    return answer
                }
                searched = pending.count
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
            let n = chunk.withUnsafeMutableBytes { read(stdoutFD, $0.baseAddress, $0.count) }
            if n > 0 {
                pending.append(contentsOf: chunk[0..<n])
                moved = true
            } else if n == 0 {
                throw Failure.exited(exitDescription(reading: "it closed its output"))
            } else if errno != EAGAIN && errno != EINTR {
                throw Failure.io("reading the plugin's output failed: \(String(cString: strerror(errno)))")
            }
            if Date() >= deadline { throw Failure.timedOut(timeout) }
            if moved { continue }
            var fds = [pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0)]
            if sent < line.count { fds.append(pollfd(fd: stdinFD, events: Int16(POLLOUT), revents: 0)) }
            if poll(&fds, nfds_t(fds.count), remaining(deadline)) == 0 { throw Failure.timedOut(timeout) }
        }
    }

    private func remaining(_ deadline: Date) -> Int32 {
        Int32(max(0, min(Double(Int32.max), deadline.timeIntervalSinceNow * 1000)))
    }

    /// "the plugin crashed (signal 11)" / "exited with status 3" after it stopped talking.
    private func exitDescription(reading what: String) -> String {
        var status: Int32 = 0
        // It closed its output, so it is on its way out: give it up to two seconds to be reaped.
        let until = Date().addingTimeInterval(2)
        while Date() < until {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid {
                reaped = true
                let signal = status & 0x7F
                if signal != 0 { return "the plugin crashed (signal \(signal)) while handling this document" }
                return "the plugin exited with status \((status >> 8) & 0xFF) while handling this document"
            }
            usleep(2000)
        }
        return "the plugin stopped answering: \(what)"
    }

    /// Closes its input, waits up to `grace` seconds for it to exit, then kills it.
    func stop(grace: Double) {
        if !closed {
            closed = true
            close(stdinFD)
            close(stdoutFD)
        }
        guard !reaped else { return }
        reaped = true
        var status: Int32 = 0
        let until = Date().addingTimeInterval(grace)
        while Date() < until {
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(5000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
    }
}
