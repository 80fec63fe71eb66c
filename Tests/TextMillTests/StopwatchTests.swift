import Foundation
import Testing
@testable import TextMill

/// Intervals (a run's `seconds`, the time between checkpoints, a plugin's grace periods) are
/// measured on the monotonic clock, so that a step of the wall clock neither makes them negative
/// nor stretches them. The machine's clock cannot be stepped in a test: the clock is injected.
@Suite struct StopwatchTests {
    /// A clock a test moves by hand, in nanoseconds.
    final class HandClock: @unchecked Sendable {
        private let lock = NSLock()
        private var value: UInt64 = 1_000_000_000_000_000
        var reading: @Sendable () -> UInt64 { { self.now() } }
        func now() -> UInt64 { lock.lock(); defer { lock.unlock() }; return value }
        func advance(seconds: Double) { lock.lock(); value += UInt64(seconds * 1e9); lock.unlock() }
        func stepBack(seconds: Double) { lock.lock(); value -= UInt64(seconds * 1e9); lock.unlock() }
    }

    /// The stopwatch the runner uses reads CLOCK_MONOTONIC (a wall-clock reading, seconds since
    /// 1970, falls far outside the bracket).
    @Test func theDefaultClockIsTheMonotonicOne() {
        var before = timespec(), after = timespec()
        clock_gettime(CLOCK_MONOTONIC, &before)
        let reading = Stopwatch().clock()
        clock_gettime(CLOCK_MONOTONIC, &after)
        let low = UInt64(before.tv_sec) * 1_000_000_000 + UInt64(before.tv_nsec)
        let high = UInt64(after.tv_sec) * 1_000_000_000 + UInt64(after.tv_nsec)
        #expect(low <= reading && reading <= high)
    }

    @Test func secondsCountFromTheStartAndFromEachRestart() {
        let clock = HandClock()
        var watch = Stopwatch(clock: clock.reading)
        expectEqual(watch.seconds, 0)
        clock.advance(seconds: 2.5)
        expectEqual(watch.seconds, 2.5)
        #expect(watch.hasPassed(2.5) && !watch.hasPassed(2.6))
        watch.restart()
        clock.advance(seconds: 1)
        expectEqual(watch.seconds, 1)
    }

    /// Whatever a clock does, an interval is never negative.
    @Test func aClockThatGoesBackReadsAsNoTimeNotNegativeTime() {
        let clock = HandClock()
        let watch = Stopwatch(clock: clock.reading)
        clock.stepBack(seconds: 3600)
        expectEqual(watch.seconds, 0)
    }

    /// A checkpoint every 10 s or every N bytes, whichever comes first; each one restarts both counts.
    @Test func checkpointsComeByTimeOrByBytes() {
        let clock = HandClock()
        var schedule = CheckpointSchedule(bytes: 1000, seconds: 10, clock: clock.reading)
        func due() -> Bool { schedule.takeIfDue() }
        schedule.read(bytes: 999)
        clock.advance(seconds: 9.9)
        #expect(!due())
        clock.advance(seconds: 0.1)
        #expect(due())
        #expect(!due(), "the time and the bytes count again from the checkpoint")
        schedule.read(bytes: 1000)
        #expect(due())
        #expect(!due())
        clock.advance(seconds: 10)
        #expect(due())
    }
}
