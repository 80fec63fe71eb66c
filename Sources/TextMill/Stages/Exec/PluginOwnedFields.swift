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
enum PluginOwnedFields {
    /// Throws a `DocumentError` naming the first owned field the answer changes.
    static func check(_ answer: JSONObject, sentFor doc: Document) throws {
        if let v = answer["source"], !same(v, doc.source) { throw changed("source", v) }
        if let v = answer["duplicate"], !same(v, doc.duplicate) { throw changed("duplicate", v) }
        if let v = answer["filtered"], !same(v, doc.filtered) { throw changed("filtered", v) }
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
        guard let o = v.objectValue, o.count == (f.detail == nil ? 2 : 3), o["stage"]?.stringValue == f.stage,
              o["reason"]?.stringValue == f.reason else { return false }
        return f.detail.map { o["detail"]?.stringValue == $0 } ?? true
    }

    static func number(_ v: JSONValue?) -> Double? {
        if case .number(let text)? = v { return Double(text) }
        return nil
    }
}
