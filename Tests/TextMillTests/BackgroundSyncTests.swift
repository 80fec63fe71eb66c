import Foundation
import Testing
@testable import TextMill

/// `BackgroundSync`: a file's data committed every few megabytes while it is written, on a
/// thread of its own, one sync at a time; a failure is kept for the owner's own sync to report
/// (the kernel reports a lost write once for each open file, and the background sync may have
/// taken that report), and a thread that cannot be made skips the hint.
@Suite(.serialized) struct BackgroundSyncTests {
    /// Records the syncs asked for, and answers each with the next of `answers` (then 0).
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var answers: [Int32]
        private(set) var calls: [(fd: Int32, path: String)] = []
        init(answers: [Int32] = []) { self.answers = answers }

        func sync(_ fd: Int32, _ path: String) -> Int32 {
            lock.lock()
            defer { lock.unlock() }
            calls.append((fd, path))
            return answers.isEmpty ? 0 : answers.removeFirst()
        }

        var count: Int {
            lock.lock()
            defer { lock.unlock() }
            return calls.count
        }
    }

    @Test func aSyncStartsOnceEveryBytesWereWrittenSinceTheLast() {
        let recorder = Recorder()
        let background = BackgroundSync(fd: 7, path: "part.output", every: 100, sync: { recorder.sync($0, $1) })
        background.wrote(upTo: 99)
        expectEqual(background.finish(), 0)
        expectEqual(recorder.count, 0, "a sync before `every` bytes")
        background.wrote(upTo: 100)
        expectEqual(background.finish(), 0)
        expectEqual(recorder.count, 1)
        // Counted from where the last one was asked for.
        background.wrote(upTo: 199)
        expectEqual(background.finish(), 0)
        expectEqual(recorder.count, 1)
        background.wrote(upTo: 450)
        expectEqual(background.finish(), 0)
        expectEqual(recorder.count, 2)
        #expect(recorder.calls.allSatisfy { $0.fd == 7 && $0.path == "part.output" })
    }

    /// A file that already holds bytes (a resumed part) counts from its length.
    @Test func aResumedFileCountsFromItsLength() {
        let recorder = Recorder()
        let background = BackgroundSync(fd: 3, path: "records.bin", length: 1_000, every: 100, sync: { recorder.sync($0, $1) })
        background.wrote(upTo: 1_050)
        expectEqual(background.finish(), 0)
        expectEqual(recorder.count, 0)
        background.wrote(upTo: 1_100)
        expectEqual(background.finish(), 0)
        expectEqual(recorder.count, 1)
    }

    /// While a sync runs no second one starts: the writer does not wait, and does not pile up threads.
    @Test func oneSyncAtATime() {
        let release = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        let recorder = Recorder()
        let background = BackgroundSync(fd: 5, path: "part.output", every: 10, sync: { fd, path in
            started.signal()
            release.wait()
            return recorder.sync(fd, path)
        })
        background.wrote(upTo: 10)
        started.wait()
        background.wrote(upTo: 20)
        background.wrote(upTo: 1_000)
        release.signal()
        expectEqual(background.finish(), 0)
        expectEqual(recorder.count, 1)
        // Once it ended, the next write far enough on starts the next.
        background.wrote(upTo: 1_010)
        release.signal()
        expectEqual(background.finish(), 0)
        expectEqual(recorder.count, 2)
    }

    /// A failed background sync is returned by `finish()`, every time it is asked, and no
    /// other background sync is started after it.
    @Test func aFailureIsKeptForTheOwnersSync() {
        let recorder = Recorder(answers: [EIO])
        let background = BackgroundSync(fd: 4, path: "part.output", every: 10, sync: { recorder.sync($0, $1) })
        background.wrote(upTo: 10)
        expectEqual(background.finish(), EIO)
        background.wrote(upTo: 100)
        expectEqual(background.finish(), EIO)
        expectEqual(recorder.count, 1, "a background sync after one failed")
    }

    /// No thread to be had (a `pids.max` limit): nothing is synced in the background, and the
    /// writer is not made to sync in its place (the owner's own sync does that).
    @Test func noThreadSkipsTheHint() {
        let recorder = Recorder()
        var asked: [String] = []
        let background = BackgroundSync(fd: 4, path: "part.output", every: 10, start: { name, _ in
            asked.append(name)
            return nil
        }, sync: { recorder.sync($0, $1) })
        background.wrote(upTo: 10)
        background.wrote(upTo: 30)
        expectEqual(background.finish(), 0)
        expectEqual(asked, ["textmill-datasync", "textmill-datasync"])
        expectEqual(recorder.count, 0)
    }

    /// With the real `fdatasync`: a file written past `every` is synced, and a descriptor that
    /// is no file's reports its `errno`.
    @Test func theSystemsSync() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("part.output", String(repeating: "{\"id\":\"story\"}\n", count: 100))
        let fd = open(path, O_WRONLY)
        defer { close(fd) }
        let background = BackgroundSync(fd: fd, path: path, every: 1_000)
        background.wrote(upTo: 1_500)
        expectEqual(background.finish(), 0)
        let closed = BackgroundSync(fd: -1, path: "gone", every: 1)
        closed.wrote(upTo: 1)
        expectEqual(closed.finish(), EBADF)
    }
}
