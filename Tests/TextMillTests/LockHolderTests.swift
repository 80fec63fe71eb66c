import Foundation
import Testing
@testable import TextMill

/// The state folder's lock, taken by something else than the run: the refusal names what holds
/// it (from the system's table of locks), and a dry run is refused the same way. Before session
/// 36 a lock held by another program (`flock out/.corpus.textmill/lock …`) was reported as
/// "another textmill run (pid N)" with the pid the last run had written in the lock file, a
/// process long gone; and `run --dry-run` printed its plan, exit 0, while another run held the
/// lock and rewrote the state the plan is read from.
@Suite(.serialized) struct LockHolderTests {
    let cli = CommandLineTests()

    /// A corpus written by one run, so the lock file holds that run's pid.
    func corpus() throws -> (dir: TemporaryDirectory, lastRun: String) {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "Harbor City opened its new ferry terminal on Monday.\n\nThe mayor said the berths would reopen on Friday.\n")
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: [normalize]\n")
        expectEqual(try cli.textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        let lastRun = dir.read("out/.corpus.textmill/lock").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!lastRun.isEmpty)
        return (dir, lastRun)
    }

    /// Takes the lock as another program would (`flock`): this test process holds it.
    func hold(_ dir: TemporaryDirectory) -> Int32 {
        let fd = open(dir.file("out/.corpus.textmill/lock"), O_RDONLY | O_CLOEXEC)
        #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
        return fd
    }

    /// This process's name as the system gives it (`/proc/self/comm`).
    var thisProgram: String {
        (try? String(contentsOfFile: "/proc/self/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
    }

    @Test func aLockAnotherProgramHoldsIsReportedAsThatProgram() throws {
        let (dir, lastRun) = try corpus()
        let fd = hold(dir)
        defer { close(fd) }
        let holder = "another program ('\(thisProgram)', pid \(getpid())), not a textmill run, holds the lock of 'out/corpus.jsonl' "
            + "('out/.corpus.textmill/lock'; the lock file names pid \(lastRun), the last textmill run's)"
        let r = try cli.textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(r.status, 2)
        expectEqual(r.stderr, "textmill: \(holder); wait for it to let go of the lock (or end it), or write elsewhere with --output\n")
        let dry = try cli.textmill(["run", "p.yaml", "--dry-run"], in: dir.path)
        expectEqual(dry.status, 2)
        expectEqual(dry.stdout, "")
        expectEqual(dry.stderr, "textmill: \(holder), so a dry run cannot say what the next run would do (the state it reads may be rewritten meanwhile); "
                    + "wait for it to let go of the lock (or end it), or write elsewhere with --output\n")
    }

    /// A textmill run holding the lock (a process whose pid the lock file holds, as a run
    /// writes its own there): the dry run names it as the run does.
    @Test func aDryRunWhileAnotherRunHoldsTheLockIsRefused() throws {
        let (dir, _) = try corpus()
        dir.write("out/.corpus.textmill/lock", "\(getpid())\n")
        let fd = hold(dir)
        defer { close(fd) }
        let dry = try cli.textmill(["run", "p.yaml", "--dry-run"], in: dir.path)
        expectEqual(dry.status, 2)
        expectEqual(dry.stderr, "textmill: another textmill run (pid \(getpid())) is writing 'out/corpus.jsonl', so a dry run cannot say what the next run would do "
                    + "(the state it reads may be rewritten meanwhile); wait for it to finish, or write elsewhere with --output\n")
    }

    /// The dry run's look at the lock lets go of it: a run right after it is not refused, and a
    /// dry run of a new output (no state folder yet) makes none.
    @Test func aDryRunHoldsNoRunOff() throws {
        let (dir, _) = try corpus()
        let dry = try cli.textmill(["run", "p.yaml", "--dry-run"], in: dir.path)
        expectEqual(dry.status, 0)
        expectEqual(dry.stdout, "textmill: dry run for out/corpus.jsonl: nothing was read or written\n  0 new, 0 changed, 0 deleted, 1 unchanged file\n")
        expectEqual(try cli.textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        let fresh = try cli.textmill(["run", "p.yaml", "--dry-run", "-o", "new/corpus.jsonl"], in: dir.path)
        expectEqual(fresh.status, 0)
        #expect(!FileManager.default.fileExists(atPath: dir.file("new")))
    }

    /// A run started while a dry run looks at the lock (it holds it shared for that moment)
    /// waits for it to let go, and runs. Until session 37 it was refused, exit 2, as if another
    /// run were writing the output.
    @Test func aRunStartedWhileADryRunLooksAtTheLockWaitsForIt() throws {
        let (dir, _) = try corpus()
        dir.write("in/b.txt", "The berths reopen on Friday.\n")
        let fd = open(dir.file("out/.corpus.textmill/lock"), O_RDONLY | O_CLOEXEC)
        #expect(fd >= 0 && flock(fd, LOCK_SH | LOCK_NB) == 0)
        let letGo = Thread {
            usleep(300_000)
            close(fd)
        }
        letGo.start()
        let r = try cli.textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(r.status, 0, "\(r.stderr)")
        #expect(r.stderr.contains("[incremental: 1 new, 0 changed, 0 deleted, 1 unchanged file]"), "\(r.stderr)")
    }

    /// A textmill that holds the lock shared for longer than a run waits (a dry run does so only
    /// for a moment) is named as a dry run reading the state, not as a run writing the output.
    @Test func aLockHeldSharedPastTheWaitIsNamedAsADryRun() throws {
        let (dir, _) = try corpus()
        dir.write("out/.corpus.textmill/lock", "\(getpid())\n")
        let fd = open(dir.file("out/.corpus.textmill/lock"), O_RDONLY | O_CLOEXEC)
        defer { close(fd) }
        #expect(fd >= 0 && flock(fd, LOCK_SH | LOCK_NB) == 0)
        let r = try cli.textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(r.status, 2)
        expectEqual(r.stderr, "textmill: a dry run of textmill (pid \(getpid())) is reading the state of 'out/corpus.jsonl', and held its lock longer than 2 s; "
                    + "wait for it to finish, or write elsewhere with --output\n")
    }

    /// The holder read from `/proc/locks`: a FLOCK line of the file's device and inode (major
    /// and minor in hex, inode in decimal); waiters (`->`), other files and POSIX locks are not it.
    @Test func theHolderIsTheFlockLineOfTheFile() {
        var st = stat()
        st.st_dev = dev_t((0xfe << 8) | 0x01)
        st.st_ino = 1918022
        let table = """
        1: POSIX  ADVISORY  WRITE 77 fe:01:1918022 0 EOF
        2: FLOCK  ADVISORY  WRITE 88 fe:01:1918023 0 EOF
        3: -> FLOCK  ADVISORY  WRITE 99 fe:01:1918022 0 EOF
        3: FLOCK  ADVISORY  WRITE 4242 fe:01:1918022 0 EOF

        """
        expectEqual(LockHolder.pid(locking: st, in: table), 4242)
        expectEqual(LockHolder.pid(locking: st, in: "1: FLOCK  ADVISORY  WRITE 0 fe:01:1918022 0 EOF\n"), nil)
        expectEqual(LockHolder.pid(locking: st, in: ""), nil)
    }

    /// What the refusal says when the system names no holder: not a pid it cannot vouch for.
    @Test func aHolderTheSystemDoesNotNameIsNotGivenThePidOfTheFile() {
        let unknown = LockHolder(pid: nil, program: nil, written: "12411")
        expectEqual(unknown.refusal(output: "out/corpus.jsonl", lockFile: "out/.corpus.textmill/lock"),
                    "another process holds the lock of 'out/corpus.jsonl' ('out/.corpus.textmill/lock'), and the system does not say which "
                    + "(the lock file names pid 12411, the last textmill run's, which is no running textmill); wait for it to let go of the lock (or end it), or write elsewhere with --output")
        let run = LockHolder(pid: 4242, program: "textmill", written: "")
        expectEqual(run.refusal(output: "out/corpus.jsonl", lockFile: "out/.corpus.textmill/lock"),
                    "another textmill run (pid 4242) is writing 'out/corpus.jsonl'; wait for it to finish, or write elsewhere with --output")
    }
}
