import Testing
@testable import TextMill

/// A record's quotes are written with fewer appends (issue 17, fifth pass: a span's offsets and
/// the keys around them in one, a kind with its neighbouring keys in one): the record is byte for
/// byte what the writer gave before, for every kind and every optional part of a mention.
@Suite struct RecordQuoteEncodingTests {
    @Test func quotesOfEveryKindAreWrittenAsBefore() {
        let text = #"Ana said "We stay." Bo said rain is late, and Cy called it "a mess"."#
        var doc = Document(id: "q-1", source: SourceInfo(path: "wire.txt", format: .text, sha256: "abc"),
                           text: Array(text.utf8), content: .plain)
        doc.quotes = [
            Quote(span: Span(10, 18), kind: .direct,
                  speaker: Mention(span: Span(0, 3), entity: SpeakerEntity(id: 1, name: "Ana")),
                  cue: Mention(span: Span(4, 8))),
            Quote(span: Span(28, 40), kind: .indirect,
                  speaker: Mention(span: Span(20, 22), role: Span(20, 22), entity: .unresolved),
                  cue: Mention(span: Span(23, 27))),
            Quote(span: Span(60, 66), kind: .mixed,
                  speaker: Mention(span: Span(46, 48), resolvedFrom: Span(56, 58)),
                  cue: nil, content: Span(56, 67)),
        ]
        let expected = #"""
            {"id":"q-1","source":{"path":"wire.txt","format":"text","sha256":"abc"},"text":"Ana said \"We stay.\" Bo said rain is late, and Cy called it \"a mess\".","meta":{},"quotes":[{"start":10,"end":18,"text":"We stay.","kind":"direct","speaker":{"text":"Ana","start":0,"end":3,"entity":1,"name":"Ana"},"cue":{"text":"said","start":4,"end":8}},{"start":28,"end":40,"text":"rain is late","kind":"indirect","speaker":{"text":"Bo","start":20,"end":22,"role":{"text":"Bo","start":20,"end":22},"entity":null,"name":null,"unresolved":true},"cue":{"text":"said","start":23,"end":27}},{"start":60,"end":66,"text":"a mess","kind":"mixed","speaker":{"text":"Cy","start":46,"end":48,"resolved_from":{"text":"it","start":56,"end":58}},"cue":null,"content":{"text":"it \"a mess\"","start":56,"end":67}}]}

            """#
        expectEqual(String(decoding: RecordEncoder.encode(doc), as: UTF8.self), expected)
    }

    @Test func everySourceFormatIsWrittenAsItsRawValue() {
        for format in SourceFormat.allCases {
            let doc = Document(id: "d", source: SourceInfo(path: "in/a b\"c", format: format, sha256: "00ff", record: 7),
                               text: Array("x".utf8), content: .plain)
            #expect(String(decoding: RecordEncoder.encode(doc), as: UTF8.self)
                == #"{"id":"d","source":{"path":"in/a b\"c","format":""# + format.rawValue + #"","sha256":"00ff","record":7},"text":"x","meta":{}}"# + "\n")
        }
    }

    /// A UTF-8 check that skips sixteen ASCII bytes at a time still finds a bad byte at every offset.
    @Test func aBadByteIsFoundAtEveryOffset() {
        for length in [15, 16, 17, 31, 32, 33, 40] {
            for at in 0..<length {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: length)
                bytes[at] = 0xFF
                #expect(bytes.withUnsafeBufferPointer { UTF8Bytes.firstInvalidOffset($0) } == at)
                bytes[at] = 0xC3
                // A lead byte whose continuation is missing or cut off by the end.
                #expect(bytes.withUnsafeBufferPointer { UTF8Bytes.firstInvalidOffset($0) } == at)
                if at + 1 < length {
                    bytes[at + 1] = 0xA9
                    expectEqual(bytes.withUnsafeBufferPointer { UTF8Bytes.firstInvalidOffset($0) }, nil)
                }
            }
        }
    }

    @Test func numbersWritesTextAroundTwoIntegers() {
        var w = JSONWriter()
        w.numbers(",\"start\":", 0, ",\"end\":", 1_234_567)
        w.numbers("[", -42, ",", Int.max, "]")
        w.startEnd(9, 10)
        expectEqual(String(decoding: w.bytes, as: UTF8.self), #","start":0,"end":1234567[-42,9223372036854775807]{"start":9,"end":10}"#)
    }
}
