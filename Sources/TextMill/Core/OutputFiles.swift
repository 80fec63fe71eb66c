import Foundation

/// The files one output owns (DESIGN.md, "Files beside the output"), named after it so that two
/// outputs in one folder never share a file.
///
/// An output `DIR/NAME.jsonl` (or `NAME.jsonl.gz`, `NAME.ndjson`) owns `DIR/NAME.errors.jsonl`,
/// `DIR/NAME.duplicates.jsonl`, `DIR/NAME.filtered.jsonl`, `DIR/NAME.stats.json` and the hidden
/// state folder `DIR/.NAME.textmill/` (manifest, journal, dedup index, plugin logs). An output
/// whose name has another extension keeps it in NAME (`out.txt` → `out.txt.errors.jsonl`).
public struct OutputFiles: Sendable, Equatable {
    /// The output as named ("-" for stdout).
    public let output: String

    public init(output: String) {
        self.output = output
    }

    /// Where the symbolic link at `path` leads (the file it names, with every link resolved, or,
    /// when that does not exist, the link's own text read from the link's folder), or nil when
    /// `path` is no symbolic link. A file is written beside its path and renamed over it, which
    /// would replace the link by a plain file and leave its target as it was.
    public static func symbolicLinkTarget(at path: String) -> String? {
        var st = stat()
        guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFLNK else { return nil }
        if let resolved = realpath(path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        guard let text = FileStream.danglingLinkTarget(Array(path.utf8)), !text.isEmpty else { return "(a link that cannot be read)" }
        let folder = PathText.folder(of: path)
        return text.hasPrefix("/") || folder.isEmpty ? text : folder + "/" + text
    }

    /// What stands at `path` when it is something a command that writes a file there must not
    /// replace ("a folder", "a device", "a named pipe", "a socket"), or nil for a regular file or
    /// nothing. A file is written beside its path and renamed over it, which would put a regular
    /// file in the place of a device, as root even /dev/null.
    public static func nonFileKind(at path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFIFO: return "a named pipe"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    /// True when the output is standard output: no state, side files only when asked.
    public var isStdout: Bool { output == "-" }

    /// The output's folder ("" for the working directory).
    public var directory: String { isStdout ? "" : PathText.folder(of: output) }

    /// NAME: the output's file name without `.gz` and then `.jsonl`, `.ndjson` or `.json`.
    public var name: String {
        if isStdout { return "textmill" }
        var base = PathText.name(of: output)
        if base.hasSuffix(".gz") && base.count > 3 { base.removeLast(3) }
        for ext in [".jsonl", ".ndjson", ".json"] where base.hasSuffix(ext) && base.count > ext.count {
            base.removeLast(ext.count)
            break
        }
        return base
    }

    private func beside(_ fileName: String) -> String {
        directory.isEmpty ? fileName : directory + "/" + fileName
    }

    /// A side file's path: `NAME.kind` beside the output; "-" (no file) for stdout.
    private func sideFile(_ kind: String) -> String { isStdout ? "-" : beside(name + "." + kind) }

    /// Failed documents, one line each. A run to stdout keeps no side files (DESIGN.md, "Files
    /// beside the output"): its failures go to stderr, one line each (`DirectSink`). Until
    /// session 35 it wrote `errors.jsonl`, `duplicates.jsonl` and `filtered.jsonl` into the
    /// working folder.
    public var errors: String { sideFile("errors.jsonl") }
    /// Documents dedup dropped (`action: drop`); a run to stdout counts them and keeps none.
    public var duplicates: String { sideFile("duplicates.jsonl") }
    /// Documents a stage dropped on purpose, with `filtered: {stage, reason}`; a run to stdout
    /// counts them and keeps none.
    public var filtered: String { sideFile("filtered.jsonl") }
    /// The run's figures (none for a run to stdout).
    public var stats: String { sideFile("stats.json") }
    /// Where `textmill report` writes its page unless told otherwise.
    public var report: String { isStdout ? "report.html" : beside(name + ".report.html") }
    /// The hidden state folder: manifest, journal, part files, dedup index, plugin logs.
    public var stateDirectory: String { beside("." + name + ".textmill") }

    /// The default index folder of the `instance`-th dedup stage of a config (1-based; the first
    /// keeps the plain name so a config with one dedup reads the index it always had).
    public func dedupIndex(instance: Int = 1) -> String {
        stateDirectory + "/" + (instance <= 1 ? "dedup" : "dedup-\(instance)")
    }

    /// The default log of an `exec` plugin, by its script's file name.
    /// `instance` counts the exec stages that run the same script: the second one's log is
    /// `exec-SCRIPT-2.log`, as a second dedup's index folder is `dedup-2`.
    public func pluginLog(script: String, instance: Int = 1) -> String {
        stateDirectory + "/exec-\(PathText.name(of: script))\(instance > 1 ? "-\(instance)" : "").log"
    }

    /// True when the output has a state folder (this TextMill's or an earlier one's): it is an
    /// incremental corpus, which runs that keep no state never replace.
    public var isIncrementalCorpus: Bool {
        let fm = FileManager.default
        return fm.fileExists(atPath: stateDirectory) || fm.fileExists(atPath: legacy.stateDirectory)
    }

    /// The file in the state folder that names the output it belongs to (`corpus.jsonl` and
    /// `corpus.jsonl.gz` in one folder would share a NAME: the second is refused).
    public var ownerFile: String { stateDirectory + "/output" }

    /// The output file name a state folder belongs to, when it says.
    public static func owner(ofStateDirectory dir: String) -> String? {
        // The name of a file: a few hundred bytes at most (PATH_MAX is 4 KB).
        guard case .bytes(let data) = SmallFile.read(dir + "/output", limit: 64 << 10),
              let name = String(bytes: data, encoding: .utf8)?.trimmingCharacters(in: .newlines), !name.isEmpty else { return nil }
        return name
    }

    /// The side files (not the state folder), in a fixed order.
    public var sideFiles: [String] { [errors, duplicates, filtered, stats] }

    /// Which of the output's own files `path` names, however spelled (`..`, a symbolic link to
    /// the file or a folder above it, a hard link): "the output", "the errors file", …, "a file
    /// in the state folder"; nil for any other path (the report page among them). A command that
    /// writes a file of its own (`report --out`) must not replace one of these.
    public func ownFile(at path: String) -> String? {
        let owned: [(String, String)] = [(output, "the output"), (errors, "the errors file"), (duplicates, "the duplicates file"),
                                         (filtered, "the filtered file"), (stats, "the stats file")]
        let target = InputResolver.FolderID(path: path)
        let place = Self.canonical(path)
        for (file, what) in owned {
            if let target, InputResolver.FolderID(path: file) == target { return what }
            if let place, place == Self.canonical(file) { return what }
        }
        if let place, let state = Self.canonical(stateDirectory), place.hasPrefix(state + "/") || place == state {
            return "a file in the state folder"
        }
        return nil
    }

    /// The path with its folder's links and `..` resolved (`realpath` of the folder, then the
    /// name), or nil when the folder does not exist.
    static func canonical(_ path: String) -> String? {
        let folder = PathText.folder(of: path)
        guard let resolved = realpath(folder.isEmpty ? "." : folder, nil) else { return nil }
        defer { free(resolved) }
        let base = String(cString: resolved)
        let name = PathText.name(of: path)
        if name == "." || name == "/" { return base }
        if name == ".." { return PathText.folder(of: base) }
        return (base == "/" ? "" : base) + "/" + name
    }

    /// Suffixes of the side files every output owns: a file whose name ends so, beside a
    /// state folder of its NAME, is some run's side file and never input.
    public static let sideFileSuffixes = [".errors.jsonl", ".duplicates.jsonl", ".filtered.jsonl", ".stats.json", ".report.html"]

    /// The names TextMill used before side files were named after their output (read once, so
    /// an output written by an earlier version keeps working).
    public struct Legacy: Sendable, Equatable {
        public var errors: String
        public var duplicates: String
        public var stats: String
        public var stateDirectory: String
        public var dedupIndex: String
    }

    /// Where an earlier TextMill kept this output's side files.
    public var legacy: Legacy {
        let base = PathText.name(of: output)
        let stem = (base as NSString).deletingPathExtension
        return Legacy(errors: beside("errors.jsonl"), duplicates: beside("duplicates.jsonl"), stats: beside("stats.json"),
                      stateDirectory: beside("." + base + ".textmill"), dedupIndex: beside((stem.isEmpty ? base : stem) + ".dedup"))
    }

    /// If this output was written by an earlier TextMill (its old state folder exists and the new
    /// one does not), moves the state folder and the dedup index to their new places and copies
    /// the old shared side files to this output's names. The old side files stay (another output
    /// in the folder may still need them). Returns what was done, for the run's warnings.
    ///
    /// The state folder moves last, in one rename (the index moves into it first): until then
    /// the next run takes the output over again and does what is left. A step that fails throws
    /// its `WriteError` (exit 3; a copy cut short is removed). Before session 35 the folder
    /// moved first, so a failure after it left the index and side files behind for good, and
    /// the failure was a `StateError` (exit 2, "the config or the command line is wrong").
    public func adoptLegacyFiles() throws -> String? {
        let fm = FileManager.default
        let old = legacy
        guard !isStdout, !fm.fileExists(atPath: stateDirectory), fm.fileExists(atPath: old.stateDirectory) else { return nil }
        var copied: [String] = []
        for (from, to) in [(old.errors, errors), (old.duplicates, duplicates), (old.stats, stats)]
        where fm.fileExists(atPath: from) && !fm.fileExists(atPath: to) {
            do {
                try fm.copyItem(atPath: from, toPath: to)
            } catch {
                unlink(to)
                let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError).map { Int32($0.code) } ?? EIO
                throw WriteError(path: to, action: "copy \(MessageText.quoted(from)) to", code: code)
            }
            copied.append("\(MessageText.quoted(from)) copied to \(MessageText.quoted(to))")
        }
        var moved: [String] = []
        let index = old.stateDirectory + "/" + PathText.name(of: dedupIndex())
        if fm.fileExists(atPath: old.dedupIndex), !fm.fileExists(atPath: index) {
            try CheckedIO.rename(old.dedupIndex, to: index)
            moved.append("\(MessageText.quoted(old.dedupIndex)) → \(MessageText.quoted(dedupIndex()))")
        }
        try CheckedIO.rename(old.stateDirectory, to: stateDirectory)
        moved.insert("\(MessageText.quoted(old.stateDirectory)) → \(MessageText.quoted(stateDirectory))", at: 0)
        return "side files of \(MessageText.quoted(output)) now carry its name: " + (moved + copied).joined(separator: "; ")
            + ". The old shared errors.jsonl, duplicates.jsonl and stats.json were left in place; delete them once every output in the folder has run"
    }
}
