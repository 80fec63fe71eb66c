import Foundation
import Testing
@testable import TextMill

/// An output a run without state wrote (a `--limit` preview, a run that reads stdin) has no
/// state folder, but its figures, `NAME.stats.json`, name it: its files are a run's like any
/// output's (DESIGN.md: two outputs in one folder never share a file; a run never reads another
/// run's files as input). Before, `-o out/p.errors.jsonl` replaced the preview `out/p.jsonl`'s
/// errors file with its records under exit 0, and a folder walk read the preview's files.
@Suite struct StatelessOutputOwnershipTests {
    let cli = CommandLineTests()

    func corpus(_ dir: TemporaryDirectory) {
        dir.write("in/a.txt", "Harbor City opened its new ferry terminal on Monday.\n")
        dir.write("in/empty.txt", [])
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: [normalize]\n")
    }

    @Test func anOutputThatIsAPreviewsSideFileIsRefused() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        expectEqual(try cli.textmill(["run", "p.yaml", "-q", "--limit", "5", "-o", "out/p.jsonl"], in: dir.path).status, 1)
        let errors = dir.read("out/p.errors.jsonl")
        for target in ["out/p.errors.jsonl", "out/p.duplicates.jsonl", "out/p.jsonl.gz"] {
            let r = try cli.textmill(["run", "p.yaml", "-q", "-o", target], in: dir.path)
            expectEqual(r.status, 2, "\(target)")
            expectEqual(r.stderr, target == "out/p.jsonl.gz"
                ? "textmill: the output 'out/p.jsonl.gz' would share its side files and figures 'out/p.stats.json' with 'p.jsonl' in the same folder; give it another name\n"
                : "textmill: '\(target)' is a file of another output in its folder (an output or a side file beside its state folder '.NAME.textmill' or its figures 'NAME.stats.json'): the run would replace it with its own; name another --output\n")
        }
        expectEqual(dir.read("out/p.errors.jsonl"), errors, "the preview's errors file is its own")
        // The preview itself may be run again, and replaced by a run with state.
        expectEqual(try cli.textmill(["run", "p.yaml", "-q", "--limit", "1", "-o", "out/p.jsonl"], in: dir.path).status, 0)
        expectEqual(try cli.textmill(["run", "p.yaml", "-q", "-o", "out/p.jsonl"], in: dir.path).status, 1)
    }

    @Test func aFolderWalkSkipsAPreviewsFiles() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        expectEqual(try cli.textmill(["run", "p.yaml", "-q", "--limit", "5", "-o", "in/p.jsonl"], in: dir.path).status, 1)
        let r = try cli.textmill(["run", "p.yaml", "-o", "out/next.jsonl"], in: dir.path)
        expectEqual(r.status, 1, "\(r.stderr)")
        let ids = try dir.records("out/next.jsonl").compactMap { $0["id"]?.stringValue }
        expectEqual(ids, ["in/a.txt"], "the preview's records are not read as documents")
        for name in ["p.jsonl", "p.errors.jsonl", "p.duplicates.jsonl", "p.filtered.jsonl"] {
            #expect(r.stderr.contains("warning: skipped 'in/\(name)': it was written by a textmill run"), "\(name): \(r.stderr)")
        }
    }
}
