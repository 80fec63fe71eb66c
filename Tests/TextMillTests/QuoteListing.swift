import Testing
@testable import TextMill

/// The quotes the sentences and quotes stages (default options) find in a text, one line a
/// quote, for suites that pin a document's full list: "kind | words | speaker | LAST", the speaker
/// being its entity's name (else its words) and LAST the cue or the content; "-" for none.
enum QuoteListing {
    /// What the last column shows.
    enum Last { case cue, content }

    static func lines(_ text: String, last: Last) throws -> [String] {
        var doc = Document(id: "t", text: text)
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        try QuotesStage(options: .defaults(QuotesStage.options)).process(&doc, &context)
        return (doc.quotes ?? []).map { q in
            let who = q.speaker.map { s in s.entity.flatMap(\.name) ?? doc.string(s.span) } ?? "-"
            let end: String
            switch last {
            case .cue: end = q.cue.map { doc.string($0.span) } ?? "-"
            case .content: end = q.content.map { doc.string($0) } ?? "-"
            }
            return "\(q.kind.rawValue) | \(doc.string(q.span)) | \(who) | \(end)"
        }
    }

    /// A text with the words of each expected quote between `[[` and `]]`: the text without the
    /// markers, each marked span as a UTF-8 byte range, and its words.
    static func unmark(_ marked: String) -> (text: String, spans: [Span], words: [String]) {
        var bytes: [UInt8] = [], spans: [Span] = [], open = -1
        let m = Array(marked.utf8)
        var i = 0
        while i < m.count {
            if i + 1 < m.count && m[i] == UInt8(ascii: "[") && m[i + 1] == UInt8(ascii: "[") { open = bytes.count; i += 2; continue }
            if i + 1 < m.count && m[i] == UInt8(ascii: "]") && m[i + 1] == UInt8(ascii: "]") {
                spans.append(Span(open, bytes.count)); i += 2; continue
            }
            bytes.append(m[i]); i += 1
        }
        let words = spans.map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
        return (String(decoding: bytes, as: UTF8.self), spans, words)
    }

    /// The lines `lines` must give for a marked text: each "kind | speaker | LAST" of `quotes`
    /// with the words of its marked span put in as the second column.
    static func expected(words: [String], quotes: [String]) -> [String] {
        zip(words, quotes).map { w, q -> String in
            let parts = q.components(separatedBy: " | ")
            return "\(parts[0]) | \(w) | \(parts[1]) | \(parts[2])"
        }
    }

    /// A case of a suite that pins a marked text's full list: the text with each expected
    /// quote's words between `[[` and `]]`, and "kind | speaker | LAST" of each, in order.
    struct MarkedCase: Sendable, CustomTestStringConvertible {
        var marked: String
        var quotes: [String]
        var testDescription: String { String(marked.prefix(40)) }
    }
}
