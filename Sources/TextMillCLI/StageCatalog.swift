import TextMill

/// `textmill stages --json`: the stages as JSON for programs. The shape is stable (README.md,
/// "textmill stages --json"); `format` changes only when a field changes meaning or goes away.
enum StageCatalog {
    /// The version of the JSON shape.
    static let format = 1

    /// `{"format": 1, "textmill": VERSION, "stages": [STAGE, …]}`.
    static func json(_ stages: [any Stage.Type]) -> JSONValue {
        .object(JSONObject([
            ("format", JSONValue(format)),
            ("textmill", .string(TextMillVersion.string)),
            ("stages", .array(stages.map(stage))),
        ]))
    }

    /// `{"name", "summary", "requires", "produces", "text", "scope", "options"}`.
    static func stage(_ stage: any Stage.Type) -> JSONValue {
        let t = stage.traits
        return .object(JSONObject([
            ("name", .string(stage.name)),
            ("summary", .string(stage.summary)),
            ("requires", .array(t.requires.map(\.rawValue).sorted().map { .string($0) })),
            ("produces", .array(t.produces.map(\.rawValue).sorted().map { .string($0) })),
            ("text", .string(textEffect(t.text))),
            ("scope", .string(t.scope == .corpus ? "corpus" : "document")),
            ("options", .array(stage.options.map(option))),
        ]))
    }

    /// `{"name", "type", "default", "help"}`, plus `min`/`max` for numbers, `choices` for a
    /// choice and `options` for a group.
    static func option(_ spec: OptionSpec) -> JSONValue {
        var fields: [(String, JSONValue)] = [("name", .string(spec.name))]
        switch spec.type {
        case .bool: fields.append(("type", "bool"))
        case .int(let range):
            fields += [("type", "int"), ("min", JSONValue(range.lowerBound)), ("max", range.upperBound == Int.max ? .null : JSONValue(range.upperBound))]
        case .number(let range):
            fields += [("type", "number"), ("min", JSONValue(range.lowerBound)), ("max", range.upperBound.isFinite ? JSONValue(range.upperBound) : .null)]
        case .string: fields.append(("type", "string"))
        case .choice(let words): fields += [("type", "choice"), ("choices", .array(words.map { .string($0) }))]
        case .stringList: fields.append(("type", "string_list"))
        case .stringMap: fields.append(("type", "string_map"))
        case .group(let inner): fields += [("type", "group"), ("options", .array(inner.map(option)))]
        }
        if case .group = spec.type {} else { fields.append(("default", spec.defaultValue)) }
        fields.append(("help", .string(spec.help)))
        return .object(JSONObject(fields))
    }

    static func textEffect(_ effect: TextEffect) -> String {
        switch effect {
        case .none: return "none"
        case .edits: return "edits"
        case .replacesMarkup: return "replaces_markup"
        }
    }
}
