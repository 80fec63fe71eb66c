import Testing
@testable import TextMill

/// Issue 17, session 25: a record's quotes are staged on the stack (`StagedBytes`, one append a
/// kilobyte, where each quote's keys, numbers and strings were a dozen appends). The record is
/// exactly what the plain definition gives, also where a string crosses the stage's capacity.
@Suite struct RecordQuoteStagingTests {
    /// The scalar offset of byte `b` of `text`, counted the slow way.
    static func scalars(_ text: [UInt8], _ b: Int) -> Int {
        String(decoding: text[..<b], as: UTF8.self).unicodeScalars.count
    }

    /// `{"text":…,"start":S,"end":E` by hand.
    static func spanByHand(_ s: Span, _ text: [UInt8]) -> String {
        "{\"text\":" + StagedEscapingTests.escapedByHand(String(decoding: text[s.start..<s.end], as: UTF8.self))
            + ",\"start\":\(scalars(text, s.start)),\"end\":\(scalars(text, s.end))"
    }

    static func mentionByHand(_ m: Mention?, _ text: [UInt8]) -> String {
        guard let m else { return "null" }
        var out = spanByHand(m.span, text)
        if let r = m.resolvedFrom { out += ",\"resolved_from\":" + spanByHand(r, text) + "}" }
        if let r = m.role { out += ",\"role\":" + spanByHand(r, text) + "}" }
        if let e = m.entity {
            out += ",\"entity\":" + (e.id.map { "\($0)" } ?? "null")
            out += ",\"name\":" + (e.name.map { StagedEscapingTests.escapedByHand($0) } ?? "null")
            if e.isUnresolved { out += ",\"unresolved\":true" }
            if e.isDocument { out += ",\"document\":true" }
        }
        return out + "}"
    }

    /// The record's `quotes` as DESIGN.md defines it, written the slow way.
    static func quotesByHand(_ quotes: [Quote], _ text: [UInt8]) -> String {
        let items = quotes.map { q -> String in
            var out = "{\"start\":\(scalars(text, q.span.start)),\"end\":\(scalars(text, q.span.end)),\"text\":"
                + StagedEscapingTests.escapedByHand(String(decoding: text[q.span.start..<q.span.end], as: UTF8.self))
                + ",\"kind\":\"\(q.kind.rawValue)\",\"speaker\":" + mentionByHand(q.speaker, text)
                + ",\"cue\":" + mentionByHand(q.cue, text)
            if let c = q.content { out += ",\"content\":" + spanByHand(c, text) + "}" }
            return out + "}"
        }
        return ",\"quotes\":[" + items.joined(separator: ",") + "]"
    }

    /// Quotes over every line of the escape-rich story (strings of every escape, curly quotes,
    /// U+2028, control bytes), each mention part and kind in turn, and one quote of the whole
    /// text: the quotes fill the 1 KB stage many times over, and strings cross it.
    @Test func quotesFillingTheStageManyTimesAreWrittenAsByHand() throws {
        let text = Array(StagedEscapingTests.story.utf8)
        var lines: [Span] = []
        var start = 0
        for (k, byte) in text.enumerated() where byte == 0x0A {
            if k > start { lines.append(Span(start, k)) }
            start = k + 1
        }
        try #require(lines.count > 30)
        let names = ["Dana \"D.\" Abenova", "Kassym-Jomart Tokayev\n", "Жанна Ахметова", String(repeating: "Almaty ", count: 30)]
        var quotes: [Quote] = []
        for (k, line) in lines.enumerated() {
            let head = Span(line.start, line.start + 6)
            let tail = Span(line.end - 4, line.end)
            let entity: SpeakerEntity? = switch k % 5 {
            case 0: SpeakerEntity(id: k + 1, name: names[k % names.count])
            case 1: .unresolved
            case 2: .document
            case 3: SpeakerEntity(id: 100_000 + k, name: names[(k + 1) % names.count])
            default: nil
            }
            let speaker = Mention(span: head, resolvedFrom: k % 2 == 0 ? tail : nil, role: k % 3 == 0 ? head : nil, entity: entity)
            let kind = QuoteKind.allCases[k % 3]
            quotes.append(Quote(span: line, kind: kind, speaker: k % 7 == 6 ? nil : speaker,
                                cue: k % 4 == 3 ? nil : Mention(span: tail),
                                content: kind == .mixed ? Span(line.start, min(line.end + 1, text.count)) : nil))
        }
        quotes.append(Quote(span: Span(0, text.count), kind: .indirect, speaker: Mention(span: lines[0]), cue: nil, content: nil))
        var doc = Document(id: "staged-1", source: SourceInfo(path: "wire/story.txt", format: .text, sha256: "ab"), text: text,
                           content: .plain)
        doc.quotes = quotes
        let record = String(decoding: RecordEncoder.encode(doc), as: UTF8.self)
        let at = try #require(record.range(of: ",\"quotes\":["))
        expectEqual(String(record[at.lowerBound...]), Self.quotesByHand(quotes, text) + "}\n")
    }

    /// A staged string starting at every distance from the end of the stage, of every length
    /// around its capacity: the stage is flushed where the escape needs room, never inside one.
    @Test(arguments: [0, 1, 17, 900, 959, 960, 961, 990, 1000, 1022, 1023])
    func aStagedStringIsEscapedAsByHandWhereverItStarts(fill: Int) {
        for length in [0, 1, 63, 64, 65, 1023, 1024, 1025, 3000] {
            var text = ""
            for c in StagedEscapingTests.story where text.utf8.count + String(c).utf8.count <= length { text.append(c) }
            var out: [UInt8] = []
            StagedBytes.staging(into: &out) { stage, out in
                for _ in 0..<fill { stage.put(UInt8(ascii: "."), into: &out) }
                let bytes = Array(text.utf8)
                bytes.withUnsafeBufferPointer { stage.putString(utf8: $0, into: &out) }
                stage.put(",", 12, ",", -3, "]", into: &out)
            }
            expectEqual(String(decoding: out, as: UTF8.self),
                        String(repeating: ".", count: fill) + StagedEscapingTests.escapedByHand(text) + ",12,-3]", "length \(length)")
        }
    }
}
