import Foundation
import Testing
@testable import TextMill

/// A size measured against a limit is shown rounded up to the tenth of a megabyte, and the limit
/// to the nearest tenth (`MessageText.megabytes`). Both were shifted down to whole megabytes: a
/// JSONL line of 2,000,020 bytes against `max_document_mb: 1` failed as "line 1 is 1 MB, above
/// the 1 MB limit", and a limit of 0.5 MB read "0 MB".
@Suite struct SizeMessageTests {
    @Test func megabytesForPeople() {
        let cases: [(Int, Bool, String)] = [
            (1 << 20, true, "1"), ((1 << 20) + 1, true, "1.1"), (2_000_020, true, "2"), (2_000_020, false, "1.9"),
            (70_000_000, true, "66.8"), (64 << 20, false, "64"), (1 << 19, false, "0.5"), (600_000, true, "0.6"),
            (0, true, "0"), ((10 << 20) - 1, true, "10"), ((10 << 20) - 1, false, "10"),
        ]
        for (bytes, up, text) in cases {
            expectEqual(MessageText.megabytes(bytes, up: up), text, "\(bytes) bytes, up: \(up)")
        }
    }

    /// The whole errors line of a JSONL line over the limit, at two limits.
    @Test(arguments: [("1", 2_000_020, "line 1 is 2 MB, above the 1 MB limit"), ("0.5", 600_000, "line 1 is 0.6 MB, above the 0.5 MB limit")])
    func aLineOverTheLimitSaysHowFarOver(limit: String, bytes: Int, says: String) throws {
        let dir = TemporaryDirectory()
        let text = String(repeating: "The ferry left the harbor at dawn. ", count: bytes / 35 + 1)
        let line = "{\"id\": \"long\", \"text\": \"" + text + "\"}"
        _ = dir.write("in/a.jsonl", String(line.prefix(bytes - 2)) + "\"}\n" + "{\"id\": \"short\", \"text\": \"The ferry left.\"}\n")
        _ = dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nmax_document_mb: \(limit)\nstages:\n  - normalize\n")
        let run = try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(run.status, 1, "\(run.stderr)")
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.compactMap { $0["reason"]?.stringValue }, [says + "; raise max_document_mb in the config to read it"])
        expectEqual(try dir.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["short"])
    }

    /// A text a stage grew a few bytes past the limit: it read "text grew to 1.0 MB after
    /// 'double', above max_document_mb 1.0" (one decimal, to the nearest tenth, for both).
    @Test func textGrownJustPastTheLimitSaysSo() {
        expectEqual(TextGrowth.error(bytes: (1 << 20) + 24, stage: "double", limit: 1 << 20).message,
                    "text grew to 1.1 MB after 'double', above max_document_mb 1; raise max_document_mb in the config, or drop the option that makes the text grow")
        expectEqual(TextGrowth.error(bytes: (1 << 20) + 24, stage: "normalize", limit: 1 << 20, stopped: true).message,
                    "text grew past max_document_mb 1 inside 'normalize' (it stopped there); raise max_document_mb in the config, or drop the option that makes the text grow")
        expectEqual(TextGrowth.error(bytes: 700_000, stage: "double", limit: 1 << 19).message,
                    "text grew to 0.7 MB after 'double', above max_document_mb 0.5; raise max_document_mb in the config, or drop the option that makes the text grow")
    }
}
