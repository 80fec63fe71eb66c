import Foundation
import Testing
@testable import TextMill

/// `textmill report` of a `.gz` output whose gzip data ends inside a member, as a run appending
/// to it leaves it while it writes (or a kill in the middle of the append, until the next run):
/// the page shows the records before the cut and says where reading stopped, as it shows a plain
/// output's records around a torn last line. Until session 36 the whole report was refused
/// (exit 2, "cannot read 'out/corpus.jsonl.gz': the gzip data ends too early (the file is
/// truncated)"), and so was an output with no records, which a run writes as an empty file.
@Suite struct ReportGzipOutputTests {
    /// The test corpus's output records as a `.gz` output, one gzip member a record (as a run
    /// writes one a file), the last member cut to its first `keptOfLast` bytes.
    static func gzipOutput(_ dir: TemporaryDirectory, keptOfLast: Int) throws -> String {
        let plain = CorpusReportTests.writeCorpus(dir)
        let lines = dir.read("out/corpus.jsonl").split(separator: "\n").map { Array(($0 + "\n").utf8) }
        var bytes: [UInt8] = []
        for (n, line) in lines.enumerated() {
            let writer = GzipWriter()
            let member = writer.compress(line) + writer.finish()
            bytes += n == lines.count - 1 ? Array(member.prefix(keptOfLast)) : member
        }
        try FileManager.default.removeItem(atPath: plain)
        return dir.write("out/corpus.jsonl.gz", bytes)
    }

    @Test func aGzipOutputCutInsideAMemberShowsTheRecordsBeforeTheCut() throws {
        let dir = TemporaryDirectory()
        let output = try ReportGzipOutputTests.gzipOutput(dir, keptOfLast: 30)
        let report = try CorpusReport.build(output: output)
        expectEqual(report.aggregates.documents, 2)
        let counts = try #require(report.fileCounts.last?.counts)
        expectEqual(counts, ReportFileReader.Counts(records: 2, unreadable: 0, stoppedBy: "the gzip data ends too early (the file is truncated)"))
        let note = "reading stopped there: the gzip data ends too early (the file is truncated); the page shows the records before it (a run that appends to the file, or was killed while appending, leaves its end so until the run ends or the next run mends it)"
        expectEqual(report.stoppedFiles.map { "\($0.path): \($0.note)" }, ["\(output): \(note)"])
        #expect(report.html.contains("<li><code>\(HTMLText.escape(output))</code>: 2 records; \(HTMLText.escape(note))</li>"))
    }

    /// A `.gz` file no run wrote (no stats file beside it) whose gzip data fails before its
    /// first record is refused, as before: it is no output.
    @Test func aGzipFileThatFailsAtOnceAndNoRunWroteIsRefused() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("in/story.txt.gz", "The ferry left at noon, the port office said.\n")
        #expect(throws: ReportError.unreadable(path: path, reason: "the gzip data is corrupt (incorrect header check)")) { try CorpusReport.build(output: path) }
        #expect(!FileManager.default.fileExists(atPath: dir.file("in/story.txt.report.html")))
    }

    /// A whole `.gz` output says nothing of the kind.
    @Test func aWholeGzipOutputIsReadToItsEnd() throws {
        let dir = TemporaryDirectory()
        let output = try ReportGzipOutputTests.gzipOutput(dir, keptOfLast: Int.max)
        let report = try CorpusReport.build(output: output)
        expectEqual(report.fileCounts.last?.counts, ReportFileReader.Counts(records: 3, unreadable: 0, stoppedBy: nil))
        #expect(report.stoppedFiles.isEmpty)
    }

    /// A run that found no document writes a `corpus.jsonl.gz` of one empty gzip member (since
    /// session 37; 0 bytes before, as it holds no record): its report is one of no documents,
    /// and so is the report of such a 0-byte output an earlier run left.
    @Test func anEmptyGzipOutputARunWroteIsReported() throws {
        let dir = TemporaryDirectory()
        dir.write("in/.keep", "")
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl.gz"))\nstages: [sentences]\n", in: dir)
        expectEqual(summary.written, 0)
        expectEqual(Array(FileManager.default.contents(atPath: dir.file("out/corpus.jsonl.gz")) ?? Data()), GzipWriter.emptyMember)
        for _ in 0..<2 {
            let report = try CorpusReport.build(output: dir.file("out/corpus.jsonl.gz"))
            expectEqual(report.aggregates.documents, 0)
            expectEqual(report.fileCounts.last?.counts, ReportFileReader.Counts(records: 0, unreadable: 0, stoppedBy: nil))
            expectEqual(truncate(dir.file("out/corpus.jsonl.gz"), 0), 0)
        }
    }
}
