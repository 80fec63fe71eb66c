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
        // Fields of a quotation the record cannot hold as given fail the document, naming the
        // field and what it must be: a `text` of another type was written as the text at the
        // offsets, a `speaker` of 5 as null, an `unresolved` of "x" dropped. A null field is one
        // left out, as for `paragraphs` or `kind`.
        /// The object at `o[key]`, or nil when the field is left out or null.
        func object(_ o: JSONObject, _ key: String, of owner: String) throws(Failure) -> JSONObject? {
            guard let v = o[key], v != .null else { return nil }
            guard let object = v.objectValue else {
                throw Failure(message: "\(owner) \"\(key)\" must be an object with integer \"start\" and \"end\" (or null), not \(MessageText.cut(v.jsonText, to: 40))")
            }
            return object
        }
        /// Checks the `text` a span's object claims: a string, what the offsets point at (or left out).
        func claimedText(_ o: JSONObject, _ at: Span, of owner: String, _ what: String) throws(Failure) {
            guard let v = o["text"], v != .null else { return }
            guard let claimed = v.stringValue else {
                throw Failure(message: "\(owner) \"text\" must be a string, the text its offsets point at (or null), not \(MessageText.cut(v.jsonText, to: 40))")
            }
            if claimed != String(decoding: text[at.start..<at.end], as: UTF8.self) {
                // A quote's text is cut (it may be long); a mention's is shown whole, as before.
                let shown = what == "quote" ? "\(claimed.prefix(40))…" : claimed
                throw Failure(message: "the \(what) text \"\(shown)\" is not what its offsets point at")
            }
        }
        /// Whether a speaker's `key` (`unresolved`, `document`) is set: true; false, null and
        /// left out are not (the record writes only true).
        func flag(_ o: JSONObject, _ key: String, of owner: String) throws(Failure) -> Bool {
            guard let v = o[key], v != .null else { return false }
            guard let set = v.boolValue else { throw Failure(message: "\(owner) \"\(key)\" must be true or false (or null), not \(MessageText.cut(v.jsonText, to: 40))") }
            return set
        }
        func mention(_ o: JSONObject?, _ what: String) throws(Failure) -> Mention? {
            guard let o else { return nil }
            let owner = "the \(what)'s"
            var m = Mention(span: try span(o, what))
            if let r = try object(o, "resolved_from", of: owner) {
                m.resolvedFrom = try span(r, what + ".resolved_from")
                try claimedText(r, m.resolvedFrom!, of: "the \(what).resolved_from's", what + ".resolved_from")
            }
            if let r = try object(o, "role", of: owner) {
                m.role = try span(r, what + ".role")
                try claimedText(r, m.role!, of: "the \(what).role's", what + ".role")
            }
            let unresolved = try flag(o, "unresolved", of: owner)
            let document = try flag(o, "document", of: owner)
            if unresolved {
                m.entity = .unresolved
            } else if document {
                m.entity = .document
            } else if let id = o["entity"]?.intValue, id >= 1, let name = o["name"]?.stringValue {
                // From 1, as the schema has it: an entity of -1 or 0 was written as it came.
                m.entity = SpeakerEntity(id: id, name: name)
            } else if let entity = o["entity"], entity != .null {
                throw Failure(message: "the \(what)'s \"entity\" must be an integer from 1 given with a string \"name\" (or null), not \(MessageText.cut(entity.jsonText, to: 40)) with \(o["name"].map { MessageText.cut($0.jsonText, to: 40) } ?? "no name")")
            }
            try claimedText(o, m.span, of: owner, what)
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
                q.speaker = try mention(object(o, "speaker", of: "a quote's"), "speaker")
                q.cue = try mention(object(o, "cue", of: "a quote's"), "cue")
                if let c = try object(o, "content", of: "a quote's") {
                    q.content = try span(c, "quote content")
                    try claimedText(c, q.content!, of: "a quote's content's", "quote content")
                }
                try claimedText(o, q.span, of: "a quote's", "quote")
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
