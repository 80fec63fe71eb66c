import Foundation

/// Time elapsed since a start, on the monotonic clock (`CLOCK_MONOTONIC`): for intervals (a run's
/// `seconds`, the time between checkpoints, a grace period), never for dates. The wall clock can
/// be stepped (by hand, by NTP) while a run goes on: measured on it, an interval went negative
/// (`seconds`) or stretched by the step (a 10 s checkpoint delayed by an hour set back).
struct Stopwatch: Sendable {
    /// Nanoseconds on a clock that never steps back; `monotonicNanoseconds` unless a test gives another.
    let clock: @Sendable () -> UInt64
    private var started: UInt64

    /// A stopwatch started now on `clock`.
    init(clock: @escaping @Sendable () -> UInt64 = Stopwatch.monotonicNanoseconds) {
        self.clock = clock
        started = clock()
    }

    /// Seconds since the start (or the last `restart`), never negative.
    var seconds: Double {
        let now = clock()
        return now > started ? Double(now - started) / 1e9 : 0
    }

    /// Starts counting again from now.
    mutating func restart() { started = clock() }

    /// Whether `seconds` has passed since the start: for bounded waits
    /// (`while !done && !watch.hasPassed(grace)`).
    func hasPassed(_ seconds: Double) -> Bool { self.seconds >= seconds }

    /// `CLOCK_MONOTONIC` in nanoseconds (it cannot fail on Linux with a valid clock id and
    /// buffer; were it to, the reading is 0 and intervals come out 0, never negative).
    static func monotonicNanoseconds() -> UInt64 {
        var ts = timespec()
        guard clock_gettime(CLOCK_MONOTONIC, &ts) == 0 else { return 0 }
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}

/// When the runner marks a checkpoint: after `bytes` bytes read or `seconds` seconds on the
/// monotonic clock since the last one, whichever comes first (`RunOptions.checkpointBytes`,
/// `checkpointSeconds`).
struct CheckpointSchedule {
    let bytes: Int
    let seconds: Double
    private var sinceBytes = 0
    private var watch: Stopwatch

    init(bytes: Int, seconds: Double, clock: @escaping @Sendable () -> UInt64 = Stopwatch.monotonicNanoseconds) {
        self.bytes = bytes
        self.seconds = seconds
        watch = Stopwatch(clock: clock)
    }

    /// Counts `n` bytes read.
    mutating func read(bytes n: Int) { sinceBytes += n }

    /// Whether a checkpoint is due now; when it is, counting starts again from now.
    mutating func takeIfDue() -> Bool {
        guard sinceBytes >= bytes || watch.hasPassed(seconds) else { return false }
        sinceBytes = 0
        watch.restart()
        return true
    }
}
