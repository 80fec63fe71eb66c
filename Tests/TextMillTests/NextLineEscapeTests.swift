import Foundation
import Testing
@testable import TextMill

/// U+0085 (NEL) is a line break to Python's `str.splitlines` and other line readers, so the
/// writer escapes it, with the other C1 controls U+0080–U+009F, wherever it writes a JSON string
/// (text, meta, passthrough fields, errors lines), and a passthrough field holding one raw is
/// not written back as the text it came in. Before, a raw NEL came out raw: Python read one record
/// as two lines, neither of them JSON.
@Suite struct NextLineEscapeTests {
    static let nel = "\u{85}"

    /// The records of the input: NEL raw in a passthrough field, in `text` and in `meta`, and in
    /// the id of a record that fails (its errors line).
    static var lines: [String] {
        [
            #"{"id":"nel-1","text":"The ferry ran late on Monday.","wire":"Port desk"# + nel + #"Coastal bureau"}"#,
            #"{"id":"nel-2","text":"The harbor reopened."# + nel + #"Fishermen cheered."}"#,
            #"{"id":"nel-3","text":"The council met late.","meta":{"title":"Council"# + nel + #"Late session"}}"#,
            #"{"id":"nel-4"# + nel + #"x","text":5}"#,
        ]
    }

    @Test func nelIsEscapedInEveryStringTheWriterWrites() throws {
        let dir = TemporaryDirectory()
        dir.write("in/nel.jsonl", Self.lines.joined(separator: "\n") + "\n")
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [sentences]\n", in: dir)
        #expect(summary.written == 3 && summary.failed == 1)
        for name in ["out/corpus.jsonl", "out/corpus.errors.jsonl"] {
            let bytes = Array(FileManager.default.contents(atPath: dir.file(name)) ?? Data())
            // No raw NEL (C2 85), and so as many lines for `splitlines` as for "\n".
            #expect(!bytes.indices.dropLast().contains { bytes[$0] == 0xC2 && bytes[$0 + 1] == 0x85 }, "raw NEL in \(name)")
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) }, "raw C1 control in \(name)")
        }
        let written = dir.read("out/corpus.jsonl")
        #expect(written.contains(#""wire":"Port desk\u0085Coastal bureau""#))
        let records = try dir.records("out/corpus.jsonl")
        expectEqual(records.map { $0["id"]?.stringValue }, ["nel-1", "nel-2", "nel-3"])
        // Each value decodes to exactly what the input held.
        expectEqual(records[0]["wire"]?.stringValue, "Port desk" + Self.nel + "Coastal bureau")
        expectEqual(records[1]["text"]?.stringValue, "The harbor reopened." + Self.nel + "Fishermen cheered.")
        expectEqual(records[2]["meta"], .object(JSONObject([("title", .string("Council" + Self.nel + "Late session"))])))
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.map { $0["id"]?.stringValue }, ["nel-4" + Self.nel + "x"])
    }

    /// The writer's kernel escapes each C1 control and copies every other two-byte sequence that
    /// starts with C2 (U+00A0 to U+00BF), at every position of the vector and scalar paths.
    @Test func theWriterEscapesC1ControlsAndCopiesTheRestOfC2() {
        for k in 0..<40 {
            let lead = String(repeating: "a", count: k)
            var w = JSONWriter()
            w.string(lead + "\u{80}\u{85}\u{9F}\u{A0}©°«»" + lead)
            expectEqual(String(decoding: w.bytes, as: UTF8.self), "\"" + lead + #"\u0080\u0085\u009f"# + "\u{A0}©°«»" + lead + "\"")
        }
    }
}
