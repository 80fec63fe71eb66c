import Foundation
import Testing
@testable import TextMill

/// A standard stream that cannot be written (`/dev/full` stands for a full disk under
/// `2>run.log` or `> stages.json`). Messages to stderr went through Foundation's
/// `FileHandle.write`, which traps on a failed write: the run died of SIGILL (exit status 132) at
/// its first message, mid-run for the progress line. And the commands that answer on stdout
/// (`stages`, `validate`, `explain`, `--dry-run`, `--help`) wrote through C's buffered stdout,
/// whose failure nobody checked: an empty file under exit status 0.
@Suite struct StandardStreamFailureTests {
    /// Runs textmill in `cwd` with its stdout and stderr going to the given handles (a pipe is
    /// made for a nil one and read): its exit status and what it wrote to the pipes.
    func textmill(_ arguments: [String], in cwd: String, stdout: FileHandle?, stderr: FileHandle?) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        let out = Pipe(), err = Pipe()
        p.standardOutput = stdout ?? out
        p.standardError = stderr ?? err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        if stdout == nil { try out.fileHandleForWriting.close() }
        if stderr == nil { try err.fileHandleForWriting.close() }
        let o = stdout == nil ? String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) : ""
        let e = stderr == nil ? String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) : ""
        p.waitUntilExit()
        return (p.terminationStatus, o, e)
    }

    func corpus() -> TemporaryDirectory {
        let dir = TemporaryDirectory()
        dir.write("in/council.txt", "The council met on Tuesday. \"We will not raise taxes,\" said Mayor Ann Lee, a former teacher.\n")
        dir.write("in/rain.txt", "Rain fell across the valley overnight. Farmers said the crops would recover quickly.\n")
        dir.write("in/empty.txt", "")
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: [normalize, sentences, quotes]\n")
        return dir
    }

    /// A run whose stderr is full writes its records and ends with its own status (1: the empty
    /// file failed), its warnings, progress line and summary lost, not the run.
    @Test func aRunWhoseStderrIsFullFinishesWithItsStatus() throws {
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { return }  // no /dev/full here
        let dir = corpus()
        let run = try textmill(["run", "p.yaml", "--progress", "-j", "1"], in: dir.path, stdout: nil, stderr: full)
        expectEqual(run.status, 1)
        expectEqual(try dir.records("out/corpus.jsonl").map { $0["id"]?.stringValue }, ["in/council.txt", "in/rain.txt"])
        expectEqual(try dir.records("out/corpus.errors.jsonl").map { $0["id"]?.stringValue }, ["in/empty.txt"])
        // A refusal too: its message is lost, its status is not.
        expectEqual(try textmill(["run", "p.yaml", "--jobs", "0"], in: dir.path, stdout: nil, stderr: full).status, 2)
    }

    /// Each command that answers on stdout exits 3 when stdout cannot be written, and says so.
    @Test func aCommandWhoseStdoutIsFullExitsThree() throws {
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { return }  // no /dev/full here
        let dir = corpus()
        let message = "textmill: cannot write 'stdout': No space left on device: what reached stdout is cut short; free space and run the command again\n"
        for args in [["stages", "--json"], ["stages"], ["validate", "p.yaml"], ["run", "p.yaml", "--dry-run"],
                     ["explain", "quotes", "in/council.txt"], ["--version"], ["run", "--help"]] {
            let r = try textmill(args, in: dir.path, stdout: full, stderr: nil)
            expectEqual(r.status, 3, "\(args)")
            expectEqual(r.stderr, message, "\(args)")
        }
        // Nothing was written by the dry run.
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")))
    }
}
