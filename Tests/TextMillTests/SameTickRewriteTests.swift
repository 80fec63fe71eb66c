import Foundation
import Testing
@testable import TextMill

/// A file rewritten at the same size within the timestamp tick of the `fstat` (or `stat`) that
/// took its identity keeps size, mtime and ctime as recorded: by them alone the next run took it
/// for unchanged and never read its new bytes (git's "racily clean" entries). Such an identity
/// (`FileIdentity.takenRacily`) marks its manifest entry (`FileEntry.recheck`); the next run
/// compares the file's SHA-256 instead.
///
/// This machine's kernel (6.18) gives a change after a `stat` a fine-grained time (0 of 2000
/// write, `fstat`, rewrite rounds kept the times), as filesystems with 1-2 s times (FAT, HFS+,
/// some NFS, SMB and overlay mounts) do not: the tests make the tick by giving the manifest's
/// entry the rewritten file's times, which is what the run recorded there.
@Suite struct SameTickRewriteTests {
    let yaml: (TemporaryDirectory) -> String = { dir in
        """
        input: \(dir.file("in"))
        output: \(dir.file("out/corpus.jsonl"))
        stages: [normalize]
        """
    }

    var manifestPath: (TemporaryDirectory) -> String = { $0.file("out/.corpus.textmill/manifest.json") }

    func manifest(_ dir: TemporaryDirectory) throws -> Manifest {
        try #require(Manifest(bytes: [UInt8](FileManager.default.contents(atPath: manifestPath(dir)) ?? Data())))
    }

    /// Gives the manifest's entry for `path` the times the file has now: the rewrite landed in
    /// the tick of the identity the run recorded.
    func sameTick(_ dir: TemporaryDirectory, _ path: String) throws {
        var m = try manifest(dir)
        let now = try #require(FileIdentity.of(path))
        let i = try #require(m.files.firstIndex { $0.path == path })
        m.files[i].mtime = now.mtime
        m.files[i].ctime = now.ctime
        dir.write("out/.corpus.textmill/manifest.json", m.bytes)
    }

    /// Gives the file at `path` the modification time of an hour from now.
    static func anHourAhead(_ path: String) {
        var times = [timespec(tv_sec: time(nil) + 3600, tv_nsec: 0), timespec(tv_sec: time(nil) + 3600, tv_nsec: 0)]
        expectEqual(utimensat(AT_FDCWD, path, &times, 0), 0)
    }

    func ids(_ dir: TemporaryDirectory) throws -> [String] {
        try dir.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }.map { ($0 as NSString).lastPathComponent }
    }

    @Test func aFileRewrittenAtTheSameSizeInTheTickOfItsIdentityIsReadByTheNextRun() throws {
        let dir = TemporaryDirectory()
        let feed = dir.write("in/feed.jsonl", InputChangeTests.lines("old", 1, 3))
        let quay = dir.write("in/quay.jsonl", InputChangeTests.lines("quay", 1, 1))
        // Written a moment before the run, and their mtimes an hour ahead (a file server's clock),
        // so that a slow start of the run still finds them within the margin.
        for path in [feed, quay] { Self.anHourAhead(path) }
        let first = try runPipeline(yaml(dir), in: dir)
        expectEqual(first.exitStatus, 0)
        expectEqual(try manifest(dir).files.map(\.recheck), [true, true])
        InputChangeTests.put(feed, InputChangeTests.lines("new", 1, 3))
        try sameTick(dir, feed)
        let second = try runPipeline(yaml(dir), in: dir)
        expectEqual(second.mode, "incremental: 0 new, 1 changed, 0 deleted, 1 unchanged file")
        // The kept file's records come first, then those of the file read again.
        expectEqual(try ids(dir), ["quay-1", "new-1", "new-2", "new-3"])
        // The one unchanged was kept by its hash, and marked again: its mtime is still ahead.
        expectEqual(try manifest(dir).files.first { $0.path == quay }?.recheck, true)
    }

    /// A whole file that fails to read (invalid UTF-8, a binary file) has its hash in the manifest
    /// as a document's file has: its entry, marked, had none ("sha256":""), so the next run
    /// matched no hash, read the file again and called it changed ("0 new, 2 changed" of files
    /// no one had touched, in the summary and `--dry-run`), a file a fetcher wrote moments before
    /// the run each time.
    @Test func aFailedFileMarkedForARecheckIsKeptByItsHash() throws {
        let dir = TemporaryDirectory()
        let latin1 = dir.write("in/cafe.txt", [UInt8]("The caf".utf8) + [0xE9] + [UInt8](" opened on the quay.\n".utf8))
        let binary = dir.write("in/photo.txt", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x00, 0x00])
        let quay = dir.write("in/quay.txt", "The ferry budget was approved on Monday.\n")
        for path in [latin1, binary, quay] { Self.anHourAhead(path) }
        let first = try runPipeline(yaml(dir), in: dir)
        expectEqual(first.exitStatus, 1)
        expectEqual(first.failed, 2)
        let entries = try manifest(dir).files
        expectEqual(entries.map(\.recheck), [true, true, true])
        expectEqual(entries.map(\.sha256), [latin1, binary, quay].map { FileIdentity.hash($0) ?? "unreadable" })
        let errors = dir.read("out/corpus.errors.jsonl")
        let second = try runPipeline(yaml(dir), in: dir)
        expectEqual(second.mode, "incremental: 0 new, 0 changed, 0 deleted, 3 unchanged files")
        expectEqual(second.items, 0)
        expectEqual(second.keptFailures, 2)
        expectEqual(second.exitStatus, 1)
        expectEqual(dir.read("out/corpus.errors.jsonl"), errors)
    }

    /// Marked or not by its times: an identity is taken racily up to 3 s after the file's
    /// modification or status change time, and when a time is ahead of the clock.
    @Test func anIdentityIsTakenRacilyWithinThreeSecondsOfTheFilesTimes() {
        let s = 1_000_000_000
        var id = FileIdentity(size: 10, mtime: 100 * s)
        id.ctime = 100 * s
        expectEqual([99 * s, 100 * s, 102 * s, 103 * s, 103 * s + 1, 200 * s].map { id.takenRacily(at: $0) },
                    [true, true, true, true, false, false])
        // A file whose times were set back (`touch -d`) still has its ctime from the clock.
        id.mtime = 10 * s
        expectEqual([102 * s, 104 * s].map { id.takenRacily(at: $0) }, [true, false])
        id.ctime = 10 * s
        id.mtime = 150 * s
        expectEqual(id.takenRacily(at: 104 * s), true)
        // No clock: none is.
        expectEqual(id.takenRacily(at: Int.min), false)
    }

    /// An entry is written with `"recheck":true` only when marked, and read back; an old
    /// manifest's entry (no key) is not marked; a key that is not a boolean is damage.
    @Test func theMarkIsWrittenOnlyWhenSetAndReadBack() throws {
        let ranges = PerOutput(output: ByteRange(offset: 0, length: 11), errors: .empty, duplicates: .empty, filtered: .empty)
        var entry = FileEntry(path: "in/a.txt", size: 1, mtime: 2, ctime: 3, sha256: "00", records: 1, ranges: ranges)
        var w = JSONWriter()
        entry.write(into: &w)
        expectEqual(String(decoding: w.bytes, as: UTF8.self),
                    #"{"path":"in/a.txt","size":1,"mtime":2,"ctime":3,"sha256":"00","records":1,"ranges":[[0,11],[0,0],[0,0],[0,0]]}"#)
        entry.recheck = true
        entry.ctime = Int.min
        entry.mtime = Int.min
        entry.size = Int.max
        w = JSONWriter()
        entry.write(into: &w)
        let text = String(decoding: w.bytes, as: UTF8.self)
        expectEqual(text, #"{"path":"in/a.txt","size":9223372036854775807,"mtime":-9223372036854775808,"ctime":-9223372036854775808,"recheck":true,"#
                        + #""sha256":"00","records":1,"ranges":[[0,11],[0,0],[0,0],[0,0]]}"#)
        let back = try JSONParser.parse(text)
        expectEqual(FileEntry(back)?.recheck, true)
        let damaged = try JSONParser.parse(text.replacingOccurrences(of: "\"recheck\":true", with: "\"recheck\":1"))
        #expect(FileEntry(damaged) == nil)
    }
}
