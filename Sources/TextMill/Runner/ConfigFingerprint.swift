import Foundation

/// Everything in a config that changes what records look like, including the contents of every
/// file the config points at (plugin scripts in `exec.command`, lexicon and option files): an
/// edit to any of them makes the next run reprocess, and says which one changed.
///
/// The fingerprint is kept as `config.json` in the output's state folder, so the next run can
/// name what changed ("stage 'exec' (line 7): plugins/tag.py changed").
public struct ConfigFingerprint: Sendable, Equatable {
    /// One stage: its name, line, options, and the SHA-256 of each file an option names.
    public struct StagePart: Sendable, Equatable {
        public var name: String
        public var line: Int
        public var options: JSONObject
        public var files: [(path: String, sha256: String)]

        public static func == (a: StagePart, b: StagePart) -> Bool {
            a.name == b.name && a.options == b.options && a.files.map(\.path) == b.files.map(\.path) && a.files.map(\.sha256) == b.files.map(\.sha256)
        }
    }

    public var version: String
    public var maxDocumentBytes: Int
    public var stages: [StagePart]

    /// Options that name files TextMill writes rather than reads.
    static let writtenOptions: Set<String> = ["log", "index"]

    /// Files larger than this are fingerprinted by size and modification time only.
    static let largestHashedFile = 64 << 20

    public init(_ config: PipelineConfig) {
        version = TextMillVersion.identity
        maxDocumentBytes = config.maxDocumentBytes
        let written = ConfigFingerprint.runFiles(output: config.output)
        stages = config.stages.map { stage in
            var files: [(String, String)] = []
            var seen: Set<String> = []
            // Files TextMill writes (a plugin's log, dedup's index) are no part of the config.
            let read = JSONObject(stage.options.values.filter { !ConfigFingerprint.writtenOptions.contains($0.key) })
            ConfigFingerprint.strings(in: .object(read)) { value in
                let path = stage.options.environment.resolve(value)
                guard !value.isEmpty, seen.insert(path).inserted, !ConfigFingerprint.isOne(of: written, path),
                      let digest = ConfigFingerprint.digest(ofFileAt: path) else { return }
                files.append((value, digest))
            }
            return StagePart(name: stage.name, line: stage.line, options: stage.options.values, files: files)
        }
    }

    /// The files a run to `output` writes (the output, its side files and stats), by device and
    /// inode, as far as they exist. An option may name one for a plugin to read (the run's own
    /// earlier output): it is no part of the config, or every run after one that wrote new records
    /// said "'out/corpus.jsonl' changed" and reprocessed every file.
    static func runFiles(output: String) -> Set<InputResolver.FolderID> {
        let owned = OutputFiles(output: output)
        guard !owned.isStdout else { return [] }
        return Set(([owned.output] + owned.sideFiles).compactMap { InputResolver.FolderID(path: $0) })
    }

    /// Whether `path` is one of `files` (same device and inode).
    static func isOne(of files: Set<InputResolver.FolderID>, _ path: String) -> Bool {
        guard !files.isEmpty else { return false }
        return InputResolver.FolderID(path: path).map(files.contains) ?? false
    }

    init(version: String, maxDocumentBytes: Int, stages: [StagePart]) {
        self.version = version
        self.maxDocumentBytes = maxDocumentBytes
        self.stages = stages
    }

    /// The fingerprint as JSON (what `config.json` holds).
    public var json: JSONValue {
        .object(JSONObject([
            ("version", .string(version)), ("max_document_bytes", JSONValue(maxDocumentBytes)),
            ("stages", .array(stages.map { s in
                .object(JSONObject([
                    ("name", .string(s.name)), ("line", JSONValue(s.line)), ("options", .object(s.options)),
                    ("files", .object(JSONObject(s.files.map { ($0.path, JSONValue.string($0.sha256)) }))),
                ]))
            })),
        ]))
    }

    /// The hash the manifest and journal record. Lines are left out: moving a comment is no change.
    public var hash: String {
        var parts: [JSONValue] = [.string(version), JSONValue(maxDocumentBytes)]
        for s in stages {
            var fields: [(String, JSONValue)] = [("name", .string(s.name)), ("options", .object(s.options))]
            if !s.files.isEmpty { fields.append(("files", .object(JSONObject(s.files.map { ($0.path, JSONValue.string($0.sha256)) })))) }
            parts.append(.object(JSONObject(fields)))
        }
        return SHA256.hex(Array(JSONValue.array(parts).jsonText.utf8))
    }

    /// Reads a fingerprint saved by `json` (nil when absent or unreadable).
    public init?(json: JSONValue?) {
        guard let o = json?.objectValue, let version = o["version"]?.stringValue,
              let maxBytes = o["max_document_bytes"]?.intValue,
              let stages = o["stages"]?.arrayValue else { return nil }
        var parts: [StagePart] = []
        for s in stages {
            guard let so = s.objectValue, let name = so["name"]?.stringValue, let options = so["options"]?.objectValue else { return nil }
            let line = so["line"]?.intValue ?? 0
            let files = (so["files"]?.objectValue ?? JSONObject()).map { ($0.key, $0.value.stringValue ?? "") }
            parts.append(StagePart(name: name, line: line, options: options, files: files))
        }
        self.init(version: version, maxDocumentBytes: maxBytes, stages: parts)
    }

    /// What changed from `earlier` to this one, in words, most telling first ("" when nothing).
    public func changes(since earlier: ConfigFingerprint) -> [String] {
        var out: [String] = []
        if earlier.version != version { out.append("textmill changed from \(earlier.version) to \(version)") }
        if earlier.maxDocumentBytes != maxDocumentBytes { out.append("max_document_mb changed") }
        if earlier.stages.map(\.name) != stages.map(\.name) {
            out.append("the stages changed from [\(earlier.stages.map(\.name).joined(separator: ", "))] to [\(stages.map(\.name).joined(separator: ", "))]")
            return out
        }
        for (old, new) in zip(earlier.stages, stages) where old != new {
            let label = "stage \(MessageText.quoted(new.name)) (line \(new.line))"
            var keys: [String] = []
            for (k, v) in new.options where old.options[k] != v { keys.append(k) }
            for (k, _) in old.options where new.options[k] == nil { keys.append(k) }
            if !keys.isEmpty { out.append("\(label): option\(keys.count == 1 ? "" : "s") \(keys.joined(separator: ", ")) changed") }
            let before = Dictionary(old.files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { a, _ in a })
            let after = Set(new.files.map(\.path))
            for file in new.files {
                if let sha256 = before[file.path] {
                    if sha256 != file.sha256 { out.append("\(label): \(MessageText.quoted(file.path)) changed") }
                } else if Self.names(file.path, in: old.options) {
                    // Named by the same option before, when no file was there (a word list a
                    // plugin's arguments name, made since): until session 37 the message named
                    // nothing ("the config changed since the last run: reprocessing every file").
                    out.append("\(label): \(MessageText.quoted(file.path)) appeared")
                }
            }
            for file in old.files where !after.contains(file.path) && Self.names(file.path, in: new.options) {
                out.append("\(label): \(MessageText.quoted(file.path)) is gone")
            }
        }
        return out
    }

    /// Whether one of `options`' strings is `path`: a file that appeared or went under an option
    /// that did not change (an option that changed is named as such).
    static func names(_ path: String, in options: JSONObject) -> Bool {
        var found = false
        strings(in: .object(options)) { if $0 == path { found = true } }
        return found
    }

    /// Calls `body` with every string in a JSON value (options, lists, groups).
    static func strings(in value: JSONValue, _ body: (String) -> Void) {
        switch value {
        case .string(let s): body(s)
        case .array(let a): for v in a { strings(in: v, body) }
        case .object(let o): for (_, v) in o { strings(in: v, body) }
        default: break
        }
    }

    /// The SHA-256 of a regular file's bytes (size and modification time for very large ones);
    /// nil when the path is not a regular file.
    static func digest(ofFileAt path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        if Int(st.st_size) > largestHashedFile { return "size \(st.st_size) mtime \(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)" }
        return FileIdentity.hash(path)
    }
}
