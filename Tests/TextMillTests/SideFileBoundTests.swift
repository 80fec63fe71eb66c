import Foundation
import Testing
@testable import TextMill

/// What a run and `textmill report` read back from beside the output is bounded: a file planted
/// there costs no more memory than the bound (round 4 of the README's promises).
@Suite struct SideFileBoundTests {
    let cli = CommandLineTests()

    static let story = "The ferry to Carrow Island will run twice a day from May, the harbour board said.\n"

    /// A corpus of one document in `dir/in`, its config writing `dir/out/corpus.jsonl`.
    func corpus(_ dir: TemporaryDirectory) -> String {
        dir.write("in/ferry.txt", Self.story)
        return dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [sentences]\n")
    }

    /// Makes `path` a sparse file of `bytes` (nothing is written, the size is what counts).
    func plant(_ path: String, bytes: Int) throws {
        FileManager.default.createFile(atPath: path, contents: Data("{\"run\":".utf8))
        expectEqual(truncate(path, off_t(bytes)), 0)
    }

    /// A 300 MB NAME.stats.json planted beside the output was read whole by `run` (for the
    /// figures it kept under `previous`) and by `report`: about 950 MB of memory each.
    @Test func aHugeStatsFileIsNotReadByRunOrReport() throws {
        let dir = TemporaryDirectory()
        let config = corpus(dir)
        try FileManager.default.createDirectory(atPath: dir.file("out"), withIntermediateDirectories: true)
        let stats = dir.file("out/corpus.stats.json")
        try plant(stats, bytes: 300 << 20)
        let run = try cli.textmill(["run", config])
        expectEqual(run.status, 0, "\(run.stderr)")
        #expect(run.stderr.contains("textmill: warning: '\(stats)' is 300 MB, above the 8 MB a file TextMill writes there may be; it was not read (its figures are not kept under 'previous'); this run's replace it\n"))
        let written = try #require(FileManager.default.contents(atPath: stats))
        #expect(written.count < 64 << 10)
        let figures = try #require(try JSONParser.parse([UInt8](written)).objectValue)
        #expect(figures["run"] != nil && figures["previous"] == nil)

        try plant(stats, bytes: 9 << 20)
        let report = try cli.textmill(["report", dir.file("out/corpus.jsonl")])
        expectEqual(report.status, 0, "\(report.stderr)")
        #expect(report.stderr.contains("textmill: warning: the stats file '\(stats)' is 9 MB, above the 8 MB a file TextMill writes there may be; it was not read (a run writes a few KB there; the next 'textmill run' replaces it)\n"))
    }

    /// The small state files read back whole stop at their bound; a named pipe is not opened for
    /// reading (it waited for a writer for ever).
    @Test func smallFilesAreReadUpToTheirBound() throws {
        let dir = TemporaryDirectory()
        let small = dir.write("config.json", "{\"stages\":[]}\n")
        guard case .bytes(let bytes) = SmallFile.read(small) else { Issue.record("a small file is read"); return }
        expectEqual(bytes, Array("{\"stages\":[]}\n".utf8))
        if case .tooLarge(let size) = SmallFile.read(small, limit: 8) { expectEqual(size, 14) } else { Issue.record("14 bytes are over 8") }
        guard case .bytes = SmallFile.read(small, limit: 14) else { Issue.record("exactly the bound is read"); return }
        let fifo = dir.file("pipe.json")
        expectEqual(mkfifo(fifo, 0o600), 0)
        guard case .notAFile = SmallFile.read(fifo) else { Issue.record("a named pipe is not read"); return }
        guard case .missing = SmallFile.read(dir.file("none.json")) else { Issue.record("a missing file is missing"); return }
        try plant(dir.file("big.json"), bytes: SmallFile.maxBytes + 1)
        expectEqual(DurableFile.readJSON(dir.file("big.json")), nil)
        expectEqual(OutputFiles.owner(ofStateDirectory: dir.path), nil)
        try plant(dir.file("output"), bytes: 1 << 20)
        expectEqual(OutputFiles.owner(ofStateDirectory: dir.path), nil, "an owner file over 64 KB names no output")
    }

    /// The records of a changed or deleted file were read back whole into memory (a JSONL input of
    /// gigabytes made a range as large); they are read a line at a time, plain and gzip, and the
    /// ids are those of the lines in the range, across chunk boundaries.
    @Test func recordsOfAForgottenFileAreReadBackALineAtATime() throws {
        let dir = TemporaryDirectory()
        let before = "{\"id\":\"earlier\",\"text\":\"The harbour board met.\"}\n"
        let records = (0..<3000).map { "{\"id\":\"ferry-\($0)\",\"text\":\"\(String(repeating: "The ferry to Carrow Island runs twice a day. ", count: 12))\"}\n" }.joined()
        let after = "{\"id\":\"later\"}\n"
        #expect(records.utf8.count > 1 << 20, "the range is longer than a read")
        dir.write("out/corpus.jsonl", before + records + after)
        let store = StateStore(output: dir.file("out/corpus.jsonl"))
        let entry = FileEntry(path: "in/ferry.jsonl", size: 1, mtime: 1, sha256: "", records: 3000,
                              ranges: PerOutput(output: ByteRange(offset: before.utf8.count, length: records.utf8.count), errors: .empty, duplicates: .empty, filtered: .empty))
        expectEqual(try RunPlan.documents(of: [entry], store: store).map(\.id), (0..<3000).map { "ferry-\($0)" })

        // A gzip output: each file's records are members of their own; the range holds two.
        let gzip = { (text: String) -> [UInt8] in
            let w = GzipWriter()
            return w.compress(Array(text.utf8)) + w.finish()
        }
        let first = gzip(before), middle = gzip(String(records.prefix(200_000))) + gzip(String(records.dropFirst(200_000))), last = gzip(after)
        dir.write("gz/corpus.jsonl.gz", first + middle + last)
        let gzStore = StateStore(output: dir.file("gz/corpus.jsonl.gz"))
        var gzEntry = entry
        gzEntry.ranges.output = ByteRange(offset: first.count, length: middle.count)
        expectEqual(try RunPlan.documents(of: [gzEntry], store: gzStore).map(\.id), (0..<3000).map { "ferry-\($0)" })
    }
}
