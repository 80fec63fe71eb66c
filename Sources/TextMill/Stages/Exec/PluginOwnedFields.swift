/// The fields of a record that TextMill writes itself, whatever a plugin answers: `source`
/// (where the document came from), `duplicate` (dedup's decision) and `filtered` (a stage's
/// verdict on a marked document). A plugin may send them back as they came, or leave them out;
/// an answer that changes one fails its document, since TextMill would write its own value
/// over the plugin's without a word (and wrote `filtered` twice, the plugin's last, where JSON
/// readers take the last).
enum PluginOwnedFields {
    static let names = ["source", "duplicate", "filtered"]

    /// Throws a `DocumentError` naming the first owned field the answer changes.
    static func check(_ answer: JSONObject, sentFor doc: Document) throws {
        guard names.contains(where: { answer[$0] != nil }) else { return }
        let sent = RecordEncoder.ownedFields(doc)
        for name in names {
            guard let value = answer[name], !sameData(value, sent[name] ?? .null) else { continue }
            throw DocumentError("the plugin's record changes \"\(name)\" (to \(value.jsonText.prefix(120))), a field TextMill writes itself: send it back as it came or leave it out; to drop the document answer {\"drop\": \"REASON\"}, to add a mark of your own give it a name of your own")
        }
    }

    /// The same JSON data: numbers by value (`1` and `1.0`, as another JSON library may write
    /// back what it read), objects whatever the order of their keys.
    static func sameData(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            return x == y || (Double(x).map { $0 == Double(y) } ?? false)
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { sameData($0, $1) }
        case (.object(let x), .object(let y)):
            return x.count == y.count && x.allSatisfy { k, v in y[k].map { sameData(v, $0) } ?? false }
        default:
            return a == b
        }
    }
}
