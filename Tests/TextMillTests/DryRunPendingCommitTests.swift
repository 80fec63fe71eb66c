import Foundation
import Testing
@testable import TextMill

/// `--dry-run` after a kill between the pending commit and its renames (kill point
/// `commit-pending-written`) says what the real run will do: the run finishes the commit first,
/// so the files the commit holds are unchanged, not new. Before, the dry run read the manifest
/// before the commit ("1 new", or "no earlier run") and the real run then processed nothing.
/// The dry runs write nothing (the output folder's bytes are compared).
@Suite(.serialized) struct DryRunPendingCommitTests {
    let cli = CommandLineTests()

    /// Every file of the output folder (the state folder too) with its bytes.
    func snapshot(_ dir: TemporaryDirectory) -> [String: Data] {
        var all: [String: Data] = [:]
        for path in FileManager.default.enumerator(atPath: dir.file("out"))?.compactMap({ $0 as? String }) ?? [] {
            if let data = FileManager.default.contents(atPath: dir.file("out/" + path)) { all[path] = data }
        }
        return all
    }

    /// The kill, the dry run, the real run, the dry run again: each dry run says `expected`
    /// and touches nothing; the real run processes nothing and says so.
    func killThenDryRun(_ dir: TemporaryDirectory, expected: String, real: String) throws {
        let killed = try cli.textmill(["run", "p.yaml", "--quiet"], in: dir.path, environment: ["TEXTMILL_KILL_AT": "commit-pending-written"])
        expectEqual(killed.status, SIGKILL, "\(killed.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.file("out/.corpus.textmill/manifest.pending.json")))
        let before = snapshot(dir)
        let dry = try cli.textmill(["run", "p.yaml", "--dry-run"], in: dir.path)
        expectEqual(dry.status, 0, "\(dry.stderr)")
        expectEqual(dry.stdout, "textmill: dry run for out/corpus.jsonl: nothing was read or written\n" + expected)
        #expect(snapshot(dir) == before, "the dry run wrote nothing")
        let run = try cli.textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(run.status, 0, "\(run.stderr)")
        #expect(run.stderr.contains(real), "\(run.stderr)")
        let after = snapshot(dir)
        let again = try cli.textmill(["run", "p.yaml", "--dry-run"], in: dir.path)
        expectEqual(again.stdout, "textmill: dry run for out/corpus.jsonl: nothing was read or written\n" + expected)
        #expect(snapshot(dir) == after, "the dry run wrote nothing")
    }

    @Test func afterAKillInTheFirstCommit() throws {
        let dir = TemporaryDirectory()
        dir.write("in/harbor.txt", "The harbor reopened on Monday after a week of dredging.\n")
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: [normalize]\n")
        try killThenDryRun(dir, expected: "  0 new, 0 changed, 0 deleted, 1 unchanged file\n", real: "[incremental: 0 new, 0 changed, 0 deleted, 1 unchanged file]")
    }

    @Test func afterAKillInAnIncrementalCommit() throws {
        let dir = TemporaryDirectory()
        dir.write("in/harbor.txt", "The harbor reopened on Monday after a week of dredging.\n")
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: [normalize]\n")
        expectEqual(try cli.textmill(["run", "p.yaml", "--quiet"], in: dir.path).status, 0)
        dir.write("in/ferry.txt", "The ferry to the islands ran late on Tuesday.\n")
        try killThenDryRun(dir, expected: "  0 new, 0 changed, 0 deleted, 2 unchanged files\n", real: "[incremental: 0 new, 0 changed, 0 deleted, 2 unchanged files]")
        expectEqual(try dir.records("out/corpus.jsonl").map { $0["id"]?.stringValue }, ["in/harbor.txt", "in/ferry.txt"])
    }
}
