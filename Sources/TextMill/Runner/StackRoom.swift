import Foundation

/// Room on the stack for a command's work, whatever `ulimit -s` says. The nesting of an input
/// turns into stack depth where it is parsed and written recursively: a JSONL record's `meta`
/// (up to the parser's 512 levels, `WritableJSON.maxDepth`), a config's YAML (up to libyaml's
/// 1,000). A run's threads have `JoinableThread.stackBytes` each, but the main thread has what
/// RLIMIT_STACK allows: under `ulimit -s 256`, `textmill run --jobs 1` (and a `--jobs 2` run whose
/// threads the system would not make) ended in SIGSEGV on a record whose `meta` nested 500 deep,
/// where a bad document is data. With less than that limit, the command runs on a thread of its own.
public enum StackRoom {
    /// The stack a command's work has: that of a run's threads.
    public static let bytes = JoinableThread.stackBytes

    /// The main thread's stack limit in bytes (RLIMIT_STACK's soft limit); nil when unlimited.
    /// A limit the system will not tell counts as none: the main thread's stack is then used as
    /// before.
    public static func mainThreadLimit() -> Int? {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_STACK.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max else { return nil }
        return limit.rlim_cur > rlim_t(Int.max) ? nil : Int(limit.rlim_cur)
    }

    /// Runs `body` with at least `bytes` of stack and gives its result: on this thread when its
    /// limit (`mainLimit`) allows that much, else on a thread named `textmill-main` while this one
    /// waits. Nil when that thread cannot be made (a `pids.max` or `ulimit -u` limit, or
    /// `TEXTMILL_FAIL_THREAD=textmill-main`): `body` has not run, and the caller stops
    /// (`noThreadMessage`, exit 3).
    public static func run<Value: Sendable>(mainLimit: Int? = mainThreadLimit(), _ body: @escaping @Sendable () -> Value) -> Value? {
        guard let mainLimit, mainLimit < bytes else { return body() }
        let outcome = Outcome<Value>()
        guard let thread = JoinableThread.start("textmill-main", { outcome.value = body() }) else { return nil }
        thread.join()
        return outcome.value
    }

    /// Why a command did not run when `run` gave nil, and what to do; nothing was read or written.
    public static func noThreadMessage(mainLimit: Int? = mainThreadLimit()) -> String {
        let limit = mainLimit.map { "\($0 / 1024) KB" } ?? "small"
        return "cannot start: the stack this process may use is \(limit) (ulimit -s), too little for a deeply nested document, "
            + "and the system made no thread with the \(bytes >> 20) MB of stack a run's threads have (a limit on processes: ulimit -u, or the cgroup's pids.max). "
            + "Nothing was read or written; allow more processes, or a larger stack (ulimit -s \(bytes / 1024)), and run again."
    }

    /// The result of the work done on the other thread, read once it is joined.
    private final class Outcome<Value: Sendable>: @unchecked Sendable {
        var value: Value?
    }
}
