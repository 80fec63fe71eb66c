import Foundation
import Testing
@testable import TextMill

/// Outputs and side files a run cannot write, or must not replace. A run that cannot write them
/// is refused before it reads anything (exit 3, nothing changed); one that finds out after its
/// records are committed (`NAME.stats.json`, a plugin log) says which file and exits 3, never 0.
///
/// Root writes everywhere, so as root the runs go as `nobody` (setpriv), on files it owns.
@Suite(.serialized) struct UnwritableOutputTests {
    static let nobody: uid_t = 65534

    /// Runs the built textmill in `dir`, as `nobody` when the tests run as root.
    func textmill(_ args: [String], in dir: TemporaryDirectory, environment: [String: String] = [:]) throws -> CommandLineTests.Result {
        try Self.run(args, in: dir, as: Self.nobody, environment: environment)
    }

    /// Runs the built textmill in `dir`: as `user` (setpriv, no extra groups) when given and the
    /// tests run as root; under `umask` (a shell sets it, then `exec`s) when given; with
    /// `environment` added to this process's.
    static func run(_ args: [String], in dir: TemporaryDirectory, as user: uid_t? = nil, umask: String? = nil,
                    environment: [String: String] = [:]) throws -> CommandLineTests.Result {
        var command = [CommandLineTests.binary] + args
        if let user, getuid() == 0 {
            command = ["/usr/bin/setpriv", "--reuid=\(user)", "--regid=\(user)", "--clear-groups"] + command
        }
        if let umask { command = ["/bin/sh", "-c", "umask \(umask) && exec \"$@\"", "sh"] + command }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst())
        p.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return .init(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// Gives everything in `dir` to the user the runs go as.
    func handOver(_ dir: TemporaryDirectory) {
        guard getuid() == 0 else { return }
        chmod(dir.path, 0o755)
        chown(dir.path, Self.nobody, Self.nobody)
        let names = FileManager.default.enumerator(atPath: dir.path)?.allObjects as? [String] ?? []
        for name in names { lchown(dir.file(name), Self.nobody, Self.nobody) }
    }

    /// Two short news texts in `in/` and a config that reads them into `out/corpus.jsonl`.
    func corpus(_ dir: TemporaryDirectory, stages: String = "[normalize]") {
        dir.write("in/a.txt", "Harbor City opened its new ferry terminal on Monday.\n\nThe mayor said the berths would reopen on Friday.\n")
        dir.write("in/b.txt", "The council approved the budget after a long night of debate.\n")
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: \(stages)\n")
    }

    /// The bytes of every file in `out/` and its state folder, by name.
    func snapshot(_ dir: TemporaryDirectory) -> [String: Data] {
        var files: [String: Data] = [:]
        for folder in ["out", "out/.corpus.textmill"] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.file(folder))) ?? [] {
                files[folder + "/" + name] = FileManager.default.contents(atPath: dir.file(folder + "/" + name))
            }
        }
        return files
    }

    /// The outputs as `NAME.stats.json` counts them.
    func statsRecords(_ dir: TemporaryDirectory) -> Int? {
        StateStore.readJSON(dir.file("out/corpus.stats.json"))?.objectValue?["output"]?.objectValue?["records"]?.intValue
    }

    /// An incremental run that only adds a file appends to the outputs in place: in a read-only
    /// output folder it did so, then failed to write NAME.stats.json, warned, and exited 0 with
    /// the figures of the run before. A read-only output file or state folder failed only at the
    /// commit, after every document was processed. Now each is refused before anything is read.
    @Test(arguments: [
        ("out", "cannot create files in 'out'"),
        ("out/corpus.errors.jsonl", "cannot open for writing 'out/corpus.errors.jsonl'"),
        ("out/.corpus.textmill", "cannot create files in 'out/.corpus.textmill'"),
    ])
    func anUnwritableOutputIsRefusedBeforeAnythingIsRead(readOnly: String, named: String) throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        handOver(dir)
        expectEqual(try textmill(["run", "p.yaml", "-q"], in: dir).status, 0)
        let before = snapshot(dir)
        dir.write("in/c.txt", "Fishermen say the new quota rules arrived too late for the season.\n")
        handOver(dir)
        var st = stat()
        stat(dir.file(readOnly), &st)
        chmod(dir.file(readOnly), st.st_mode & S_IFMT == S_IFDIR ? 0o555 : 0o444)
        let r = try textmill(["run", "p.yaml", "-q"], in: dir)
        chmod(dir.file(readOnly), st.st_mode & 0o7777)
        expectEqual(r.status, 3, "\(r.stderr)")
        // Nothing was read: the run says so, as --dry-run and validate do (it said "The previous
        // outputs are intact; … the next run finishes the work" of a run that had done no work).
        expectEqual(r.stderr, "textmill: a run could not write its outputs: \(named): Permission denied; make the output folder and its files writable, then run again (nothing was read or written)\n")
        expectEqual(snapshot(dir), before, "nothing was written")
        // Writable again: the next run adds the file, and the figures count it.
        let again = try textmill(["run", "p.yaml", "-q"], in: dir)
        expectEqual(again.status, 0, "\(again.stderr)")
        expectEqual(try dir.records("out/corpus.jsonl").map { $0["id"]?.stringValue }, ["in/a.txt", "in/b.txt", "in/c.txt"])
        expectEqual(statsRecords(dir), 3)
    }

    /// `validate` said OK to an output whose folder (or state folder) the run cannot write,
    /// which `run` and `--dry-run` refuse before they read anything (exit 3). It now checks the
    /// outputs with the same function (`RunOutputs.checkWritable`) and refuses it as they do,
    /// and neither `validate` nor `--dry-run` speaks of previous outputs or work to finish.
    @Test(arguments: ["out", "out/.corpus.textmill"])
    func validateAndADryRunRefuseAnOutputTheRunCannotWrite(readOnly: String) throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        handOver(dir)
        if readOnly == "out" {
            try FileManager.default.createDirectory(atPath: dir.file("out"), withIntermediateDirectories: true)
            handOver(dir)
        } else {
            expectEqual(try textmill(["run", "p.yaml", "-q"], in: dir).status, 0)
        }
        let before = snapshot(dir)
        chmod(dir.file(readOnly), 0o555)
        defer { chmod(dir.file(readOnly), 0o755) }
        let message = "textmill: a run could not write its outputs: cannot create files in '\(readOnly)': Permission denied; "
            + "make the output folder and its files writable, then run again (nothing was read or written)\n"
        for args in [["validate", "p.yaml"], ["run", "p.yaml", "--dry-run"]] {
            let r = try textmill(args, in: dir)
            expectEqual(r.status, 3, "\(args): \(r.stdout)\(r.stderr)")
            expectEqual(r.stderr, message, "\(args)")
            expectEqual(r.stdout, "", "\(args)")
        }
        expectEqual(try textmill(["run", "p.yaml", "-q"], in: dir).status, 3)
        expectEqual(snapshot(dir), before, "nothing was written")
        chmod(dir.file(readOnly), 0o755)
        let ok = try textmill(["validate", "p.yaml"], in: dir)
        expectEqual(ok.status, 0, "\(ok.stderr)")
    }

    /// A dedup index kept in a folder of its own (`index:`) that could not be written failed the
    /// run with exit 1, the status of failed documents ("cannot create the dedup index directory
    /// …", "cannot write …/index.2.bin.tmp.N"), after it had read everything. It is refused before
    /// anything is read, as the outputs are (exit 3).
    @Test func anUnwritableDedupIndexFolderIsRefusedBeforeAnythingIsRead() throws {
        let dir = TemporaryDirectory()
        corpus(dir, stages: "\n  - dedup: {index: shared/index}")
        try FileManager.default.createDirectory(atPath: dir.file("shared"), withIntermediateDirectories: true)
        handOver(dir)
        chmod(dir.file("shared"), 0o555)
        let r = try textmill(["run", "p.yaml", "-q"], in: dir)
        expectEqual(r.status, 3)
        expectEqual(r.stderr, "textmill: a run could not write its outputs: cannot create files in 'shared': Permission denied; make the output folder and its files writable, then run again (nothing was read or written)\n")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")), "nothing was written")
        chmod(dir.file("shared"), 0o755)
        expectEqual(try textmill(["run", "p.yaml", "-q"], in: dir).status, 0)
        // An index that exists and cannot be written, at the next run.
        dir.write("in/c.txt", "Fishermen say the new quota rules arrived too late for the season.\n")
        handOver(dir)
        chmod(dir.file("shared/index"), 0o555)
        defer { chmod(dir.file("shared/index"), 0o755) }
        let again = try textmill(["run", "p.yaml", "-q"], in: dir)
        expectEqual(again.status, 3)
        expectEqual(again.stderr, "textmill: a run could not write its outputs: cannot create files in 'shared/index': Permission denied; make the output folder and its files writable, then run again (nothing was read or written)\n")
    }

    /// NAME.stats.json is written after the records are committed. When it could not be, the run
    /// warned and exited 0, the figures left stale; it now exits 3 and says the records are
    /// written, which file is stale, and what to do. The next run writes the figures.
    @Test func statsThatCannotBeWrittenAfterTheCommitExitThree() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        handOver(dir)
        expectEqual(try textmill(["run", "p.yaml", "-q"], in: dir).status, 0)
        let stats = dir.read("out/corpus.stats.json")
        dir.write("in/c.txt", "Fishermen say the new quota rules arrived too late for the season.\n")
        handOver(dir)
        let r = try textmill(["run", "p.yaml", "-q"], in: dir, environment: ["TEXTMILL_FAIL_WRITE": "corpus.stats.json.tmp"])
        expectEqual(r.status, 3)
        expectEqual(r.stderr, "textmill: the records are written, but cannot write 'out/corpus.stats.json.tmp': No space left on device; 'out/corpus.stats.json' still holds the previous run's figures: free space and run again: the next run finishes the work\n")
        expectEqual(try dir.records("out/corpus.jsonl").count, 3, "the records are committed")
        expectEqual(dir.read("out/corpus.stats.json"), stats)
        #expect(!((try? FileManager.default.contentsOfDirectory(atPath: dir.file("out"))) ?? []).contains { $0.contains(".tmp") })
        let again = try textmill(["run", "p.yaml", "-q"], in: dir)
        expectEqual(again.status, 0, "\(again.stderr)")
        expectEqual(statsRecords(dir), 3)
    }

    /// A plugin log that cannot be opened or written dropped the plugin's stderr in silence
    /// (counted in the stats only) and the run exited 0. Here the plugin takes the write
    /// permission off the log's folder before its first line of stderr: the run ends, its records
    /// written, and exits 3 naming the log.
    @Test func aPluginLogThatCannotBeWrittenExitsThree() throws {
        let dir = TemporaryDirectory()
        corpus(dir, stages: "\n  - normalize\n  - exec: {command: [sh, -c, 'chmod 555 logs; echo starting >&2; exec cat'], log: logs/plugin.log}")
        try FileManager.default.createDirectory(atPath: dir.file("logs"), withIntermediateDirectories: true)
        handOver(dir)
        defer { chmod(dir.file("logs"), 0o755) }
        let r = try textmill(["run", "p.yaml", "-q", "-j", "1"], in: dir)
        expectEqual(r.status, 3, "\(r.stderr)")
        expectEqual(r.stderr, "textmill: the records are written, but cannot open for writing 'logs/plugin.log': Permission denied: make the output folder and its files writable and run again: the next run finishes the work\n")
        expectEqual(try dir.records("out/corpus.jsonl").count, 2)
    }

    /// Each run renames the previous plugin log to LOG.1: `log:` naming a device or a named pipe
    /// renamed it away (as root, `log: /dev/null` would have moved /dev/null) and put a file in
    /// its place. Such a log, or one in a folder that cannot be written, is a config error.
    @Test func aPluginLogThatIsNoFileIsAConfigError() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        expectEqual(mkfifo(dir.file("pipe"), 0o644), 0)
        dir.write("p-log.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - exec: {command: [cat], log: pipe}\n")
        let r = try CommandLineTests().textmill(["run", "p-log.yaml", "-q"], in: dir.path)
        expectEqual(r.status, 2)
        #expect(r.stderr.contains("stage 'exec' cannot start: the log file 'pipe' is a named pipe, not a file: each run renames the previous log to 'pipe.1' and starts a new file; name a file, or set log_max_mb: 0 to keep none of the plugin's stderr"), "\(r.stderr)")
        var st = stat()
        #expect(stat(dir.file("pipe"), &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
        #expect(!FileManager.default.fileExists(atPath: dir.file("pipe.1")))
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")), "nothing was read or written")
    }

    /// `textmill report` on a named pipe no one writes, or on a device such as /dev/zero, read
    /// for ever; it is refused (exit 2), as a report reads an output file a run wrote.
    @Test func aReportOfSomethingThatIsNoFileIsRefused() throws {
        let dir = TemporaryDirectory()
        expectEqual(mkfifo(dir.file("pipe.jsonl"), 0o644), 0)
        for (output, kind) in [(dir.file("pipe.jsonl"), "a named pipe"), ("/dev/zero", "a device")] {
            let r = try CommandLineTests().textmill(["report", output, "--out", dir.file("page.html")], in: dir.path)
            expectEqual(r.status, 2)
            expectEqual(r.stderr, "textmill: the output '\(output)' is \(kind), not a file a run wrote: a report reads an output file and the files beside it; name one, e.g. output/corpus.jsonl\n")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("page.html")))
    }

    /// A side file beside the output that is no file: the errors file linked to /dev/zero was
    /// read for ever (286 MB after 120 s), a named pipe no one writes hung the report. Refused
    /// (exit 2), naming the file; no page is written.
    @Test func aReportWhoseSideFileIsNoFileIsRefused() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        expectEqual(try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        for (file, kind) in [("out/corpus.errors.jsonl", "a device"), ("out/corpus.duplicates.jsonl", "a named pipe")] {
            try FileManager.default.removeItem(atPath: dir.file(file))
            if kind == "a device" {
                try FileManager.default.createSymbolicLink(atPath: dir.file(file), withDestinationPath: "/dev/zero")
            } else {
                expectEqual(mkfifo(dir.file(file), 0o644), 0)
            }
            let r = try CommandLineTests().textmill(["report", "out/corpus.jsonl"], in: dir.path)
            expectEqual(r.status, 2)
            expectEqual(r.stderr, "textmill: cannot read '\(file)': it is \(kind), not a file a run wrote; move it away (the next 'textmill run' writes the file anew)\n", "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.file("out/corpus.report.html")))
            try FileManager.default.removeItem(atPath: dir.file(file))
            dir.write(file, "")
        }
    }

    /// A folder given as exec's program (or as its script) passed the config check and failed
    /// every document ("cannot start …: Permission denied"; "the plugin exited with status 1"):
    /// it is a config error now, and a folder on PATH with the program's name is passed over.
    @Test func aPluginThatIsAFolderIsAConfigError() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        try FileManager.default.createDirectory(atPath: dir.file("plugins/tagger.py"), withIntermediateDirectories: true)
        for (command, message) in [("[\(dir.file("plugins"))]", "the program '\(dir.file("plugins"))' is a folder, not a program file"),
                                   ("[python3, plugins/tagger.py]", "the script 'plugins/tagger.py' is a folder, not a file")] {
            dir.write("p-exec.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - exec: {command: \(command)}\n")
            let r = try CommandLineTests().textmill(["validate", "p-exec.yaml"], in: dir.path)
            expectEqual(r.status, 2)
            #expect(r.stderr.contains("stage 'exec' cannot start: " + message), "\(r.stderr)")
        }
        expectEqual(ExecStage.findProgram(dir.file("plugins")), nil)
        #expect(ExecStage.findProgram("cat") != nil)
    }

    /// `textmill report --out` is written beside its path and renamed over it: a named pipe or a
    /// device there was replaced by a file, and a folder failed after the whole output was read,
    /// advising to free space. Both are refused up front (exit 2), untouched.
    @Test func aReportPageThatIsNoFileIsRefused() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        expectEqual(try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        expectEqual(mkfifo(dir.file("pipe"), 0o644), 0)
        try FileManager.default.createDirectory(atPath: dir.file("pages"), withIntermediateDirectories: true)
        for (target, kind) in [("pipe", "a named pipe"), ("pages", "a folder")] {
            let r = try CommandLineTests().textmill(["report", "out/corpus.jsonl", "--out", target], in: dir.path)
            expectEqual(r.status, 2)
            expectEqual(r.stderr, "textmill: the page's path '\(target)' is \(kind), not a file: a report replaces its page whole and would put a file in its place; name a file with --out, e.g. --out corpus.report.html\n")
        }
        var st = stat()
        #expect(stat(dir.file("pipe"), &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("pages")).isEmpty)
    }

    /// `report --out` naming the output itself replaced the corpus with the HTML page (exit 0,
    /// "wrote out/corpus.jsonl"); so did its errors file, its manifest or an input file of the
    /// corpus. Each is refused (exit 2), however spelled, and every file stays as it was.
    @Test func aReportPageThatIsOneOfTheOutputsFilesIsRefused() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        expectEqual(try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        expectEqual(symlink(dir.file("out"), dir.file("link")), 0)
        expectEqual(link(dir.file("out/corpus.jsonl"), dir.file("hard.jsonl")), 0)
        let before = snapshot(dir)
        let cases = [("out/corpus.jsonl", "the output"), ("out/../out/corpus.jsonl", "the output"), ("link/corpus.jsonl", "the output"),
                     ("hard.jsonl", "the output"), ("out/corpus.errors.jsonl", "the errors file"), ("out/corpus.stats.json", "the stats file"),
                     ("out/.corpus.textmill/manifest.json", "a file in the state folder"), ("link/.corpus.textmill/page.html", "a file in the state folder")]
        for (target, what) in cases {
            let r = try CommandLineTests().textmill(["report", "out/corpus.jsonl", "--out", target], in: dir.path)
            expectEqual(r.status, 2, "\(target)")
            expectEqual(r.stderr, "textmill: the page's path '\(target)' is \(what) of 'out/corpus.jsonl': a report replaces its page whole and would put the page in its place; name another file with --out, e.g. --out corpus.report.html\n", "\(target)")
        }
        expectEqual(snapshot(dir), before, "an output file changed")
        // An input the manifest lists, by its path or another spelling.
        let input = dir.read("in/a.txt")
        for target in ["in/a.txt", "link/../in/a.txt"] {
            let r = try CommandLineTests().textmill(["report", "out/corpus.jsonl", "--out", target], in: dir.path)
            expectEqual(r.status, 2, "\(target)")
            expectEqual(r.stderr, "textmill: the page's path '\(target)' is the input file 'in/a.txt' of 'out/corpus.jsonl': a report replaces its page whole and would put the page in its place; name another file with --out, e.g. --out corpus.report.html\n", "\(target): \(r.stderr)")
        }
        expectEqual(dir.read("in/a.txt"), input, "the input changed")
        // Its own page, and a page anywhere else, are written.
        for target in ["out/corpus.report.html", "page.html"] {
            expectEqual(try CommandLineTests().textmill(["report", "out/corpus.jsonl", "--out", target, ], in: dir.path).status, 0, "\(target)")
        }
        expectEqual(try CommandLineTests().textmill(["report", "link/corpus.jsonl"], in: dir.path).status, 0)
    }

    /// `report out/corpus.jsonl --out out/wire.jsonl` replaced another output of the folder with
    /// the page under exit 0 (and `--out out/.wire.textmill/manifest.json` its manifest), as `run
    /// -o` no longer does: refused, every file of the other output unchanged. A page of its own
    /// name, or anywhere else in the folder, is still written.
    @Test func aReportPageThatIsAnotherOutputsFileIsRefused() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        expectEqual(try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        expectEqual(try CommandLineTests().textmill(["run", "p.yaml", "-q", "-o", "out/wire.jsonl"], in: dir.path).status, 0)
        expectEqual(symlink(dir.file("out"), dir.file("link")), 0)
        func wire() -> [String: Data] {
            var files: [String: Data] = [:]
            for folder in ["out", "out/.wire.textmill"] {
                for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.file(folder))) ?? [] where name.hasPrefix("wire") || folder.hasSuffix("textmill") {
                    files[folder + "/" + name] = FileManager.default.contents(atPath: dir.file(folder + "/" + name))
                }
            }
            return files
        }
        let before = wire()
        let beside = "is a file of another output in its folder (an output or a side file beside its state folder '.NAME.textmill' or its figures 'NAME.stats.json')"
        let cases = [("out/wire.jsonl", beside), ("link/wire.jsonl", beside), ("out/wire.errors.jsonl", beside), ("out/wire.stats.json", beside),
                     ("out/.wire.textmill/manifest.json", "lies in the state folder '\(realpath(dir.file("out/.wire.textmill")))' of another output"),
                     ("link/.wire.textmill/page.html", "lies in the state folder '\(realpath(dir.file("out/.wire.textmill")))' of another output")]
        for (target, what) in cases {
            let r = try CommandLineTests().textmill(["report", "out/corpus.jsonl", "--out", target], in: dir.path)
            expectEqual(r.status, 2, "\(target)")
            expectEqual(r.stderr, "textmill: the page's path '\(target)' \(what): a report replaces its page whole and would put the page in its place; name another file with --out, e.g. --out corpus.report.html\n", "\(target): \(r.stderr)")
        }
        expectEqual(wire(), before, "a file of the other output changed")
        for target in ["out/corpus.report.html", "out/page.html", "link/page.html"] {
            expectEqual(try CommandLineTests().textmill(["report", "out/corpus.jsonl", "--out", target], in: dir.path).status, 0, "\(target)")
        }
        expectEqual(try CommandLineTests().textmill(["report", "out/wire.jsonl"], in: dir.path).status, 0)
    }

    /// `report OUT --out p.yaml` replaced the run's config (a file the report knows nothing of)
    /// with the page under exit 0. A file there that is not a page `report` wrote is refused
    /// (exit 2) and kept; an earlier page, an empty file and a new name are written.
    @Test func aReportPageOverAFileThatIsNotAPageIsRefused() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        expectEqual(try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        dir.write("notes.txt", "Tuesday: call the harbor master about the ferry timetable.\n")
        let config = dir.read("p.yaml"), notes = dir.read("notes.txt")
        for target in ["p.yaml", "notes.txt"] {
            let r = try CommandLineTests().textmill(["report", "out/corpus.jsonl", "--out", target], in: dir.path)
            expectEqual(r.status, 2, "\(target)")
            expectEqual(r.stderr, "textmill: the page's path '\(target)' is a file that is not a report page (it does not begin as one textmill writes, or it cannot be read): a report replaces its page whole and that file would be lost; name a new file with --out, e.g. --out corpus.report.html, or remove that one first\n", "\(target): \(r.stderr)")
        }
        #expect(dir.read("p.yaml") == config && dir.read("notes.txt") == notes, "a file was replaced")
        dir.write("empty.html", "")
        for target in ["page.html", "page.html", "empty.html", "out/corpus.report.html", "out/corpus.report.html"] {
            expectEqual(try CommandLineTests().textmill(["report", "out/corpus.jsonl", "--out", target], in: dir.path).status, 0, "\(target)")
            #expect(dir.read(target).hasPrefix("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta name=\"viewport\""), "\(target)")
        }
    }

    private func realpath(_ path: String) -> String {
        guard let r = Foundation.realpath(path, nil) else { return path }
        defer { free(r) }
        return String(cString: r)
    }
}

