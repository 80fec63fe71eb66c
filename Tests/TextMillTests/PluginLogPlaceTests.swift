import Foundation
import Testing
@testable import TextMill

/// exec's log among the inputs: the run never reads its own log, nor the previous run's kept as
/// LOG.1, and never moves a document of the inputs away to write a log in its place.
@Suite struct PluginLogPlaceTests {
    let cli = CommandLineTests()
    static let plugin = "import sys\nfor line in sys.stdin:\n    sys.stderr.write('tagged\\n'); sys.stderr.flush()\n    sys.stdout.write(line); sys.stdout.flush()\n"

    func setUp(_ dir: TemporaryDirectory, log: String) {
        dir.write("in/ferry.txt", "The ferry left at noon.\n")
        dir.write("in/budget.txt", "The council approved the budget.\n")
        dir.write("tag.py", Self.plugin)
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - exec: {command: [python3, tag.py], log: \(log)}\n")
    }

    func ids(_ dir: TemporaryDirectory) throws -> [String] {
        try dir.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }
    }

    /// Two exec stages running one script shared its default log: each run, the second moved
    /// the first's log to LOG.1 and wrote over it, so the first stage's stderr and the previous
    /// run's log were gone. The second stage's log is `exec-SCRIPT-2.log`; two `log` options
    /// naming one file are refused before anything is read.
    @Test func twoExecStagesRunningOneScriptEachKeepTheirLog() throws {
        let dir = TemporaryDirectory()
        dir.write("in/ferry.txt", "The ferry left at noon.\n")
        dir.write("in/budget.txt", "The council approved the budget.\n")
        dir.write("tag.py", "import sys\nfor line in sys.stdin:\n    sys.stderr.write(sys.argv[1] + '\\n'); sys.stderr.flush()\n    sys.stdout.write(line); sys.stdout.flush()\n")
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - exec: {command: [python3, tag.py, first]}\n  - exec: {command: [python3, tag.py, second]}\n")
        for run in 1...2 {
            let r = try cli.textmill(["run", "p.yaml", "-q", "--force"], in: dir.path)
            expectEqual(r.status, 0, "run \(run): \(r.stderr)")
        }
        for (log, said) in [("exec-tag.py.log", "first"), ("exec-tag.py-2.log", "second")] {
            expectEqual(dir.read("out/.corpus.textmill/" + log), "\(said)\n\(said)\n", "\(log)")
            expectEqual(dir.read("out/.corpus.textmill/" + log + ".1"), "\(said)\n\(said)\n", "\(log).1")
        }

        dir.write("q.yaml", "input: in/\noutput: out/q.jsonl\nstages:\n  - exec: {command: [python3, tag.py, first], log: out/tag.log}\n  - exec: {command: [python3, tag.py, second], log: out/tag.log}\n")
        let refused = try cli.textmill(["run", "q.yaml", "-q"], in: dir.path)
        expectEqual(refused.status, 2)
        #expect(refused.stderr.contains("q.yaml:5:") && refused.stderr.contains("error: stage 'exec' writes 'out/tag.log', which the stage on line 4 writes too: each run would move the other's file away and write over it"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/q.jsonl")))
    }

    /// A plugin run through a shell (`[sh, -c, 'python3 tag.py first']`) or with an option
    /// before its script (`[python3, -u, tag.py]`) had its log named after that option
    /// (`exec--c.log`, `exec--u.log`: main a21feae), saying nothing of which plugin wrote it; and
    /// the shell's code, ending in `.py`, was refused as a script that does not exist (exit 2).
    /// Now the log is named after the script (`exec-tag.py.log`), or the program when the code
    /// is inline (`exec-sh.log`, a second such stage `exec-sh-2.log`).
    @Test func aLogIsNamedAfterThePluginNotAnOption() throws {
        let dir = TemporaryDirectory()
        dir.write("in/ferry.txt", "The ferry left at noon.\n")
        dir.write("tag.py", "import sys\nfor line in sys.stdin:\n    sys.stderr.write(sys.argv[1] + '\\n'); sys.stderr.flush()\n    sys.stdout.write(line); sys.stdout.flush()\n")
        dir.write("p.yaml", """
            input: in/
            output: out/corpus.jsonl
            stages:
              - exec: {command: [sh, -c, "python3 tag.py shell"]}
              - exec: {command: [python3, -u, tag.py, unbuffered]}
              - exec: {command: [sh, -c, "python3 tag.py again"]}
              - exec: {command: [python3, -m, tagmod]}

            """)
        dir.write("tagmod.py", "import sys\nsys.stderr.write('module\\n')\nfor line in sys.stdin:\n    sys.stdout.write(line); sys.stdout.flush()\n")
        let r = try cli.textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(r.status, 0, "\(r.stderr)")
        let logs = try FileManager.default.contentsOfDirectory(atPath: dir.file("out/.corpus.textmill")).filter { $0.hasPrefix("exec-") }.sorted()
        expectEqual(logs, ["exec-sh-2.log", "exec-sh.log", "exec-tag.py.log", "exec-tagmod.log"])
        expectEqual(dir.read("out/.corpus.textmill/exec-sh.log"), "shell\n")
        expectEqual(dir.read("out/.corpus.textmill/exec-tag.py.log"), "unbuffered\n")
        expectEqual(dir.read("out/.corpus.textmill/exec-sh-2.log"), "again\n")
        expectEqual(dir.read("out/.corpus.textmill/exec-tagmod.log"), "module\n")

        // Shell code that ends in `.py` is code, not a script file to look for.
        dir.write("q.yaml", "input: in/\noutput: out/q.jsonl\nstages:\n  - exec: {command: [sh, -c, \"exec python3 tag.py\"]}\n")
        let valid = try cli.textmill(["validate", "q.yaml"], in: dir.path)
        expectEqual(valid.status, 0, "\(valid.stderr)")
    }

    /// A `log:` that was a symbolic link (logs/tag.log → logs/runs/tag.log) was renamed itself
    /// to LOG.1 and a plain file took its place, the target never written (a dangling link's
    /// target was created instead). Refused before anything is read (exit 2), as an output that
    /// is a link is, with the target named; `validate` says the same; the link is untouched.
    @Test func aLogThatIsASymbolicLinkIsRefusedWithItsTarget() throws {
        let dir = TemporaryDirectory()
        setUp(dir, log: "logs/tag.log")
        dir.write("logs/runs/tag.log", "the last run's stderr\n")
        try FileManager.default.createSymbolicLink(atPath: dir.file("logs/tag.log"), withDestinationPath: "runs/tag.log")
        let target = try #require(realpath(dir.file("logs/runs/tag.log"), nil))
        defer { free(target) }
        let expected = "the log file 'logs/tag.log' is a symbolic link to '\(String(cString: target))': each run renames the previous log to 'logs/tag.log.1' and starts a new file, which would move the link there and put a plain file in its place, leaving '\(String(cString: target))' as it was; name the target itself (log: '\(String(cString: target))'), or remove the link"
        for command in [["run", "p.yaml", "-q"], ["validate", "p.yaml"], ["run", "p.yaml", "--dry-run"]] {
            let r = try cli.textmill(command, in: dir.path)
            expectEqual(r.status, 2, "\(command)")
            #expect(r.stderr.contains("p.yaml:4:") && r.stderr.contains(expected), "\(command): \(r.stderr)")
        }
        expectEqual(try FileManager.default.destinationOfSymbolicLink(atPath: dir.file("logs/tag.log")), "runs/tag.log")
        expectEqual(dir.read("logs/runs/tag.log"), "the last run's stderr\n")
        #expect(!FileManager.default.fileExists(atPath: dir.file("logs/tag.log.1")))
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/corpus.jsonl")))

        // A dangling link: its target was created and written through it.
        try FileManager.default.removeItem(atPath: dir.file("logs/runs/tag.log"))
        let dangling = try cli.textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(dangling.status, 2)
        #expect(dangling.stderr.contains("is a symbolic link to '") && dangling.stderr.contains("runs/tag.log'"), "\(dangling.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("logs/runs/tag.log")))

        // The target named itself is written, and kept as LOG.1 by the next run.
        try FileManager.default.removeItem(atPath: dir.file("logs/tag.log"))
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - exec: {command: [python3, tag.py], log: logs/runs/tag.log}\n")
        for run in 1...2 {
            let r = try cli.textmill(["run", "p.yaml", "-q", "--force"], in: dir.path)
            expectEqual(r.status, 0, "run \(run): \(r.stderr)")
        }
        expectEqual(dir.read("logs/runs/tag.log"), "tagged\ntagged\n")
        expectEqual(dir.read("logs/runs/tag.log.1"), "tagged\ntagged\n")
    }

    /// A `log:` naming one of the output's own files: each run moved that file to LOG.1 and
    /// wrote the plugin's stderr in its place. `log: out/corpus.jsonl` moved the records to
    /// corpus.jsonl.1 under exit 0 (the commit then replaced the log), and the next run, which
    /// appends in place, appended its records to the plugin's stderr and said "the previous
    /// outputs are intact" (exit 3); a log at the manifest replaced the manifest. Refused before
    /// anything is read (exit 2), however spelled; `--dry-run` says the same. A log of the
    /// plugin logs' own place in the state folder is written as before, and an empty `log` is a
    /// config error (it failed at the end of the run, "the records are written, but …").
    @Test func aLogThatIsOneOfTheOutputsOwnFilesIsRefused() throws {
        let dir = TemporaryDirectory()
        setUp(dir, log: "tag.log")
        expectEqual(try cli.textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        let records = dir.read("out/corpus.jsonl")
        let refused: [(log: String, what: String)] = [
            ("out/corpus.jsonl", "the output"), ("./out/../out/corpus.errors.jsonl", "the errors file"), ("out/corpus.stats.json", "the stats file"),
            ("out/.corpus.textmill/manifest.json", "a file in the state folder"),
        ]
        for (log, what) in refused {
            dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - exec: {command: [python3, tag.py], log: \(log)}\n")
            for command in [["run", "p.yaml", "-q"], ["run", "p.yaml", "--dry-run"]] {
                let r = try cli.textmill(command, in: dir.path)
                expectEqual(r.status, 2, "\(log) \(command)")
                expectEqual(r.stderr, "textmill: '\(log)', a file a stage writes (exec's log, kept as LOG.1 by the next run), is \(what) of 'out/corpus.jsonl': each run moves the log away to LOG.1 and writes the plugin's stderr in its place; name a log outside the output's files\n", "\(log) \(command)")
            }
        }
        expectEqual(dir.read("out/corpus.jsonl"), records)
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/corpus.jsonl.1")))
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/.corpus.textmill/manifest.json.1")))

        // The plugin logs' own place, named: written as the default log is.
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - exec: {command: [python3, tag.py], log: out/.corpus.textmill/exec-mine.log}\n")
        let named = try cli.textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(named.status, 0, "\(named.stderr)")
        expectEqual(dir.read("out/.corpus.textmill/exec-mine.log"), "tagged\ntagged\n")

        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - exec: {command: [python3, tag.py], log: \"\"}\n")
        let empty = try cli.textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(empty.status, 2)
        #expect(empty.stderr.contains("p.yaml:4:") && empty.stderr.contains("the log file's path is empty: name a file, leave 'log' out for the default (the state folder's exec-SCRIPT.log), or set log_max_mb: 0 to keep none of the plugin's stderr"), "\(empty.stderr)")
    }

    /// From the third run on, the log kept as `in/tag.log.1` was read as a document.
    @Test func aLogInTheInputFolderIsNeverRead() throws {
        let dir = TemporaryDirectory()
        setUp(dir, log: "in/tag.log")
        for run in 1...3 {
            let r = try cli.textmill(["run", "p.yaml", "-q", "--force"], in: dir.path)
            expectEqual(r.status, 0, "run \(run): \(r.stderr)")
            expectEqual(try ids(dir), ["in/budget.txt", "in/ferry.txt"], "run \(run)")
        }
        expectEqual(dir.read("in/tag.log"), "tagged\ntagged\n")
        expectEqual(dir.read("in/tag.log.1"), "tagged\ntagged\n")
    }

    /// A log naming a document of the inputs moved it to LOG.1 (and skipped it as input): the
    /// next run's rename lost it. Refused before anything is read, the document untouched.
    @Test func aLogThatIsAnInputDocumentIsRefused() throws {
        let dir = TemporaryDirectory()
        setUp(dir, log: "in/ferry.txt")
        let r = try cli.textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(r.status, 2)
        expectEqual(r.stderr, "textmill: 'in/ferry.txt', a file a stage writes (exec's log, kept as LOG.1 by the next run), is one of the input files, and no textmill run wrote it (it has no state folder 'out/.corpus.textmill' and no 'out/corpus.stats.json'): the run would move that input away and write in its place. Name a log outside the inputs, or move the file out of them\n", "\(r.stderr)")
        expectEqual(dir.read("in/ferry.txt"), "The ferry left at noon.\n")
        #expect(!FileManager.default.fileExists(atPath: dir.file("in/ferry.txt.1")))
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/corpus.jsonl")))

        // The same log named after a run that read in/ferry.txt as a document.
        dir.write("p-first.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - exec: {command: [python3, tag.py]}\n")
        expectEqual(try cli.textmill(["run", "p-first.yaml", "-q"], in: dir.path).status, 0)
        let later = try cli.textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(later.status, 2)
        expectEqual(later.stderr, "textmill: 'in/ferry.txt', a file a stage writes (exec's log, kept as LOG.1 by the next run), is one of the input files, and the last run read it as a document: the run would move that input away and write in its place. Name a log outside the inputs, or move the file out of them\n", "\(later.stderr)")
        expectEqual(dir.read("in/ferry.txt"), "The ferry left at noon.\n")
        expectEqual(try ids(dir), ["in/budget.txt", "in/ferry.txt"])
    }

    /// A run to stdout keeps no state: the second run with its log among the inputs is refused
    /// (nothing shows the first run wrote it), and the message said it had no state folder
    /// '.textmill.textmill' and no 'stats.json', names of no file. It says why now.
    @Test func aRunToStdoutWithItsLogAmongTheInputsSaysWhyItIsRefused() throws {
        let dir = TemporaryDirectory()
        setUp(dir, log: "in/tag.log")
        let first = try cli.textmill(["run", "p.yaml", "-q", "-o", "-"], in: dir.path)
        expectEqual(first.status, 0, "\(first.stderr)")
        expectEqual(dir.read("in/tag.log"), "tagged\ntagged\n")
        let second = try cli.textmill(["run", "p.yaml", "-q", "-o", "-"], in: dir.path)
        expectEqual(second.status, 2)
        #expect(second.stdout.isEmpty)
        expectEqual(second.stderr, "textmill: 'in/tag.log', a file a stage writes (exec's log, kept as LOG.1 by the next run), is one of the input files, and a run to stdout keeps no state that would show an earlier run wrote it: the run would move that input away and write in its place. Name a log outside the inputs, or move the file out of them\n", "\(second.stderr)")
        expectEqual(dir.read("in/tag.log"), "tagged\ntagged\n")
        #expect(!FileManager.default.fileExists(atPath: dir.file("in/tag.log.1")))
    }
}
