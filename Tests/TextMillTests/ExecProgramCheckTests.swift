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

    /// Expects `validate` to refuse each command (exit 2) with its message after `prefix`.
    func expectRefused(_ cases: [(command: String, message: String)], saying prefix: String, in dir: TemporaryDirectory,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        for (command, message) in cases {
            let r = try validate(command, in: dir)
            expectEqual(r.status, 2, "\(command)", sourceLocation: sourceLocation)
            #expect(r.stderr.contains(prefix + message), "\(command): \(r.stderr)", sourceLocation: sourceLocation)
        }
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
        try expectRefused(cases, saying: "stage 'exec' cannot start: ", in: dir)
        // Named as the messages say, each starts.
        for command in ["[python3, plugins/tag.py]", "[sh, ./plugins/tag.sh]", "[./tag]"] {
            expectEqual(try validate(command, in: dir).status, 0, "\(command)")
        }
    }

    /// A script whose `#!` line cannot start it passed the check (it is an executable file) and
    /// failed every document at run time: a missing interpreter (`#!/usr/bin/python`, which
    /// Debian 12 does not have) as "cannot start plugins/tag.py: No such file or directory" of a
    /// file that was there, and a script saved with Windows line ends (`#!/usr/bin/env python3`
    /// then a carriage return) as "the plugin exited with status 127". Each is refused at the
    /// command's line now, saying what the line names and how to fix it.
    @Test func aScriptWhoseFirstLineCannotStartItIsRefused() throws {
        let dir = TemporaryDirectory()
        dir.write("in/ferry.txt", "The ferry left at noon.\n")
        let body = "import sys\nfor line in sys.stdin: print(line, end='', flush=True)\n"
        let scripts = [("python.py", "#!/usr/bin/no-such-python\n"), ("crlf.py", "#!/usr/bin/env python3\r\n"), ("cr.py", "#!/usr/bin/python3\r\n"),
                       ("env.py", "#!/usr/bin/env no-such-python-xyz\n"), ("bare.py", "#!\n"), ("fine.py", "#!/usr/bin/env python3\n"),
                       ("fine.sh", "#! /bin/sh -e\nexec cat\n"), ("plain.py", "")]
        for (name, first) in scripts {
            dir.write("plugins/\(name)", first + (name.hasSuffix(".sh") ? "" : body))
            expectEqual(chmod(dir.file("plugins/\(name)"), 0o755), 0)
        }
        let remedy = { (script: String) in "or name its interpreter first, e.g. command: [python3, plugins/\(script)]" }
        let crlf = "which ends in a carriage return (the file has Windows line ends, CR LF): the system takes it as part of the interpreter's name or last argument; convert the file, e.g. sed -i 's/\\r$//' plugins/"
        let cases: [(String, String)] = [
            ("[plugins/python.py]", "the program 'plugins/python.py' starts with '#!/usr/bin/no-such-python', and '/usr/bin/no-such-python' does not exist: change its first line (e.g. #!/usr/bin/env python3), \(remedy("python.py"))"),
            ("[plugins/crlf.py]", "the program 'plugins/crlf.py' starts with '#!/usr/bin/env python3\\r', \(crlf)crlf.py, \(remedy("crlf.py"))"),
            ("[plugins/cr.py]", "the program 'plugins/cr.py' starts with '#!/usr/bin/python3\\r', \(crlf)cr.py, \(remedy("cr.py"))"),
            ("[plugins/env.py]", "the program 'plugins/env.py' starts with '#!/usr/bin/env no-such-python-xyz', and 'no-such-python-xyz' is not on its PATH ('/usr/bin:/bin'): install it or change the script's first line, \(remedy("env.py"))"),
            ("[plugins/bare.py]", "the program 'plugins/bare.py' starts with '#!', which names no interpreter: write one, e.g. #!/usr/bin/env python3, \(remedy("bare.py"))"),
        ]
        for (command, message) in cases {
            dir.write("p-exec.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - exec: {command: \(command)}\n")
            let r = try CommandLineTests().textmill(["run", "p-exec.yaml", "-q"], in: dir.path, environment: ["PATH": "/usr/bin:/bin"])
            expectEqual(r.status, 2, "\(command)")
            expectEqual(r.stderr, "textmill: the config is wrong:\np-exec.yaml:4:21: error: stage 'exec' cannot start: \(message)\n  check its option 'command'\n", "\(command)")
            #expect(!FileManager.default.fileExists(atPath: dir.file("out")), "\(command)")
        }
        // A first line that starts its script, with or without a space after '#!', and a script
        // without one (the system's own message says why it cannot start) pass the check; a
        // PATH that `env` sets is the program's, not looked through here.
        for command in ["[plugins/fine.py]", "[plugins/fine.sh]", "[plugins/plain.py]", "[plugins/env.py], env: {PATH: /opt/tools/bin}"] {
            expectEqual(try validate(command, in: dir).status, 0, "\(command)")
        }
        dir.write("p-exec.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - exec: {command: [plugins/fine.py]}\n")
        expectEqual(try CommandLineTests().textmill(["run", "p-exec.yaml", "-q"], in: dir.path).status, 0)
        expectEqual(try dir.records("out/corpus.jsonl").map { $0["text"]?.stringValue ?? "" }, ["The ferry left at noon.\n"])
    }

    /// The system passes each argument and variable as a C string, `NAME=VALUE`: a NUL byte cut
    /// the string short there, and a name holding '=' set another variable. `env: {LANG=C.UTF-8}`
    /// (YAML's key without a value, a docker habit) gave the program LANG=`C.UTF-8=`, an empty
    /// name gave it nothing, and `"arg\0more"` reached it as `arg`, each under exit 0.
    @Test func argumentsAndVariablesTheSystemCannotPassAreRefused() throws {
        let dir = TemporaryDirectory()
        dir.write("in/ferry.txt", "The ferry left at noon.\n")
        dir.write("plugins/tag.py", "import os, sys, json\nfor line in sys.stdin:\n    r = json.loads(line)\n    r['env'] = [os.environ.get('LANG'), os.environ.get('TAG')]\n    r['argv'] = sys.argv[1:]\n    print(json.dumps(r), flush=True)\n")
        let cases: [(String, String)] = [
            ("[python3, plugins/tag.py], env: {LANG=C.UTF-8}", "4:53: error: stage 'exec' cannot start: the variable name 'LANG=C.UTF-8' in 'env' is empty or holds '=' or a NUL byte, which no variable's name can: the program would get another variable, or none: write it as a name and its value, e.g. env: {LANG: C.UTF-8}\n  check its option 'env'"),
            ("[python3, plugins/tag.py], env: {'': C}", "4:53: error: stage 'exec' cannot start: the variable name '' in 'env' is empty or holds '=' or a NUL byte, which no variable's name can: the program would get another variable, or none\n  check its option 'env'"),
            ("[python3, plugins/tag.py], env: {TAG: \"a\\0b\"}", "4:53: error: stage 'exec' cannot start: the value of 'TAG' in 'env' ('a\\u{0}b') holds a NUL byte, where the system ends it: remove it\n  check its option 'env'"),
            ("[python3, plugins/tag.py, \"--tag\\0x\"]", "4:21: error: stage 'exec' cannot start: entry 3 of 'command' ('--tag\\u{0}x') holds a NUL byte, where the system ends each argument: remove it (a program cannot be given one)\n  check its option 'command'"),
        ]
        try expectRefused(cases, saying: "p-exec.yaml:", in: dir)
        // Written as the messages say, the program gets what the config gives; '=' in a value is no fault.
        dir.write("p-exec.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - exec: {command: [python3, plugins/tag.py, --tag], env: {LANG: C.UTF-8, TAG: a=b}}\n")
        expectEqual(try CommandLineTests().textmill(["run", "p-exec.yaml", "-q"], in: dir.path).status, 0)
        expectEqual(try dir.records("out/corpus.jsonl").map { "\($0["env"]?.jsonText ?? "") \($0["argv"]?.jsonText ?? "")" }, ["[\"C.UTF-8\",\"a=b\"] [\"--tag\"]"])
    }
}
