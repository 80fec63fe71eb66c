import Foundation
import Testing
@testable import TextMill

/// An incremental run with dedup killed at any moment: the same command run again ends with the
/// bytes the run would have written had it not been killed (records, errors, duplicates,
/// filtered), the same dedup decisions, and a manifest the run after it builds on.
///
/// Until session 36 it did not: a run killed after two checkpoints had removed the dedup index
/// generation the manifest names, and its journal was not resumed when it held a file the run
/// processed again (an unchanged file holding a copy of a record that went away), so the next
/// run said "the saved stage state of the last run (dedup's index) is gone …: reprocessing
/// every file" and wrote a first run's records in another order; and a journal that was resumed
/// made dedup forget the new versions of the changed files it had done, so a later copy of one
/// was kept as unique.
@Suite(.serialized) struct IncrementalResumeTests {
    let crash = ReviewCrashTests()

    /// Stories of three paragraphs of the sample captures, each a text of its own.
    static let stories: [String] = {
        let paragraphs = Repo.sampleTexts.flatMap { Repo.text($0).components(separatedBy: "\n\n").filter { $0.count > 80 } }
        return stride(from: 0, to: paragraphs.count - 2, by: 3).map { paragraphs[$0..<($0 + 3)].joined(separator: "\n\n") + "\n" }
    }()

    /// The first run's inputs: 30 stories, and of the first five an exact copy and a reprint
    /// (a line before it: a near copy) later in the walk.
    func firstInputs(_ dir: TemporaryDirectory) {
        for i in 0..<30 { dir.write(String(format: "in/a/story-%02d.txt", i), Self.stories[i]) }
        for i in 0..<5 {
            dir.write(String(format: "in/b/copy-%02d.txt", i), Self.stories[i])
            dir.write(String(format: "in/c/reprint-%02d.txt", i), "Reprinted from the wire\n\n" + Self.stories[i])
        }
    }

    /// What changes before the run that is killed: story 1 rewritten (its copies are processed
    /// again, the first becomes the original), story 2 made a copy of story 3, story 4 deleted
    /// (its copies processed again too), and new files: copies of story 1's new text (dropped
    /// as its duplicates only while dedup's index holds it) and new stories.
    func change(_ dir: TemporaryDirectory) throws {
        dir.write("in/a/story-01.txt", "A correction was published.\n\n" + Self.stories[40])
        dir.write("in/a/story-02.txt", Self.stories[3])
        try FileManager.default.removeItem(atPath: dir.file("in/a/story-04.txt"))
        for i in 0..<4 {
            dir.write(String(format: "in/d/new-%02d.txt", 2 * i), Self.stories[41 + i])
            dir.write(String(format: "in/d/new-%02d.txt", 2 * i + 1), "A correction was published.\n\n" + Self.stories[40])
        }
    }

    func config(_ dir: TemporaryDirectory, output: String, main: String) -> String {
        dir.write("p-\(output).yaml", "input: \(dir.file("in"))\noutput: \(dir.file(output + "/" + main))\nstages: [cleanup, normalize, sentences, dedup]\n")
    }

    /// The four outputs' bytes.
    func outputs(_ dir: TemporaryDirectory, _ out: String, main: String) -> [Data] {
        [main, "corpus.errors.jsonl", "corpus.duplicates.jsonl", "corpus.filtered.jsonl"].map {
            FileManager.default.contents(atPath: dir.file("\(out)/\($0)")) ?? Data()
        }
    }

    /// A checkpoint after about every file (2 KB), so a kill after the second finds the index
    /// two generations past the manifest's.
    func run(_ cfg: String, killAt: String? = nil, jobs: Int) throws -> ReviewCrashTests.Outcome {
        try crash.textmill(cfg, killAt: killAt, jobs: jobs, quiet: false, checkpointMB: "0.002")
    }

    /// The base run, the changes, and the run that is not killed, from a copy of the base.
    func prepare(_ dir: TemporaryDirectory, main: String, jobs: Int) throws -> [Data] {
        firstInputs(dir)
        expectEqual(try run(config(dir, output: "base", main: main), jobs: jobs).status, 0)
        try change(dir)
        try crash.copyOutputs(dir, from: "base", to: "reference")
        let reference = try run(config(dir, output: "reference", main: main), jobs: jobs)
        expectEqual(reference.status, 0, "\(reference.stderr)")
        #expect(reference.stderr.contains("incremental: 8 new, 2 changed, 1 deleted, 6 processed again"), "\(reference.stderr)")
        let expected = outputs(dir, "reference", main: main)
        // Story 1's new text is kept once; its four copies are its duplicates.
        let duplicates = String(decoding: expected[2], as: UTF8.self)
        #expect((0..<4).allSatisfy { duplicates.contains(String(format: "in/d/new-%02d.txt", 2 * $0 + 1)) }, "\(duplicates)")
        return expected
    }

    /// Kills the incremental run at `point` (a copy of the base), runs it again, compares.
    func killAndRunAgain(_ dir: TemporaryDirectory, at point: String, main: String, jobs: Int, expected: [Data], out: String) throws {
        try crash.copyOutputs(dir, from: "base", to: out)
        let cfg = config(dir, output: out, main: main)
        let killed = try run(cfg, killAt: point, jobs: jobs)
        #expect(killed.killed, "the run never reached \(point) (status \(killed.status)): \(killed.stderr)")
        for name in [main, "corpus.errors.jsonl", "corpus.duplicates.jsonl", "corpus.filtered.jsonl"] {
            crash.expectValid(dir, "\(out)/\(name)", "after a kill at \(point)")
        }
        let again = try run(cfg, jobs: jobs)
        expectEqual(again.status, 0, "\(point): \(again.stderr)")
        // It resumes, or finishes the commit: no file the killed run did is done again.
        #expect(!again.stderr.contains("reprocessing every file") && !again.stderr.contains("are processed again"), "\(point): \(again.stderr)")
        let got = outputs(dir, out, main: main)
        for (k, name) in ["records", "errors", "duplicates", "filtered"].enumerated() {
            let same = got[k] == expected[k]
            #expect(same, "\(name) after a kill at \(point) differ from the uninterrupted run's: \(got[k].count) bytes, not \(expected[k].count)")
        }
        // The manifest and index it left are the uninterrupted run's: nothing to do next.
        let next = try run(cfg, jobs: jobs)
        expectEqual(next.status, 0, "\(point): \(next.stderr)")
        #expect(!next.stderr.contains("reprocessing") && !next.stderr.contains("processed again"), "\(point): \(next.stderr)")
        #expect(outputs(dir, out, main: main) == expected, "a run with nothing new changed the outputs after a kill at \(point)")
    }

    /// Every kill point an incremental run with dedup reaches, and dedup's save of its index.
    @Test func aKilledIncrementalRunWithDedupFinishesAsItself() throws {
        let dir = TemporaryDirectory()
        let expected = try prepare(dir, main: "corpus.jsonl", jobs: 2)
        let points = ["checkpoint-written:1", "checkpoint-written:2", "checkpoint-written:5", "parts-flushed:3", "checkpoint-torn:3",
                      "index-saved:3", "commit-next-written", "commit-pending-written", "rollforward-first-rename",
                      "rollforward-before-manifest", "rollforward-after-manifest"]
        for (k, point) in points.enumerated() {
            try killAndRunAgain(dir, at: point, main: "corpus.jsonl", jobs: 2, expected: expected, out: "killed-\(k)")
        }
    }

    /// A `.gz` output, and one job: the same after kills between checkpoints and at the commit.
    @Test(arguments: [("corpus.jsonl.gz", 2), ("corpus.jsonl", 1)])
    func aKilledIncrementalRunFinishesAsItselfWithOtherOutputsAndJobs(main: String, jobs: Int) throws {
        let dir = TemporaryDirectory()
        let expected = try prepare(dir, main: main, jobs: jobs)
        for (k, point) in ["checkpoint-written:3", "commit-pending-written"].enumerated() {
            try killAndRunAgain(dir, at: point, main: main, jobs: jobs, expected: expected, out: "killed-\(k)")
        }
    }
}
