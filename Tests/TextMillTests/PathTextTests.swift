import Foundation
import Testing
@testable import TextMill

/// A path's folder and name, for outputs and for records' source paths: Foundation's path
/// functions trapped on "." and "~" (found with `textmill run -o .`, `textmill validate` of a
/// config with `output: ~`, and `textmill report` of records whose source path is "." or "~").
@Suite struct PathTextTests {
    let cli = CommandLineTests()

    /// `~` and `.` as an output's path: the side files' names are worked out without Foundation's
    /// path functions, which trapped on both.
    @Test func pathPartsAreWorkedOutForEveryPath() {
        let cases: [(path: String, folder: String, name: String)] = [
            ("out/corpus.jsonl", "out", "corpus.jsonl"), ("corpus.jsonl", "", "corpus.jsonl"),
            ("/corpus.jsonl", "/", "corpus.jsonl"), ("a//b/c.jsonl", "a//b", "c.jsonl"), ("a//c", "a", "c"),
            ("out/", "", "out"), ("a/b//", "a", "b"), ("/", "/", "/"), ("//", "/", "/"), ("", "", ""),
            (".", "", "."), ("~", "", "~"), ("~/", "", "~"), ("~/x.jsonl", "~", "x.jsonl"), ("/a", "/", "a"),
        ]
        for c in cases {
            expectEqual(PathText.folder(of: c.path), c.folder, "folder of '\(c.path)'")
            expectEqual(PathText.name(of: c.path), c.name, "name of '\(c.path)'")
        }
        expectEqual(OutputFiles(output: "~").sideFiles, ["~.errors.jsonl", "~.duplicates.jsonl", "~.filtered.jsonl", "~.stats.json"])
        expectEqual(OutputFiles(output: "~").stateDirectory, ".~.textmill")
        expectEqual(CorpusAggregates.folder(of: "."), ".")
        expectEqual(CorpusAggregates.folder(of: "~/a.txt"), "~")
    }

    /// `textmill report` on an output whose records give "." and "~" as source paths crashed in
    /// the chart of documents per folder.
    @Test func aReportOfRecordsWithOddSourcePathsIsWritten() throws {
        let dir = TemporaryDirectory()
        dir.write("odd.jsonl", """
        {"id": "a", "source": {"path": "."}, "text": "The bridge reopened on Friday."}
        {"id": "b", "source": {"path": "~"}, "text": "The bakery on Mill Lane closed for good."}

        """)
        let r = try cli.textmill(["report", dir.file("odd.jsonl")])
        expectEqual(r.status, 0, "\(r.stderr)")
        expectEqual(r.stderr, "textmill: wrote \(dir.file("odd.report.html")) (2 documents)\n")
    }
}
