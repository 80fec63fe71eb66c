import Testing
@testable import TextMill

/// A `.txt` or `.html` file in UTF-16 without a byte-order mark (NUL bytes on one side of every
/// pair, as ASCII letters have in UTF-16) is refused with a reason that says so and how to
/// convert it. Until session 33 it was "a binary file (a NUL byte at byte 1), not text", which
/// named no encoding and no way out. A binary file with NUL bytes keeps its reason.
@Suite struct UTF16WithoutMarkTests {
    static let text = "Harbour Council Approves Ferry Budget\n\nThe harbour council met on Monday.\n"

    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        text.utf16.flatMap { unit -> [UInt8] in
            let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
            return bigEndian ? [high, low] : [low, high]
        }
    }

    @Test func utf16WithoutAMarkIsNamed() throws {
        let dir = TemporaryDirectory()
        dir.write("in/le.txt", Self.utf16(Self.text, bigEndian: false))
        dir.write("in/be.html", Self.utf16("<p>\(Self.text)</p>", bigEndian: true))
        dir.write("in/data.txt", Array("GIF-ish".utf8) + [0, 0, 0, 7, 1, 0, 0, 0] + Array("header".utf8))
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages: [cleanup]
            """, in: dir)
        expectEqual(summary.exitStatus, 1)
        let errors = try dir.records("out/corpus.errors.jsonl")
        var reasons: [String: String] = [:]
        for error in errors {
            let name = String(error["id"]?.stringValue?.split(separator: "/").last ?? "")
            reasons[name] = "\(error["reason"]?.stringValue ?? "") @\(error["line"]?.intValue ?? 0):\(error["column"]?.intValue ?? 0)"
        }
        expectEqual(reasons, [
            "le.txt": "this looks like UTF-16LE text without a byte-order mark (a NUL byte at byte 1 and at every second byte, as ASCII letters in UTF-16 have), which is read only with its mark: convert it to UTF-8, e.g. iconv -f utf-16le -t utf-8 FILE > FIXED @1:2",
            "be.html": "this looks like UTF-16BE text without a byte-order mark (a NUL byte at byte 0 and at every second byte, as ASCII letters in UTF-16 have), which is read only with its mark: convert it to UTF-8, e.g. iconv -f utf-16be -t utf-8 FILE > FIXED @1:1",
            "data.txt": "this is a binary file (a NUL byte at byte 7), not text @1:8",
        ])
    }
}
