import Foundation
import Testing
@testable import TextMill

/// A write that fails before the run has read a document (the state folder's lock and owner
/// file, the journal's start, an earlier version's files taken over) stops the run with exit 3
/// and says that nothing was read or written and what to do. It said "The previous outputs are
/// intact; … and run again: the next run finishes the work", of a run that had done no work
/// (the check before reading, c4f9d15, said so already; these writes come after it).
@Suite(.serialized) struct PreReadWriteFailureTests {
    let cli = CommandLineTests()

    func corpus(_ dir: TemporaryDirectory) {
        dir.write("in/a.txt", "Harbor City opened its new ferry terminal on Monday.\n\nThe mayor said the berths would reopen on Friday.\n")
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: [normalize]\n")
    }

    /// A full disk at the journal's start, over an existing corpus: its outputs stay as they were.
    @Test func aFullDiskAtTheJournalsStartSaysNothingWasReadOrWritten() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        expectEqual(try cli.textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        let before = dir.read("out/corpus.jsonl")
        let r = try cli.textmill(["run", "p.yaml", "--force"], in: dir.path, environment: ["TEXTMILL_FAIL_WRITE": "journal.jsonl.tmp"])
        expectEqual(r.status, 3)
        #expect(r.stderr.hasSuffix("textmill: a run could not write its outputs: cannot write 'out/.corpus.textmill/journal.jsonl.tmp': No space left on device; free space, then run again (nothing was read or written)\n"), "\(r.stderr)")
        expectEqual(dir.read("out/corpus.jsonl"), before)
    }

    /// A full disk before anything is read on a new output, at its lock or at the journal's
    /// start: the state folder the run made goes again, with its lock and owner file, so the
    /// output does not look like an incremental corpus. After a journal that could not start it
    /// was left behind (session 35), and a `--limit` preview of the output was refused (exit 2,
    /// "'out/corpus.jsonl' is an incremental corpus (it has a state folder)").
    @Test(arguments: ["lock", "journal.jsonl.tmp"])
    func aFullDiskBeforeReadingANewOutputLeavesNoStateFolder(_ file: String) throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        let r = try cli.textmill(["run", "p.yaml"], in: dir.path, environment: ["TEXTMILL_FAIL_WRITE": file])
        expectEqual(r.status, 3)
        expectEqual(r.stderr, "textmill: a run could not write its outputs: cannot write 'out/.corpus.textmill/\(file)': No space left on device; free space, then run again (nothing was read or written)\n")
        expectEqual(try FileManager.default.contentsOfDirectory(atPath: dir.file("out")), [], "the state folder it made is gone, and nothing else is there")
        let preview = try cli.textmill(["run", "p.yaml", "--limit", "1", "-q"], in: dir.path)
        expectEqual(preview.status, 0, "\(preview.stderr)")
        expectEqual(try dir.records("out/corpus.jsonl").count, 1)
    }

    /// A lock file the run's user may not write (another user's run left it): as root, the run
    /// goes as `nobody` in a folder it owns, the lock root's.
    @Test func aLockFileTheUserMayNotWriteSaysNothingWasReadOrWritten() throws {
        guard getuid() == 0 else { return }
        let dir = TemporaryDirectory()
        corpus(dir)
        expectEqual(try cli.textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        let before = dir.read("out/corpus.jsonl")
        UnwritableOutputTests().handOver(dir)
        chown(dir.file("out/.corpus.textmill/lock"), 0, 0)
        chmod(dir.file("out/.corpus.textmill/lock"), 0o644)
        let r = try UnwritableOutputTests.run(["run", "p.yaml", "--force", "-q"], in: dir, as: UnwritableOutputTests.nobody)
        expectEqual(r.status, 3)
        expectEqual(r.stderr, "textmill: a run could not write its outputs: cannot open for writing 'out/.corpus.textmill/lock': Permission denied; make the output folder and its files writable, then run again (nothing was read or written)\n")
        expectEqual(dir.read("out/corpus.jsonl"), before)
    }

    /// An output an earlier TextMill wrote, whose files cannot all be moved to their new names
    /// (as root: `nobody` in a sticky folder, the old dedup index root's): a write failure
    /// (exit 3, it was exit 2 "the config is wrong"), and the state folder stays where it was,
    /// so the run after the fix takes everything over (it moved first, and the index was left
    /// behind for good).
    @Test func anEarlierVersionsFilesThatCannotMoveAreAWriteFailureAndMoveLater() throws {
        guard getuid() == 0 else { return }
        let dir = TemporaryDirectory()
        dir.write("in/wire.jsonl", OutputOwnershipTests.wire)
        let yaml = "input: in\noutput: out/corpus.jsonl\nstages: [normalize, dedup]\n"
        dir.write("p.yaml", yaml)
        expectEqual(try cli.textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        let fm = FileManager.default
        try fm.moveItem(atPath: dir.file("out/.corpus.textmill/dedup"), toPath: dir.file("out/corpus.dedup"))
        try fm.moveItem(atPath: dir.file("out/.corpus.textmill"), toPath: dir.file("out/.corpus.jsonl.textmill"))
        UnwritableOutputTests().handOver(dir)
        chown(dir.file("out/corpus.dedup"), 0, 0)
        chown(dir.file("out"), 0, 0)
        chmod(dir.file("out"), 0o1777)
        let r = try UnwritableOutputTests.run(["run", "p.yaml", "-q"], in: dir, as: UnwritableOutputTests.nobody)
        expectEqual(r.status, 3)
        expectEqual(r.stderr, "textmill: a run could not write its outputs: cannot rename 'out/corpus.dedup' to 'out/.corpus.jsonl.textmill/dedup': Operation not permitted; make the output folder and its files writable, then run again (nothing was read or written)\n")
        #expect(fm.fileExists(atPath: dir.file("out/.corpus.jsonl.textmill")) && !fm.fileExists(atPath: dir.file("out/.corpus.textmill")))
        chown(dir.file("out/corpus.dedup"), UnwritableOutputTests.nobody, UnwritableOutputTests.nobody)
        let again = try UnwritableOutputTests.run(["run", "p.yaml"], in: dir, as: UnwritableOutputTests.nobody)
        expectEqual(again.status, 0, "\(again.stderr)")
        #expect(fm.fileExists(atPath: dir.file("out/.corpus.textmill/dedup")), "the index moved with the state folder")
        #expect(again.stderr.contains("[incremental: 0 new, 0 changed, 0 deleted, 1 unchanged file]"), "\(again.stderr)")
    }
}
