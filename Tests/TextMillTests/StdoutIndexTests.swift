import Foundation
import Testing
@testable import TextMill

/// A run to stdout with a config whose dedup names an index (`index: idx`) that an output
/// keeps checks its documents against that index and leaves it as it was. It saved a generation
/// there at its end: a second such run saved another and deleted the generation the output's
/// manifest names, so the output's next run said "the saved stage state of the last run
/// (dedup's index) is gone or damaged: reprocessing every file" (every file of the corpus read
/// again, for a corpus that had not changed).
@Suite struct StdoutIndexTests {
    static let council = "The council voted on the budget today. Members said the plan was fair to every district in the city.\n"
    static let ferry = "The harbor ferry schedule will change next month, officials said at the port office on Tuesday.\n"

    @Test func aRunToStdoutLeavesAnOutputsIndexAsItWas() throws {
        let dir = TemporaryDirectory()
        dir.write("in/council.txt", Self.council)
        dir.write("new/council-copy.txt", Self.council)
        dir.write("new/ferry.txt", Self.ferry)
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - dedup: {index: idx, action: mark}\n")
        let cli = CommandLineTests()
        let first = try cli.textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(first.status, 0, "\(first.stderr)")
        let saved = try FileManager.default.contentsOfDirectory(atPath: dir.file("idx")).sorted()
        // Every file but the lock (which names the pid of the run that holds it).
        let files = saved.filter { $0 != "lock" }
        let bytes = files.map { dir.read("idx/" + $0) }
        for run in 1...2 {
            let piped = try cli.textmill(["run", "p.yaml", "-i", "new", "-o", "-", "-q"], in: dir.path)
            expectEqual(piped.status, 0, "run \(run): \(piped.stderr)")
            // Checked against the corpus's index: the copy is its duplicate.
            let records = try piped.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)).objectValue ?? JSONObject() }
            expectEqual(records.map { $0["duplicate"]?.objectValue?["of"]?.stringValue }, ["in/council.txt", nil], "run \(run)")
            expectEqual(try FileManager.default.contentsOfDirectory(atPath: dir.file("idx")).sorted(), saved, "run \(run)")
            expectEqual(files.map { dir.read("idx/" + $0) }, bytes, "run \(run)")
        }
        let again = try cli.textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(again.status, 0, "\(again.stderr)")
        #expect(again.stderr.contains("[incremental: 0 new, 0 changed, 0 deleted, 1 unchanged file]"), "\(again.stderr)")
        #expect(!again.stderr.contains("reprocessing"), "\(again.stderr)")
    }
}
