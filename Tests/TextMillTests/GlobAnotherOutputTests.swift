import Foundation
import Testing
@testable import TextMill

/// A glob over a folder that holds another run's output (`-i 'data/*.jsonl'` with an earlier
/// run's `data/corpus.jsonl` beside `data/.corpus.textmill/`): a folder walk skips that output and
/// its side files with a warning, but a glob's matches were read as documents, so the earlier
/// run's records came in again and its errors, duplicates and filtered files failed as inputs,
/// under exit status 1. A glob's match is found in a folder, as a walk's are, and is skipped alike.
@Suite struct GlobAnotherOutputTests {
    @Test func aGlobSkipsAnotherRunsOutputAsAFolderWalkDoes() throws {
        let dir = TemporaryDirectory()
        dir.write("data/wire.jsonl", "{\"id\": \"w1\", \"text\": \"The port office said the ferry will run twice a day from June.\"}\n")
        dir.write("earlier.yaml", "input: data/wire.jsonl\noutput: data/corpus.jsonl\nstages: [normalize]\n")
        dir.write("p.yaml", "input: 'data/*.jsonl'\noutput: out/corpus.jsonl\nstages: [normalize]\n")
        let cli = CommandLineTests()
        expectEqual(try cli.textmill(["run", "earlier.yaml", "-q"], in: dir.path).status, 0)
        let run = try cli.textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(run.status, 0, "\(run.stderr)")
        expectEqual(try dir.records("out/corpus.jsonl").map { $0["id"]?.stringValue }, ["w1"])
        expectEqual(dir.read("out/corpus.errors.jsonl"), "")
        let warnings = run.stderr.split(separator: "\n").filter { $0.hasPrefix("textmill: warning:") }
        expectEqual(warnings, ["corpus.duplicates.jsonl", "corpus.errors.jsonl", "corpus.filtered.jsonl", "corpus.jsonl"].map {
            "textmill: warning: skipped 'data/\($0)': it was written by a textmill run (an output, its side file or its index), not input; name it as an input of its own to read it"
        })
        // Named as an input of its own, the earlier output is read: a pipeline may follow another.
        let named = try cli.textmill(["run", "p.yaml", "-i", "data/corpus.jsonl", "-o", "named/corpus.jsonl", "-q"], in: dir.path)
        expectEqual(named.status, 0, "\(named.stderr)")
        expectEqual(try dir.records("named/corpus.jsonl").map { $0["id"]?.stringValue }, ["w1"])
    }
}
