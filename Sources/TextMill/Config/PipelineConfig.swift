/// A checked pipeline: where to read, where to write, and the stages in order.
public struct PipelineConfig: Sendable {
    /// The config file ("" when built in code).
    public var path: String
    /// Files, directories, globs, or "-" for JSONL on stdin.
    public var inputs: [String]
    /// The output file, or "-" for stdout.
    public var output: String
    public var stages: [ConfiguredStage]
    /// Documents larger than this are refused (into `errors.jsonl`) rather than processed.
    public var maxDocumentBytes: Int
    /// A preview run (`textmill run --limit N`): it writes the output but keeps no state on
    /// disk, neither beside the output nor in a folder a stage's options name.
    public var preview = false

    public static let defaultMaxDocumentBytes = 64 << 20

    public init(path: String = "", inputs: [String], output: String, stages: [ConfiguredStage],
                maxDocumentBytes: Int = PipelineConfig.defaultMaxDocumentBytes) {
        self.path = path
        self.inputs = inputs
        self.output = output
        self.stages = stages
        self.maxDocumentBytes = maxDocumentBytes
    }

    /// True when runs of this config keep state beside the output (manifest, journal, dedup
    /// index): never when the output is stdout or an input is stdin.
    public var keepsState: Bool { !preview && output != "-" && !inputs.contains("-") }

    /// The environment stages see. A run without state shows its stages stdout as the output,
    /// so corpus stages keep nothing on disk (dedup's index stays in memory).
    public var environment: PipelineEnvironment {
        var environment = PipelineEnvironment(configPath: path, baseDirectory: ".", outputPath: keepsState ? output : "-", maxDocumentBytes: maxDocumentBytes)
        environment.preview = preview
        return environment
    }
}

/// One stage as the config names it.
public struct ConfiguredStage: Sendable {
    public var type: any Stage.Type
    public var options: StageOptions
    /// Where the stage is named in the config (1-based; 0 when built in code).
    public var line: Int
    public var column: Int
    /// Where each option's value is written in the config, by name ("lexicon_files.verbs" inside
    /// a group), so a stage refusing an option is reported at that option's line.
    public var optionPositions: [String: ConfigPosition] = [:]

    public var name: String { type.name }

    public init(_ type: any Stage.Type, options: StageOptions? = nil, line: Int = 0, column: Int = 0) {
        self.type = type
        self.options = options ?? StageOptions.defaults(type.options)
        self.line = line
        self.column = column
    }
}

/// A 1-based line and column in a config file.
public struct ConfigPosition: Sendable, Equatable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// One problem in a config, with its place.
public struct ConfigDiagnostic: Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    /// Extra lines: the valid choices, a hint.
    public var notes: [String]
    /// The config line with a caret under the column.
    public var snippet: String?

    public var description: String {
        let file = MessageText.escaped(file)
        var s = line > 0 ? "\(file):\(line):\(column): error: \(message)" : "\(file): error: \(message)"
        if let snippet { s += "\n" + snippet }
        for n in notes { s += "\n  " + n }
        return s
    }
}

/// A config that cannot run. Carries every problem found, not only the first.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [ConfigDiagnostic]
    /// What the run found before this, when it was found after the inputs were listed
    /// (`RefusalWarnings`).
    public var warnings: [String] = []

    public init(_ diagnostics: [ConfigDiagnostic]) { self.diagnostics = diagnostics }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
