import Foundation
import Testing
@testable import TextMill

/// exec's program is checked before any input is read, and the message says what is wrong with
/// it: a script that is there but not executable said "was not found (not a file, and not on
/// PATH)", which sent the user looking for a file they could see.
@Suite struct ExecProgramCheckTests {
    func validate(_ command: String, in dir: TemporaryDirectory) throws -> CommandLineTests.Result {
        dir.write("p-exec.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - exec: {command: \(command)}\n")
        return try CommandLineTests().textmill(["validate", "p-exec.yaml"], in: dir.path)
    }

    /// A job with an empty environment (`env -i`, some cron and container set-ups) has no PATH:
    /// a program in /usr/bin still starts, and one that is not found says that PATH is not set
    /// (it said "not on PATH", as if the user's PATH had been searched).
    @Test func aJobWithoutPathIsToldThatPathIsNotSet() throws {
        let dir = TemporaryDirectory()
        dir.write("in/ferry.txt", "The ferry left at noon.\n")
        func validate(_ command: String) throws -> CommandLineTests.Result {
            dir.write("p-exec.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - exec: {command: \(command)}\n")
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
            p.arguments = ["validate", "p-exec.yaml"]
            p.currentDirectoryURL = URL(fileURLWithPath: dir.path)
            p.environment = [:]
            let err = Pipe()
            p.standardOutput = FileHandle.nullDevice
            p.standardError = err
            p.standardInput = FileHandle.nullDevice
            try p.run()
            let e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return .init(status: p.terminationStatus, stdout: "", stderr: String(decoding: e, as: UTF8.self))
        }
        expectEqual(try validate("[sh, -c, 'exec cat']").status, 0)
        let missing = try validate("[no-such-tagger-xyz]")
        expectEqual(missing.status, 2)
        #expect(missing.stderr.contains("stage 'exec' cannot start: the program 'no-such-tagger-xyz' was not found: PATH is not set (a job started with an empty environment, e.g. env -i), so only /usr/bin and /bin were searched; set PATH for the job, or name the program with its folder, e.g. command: [/usr/local/bin/no-such-tagger-xyz]"), "\(missing.stderr)")
    }

    @Test func aProgramThatIsThereButCannotRunSaysWhy() throws {
        let dir = TemporaryDirectory()
        dir.write("in/ferry.txt", "The ferry left at noon.\n")
        dir.write("plugins/tag.py", "import sys\nfor line in sys.stdin: print(line, end='', flush=True)\n")
        dir.write("plugins/tag.sh", "#!/bin/sh\nexec cat\n")
        dir.write("tag", "#!/bin/sh\nexec cat\n")
        expectEqual(chmod(dir.file("tag"), 0o755), 0)
        let cases: [(String, String)] = [
            ("[plugins/tag.py]", "the program 'plugins/tag.py' is a file but not executable: make it executable (chmod +x), or name its interpreter first, e.g. command: [python3, plugins/tag.py]"),
            ("[./plugins/tag.sh]", "the program './plugins/tag.sh' is a file but not executable: make it executable (chmod +x), or name its interpreter first, e.g. command: [sh, ./plugins/tag.sh]"),
            ("[tag]", "the program 'tag' is not on PATH; a program in the current folder is named with its folder, e.g. command: [./tag]"),
            ("[plugins/none.py]", "the program 'plugins/none.py' was not found (not a file, and not on PATH)"),
            // A whole command line in one string (it was only "not found"), as a string or as
            // the list's one item.
            ("python3 plugins/tag.py", "the program 'python3 plugins/tag.py' was not found (not a file, and not on PATH): 'command' is a list, the program and then each of its arguments, e.g. command: [python3, plugins/tag.py]"),
            ("[python3 -u plugins/tag.py]", "the program 'python3 -u plugins/tag.py' was not found (not a file, and not on PATH): 'command' is a list, the program and then each of its arguments, e.g. command: [python3, -u, plugins/tag.py]"),
            ("[no-such-tagger plugins/tag.py]", "the program 'no-such-tagger plugins/tag.py' was not found (not a file, and not on PATH)\n"),
        ]
        for (command, message) in cases {
            let r = try validate(command, in: dir)
            expectEqual(r.status, 2, "\(command)")
            #expect(r.stderr.contains("stage 'exec' cannot start: " + message), "\(command): \(r.stderr)")
        }
        // Named as the messages say, each starts.
        for command in ["[python3, plugins/tag.py]", "[sh, ./plugins/tag.sh]", "[./tag]"] {
            expectEqual(try validate(command, in: dir).status, 0, "\(command)")
        }
    }
}
