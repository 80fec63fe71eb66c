import CShims
import Testing
@testable import TextMill

/// The JSON string kernels of CShims (issue 17, session 14): the writer escapes through
/// `tm_json_escape` a stack buffer at a time, the parser reads a record's text through
/// `tm_json_string_scan` / `tm_json_string_decode` when it holds only two-byte escapes, and
/// `OffsetTable` counts a lookup's scalars with `tm_utf8_scalars`. Each gives what the plain
/// definitions give: across the writer's buffer (1,024 bytes), in every lane of a vector, and for
/// every string the fast path leaves to the long way (which then fails or reads it as before).
@Suite struct JSONStringKernelTests {
    /// Wire-story sentences with the characters each kernel stops at.
    static let sentences = [
        "MOSCOW, March 3 (Reuters) - “We are ready to talk,” the ministry’s spokeswoman said.",
        "Shares fell 4.5% to $12.30 after the company said it would \"review its options\".",
        "The court in Almaty\u{2028}adjourned the case\u{2029}until Monday — a path \\ a backslash.",
        "Résumé of the talks:\tDelegates from Zürich and São Paulo met in Kraków. 🇺🇦",
    ]

    /// A story of `length` bytes or a little less, cut on a character boundary.
    static func story(bytes length: Int, from offset: Int = 0) -> String {
        var text = ""
        var k = offset
        while true {
            let next = sentences[k % sentences.count] + (k % 3 == 2 ? "\n\n" : " ")
            for c in next {
                if text.utf8.count + String(c).utf8.count > length { return text }
                text.append(c)
            }
            k += 1
        }
    }

    /// `s` escaped as the inside of a JSON string.
    static func escapedBody(_ s: String) -> [UInt8] { Array(StagedEscapingTests.escapedByHand(s).utf8.dropFirst().dropLast()) }

    /// Texts whose separators, quotes and curly quotes fall on every offset around the writer's
    /// buffer end (prefix and opening quote included): a 3-byte U+2028 is split by it at some.
    @Test func writerEscapesAcrossItsBufferAsByHand() {
        for length in 980...1060 {
            for special in ["\u{2028}", "“", "\"", "\n", "\u{01}"] {
                let text = Self.story(bytes: length) + special + Self.story(bytes: 300, from: 2)
                var w = JSONWriter()
                w.string(text, after: ",\"text\":")
                expectEqual(String(decoding: w.bytes, as: UTF8.self), ",\"text\":" + StagedEscapingTests.escapedByHand(text), "\(length)")
            }
        }
        let long = Self.story(bytes: 100_000)
        var w = JSONWriter()
        w.string(long)
        expectEqual(String(decoding: w.bytes, as: UTF8.self), StagedEscapingTests.escapedByHand(long))
    }

    /// A text whose last byte is a six-byte escape (a control byte, U+2028) that ends exactly at
    /// the writer's buffer end: `tm_json_escape` filled all of its room, and the writer put the
    /// closing quote one byte past its 1,024-byte stack buffer. The kernel now always leaves a
    /// byte, and the texts come out as by hand.
    @Test func aSixByteEscapeAtTheBufferEndLeavesRoomForTheClosingQuote() {
        for cap in 7...80 {
            for length in 0...(cap + 20) {
                for last in [[UInt8(0x01)], [0xE2, 0x80, 0xA8], [0x0A]] {
                    let text = [UInt8](repeating: UInt8(ascii: "a"), count: length) + last
                    var consumed = 0
                    var dst = [UInt8](repeating: 0, count: cap)
                    let written = text.withUnsafeBufferPointer { t in
                        dst.withUnsafeMutableBufferPointer { tm_json_escape(t.baseAddress!, t.count, &consumed, $0.baseAddress!, cap) }
                    }
                    #expect(written < cap && consumed > 0, "cap \(cap), length \(length)")
                }
            }
        }
        for length in 960...1030 {
            for last in ["\u{01}", "\u{2029}", "\u{1F}"] {
                let text = String(repeating: "a", count: length) + last
                var w = JSONWriter()
                w.string(text, after: ",\"text\":")
                expectEqual(String(decoding: w.bytes, as: UTF8.self), ",\"text\":" + StagedEscapingTests.escapedByHand(text), "\(length)")
            }
        }
    }

    /// The text of a record read as bytes (the fast path when it takes the string) and as a
    /// String (always the long way) are the same, and a string the fast path leaves fails with
    /// the same message at the same offset both ways.
    @Test func recordTextsReadAsTheLongWayReadsThem() throws {
        var bodies: [[UInt8]] = []
        for before in [0, 1, 15, 16, 17, 31, 40] {
            let head = Self.escapedBody(Self.story(bytes: before))
            for tail: [UInt8] in [
                Array(#"plain"#.utf8), Array(#"a\nb\"c\\d\/e\tf\rg\bh\fi"#.utf8),
                Array(#"é \u00e9 \ud83d\ude00"#.utf8), Array(#"lone \ud800 x"#.utf8), Array(#"\udc00"#.utf8),
                [0xE2, 0x5C, 0x6E, 0x80, 0x9C],        // a curly quote cut by an escape
                [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x80],
                [0x0A], Array(#"\q"#.utf8), Array(#"\u12"#.utf8), [0x5C],
            ] {
                bodies.append(head + tail + Self.escapedBody(Self.story(bytes: 90, from: 1)))
            }
        }
        for body in bodies {
            let line = Array(#"{"id":"d-1","text":""#.utf8) + body + Array(#"","n":1}"#.utf8)
            var asString: Result<String?, JSONSyntaxError>
            do { asString = .success(try JSONParser.parse(line).objectValue?["text"]?.stringValue) } catch { asString = .failure(error) }
            var asBytes: Result<[UInt8]?, JSONSyntaxError>
            do {
                asBytes = .success(try line.withUnsafeBufferPointer { b throws(JSONSyntaxError) in
                    try JSONParser.parseObject(b, keepingBytesOf: ["text"])
                }.bytes[0])
            } catch {
                asBytes = .failure(error)
            }
            switch (asString, asBytes) {
            case (.success(let s), .success(let b)): expectEqual(s.map { Array($0.utf8) }, b, "\(body)")
            case (.failure(let e1), .failure(let e2)):
                #expect(e1.message == e2.message && e1.offset == e2.offset, "\(body): \(e1.message) \(e2.message)")
            default: Issue.record("read one way only: \(body)")
            }
        }
        // An unclosed text fails too.
        let open = Array(#"{"text":"a\nb"#.utf8)
        #expect(throws: JSONSyntaxError.self) { try open.withUnsafeBufferPointer { try JSONParser.parseObject($0, keepingBytesOf: ["text"]) } }
    }

    /// A text whose line holds more than 64 KB after its opening quote is measured first and
    /// then decoded (not decoded into room for the whole rest): the same bytes either way.
    @Test func aTextLongerThanTheReserveIsReadWhole() throws {
        for length in [65_520, 65_536, 70_000] {
            let text = Self.story(bytes: length)
            let line = Array(#"{"id":"d-2","text":"#.utf8) + Array(StagedEscapingTests.escapedByHand(text).utf8) + Array(#","n":1}"#.utf8)
            let kept = try line.withUnsafeBufferPointer { b throws(JSONSyntaxError) in
                try JSONParser.parseObject(b, keepingBytesOf: ["text"])
            }.bytes[0]
            expectEqual(kept, Array(text.utf8), "\(length)")
        }
    }

    /// A short text followed on its line by a long field (an `html` of 50 KB) keeps no more than
    /// a few KB of unused room: it lives as long as its document, and the one-pass read decoded
    /// it into room for the whole rest of the line.
    @Test func aShortTextBeforeALongFieldKeepsLittleRoom() throws {
        let text = Self.story(bytes: 900)
        let html = "<p>" + Self.story(bytes: 50_000) + "</p>"
        let line = Array(#"{"id":"d-3","text":"#.utf8) + Array(StagedEscapingTests.escapedByHand(text).utf8)
            + Array(#","html":"#.utf8) + Array(StagedEscapingTests.escapedByHand(html).utf8) + Array("}".utf8)
        let kept = try line.withUnsafeBufferPointer { b throws(JSONSyntaxError) in
            try JSONParser.parseObject(b, keepingBytesOf: ["text", "html"])
        }.bytes
        let textBytes = try #require(kept[0]), htmlBytes = try #require(kept[1])
        expectEqual(textBytes, Array(text.utf8))
        expectEqual(htmlBytes, Array(html.utf8))
        #expect(textBytes.capacity <= textBytes.count + 4096, "\(textBytes.capacity) bytes kept for a text of \(textBytes.count)")
    }

    /// Every byte offset of texts with 1- to 4-byte characters maps to the scalars before it.
    @Test func offsetLookupsCountEveryScalar() {
        for length in [1, 15, 16, 17, 63, 64, 65, 130, 700] {
            let text = Array(Self.story(bytes: length, from: 3).utf8)
            OffsetTable.with(text) { o in
                var scalars = 0
                for byte in 0...text.count {
                    expectEqual(o[byte], scalars, "\(length) at \(byte)")
                    if byte < text.count && text[byte] & 0xC0 != 0x80 { scalars += 1 }
                }
                // Offsets outside a text with a table are clamped (an ASCII text has none).
                if text.contains(where: { $0 >= 0x80 }) {
                    expectEqual(o[text.count + 5], scalars)
                    expectEqual(o[-1], 0)
                }
            }
        }
    }
}
