import Foundation
import Testing
@testable import TextMill

/// `-o out/.corpus.textmill` (another output's state folder) was refused as a folder, with the
/// advice to name 'out/.corpus.textmill/corpus.jsonl', a file in that state folder, which is
/// itself refused. The advice is now the output the folder keeps the state of, which a run
/// accepts; and a file in a folder not yet made inside a state folder is refused as one in it.
@Suite struct StateFolderOutputTests {
    @Test func aStateFolderAsTheOutputSuggestsAnOutputThatIsAccepted() throws {
        let dir = TemporaryDirectory()
        dir.write("data/a.txt", "The library will open on Sundays from March, the mayor said at the spring fair.\n")
        dir.write("p.yaml", "input: data\noutput: out/corpus.jsonl\nstages: [normalize, dedup]\n")
        let cli = CommandLineTests()
        expectEqual(try cli.textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        let cases = [
            ("out/.corpus.textmill", "the output 'out/.corpus.textmill' is the state folder of the output 'out/corpus.jsonl'; name a file outside it, e.g. 'out/corpus.jsonl' to write that output again"),
            ("out/.corpus.textmill/", "the output 'out/.corpus.textmill/' is the state folder of the output 'out/corpus.jsonl'; name a file outside it, e.g. 'out/corpus.jsonl' to write that output again"),
            ("out/.corpus.textmill/dedup", "the output 'out/.corpus.textmill/dedup' is a folder in the state folder 'out/.corpus.textmill' of the output 'out/corpus.jsonl'; name a file outside it, e.g. 'out/corpus.jsonl' to write that output again"),
            ("out/.corpus.textmill/new/", "the output 'out/.corpus.textmill/new/' is a folder in the state folder 'out/.corpus.textmill' of the output 'out/corpus.jsonl'; name a file outside it, e.g. 'out/corpus.jsonl' to write that output again"),
        ]
        for (output, message) in cases {
            let run = try cli.textmill(["run", "p.yaml", "-o", output], in: dir.path)
            expectEqual(run.status, 2, "\(output)")
            expectEqual(run.stderr, "textmill: \(message)\n")
        }
        // A file in a folder not made yet inside the state folder lies in it too (it was accepted).
        let resolved = OutputFiles.stateFolder(enclosing: dir.file("out/.corpus.textmill")) ?? "?"
        let inside = try cli.textmill(["run", "p.yaml", "-o", "out/.corpus.textmill/new/x.jsonl"], in: dir.path)
        expectEqual(inside.status, 2)
        expectEqual(inside.stderr, "textmill: 'out/.corpus.textmill/new/x.jsonl' lies in the state folder '\(resolved)' of another output: the run would replace that output's state; name an --output outside it\n")
        expectEqual(FileManager.default.fileExists(atPath: dir.file("out/.corpus.textmill/new")), false)
        // The output suggested is accepted.
        let again = try cli.textmill(["run", "p.yaml", "-o", "out/corpus.jsonl", "-q"], in: dir.path)
        expectEqual(again.status, 0, "\(again.stderr)")
    }
}
