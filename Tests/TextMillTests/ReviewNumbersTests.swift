import Foundation
import Testing
@testable import TextMill

/// Numbers from the config and the command line that used to crash the conversion to bytes
/// ("Double value cannot be converted to Int"): each is refused with exit 2 and a message.
@Suite struct ReviewNumbersTests {
    @Test(arguments: ["1e300", "inf", "1e13", "nan", "-1", "0", "0.0000001", "0.09"])
    func maxDocumentMBOutOfRangeIsAConfigError(value: String) throws {
        let yaml = "input: input/\noutput: out.jsonl\nmax_document_mb: \(value)\nstages: [normalize]\n"
        do {
            _ = try ConfigLoader().parse(yaml, path: "p.yaml")
            Issue.record("max_document_mb: \(value) was accepted")
        } catch {
            #expect(error.description.contains("p.yaml:3:18: error: 'max_document_mb' must be a number of megabytes from 0.1 to 1048576"), "\(error)")
        }
    }

    /// `max_document_mb: 0.0000001` was taken, and every document then failed as "larger than
    /// the 0 MB limit": a limit below a tenth of a MB, the smallest size the messages show, is
    /// refused at its line and column (exit 2, nothing written); a tenth of a MB is taken.
    @Test func aLimitBelowATenthOfAMBIsRefusedAtItsLine() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "The bakery on Mill Street will close for two weeks in August for new ovens.\n")
        let cli = CommandLineTests()
        dir.write("p.yaml", "input: in\noutput: out/corpus.jsonl\nmax_document_mb: 0.0000001\nstages: [normalize]\n")
        let run = try cli.textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(run.status, 2)
        #expect(run.stderr.contains("p.yaml:3:18: error: 'max_document_mb' must be a number of megabytes from 0.1 to 1048576 (a tenth of a MB is the smallest size the messages show)"), "\(run.stderr)")
        expectEqual(FileManager.default.fileExists(atPath: dir.file("out")), false)
        dir.write("q.yaml", "input: in\noutput: out/corpus.jsonl\nmax_document_mb: 0.1\nstages: [normalize]\n")
        let tenth = try cli.textmill(["run", "q.yaml", "-q"], in: dir.path)
        expectEqual(tenth.status, 0, "\(tenth.stderr)")
        expectEqual(try dir.records("out/corpus.jsonl").count, 1)
    }

    @Test func aLargeButSaneLimitIsKept() throws {
        let config = try ConfigLoader().parse("input: input/\noutput: out.jsonl\nmax_document_mb: 4096\nstages: [normalize]\n", path: "p.yaml")
        expectEqual(config.maxDocumentBytes, 4096 << 20)
    }

    @Test(arguments: [["--checkpoint-mb", "1e300"], ["--checkpoint-mb", "nan"], ["--checkpoint-mb", "inf"], ["--checkpoint-mb", "0"],
                      ["--jobs", "1000000000000000000"]])
    func outOfRangeFlagsExitTwo(flags: [String]) throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", Repo.bytes(Repo.sampleTexts[0]))
        let config = dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize]\n")
        let r = try CommandLineTests().textmill(["run", config, "--quiet"] + flags)
        expectEqual(r.status, 2, "\(r.stderr.prefix(300))")
        #expect(r.stderr.contains(flags[0]))
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/corpus.jsonl")))
    }
}
