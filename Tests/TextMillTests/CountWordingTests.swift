import Foundation
import Testing
@testable import TextMill

/// Counts the command line prints take the singular for one: `textmill report` said "(1
/// documents)", a run "1 documents from 1 files", "1 duplicates", "[full: 1 files]", `--dry-run`
/// "1 unchanged files", `--limit 1` "the first 1 documents" (main a21feae).
@Suite struct CountWordingTests {
    let cli = CommandLineTests()

    @Test func countedNounsAreSingularForOne() {
        expectEqual(MessageText.counted(0, "file"), "0 files")
        expectEqual(MessageText.counted(1, "file"), "1 file")
        expectEqual(MessageText.counted(2, "copy", plural: "copies"), "2 copies")
        expectEqual(MessageText.counted(1, "unchanged file"), "1 unchanged file")
    }

    @Test func oneDocumentOneFileOneDuplicate() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "The council approved the budget on Tuesday after a four-hour meeting.\n")
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: [normalize, dedup]\n")
        let first = try cli.textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(first.status, 0, "\(first.stderr)")
        #expect(first.stderr.contains("textmill: 1 document from 1 file (0.0 MB) in "), "\(first.stderr)")
        #expect(first.stderr.contains(" [full: 1 file]\n"), "\(first.stderr)")
        #expect(first.stderr.contains("  1 written to out/corpus.jsonl, 0 duplicates to out/corpus.duplicates.jsonl, 0 failed to out/corpus.errors.jsonl\n"), "\(first.stderr)")
        let stats = try #require(StateStore.readJSON(dir.file("out/corpus.stats.json"))?.objectValue?["run"]?.objectValue)
        expectEqual(stats["mode"], "full: 1 file")

        let report = try cli.textmill(["report", "out/corpus.jsonl"], in: dir.path)
        expectEqual(report.status, 0, "\(report.stderr)")
        #expect((report.stdout + report.stderr).contains("textmill: wrote out/corpus.report.html (1 document)"), "\(report.stdout)\(report.stderr)")

        let dry = try cli.textmill(["run", "p.yaml", "--dry-run"], in: dir.path)
        #expect(dry.stdout.contains("  0 new, 0 changed, 0 deleted, 1 unchanged file\n"), "\(dry.stdout)")

        let preview = try cli.textmill(["run", "p.yaml", "--limit", "1", "-o", "-"], in: dir.path)
        #expect(preview.stderr.contains("textmill: --limit 1: a preview of the first document; no incremental state is kept"), "\(preview.stderr)")

        dir.write("in/b.txt", "The council approved the budget on Tuesday after a four-hour meeting.\n")
        let second = try cli.textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(second.status, 0, "\(second.stderr)")
        #expect(second.stderr.contains("textmill: 1 document from 1 file (0.0 MB) in "), "\(second.stderr)")
        #expect(second.stderr.contains(" [incremental: 1 new, 0 changed, 0 deleted, 1 unchanged file]\n"), "\(second.stderr)")
        #expect(second.stderr.contains("  0 written to out/corpus.jsonl, 1 duplicate to out/corpus.duplicates.jsonl, 0 failed to out/corpus.errors.jsonl\n"), "\(second.stderr)")
    }
}
