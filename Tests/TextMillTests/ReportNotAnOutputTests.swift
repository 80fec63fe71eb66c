import Foundation
import Testing
@testable import TextMill

/// `textmill report in/story.txt`, an input named by mistake for the output, wrote a page of
/// "0 documents" into the input folder under exit 0 (`in/story.txt.report.html`), which the next
/// run read as an HTML document of the corpus. A file that holds no JSON record and has no stats
/// file beside it is no output a run wrote: exit 2, nothing written.
@Suite struct ReportNotAnOutputTests {
    @Test func aReportOfAFileNoRunWroteIsRefused() throws {
        let dir = TemporaryDirectory()
        dir.write("in/story.txt", "The ferry left at noon.\n\nIt came back at six, the port office said.\n")
        let cli = CommandLineTests()
        let r = try cli.textmill(["report", "in/story.txt"], in: dir.path)
        expectEqual(r.status, 2)
        expectEqual(r.stderr, "textmill: 'in/story.txt' is not an output a run wrote: it holds no JSON record (2 lines, none a JSON object), and there is no 'in/story.txt.stats.json' beside it; name the JSONL file a run wrote (the config's 'output', e.g. output/corpus.jsonl)\n")
        #expect(!FileManager.default.fileExists(atPath: dir.file("in/story.txt.report.html")))
        // An output a run wrote is reported, records or not: an empty one, and one whose lines
        // were all damaged, beside its stats file.
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: [normalize]\n")
        expectEqual(try cli.textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        dir.write("out/corpus.jsonl", "not JSON\n")
        let page = try cli.textmill(["report", "out/corpus.jsonl"], in: dir.path)
        expectEqual(page.status, 0, "\(page.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.file("out/corpus.report.html")))
        dir.write("other/empty.jsonl", "")
        expectEqual(try cli.textmill(["report", "other/empty.jsonl"], in: dir.path).status, 0)
    }

    /// The output's folder named for the output was told to be moved away ("cannot read 'out':
    /// it is a folder, not a file a run wrote; move it away (the next 'textmill run' writes the
    /// file anew)"), and a side file named for it made a page of its lines as documents under
    /// exit 0 (`out/corpus.errors.report.html`, "1 document"). Each is refused (exit 2), naming
    /// the output to report; nothing is written.
    @Test func theOutputsFolderOrASideFileNamedForTheOutputIsToldWhichOutputToName() throws {
        let dir = TemporaryDirectory(), cli = CommandLineTests()
        // Two outputs in one folder, each with an errors file (the empty story fails).
        for (name, text) in [("story.txt", "The ferry left at noon.\n\nIt came back at six, the port office said.\n"), ("empty.txt", "")] {
            dir.write("in/" + name, text)
        }
        for output in ["out/corpus.jsonl", "out/wire.jsonl"] {
            expectEqual(try cli.textmill(["run", "-i", "in", "-o", output, "-q", dir.write("p.yaml", "stages: [normalize]\n")], in: dir.path).status, 1)
        }
        let folder = try cli.textmill(["report", "out"], in: dir.path)
        expectEqual(folder.status, 2)
        expectEqual(folder.stderr, "textmill: 'out' is a folder: a report reads an output file a run wrote, and the files beside it; name the output: 'out/corpus.jsonl', 'out/wire.jsonl' (the outputs in that folder)\n")
        let errors = try cli.textmill(["report", "out/corpus.errors.jsonl"], in: dir.path)
        expectEqual(errors.status, 2)
        expectEqual(errors.stderr, "textmill: 'out/corpus.errors.jsonl' is the errors file of the output 'out/corpus.jsonl': a report reads an output and the files beside it, that one among them; report the output: textmill report out/corpus.jsonl\n")
        let listed = try FileManager.default.contentsOfDirectory(atPath: dir.file("out")).filter { $0.hasSuffix(".html") }
        expectEqual(listed, [])
        // The output itself, and an output beside another's files, are reported.
        expectEqual(try cli.textmill(["report", "out/wire.jsonl"], in: dir.path).status, 0)
    }
}
