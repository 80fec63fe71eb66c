import Testing
@testable import TextMill

/// A record's keys are written with their values and its span lists are staged on the stack
/// (issue 17, session 13): the record is byte for byte what a writer of one piece at a time gives,
/// for lists long enough to fill the stage several times, over text with multi-byte scalars in
/// every 16-byte lane, with ids and paths on the short path and the escaping one.
@Suite struct RecordSpanEncodingTests {
    /// The record as the writer wrote it before, piece by piece: scalar offsets by their
    /// definition (the bytes before the offset that start a scalar).
    static func reference(_ doc: Document) -> String {
        func scalars(_ byte: Int) -> Int { doc.text[0..<byte].filter { $0 & 0xC0 != 0x80 }.count }
        func quoted(_ s: String) -> String {
            var w = JSONWriter()
            s.utf8.withContiguousStorageIfAvailable { w.string(utf8: $0) }!
            return String(decoding: w.bytes, as: UTF8.self)
        }
        func spans(_ list: [Span]) -> String {
            "[" + list.map { "{\"start\":\(scalars($0.start)),\"end\":\(scalars($0.end))}" }.joined(separator: ",") + "]"
        }
        var out = "{\"id\":" + quoted(doc.id) + ",\"source\":{\"path\":" + quoted(doc.source.path)
        out += ",\"format\":\"" + doc.source.format.rawValue + "\",\"sha256\":" + quoted(doc.source.sha256)
        if let r = doc.source.record { out += ",\"record\":\(r)" }
        out += "},\"text\":" + quoted(doc.string) + ",\"meta\":" + JSONValue.object(doc.meta).jsonText
        if let p = doc.paragraphs { out += ",\"paragraphs\":" + spans(p) }
        if let s = doc.sentences { out += ",\"sentences\":" + spans(s) }
        return out + "}\n"
    }

    /// News text whose curly quotes, accents, CJK and emoji land in every lane of the vectors.
    static func text(sentences: Int) -> (text: String, sentences: [Span], paragraphs: [Span]) {
        let pieces = ["“Ça va,” he said. ", "Talks resume in Almaty. ", "東京で会談が再開された。 ", "Rain 🌧 is late. ", "He’s “unfit,” she said. "]
        var text = "", spans: [Span] = [], paragraphs: [Span] = []
        var paragraphStart = 0
        for k in 0..<sentences {
            let start = text.utf8.count
            text += pieces[k % pieces.count]
            spans.append(Span(start, text.utf8.count - 1))
            if k % 7 == 6 {
                paragraphs.append(Span(paragraphStart, text.utf8.count - 1))
                text += "\n\n"
                paragraphStart = text.utf8.count
            }
        }
        paragraphs.append(Span(paragraphStart, text.utf8.count))
        return (text, spans, paragraphs)
    }

    @Test(arguments: [1, 5, 40, 300])
    func spansAreWrittenAsOnePieceAtATimeWould(sentences: Int) {
        let (text, spans, paragraphs) = Self.text(sentences: sentences)
        for (id, path, record) in [("story-1", "wire/news.jsonl", Optional(12)), ("a \"quoted\" id", String(repeating: "long/", count: 30) + "x.txt", nil)] {
            var doc = Document(id: id, source: SourceInfo(path: path, format: record == nil ? .text : .jsonl,
                                                          sha256: String(repeating: "ab", count: 32), record: record),
                               text: Array(text.utf8), content: .plain)
            doc.sentences = spans
            doc.paragraphs = paragraphs
            if record != nil { doc.meta["title"] = .string("Talks “resume”") }
            expectEqual(String(decoding: RecordEncoder.encode(doc), as: UTF8.self), Self.reference(doc))
        }
    }

    @Test func anASCIITextHasByteOffsets() {
        var doc = Document(id: "plain", text: "One. Two. Three.")
        doc.sentences = [Span(0, 4), Span(5, 9), Span(10, 16)]
        doc.paragraphs = []
        expectEqual(String(decoding: RecordEncoder.encode(doc), as: UTF8.self), Self.reference(doc))
        #expect(String(decoding: RecordEncoder.encode(doc), as: UTF8.self).contains(#","paragraphs":[],"sentences":[{"start":0,"end":4},{"start":5,"end":9},{"start":10,"end":16}]}"#))
    }

    /// The offset table counts continuation bytes sixteen at a time: dense multi-byte text (two
    /// bytes in three continuation bytes) gives the definition's count at every byte, with the
    /// table on the stack (up to 8 KB of text) and allocated (above).
    @Test(arguments: [700, 5_600])
    func denseMultiByteTextHasScalarOffsetsAtEveryByte(euros: Int) {
        let text = String(repeating: "€", count: euros) + "a" + String(repeating: "😀", count: 50)
        let bytes = Array(text.utf8)
        expectEqual((bytes.count / 64 + 1 <= OffsetTable.stackEntries), (bytes.count < 8_192))
        OffsetTable.with(bytes) { table in
            var scalars = 0
            for i in 0...bytes.count {
                if table[i] != scalars { Issue.record("byte \(i): \(table[i]), not \(scalars)"); return }
                if i < bytes.count && bytes[i] & 0xC0 != 0x80 { scalars += 1 }
            }
        }
    }

    /// Texts around the table's stack limit (128 entries, 1 KB, as much as Swift always puts on
    /// the stack: 8,191 bytes of text on the stack, 8,192 allocated) and a block edge, with a
    /// multi-byte character ending each and one split by the last block's start: the
    /// definition's count at every byte and at the end.
    @Test(arguments: [8_127, 8_128, 8_129, 8_191, 8_192, 8_193])
    func textsAtTheStackLimitOfTheOffsetTable(length: Int) {
        // "é" first (the text is not ASCII), "€" (3 bytes) last, ASCII between; a "😀" across
        // the last block start where it fits.
        var bytes = Array("é".utf8) + [UInt8](repeating: 0x61, count: length - 5) + Array("€".utf8)
        let lastBlock = (length / 64) * 64
        if lastBlock - 2 > 2 && lastBlock + 2 < length - 3 { bytes.replaceSubrange((lastBlock - 2)..<(lastBlock + 2), with: Array("😀".utf8)) }
        expectEqual(bytes.count, length)
        expectEqual((length / 64 + 1 <= OffsetTable.stackEntries), (length < 8_192))
        OffsetTable.with(bytes) { table in
            var scalars = 0
            for i in 0...bytes.count {
                if table[i] != scalars { Issue.record("byte \(i) of \(length): \(table[i]), not \(scalars)"); return }
                if i < bytes.count && bytes[i] & 0xC0 != 0x80 { scalars += 1 }
            }
            expectEqual(table[bytes.count + 10], scalars, "past the end: clamped")
        }
    }
}
