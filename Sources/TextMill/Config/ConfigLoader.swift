import Foundation
import Yams

/// Reads a YAML pipeline and checks all of it (keys, stage names, option names and types,
/// stage order) before any input is read. Every problem is reported with file, line and column.
public struct ConfigLoader {
    public let registry: StageRegistry

    /// The largest `max_document_mb` (1 TB): documents are held in memory whole.
    public static let maxDocumentMB = 1_048_576.0

    /// The smallest `max_document_mb`: a tenth of a MB, the smallest size the messages show
    /// (`MessageText.megabytes`). `0.0000001` was taken, and every document failed as "larger
    /// than the 0 MB limit".
    public static let minDocumentMB = 0.1

    /// The values `max_document_mb` may take.
    public static let documentMBRange = minDocumentMB...maxDocumentMB

    /// The largest config file (16 MB): a pipeline is a few KB, and one is read whole and parsed
    /// into a tree several times its size (100 MB of YAML took 808 MB and 35 s to be refused).
    public static let maxConfigBytes = 16 << 20

    /// Top-level keys a config may have.
    public static let topLevelKeys = ["input", "output", "stages", "max_document_mb"]

    public init(registry: StageRegistry = .builtin) {
        self.registry = registry
    }

    /// Loads a config file. `inputs` and `output`, when given, replace the config's own.
    public func load(path: String, inputs: [String]? = nil, output: String? = nil) throws(ConfigError) -> PipelineConfig {
        if let refusal = Self.unreadable(path) {
            throw ConfigError([ConfigDiagnostic(file: path, line: 0, column: 0, message: "the config file \(refusal.why)", notes: [refusal.fix])])
        }
        guard let data = Self.contents(path) else {
            let code = errno
            throw ConfigError([ConfigDiagnostic(file: path, line: 0, column: 0, message: "the config file cannot be read (\(String(cString: strerror(code))))",
                                                notes: ["make it readable, or pass a YAML pipeline you can read, e.g. pipeline/default.yaml"])])
        }
        return try parse(Self.text(of: data, path: path), path: path, inputs: inputs, output: output)
    }

    /// The text of a config file's bytes: refused when over `maxConfigBytes` or not UTF-8, its
    /// leading byte-order mark dropped (`path` is only used in messages).
    static func text(of data: Data, path: String) throws(ConfigError) -> String {
        if data.count > Self.maxConfigBytes {
            let refusal = Self.tooLarge(data.count)
            throw ConfigError([ConfigDiagnostic(file: path, line: 0, column: 0, message: "the config file \(refusal.why)", notes: [refusal.fix])])
        }
        guard var text = String(validating: data, as: UTF8.self) else {
            throw ConfigError([ConfigDiagnostic(file: path, line: 0, column: 0, message: "the config file is not UTF-8 text",
                                                notes: ["save it as UTF-8 (an editor's \"UTF-8\" encoding), e.g. iconv -f utf-16 -t utf-8 \(MessageText.escaped(path)) > pipeline.yaml"])])
        }
        // The byte-order mark an editor may put first (Windows' "UTF-8 with BOM"): YAML allows it
        // there, but the parser took it for text, and such a config failed at its second line,
        // "did not find expected <document start>".
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        return text
    }

    /// Why the config at `path` cannot be read, and what to do; nil for a regular file. A named
    /// pipe, a device or a socket is refused by what it is (it was "cannot be read", which did
    /// not say why): a config is read whole, and hashed with the files it names, before any input.
    static func unreadable(_ path: String) -> (why: String, fix: String)? {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let code = errno
            return code == ENOENT ? ("does not exist", "pass a YAML pipeline, e.g. pipeline/default.yaml")
                : ("cannot be read (\(String(cString: strerror(code))))", "check the path and its folders' permissions, or pass a YAML pipeline, e.g. pipeline/default.yaml")
        }
        let type = st.st_mode & S_IFMT
        if type == S_IFDIR { return ("is a directory", "pass a YAML pipeline, e.g. pipeline/default.yaml") }
        if type == S_IFREG && st.st_size > maxConfigBytes { return tooLarge(Int(st.st_size)) }
        let kinds: [mode_t: String] = [S_IFIFO: "a named pipe (FIFO)", S_IFCHR: "a character device", S_IFBLK: "a block device", S_IFSOCK: "a socket"]
        guard let kind = kinds[type] else { return nil }
        return ("is \(kind), not a regular file: a config is read whole before any input, and hashed to tell the next run what changed",
                "save the pipeline in a file and pass that file's path (a pipe such as <(…) or a device cannot serve), e.g. pipeline/default.yaml")
    }

    /// The refusal of a config over `maxConfigBytes`.
    static func tooLarge(_ bytes: Int) -> (why: String, fix: String) {
        ("is \(MessageText.megabytes(bytes, up: true)) MB, above the \(MessageText.megabytes(maxConfigBytes)) MB a config may be (a pipeline is a few KB)",
         "check that this is the config you meant; a longer list belongs in a file an option names (quotes' lexicon_files)")
    }

    /// The config's bytes, read up to one past `maxConfigBytes` (a file that grew after `stat`
    /// is read no further); nil when it cannot be read, with `errno` set.
    static func contents(_ path: String) -> Data? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        do { return try handle.read(upToCount: maxConfigBytes + 1) ?? Data() } catch { return nil }
    }

    /// Parses config text (`path` is only used in messages).
    public func parse(_ yaml: String, path: String, inputs: [String]? = nil, output: String? = nil) throws(ConfigError) -> PipelineConfig {
        var checker = Checker(path: path, yaml: yaml, registry: registry)
        let config = checker.check(inputs: inputs, output: output)
        if !checker.diagnostics.isEmpty { throw ConfigError(checker.diagnostics) }
        return config!
    }
}

/// Walks the YAML tree, collecting diagnostics.
private struct Checker {
    let path: String
    let yaml: String
    let registry: StageRegistry
    var diagnostics: [ConfigDiagnostic] = []
    let lines: [Substring]
    /// Positions of the option values of the stage being checked, and the group being walked.
    var optionPositions: [String: ConfigPosition] = [:]
    var optionPrefix = ""

    init(path: String, yaml: String, registry: StageRegistry) {
        self.path = path
        self.yaml = yaml
        self.registry = registry
        // By bytes: split by `Character`, "\r\n" is one character, and a config with Windows line
        // ends was one line, so its messages showed no line of it.
        self.lines = yaml.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
    }

    mutating func report(_ node: Node?, _ message: String, _ notes: [String] = []) {
        report(line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0, message, notes)
    }

    /// The most characters of a config line a report shows.
    static let snippetWidth = 160

    mutating func report(line: Int, column: Int, _ message: String, _ notes: [String] = []) {
        var snippet: String?
        if line > 0 && line <= lines.count {
            let text = String(lines[line - 1]).replacingOccurrences(of: "\r", with: "")
            // A long line is shown as a window around the column: each report echoed it whole,
            // and a flow mapping of 4,000 unknown options on one line wrote 4,000 copies of it
            // (17 s, 947 MB).
            let scalars = text.unicodeScalars
            let at = max(0, column - 1)
            let from = scalars.count > Self.snippetWidth ? max(0, min(at, scalars.count) - Self.snippetWidth / 3) : 0
            let to = min(scalars.count, from + Self.snippetWidth)
            let start = scalars.index(scalars.startIndex, offsetBy: from), end = scalars.index(start, offsetBy: to - from)
            let shown = (from > 0 ? "…" : "") + String(scalars[start..<end]) + (to < scalars.count ? "…" : "")
            let pad = (from > 0 ? " " : "") + String(scalars[start..<end].prefix(max(0, at - from)).map { $0 == "\t" ? "\t" : " " })
            snippet = "  " + shown + "\n  " + pad + "^"
        }
        diagnostics.append(ConfigDiagnostic(file: path, line: line, column: column, message: message, notes: notes, snippet: snippet))
    }

    mutating func check(inputs cliInputs: [String]?, output cliOutput: String?) -> PipelineConfig? {
        // Before Yams builds the tree: it hashes every key whole, and a key that is an alias of
        // nested aliases cost time exponential in the config's size (`YAMLKeyScan`).
        if let key = YAMLKeyScan.firstComplexKey(in: yaml) {
            let written = key.alias.map { "the alias *\($0) of \(key.kind)" } ?? key.kind
            report(line: key.line, column: key.column, "a key here is \(written): a config's keys are words (input, output, stages, stage and option names)",
                   ["write a word before the colon, and the list or map after it, e.g. - dedup: {threshold: 0.8}"])
            return nil
        }
        let root: Node?
        do {
            // `.basic`: no implicit tags. The checks read each scalar's text and style, never the
            // type Yams' default resolver would give it, and building that resolver compiled its
            // regular expressions (NSRegularExpression) on every run: 9 M instructions, a tenth
            // of a run's start-up.
            root = try Yams.compose(yaml: yaml, .basic)
        } catch let e as YamlError {
            reportYAML(e)
            return nil
        } catch {
            report(line: 0, column: 0, "cannot read the YAML: \(error)")
            return nil
        }
        guard let root, case .mapping(let map) = root else {
            report(root, "a pipeline config is a YAML map with the keys \(ConfigLoader.topLevelKeys.joined(separator: ", "))",
                   ["see pipeline/default.yaml for an example"])
            return nil
        }
        var inputs: [String]?
        var output: String?
        var stages: [ConfiguredStage] = []
        var sawStages = false
        var maxBytes = PipelineConfig.defaultMaxDocumentBytes
        var seen: Set<String> = []
        var nullPaths: [String: Node] = [:]
        for (keyNode, value) in map {
            guard let key = keyNode.scalar?.string else { report(keyNode, "a config key must be a plain word"); continue }
            if !seen.insert(key).inserted { report(keyNode, "\(MessageText.quoted(key)) is given twice"); continue }
            switch key {
            // A null leaves the path to the command line (--input, --output); see below.
            case "input" where isNull(value): nullPaths["input"] = value
            case "output" where isNull(value): nullPaths["output"] = value
            case "input": inputs = stringOrList(value, what: "input")
            case "output":
                if let s = value.scalar?.string, !s.isEmpty {
                    checkHomePrefix(s, value, what: "output")
                    output = s
                } else { report(value, "'output' must be a file path, or \"-\" for stdout") }
            case "stages":
                sawStages = true
                stages = checkStages(value)
            case "max_document_mb":
                // Bounded so the byte count fits an Int (1e300 or "inf" used to crash the conversion).
                if let s = value.scalar?.string, let mb = Double(s), ConfigLoader.documentMBRange.contains(mb) {
                    maxBytes = Int(mb * 1_048_576)
                } else {
                    let range = ConfigLoader.documentMBRange
                    report(value, "'max_document_mb' must be a number of megabytes from \(JSONValue.format(range.lowerBound)) to \(JSONValue.format(range.upperBound)) (a tenth of a MB is the smallest size the messages show)")
                }
            default:
                report(keyNode, "unknown key \(MessageText.quoted(key))", validNames(ConfigLoader.topLevelKeys, near: key))
            }
        }
        if let cliInputs, !cliInputs.isEmpty { inputs = cliInputs }
        if let cliOutput { output = cliOutput }
        for (key, value) in nullPaths.sorted(by: { $0.key < $1.key }) where key == "input" ? inputs == nil : output == nil {
            report(value, "\(MessageText.quoted(key)) is null, so the run has no \(key): give a path here or pass --\(key)", nullNote(value))
        }
        if inputs == nil && nullPaths["input"] == nil { report(line: 0, column: 0, "no input: set 'input:' in the config or pass --input") }
        if output == nil && nullPaths["output"] == nil { report(line: 0, column: 0, "no output: set 'output:' in the config or pass --output") }
        if !sawStages { report(root, "the config has no 'stages:' list", ["name at least one of: \(registry.names.joined(separator: ", "))"]) }
        checkOrder(stages)
        guard let inputs, let output, diagnostics.isEmpty else { return nil }
        return PipelineConfig(path: path, inputs: inputs, output: output, stages: stages, maxDocumentBytes: maxBytes)
    }

    /// True for a stage name that is two or more names joined by " - " ("normalize - sentences"):
    /// what YAML makes of a list item indented deeper than the one above it.
    func looksLikeRunTogetherItems(_ name: String) -> Bool {
        let parts = name.components(separatedBy: " - ").map { $0.trimmingCharacters(in: .whitespaces) }
        return parts.count > 1 && parts.contains { registry.stage(named: $0.split(separator: ":").first.map(String.init) ?? $0) != nil }
    }

    /// The first tab in the config, on the line the parser stopped at if it holds one, else in
    /// the indentation of any line (1-based line and column).
    func tabPosition(near line: Int) -> (line: Int, column: Int)? {
        func column(of text: Substring) -> Int? {
            text.unicodeScalars.firstIndex(of: "\t").map { text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: $0) + 1 }
        }
        if line >= 1 && line <= lines.count, let c = column(of: lines[line - 1]) { return (line, c) }
        for (i, text) in lines.enumerated() {
            let indentation = text.prefix { $0 == " " || $0 == "\t" }
            if let c = column(of: indentation) { return (i + 1, c) }
        }
        return nil
    }

    mutating func reportYAML(_ e: YamlError) {
        switch e {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            if let tab = tabPosition(near: mark.line) {
                report(line: tab.line, column: tab.column, "a tab character at line \(tab.line), column \(tab.column): YAML indents with spaces only; replace the tab with spaces",
                       ["the YAML parser stopped at line \(mark.line), column \(mark.column): \(problem)"])
                return
            }
            var notes: [String] = []
            if mark.line >= 1 && mark.line <= lines.count && lines[mark.line - 1].contains(": -") {
                notes.append("a lone - must be quoted in YAML: input: \"-\"")
            }
            report(line: mark.line, column: mark.column, "this is not valid YAML: \(problem)", notes)
        case .duplicatedKeysInMapping(let keys, let context):
            // Yams' own text gave no position and quoted the whole config as its "context".
            let names = keys.map { MessageText.quoted($0) }.joined(separator: ", ")
            report(line: context.mark.line, column: context.mark.column,
                   "\(keys.count == 1 ? "the key" : "the keys") \(names) \(keys.count == 1 ? "is" : "are") given twice in one map (here, and again below): YAML keys must be unique",
                   ["keep one; a stage's options go in one map, e.g. - dedup: {threshold: 0.8, action: mark}"])
        default:
            report(line: 0, column: 0, "this is not valid YAML: \(e)")
        }
    }

    /// True for a plain YAML null (`~`, `null`, or nothing): no value, never a path named "null".
    func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// A note for a null given where a path belongs: YAML's `~` is null, not the home folder.
    func nullNote(_ node: Node) -> [String] {
        guard isNull(node), let word = node.scalar?.string, !word.isEmpty else { return [] }
        return word == "~"
            ? ["in YAML a bare ~ means null, not the home folder: write the path in full, e.g. /home/me/corpus.jsonl"]
            : ["YAML reads \(MessageText.quoted(word)) as null; quote it to mean a file of that name"]
    }

    /// A config path that starts with `~/` is refused: only a shell expands it, so the run would
    /// read or write under a folder named "~" in the current folder (and a later `rm -rf ~` to
    /// clean that up removes the home folder).
    mutating func checkHomePrefix(_ path: String, _ node: Node, what: String) {
        guard path.hasPrefix("~/") else { return }
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "/home/me"
        report(node, "\(MessageText.quoted(what)) starts with ~/, which only a shell expands: here it would name a folder called '~' in the current folder",
               ["write the path in full, e.g. \(MessageText.escaped("\(home)/\(path.dropFirst(2))"))"])
    }

    mutating func stringOrList(_ node: Node, what: String) -> [String]? {
        if let s = node.scalar?.string, !s.isEmpty, !isNull(node) { checkHomePrefix(s, node, what: what); return [s] }
        if case .sequence(let seq) = node, !seq.isEmpty {
            var out: [String] = []
            for item in seq {
                if let s = item.scalar?.string, !s.isEmpty, !isNull(item) {
                    checkHomePrefix(s, item, what: what)
                    out.append(s)
                } else { report(item, "each \(MessageText.quoted(what)) entry must be a path", nullNote(item)) }
            }
            return out
        }
        report(node, "\(MessageText.quoted(what)) must be a path or a list of paths", nullNote(node))
        return nil
    }

    mutating func checkStages(_ node: Node) -> [ConfiguredStage] {
        guard case .sequence(let seq) = node else {
            report(node, "'stages' must be a list, one stage a line (- cleanup)")
            return []
        }
        if seq.isEmpty { report(node, "'stages' is empty", ["name at least one of: \(registry.names.joined(separator: ", "))"]) }
        var out: [ConfiguredStage] = []
        for item in seq {
            let nameNode: Node
            var optionsNode: Node?
            switch item {
            case .scalar:
                nameNode = item
            case .mapping(let m) where m.count == 1:
                nameNode = m[m.startIndex].key
                optionsNode = m[m.startIndex].value
            default:
                report(item, "a stage is a name (- sentences) or a name with options (- dedup: {threshold: 0.8})")
                continue
            }
            guard let name = nameNode.scalar?.string else { report(nameNode, "a stage name must be a word"); continue }
            guard let type = registry.stage(named: name) else {
                if looksLikeRunTogetherItems(name) {
                    report(nameNode, "unknown stage \(MessageText.quoted(name)): it looks like a missing line break (two list items read as one, as when a '- ' is indented deeper than the one above it)",
                           ["put each stage on a line of its own, every '-' in the same column"] + validNames(registry.names, near: name, label: "valid stages"))
                } else {
                    report(nameNode, "unknown stage \(MessageText.quoted(name))", validNames(registry.names, near: name, label: "valid stages"))
                }
                continue
            }
            var values = JSONObject()
            optionPositions = [:]
            if let optionsNode {
                switch optionsNode {
                case .mapping(let m):
                    values = checkOptions(m, specs: type.options, stage: name)
                case .scalar(let sc) where ["", "~", "null"].contains(sc.string):
                    break
                default:
                    report(optionsNode, "the options of \(MessageText.quoted(name)) must be a map (- \(name): {option: value})",
                           ["options of \(name): \(type.options.map(\.name).joined(separator: ", "))"])
                }
            }
            var merged: [String: JSONValue] = [:]
            for (k, v) in values { merged[k] = v }
            let options = StageOptions.defaults(type.options, merged, environment: PipelineEnvironment(configPath: path))
            var configured = ConfiguredStage(type, options: options, line: nameNode.mark?.line ?? 0, column: nameNode.mark?.column ?? 0)
            configured.optionPositions = optionPositions
            out.append(configured)
        }
        return out
    }

    mutating func checkOptions(_ map: Node.Mapping, specs: [OptionSpec], stage: String) -> JSONObject {
        var values = JSONObject()
        for (keyNode, valueNode) in map {
            guard let key = keyNode.scalar?.string else { report(keyNode, "an option name must be a word"); continue }
            guard let spec = specs.first(where: { $0.name == key }) else {
                report(keyNode, "unknown option \(MessageText.quoted(key)) for stage \(MessageText.quoted(stage))",
                       validNames(specs.map(\.name), near: key, label: "options of \(stage)"))
                continue
            }
            if values[key] != nil { report(keyNode, "option \(MessageText.quoted(key)) is given twice"); continue }
            if let mark = valueNode.mark { optionPositions[optionPrefix + key] = ConfigPosition(line: mark.line, column: mark.column) }
            if let v = convert(valueNode, spec: spec, stage: stage) { values[key] = v }
        }
        return values
    }

    /// Converts a YAML node to a value of the option's type, or reports why it cannot.
    mutating func convert(_ node: Node, spec: OptionSpec, stage: String) -> JSONValue? {
        let where_ = "option \(MessageText.quoted(spec.name)) of \(MessageText.quoted(stage))"
        let plain = node.scalar.map { $0.style == .plain } ?? false
        let s = node.scalar?.string
        func wrong() -> JSONValue? {
            let got: String
            switch node {
            case .scalar(let sc): got = "\(MessageText.quoted(sc.string))"
            case .sequence: got = "a list"
            case .mapping: got = "a map"
            case .alias: got = "an alias"
            }
            report(node, "\(where_) must be \(spec.type.description), not \(got)")
            return nil
        }
        switch spec.type {
        case .bool:
            guard plain, let s else { return wrong() }
            switch s.lowercased() {
            case "true", "yes", "on": return .bool(true)
            case "false", "no", "off": return .bool(false)
            default: return wrong()
            }
        case .int(let range):
            guard plain, let s, let v = Int(s) else { return wrong() }
            guard range.contains(v) else { report(node, "\(where_) must be \(spec.type.description), not \(v)"); return nil }
            return .number(String(v))
        case .number(let range):
            guard plain, let s, let v = Double(s), v.isFinite else { return wrong() }
            guard range.contains(v) else { report(node, "\(where_) must be \(spec.type.description), not \(s)"); return nil }
            return .number(JSONValue.format(v))
        case .string:
            guard let s else { return wrong() }
            return .string(s)
        case .choice(let words):
            guard let s else { return wrong() }
            guard words.contains(s) else {
                report(node, "\(where_) must be one of \(words.joined(separator: ", ")), not \(MessageText.quoted(s))")
                return nil
            }
            return .string(s)
        case .stringList:
            if let s, node.scalar != nil { return .array([.string(s)]) }
            guard case .sequence(let seq) = node else { return wrong() }
            var items: [JSONValue] = []
            for item in seq {
                guard let t = item.scalar?.string else { report(item, "each entry of \(where_) must be a string"); continue }
                items.append(.string(t))
            }
            return .array(items)
        case .stringMap:
            guard case .mapping(let m) = node else { return wrong() }
            var obj = JSONObject()
            for (k, v) in m {
                guard let ks = k.scalar?.string, let vs = v.scalar?.string else { report(k, "each entry of \(where_) must be 'name: value'"); continue }
                obj[ks] = .string(vs)
            }
            return .object(obj)
        case .group(let inner):
            guard case .mapping(let m) = node else { return wrong() }
            let outer = optionPrefix
            optionPrefix += spec.name + "."
            defer { optionPrefix = outer }
            return .object(checkOptions(m, specs: inner, stage: "\(stage).\(spec.name)"))
        }
    }

    /// Refuses orders that cannot work: a stage whose input no earlier stage makes, and a
    /// markup-replacing stage after stages whose spans it could not carry.
    mutating func checkOrder(_ stages: [ConfiguredStage]) {
        var producedBy: [DocumentField: ConfiguredStage] = [:]
        for (index, stage) in stages.enumerated() {
            for need in stage.type.traits.requires.sorted(by: { $0.rawValue < $1.rawValue }) where producedBy[need] == nil {
                let fix: String
                if let later = stages[(index + 1)...].first(where: { $0.type.traits.produces.contains(need) }) {
                    fix = "move \(MessageText.quoted(later.name)) (line \(later.line)) above \(MessageText.quoted(stage.name))"
                } else {
                    let makers = registry.stages.filter { $0.traits.produces.contains(need) }.map { $0.name }
                    fix = "add a stage that makes \(need.rawValue) (\(makers.joined(separator: ", "))) before \(MessageText.quoted(stage.name))"
                }
                report(line: stage.line, column: stage.column, "\(MessageText.quoted(stage.name)) needs \(need.rawValue), but no stage before it makes them", [fix])
            }
            if stage.type.traits.text == .replacesMarkup {
                for field in [DocumentField.sentences, .quotes] {
                    if let earlier = producedBy[field] {
                        report(line: stage.line, column: stage.column,
                               "\(MessageText.quoted(stage.name)) cannot come after \(MessageText.quoted(earlier.name)) (line \(earlier.line)): it turns markup into new text, and the \(field.rawValue) spans made before it could not be carried over",
                               ["move \(MessageText.quoted(stage.name)) above \(MessageText.quoted(earlier.name))"])
                        break
                    }
                }
            }
            for field in stage.type.traits.produces where producedBy[field] == nil { producedBy[field] = stage }
        }
        checkPerParagraphEntries(stages)
        checkLanguageCodes(stages)
    }

    /// Refuses a language code that no document can carry when it is matched: `filter:
    /// {languages: [eng]}` after `language`, which writes "en", filtered every document as
    /// "en, not one of eng". The codes are checked against the nearest earlier stage that writes
    /// `meta.language.code`; not at all when that is a plugin (it may write any code) or when no
    /// stage does (the input's own `meta.language` is matched as it is).
    /// The most unknown codes one report names.
    static let shownCodes = 10

    mutating func checkLanguageCodes(_ stages: [ConfiguredStage]) {
        for (index, stage) in stages.enumerated() {
            guard let option = stage.type.traits.languageCodeOption else { continue }
            guard let writer = stages[..<index].last(where: {
                if case .none = $0.type.traits.languageCodes { return false }
                return true
            }), case .only(let known) = writer.type.traits.languageCodes else { continue }
            let at = stage.optionPositions[option] ?? ConfigPosition(line: stage.line, column: stage.column)
            let unknown = stage.options.strings(option).filter { !known.contains($0) }
            guard !unknown.isEmpty else { continue }
            // One report for the option, naming at most `shownCodes`: a report a code echoed the
            // config's line each time, so a list of thousands wrote gigabytes.
            let shown = unknown.prefix(Self.shownCodes)
            var notes: [String] = []
            for code in shown {
                let lowered = code.lowercased()
                if let same = known.first(where: { $0.lowercased() == lowered }) {
                    notes.append("write \(MessageText.quoted(same))" + (unknown.count > 1 ? " for \(MessageText.quoted(code))" : ""))
                } else if let named = LanguageDetector.code(forName: code), known.contains(named) {
                    notes.append("write \(MessageText.quoted(named)), the code of \(MessageText.quoted(code))")
                }
            }
            notes.append("\(MessageText.quoted(writer.name)) writes libcld2's codes: ISO 639-1's two letters where a language has them (en, de, fr, zh), else three (haw, ceb), zh-Hant for traditional Chinese, un for none")
            // A rule turned off matches nothing now: the codes are refused all the same (a config
            // must not carry a wrong one, to be found when the rule is turned on), but the message
            // said "so no document would match it" of a rule that matches no document at all.
            let off = stage.type.traits.languageCodeRuleOff?(stage.options) == true
            let (it, they) = unknown.count == 1 ? ("it", "it") : ("them", "they")
            let consequence = off ? "(the rule that reads \(option) is disabled, so nothing is matched against \(it) now, but \(they) would match no document once the rule is on; fix \(it) or remove \(option))"
                : "so no document would match \(it)"
            let message: String
            if unknown.count == 1 {
                message = "\(MessageText.quoted(unknown[0])) in \(option) is not a code \(MessageText.quoted(writer.name)) (line \(writer.line)) writes" + (off ? " " : ", ") + consequence
            } else {
                let more = unknown.count > shown.count ? " and \(unknown.count - shown.count) more" : ""
                message = "\(unknown.count) codes in \(option) are not ones \(MessageText.quoted(writer.name)) (line \(writer.line)) writes" + (off ? " " : ", ") + consequence + ": "
                    + shown.map(MessageText.quoted).joined(separator: ", ") + more
            }
            report(line: at.line, column: at.column, message, notes)
        }
    }

    /// Refuses a stage that writes one entry a paragraph (`language` with `paragraphs: true`)
    /// before a stage that makes the paragraphs anew (`normalize`, `cleanup`): the entries would
    /// stand for paragraphs that are no longer there (normalize split 63 paragraphs of a sample
    /// page into 87, and the 63 codes were written beside them). Removals of whole paragraphs
    /// (dedup's boilerplate) are carried instead (`ParagraphKeyedMeta`).
    mutating func checkPerParagraphEntries(_ stages: [ConfiguredStage]) {
        for (index, stage) in stages.enumerated() {
            guard let option = stage.type.traits.perParagraphOption, stage.options.bool(option),
                  let later = stages[(index + 1)...].first(where: { $0.type.traits.produces.contains(.paragraphs) })
            else { continue }
            let at = stage.optionPositions[option] ?? ConfigPosition(line: stage.line, column: stage.column)
            report(line: at.line, column: at.column,
                   "\(MessageText.quoted(stage.name)) with \(option): true cannot come before \(MessageText.quoted(later.name)) (line \(later.line)): it writes one entry a paragraph, and \(MessageText.quoted(later.name)) makes the paragraphs anew, so the entries would no longer match them",
                   ["move \(MessageText.quoted(stage.name)) below \(MessageText.quoted(later.name)), or set \(option): false"])
        }
    }
}

/// "valid …: a, b, c (did you mean 'b'?)"
func validNames(_ names: [String], near word: String, label: String = "valid keys") -> [String] {
    var note = "\(label): \(names.joined(separator: ", "))"
    if let best = names.min(by: { editDistance($0, word) < editDistance($1, word) }), editDistance(best, word) <= max(2, word.count / 3) {
        note += " (did you mean \(MessageText.quoted(best))?)"
    }
    return [note]
}

/// Levenshtein distance, for "did you mean" hints.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}
