import Testing
@testable import TextMill

/// JSON strings are scanned sixteen bytes at a time (issue 17, fifth pass): a byte that needs a
/// look is found in every lane of a vector, across vectors and in the tail, and the writer and
/// parser give exactly what the byte-at-a-time definitions give.
@Suite struct JSONStringScanTests {
    /// JSON escaping one scalar at a time, as DESIGN.md's record format has it (and U+2028/U+2029).
    func referenceEscaped(_ s: String) -> String { StagedEscapingTests.escapedByHand(s) }

    /// Texts of 1 to 60 bytes with one or two special characters at every offset: in each lane
    /// of the first and second vector, straddling them, and in the tail the vectors leave.
    var texts: [String] {
        // U+2027, U+202A and U+2068 (E2 80 A7, E2 80 AA, E2 81 A8) are one byte from a separator.
        let specials = ["\"", "\\", "\n", "\u{01}", "\u{1F}", "\u{2028}", "\u{2029}", "“", "é", " ", "\u{2027}", "\u{202A}", "\u{2068}"]
        var out: [String] = ["", "plain words without a stop in them, long enough for vectors"]
        for special in specials {
            for before in 0..<40 {
                let head = String(repeating: "a", count: before)
                out.append(head + special)
                out.append(head + special + String(repeating: "b", count: 40 - before))
                out.append(head + special + String(repeating: "c", count: 17) + "\"" + "tail")
            }
        }
        return out
    }

    @Test func writerEscapesAsTheReferenceInEveryLane() {
        for text in texts {
            var w = JSONWriter()
            w.string(text)
            expectEqual(String(decoding: w.bytes, as: UTF8.self), referenceEscaped(text), "\(Array(text.utf8))")
        }
    }

    /// Short strings of every length up to 40 bytes, plain or with one byte to escape (or a
    /// character after which nothing is escaped) at any place, come out as the reference has
    /// them, after a prefix and alone: `tm_json_quote_plain` checks them a byte at a time below
    /// 16 bytes and sixteen at a time above, its last vector read again over the one before.
    @Test func shortStringsWithAnEscapeAnywhereAreWrittenAsTheReference() {
        for length in 0...40 {
            for place in -1..<length {
                for special in ["\"", "\\", "\u{01}", "\u{1F}", "\u{2028}", "\u{2029}", "”", "é", "\u{7F}"] {
                    var characters = Array(repeating: "s", count: length)
                    if place >= 0 { characters[place] = special }
                    let text = characters.joined()
                    var w = JSONWriter()
                    w.string(text, after: ",\"path\":")
                    w.string(text)
                    expectEqual(String(decoding: w.bytes, as: UTF8.self), ",\"path\":" + referenceEscaped(text) + referenceEscaped(text),
                            "\(length) \(place) \(Array(special.utf8))")
                }
            }
        }
    }

    /// Strings up to 128 bytes without an escape are written in one piece (`quotedShort`); the
    /// same strings around that length, with and without a byte to escape at their end, come out
    /// as the reference has them.
    @Test func shortStringsAroundTheLimitAreWrittenAsTheReference() {
        for length in 120...136 {
            for last in ["a", "\"", "\n", "\u{2028}", "”", "é"] {
                let text = String(repeating: "x", count: length) + last
                var w = JSONWriter()
                w.string(text)
                w.key(text)
                expectEqual(String(decoding: w.bytes, as: UTF8.self), referenceEscaped(text) + referenceEscaped(text) + ":", "\(length) \(last)")
            }
        }
    }

    @Test func parserReadsBackEveryText() throws {
        for text in texts {
            // Escaped as the writer does, and as raw UTF-8 where JSON allows it.
            let escaped = Array(referenceEscaped(text).utf8)
            expectEqual(try JSONParser.parse(escaped), .string(text))
            let record = Array(#"{"text":"#.utf8) + escaped + Array(#","id":"x"}"#.utf8)
            let (value, kept) = try record.withUnsafeBufferPointer { try JSONParser.parseObject($0, keepingBytesOf: ["text"]) }
            expectEqual(kept[0], Array(text.utf8))
            expectEqual(value.objectValue?["id"], .string("x"))
        }
    }

    @Test func aRawControlByteFailsWhereItStandsInEveryLane() {
        for before in 0..<40 {
            let line = Array(("\"" + String(repeating: "a", count: before)).utf8) + [0x0A] + Array("bc\"".utf8)
            var failure: JSONSyntaxError?
            do {
                _ = try JSONParser.parse(line)
            } catch {
                failure = error
            }
            expectEqual(failure?.message, "control character 0x0A inside a JSON string (it must be escaped)", "at \(before)")
        }
    }
}
