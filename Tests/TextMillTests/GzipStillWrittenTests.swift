import Foundation
import Testing
@testable import TextMill

/// A `.jsonl.gz` whose gzip member its writer has not closed yet (a crawler writing it as the
/// run reads it) said only "the file is truncated"; when its size changed while it was read, the
/// reason says it may still be being written. A file that did not change while it was read gets
/// the plain reason however new it is: the errors file must not depend on the moment of the run.
@Suite struct GzipStillWrittenTests {
    let yaml: (TemporaryDirectory) -> String = { dir in
        """
        input: \(dir.file("in"))
        output: \(dir.file("out/corpus.jsonl"))
        stages: [normalize]
        """
    }

    /// Gives the file at `path` the modification time of an hour ago.
    static func anHourAgo(_ path: String) {
        var times = [timespec(tv_sec: time(nil) - 3600, tv_nsec: 0), timespec(tv_sec: time(nil) - 3600, tv_nsec: 0)]
        expectEqual(utimensat(AT_FDCWD, path, &times, 0), 0)
    }

    /// A gzip member of the feed's lines, whole (`cut` 0) or without its last `cut` bytes.
    static func feed(cut: Int) -> [UInt8] {
        let gzip = GzipWriter()
        let whole = gzip.compress(Array(InputChangeTests.lines("feed", 1, 3).utf8)) + gzip.finish()
        return Array(whole.dropLast(cut))
    }

    func reasons(_ dir: TemporaryDirectory) throws -> [String?] {
        try dir.records("out/corpus.errors.jsonl").map { $0["reason"]?.stringValue }
    }

    static let stillWritten = "the gzip data ends too early (the file is truncated, or still being written: the next run reads it again once it changes)"

    @Test func aFileWrittenJustNowThatDidNotChangeIsTruncated() throws {
        let dir = TemporaryDirectory()
        dir.write("in/feed.jsonl.gz", Self.feed(cut: 12))
        let run = try runPipeline(yaml(dir), in: dir)
        expectEqual(run.exitStatus, 1)
        expectEqual(try reasons(dir), ["the gzip data ends too early (the file is truncated)"])
    }

    @Test func aFileUntouchedForAnHourIsTruncated() throws {
        let dir = TemporaryDirectory()
        Self.anHourAgo(dir.write("in/feed.jsonl.gz", Self.feed(cut: 12)))
        _ = try runPipeline(yaml(dir), in: dir)
        expectEqual(try reasons(dir), ["the gzip data ends too early (the file is truncated)"])
    }

    /// Cut short after its open, its time set back: its size changed while it was read.
    @Test func aFileWhoseSizeChangedWhileItWasReadMayStillBeBeingWritten() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("in/feed.jsonl.gz", Self.feed(cut: 0))
        Self.anHourAgo(path)
        let size = Self.feed(cut: 0).count
        ReadSeam.shared.arm(path, at: .opened) {
            expectEqual(truncate(path, off_t(size - 12)), 0)
            Self.anHourAgo(path)
        }
        let run = try runPipeline(yaml(dir), in: dir)
        expectEqual(run.exitStatus, 1)
        expectEqual(try reasons(dir), [Self.stillWritten])
        expectEqual(run.warnings.count, 1)
    }
}
