import Foundation
import Testing
@testable import TextMill

/// A run that reprocesses everything (`--force`) starts dedup's saved index over: it numbers its
/// saves from 1 again, so its first one here (generation 1) replaced the generation the last
/// commit's manifest names with the documents of this run. When that run was killed or failed at its commit (a full disk),
/// the next run without `--force` built on that index as the last commit's: a file the failed run
/// had read came in as new, was found in the index, and went to the duplicates file as an exact
/// duplicate of itself, under exit 0 (main 971bb81). The next run now reprocesses every file (it
/// resumes the interrupted one where it can) and ends with the records of an uninterrupted run.
@Suite(.serialized) struct InterruptedFullRunTests {
    let cli = CommandLineTests()

    /// The bytes of the records, duplicates and errors files of `output` (`NAME.jsonl` in `dir`).
    func outputs(_ dir: TemporaryDirectory, _ output: String) -> [String] {
        ["\(output).jsonl", "\(output).duplicates.jsonl", "\(output).errors.jsonl"].map { dir.read($0) }
    }

    /// How the forced run is stopped: killed after it built the next outputs, or a full disk
    /// while it writes the pending manifest.
    static let failures: [(name: String, environment: [String: String], status: Int32)] = [
        ("killed at the commit", ["TEXTMILL_KILL_AT": "commit-next-written"], SIGKILL),
        ("a full disk at the commit", ["TEXTMILL_FAIL_WRITE": "manifest.pending.json.tmp"], 3),
    ]

    @Test(arguments: 0..<Self.failures.count)
    func theRunAfterAnInterruptedForcedRunReprocessesEveryFile(failure: Int) throws {
        let (name, environment, status) = Self.failures[failure]
        let dir = TemporaryDirectory()
        dir.writeSampleTexts(count: 2)
        let config = dir.write("p.yaml", "input: in\noutput: out/corpus.jsonl\nstages: [normalize, dedup]\n")
        expectEqual(try cli.textmill(["run", config, "--quiet"], in: dir.path).status, 0)
        let committed = outputs(dir, "out/corpus")
        // A third text, then a forced run that does not finish.
        dir.writeSampleTexts(count: 3)
        let forced = try cli.textmill(["run", config, "--quiet", "--force"], in: dir.path, environment: environment)
        expectEqual(forced.status, status, "\(name): \(forced.stderr)")
        expectEqual(outputs(dir, "out/corpus"), committed, "\(name): the previous outputs are intact")

        // What an uninterrupted run of the three texts writes.
        let reference = dir.write("r.yaml", "input: in\noutput: ref/corpus.jsonl\nstages: [normalize, dedup]\n")
        expectEqual(try cli.textmill(["run", reference, "--quiet"], in: dir.path).status, 0)
        let expected = outputs(dir, "ref/corpus")
        expectEqual(expected[0].split(separator: "\n").count, 3, "three distinct texts")

        let next = try cli.textmill(["run", config], in: dir.path)
        expectEqual(next.status, 0, "\(name): \(next.stderr)")
        #expect(next.stderr.contains("textmill: \(RunPlan.interruptedFullRun)\n"), "\(name): \(next.stderr)")
        #expect(next.stderr.contains("[full: 3 files"), "\(name): \(next.stderr)")
        expectEqual(outputs(dir, "out/corpus"), expected, "\(name): nothing is a duplicate of itself")
        // And the run after that is incremental again, with nothing to do.
        let again = try cli.textmill(["run", config], in: dir.path)
        #expect(again.stderr.contains("[incremental: 0 new, 0 changed, 0 deleted, 3 unchanged files]"), "\(name): \(again.stderr)")
        expectEqual(outputs(dir, "out/corpus"), expected, "\(name)")
    }
}
