import Foundation
import Testing
@testable import TextMill

/// DESIGN.md, "Files beside the output": a run whose output is stdout keeps no state and writes
/// no side files unless asked. Such a run wrote `errors.jsonl`, `duplicates.jsonl` and
/// `filtered.jsonl` into the working folder (a second run in another folder scattered more);
/// now each failure goes to stderr as it comes, and duplicates and filtered documents are
/// counted, not kept.
@Suite struct StdoutSideFilesTests {
    let cli = CommandLineTests()

    /// Two copies of one story (dedup drops the second), another story and a short line (the
    /// filter drops both), and an empty file (it fails).
    func corpus(_ dir: TemporaryDirectory, output: String = "\"-\"") -> String {
        let story = Repo.bytes("input/rfe-kazakh-activists.txt")
        dir.write("in/a.txt", story)
        dir.write("in/a-copy.txt", story)
        dir.write("in/b.txt", Repo.bytes("input/npr-kazakhstan-stories.txt"))
        dir.write("in/empty.txt", [])
        dir.write("in/short.txt", "Short one here.\n")
        return dir.write("p.yaml", "input: in/\noutput: \(output)\nstages: [normalize, sentences, dedup, filter: {min_doc_words: 10}]\n")
    }

    /// Every path under `dir`, hidden ones included.
    func listing(_ dir: TemporaryDirectory) -> [String] {
        ((FileManager.default.enumerator(atPath: dir.path)?.allObjects as? [String]) ?? []).sorted()
    }

    static let failure = #"textmill: failed: {"id":"in/empty.txt","source":{"path":"in/empty.txt","format":"text"},"stage":"read","reason":"the file is empty"}"#

    @Test func aRunToStdoutWritesNoSideFilesAndShowsItsFailuresOnStderr() throws {
        let dir = TemporaryDirectory()
        let config = corpus(dir)
        let before = listing(dir)
        let r = try cli.textmill(["run", config, "--jobs", "2"], in: dir.path)
        expectEqual(r.status, 1, "\(r.stderr)")
        expectEqual(listing(dir), before, "no file appears in the working folder")
        let ids = r.stdout.split(separator: "\n").map { (try? JSONParser.parse(String($0)))?.objectValue?["id"]?.stringValue ?? "?" }
        expectEqual(ids, ["in/a-copy.txt"])
        let lines = r.stderr.split(separator: "\n").map(String.init)
        expectEqual(lines.filter { $0.hasPrefix("textmill: failed: ") }, [Self.failure])
        #expect(lines.contains("  1 written to stdout, 1 duplicate dropped, 2 filtered, 1 failed (each above, on stderr); a run to stdout keeps no side files: to keep what it drops, write to a file (--output FILE)"), "\(lines)")
        // --quiet prints the failures still (errors), and nothing else.
        let quiet = try cli.textmill(["run", config, "--quiet"], in: dir.path)
        expectEqual(quiet.status, 1)
        expectEqual(quiet.stderr, Self.failure + "\n")
        expectEqual(listing(dir), before)
    }

    /// A preview (`--limit`) and a run that reads stdin write to stdout too: neither leaves a file.
    @Test func aPreviewAndAStdinRunToStdoutWriteNoSideFiles() throws {
        let dir = TemporaryDirectory()
        let config = corpus(dir)
        let before = listing(dir)
        let preview = try cli.textmill(["run", config, "-q", "--limit", "5", "-o", "-"], in: dir.path)
        expectEqual(preview.status, 1, "\(preview.stderr)")
        expectEqual(preview.stderr, Self.failure + "\n")
        let stdin = "not json\n{\"id\": \"y\", \"text\": \"The ferry left at noon.\"}\n"
        let piped = try cli.textmill(["run", config, "-q", "-i", "-"], stdin: stdin, in: dir.path)
        expectEqual(piped.status, 1, "\(piped.stderr)")
        expectEqual(piped.stdout, "", "y is filtered")
        expectEqual(piped.stderr, #"textmill: failed: {"id":"stdin#1","source":{"path":"-","format":"jsonl"},"stage":"read","reason":"line 1 is not valid JSON: expected 'null' (column 1)","line":1,"column":1}"# + "\n")
        expectEqual(listing(dir), before)
    }

    /// An output file keeps its side files as before.
    @Test func anOutputFileKeepsItsSideFiles() throws {
        let dir = TemporaryDirectory()
        let config = corpus(dir, output: "out/corpus.jsonl")
        let r = try cli.textmill(["run", config, "-q"], in: dir.path)
        expectEqual(r.status, 1, "\(r.stderr)")
        expectEqual(r.stderr, "")
        expectEqual(try dir.records("out/corpus.errors.jsonl").count, 1)
        expectEqual(try dir.records("out/corpus.duplicates.jsonl").count, 1)
        expectEqual(try dir.records("out/corpus.filtered.jsonl").count, 2)
    }
}
