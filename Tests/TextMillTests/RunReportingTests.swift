import Foundation
import Testing
@testable import TextMill

/// Progress and statistics that tell the truth (issue "Runs that cannot lose or mix up data",
/// point 10), on real runs of the `textmill` binary where a user would see them.
@Suite struct RunReportingTests {
    let cli = CommandLineTests()

    @Test func statsKeysAreSnakeCaseAndFailuresCountAgainstTheirStage() throws {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts()
        // An HTML page reaches `normalize` without cleanup: that stage refuses it.
        dir.write("in/page.html", "<html><body><p>The council met on Monday.</p></body></html>")
        let config = dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize, sentences, quotes, dedup]\n")
        let r = try cli.textmill(["run", config, "--quiet"])
        expectEqual(r.status, 1)
        let stats = try #require(StateStore.readJSON(dir.file("out/corpus.stats.json"))?.objectValue)
        let stages = (stats["stages"]?.arrayValue ?? []).compactMap { $0.objectValue }
        expectEqual(stages.count, 4)
        var keys: [String] = []
        for stage in stages { keys += (stage["counts"]?.objectValue ?? JSONObject()).map(\.key) }
        #expect(!keys.isEmpty)
        #expect(keys.allSatisfy { $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" } }, "\(keys)")
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.count, 1)
        expectEqual(errors[0]["stage"], "normalize")
        // The errors file names its source the way the corpus does.
        expectEqual(errors[0]["source"], .object(JSONObject([("path", .string(dir.file("in/page.html"))), ("format", "html")])))
        let failed = Dictionary(uniqueKeysWithValues: stages.map { ($0["stage"]?.stringValue ?? "", $0["failed"]?.intValue ?? -1) })
        expectEqual(failed, ["normalize": 1, "sentences": 0, "quotes": 0, "dedup": 0])
    }

    @Test func noticesComeFirstAndAreNotRepeated() throws {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts(count: 2)
        let config = dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize]\n")
        expectEqual(try cli.textmill(["run", config]).status, 0)
        dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize, sentences]\n")
        let r = try cli.textmill(["run", config])
        let lines = r.stderr.split(separator: "\n").map(String.init)
        expectEqual(lines.first, "textmill: the config changed since the last run (the stages changed from [normalize] to [normalize, sentences]): reprocessing every file", "\(r.stderr)")
        expectEqual(lines.filter { $0.contains("reprocessing every file") }.count, 1)
    }

    @Test func theProgressLineFitsAndEndsComplete() {
        let progress = Progress(totalFiles: 3, totalBytes: 3_000_000, enabled: false)
        progress.read(bytes: 1_500_000)
        progress.documentDone(.output)
        progress.documentDone(.duplicates)
        progress.documentDone(.errors)
        progress.fileDone(size: 1_000_000)
        let wide = progress.line()
        #expect(wide.hasPrefix("textmill: 1/3 files, 3 docs, 1 dup, 1 failed, 1.5/3.0 MB, "), "\(wide)")
        for width in [40, 60, 80] {
            #expect(progress.line(width: width).count < width)
        }
        progress.fileDone(size: 1_000_000)
        progress.fileDone(size: 1_000_000)
        #expect(progress.line(final: true).hasPrefix("textmill: 3/3 files, 3 docs"))
        #expect(progress.line(final: true).contains("done in"))
    }

    /// Ctrl-C mid-run: the notice says what to do, and nothing half-written is left. The signal
    /// comes once the plugin has started (TextMill installs its notice before it starts any
    /// stage), not after a fixed pause: under load, a signal 1.5 s after the start came before the
    /// notice was installed and the run ended with nothing on stderr (seen in CI). stderr goes to
    /// a file, read once TextMill has ended: a pipe's end, inherited by a process another test
    /// started meanwhile, kept a read to its end waiting for 874 s.
    /// A run to a file: the next run finishes the work. A run to stdout keeps no state, and
    /// the notice said the same of it, though a second run starts again from the first document.
    @Test(arguments: [false, true]) func ctrlCSaysTheNextRunFinishesTheWork(toStandardOutput: Bool) throws {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts()
        dir.write("slow.py", "import sys, time\nopen(sys.argv[1], 'w').close()\nfor line in sys.stdin:\n    time.sleep(5)\n    print(line, end='', flush=True)\n")
        let output = toStandardOutput ? "\"-\"" : dir.file("out/corpus.jsonl")
        let config = dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(output)\nstages:\n  - exec: {command: [python3, \(dir.file("slow.py")), \(dir.file("started"))]}\n")
        let p = Process()
        // The test runner's threads block signals and a child inherits the mask: unblock them.
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import os, signal, sys; signal.pthread_sigmask(signal.SIG_SETMASK, []); os.execv(sys.argv[1], sys.argv[1:])",
                       CommandLineTests.binary, "run", config, "--quiet", "--jobs", "1"]
        dir.write("stderr.txt", "")
        let err = try #require(FileHandle(forWritingAtPath: dir.file("stderr.txt")))
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        // In the test's folder, so a file the run leaves in its working folder is seen.
        p.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        try p.run()
        for _ in 0..<1200 where !FileManager.default.fileExists(atPath: dir.file("started")) { usleep(50_000) }
        #expect(FileManager.default.fileExists(atPath: dir.file("started")), "the plugin did not start within 60 s")
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        try err.close()
        let stderr = dir.read("stderr.txt")
        #expect(p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGINT)
        if toStandardOutput {
            #expect(stderr.contains("textmill: interrupted. A run to stdout keeps no state: the records it wrote before the signal are all it wrote, and running the same command again starts from the first document (to resume a long run, write to a file: --output FILE)."), "\(stderr)")
            #expect(!stderr.contains("finish the work"), "\(stderr)")
        } else {
            #expect(stderr.contains("textmill: interrupted. The outputs are as the last finished run (or checkpoint) left them; run the same command again to finish the work."), "\(stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/corpus.jsonl")), "nothing half-written")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp") }.isEmpty, "no temporary file left")
    }

    @Test func statsDescribeTheOutputAsItStandsAndWhatThisRunDid() throws {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts()
        dir.write("in/wire.jsonl", "{\"id\": \"w1\", \"text\": \"The council met on Monday.\"}\n{\"id\": \"w2\", \"text\": \"The council met on Monday.\"}\nnot json\n")
        let config = dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize, dedup]\n")
        func stats() throws -> (output: JSONObject, run: JSONObject) {
            let o = try #require(StateStore.readJSON(dir.file("out/corpus.stats.json"))?.objectValue)
            return (o["output"]?.objectValue ?? JSONObject(), o["run"]?.objectValue ?? JSONObject())
        }
        func lines(_ name: String) -> Int { dir.read("out/" + name).split(separator: "\n").count }
        _ = try cli.textmill(["run", config, "--quiet"])
        let expected = JSONObject([("path", .string(dir.file("out/corpus.jsonl"))), ("records", JSONValue(lines("corpus.jsonl"))),
                                   ("duplicates", JSONValue(lines("corpus.duplicates.jsonl"))), ("errors", JSONValue(lines("corpus.errors.jsonl"))),
                                   ("filtered", JSONValue(0))])
        #expect(expected["duplicates"] == JSONValue(1) && expected["errors"] == JSONValue(1))
        expectEqual(try stats().output, expected)
        let firstRun = try stats().run
        // A run with nothing to do: the output is as it was, and this run wrote nothing.
        _ = try cli.textmill(["run", config, "--quiet"])
        expectEqual(try stats().output, expected)
        expectEqual(try stats().run["written"], JSONValue(0))
        // The figures it replaced are kept under `previous` (one level), to say what changed.
        let previous = try #require(StateStore.readJSON(dir.file("out/corpus.stats.json"))?.objectValue?["previous"]?.objectValue)
        #expect(previous["run"]?.objectValue == firstRun && previous["output"]?.objectValue == expected)
        #expect(previous["run"]?.objectValue?["previous"] == nil && previous["previous"] == nil)
        // One new file: the output grows by its record; this run wrote one.
        dir.write("in/more.txt", "The ferry resumed on Wednesday.\n")
        _ = try cli.textmill(["run", config, "--quiet"])
        expectEqual(try stats().output["records"], JSONValue(lines("corpus.jsonl")))
        expectEqual(lines("corpus.jsonl"), (expected["records"]?.intValue ?? 0) + 1)
        expectEqual(try stats().run["written"], JSONValue(1))
    }
}
