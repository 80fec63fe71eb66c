import Testing
@testable import TextMill

/// One table of line terminators (`LineTerminators`: line feed, vertical tab, form feed, carriage
/// return, NEL, U+2028, U+2029) for cleanup's paragraphs, the plain-text title and the sentence
/// splitter. Until session 34 paragraphs ended lines at a line feed or carriage return only and
/// the sentence splitter at a line feed only: "Tuesday.\u{2028}The park…" was one sentence and
/// "…\u{2028}\u{2028}…" one paragraph, where "\n" made two.
@Suite struct LineTerminatorsTests {
    /// Every line terminator but the paragraph separator, and the line feed to compare with.
    static let lineEnds = ["\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}"]

    /// The byte reader agrees with the table, and takes no other scalar for a terminator.
    @Test func lengthReadsTheTable() {
        for terminator in LineTerminators.all {
            let bytes = Array(String(terminator.scalar).utf8) + Array("x".utf8)
            let length = bytes.withUnsafeBufferPointer { LineTerminators.length($0.baseAddress!, 0, $0.count) }
            expectEqual(length, bytes.count - 1, "\(terminator.name)")
            let ends = bytes.withUnsafeBufferPointer { LineTerminators.endsParagraph($0.baseAddress!, 0, length: length) }
            expectEqual(ends, terminator.endsParagraph, "\(terminator.name)")
            let before = bytes.withUnsafeBufferPointer { LineTerminators.length($0.baseAddress!, before: length, 0) }
            expectEqual(before, length, "\(terminator.name)")
        }
        expectEqual(LineTerminators.length(Array("\r\nx".utf8), at: 0), 2)
        let others = (0...0x2FFF).compactMap(Unicode.Scalar.init).filter { s in !LineTerminators.all.contains { $0.scalar == s } }
        for scalar in others {
            let bytes = Array(String(scalar).utf8)
            #expect(LineTerminators.length(bytes, at: 0) == 0, "U+\(String(scalar.value, radix: 16))")
            #expect(bytes.withUnsafeBufferPointer { LineTerminators.length($0.baseAddress!, before: $0.count, 0) } == 0)
        }
    }

    func pieces(_ text: String, _ spans: [Span]) -> [String] {
        let bytes = Array(text.utf8)
        return spans.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
    }

    /// The same lines make the same paragraphs and sentences whichever terminator ends them.
    @Test(arguments: lineEnds)
    func everyTerminatorEndsALineAsALineFeedDoes(lineEnd: String) {
        let text = ["Council Votes To Close Park", "", "The council met on Tuesday.", "The park will close in May.",
                    "It had lost money", "for years.", " ", "\u{201C}It is sad,\u{201D} said Ana L\u{F3}pez.", ""].joined(separator: lineEnd)
        let paragraphs = Paragraphs.spans(in: Array(text.utf8))
        expectEqual(pieces(text, paragraphs), ["Council Votes To Close Park",
                                               ["The council met on Tuesday.", "The park will close in May.", "It had lost money", "for years."].joined(separator: lineEnd),
                                               "\u{201C}It is sad,\u{201D} said Ana L\u{F3}pez."], "\(Array(lineEnd.unicodeScalars))")
        let bytes = Array(text.utf8)
        let withParagraphs = bytes.withUnsafeBufferPointer { b -> [Span] in
            var out: [Span] = []
            SentenceSplitter.standard.split(b, ranges: paragraphs, into: &out)
            return out
        }
        let expected = ["Council Votes To Close Park", "The council met on Tuesday.", "The park will close in May.",
                        "It had lost money\(lineEnd)for years.", "\u{201C}It is sad,\u{201D} said Ana L\u{F3}pez."]
        expectEqual(pieces(text, withParagraphs), expected, "\(Array(lineEnd.unicodeScalars))")
        // Without paragraphs the splitter finds the blank lines itself.
        expectEqual(SentenceSplitter.standard.sentences(text), expected, "\(Array(lineEnd.unicodeScalars))")
        expectEqual(CleanupStage.headline(Array(text.utf8)), "Council Votes To Close Park")
    }

    /// A sentence's stop followed by a terminator ends it, as before a line feed, whatever follows.
    @Test(arguments: lineEnds)
    func aStopBeforeATerminatorEndsTheSentence(lineEnd: String) {
        let splitter = SentenceSplitter.standard
        expectEqual(splitter.sentences("The council met on Tuesday.\(lineEnd)The park will close."),
                    ["The council met on Tuesday.", "The park will close."])
        expectEqual(splitter.sentences("Where do you live?\(lineEnd)\(lineEnd)I live by the river."),
                    ["Where do you live?", "I live by the river."])
        // With `line_breaks: space` a line end inside a sentence is a space, whichever it is.
        let spaced = SentenceSplitter(abbreviationEntries: AbbreviationLexicon.builtin, starterEntries: SentenceStarterLexicon.builtin,
                                      lineBreaks: .space)
        expectEqual(spaced.sentences("The Harbour Council\(lineEnd)met on Tuesday."), ["The Harbour Council\(lineEnd)met on Tuesday."])
    }

    /// A paragraph separator (U+2029) ends its paragraph by itself, as normalize reads it.
    @Test func aParagraphSeparatorEndsItsParagraph() {
        let text = "The council met on Tuesday.\u{2029}The park will close.\u{2029}\u{2029} It had lost money\u{2029}"
        let spans = Paragraphs.spans(in: Array(text.utf8))
        expectEqual(pieces(text, spans), ["The council met on Tuesday.", "The park will close.", "It had lost money"])
        expectEqual(SentenceSplitter.standard.sentences(text), ["The council met on Tuesday.", "The park will close.", "It had lost money"])
        expectEqual(SentenceSplitter.standard.sentences("Council Votes To Close Park\u{2029}the council met."),
                    ["Council Votes To Close Park", "the council met."])
    }

    /// With `quotations: whole`, a paragraph end inside a quotation's marks (U+2029 alone, or a
    /// blank line of any terminator) ends the quotation's paragraph as a blank line of line feeds
    /// does: the quotation is not held whole across it. Until the fix the splitter looped for
    /// ever on these texts (the quotation reached past the paragraph end, where no cut may fall).
    @Test(arguments: lineEnds + ["\u{2029}"])
    func aParagraphEndInsideAQuotationEndsItsParagraph(lineEnd: String) {
        let whole = SentenceSplitter(abbreviationEntries: AbbreviationLexicon.builtin, starterEntries: SentenceStarterLexicon.builtin,
                                     quotations: .whole)
        let blank = lineEnd == "\u{2029}" ? lineEnd : lineEnd + lineEnd
        let text = "\u{201C}The park will close.\(blank)It had lost money.\u{201D} She left."
        expectEqual(whole.sentences(text), ["\u{201C}The park will close.", "It had lost money.\u{201D}", "She left."],
                    "\(Array(lineEnd.unicodeScalars))")
        // Within one paragraph (one line end, not a paragraph separator) it is still one sentence.
        guard lineEnd != "\u{2029}" else { return }
        expectEqual(whole.sentences("\u{201C}The park will close.\(lineEnd)It had lost money,\u{201D} she said."),
                    ["\u{201C}The park will close.\(lineEnd)It had lost money,\u{201D} she said."], "\(Array(lineEnd.unicodeScalars))")
    }

    /// The search for a quotation's closing mark (`quotations: whole`) stops at the first
    /// paragraph end, of any terminator, as at a blank line of line feeds: its work grows with
    /// the text. Until the fix it stopped at a blank line of line feeds only and then looked
    /// back for another paragraph end, so each opening mark of paragraphs ended by "\r\r" read
    /// on to a closing mark at the end of the text: 4,000 such paragraphs read 16 times the
    /// bytes of 1,000, and `textmill run` on 1.4 MB of them ran for minutes.
    @Test(arguments: lineEnds + ["\u{2029}"])
    func theSearchForAClosingMarkStopsAtAParagraphEnd(lineEnd: String) {
        let whole = SentenceSplitter(abbreviationEntries: AbbreviationLexicon.builtin, starterEntries: SentenceStarterLexicon.builtin,
                                     quotations: .whole)
        let blank = lineEnd == "\u{2029}" ? lineEnd : lineEnd + lineEnd
        for (opening, closing) in [("\u{201C}", "\u{201D}"), ("\u{AB}", "\u{BB}")] {
            func text(_ paragraphs: Int) -> [UInt8] {
                Array((String(repeating: "\(opening)The park will close.\(blank)", count: paragraphs) + closing).utf8)
            }
            let small = whole.quotationSearchWork(text(1000)), large = whole.quotationSearchWork(text(4000))
            #expect(small > 0)
            #expect(large <= small * 9 / 2, "\(Array(lineEnd.unicodeScalars)) \(opening): \(small) bytes read at 1,000 paragraphs, \(large) at 4,000")
            expectEqual(whole.sentences("\(opening)The park will close.\(blank)\(opening)It lost money.\(blank)\(closing) She left."),
                        ["\(opening)The park will close.", "\(opening)It lost money.", "\(closing) She left."], "\(Array(lineEnd.unicodeScalars))")
        }
    }

    /// A plain text's title is its first line after any blank lines, whichever terminators
    /// (or tabs) make them. Until the fix only line feeds, carriage returns and spaces were
    /// passed: a text that began with a form feed, a vertical tab, NEL, U+2028 or U+2029 had an
    /// empty first line and no title, where its first paragraph is the headline all the same.
    @Test(arguments: lineEnds + ["\u{2029}", "\t", " \u{0C}\t\r\n"])
    func aTitleIsTheFirstLineAfterLeadingTerminators(lead: String) {
        let text = Array("\(lead)\(lead)Council Votes To Close Park\n\nThe council met on Tuesday.".utf8)
        expectEqual(CleanupStage.headline(text), "Council Votes To Close Park", "\(Array(lead.unicodeScalars))")
        expectEqual(CleanupStage.headline(Array("\(lead)\(lead)The council met on Tuesday.\nIt voted.".utf8)), nil,
                    "\(Array(lead.unicodeScalars))")
    }

    /// End to end: a JSONL text with U+2028 line ends, through cleanup and sentences: its
    /// paragraphs and sentences are those of the same text with line feeds, in scalar offsets.
    @Test func aRunReadsLineSeparatorsAsLineFeeds() throws {
        let dir = TemporaryDirectory()
        let text = "The council met on Tuesday.\\u2028The park will close.\\u2028\\u2028A second paragraph \\u00e9t\\u00e9 here."
        dir.write("in/records.jsonl", "{\"id\": \"ls\", \"text\": \"\(text)\"}\n{\"id\": \"lf\", \"text\": \"\(text.replacingOccurrences(of: "\\u2028", with: "\\n"))\"}\n")
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages: [cleanup, sentences]
            """, in: dir)
        expectEqual(summary.exitStatus, 0)
        let records = try dir.records("out/corpus.jsonl")
        expectEqual(records.count, 2)
        for record in records {
            expectEqual(record["paragraphs"], .array([.object(JSONObject([("start", 0), ("end", 48)])), .object(JSONObject([("start", 50), ("end", 78)]))]))
            expectEqual(record["sentences"], .array([.object(JSONObject([("start", 0), ("end", 27)])), .object(JSONObject([("start", 28), ("end", 48)])),
                                                     .object(JSONObject([("start", 50), ("end", 78)]))]))
        }
    }
}
