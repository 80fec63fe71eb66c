import Foundation

/// Named places in the writer's state machine where a test can make the process die with
/// SIGKILL, to prove that a `kill -9` at that moment leaves valid outputs and a run that resumes
/// to exactly the records of an uninterrupted one.
///
/// Armed only by the environment variable `TEXTMILL_KILL_AT=NAME` or `NAME:N` (die the N-th time
/// NAME is reached); without it every call is one comparison. The names are listed in `all`.
enum KillPoint {
    /// Every kill point, in the order a run reaches them.
    static let all = [
        "parts-flushed",            // part bytes written, before any checkpoint covers them
        "checkpoint-torn",          // half of a journal checkpoint line written
        "checkpoint-written",       // a journal checkpoint line written and synced
        "commit-next-written",      // the next outputs built, no pending manifest yet
        "commit-pending-written",   // the pending manifest durable, nothing renamed yet
        "rollforward-first-rename", // the first output renamed into place
        "rollforward-before-manifest", // every output in place, manifest not yet replaced
        "rollforward-after-manifest",  // manifest replaced
    ] + appendOnly

    /// The points only a commit that appends in place reaches (an incremental run that only
    /// added files): its plan durable, no pending manifest yet; the records output appended, the
    /// other two not yet.
    static let appendOnly = ["append-planned", "append-first-output"]

    /// The point a run with a persistent dedup index reaches at each checkpoint and at its end:
    /// the new index generation written and the older ones removed, the journal line not yet.
    static let dedup = ["index-saved"]

    /// The points an appending commit reaches, in order.
    static let appending = ["parts-flushed", "checkpoint-written", "append-planned", "commit-pending-written",
                            "append-first-output", "rollforward-before-manifest", "rollforward-after-manifest"]

    private static let trigger = NthCallTrigger(variable: "TEXTMILL_KILL_AT")

    /// True when this call of `name` is the one that must die (the caller may do a partial
    /// write first, then call `die()`).
    static func due(_ name: String) -> Bool { trigger.due(name) }

    /// Dies here if armed for this place.
    static func reach(_ name: String) {
        if due(name) { die() }
    }

    static func die() -> Never {
        kill(getpid(), SIGKILL)
        while true { pause() }
    }
}

/// A test hook armed by an environment variable `NAME` or `NAME:N`, or several of them separated
/// by commas (`part.output,records.bin:2`, `textmill-sync:1,textmill-sync:3`): the N-th call that
/// names NAME is due (kill points, injected write, sync and thread failures), each name counted
/// on its own. Unarmed, a call costs one comparison.
struct NthCallTrigger: Sendable {
    private let armed: [String: (calls: Set<Int>, counter: Counter)]

    init(variable: String) {
        var armed: [String: (calls: Set<Int>, counter: Counter)] = [:]
        for item in (ProcessInfo.processInfo.environment[variable] ?? "").split(separator: ",") {
            // An item with no name (":", ":3") arms nothing: it crashed the run (an index out of range).
            let parts = item.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard let first = parts.first, !first.isEmpty else { continue }
            let name = String(first)
            let n = parts.count > 1 ? max(1, Int(parts[1]) ?? 1) : 1
            armed[name, default: ([], Counter())].calls.insert(n)
        }
        self.armed = armed
    }

    /// True when the variable was set.
    var isArmed: Bool { !armed.isEmpty }

    /// True when this call naming `name` is an armed one.
    func due(_ name: String) -> Bool {
        guard let entry = armed[name] else { return false }
        return entry.calls.contains(entry.counter.next())
    }

    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func next() -> Int {
            lock.lock()
            defer { lock.unlock() }
            n += 1
            return n
        }
    }
}
