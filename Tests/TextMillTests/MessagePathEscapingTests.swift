import Foundation
import Testing
@testable import TextMill

/// The paths that round 4 left raw in messages (validate's and explain's lines, a config error's
/// FILE:LINE:COLUMN, the dedup index and its record store, the state folder's lock, option files,
/// a file the config names that changed) go through `MessageText` as the others do: a name
/// holding a newline or a terminal escape cannot start a line of its own on stderr.
@Suite struct MessagePathEscapingTests {
    let cli = CommandLineTests()
    /// A name that forges a summary line and clears the terminal's line.
    static let forged = "x\ntextmill: 0 failed\u{1B}[2K"
    /// `forged` as YAML's double-quoted string writes it.
    static let forgedYAML = "x\\ntextmill: 0 failed\\e[2K"
    /// `forged` as messages show it.
    static let shown = "x\\ntextmill: 0 failed\\u{1B}[2K"

    func expectNoForgedLine(_ text: String, _ comment: Comment) {
        #expect(!text.contains("\u{1B}"), comment)
        #expect(text.split(separator: "\n").allSatisfy { !$0.hasPrefix("textmill: 0 failed") }, comment)
    }

    @Test func validateShowsEachInputEscaped() throws {
        let dir = TemporaryDirectory()
        dir.write("\(Self.forged)-in/ferry.txt", "The ferry left at noon.\n")
        dir.write("p.yaml", "input: [\"\(Self.forgedYAML)-in/\", \"\(Self.forgedYAML)-missing/\"]\noutput: out/corpus.jsonl\nstages: [normalize]\n")
        let r = try cli.textmill(["validate", "p.yaml"], in: dir.path)
        expectEqual(r.status, 0, "\(r.stderr)")
        #expect(r.stdout.contains("input:  \(Self.shown)-in/: a folder, 1 file\n"), "\(r.stdout)")
        // The "[" of the escape makes it a glob.
        #expect(r.stdout.contains("        \(Self.shown)-missing/: a glob that matches no file\n"), "\(r.stdout)")
        expectNoForgedLine(r.stdout, "validate")
    }

    @Test func aConfigErrorShowsItsFileEscaped() throws {
        let dir = TemporaryDirectory()
        let config = dir.write("\(Self.forged).yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - summarize\n")
        let r = try cli.textmill(["validate", config], in: dir.path)
        expectEqual(r.status, 2)
        #expect(r.stderr.contains("\(dir.path)/\(Self.shown).yaml:4:5: error: unknown stage 'summarize'"), "\(r.stderr)")
        expectNoForgedLine(r.stderr, "config error")
    }

    @Test func explainShowsItsFileEscaped() throws {
        let dir = TemporaryDirectory()
        let missing = try cli.textmill(["explain", "quotes", Self.forged + ".txt"], in: dir.path)
        expectEqual(missing.status, 2)
        #expect(missing.stderr.hasPrefix("textmill: \(Self.shown).txt: no such file (looked for in "), "\(missing.stderr)")
        try FileManager.default.createDirectory(atPath: dir.file(Self.forged), withIntermediateDirectories: true)
        let folder = try cli.textmill(["explain", "quotes", Self.forged], in: dir.path)
        expectEqual(folder.status, 2)
        expectEqual(folder.stderr, "textmill: \(Self.shown) is a folder: explain reads one file; name a file in it\n", "\(folder.stderr)")
        dir.write("two\(Self.forged).jsonl", "{\"id\": \"a\", \"text\": \"One.\"}\n{\"id\": \"b\", \"text\": \"Two.\"}\n")
        let two = try cli.textmill(["explain", "quotes", "two\(Self.forged).jsonl"], in: dir.path)
        expectEqual(two.status, 2)
        expectEqual(two.stderr, "textmill: two\(Self.shown).jsonl holds several records: pick one with --id (its ids are 'a', 'b')\n", "\(two.stderr)")
        for r in [missing, folder, two] { expectNoForgedLine(r.stderr, "explain") }
    }

    /// A dedup index folder another run holds, and an option file with a bad line.
    @Test func indexAndOptionFilesAreShownEscaped() throws {
        let dir = TemporaryDirectory()
        dir.write("in/ferry.txt", "The ferry left at noon.\n")
        dir.write("p-index.yaml", "input: in/\nstages:\n  - dedup: {index: \"index\(Self.forgedYAML)\"}\n")
        expectEqual(try cli.textmill(["run", "p-index.yaml", "-o", "out/a.jsonl", "-q"], in: dir.path).status, 0)
        let fd = open(dir.file("index\(Self.forged)/lock"), O_RDWR)
        #expect(fd >= 0)
        defer { close(fd) }
        expectEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        // The same output: another one is refused before the lock, the index being a.jsonl's.
        let index = try cli.textmill(["run", "p-index.yaml", "-o", "out/a.jsonl", "-q"], in: dir.path)
        expectEqual(index.status, 2, "refused as the state folder's lock is")
        #expect(index.stderr.contains("is using the dedup index '\(dir.path)/index\(Self.shown)'; wait for it to finish")
                || index.stderr.contains("is using the dedup index 'index\(Self.shown)'; wait for it to finish"), "\(index.stderr)")
        expectNoForgedLine(index.stderr, "dedup index")

        dir.write("hints\(Self.forged).txt", "sidebar\n")
        dir.write("p-hints.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - cleanup: {hints_file: \"hints\(Self.forgedYAML).txt\"}\n")
        let hints = try cli.textmill(["validate", "p-hints.yaml"], in: dir.path)
        expectEqual(hints.status, 2)
        #expect(hints.stderr.contains("'hints\(Self.shown).txt', line 1: expected 'WORD WEIGHT' (e.g. 'sidebar -50'), got 'sidebar'"), "\(hints.stderr)")
        expectNoForgedLine(hints.stderr, "hints_file")
    }

    /// A second run on an output whose lock another process holds names the output escaped.
    @Test func theLockMessageShowsTheOutputEscaped() throws {
        let dir = TemporaryDirectory()
        dir.write("in/ferry.txt", "The ferry left at noon.\n")
        let output = dir.file("out\(Self.forged)/corpus.jsonl")
        dir.write("p.yaml", "input: in/\nstages: [normalize]\n")
        expectEqual(try cli.textmill(["run", "p.yaml", "-o", output, "-q"], in: dir.path).status, 0)
        let fd = open(dir.file("out\(Self.forged)/.corpus.textmill/lock"), O_RDWR)
        #expect(fd >= 0)
        defer { close(fd) }
        expectEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        let r = try cli.textmill(["run", "p.yaml", "-o", output, "-q"], in: dir.path)
        #expect(r.status != 0)
        // The holder is this test process, not a textmill run (`LockHolderTests`): the output
        // and the lock file are named, escaped.
        #expect(r.stderr.contains("holds the lock of '\(dir.path)/out\(Self.shown)/corpus.jsonl' ('\(dir.path)/out\(Self.shown)/.corpus.textmill/lock'; "), "\(r.stderr)")
        expectNoForgedLine(r.stderr, "lock")
    }

    /// A plugin's drop reason is a counter of the run summary's stage table: one holding a
    /// newline printed lines of its own there ("filtered x", then "textmill: 0 failed …").
    @Test func aPluginsDropReasonIsShownEscapedInTheSummary() throws {
        let dir = TemporaryDirectory()
        dir.write("in/ferry.txt", "The ferry left at noon.\n")
        dir.write("drop.py", "import sys, json\nfor line in sys.stdin:\n    print(json.dumps({\"drop\": \"x\\ntextmill: 0 failed\\u001b[2K\"}), flush=True)\n")
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - exec: {command: [python3, drop.py]}\n")
        let r = try cli.textmill(["run", "p.yaml", "--jobs", "1"], in: dir.path)
        expectEqual(r.status, 0, "\(r.stderr)")
        #expect(r.stderr.contains("  filtered \(Self.shown) 1, "), "\(r.stderr)")
        expectNoForgedLine(r.stderr, "drop reason")
        expectEqual(try dir.records("out/corpus.filtered.jsonl").first?["filtered"]?.objectValue?["reason"], .string(Self.forged))
    }

    /// A lexicon the config names, changed since the last run: the dry run names it escaped.
    @Test func aChangedOptionFileIsShownEscaped() throws {
        let dir = TemporaryDirectory()
        dir.write("in/ferry.txt", "The ferry left at noon.\n")
        dir.write("abbrev\(Self.forged).txt", "Gov.\n")
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - sentences: {abbreviations_file: \"abbrev\(Self.forgedYAML).txt\"}\n")
        expectEqual(try cli.textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        dir.write("abbrev\(Self.forged).txt", "Sen.\n")
        let dry = try cli.textmill(["run", "p.yaml", "--dry-run"], in: dir.path)
        #expect(dry.stdout.contains("stage 'sentences' (line 4): 'abbrev\(Self.shown).txt' changed"), "\(dry.stdout)")
        expectNoForgedLine(dry.stdout + dry.stderr, "changed option file")
    }
}
