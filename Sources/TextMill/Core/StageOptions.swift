/// The type of a stage option, checked when the config is loaded.
public indirect enum OptionType: Sendable {
    case bool
    case int(ClosedRange<Int>)
    case number(ClosedRange<Double>)
    case string
    /// One of a fixed set of words.
    case choice([String])
    case stringList
    /// A map of string keys to string values (environment variables, field names).
    case stringMap
    /// A nested group of options.
    case group([OptionSpec])

    /// How the type reads in messages and in `textmill stages`.
    public var description: String {
        switch self {
        case .bool: return "true | false"
        case .int(let r): return r.upperBound == Int.max ? "integer ≥ \(r.lowerBound)" : "integer \(r.lowerBound)…\(r.upperBound)"
        case .number(let r): return "number \(JSONValue.format(r.lowerBound))…\(JSONValue.format(r.upperBound))"
        case .string: return "string"
        case .choice(let words): return words.joined(separator: " | ")
        case .stringList: return "list of strings"
        case .stringMap: return "map of strings"
        case .group: return "map"
        }
    }
}

/// One option of a stage: name, type, default and a line of help.
public struct OptionSpec: Sendable {
    public let name: String
    public let type: OptionType
    /// The default value (`.null` means "unset": the option is optional and has no default).
    public let defaultValue: JSONValue
    public let help: String

    public init(_ name: String, _ type: OptionType, default defaultValue: JSONValue, _ help: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.help = help
    }
}

extension JSONValue: ExpressibleByBooleanLiteral, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByNilLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(String(value)) }
    public init(floatLiteral value: Double) { self = .number(JSONValue.format(value)) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
}

/// Where a pipeline runs: what stages may need beyond their options.
public struct PipelineEnvironment: Sendable {
    /// The config file's path ("" when built in code).
    public var configPath: String
    /// Relative paths in options (lexicon files, plugin scripts) resolve against this directory.
    public var baseDirectory: String
    /// The main output path ("-" for stdout); corpus stages keep their state beside it.
    public var outputPath: String
    /// Which instance of its stage this one is in the config (1 for the first `dedup`, 2 for a
    /// second one; exec stages are counted by the script they run): stages that keep state or
    /// write a file give each instance its own.
    public var instance: Int
    /// The config's `max_document_mb` in bytes: a stage whose output text would grow past it
    /// throws a `DocumentError` as soon as it does, rather than building it whole.
    public var maxDocumentBytes: Int
    /// A preview run (`--limit`): stages keep no state on disk, not even in a folder their
    /// options name (dedup's `index`); they keep it in memory.
    public var preview = false

    public init(configPath: String = "", baseDirectory: String = ".", outputPath: String = "-", instance: Int = 1,
                maxDocumentBytes: Int = PipelineConfig.defaultMaxDocumentBytes) {
        self.configPath = configPath
        self.baseDirectory = baseDirectory
        self.outputPath = outputPath
        self.instance = instance
        self.maxDocumentBytes = maxDocumentBytes
    }

    /// Resolves a path from an option against `baseDirectory`.
    public func resolve(_ path: String) -> String {
        if path.hasPrefix("/") || baseDirectory.isEmpty || baseDirectory == "." { return path }
        return baseDirectory + "/" + path
    }
}

/// Checked option values of one stage, with defaults filled in.
public struct StageOptions: Sendable {
    public let values: JSONObject
    public let environment: PipelineEnvironment

    public init(values: JSONObject = JSONObject(), environment: PipelineEnvironment = PipelineEnvironment()) {
        self.values = values
        self.environment = environment
    }

    /// Options with every default of `specs` filled in and `overrides` on top (for code and tests;
    /// configs go through `ConfigLoader`, which also checks types).
    public static func defaults(_ specs: [OptionSpec], _ overrides: [String: JSONValue] = [:],
                                environment: PipelineEnvironment = PipelineEnvironment()) -> StageOptions {
        var values = JSONObject()
        for spec in specs {
            if case .group(let inner) = spec.type {
                var given: [String: JSONValue] = [:]
                for (k, v) in overrides[spec.name]?.objectValue ?? JSONObject() { given[k] = v }
                values[spec.name] = .object(StageOptions.defaults(inner, given).values)
            } else {
                values[spec.name] = overrides[spec.name] ?? spec.defaultValue
            }
        }
        for (k, v) in overrides where values[k] == nil { values[k] = v }
        return StageOptions(values: values, environment: environment)
    }

    public subscript(name: String) -> JSONValue? {
        guard let v = values[name], v != .null else { return nil }
        return v
    }

    public func bool(_ name: String) -> Bool { self[name]?.boolValue ?? false }
    public func int(_ name: String) -> Int { self[name]?.intValue ?? 0 }
    public func double(_ name: String) -> Double { self[name]?.doubleValue ?? 0 }
    public func string(_ name: String) -> String? { self[name]?.stringValue }
    public func strings(_ name: String) -> [String] { self[name]?.arrayValue?.compactMap(\.stringValue) ?? [] }

    public func stringMap(_ name: String) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in self[name]?.objectValue ?? JSONObject() { if let s = v.stringValue { out[k] = s } }
        return out
    }

    /// A nested group's options.
    public func group(_ name: String) -> StageOptions {
        StageOptions(values: self[name]?.objectValue ?? JSONObject(), environment: environment)
    }
}
