import Foundation
import Testing
@testable import TextMill

/// Misuse a run refuses before it reads a document (exit 2, nothing written), found by using
/// the command line as a careless user would: an output path the system cannot hold was a
/// failure after the work (exit 3, "the next run finishes the work", which no later run could),
/// and a refusal hid the warning that explained it.
@Suite struct RunRefusalTests {
    let cli = CommandLineTests()

    static let story = "The harbor council approved the ferry budget on Tuesday. \"We kept the night boats,\" the mayor said.\n"

    /// Every file and folder under `dir`, relative, sorted.
    func listing(_ dir: TemporaryDirectory) -> [String] {
        ((FileManager.default.enumerator(atPath: dir.path)?.allObjects as? [String]) ?? []).sorted()
    }

    /// An output path of 4,087 bytes fits PATH_MAX, but the files named after it do not (its
    /// state folder's deepest entry is 4,136 bytes): the run made 2,040 folders, read every
    /// input and failed with "File name too long", exit 3.
    @Test func anOutputPathTooLongForItsFilesIsRefusedBeforeReading() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", Self.story)
        let config = dir.write("p.yaml", "input: in\nstages: [sentences, dedup]\n")
        let before = listing(dir)
        let output = String(repeating: "e/", count: 2040) + "c.jsonl"
        let r = try cli.textmill(["run", config, "-q", "-o", output], in: dir.path)
        expectEqual(r.status, 2, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("textmill: the output path 'e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/…/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/e/c.jsonl' (4087 bytes) is too long: the run writes '"), "\(r.stderr)")
        #expect(r.stderr.hasSuffix("/.c.textmill/dedup-99/index.4294967295.bin.tmp.4294967295' beside it, 4136 bytes, and this system allows a path at most 4095 bytes (PATH_MAX 4096 with its closing NUL); name an output path of at most 4046 bytes (a shorter folder, or a relative path from a folder nearer to it)\n"), "\(r.stderr)")
        expectEqual(listing(dir), before, "nothing was made")
        // --dry-run says the same.
        let dry = try cli.textmill(["run", config, "-o", output, "--dry-run"], in: dir.path)
        expectEqual(dry.status, 2, "\(dry.stderr)")
        expectEqual(dry.stderr, r.stderr)
    }

    /// A folder of the output's path with a name above NAME_MAX: exit 3 at the first mkdir.
    @Test func aFolderNameTooLongIsRefusedBeforeReading() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", Self.story)
        let config = dir.write("p.yaml", "input: in\nstages: [sentences]\n")
        let before = listing(dir)
        let long = String(repeating: "n", count: 256)
        let r = try cli.textmill(["run", config, "-q", "-o", "out/\(long)/c.jsonl"], in: dir.path)
        expectEqual(r.status, 2, "\(r.stderr)")
        let shownName = String(repeating: "n", count: 60) + "…" + String(repeating: "n", count: 80)
        expectEqual(r.stderr, "textmill: 'out/\(String(repeating: "n", count: 56))…\(String(repeating: "n", count: 56))/.c.jsonl.tmp-4294967295', a path the run writes, holds a name too long for the file system: '\(shownName)' (256 bytes) is above the 255 bytes it allows a name; name an output (or a stage's folder) whose folders have shorter names\n")
        expectEqual(listing(dir), before, "nothing was made")
    }

    /// A refusal hid the warning that explained it: a glob that matched nothing, then "the
    /// output is a folder" or "the inputs hold no file": the warning comes first now, as in a
    /// run that goes on.
    @Test func aRefusalShowsTheWarningsFoundBeforeIt() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", Self.story)
        dir.write("out/keep.txt", "kept\n")
        let config = dir.write("p.yaml", "input: in\noutput: corpus.jsonl\nstages: [sentences]\n")
        let folder = try cli.textmill(["run", config, "-q", "-i", "news/*.txt", "-o", "out"], in: dir.path)
        expectEqual(folder.status, 2)
        expectEqual(folder.stderr, "textmill: warning: no file matches 'news/*.txt'\ntextmill: the output 'out' is a folder; name a file, e.g. 'out/corpus.jsonl'\n")
        let missing = try cli.textmill(["run", config, "-q", "-i", "news/*.txt", "-i", "wire.jsonl"], in: dir.path)
        expectEqual(missing.status, 2)
        #expect(missing.stderr.hasPrefix("textmill: warning: no file matches 'news/*.txt'\ntextmill: input 'wire.jsonl' does not exist in "), "\(missing.stderr)")
        expectEqual(try cli.textmill(["run", config, "-q"], in: dir.path).status, 0)
        for extra in [[], ["--dry-run"]] {
            let emptied = try cli.textmill(["run", config, "-q", "-i", "news/*.txt"] + extra, in: dir.path)
            expectEqual(emptied.status, 2, "\(extra)")
            expectEqual(emptied.stderr, "textmill: warning: no file matches 'news/*.txt'\ntextmill: the inputs hold no file, where the last run's 1 file made the records of 'corpus.jsonl': the run would remove every one of them (is a disk or a network folder not mounted?); nothing was read or changed. Check the inputs, or run with --force to empty the corpus on purpose\n", "\(extra)")
        }
    }
}
