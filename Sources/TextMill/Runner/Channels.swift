import Foundation
internal import CShims

/// A first-in first-out queue between threads. `take` waits for an item and returns nil once the
/// queue is closed and empty.
final class Channel<T>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [T] = []
    private var head = 0
    private var closed = false

    func put(_ item: T) {
        condition.lock()
        items.append(item)
        condition.signal()
        condition.unlock()
    }

    func take() -> T? {
        condition.lock()
        defer { condition.unlock() }
        while head == items.count && !closed { condition.wait() }
        if head == items.count { return nil }
        let item = items[head]
        head += 1
        if head > 1024 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        return item
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Puts items that finish out of order back in order: `put(seq, item)` from any thread, `take()`
/// returns items strictly by sequence number (0, 1, 2, …) and nil once closed and drained.
final class ReorderBuffer<T>: @unchecked Sendable {
    private let condition = NSCondition()
    private var waiting: [Int: T] = [:]
    private var next = 0
    private var closed = false

    func put(_ seq: Int, _ item: T) {
        condition.lock()
        waiting[seq] = item
        if seq == next { condition.broadcast() }
        condition.unlock()
    }

    func take() -> T? { takeNumbered()?.1 }

    /// Takes the next item in order together with its sequence number.
    func takeNumbered() -> (Int, T)? {
        condition.lock()
        defer { condition.unlock() }
        while waiting[next] == nil {
            if closed { return nil }
            condition.wait()
        }
        let item = waiting.removeValue(forKey: next)!
        next += 1
        return (next - 1, item)
    }

    /// No more items will be put; `take` drains what is in order and then returns nil.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Limits how much work is in flight: `acquire(cost)` waits until the total is under the limit.
/// The first item always passes, so one document larger than the limit cannot stall the run.
final class Budget: @unchecked Sendable {
    private let condition = NSCondition()
    private let limit: Int
    private var used = 0
    private var count = 0
    private let maxCount: Int

    init(bytes: Int, items: Int) {
        limit = bytes
        maxCount = items
    }

    func acquire(_ cost: Int) {
        condition.lock()
        while count > 0 && (used + cost > limit || count >= maxCount) { condition.wait() }
        used += cost
        count += 1
        condition.unlock()
    }

    func release(_ cost: Int) {
        condition.lock()
        used -= cost
        count -= 1
        condition.broadcast()
        condition.unlock()
    }
}

/// A thread made with `pthread_create`, whose failure is reported (Foundation's `Thread.start`
/// cannot say that no thread was made, and a caller waiting for it would wait for ever), and
/// joined with `pthread_join`.
final class JoinableThread: @unchecked Sendable {
    /// The stack of every thread made here: 8 MB, room for the deepest nesting an input may
    /// have where it turns into recursion (`StackRoom`).
    static let stackBytes = 8 << 20

    private var thread: pthread_t
    private var joined = false

    private init(_ thread: pthread_t) { self.thread = thread }

    /// Starts `body` on a new thread (`name` says which, to `ThreadFault`); nil when the system makes none (EAGAIN:
    /// a `pids.max` or `RLIMIT_NPROC` limit), or when `ThreadFault` refuses it in a test.
    static func start(_ name: String, _ body: @escaping @Sendable () -> Void) -> JoinableThread? {
        if ThreadFault.due(name) { return nil }
        let box = Unmanaged.passRetained(ThreadBody(body: body, systemName: systemName(name)))
        var thread = pthread_t()
        // `stackBytes` of stack (a record's `meta` is parsed and written recursively), whatever
        // `ulimit -s` says.
        var attributes = pthread_attr_t()
        guard pthread_attr_init(&attributes) == 0 else {
            box.release()
            return nil
        }
        defer { pthread_attr_destroy(&attributes) }
        guard pthread_attr_setstacksize(&attributes, stackBytes) == 0 else {
            box.release()
            return nil
        }
        let status = pthread_create(&thread, &attributes, { context in
            let work = Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue()
            // Seen by `top -H`, `perf report -s comm` and /proc/PID/task/TID/comm, so that a
            // profile or `bench/runner/thread_times.py` tells the reader from a worker; a name
            // the system refuses leaves the process's own, as before.
            _ = tm_name_this_thread(work.systemName)
            work.body()
            return nil
        }, box.toOpaque())
        guard status == 0 else {
            box.release()
            return nil
        }
        return JoinableThread(thread)
    }

    /// Waits for the thread to end (once; later calls return at once).
    func join() {
        guard !joined else { return }
        joined = true
        pthread_join(thread, nil)
    }

    /// Lets the thread end on its own, never to be joined (once; a joined thread is left as it is).
    func detach() {
        guard !joined else { return }
        joined = true
        pthread_detach(thread)
    }

    /// The name the system shows for a thread named `name`: without the `textmill-` every
    /// runner thread's name starts with (the process's name says it), cut to the 15 bytes Linux
    /// keeps, so that `textmill-step-1-0` is `step-1-0` and the workers of a step stay apart.
    static func systemName(_ name: String) -> String {
        let short = name.hasPrefix("textmill-") ? name.dropFirst("textmill-".count) : Substring(name)
        // Whole characters only: never half of one's bytes.
        var out = ""
        for c in short.unicodeScalars {
            if out.utf8.count + String(c).utf8.count > 15 { break }
            out.unicodeScalars.append(c)
        }
        return out
    }

    private final class ThreadBody: @unchecked Sendable {
        let body: @Sendable () -> Void
        let systemName: String
        init(body: @escaping @Sendable () -> Void, systemName: String) {
            self.body = body
            self.systemName = systemName
        }
    }
}

/// Threads that start together or not at all: each is made parked, and released once every
/// one of them is made. When one cannot be made (`JoinableThread.start` gives nil), the ones made
/// return without running their work and are joined, and `start()` says so: the caller does the
/// work another way (the run on one thread) instead of waiting for a thread that never came.
final class ThreadGroup: @unchecked Sendable {
    private let condition = NSCondition()
    /// nil: not decided yet; true: run; false: return at once.
    private var go: Bool?
    private var threads: [JoinableThread] = []
    private var complete = true

    /// Makes a parked thread for `body` (nothing once a thread could not be made).
    func add(_ name: String, _ body: @escaping @Sendable () -> Void) {
        guard complete else { return }
        let thread = JoinableThread.start(name) { [self] in
            if released() { body() }
        }
        if let thread { threads.append(thread) } else { complete = false }
    }

    private func released() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while go == nil { condition.wait() }
        return go!
    }

    /// Releases the threads: true when every one was made (they run their work now); false
    /// when one could not be made (the others are ended and joined, no work was done).
    func start() -> Bool {
        condition.lock()
        go = complete
        condition.broadcast()
        condition.unlock()
        if !complete { join() }
        return complete
    }

    /// Waits for every thread to end.
    func join() {
        for t in threads { t.join() }
        threads = []
    }
}

/// A test hook that makes the making of a thread fail as under a `pids.max` limit, so that the
/// fallback can be tested. Armed only by the environment variable `TEXTMILL_FAIL_THREAD=NAME` or
/// `NAME:N` (several separated by commas): the N-th `JoinableThread.start` named NAME
/// (`textmill-main`, `textmill-sync`, `textmill-reader`, `textmill-step-K-W`, `textmill-progress`, `dedup-verify-read`,
/// `exec-stderr`) makes no thread. Without it every call is one comparison.
enum ThreadFault {
    private static let trigger = NthCallTrigger(variable: "TEXTMILL_FAIL_THREAD")

    /// True when this thread must not be made.
    static func due(_ name: String) -> Bool { trigger.isArmed && trigger.due(name) }
}

/// Checkpoints marked by the reader and journaled by the writer.
final class CheckpointGate: @unchecked Sendable {
    private let condition = NSCondition()
    private var marked = 0
    private var done = 0

    /// Waits until every marked checkpoint has been journaled (the writer gets there: the
    /// marks it waits for are already behind the reader).
    func waitUntilClear() {
        condition.lock()
        while marked != done { condition.wait() }
        condition.unlock()
    }

    func mark() {
        condition.lock()
        marked += 1
        condition.unlock()
    }

    func journaled() {
        condition.lock()
        done += 1
        condition.broadcast()
        condition.unlock()
    }
}

/// A flag one thread sets and others poll.
final class StopFlag: @unchecked Sendable {
    /// Thrown from a reader callback to end the file being read.
    struct Stopped: Error {}
    private let lock = NSLock()
    private var value = false
    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }
}

/// Counts how many threads of a segment are still running.
final class WorkerCount: @unchecked Sendable {
    private let lock = NSLock()
    private var left: Int
    init(_ n: Int) { left = n }
    /// Marks one worker finished; true for the last one.
    func done() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        left -= 1
        return left == 0
    }
}

