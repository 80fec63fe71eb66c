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
        dir.write("pipeline-\(output).yaml", "input: \(dir.file("in"))\noutput: \(dir.file(output + "/corpus.jsonl"))\nstages:\n  - normalize\n")
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
        #expect(Set(ids).count == ids.count, "no record twice")
        return ids
    }

    @Test func killedRunsResumeToTheSameOutput() throws {
        let dir = TemporaryDirectory()
        corpus(dir, files: 600)
        let reference = config(dir, output: "reference")
        let clean = try CommandLineTests().textmill(["run", reference, "--quiet", "--jobs", "2"])
        #expect(clean.status == 0)
        let expected = dir.read("reference/corpus.jsonl")
        #expect(expected.split(separator: "\n").count == 1000)

        let killed = config(dir, output: "killed")
        var resumedAfterCheckpoint = false
        for delay in [0.15, 0.4, 0.8, 1.3] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
            p.arguments = ["run", killed, "--quiet", "--jobs", "2", "--checkpoint-mb", "1"]
            try p.run()
            usleep(UInt32(delay * 1_000_000))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            // Whatever moment the kill came, the visible outputs are valid.
            if FileManager.default.fileExists(atPath: dir.file("killed/corpus.jsonl")) { _ = checkValid(dir.file("killed/corpus.jsonl")) }
            if let journal = try? String(contentsOfFile: dir.file("killed/.corpus.jsonl.textmill/journal.jsonl"), encoding: .utf8),
               journal.split(separator: "\n").count > 1 {
                resumedAfterCheckpoint = true
            }
        }
        let finish = try CommandLineTests().textmill(["run", killed, "--jobs", "1", "--checkpoint-mb", "1"])
        #expect(finish.status == 0)
        #expect(resumedAfterCheckpoint, "at least one kill came after a checkpoint")
        let ids = checkValid(dir.file("killed/corpus.jsonl"))
        #expect(ids.count == 1000)
        #expect(dir.read("killed/corpus.jsonl") == expected)
    }
}
