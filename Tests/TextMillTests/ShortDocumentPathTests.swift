import Testing
@testable import TextMill

/// The per-document paths made faster for short news (issue 17) give exactly what the plain
/// definitions give: JSON strings read eight bytes at a time, scalar offsets counted from a
/// table of every 64th byte, whole files read without a cleared buffer, binary signatures as data.
@Suite struct ShortDocumentPathTests {
    /// A wire story's text with every kind of escape JSON has, in runs of every length around
    /// the eight-byte steps.
    static let pieces = ["Reuters", "\n\n", "“Not now,” she said.", "\t", "\"", "\\", "/", "é", "😀", "\u{1}", "\u{2028}", "",
                         "The ministry said on Tuesday that talks would resume."]

    @Test func stringsWithEscapesAnywhereReadBackAsWritten() throws {
        for (k, a) in Self.pieces.enumerated() {
            for b in Self.pieces {
                for pad in 0..<10 {
                    let text = String(repeating: "x", count: pad) + a + String(repeating: "y", count: (k + pad) % 9) + b + "end"
                    var w = JSONWriter()
                    w.raw("{\"text\":")
                    w.string(text)
                    w.raw(",\"n\":1}")
                    let value = try JSONParser.parse(w.bytes)
                    expectEqual(value.objectValue?["text"]?.stringValue, text)
                }
            }
        }
    }

    @Test func escapedStringsGiveTheirCharacters() throws {
        let line = #"{"text":"Kazakhstan's president \"Tokayev\" said:\n\nThe uprising was a coup attempt.\u00e9\ud83d\ude00 \\ end","id":"wire-7"}"#
        let value = try JSONParser.parse(line)
        expectEqual(value.objectValue?["text"]?.stringValue, "Kazakhstan's president \"Tokayev\" said:\n\nThe uprising was a coup attempt.é😀 \\ end")
        expectEqual(value.objectValue?["id"]?.stringValue, "wire-7")
    }

    @Test(arguments: [
        // A control byte after a long plain run, after an escape, and an unclosed string.
        ("{\"text\":\"Officials in Almaty said\u{1} more\"}", "control character 0x01 inside a JSON string (it must be escaped)", 33),
        ("{\"text\":\"Officials\\nin Almaty said\u{7} more\"}", "control character 0x07 inside a JSON string (it must be escaped)", 34),
        ("{\"text\":\"Officials in Almaty said that the talks", "the JSON string is not closed", 8),
        ("{\"text\":\"Officials\\nin Almaty said that the talks", "the JSON string is not closed", 8),
    ])
    func errorsInLongStringsAreWhereTheyWere(input: String, message: String, offset: Int) {
        do {
            _ = try JSONParser.parse(input)
            Issue.record("accepted \(input)")
        } catch {
            expectEqual(error.message, message)
            expectEqual(error.offset, offset)
        }
    }

    /// Scalars before byte `i` by the definition: the bytes before it that start a scalar.
    static func scalarsBefore(_ bytes: [UInt8], _ i: Int) -> Int {
        bytes[0..<min(max(i, 0), bytes.count)].filter { $0 & 0xC0 != 0x80 }.count
    }

    @Test func scalarOffsetsMatchTheDefinitionAtEveryByte() {
        // Curly quotes, an accent, an emoji and ASCII, so scalars straddle the 8- and 64-byte steps.
        var text = ""
        for k in 0..<40 { text += k % 3 == 0 ? "“Ça va,” he said 😀 " : "and the talks resume. " }
        let bytes = Array(text.utf8)
        OffsetTable.with(bytes) { table in
            for i in -3...(bytes.count + 3) {
                expectEqual(table[i], Self.scalarsBefore(bytes, i), "byte \(i)")
            }
            expectEqual(table[bytes.count], text.unicodeScalars.count)
        }
        // ASCII: offsets are bytes, clamped to the text as for any other text.
        let plain = Array("plain".utf8)
        expectEqual(OffsetTable.with(plain) { table in (-3...8).map { table[$0] } }, (-3...8).map { Self.scalarsBefore(plain, $0) })
    }

    @Test func recordsGiveScalarOffsetsForSpansAfterMultiByteText() {
        let text = String(repeating: "“Ça va,” dit-il. ", count: 9) + "The end."
        var doc = Document(id: "t", source: SourceInfo(path: "t.txt", format: .text, sha256: ""), text: Array(text.utf8), content: .plain)
        let start = doc.text.count - "The end.".utf8.count
        doc.sentences = [Span(start, doc.text.count)]
        let line = String(decoding: RecordEncoder.encode(doc), as: UTF8.self)
        let scalarStart = text.unicodeScalars.count - 8
        #expect(line.contains("\"sentences\":[{\"start\":\(scalarStart),\"end\":\(scalarStart + 8)}]"))
    }

    /// A stream that hands out its bytes in pieces of uneven sizes.
    struct PiecewiseStream: ByteStream {
        var bytes: [UInt8]
        var at = 0
        var step = 1
        mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let n = min(buffer.count, bytes.count - at, step)
            for k in 0..<n { buffer[k] = bytes[at + k] }
            at += n
            step = step * 7 % 100_003 + 1
            return n
        }
    }

    @Test func readAllGivesEveryByteInOrderAndRefusesTooMany() throws {
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        var stream = PiecewiseStream(bytes: bytes)
        expectEqual(try stream.readAll(limit: 1 << 20), bytes)
        var small = PiecewiseStream(bytes: bytes)
        #expect(throws: ReadError.self) { try small.readAll(limit: 100_000) }
        var empty = PiecewiseStream(bytes: [])
        expectEqual(try empty.readAll(limit: 10), [])
    }

    @Test func binarySignaturesAreNamed() {
        expectEqual(RawBytes.magic([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A]), "PNG image")
        expectEqual(RawBytes.magic([0x25, 0x50, 0x44, 0x46, 0x2D, 0x31]), "PDF")
        expectEqual(RawBytes.magic([0x1F, 0x8B]), "gzip data: give the file a .gz name and it is read transparently")
        expectEqual(RawBytes.magic([0x25, 0x50, 0x44, 0x46]), nil)  // too short for PDF's five bytes
        expectEqual(RawBytes.magic(Array("Reuters".utf8)), nil)
        expectEqual(RawBytes.magic([]), nil)
    }
}

@Suite struct ShingleSortTests {
    @Test(arguments: [0, 1, 2, 63, 64, 170, 399, 400, 401, 1500])
    func sortsAsTheStandardSortOnBothSidesOfTheRadixThreshold(count: Int) {
        var state: UInt64 = 0x7465_7874 &+ UInt64(count)
        var values: [UInt64] = []
        for k in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Every fifth value shares its high half with the one before: the insertion pass's work.
            values.append(k % 5 == 4 ? (values[k - 1] & 0xFFFF_FFFF_0000_0000) | (state & 0xFFFF) : state ^ (state >> 29))
        }
        var sorted = values
        radixSort(&sorted)
        expectEqual(sorted, values.sorted())
    }
}
