/// The values the record's schema (`schema/record.schema.json`) accepts under the keys of
/// `meta` it names, as a table: one named rule a key. An input record's `meta` or `metadata`
/// value that its key's rule refuses is not merged into `meta` but kept under `input`
/// (`input.meta`, `input.metadata`) and counted: merged, `"title": null`, a date object or a
/// language object without `score` made the record break the schema that programs read it by.
/// A value the schema accepts stays in `meta`, where later stages read it (`filter` reads a
/// language object a record made elsewhere gives).
enum MetaValueTypes {
    /// What the schema accepts under a key.
    enum Rule: Equatable {
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
        rule(for: key)?.admits(value) ?? true
    }

    /// The rule of `key`, or nil when the schema gives it no type.
    static func rule(for key: String) -> Rule? {
        rules.first(where: { JSONObject.sameBytes($0.key, key) })?.rule
    }

    /// A value of `meta` that its key's rule refuses: what a stage or a plugin must not leave,
    /// since the record would break its schema.
    struct Refusal: Equatable, CustomStringConvertible {
        let key: String
        let value: JSONValue
        let rule: Rule

        /// `"title": 5 (a number), where the record's schema (schema/record.schema.json) takes a string`.
        var description: String {
            "\"\(key)\": \(MessageText.cut(value.jsonText, to: 80)) (\(value.typeNameWithArticle)), where the record's schema (schema/record.schema.json) takes \(rule.wants)"
        }
    }

    /// The first value of `meta` whose key's rule refuses it, or nil.
    static func firstRefusal(in meta: JSONObject) -> Refusal? {
        for (key, value) in meta {
            if let rule = rule(for: key), !rule.admits(value) { return Refusal(key: key, value: value, rule: rule) }
        }
        return nil
    }
}

extension MetaValueTypes.Rule {
    /// What the rule accepts, for messages.
    var wants: String {
        switch self {
        case .string: return "a string"
        case .language:
            return "a string (a declared language) or a language object {\"code\": string, \"score\": number from 0 to 1, \"reliable\": boolean}"
                + " (with, if given, \"top\": [{\"code\", \"score\"}] and \"paragraphs\": [strings])"
        }
    }

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

extension Document {
    /// What the document holds that the record's schema refuses, where a stage may set it: a
    /// value of `meta` its key's rule refuses, or an `input` extra field that is no object
    /// (`"meta \"title\": 5 (a number), where …"`); nil when there is none. A Swift stage from
    /// outside TextMill that left one wrote a record breaking its schema, under exit 0.
    public func firstSchemaRefusal() -> String? {
        if !meta.isEmpty, let refusal = MetaValueTypes.firstRefusal(in: meta) { return "meta \(refusal)" }
        if !extra.isEmpty, let input = extra[InputFields.key], input.objectValue == nil {
            return "\"\(InputFields.key)\": \(MessageText.cut(input.jsonText, to: 80)) (\(input.typeNameWithArticle)) among the extra fields, "
                + "where the record's schema (schema/record.schema.json) takes an object (the input fields TextMill keeps)"
        }
        return nil
    }
}
