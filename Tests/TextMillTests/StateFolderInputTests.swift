import Foundation
import Testing
@testable import TextMill

/// Another run's state folder named directly as an input (`-i out/.corpus.textmill`) was walked:
/// its manifest.json, config.json, lock and output became documents and its dedup index files
/// failed as binary inputs, under exit status 1, though the README says a state folder is never
/// read as input. A state folder, or a file in one, named directly is refused (exit 2, nothing
/// written), as `-o` naming a file in one is, and the message names the output to read instead.
@Suite struct StateFolderInputTests {
    private func earlierRun(_ dir: TemporaryDirectory) throws {
        dir.write("data/a.txt", "The harbour board met on Tuesday and voted to extend the night ferry to the islands.\n")
        dir.write("data/b.txt", "Fishermen asked the council for a second landing stage before the winter storms.\n")
        dir.write("p.yaml", "input: data\noutput: out/corpus.jsonl\nstages: [normalize, dedup]\n")
        let first = try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(first.status, 0, "\(first.stderr)")
    }

    @Test func aStateFolderNamedAsAnInputIsRefused() throws {
        let dir = TemporaryDirectory()
        try earlierRun(dir)
        let cli = CommandLineTests()
        let advice = "not input: no run reads one; name that output (-i 'out/corpus.jsonl') to read its records, or another input"
        for input in ["out/.corpus.textmill", "./out/.corpus.textmill/"] {
            let run = try cli.textmill(["run", "p.yaml", "-i", input, "-o", "next/corpus.jsonl"], in: dir.path)
            expectEqual(run.status, 2, "\(input): \(run.stderr)")
            expectEqual(run.stderr, "textmill: the input 'out/.corpus.textmill' is the state folder of the output 'out/corpus.jsonl' (its manifest, journal and index), \(advice)\n")
            expectEqual(FileManager.default.fileExists(atPath: dir.file("next")), false)
        }
        for input in ["out/.corpus.textmill/manifest.json", "out/.corpus.textmill/dedup"] {
            let run = try cli.textmill(["run", "p.yaml", "-i", input, "-o", "-"], in: dir.path)
            expectEqual(run.status, 2, "\(input): \(run.stderr)")
            expectEqual(run.stdout, "")
            expectEqual(run.stderr, "textmill: the input '\(input)' lies in the state folder 'out/.corpus.textmill' of the output 'out/corpus.jsonl' (its manifest, journal and index), \(advice)\n")
        }
        // Reached through a link, the folder is named by its resolved path.
        expectEqual(symlink(dir.file("out/.corpus.textmill"), dir.file("state")), 0)
        let linked = try cli.textmill(["run", "p.yaml", "-i", "state", "-o", "-", "--dry-run"], in: dir.path)
        expectEqual(linked.status, 2, "\(linked.stderr)")
        let resolved = OutputFiles.stateFolder(enclosing: dir.file("out/.corpus.textmill")) ?? "?"
        expectEqual(linked.stderr, "textmill: the input 'state' is the state folder of the output '\(PathText.folder(of: resolved))/corpus.jsonl' (its manifest, journal and index), not input: no run reads one; name that output (-i '\(PathText.folder(of: resolved))/corpus.jsonl') to read its records, or another input\n")
        // The output itself, named directly, is still read: one pipeline may follow another.
        let named = try cli.textmill(["run", "p.yaml", "-i", "out/corpus.jsonl", "-o", "next/corpus.jsonl", "-q"], in: dir.path)
        expectEqual(named.status, 0, "\(named.stderr)")
        expectEqual(try dir.records("next/corpus.jsonl").count, 2)
    }

    /// A glob's matches in a state folder (`-i 'out/.corpus.textmill/*'`, or the folder itself
    /// through a link, `-i 'st*'`) were read as documents: they are skipped with a warning, as a folder walk
    /// skips what a run wrote.
    @Test func aGlobsMatchesInAStateFolderAreSkipped() throws {
        let dir = TemporaryDirectory()
        try earlierRun(dir)
        let cli = CommandLineTests()
        let inside = try cli.textmill(["run", "p.yaml", "-i", "out/.corpus.textmill/*", "-o", "-"], in: dir.path)
        expectEqual(inside.status, 0, "\(inside.stderr)")
        expectEqual(inside.stdout, "")
        let warnings = inside.stderr.split(separator: "\n").filter { $0.hasPrefix("textmill: warning:") }
        expectEqual(warnings, ["config.json", "dedup", "ids.1.bin", "lock", "manifest.json", "output"].map {
            "textmill: warning: skipped 'out/.corpus.textmill/\($0)': it lies in the state folder 'out/.corpus.textmill' of the output 'out/corpus.jsonl', not input"
        })
        // The folder itself, matched through a link (a glob matches no hidden name of its own).
        expectEqual(symlink("out/.corpus.textmill", dir.file("state")), 0)
        let folder = try cli.textmill(["run", "p.yaml", "-i", "st*", "-i", "data/*.txt", "-o", "-"], in: dir.path)
        expectEqual(folder.status, 0, "\(folder.stderr)")
        expectEqual(folder.stdout.split(separator: "\n").count, 2)
        let resolved = OutputFiles.stateFolder(enclosing: dir.file("out/.corpus.textmill")) ?? "?"
        expectEqual(folder.stderr.split(separator: "\n").filter { $0.hasPrefix("textmill: warning:") },
                    ["textmill: warning: skipped 'state': it is the state folder of the output '\(PathText.folder(of: resolved))/corpus.jsonl', not input"])
    }
}
