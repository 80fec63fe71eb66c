import Foundation
import Testing
@testable import TextMill

/// Input that changes while a run reads it, as a crawler, a sync tool or a log rotation changes
/// a corpus folder overnight: `ReadSeam` changes a file at a named moment of its reading. The
/// gold is a run from scratch once the writer has stopped: every final record processed once,
/// by this run or the next incremental one, and a file changed under the read named.
@Suite struct InputChangeTests {
    let yaml: (TemporaryDirectory) -> String = { dir in
        """
        input: \(dir.file("in"))
        output: \(dir.file("out/corpus.jsonl"))
        stages: [normalize]
        """
    }

    /// JSONL lines of a harbour story, `count` of them from `first`, ids `PREFIX-N`.
    static func lines(_ prefix: String, _ first: Int, _ count: Int) -> String {
        (first..<first + count).map { n in
            "{\"id\":\"\(prefix)-\(n)\",\"text\":\"Report \(n): the harbour board met on Tuesday and agreed to dredge the north channel before the autumn storms.\"}\n"
        }.joined()
    }

    /// Writes `text` over the file at `path` in place, truncating it, as a writer that does not
    /// rename does (the seam's actions capture paths, not the folder).
    static func put(_ path: String, _ text: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { Issue.record("cannot open \(path)"); return }
        let bytes = Array(text.utf8)
        expectEqual(bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }, bytes.count)
        close(fd)
    }

    func ids(_ dir: TemporaryDirectory, _ name: String = "out/corpus.jsonl") throws -> [String] {
        try dir.records(name).compactMap { $0["id"]?.stringValue }.map { ($0 as NSString).lastPathComponent }
    }

    /// A named pipe given as the input, written in two pieces with a pause: its times move with
    /// each write, so the run warned that it "changed while it was read (rewritten, 0 bytes before
    /// and after)" though a pipe has no bytes that could change under the reader. No warning now,
    /// and every line is read.
    @Test func aNamedPipeWrittenWhileItIsReadIsNotSaidToHaveChanged() throws {
        let dir = TemporaryDirectory()
        let pipe = dir.file("feed.jsonl")
        expectEqual(mkfifo(pipe, 0o600), 0)
        let writer = Thread {
            let fd = open(pipe, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { return }
            for (n, line) in [Self.lines("p", 1, 2), Self.lines("p", 3, 1)].enumerated() {
                if n > 0 { usleep(300_000) }
                _ = line.utf8CString.withUnsafeBytes { write(fd, $0.baseAddress, $0.count - 1) }
            }
            close(fd)
        }
        writer.start()
        let summary = try runPipeline("""
            input: \(pipe)
            output: \(dir.file("out/corpus.jsonl"))
            stages: [normalize]
            """, in: dir)
        expectEqual(summary.exitStatus, 0)
        expectEqual(summary.warnings, [])
        expectEqual(try ids(dir), ["p-1", "p-2", "p-3"])
    }

    /// A sync tool deleted a file after the walk and wrote it anew just after the reader's open
    /// failed: the identity was a `stat` taken after the failure, the new file's, so the next
    /// run took it for unchanged and never read it (its "vanished" error kept, exit status 1 for
    /// ever, its records in no output). Now the second open finds it: no identity, read again.
    @Test func aFileWrittenAnewJustAfterItsOpenFailedIsReadByTheNextRun() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.jsonl", Self.lines("a", 1, 2))
        let b = dir.write("in/b.jsonl", Self.lines("b", 1, 2))
        ReadSeam.shared.arm(dir.file("in/a.jsonl"), at: .opened) { unlink(b) }
        ReadSeam.shared.arm(b, at: .openFailed) { Self.put(b, Self.lines("b", 1, 2)) }
        let first = try runPipeline(yaml(dir), in: dir)
        expectEqual(first.exitStatus, 1)
        expectEqual(try ids(dir), ["a-1", "a-2"])
        expectEqual(try dir.records("out/corpus.errors.jsonl").map { $0["reason"]?.stringValue },
                    ["the file vanished before it could be read (no such file: '\(b)')"])
        let second = try runPipeline(yaml(dir), in: dir)
        expectEqual(second.mode, "incremental: 0 new, 1 changed, 0 deleted, 1 unchanged file")
        expectEqual(second.exitStatus, 0)
        expectEqual(try ids(dir), ["a-1", "a-2", "b-1", "b-2"])
        expectEqual(try dir.records("out/corpus.errors.jsonl").count, 0)
    }

    /// A file truncated and written shorter between its open and its read: the run reads the new
    /// bytes under the identity of the old, names the file, and the next run reads it again.
    @Test func aFileRewrittenShorterWhileItIsReadIsNamedAndReadAgain() throws {
        let dir = TemporaryDirectory()
        let feed = dir.write("in/feed.jsonl", Self.lines("old", 1, 40))
        let old = Self.lines("old", 1, 40).utf8.count
        let new = Self.lines("new", 1, 3)
        ReadSeam.shared.arm(feed, at: .opened) { Self.put(feed, new) }
        let first = try runPipeline(yaml(dir), in: dir)
        expectEqual(try ids(dir), ["new-1", "new-2", "new-3"])
        expectEqual(first.warnings, [
            "'\(feed)' changed while it was read (\(old) bytes when it was opened, \(new.utf8.count) when its reading ended): the records taken from it "
                + "are of the bytes read, which may be bytes the file never held at one time (the start of one version and the end of another, or a last "
                + "line cut short); the manifest keeps what it was before the read, so the next run takes it for changed and reads it again, unless its "
                + "bytes are the ones this run read",
        ])
        let second = try runPipeline(yaml(dir), in: dir)
        expectEqual(second.mode, "incremental: 0 new, 1 changed, 0 deleted, 0 unchanged files")
        expectEqual(second.warnings, [])
        expectEqual(try ids(dir), ["new-1", "new-2", "new-3"])
    }

    /// A text file rewritten in place between its open and its read, to the same size, its old
    /// modification time set back: only its status change time moved. It is named; the next run
    /// finds its bytes the ones read (the hash) and keeps them; a third run reads nothing.
    @Test func aTextRewrittenToTheSameSizeAndTimeWhileItIsReadIsNamed() throws {
        let dir = TemporaryDirectory()
        let text = "The harbour board met on Tuesday.\nIt agreed to dredge the north channel.\n"
        let page = dir.write("in/page.txt", text)
        ReadSeam.shared.arm(page, at: .opened) {
            var st = stat()
            guard stat(page, &st) == 0 else { return }
            Self.put(page, text.replacingOccurrences(of: "north", with: "south"))
            var times = [st.st_atim, st.st_mtim]
            _ = utimensat(AT_FDCWD, page, &times, 0)
        }
        let first = try runPipeline(yaml(dir), in: dir)
        let south = "The harbour board met on Tuesday.\n\nIt agreed to dredge the south channel."
        expectEqual(try dir.records("out/corpus.jsonl").map { $0["text"]?.stringValue }, [south])
        expectEqual(first.warnings.map { $0.prefix(80) }, ["'\(page)' changed while it was read (rewritten, \(text.utf8.count) bytes before and after): ".prefix(80)])
        let second = try runPipeline(yaml(dir), in: dir)
        expectEqual(second.mode, "incremental: 0 new, 0 changed, 0 deleted, 1 unchanged file")
        let third = try runPipeline(yaml(dir), in: dir)
        expectEqual(third.files, 0)
        expectEqual(try dir.records("out/corpus.jsonl").map { $0["text"]?.stringValue }, [south])
    }

    /// A file renamed over between its open and its read: the descriptor reads the old version
    /// whole; the notice says so, and the next run reads the new one.
    @Test func aFileRenamedOverWhileItIsReadIsNamedAndTheNextRunReadsTheNewOne() throws {
        let dir = TemporaryDirectory()
        let feed = dir.write("in/feed.jsonl", Self.lines("old", 1, 3))
        let size = Self.lines("old", 1, 3).utf8.count
        let next = dir.file("next.jsonl")
        ReadSeam.shared.arm(feed, at: .opened) {
            Self.put(next, Self.lines("new", 1, 2))
            _ = rename(next, feed)
        }
        let first = try runPipeline(yaml(dir), in: dir)
        expectEqual(try ids(dir), ["old-1", "old-2", "old-3"])
        expectEqual(first.warnings.map { $0.prefix(130) }, ["'\(feed)' changed while it was read (deleted or renamed over: read whole as it was opened, \(size) bytes)".prefix(130)])
        let second = try runPipeline(yaml(dir), in: dir)
        expectEqual(second.mode, "incremental: 0 new, 1 changed, 0 deleted, 0 unchanged files")
        expectEqual(try ids(dir), ["new-1", "new-2"])
    }
}
