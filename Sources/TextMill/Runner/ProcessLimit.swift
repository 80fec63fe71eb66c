import Foundation

/// A limit of the process or of the system (open files, processes, memory) that a system call
/// ran into while a run read an input or started a plugin: no fault of the document. Taken as
/// the document's failure, it failed every document after it into the errors file under exit 1
/// (`ulimit -n 16` with an exec stage: 60 of 60 documents "cannot create pipes for the plugin:
/// Too many open files"), and the next run, the limit raised, kept those failures, as their
/// files were unchanged. The run stops instead, as on a write error: the previous outputs stay
/// as they were, the command line exits 3, and the next run finishes the work.
public struct ProcessLimitError: Error, Sendable, CustomStringConvertible {
    /// What could not be done: "open 'in/a.txt'", "create pipes for the plugin".
    public var action: String
    /// The `errno` value the system call set (one of `codes`).
    public var code: Int32

    /// The `errno` values that name a limit of the process or the system, not of one file:
    /// open files (the process's, EMFILE; the system's, ENFILE), processes (EAGAIN of a spawn)
    /// and memory (ENOMEM).
    public static let codes: Set<Int32> = [EMFILE, ENFILE, EAGAIN, ENOMEM]

    /// The error for a failed `action` whose `errno` is `code`, or nil when `code` names no such
    /// limit (the failure is then the document's or the file's own).
    public init?(action: String, code: Int32) {
        guard ProcessLimitError.codes.contains(code) else { return nil }
        self.action = action
        self.code = code
    }

    /// "cannot open 'in/a.txt': Too many open files".
    public var description: String { "cannot \(action): \(String(cString: strerror(code)))" }

    /// What to change, by cause, with the limit as it stands where the process knows it.
    public var fix: String {
        switch code {
        case EMFILE:
            var limit = rlimit()
            let now = getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 && limit.rlim_cur != rlim_t.max ? ", now \(limit.rlim_cur)" : ""
            return "allow the process more open files (ulimit -n\(now); a few hundred is plenty)"
        case ENFILE: return "the system's table of open files is full: close files other programs hold open, or raise fs.file-max"
        case EAGAIN: return "allow more processes (ulimit -u, or the cgroup's pids.max)"
        default: return "free memory, or allow the process more (ulimit -v)"
        }
    }

    /// The whole message of a run that stops on this error. A run to stdout keeps no state: what
    /// it wrote there stays, cut short, and the next run starts over.
    public func runMessage(toStandardOutput: Bool) -> String {
        let head = "the run stopped: \(self), a limit of the process or the system, not a fault of the document."
        guard toStandardOutput else {
            return head + " The previous outputs are intact; \(fix) and run again: the next run finishes the work."
        }
        return head + " What reached stdout is cut short (its last line may be part of a record); \(fix) and run again: a run to stdout keeps no state, so it starts over."
    }
}
