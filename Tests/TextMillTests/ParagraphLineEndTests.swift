import Testing
@testable import TextMill

/// `Paragraphs.spans` ends a line at a line feed, a carriage return and line feed, or a carriage
/// return alone. A text with CR-only line ends (old Mac files, or a JSONL `text` holding "\r\r"),
/// which a pipeline without `normalize` keeps as it came, was one paragraph until session 33,
/// whatever blank lines it held.
@Suite struct ParagraphLineEndTests {
    static let lines = ["Harbour Council Approves Ferry Budget", "",
                        "The harbour council met on Monday.", "It argued about the budget for an hour.", "  ",
                        "\u{201C}We will not back down,\u{201D} said Maria L\u{F3}pez, a councillor.", ""]

    func spans(_ text: String) -> [Span] { Paragraphs.spans(in: Array(text.utf8)) }

    /// The same lines give the same paragraphs whichever line end joins them.
    @Test(arguments: ["\r", "\r\n", "\n"])
    func everyLineEndSeparatesParagraphs(lineEnd: String) {
        let text = Self.lines.joined(separator: lineEnd)
        let found = spans(text)
        let bytes = Array(text.utf8)
        let paragraphs = found.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
        expectEqual(paragraphs, ["Harbour Council Approves Ferry Budget",
                                 "The harbour council met on Monday.\(lineEnd)It argued about the budget for an hour.",
                                 "\u{201C}We will not back down,\u{201D} said Maria L\u{F3}pez, a councillor."])
    }

    @Test func spansOfCarriageReturnText() {
        expectEqual(spans("One.\r\rTwo.\rStill two.\r \t\rThree.\r"), [Span(0, 4), Span(6, 21), Span(25, 31)])
        // A carriage return right after a line feed ends a blank line; a lone one inside a line too.
        expectEqual(spans("One.\n\rTwo."), [Span(0, 4), Span(6, 10)])
        expectEqual(spans("One.\r\n\r\nTwo.\r\n"), [Span(0, 4), Span(8, 12)])
        expectEqual(spans("\r\r\rOne.\r\r\r"), [Span(3, 7)])
        expectEqual(spans("One.\rTwo."), [Span(0, 9)])
    }

    /// End to end: a `.txt` file and a JSONL `text` with CR-only line ends, through `cleanup`
    /// and `sentences` without `normalize`: the paragraphs are those of the same text with line
    /// feeds, and every span slices the output's own text.
    @Test func carriageReturnTextKeepsItsParagraphsThroughARun() throws {
        let dir = TemporaryDirectory()
        let text = Self.lines.joined(separator: "\r")
        dir.write("in/mac.txt", text)
        dir.write("in/records.jsonl", "{\"id\": \"r1\", \"text\": \"First paragraph here.\\r\\rSecond paragraph here.\\rSame one.\"}\n")
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages: [cleanup, sentences]
            """, in: dir)
        expectEqual(summary.exitStatus, 0)
        let records = try dir.records("out/corpus.jsonl")
        expectEqual(records.count, 2)
        func spans(_ record: JSONObject?, _ key: String) -> [[Int]] {
            (record?[key]?.arrayValue ?? []).map { [$0.objectValue?["start"]?.intValue ?? -1, $0.objectValue?["end"]?.intValue ?? -1] }
        }
        let mac = records.first { $0["id"]?.stringValue?.hasSuffix("in/mac.txt") == true }
        expectEqual(mac?["text"]?.stringValue, text)
        expectEqual(spans(mac, "paragraphs"), [[0, 37], [39, 113], [117, 173]])
        expectEqual(spans(mac, "sentences"), [[0, 37], [39, 73], [74, 113], [117, 173]])
        let r1 = records.first { $0["id"]?.stringValue == "r1" }
        expectEqual(spans(r1, "paragraphs"), [[0, 21], [23, 55]])
        for record in [mac, r1] {
            let scalars = Array((record?["text"]?.stringValue ?? "").unicodeScalars)
            for span in spans(record, "paragraphs") + spans(record, "sentences") {
                let piece = String(String.UnicodeScalarView(scalars[span[0]..<span[1]]))
                #expect(piece.first.map { !$0.isWhitespace } == true && piece.last.map { !$0.isWhitespace } == true, "\(span): \(piece)")
            }
        }
    }
}
