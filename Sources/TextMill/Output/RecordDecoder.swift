/// Reads a record in TextMill's output format back into a document (the `exec` plugin protocol
/// answers with such records). Offsets are converted from Unicode scalars to UTF-8 bytes and
/// every span is checked against the text.
public enum RecordDecoder {
    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The fields of an answer that are not extra fields: those the writer writes from the
    /// document itself (`filtered` included, which an answer cannot change).
    static let writtenFields = Set(Document.writtenFields)

    /// Applies a record to `doc`: the record's text, meta, spans and extra fields replace the
    /// document's; `id` and `source` must stay as they were.
    public static func apply(_ record: JSONObject, to doc: inout Document) throws(Failure) {
        guard let id = record["id"]?.stringValue else { throw Failure(message: "the record has no string \"id\"") }
        guard id == doc.id else { throw Failure(message: "the record is for id \"\(id)\", but \"\(doc.id)\" was sent (records must come back in the order they were sent)") }
        guard let textString = record["text"]?.stringValue else { throw Failure(message: "the record has no string \"text\"") }
        let text = Array(textString.utf8)
        let textChanged = text != doc.text
        let scalarCount = textString.unicodeScalars.count
        let offsets = ScalarOffsets(text)

        var all: [Int] = []
        func collect(_ v: JSONValue?) {
            guard let items = v?.arrayValue else { return }
            for item in items {
                guard let o = item.objectValue else { continue }
                for key in ["start", "end"] { if let n = o[key]?.intValue { all.append(n) } }
                if let c = o["content"]?.objectValue { for k in ["start", "end"] { if let n = c[k]?.intValue { all.append(n) } } }
                for key in ["speaker", "cue"] {
                    guard let m = o[key]?.objectValue else { continue }
                    for k in ["start", "end"] { if let n = m[k]?.intValue { all.append(n) } }
                    for sub in ["resolved_from", "role"] {
                        if let r = m[sub]?.objectValue { for k in ["start", "end"] { if let n = r[k]?.intValue { all.append(n) } } }
                    }
                }
            }
        }
        for key in ["paragraphs", "sentences", "quotes"] { collect(record[key]) }
        let table = offsets.byteOffsets(forScalarOffsets: all)

        func span(_ o: JSONObject, _ what: String) throws(Failure) -> Span {
            guard let s = o["start"]?.intValue, let e = o["end"]?.intValue else { throw Failure(message: "a \(what) span needs integer \"start\" and \"end\"") }
            guard s >= 0, e >= s, e <= scalarCount else {
                throw Failure(message: "a \(what) span \(s)..<\(e) does not fit the text (\(scalarCount) characters)")
            }
            return Span(table[s]!, table[e]!)
        }
        func spans(_ key: String) throws(Failure) -> [Span]? {
            guard let v = record[key], v != .null else { return nil }
            guard let items = v.arrayValue else { throw Failure(message: "\"\(key)\" must be a list of spans") }
            var out: [Span] = []
            for item in items {
                guard let o = item.objectValue else { throw Failure(message: "\"\(key)\" must be a list of {\"start\", \"end\"} objects") }
                out.append(try span(o, key))
            }
            return out
        }
        func mention(_ v: JSONValue?, _ what: String) throws(Failure) -> Mention? {
            guard let o = v?.objectValue else { return nil }
            var m = Mention(span: try span(o, what))
            if let r = o["resolved_from"]?.objectValue { m.resolvedFrom = try span(r, what + ".resolved_from") }
            if let r = o["role"]?.objectValue { m.role = try span(r, what + ".role") }
            if o["unresolved"]?.boolValue == true {
                m.entity = .unresolved
            } else if o["document"]?.boolValue == true {
                m.entity = .document
            } else if let id = o["entity"]?.intValue, id >= 1, let name = o["name"]?.stringValue {
                // From 1, as the schema has it: an entity of -1 or 0 was written as it came.
                m.entity = SpeakerEntity(id: id, name: name)
            } else if let entity = o["entity"], entity != .null {
                throw Failure(message: "the \(what)'s \"entity\" must be an integer from 1 given with a string \"name\" (or null), not \(MessageText.cut(entity.jsonText, to: 40)) with \(o["name"].map { MessageText.cut($0.jsonText, to: 40) } ?? "no name")")
            }
            if let claimed = o["text"]?.stringValue, claimed != String(decoding: text[m.span.start..<m.span.end], as: UTF8.self) {
                throw Failure(message: "the \(what) text \"\(claimed)\" is not what its offsets point at")
            }
            return m
        }

        let paragraphs = try spans("paragraphs")
        let sentences = try spans("sentences")
        var quotes: [Quote]?
        if let v = record["quotes"], v != .null {
            guard let items = v.arrayValue else { throw Failure(message: "\"quotes\" must be a list") }
            quotes = []
            for item in items {
                guard let o = item.objectValue else { throw Failure(message: "each quote must be an object") }
                let kind: QuoteKind
                switch o["kind"] {
                case nil, .null?: kind = .direct
                case let named?:
                    guard let k = named.stringValue.flatMap(QuoteKind.init(rawValue:)) else {
                        throw Failure(message: "a quote's \"kind\" must be one of \(QuoteKind.allCases.map(\.rawValue).joined(separator: ", ")), not \(named.jsonText)")
                    }
                    kind = k
                }
                var q = Quote(span: try span(o, "quote"), kind: kind)
                q.speaker = try mention(o["speaker"], "speaker")
                q.cue = try mention(o["cue"], "cue")
                if let c = o["content"]?.objectValue { q.content = try span(c, "quote content") }
                if let claimed = o["text"]?.stringValue, claimed != String(decoding: text[q.span.start..<q.span.end], as: UTF8.self) {
                    throw Failure(message: "the quote text \"\(claimed.prefix(40))…\" is not what its offsets point at")
                }
                quotes!.append(q)
            }
        }
        // Spans sent back unchanged over a changed text must still cover the same words.
        if textChanged {
            func stale(_ old: [Span]?, _ new: [Span]?) -> Bool {
                guard let old, let new, old.count == new.count else { return false }
                return zip(old, new).contains { o, n in doc.text[o.start..<o.end] != text[n.start..<n.end] }
            }
            let oldOffsets = ScalarOffsets(doc.text)
            func sameOffsets(_ old: [Span]?, _ key: String) -> Bool {
                guard let old, let items = record[key]?.arrayValue, items.count == old.count else { return false }
                let table = oldOffsets.scalarOffsets(for: old.flatMap { [$0.start, $0.end] })
                return zip(old, items).allSatisfy { o, item in
                    item.objectValue?["start"]?.intValue == table[o.start] && item.objectValue?["end"]?.intValue == table[o.end]
                }
            }
            for (key, old, new) in [("paragraphs", doc.paragraphs, paragraphs), ("sentences", doc.sentences, sentences)]
            where sameOffsets(old, key) && stale(old, new) {
                throw Failure(message: "the text changed but the \(key) spans came back as they were sent; the plugin must update them or drop the \"\(key)\" field")
            }
        }
        if let m = record["meta"] {
            guard let o = m.objectValue else { throw Failure(message: "\"meta\" must be an object") }
            doc.meta = o
        }
        var extra = JSONObject()
        // Every field the writer writes itself stays out of `extra`: an answer echoing a marked
        // document's `filtered` made the record hold `filtered` twice.
        let known = RecordDecoder.writtenFields
        for (k, v) in record where !known.contains(k) { extra.appendUnchecked(k, v) }
        if textChanged { doc.blockquotes = nil }
        doc.text = text
        doc.paragraphs = paragraphs
        doc.sentences = sentences
        doc.quotes = quotes
        doc.extra = extra
    }
}
