/// The values the record's schema (`schema/record.schema.json`) accepts under the keys of
/// `meta` it names, as a table: one named rule a key. An input record's `meta` or `metadata`
/// value that its key's rule refuses is not merged into `meta` but kept under `input`
/// (`input.meta`, `input.metadata`) and counted: merged, `"title": null`, a date object or a
/// language object without `score` made the record break the schema that programs read it by.
/// A value the schema accepts stays in `meta`, where later stages read it (`filter` reads a
/// language object a record made elsewhere gives).
enum MetaValueTypes {
    /// What the schema accepts under a key.
    enum Rule {
        /// A string (`"title": {"type": "string"}`).
        case string
        /// A declared language (a string) or the `language` stage's answer: an object with a
        /// string `code`, a `score` from 0 to 1 and a boolean `reliable`, and, when present, `top`
        /// (objects with `code` and `score`) and `paragraphs` (strings).
        case language
    }

    /// The keys the schema gives a type, with their rules. Other keys take any value.
    static let rules: [(key: String, rule: Rule)] = [
        ("title", .string), ("byline", .string), ("date", .string), ("url", .string),
        ("language", .language), ("declared_language", .string), ("description", .string),
    ]

    /// True when `value` may stand under `key` in a record's `meta` (any value, for a key the
    /// schema gives no type).
    static func admits(_ key: String, _ value: JSONValue) -> Bool {
        guard let rule = rules.first(where: { JSONObject.sameBytes($0.key, key) })?.rule else { return true }
        return rule.admits(value)
    }
}

extension MetaValueTypes.Rule {
    /// True when the schema accepts `value` under a key with this rule.
    func admits(_ value: JSONValue) -> Bool {
        if value.stringValue != nil { return true }
        switch self {
        case .string: return false
        case .language:
            guard let o = value.objectValue, o["code"]?.stringValue != nil, o["reliable"]?.boolValue != nil,
                  let score = o["score"]?.doubleValue, score >= 0 && score <= 1 else { return false }
            if let top = o["top"], !(top.arrayValue?.allSatisfy({ $0.objectValue.map { $0["code"] != nil && $0["score"] != nil } ?? false }) ?? false) {
                return false
            }
            if let paragraphs = o["paragraphs"], !(paragraphs.arrayValue?.allSatisfy({ $0.stringValue != nil }) ?? false) {
                return false
            }
            return true
        }
    }
}
