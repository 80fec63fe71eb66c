import Foundation
import Testing
@testable import TextMill

/// A dry run of a plan that processes every file again (a changed config, `--force`) says so as
/// the run does ("full"), and sorts the files against the last run's: processed again, new, and
/// deleted. Until session 37 it listed every file as new ("2 new, 0 changed, 0 deleted, 0
/// unchanged files"), an unchanged file among them, and no deleted file at all.
@Suite struct DryRunFullPlanTests {
    let cli = CommandLineTests()

    func corpus() throws -> TemporaryDirectory {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "The ferry left at noon.\n")
        dir.write("in/b.txt", "The berths reopen on Friday.\n")
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: [normalize]\n")
        expectEqual(try cli.textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        try FileManager.default.removeItem(atPath: dir.file("in/b.txt"))
        dir.write("in/c.txt", "The mayor spoke at the pier.\n")
        return dir
    }

    @Test func aChangedConfigsDryRunSaysEveryFileIsProcessedAgain() throws {
        let dir = try corpus()
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: [normalize, sentences]\n")
        let dry = try cli.textmill(["run", "p.yaml", "--dry-run"], in: dir.path)
        expectEqual(dry.status, 0)
        expectEqual(dry.stdout, """
        textmill: dry run for out/corpus.jsonl: nothing was read or written
          the config changed since the last run (the stages changed from [normalize] to [normalize, sentences]): reprocessing every file
          full: 2 files to process: 1 processed again, 1 new, 1 deleted
          new: in/c.txt
          deleted: in/b.txt
          processed again: in/a.txt

        """)
        let run = try cli.textmill(["run", "p.yaml"], in: dir.path)
        #expect(run.stderr.contains("[full: 2 files]"), "\(run.stderr)")
        expectEqual(try dir.records("out/corpus.jsonl").map { $0["id"]?.stringValue }, ["in/a.txt", "in/c.txt"])
    }

    @Test func aForcedDryRunSaysTheSame() throws {
        let dir = try corpus()
        let dry = try cli.textmill(["run", "p.yaml", "--dry-run", "--force"], in: dir.path)
        expectEqual(dry.stdout, """
        textmill: dry run for out/corpus.jsonl: nothing was read or written
          --force: reprocessing every file
          full: 2 files to process: 1 processed again, 1 new, 1 deleted
          new: in/c.txt
          deleted: in/b.txt
          processed again: in/a.txt

        """)
    }
}
