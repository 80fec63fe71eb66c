import Foundation
import Testing
@testable import TextMill

/// Runs again and again as files arrive: only new and changed files are processed, records of
/// changed files replace their old ones, records of deleted files go away.
@Suite struct IncrementalRunTests {
    let yaml: (TemporaryDirectory) -> String = { dir in
        """
        input: \(dir.file("in"))
        output: \(dir.file("out/corpus.jsonl"))
        stages: [normalize]
        """
    }

    func setUp() -> TemporaryDirectory {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts(count: 3)
        dir.write("in/wire.jsonl", Repo.bytes("input/wire/coastal-wire.jsonl"))
        return dir
    }

    func ids(_ dir: TemporaryDirectory) throws -> [String] {
        try dir.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }.map { ($0 as NSString).lastPathComponent }
    }

    @Test func addingAFileProcessesOnlyThatFile() throws {
        let dir = setUp()
        let first = try runPipeline(yaml(dir), in: dir)
        expectEqual(first.files, 4)
        let before = try ids(dir)
        dir.write("in/rfe-chinese-envoy-undiplomatic.txt", Repo.bytes("input/rfe-chinese-envoy-undiplomatic.txt"))
        let second = try runPipeline(yaml(dir), in: dir)
        expectEqual(second.files, 1)
        expectEqual(second.items, 1)
        #expect(second.mode.hasPrefix("incremental: 1 new, 0 changed, 0 deleted, 4 unchanged"))
        expectEqual(try ids(dir), before + ["rfe-chinese-envoy-undiplomatic.txt"])
        // Nothing new: nothing processed, nothing lost.
        let third = try runPipeline(yaml(dir), in: dir)
        expectEqual(third.files, 0)
        expectEqual(try ids(dir), before + ["rfe-chinese-envoy-undiplomatic.txt"])
    }

    /// A file dated after 2262 (its time in nanoseconds past 64 bits) or before 1970: the
    /// run trapped on an arithmetic overflow at the file's identity (`touch -d 2300-01-01`). Both
    /// are read, kept unread when unchanged, and read again when the time moves.
    @Test func filesDatedPast2262OrBefore1970AreKeptAndTheirChangesSeen() throws {
        let dir = setUp()
        func date(_ name: String, _ seconds: Int) {
            var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
            expectEqual(utimensat(AT_FDCWD, dir.file("in/" + name), &times, 0), 0)
        }
        date("rfe-kazakh-activists.txt", 10_413_792_000) // 2300-01-01
        date("npr-kazakhstan-stories.txt", -315_619_200) // 1960-01-01
        let first = try runPipeline(yaml(dir), in: dir)
        expectEqual(first.files, 4)
        let before = try ids(dir)
        let second = try runPipeline(yaml(dir), in: dir)
        expectEqual(second.files, 0, "\(second.mode)")
        date("rfe-kazakh-activists.txt", 10_413_792_001)
        let third = try runPipeline(yaml(dir), in: dir)
        #expect(third.mode.hasPrefix("incremental: 0 new, 0 changed, 0 deleted, 4 unchanged"), "same size and bytes: the hash keeps it: \(third.mode)")
        dir.write("in/rfe-kazakh-activists.txt", Repo.text("input/rfe-kazakh-activists.txt") + "\nA line added.\n")
        date("rfe-kazakh-activists.txt", 10_413_792_002)
        let fourth = try runPipeline(yaml(dir), in: dir)
        #expect(fourth.mode.hasPrefix("incremental: 0 new, 1 changed, 0 deleted, 3 unchanged"), "\(fourth.mode)")
        expectEqual(Set(try ids(dir)), Set(before))
    }

    /// Files of one size and one time (a tar or `cp -p` gives them their times) swapped by two
    /// renames, then one rewritten with another text of its size and given its old time back
    /// (`touch -d`): the manifest's size and time named them unchanged, and their old records
    /// stayed under exit 0 (the output said in/e.jsonl held the text in/f.jsonl holds). The
    /// manifest keeps each file's status change time too, which every rename and write sets and
    /// nothing sets back: a file whose ctime moved is compared by its hash, and read again when
    /// its bytes changed, as a run from scratch reads it.
    @Test func filesSwappedOrRewrittenWithTheirTimeKeptAreReadAgain() throws {
        let l = IncrementalEqualsScratchTests.line
        let ferry = IncrementalEqualsScratchTests.ferry
        let market = ferry.replacingOccurrences(of: "office", with: "market")
        let incremental = TemporaryDirectory(), scratch = TemporaryDirectory()
        let cli = CommandLineTests()
        func setTime(_ dir: TemporaryDirectory, _ name: String) {
            var times = [timespec(tv_sec: 1_700_000_000, tv_nsec: 0), timespec(tv_sec: 1_700_000_000, tv_nsec: 0)]
            expectEqual(utimensat(AT_FDCWD, dir.file("in/" + name), &times, 0), 0)
        }
        func compare(_ step: String) throws {
            try? FileManager.default.removeItem(atPath: scratch.file("in"))
            try FileManager.default.copyItem(atPath: incremental.file("in"), toPath: scratch.file("in"))
            try? FileManager.default.removeItem(atPath: scratch.file("out"))
            let a = try cli.textmill(["run", "p.yaml", "-q"], in: incremental.path)
            let b = try cli.textmill(["run", "p.yaml", "-q"], in: scratch.path)
            expectEqual(a.status, 0, "\(step): \(a.stderr)")
            expectEqual(b.status, 0, "\(step): \(b.stderr)")
            for name in ["out/corpus.jsonl", "out/corpus.duplicates.jsonl", "out/corpus.errors.jsonl"] {
                expectEqual(incremental.read(name), scratch.read(name), "\(step): \(name)")
            }
        }
        for dir in [incremental, scratch] { dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: [normalize, dedup]\n") }
        incremental.write("in/a.jsonl", l("a1", IncrementalEqualsScratchTests.council))
        incremental.write("in/e.jsonl", l("e1", ferry))
        incremental.write("in/f.jsonl", l("f1", market))
        for name in ["a.jsonl", "e.jsonl", "f.jsonl"] { setTime(incremental, name) }
        try compare("the first run")
        expectEqual(rename(incremental.file("in/e.jsonl"), incremental.file("in/tmp")), 0)
        expectEqual(rename(incremental.file("in/f.jsonl"), incremental.file("in/e.jsonl")), 0)
        expectEqual(rename(incremental.file("in/tmp"), incremental.file("in/f.jsonl")), 0)
        try compare("e and f swapped")
        incremental.write("in/f.jsonl", l("e1", ferry.replacingOccurrences(of: "Tuesday", with: "Fridays")))
        setTime(incremental, "f.jsonl")
        try compare("f rewritten, its time set back")
        // Unchanged files stay unread (the hash keeps one whose ctime alone moved).
        let again = try cli.textmill(["run", "p.yaml"], in: incremental.path)
        #expect(again.stderr.contains("incremental: 0 new, 0 changed, 0 deleted, 3 unchanged files"), "\(again.stderr)")
    }

    /// A re-run that read nothing exited 0 while the errors file still held the failures the
    /// run before exited 1 for: the status said "every document done" of a corpus that lacks
    /// some. The status reports the outputs as they stand: 1 while they keep a failure, and the
    /// summary says why; 0 once the failed file is fixed (read again, as it changed) or removed.
    @Test func aReRunThatKeepsFailedDocumentsExitsOne() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "Harbor City opened its new ferry terminal on Monday.\n")
        dir.write("in/b.txt", "")
        dir.write("in/c.txt", "The council approved the budget after a long night of debate.\n")
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: [normalize]\n")
        let cli = CommandLineTests()
        expectEqual(try cli.textmill(["run", "p.yaml", "-q"], in: dir.path).status, 1)
        let again = try cli.textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(again.status, 1)
        let summary = again.stderr.split(separator: "\n").map(String.init)
        #expect(summary.count > 3 && summary[1] == "  0 written to out/corpus.jsonl, 0 duplicates to out/corpus.duplicates.jsonl, 0 failed to out/corpus.errors.jsonl", "\(again.stderr)")
        #expect(summary.count > 3 && summary[2] == "  1 failed document of earlier runs still in out/corpus.errors.jsonl: its file is unchanged and was not read again (exit status 1 until fixed or removed)", "\(again.stderr)")
        expectEqual(try dir.records("out/corpus.errors.jsonl").map { $0["id"]?.stringValue }, ["in/b.txt"])
        // A quiet re-run says nothing, and its status is the same.
        let quiet = try cli.textmill(["run", "p.yaml", "-q"], in: dir.path)
        #expect(quiet.status == 1 && quiet.stderr == "")
        // The failed file fixed: read again, it leaves the errors file, and the status is 0.
        dir.write("in/b.txt", "Fishermen say the new quota rules arrived too late for the season.\n")
        let fixed = try cli.textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(fixed.status, 0, "\(fixed.stderr)")
        #expect(try dir.records("out/corpus.errors.jsonl").isEmpty)
        expectEqual(try cli.textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
    }

    /// A file of the inputs that cannot be examined (a dangling symbolic link, a folder past
    /// PATH_MAX) is read again at each run, to report it until it is fixed: the run counted it
    /// as "1 new, 1 deleted" (there and gone at once), while `--dry-run` called it changed. Both
    /// say changed now, and the kept file stays unchanged.
    @Test func aFileThatCannotBeExaminedIsChangedNotNewAndDeleted() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "Harbor City opened its new ferry terminal on Monday.\n")
        try FileManager.default.createSymbolicLink(atPath: dir.file("in/b.txt"), withDestinationPath: "gone.txt")
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: [normalize]\n")
        let cli = CommandLineTests()
        expectEqual(try cli.textmill(["run", "p.yaml", "-q"], in: dir.path).status, 1)
        let preview = try cli.textmill(["run", "p.yaml", "--dry-run"], in: dir.path)
        #expect(preview.stdout.contains("  0 new, 1 changed, 0 deleted, 1 unchanged file\n  changed: in/b.txt"), "\(preview.stdout)")
        let again = try cli.textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(again.status, 1)
        #expect(again.stderr.hasPrefix("textmill: 1 document from 1 file (0.0 MB)") && again.stderr.contains("[incremental: 0 new, 1 changed, 0 deleted, 1 unchanged file]"), "\(again.stderr)")
        expectEqual(try dir.records("out/corpus.errors.jsonl").map { $0["id"]?.stringValue }, ["in/b.txt"])
        expectEqual(try dir.records("out/corpus.jsonl").map { $0["id"]?.stringValue }, ["in/a.txt"])
    }

    @Test func changingAFileReplacesItsRecords() throws {
        let dir = setUp()
        _ = try runPipeline(yaml(dir), in: dir)
        // The wire file gets a correction: its first record's text changes, one record goes.
        let lines = String(decoding: Repo.bytes("input/wire/coastal-wire.jsonl"), as: UTF8.self).split(separator: "\n")
        let corrected = lines[0].replacingOccurrences(of: "48-hour strike", with: "72-hour strike")
        dir.write("in/wire.jsonl", ([corrected] + lines[1...2].map(String.init)).joined(separator: "\n") + "\n")
        let second = try runPipeline(yaml(dir), in: dir)
        expectEqual(second.files, 1)
        #expect(second.mode.hasPrefix("incremental: 0 new, 1 changed"))
        let records = try dir.records("out/corpus.jsonl")
        let wire = records.filter { $0["source"]?.objectValue?["path"]?.stringValue?.hasSuffix("wire.jsonl") == true }
        expectEqual(wire.count, 2)
        expectEqual(wire.first?["text"]?.stringValue?.contains("72-hour strike"), true)
        #expect(!records.contains { $0["text"]?.stringValue?.contains("48-hour strike") == true })
        #expect(!records.contains { $0["id"]?.stringValue == "partner-feed-88412" })
        expectEqual(records.count, 5)
    }

    @Test func deletingAFileRemovesItsRecords() throws {
        let dir = setUp()
        _ = try runPipeline(yaml(dir), in: dir)
        try FileManager.default.removeItem(atPath: dir.file("in/npr-kazakhstan-stories.txt"))
        let second = try runPipeline(yaml(dir), in: dir)
        expectEqual(second.files, 0)
        #expect(second.mode.hasPrefix("incremental: 0 new, 0 changed, 1 deleted"))
        #expect(!(try ids(dir)).contains("npr-kazakhstan-stories.txt"))
        expectEqual(try ids(dir).count, 5)
    }

    @Test func touchingAFileWithoutChangingItKeepsItsRecords() throws {
        let dir = setUp()
        _ = try runPipeline(yaml(dir), in: dir)
        let path = dir.file("in/rfe-kazakh-activists.txt")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(3600)], ofItemAtPath: path)
        let second = try runPipeline(yaml(dir), in: dir)
        expectEqual(second.files, 0)
    }

    @Test func changedConfigOrForceReprocessesEverything() throws {
        let dir = setUp()
        _ = try runPipeline(yaml(dir), in: dir)
        let changed = try runPipeline(yaml(dir).replacingOccurrences(of: "[normalize]", with: "[{normalize: {form: NFKC}}]"), in: dir)
        expectEqual(changed.files, 4)
        expectEqual(changed.reprocessReason?.contains("the config changed"), true)
        let config = try ConfigLoader().parse(yaml(dir), path: dir.file("p.yaml"))
        let forced = try Runner(config: config, options: RunOptions(force: true)).run()
        expectEqual(forced.files, 4)
        expectEqual(forced.reprocessReason?.contains("--force"), true)
        expectEqual(try ids(dir).count, 6)
    }

    @Test func gzipInputAndOutput() throws {
        let dir = TemporaryDirectory()
        let text = Repo.bytes("input/rfe-kazakh-activists.txt")
        let gz = GzipWriter()
        dir.write("in/rfe.txt.gz", gz.compress(text) + gz.finish())
        let wire = GzipWriter()
        dir.write("in/wire.jsonl.gz", wire.compress(Repo.bytes("input/wire/coastal-wire.jsonl")) + wire.finish())
        let y = "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl.gz"))\nstages: [normalize]\n"
        _ = try runPipeline(y, in: dir)
        dir.write("in/more.txt", Repo.bytes("input/npr-kazakhstan-stories.txt"))
        _ = try runPipeline(y, in: dir)
        let compressed = [UInt8](FileManager.default.contents(atPath: dir.file("out/corpus.jsonl.gz"))!)
        var reader = GzipMemoryStream(compressed)
        let lines = try reader.readAll(limit: 1 << 30).split(separator: 0x0A)
        let records = try lines.map { try JSONParser.parse(Array($0)).objectValue! }
        expectEqual(records.count, 5)
        expectEqual(records[0]["source"]?.objectValue?["path"]?.stringValue?.hasSuffix("rfe.txt.gz"), true)
        expectEqual(records[0]["text"]?.stringValue?.hasPrefix("China's Diplomatic Pressure Looms"), true)
        expectEqual(records.last?["source"]?.objectValue?["path"]?.stringValue?.hasSuffix("more.txt"), true)
    }

    @Test func aSecondRunOnTheSameOutputIsRefused() throws {
        let dir = setUp()
        let store = StateStore(output: dir.file("out/corpus.jsonl"), errors: dir.file("out/corpus.errors.jsonl"), duplicates: dir.file("out/corpus.duplicates.jsonl"))
        try store.open()
        defer { store.close() }
        do {
            _ = try runPipeline(yaml(dir), in: dir)
            Issue.record("the second run was not refused")
        } catch let e as StateError {
            #expect(e.message.contains("another textmill run (pid \(getpid()))"))
        }
    }

    /// Two runs started at once on a new output: the one the lock refuses writes nothing into
    /// the state folder. Both wrote its owner file before taking the lock, through one temporary
    /// file, and the run whose temporary file the other had renamed away failed with exit 3
    /// ("cannot rename … output.tmp: No such file or directory"), 4 times in 6 such starts.
    @Test func aRunTheLockRefusesWritesNoOwnerFile() throws {
        let dir = setUp()
        let state = dir.file("out/.corpus.textmill")
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        // The other run: it holds the lock and has not written the owner file yet.
        let fd = open(state + "/lock", O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
        defer { close(fd) }
        do {
            _ = try runPipeline(yaml(dir), in: dir)
            Issue.record("the second run was not refused")
        } catch let e as StateError {
            // The holder is this test process, which the lock file does not name: not taken
            // for a textmill run since session 36 (`LockHolderTests`).
            #expect(e.message.hasPrefix("another program ('") && e.message.contains("pid \(getpid())), not a textmill run, holds the lock of "), "\(e.message)")
        }
        expectEqual(try FileManager.default.contentsOfDirectory(atPath: state).sorted(), ["lock"])
    }

    @Test func anInterruptedCommitIsCompletedByTheNextRun() throws {
        let dir = setUp()
        _ = try runPipeline(yaml(dir), in: dir)
        let store = StateStore(output: dir.file("out/corpus.jsonl"), errors: dir.file("out/corpus.errors.jsonl"), duplicates: dir.file("out/corpus.duplicates.jsonl"))
        // A run that died after making its commit durable but before renaming anything:
        let records = dir.read("out/corpus.jsonl").split(separator: "\n")
        // Without the last file's records (a commit's manifest lists exactly what its outputs
        // hold: ranges that do not fill them are a damaged manifest, see DamagedStateTests).
        var manifest = try #require(store.loadManifest())
        let last = manifest.files.removeLast()
        let next = String(decoding: Array(dir.read("out/corpus.jsonl").utf8)[..<last.ranges.output.offset], as: UTF8.self)
        dir.write("out/.corpus.textmill/next.output", next)
        for k in ["errors", "duplicates"] { dir.write("out/.corpus.textmill/next.\(k)", "") }
        manifest.sizes = PerOutput(output: next.utf8.count, errors: 0, duplicates: 0, filtered: 0)
        dir.write("out/.corpus.textmill/manifest.pending.json", String(decoding: manifest.bytes, as: UTF8.self))
        let again = try runPipeline(yaml(dir), in: dir)
        #expect(dir.read("out/corpus.jsonl").split(separator: "\n").count >= records.count - 1)
        #expect(again.mode.contains("1 new"), "the file whose records the dead commit dropped is processed again")
        expectEqual(try ids(dir).count, records.count)
    }
}

/// dedup across incremental runs: new documents are checked against everything kept before, and
/// the documents of changed or deleted files are forgotten.
@Suite struct IncrementalDedupTests {
    @Test func newFilesAreCheckedAgainstEarlierRunsAndChangedOnesForgotten() throws {
        let dir = TemporaryDirectory()
        let capture = Repo.text("input/rfe-kazakh-activists.txt")
        dir.write("in/a.txt", capture)
        dir.write("in/b.txt", Repo.bytes("input/npr-kazakhstan-stories.txt"))
        let yaml = "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [cleanup, normalize, dedup]\n"
        _ = try runPipeline(yaml, in: dir)
        // A syndicated copy of a.txt arrives.
        dir.write("in/c.txt", "Published via partner feed\n\n" + capture)
        let second = try runPipeline(yaml, in: dir)
        #expect(second.files == 1 && second.duplicates == 1)
        let dup = try #require(try dir.records("out/corpus.duplicates.jsonl").first)
        expectEqual(dup["id"]?.stringValue?.hasSuffix("c.txt"), true)
        expectEqual(dup["duplicate"]?.objectValue?["of"]?.stringValue?.hasSuffix("a.txt"), true)
        // a.txt is rewritten entirely: its old text leaves the index, so c.txt (changed too) is now unique.
        dir.write("in/a.txt", Repo.bytes("input/rfe-chinese-envoy-undiplomatic.txt"))
        dir.write("in/c.txt", "Published via partner feed, second edition\n\n" + capture)
        let third = try runPipeline(yaml, in: dir)
        expectEqual(third.files, 2)
        expectEqual(third.duplicates, 0)
        expectEqual(try dir.records("out/corpus.jsonl").count, 3)
        #expect(try dir.records("out/corpus.duplicates.jsonl").isEmpty)
    }
}
