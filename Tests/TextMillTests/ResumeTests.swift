import Foundation
import Testing
@testable import TextMill

/// A run killed at any moment (kill -9) leaves valid outputs, and the next run ends with exactly
/// the records of an uninterrupted run.
@Suite(.serialized) struct ResumeTests {
    /// Many files made from the sample corpus, each one distinct.
    func corpus(_ dir: TemporaryDirectory, files: Int) {
        let texts = Repo.sampleTexts.map { Repo.bytes($0) }
        for i in 0..<files {
            dir.write(String(format: "in/%02d/doc-%05d.txt", i % 17, i), Array("Copy \(i) of a sample capture\n\n".utf8) + texts[i % texts.count])
        }
        var jsonl = ""
        for i in 0..<400 { jsonl += "{\"id\": \"wire-\(i)\", \"text\": \"Record \(i): the ports authority said traffic would return to normal by Friday.\"}\n" }
        dir.write("in/zz/wire.jsonl", jsonl)
    }

    func config(_ dir: TemporaryDirectory, output: String) -> String {
        // The default stages, dedup's persistent index included: a resumed run must restore it
        // to the journal's checkpoint to find exactly the duplicates an uninterrupted run finds.
        dir.write("pipeline-\(output).yaml", "input: \(dir.file("in"))\noutput: \(dir.file(output + "/corpus.jsonl"))\nstages: [cleanup, normalize, sentences, dedup]\n")
    }

    /// Every line of a JSONL file parses (no torn record) and no id repeats.
    func checkValid(_ path: String) -> [String] {
        let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        var ids: [String] = []
        for line in text.split(separator: "\n") {
            guard let o = try? JSONParser.parse(String(line)).objectValue, let id = o["id"]?.stringValue else {
                Issue.record("torn or invalid record in \(path)")
                continue
            }
            ids.append(id)
        }
        expectEqual(Set(ids).count, ids.count, "no record twice")
        return ids
    }

    @Test func killedRunsResumeToTheSameOutput() throws {
        let dir = TemporaryDirectory()
        corpus(dir, files: 600)
        let reference = config(dir, output: "reference")
        let clean = try CommandLineTests().textmill(["run", reference, "--quiet", "--jobs", "2"])
        expectEqual(clean.status, 0)
        let expected = dir.read("reference/corpus.jsonl")
        let expectedDuplicates = dir.read("reference/corpus.duplicates.jsonl")
        // Each capture is copied 120 times with a different first line: dedup keeps few of them.
        expectEqual(expected.split(separator: "\n").count + expectedDuplicates.split(separator: "\n").count, 1000)
        #expect(expectedDuplicates.split(separator: "\n").count > 500)

        let killed = config(dir, output: "killed")
        var resumedAfterCheckpoint = false
        let journal = dir.file("killed/.corpus.textmill/journal.jsonl")
        func checkpoints() -> Int {
            ((try? String(contentsOfFile: journal, encoding: .utf8)) ?? "").split(separator: "\n").count - 1
        }
        // Kills at fixed early moments, and runs that kill themselves (SIGKILL, `TEXTMILL_KILL_AT`)
        // right after they wrote their first checkpoint: those always leave work for the next run,
        // however fast the binary (an optimized one finished the whole corpus before a kill that
        // waited for a checkpoint to appear came, and the last run had nothing to resume).
        for delay in [0.1, 0.3, -1, -1, -1] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
            p.arguments = ["run", killed, "--quiet", "--jobs", "2", "--checkpoint-mb", "1"]
            if delay < 0 { p.environment = ProcessInfo.processInfo.environment.merging(["TEXTMILL_KILL_AT": "checkpoint-written:1"]) { $1 } }
            try p.run()
            if delay >= 0 {
                usleep(UInt32(delay * 1_000_000))
            } else {
                let deadline = Date().addingTimeInterval(120)
                while p.isRunning && Date() < deadline { usleep(20_000) }
                #expect(p.isRunning || p.terminationReason == .uncaughtSignal, "a run meant to die at its first checkpoint ended on its own")
            }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            // Whatever moment the kill came, the visible outputs are valid.
            if FileManager.default.fileExists(atPath: dir.file("killed/corpus.jsonl")) { _ = checkValid(dir.file("killed/corpus.jsonl")) }
            if checkpoints() > 0 { resumedAfterCheckpoint = true }
        }
        let finish = try CommandLineTests().textmill(["run", killed, "--jobs", "1", "--checkpoint-mb", "1"])
        expectEqual(finish.status, 0)
        #expect(finish.stderr.contains("resuming after"), "the last run picked up the killed run's work: \(finish.stderr)")
        #expect(resumedAfterCheckpoint, "at least one kill came after a checkpoint")
        _ = checkValid(dir.file("killed/corpus.jsonl"))
        expectEqual(dir.read("killed/corpus.jsonl"), expected)
        expectEqual(dir.read("killed/corpus.duplicates.jsonl"), expectedDuplicates)
    }
}
