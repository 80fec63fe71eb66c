import Foundation
import Testing
@testable import TextMill

/// A run whose threads the system will not make (a `pids.max` or `ulimit -u` limit): the
/// scheduler's threads are made parked and released together (`ThreadGroup`), and when one cannot
/// be made the run goes on one thread, with the records of any other run. With Foundation's
/// `Thread`, whose failure goes unseen, `textmill run p.yaml --jobs 16` under `ulimit -u 8`
/// waited for ever (main da28b40: the release binary until `timeout 20` ended it, 124; the debug
/// binary, under this test before `-s KILL`, was still running minutes after timeout's SIGTERM).
@Suite(.serialized) struct ThreadLimitTests {
    /// Forty short stories and an empty file, in `dir/in`, readable by everyone.
    func corpus(_ dir: TemporaryDirectory) {
        for i in 1...40 {
            dir.write("in/story-\(i).txt", "Story \(i)\n\nThe council of Harbor City voted on Tuesday night to repair \(i) bridges, the mayor said.\n\n\"We kept our word,\" she said.\n")
        }
        dir.write("in/empty.txt", "")
    }

    static let stages = "[normalize, sentences, quotes, dedup]"

    /// `textmill run` with `arguments` through `sh -c PREFIX`, its exit status.
    func run(_ dir: TemporaryDirectory, _ shell: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Int32 {
        try run(dir, shell, arguments, environment: environment, stderr: nil).status
    }

    /// `run`, with what it wrote on stderr when `stderr` is a pipe for it (else it is dropped).
    func run(_ dir: TemporaryDirectory, _ shell: String, _ arguments: [String], environment: [String: String] = [:],
             stderr: Pipe?) throws -> (status: Int32, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", shell + " \"$@\"", "sh", CommandLineTests.binary] + arguments
        p.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = stderr ?? FileHandle.nullDevice
        try p.run()
        let written = stderr.map { String(decoding: $0.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) } ?? ""
        p.waitUntilExit()
        return (p.terminationStatus, written)
    }

    func outputs(_ dir: TemporaryDirectory, _ name: String) -> [String] {
        ["corpus.jsonl", "corpus.errors.jsonl", "corpus.duplicates.jsonl", "corpus.filtered.jsonl"].map { dir.read("\(name)/\($0)") }
    }

    /// `TEXTMILL_FAIL_THREAD` refuses one of the scheduler's threads (the reader, a worker of the
    /// first or a later step, the progress line's): exit 1 (the empty file), the bytes of a run
    /// on one thread.
    @Test(arguments: ["textmill-reader", "textmill-step-0-0", "textmill-step-0-3", "textmill-step-1-0", "textmill-progress"])
    func aThreadThatCannotBeMadeLeavesTheRunOnOneThread(thread: String) throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        dir.write("p.yaml", "input: in\nstages: \(Self.stages)\n")
        expectEqual(try run(dir, "exec", ["run", "p.yaml", "-o", "one/corpus.jsonl", "--jobs", "1", "-q"]), 1)
        expectEqual(try run(dir, "exec", ["run", "p.yaml", "-o", "out/corpus.jsonl", "--jobs", "4", "--progress"],
                        environment: ["TEXTMILL_FAIL_THREAD": thread]), 1)
        expectEqual(outputs(dir, "out"), outputs(dir, "one"))
        expectEqual(try dir.records("out/corpus.jsonl").count, 40)
    }

    /// `--jobs 1` reads ahead on a reader thread (`ReadAhead`); refused that thread, the run reads
    /// on its own thread, as every `--jobs 1` run did before: the same records and the same dedup
    /// state either way, with a checkpoint after nearly every file (dedup saves its state at each,
    /// and the reader waits for the writer's journal line before marking the next) and in an
    /// incremental run after a file changed and one was added.
    @Test func aOneJobRunThatReadsAheadWritesWhatOneThreadWrites() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        dir.write("p.yaml", "input: in\nstages: \(Self.stages)\n")
        let oneThread = ["TEXTMILL_FAIL_THREAD": "textmill-reader"]
        func both() throws {
            let arguments = ["run", "p.yaml", "--jobs", "1", "-q", "--checkpoint-mb", "0.0001"]
            expectEqual(try run(dir, "exec", arguments + ["-o", "one/corpus.jsonl"], environment: oneThread), 1)
            expectEqual(try run(dir, "exec", arguments + ["-o", "out/corpus.jsonl"]), 1)
            expectEqual(outputs(dir, "out"), outputs(dir, "one"))
            // Dedup's records and every generation of its index.
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.file("out/.corpus.textmill/dedup")).filter { $0.hasSuffix(".bin") }.sorted()
            #expect(names.contains("records.bin") && names.count >= 2, "\(names)")
            expectEqual(try FileManager.default.contentsOfDirectory(atPath: dir.file("one/.corpus.textmill/dedup")).filter { $0.hasSuffix(".bin") }.sorted(), names)
            for name in names {
                #expect(FileManager.default.contentsEqual(atPath: dir.file("out/.corpus.textmill/dedup/\(name)"),
                                                          andPath: dir.file("one/.corpus.textmill/dedup/\(name)")), "\(name)")
            }
        }
        try both()
        expectEqual(try dir.records("out/corpus.jsonl").count, 40)
        dir.write("in/story-7.txt", "Story 7\n\nThe ferry from Harbor City ran late on Wednesday, the port said.\n")
        dir.write("in/story-41.txt", "Story 41\n\nThe council of Harbor City voted on Tuesday night to repair 41 bridges, the mayor said.\n")
        try both()
        expectEqual(try dir.records("out/corpus.jsonl").count, 41)
    }

    /// Whether a real limit on threads can be set: as `nobody` (root is not held to `ulimit -u`),
    /// so only when the tests run as root and the tools are there; else the test says it skipped.
    static var canLimitThreads: Bool {
        guard getuid() == 0, ["/usr/bin/setpriv", "/usr/bin/timeout", "/bin/bash"].allSatisfy({ FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("ThreadLimitTests: skipped, a limit on threads needs root to run as another user")
            return false
        }
        return true
    }

    /// The shell prefix (for `run`) that runs the binary as `nobody` with at most `processes`
    /// processes and threads. timeout -s KILL: a run that waits for a thread that never came
    /// fails the test (137) rather than hanging it; bash: dash's ulimit has no -u; 99: the limit
    /// could not be set.
    static func asNobody(processes: Int, killAfter seconds: Int) -> String {
        "exec /usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups /bin/bash -c 'ulimit -u \(processes) || exit 99; exec /usr/bin/timeout -s KILL \(seconds) \"$@\"' bash"
    }

    /// A real limit: as `nobody` (root is not held to `ulimit -u`), at most 8 processes and threads.
    @Test func aRunUnderAThreadLimitFinishesOnOneThread() throws {
        guard Self.canLimitThreads else { return }
        let dir = TemporaryDirectory()
        corpus(dir)
        dir.write("p.yaml", "input: in\nstages: \(Self.stages)\n")
        expectEqual(try run(dir, "exec", ["run", "p.yaml", "-o", "one/corpus.jsonl", "--jobs", "1", "-q"]), 1)
        chmod(dir.path, 0o777)
        let status = try run(dir, Self.asNobody(processes: 8, killAfter: 60),
                             ["run", "p.yaml", "-o", "out/corpus.jsonl", "--jobs", "16", "-q"])
        expectEqual(status, 1, "exit status \(status) (137: it hung and was killed after 60 s)")
        expectEqual(outputs(dir, "out"), outputs(dir, "one"))
    }

    // MARK: a plugin's stderr

    /// Five texts through a plugin that writes 300,000 bytes of stderr before each answer, more
    /// than a pipe holds: `exec-stderr`, the thread that copies it into the log, must not be
    /// needed for the plugin to go on.
    func noisyPlugin(_ dir: TemporaryDirectory) {
        dir.writeSampleTexts()
        let script = Repo.path("Tests/TextMillTests/Fixtures/plugins/hostile.py")
        dir.write("p.yaml", "input: in\nstages:\n  - normalize\n  - exec: {command: [python3, '\(script)', stderr, '', '300000'], timeout: 5}\n")
        chmod(dir.path, 0o777)
    }

    func pluginLog(_ dir: TemporaryDirectory, _ name: String, _ log: String = "exec-hostile.py.log") -> String { dir.read("\(name)/.corpus.textmill/\(log)") }

    /// `TEXTMILL_FAIL_THREAD=exec-stderr`: the thread that talks to the plugin copies its stderr,
    /// and the run ends as one with the thread: exit 0, the same records, the whole 1.5 MB log.
    @Test func aPluginsStderrIsCopiedWithoutAThreadOfItsOwn() throws {
        let dir = TemporaryDirectory()
        noisyPlugin(dir)
        expectEqual(try run(dir, "exec", ["run", "p.yaml", "-o", "one/corpus.jsonl", "--jobs", "1", "-q"]), 0)
        expectEqual(try run(dir, "exec", ["run", "p.yaml", "-o", "out/corpus.jsonl", "--jobs", "1", "-q"],
                        environment: ["TEXTMILL_FAIL_THREAD": "exec-stderr"]), 0)
        expectEqual(outputs(dir, "out"), outputs(dir, "one"))
        expectEqual(try dir.records("out/corpus.jsonl").count, 5)
        expectEqual(pluginLog(dir, "out").utf8.count, 5 * 300_000)
        expectEqual(pluginLog(dir, "out"), pluginLog(dir, "one"))
    }

    /// Without the thread, a plugin that writes more stderr than a pipe holds as it exits (300 KB
    /// once its input ends, as a long report or traceback would) is drained while the run waits
    /// for it to exit: before, the wait only slept, so the plugin blocked on its write until the
    /// 5 s grace ran out, was killed, and the log kept the first 64 KB.
    @Test func aPluginsStderrAtItsExitIsCopiedWithoutAThreadOfItsOwn() throws {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts()
        dir.write("p.yaml", "input: in\nstages:\n  - normalize\n  - exec: {command: [sh, -c, 'cat; head -c 300000 /dev/zero | tr \"\\\\0\" x >&2'], timeout: 20}\n")
        let status = try run(dir, "exec", ["run", "p.yaml", "-o", "out/corpus.jsonl", "--jobs", "1", "-q"],
                             environment: ["TEXTMILL_FAIL_THREAD": "exec-stderr"])
        expectEqual(status, 0)
        expectEqual(try dir.records("out/corpus.jsonl").count, 5)
        expectEqual(pluginLog(dir, "out", "exec-sh.log"), String(repeating: "x", count: 300_000))
    }

    /// Without the thread, a plugin whose stderr never stops (`yes >&2` beside it) still gets
    /// its records answered: the thread that talks to it copies at most `readsPerPump` reads of
    /// stderr between two looks at its answer, and its deadline is looked at between them.
    /// `timeout -s KILL 120`: a run that kept copying fails the test (137) instead of hanging it.
    @Test func aPluginThatNeverStopsWritingStderrStillAnswers() throws {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts()
        dir.write("p.yaml", "input: in\nstages:\n  - normalize\n  - exec: {command: [sh, -c, 'yes noise >&2 & exec cat'], timeout: 20, log_max_mb: 1}\n")
        let status = try run(dir, "exec /usr/bin/timeout -s KILL 120", ["run", "p.yaml", "-o", "out/corpus.jsonl", "--jobs", "1", "-q"],
                             environment: ["TEXTMILL_FAIL_THREAD": "exec-stderr"])
        expectEqual(status, 0, "exit status \(status) (137: it kept copying stderr and was killed after 120 s)")
        expectEqual(try dir.records("out/corpus.jsonl").count, 5)
        #expect(pluginLog(dir, "out", "exec-sh.log").hasPrefix("noise\nnoise\n"))
    }

    /// A real limit, as `nobody`: room for `timeout`, `textmill` and the plugin, none for a
    /// thread. Foundation's `Thread` failed unseen there, nothing read the stderr, and the plugin
    /// blocked on it: main db9088d, exit 1 after 30 s, every text "the plugin did not answer within
    /// 5 s". When another of nobody's processes takes the room the plugin cannot start, which
    /// proves nothing either way: only a run whose plugin started is judged. (A plugin that
    /// cannot start for want of processes stops the run, exit 3, "the run stopped: cannot start
    /// 'python3': Resource temporarily unavailable …", since session 31: `ProcessLimitError`;
    /// before, "cannot start python3" went to the errors file for every document.)
    @Test func aPluginsStderrUnderAThreadLimitIsCopied() throws {
        guard Self.canLimitThreads else { return }
        let dir = TemporaryDirectory()
        noisyPlugin(dir)
        let (status, stderr) = try run(dir, Self.asNobody(processes: 3, killAfter: 120),
                                       ["run", "p.yaml", "-o", "out/corpus.jsonl", "--jobs", "1", "-q"], stderr: Pipe())
        let errors = dir.read("out/corpus.errors.jsonl")
        #expect(!errors.contains("did not answer"), "\(errors)")
        #expect(!errors.contains("cannot start"), "a plugin the process limit kept from starting failed the documents: \(errors)")
        let pluginStarted = !(status == 3 && stderr.hasPrefix("textmill: the run stopped: cannot start "))
        if pluginStarted {
            expectEqual(status, 0, "exit status \(status)")
            expectEqual(try dir.records("out/corpus.jsonl").count, 5)
            expectEqual(pluginLog(dir, "out").utf8.count, 5 * 300_000)
        }
    }
}
