/// The fields of a record that TextMill writes itself, whatever a plugin answers: `source`
/// (where the document came from), `duplicate` (dedup's decision) and `filtered` (a stage's
/// verdict on a marked document). A plugin may send them back as they came, or leave them out;
/// an answer that changes one fails its document, since TextMill would write its own value
/// over the plugin's without a word (and wrote `filtered` twice, the plugin's last, where JSON
/// readers take the last).
///
/// Each answer is compared with the document's own values as `RecordEncoder` writes them, field
/// by field, with no record built: numbers by value (`1.0` for `1`, as another JSON library may
/// write back what it read), objects whatever the order of their keys.
///
/// The fields the plugin may change but whose type the record's schema sets are checked here
/// too: a value of `meta` its key's rule refuses (`MetaValueTypes`: `"title": 5`, a date
/// object) and an `input` that is no object were written as they came, the record breaking its
/// schema under exit 0. (The spans' shapes are `RecordDecoder`'s to check, as it reads them.)
enum PluginOwnedFields {
    /// One check of an answer's field: the field's name and the problem its value makes for the
    /// document it was sent for, or nil.
    struct Rule {
        let field: String
        let problem: @Sendable (JSONValue, Document) -> DocumentError?
    }

    /// The checks, in the order they are made: the first problem fails the document.
    static let rules: [Rule] = [
        owned("source") { same($0, $1.source) },
        owned("duplicate") { same($0, $1.duplicate) },
        owned("filtered") { same($0, $1.filtered) },
        Rule(field: "meta") { value, _ in
            value.objectValue.flatMap(MetaValueTypes.firstRefusal).map(refused)
        },
        Rule(field: InputFields.key) { value, _ in
            value.objectValue == nil ? notAnObject(InputFields.key, value) : nil
        },
    ]

    /// Throws a `DocumentError` naming the first field of the answer a rule refuses.
    static func check(_ answer: JSONObject, sentFor doc: Document) throws {
        for rule in rules {
            if let value = answer[rule.field], let problem = rule.problem(value, doc) { throw problem }
        }
    }

    /// The rule of a field TextMill writes itself: `same` tells whether the answer's value is
    /// the document's own.
    static func owned(_ name: String, _ same: @escaping @Sendable (JSONValue, Document) -> Bool) -> Rule {
        Rule(field: name) { value, doc in same(value, doc) ? nil : changed(name, value) }
    }

    static func refused(_ refusal: MetaValueTypes.Refusal) -> DocumentError {
        DocumentError("the plugin's \"meta\" gives \(refusal): answer a value of that type, leave the key out, or put the value under a key of your own")
    }

    static func notAnObject(_ name: String, _ value: JSONValue) -> DocumentError {
        DocumentError("the plugin's \"\(name)\" is \(MessageText.cut(value.jsonText, to: 80)) (\(value.typeNameWithArticle)), where the record's schema (schema/record.schema.json) takes an object (the input fields TextMill keeps): send it back as it came, or leave it out")
    }

    static func changed(_ name: String, _ value: JSONValue) -> DocumentError {
        DocumentError("the plugin's record changes \"\(name)\" (to \(value.jsonText.prefix(120))), a field TextMill writes itself: send it back as it came or leave it out; to drop the document answer {\"drop\": \"REASON\"}, to add a mark of your own give it a name of your own")
    }

    static func same(_ v: JSONValue, _ s: SourceInfo) -> Bool {
        guard let o = v.objectValue, o.count == (s.record == nil ? 3 : 4), o["path"]?.stringValue == s.path,
              o["format"]?.stringValue == s.format.rawValue, o["sha256"]?.stringValue == s.sha256 else { return false }
        return s.record.map { number(o["record"]) == Double($0) } ?? true
    }

    /// Absent (dedup did not run) and null (it kept the document) are both sent back as null.
    static func same(_ v: JSONValue, _ d: DuplicateInfo??) -> Bool {
        guard case .some(.some(let d)) = d else { return v == .null }
        guard let o = v.objectValue, o.count == 3, o["of"]?.stringValue == d.of, o["kind"]?.stringValue == d.kind.rawValue else { return false }
        // The similarity as the record holds it: to four places.
        return number(o["similarity"]) == (d.similarity * 10000).rounded() / 10000
    }

    static func same(_ v: JSONValue, _ f: FilterMark?) -> Bool {
        guard let f else { return v == .null }
        guard let o = v.objectValue, o.count == 2 + (f.detail == nil ? 0 : 1) + (f.stageNumber == nil ? 0 : 1), o["stage"]?.stringValue == f.stage,
              o["reason"]?.stringValue == f.reason, f.stageNumber.map({ number(o["stage_number"]) == Double($0) }) ?? true else { return false }
        return f.detail.map { o["detail"]?.stringValue == $0 } ?? true
    }

    static func number(_ v: JSONValue?) -> Double? {
        if case .number(let text)? = v { return Double(text) }
        return nil
    }
}
