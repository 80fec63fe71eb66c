import Foundation
@testable import TextMill

/// A JSON Schema checker for the keywords `schema/record.schema.json` uses: type, required,
/// properties, additionalProperties (false), items, enum, minimum, maximum, pattern, oneOf and
/// local $ref. Returns the problems found, each with its JSON path.
struct SchemaValidator {
    let root: JSONValue

    init(path: String) throws {
        root = try JSONParser.parse(Array(FileManager.default.contents(atPath: path) ?? Data()))
    }

    func validate(_ value: JSONValue) -> [String] {
        var problems: [String] = []
        check(value, root, "$", &problems)
        return problems
    }

    private func resolve(_ ref: String) -> JSONValue? {
        guard ref.hasPrefix("#/") else { return nil }
        var node: JSONValue? = root
        for part in ref.dropFirst(2).split(separator: "/") { node = node?.objectValue?[String(part)] }
        return node
    }

    private func check(_ v: JSONValue, _ schema: JSONValue, _ path: String, _ problems: inout [String]) {
        guard let s = schema.objectValue else { return }
        if let ref = s["$ref"]?.stringValue, let target = resolve(ref) { check(v, target, path, &problems) }
        if let options = s["oneOf"]?.arrayValue {
            let matches = options.filter { option in
                var p: [String] = []
                check(v, option, path, &p)
                return p.isEmpty
            }.count
            if matches != 1 { problems.append("\(path): matches \(matches) of the oneOf choices") }
        }
        if let type = s["type"]?.stringValue {
            let ok: Bool
            switch (type, v) {
            case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null): ok = true
            case ("number", .number): ok = true
            case ("integer", .number(let n)): ok = Int(n) != nil
            default: ok = false
            }
            if !ok { problems.append("\(path): expected \(type), found \(v.typeName)"); return }
        }
        if let e = s["enum"]?.arrayValue, !e.contains(v) { problems.append("\(path): \(v.jsonText) is not one of \(JSONValue.array(e).jsonText)") }
        if let min = s["minimum"]?.doubleValue, let d = v.doubleValue, d < min { problems.append("\(path): \(d) < \(min)") }
        if let max = s["maximum"]?.doubleValue, let d = v.doubleValue, d > max { problems.append("\(path): \(d) > \(max)") }
        if let pattern = s["pattern"]?.stringValue, let str = v.stringValue,
           str.range(of: pattern, options: .regularExpression) == nil {
            problems.append("\(path): \"\(str)\" does not match \(pattern)")
        }
        if case .object(let o) = v {
            for key in s["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where o[key] == nil {
                problems.append("\(path): missing required \"\(key)\"")
            }
            let props = s["properties"]?.objectValue ?? JSONObject()
            for (k, child) in o {
                if let ps = props[k] { check(child, ps, "\(path).\(k)", &problems) } else if s["additionalProperties"] == .bool(false) {
                    problems.append("\(path): unexpected property \"\(k)\"")
                }
            }
        }
        if case .array(let items) = v, let itemSchema = s["items"] {
            for (i, item) in items.enumerated() { check(item, itemSchema, "\(path)[\(i)]", &problems) }
        }
    }
}
