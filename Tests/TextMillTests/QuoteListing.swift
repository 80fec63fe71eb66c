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
}
