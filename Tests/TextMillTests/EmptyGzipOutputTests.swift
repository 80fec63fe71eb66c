import Foundation
import Testing
@testable import TextMill

/// A `.jsonl.gz` output that holds no record is a gzip stream of no bytes (one empty member), so
/// that any program reads it: until session 37 a run with state that wrote no record (every
/// document filtered, failed or a duplicate; or the last file with records deleted) left a file
/// of 0 bytes, which `gzip -t` and `zcat` refuse ("unexpected end of file"). The side files
/// (errors, duplicates, filtered) are JSONL whatever the output's name, so none of them is gzip.
@Suite struct EmptyGzipOutputTests {
    let cli = CommandLineTests()

    /// The ids of the records of the output, as `gzip -dc` reads them (`gzip -t` must pass).
    func ids(_ dir: TemporaryDirectory) throws -> [String] {
        let test = try CommandLineTests.throughShell("gzip -t \"$1\" && gzip -dc \"$1\" > \"$2\"", [dir.file("out/corpus.jsonl.gz"), dir.file("read.jsonl")])
        expectEqual(test.result.status, 0, "gzip refuses the output: \(test.result.stderr)")
        return try dir.records("read.jsonl").map { $0["id"]?.stringValue ?? "?" }
    }

    /// Runs the pipeline; returns the run's mode, as its summary line ends.
    func run(_ dir: TemporaryDirectory) throws -> String {
        let r = try cli.textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(r.status, 0, "\(r.stderr)")
        guard let open = r.stderr.firstIndex(of: "["), let close = r.stderr.firstIndex(of: "]") else { return r.stderr }
        return String(r.stderr[r.stderr.index(after: open)..<close])
    }

    @Test func anOutputWithNoRecordIsAnEmptyGzipStreamRunAfterRun() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a-note.txt", "A short note.\n")
        dir.write("p.yaml", "input: in\noutput: out/corpus.jsonl.gz\nstages: [normalize, filter]\n")
        expectEqual(try run(dir), "full: 1 file")
        expectEqual(try ids(dir), [])
        expectEqual(Array(FileManager.default.contents(atPath: dir.file("out/corpus.jsonl.gz")) ?? Data()), GzipWriter(level: 4).finish())
        // The side files are JSONL: the filtered note is a line of JSON, the others are empty.
        expectEqual(try dir.records("out/corpus.filtered.jsonl").map { $0["id"]?.stringValue }, ["in/a-note.txt"])
        expectEqual(dir.read("out/corpus.errors.jsonl"), "")
        expectEqual(dir.read("out/corpus.duplicates.jsonl"), "")
        // The manifest holds the empty member's bytes: the next run builds on it.
        expectEqual(try run(dir), "incremental: 0 new, 0 changed, 0 deleted, 1 unchanged file")
        expectEqual(try ids(dir), [])
        // A record appended after it, then the output emptied again by deleting its file.
        dir.write("in/b-story.txt", Repo.text("input/rfe-kazakh-activists.txt"))
        expectEqual(try run(dir), "incremental: 1 new, 0 changed, 0 deleted, 1 unchanged file")
        expectEqual(try ids(dir), ["in/b-story.txt"])
        try FileManager.default.removeItem(atPath: dir.file("in/b-story.txt"))
        expectEqual(try run(dir), "incremental: 0 new, 0 changed, 1 deleted, 1 unchanged file")
        expectEqual(try ids(dir), [])
        expectEqual(try run(dir), "incremental: 0 new, 0 changed, 0 deleted, 1 unchanged file")
    }
}
