import Foundation

/// `exec`: runs an external program that speaks the JSONL protocol, in any language.
///
/// The program is started once (one copy per thread that needs it) and kept running. TextMill
/// writes one record per line to its stdin, in the output format of DESIGN.md, and reads one
/// record per line from its stdout, in the same order. The program may add fields, change
/// `meta`, or change `text`; when it changes `text` it must update or drop the spans, and TextMill
/// checks that every span fits. A program that crashes, hangs past `timeout`, or answers with a
/// line that is not a JSON record fails only the document at hand, and is restarted for the next.
/// A program removes a document on purpose by answering `{"drop": "reason"}` (see `filtered(by:detail:)`).
/// Its stderr goes to a log file beside the output, at most `log_max_mb` a run.
///
/// Nothing a plugin does can hold more than a bound: an answer line is kept up to `max_answer_mb`
/// (longer ones fail their document and are skipped to their end), its stderr up to `log_max_mb`,
/// and each copy runs in a process group of its own that is ended whole when the copy stops.
public final class ExecStage: Stage, @unchecked Sendable {
    public static let name = "exec"
    public static let summary = "run an external program over the records: one JSON record a line in, one out, same order"
    public static let options: [OptionSpec] = [
        OptionSpec("command", .stringList, default: .null, "the program and its arguments, e.g. [python3, plugins/tag_language.py]"),
        OptionSpec("timeout", .number(0.001...86_400), default: 30, "seconds a document may take before the program is killed and restarted"),
        OptionSpec("env", .stringMap, default: .null, "extra environment variables for the program"),
        OptionSpec("depends", .stringList, default: .null,
                   "files the program reads that the command does not name (modules it imports, a script a wrapper runs, a model): their contents are part of the config, so editing one reprocesses every file, as editing the script does"),
        OptionSpec("log", .string, default: .null, "file for the program's stderr (default: .NAME.textmill/exec-SCRIPT.log in the output's state folder, SCRIPT the first argument after the program that is not an option, else the program's name; the previous run's is kept as LOG.1)"),
        OptionSpec("max_answer_mb", .number(0.001...(3 * ConfigLoader.maxDocumentMB)), default: .null,
                   "the longest answer line the program may write, in MB; a longer one fails its document (default: 2 × max_document_mb + \(ExecStage.answerSlackMB))"),
        OptionSpec("log_max_mb", .number(0...ConfigLoader.maxDocumentMB), default: 10,
                   "MB of the program's stderr kept in the log each run; the rest is dropped and counted ('plugin log bytes dropped')"),
    ]
    public static let traits = StageTraits(needsPlainText: false, mayRemakeParagraphs: true, languageCodes: .unforeseen)

    let command: [String]
    let timeout: Double
    let environment: [String: String]
    let logPath: String?
    /// The log and the previous run's, kept as LOG.1: never input (a log among the inputs had
    /// its `.1` read as a document from the third run on).
    public var sideFiles: [String] { logPath.map { [$0, $0 + ".1"] } ?? [] }
    /// The longest answer line accepted, in bytes.
    let answerLimit: Int
    /// The stderr log (nil when the output is stdout: the program's stderr is then TextMill's).
    /// Set once before the run when a run made again takes over its first try's (`handOver`).
    private(set) var log: PluginLog?
    private let lock = NSLock()
    private var idle: [ChildProcess] = []
    private var all: [ChildProcess] = []

    public init(options: StageOptions) throws {
        command = options.strings("command")
        guard let program = command.first, !program.isEmpty else {
            throw StageSetupError("exec needs a command, e.g. - exec: {command: [python3, plugins/tag_language.py]}", option: "command")
        }
        // A folder passed as the program (or a script) failed every document at run time
        // ("cannot start …: Permission denied", "the plugin exited with status 1").
        if program.contains("/"), let kind = OutputFiles.nonFileKind(at: program) {
            throw StageSetupError("the program \(MessageText.quoted(program)) is \(kind), not a program file", option: "command")
        }
        guard let found = ExecStage.findProgram(program) else {
            throw StageSetupError(ExecStage.missingProgram(program), option: "command")
        }
        let variables = options.stringMap("env")
        if let (message, option) = ProgramLaunch.unpassable(command: command, environment: variables) {
            throw StageSetupError(message, option: option)
        }
        // The PATH the program gets; `env` may set another (the parent's then says nothing).
        let searchPath = variables["PATH"] == nil ? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin" : nil
        if let problem = ProgramLaunch.interpreterProblem(program: program, path: found, searchPath: searchPath) {
            throw StageSetupError(problem, option: "command")
        }
        // An argument that names a script by its suffix must be a file, or every document fails.
        // (Not the code of `sh -c 'python3 tag.py'`: a command line, refused as a missing script.)
        for arg in ExecStage.fileArguments(command) where ExecStage.interpreters.contains(where: { arg.hasSuffix($0.suffix) }) {
            if !FileManager.default.fileExists(atPath: arg) {
                throw StageSetupError("the script \(MessageText.quoted(arg)) does not exist (paths are relative to the folder textmill runs in)", option: "command")
            }
            if let kind = OutputFiles.nonFileKind(at: arg) {
                throw StageSetupError("the script \(MessageText.quoted(arg)) is \(kind), not a file", option: "command")
            }
        }
        try ExecStage.checkDependencies(options)
        timeout = options.double("timeout")
        environment = variables
        let output = options.environment.outputPath
        if let log = options.string("log") {
            // An empty path opened nothing, and the run said so at its end (exit 3).
            guard !log.isEmpty else {
                throw StageSetupError("the log file's path is empty: name a file, leave 'log' out for the default (the state folder's exec-SCRIPT.log), or set log_max_mb: 0 to keep none of the plugin's stderr", option: "log")
            }
            let path = options.environment.resolve(log)
            // Else every document would fail with "cannot start …: No such file or directory".
            let folder = PathText.folder(of: path)
            var isDirectory: ObjCBool = false
            guard folder.isEmpty || (FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue) else {
                throw StageSetupError("the folder of the log file \(MessageText.quoted(path)) does not exist", option: "log")
            }
            // The log is started afresh each run, the old one renamed to LOG.1: a device there
            // (`log: /dev/null`) would be renamed away, as root, and a file put in its place.
            if let kind = OutputFiles.nonFileKind(at: path) {
                throw StageSetupError("the log file \(MessageText.quoted(path)) is \(kind), not a file: each run renames the previous log to '\(path).1' and starts a new file; name a file, or set log_max_mb: 0 to keep none of the plugin's stderr", option: "log")
            }
            // The rename moved the link itself to LOG.1 and the new log became a plain file in
            // its place, the link's target left as it was (a dangling link's target was created
            // instead): refused as an output that is a link is (`RunOutputs.linkProblem`).
            if let message = ExecStage.logLinkProblem(path) { throw StageSetupError(message, option: "log") }
            // Else the run would drop the plugin's stderr and only say so at its end (exit 3).
            let exists = access(path, F_OK) == 0
            if exists ? access(path, W_OK) != 0 : access(folder.isEmpty ? "." : folder, W_OK | X_OK) != 0 {
                let cause = String(cString: strerror(errno))
                throw StageSetupError("\(exists ? "the log file" : "the folder of the log file") \(MessageText.quoted(path)) cannot be written (\(cause)): choose another log, or make it writable", option: "log")
            }
            logPath = path
        } else if output == "-" {
            logPath = nil
        } else {
            logPath = OutputFiles(output: output).pluginLog(script: ExecStage.scriptName(command), instance: options.environment.instance)
        }
        answerLimit = ExecStage.answerLimit(options)
        log = logPath.map { PluginLog(path: $0, limit: Int(options.double("log_max_mb") * 1_048_576)) }
        signal(SIGPIPE, SIG_IGN)
    }

    /// Refuses a `depends` entry that is not a regular file: the config's fingerprint hashes
    /// each one (`ConfigFingerprint`), and one that is missing or a folder would be left out of
    /// it without a word, so its edits would never reprocess anything.
    static func checkDependencies(_ options: StageOptions) throws {
        for path in options.strings("depends") {
            let resolved = options.environment.resolve(path)
            guard !path.isEmpty, access(resolved, F_OK) == 0 else {
                throw StageSetupError("the file \(MessageText.quoted(resolved)) in 'depends' does not exist (paths are relative to the folder textmill runs in): name each file the program reads", option: "depends")
            }
            if let kind = OutputFiles.nonFileKind(at: resolved) {
                throw StageSetupError("\(MessageText.quoted(resolved)) in 'depends' is \(kind), not a file: name each file the program reads, one by one", option: "depends")
            }
        }
    }

    /// Why exec cannot keep its log at `path` when it is a symbolic link, or nil. Each run
    /// renames the previous log to LOG.1 and starts a new file at LOG, which would move the link
    /// to LOG.1 and put a plain file in its place; following it instead would keep the log
    /// beside one name and LOG.1 beside another. The message names the link's target.
    static func logLinkProblem(_ path: String) -> String? {
        guard let target = OutputFiles.symbolicLinkTarget(at: path) else { return nil }
        return "the log file \(MessageText.quoted(path)) is a symbolic link to \(MessageText.quoted(target)): each run renames the previous log to "
            + "\(MessageText.quoted(path + ".1")) and starts a new file, which would move the link there and put a plain file in its place, "
            + "leaving \(MessageText.quoted(target)) as it was; name the target itself (log: \(MessageText.quoted(target))), or remove the link"
    }

    /// MB over twice the document limit that an answer may take by default: room for the spans
    /// and fields a plugin adds to a small document.
    static let answerSlackMB = 16

    /// `max_answer_mb`, or by default twice `max_document_mb` (a record's JSON can be twice its
    /// text, with escapes and spans) plus `answerSlackMB`.
    static func answerLimit(_ options: StageOptions) -> Int {
        if options["max_answer_mb"] != nil { return Int(options.double("max_answer_mb") * 1_048_576) }
        return 2 * options.environment.maxDocumentBytes + (answerSlackMB << 20)
    }

    /// The full path of a program name, looking in PATH when it has no slash, as `posix_spawnp`
    /// does: an executable file, never a folder (whose search bit reads as executable).
    /// `searchPath` is the PATH looked through (by default TextMill's own).
    static func findProgram(_ name: String, searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        if name.contains("/") { return isProgramFile(name) ? name : nil }
        for dir in (searchPath ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if isProgramFile(p) { return p }
        }
        return nil
    }

    /// True for an executable file, never a folder (whose search bit reads as executable).
    static func isProgramFile(_ path: String) -> Bool {
        FileManager.default.isExecutableFile(atPath: path) && OutputFiles.nonFileKind(at: path) == nil
    }

    /// Script suffixes and their interpreters: an argument with one of these suffixes is checked
    /// to be a file, and a not-executable script's message suggests its interpreter (`sh` for
    /// any other suffix).
    static let interpreters: [(suffix: String, program: String)] = [
        (".py", "python3"), (".sh", "sh"), (".bash", "bash"), (".rb", "ruby"), (".js", "node"), (".pl", "perl"),
    ]

    /// The interpreter a script's suffix suggests (`interpreters`), `sh` for any other.
    static func interpreter(forScript path: String) -> String {
        interpreters.first { path.hasSuffix($0.suffix) }?.program ?? "sh"
    }

    /// Why a program `findProgram` did not find cannot start: a file that is there but is not
    /// executable (a script without its `x` bit was "not found"), a file in the current folder
    /// named without a slash (which, as in a shell, is looked for on PATH only), or nothing.
    /// `searchPath` is the environment's PATH: a job started with no PATH at all (`env -i`, some
    /// cron and container set-ups) is told so, as the folders it searched are not the user's.
    static func missingProgram(_ program: String, searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) -> String {
        let shown = MessageText.quoted(program)
        let isFile = OutputFiles.nonFileKind(at: program) == nil && FileManager.default.fileExists(atPath: program)
        if program.contains("/") && isFile {
            return "the program \(shown) is a file but not executable: make it executable (chmod +x), or name its interpreter first, e.g. command: [\(interpreter(forScript: program)), \(MessageText.escaped(program))]"
        }
        if !program.contains("/") && isFile {
            return "the program \(shown) is not on PATH; a program in the current folder is named with its folder, e.g. command: [./\(MessageText.escaped(program))]"
        }
        // `command: python3 plugins/tag.py`, a whole command line in one string, names one
        // program whose name holds spaces; it was only "not found".
        let words = program.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if !isFile && words.count > 1 && findProgram(words[0]) != nil {
            return "the program \(shown) was not found (not a file, and not on PATH): 'command' is a list, the program and then each of its arguments, e.g. command: [\(words.map(MessageText.escaped).joined(separator: ", "))]"
        }
        if searchPath == nil && !program.contains("/") {
            return "the program \(shown) was not found: PATH is not set (a job started with an empty environment, e.g. env -i), so only /usr/bin and /bin were searched; set PATH for the job, or name the program with its folder, e.g. command: [/usr/local/bin/\(MessageText.escaped(program))]"
        }
        return "the program \(shown) was not found (not a file, and not on PATH)"
    }

    public func process(_ document: inout Document, _ context: inout StageContext) throws {
        let line = RecordEncoder.encode(document)
        var (child, fresh) = try acquire()
        var record: JSONObject
        // The field of the answer holding a lone UTF-16 surrogate escape, if one does.
        var loneSurrogate: String?
        while true {
            let answer: [UInt8]
            do {
                answer = try child.exchange(line, timeout: timeout)
            } catch let failure as ChildProcess.Failure where !fresh && failure.mayPredateTheDocument {
                // The plugin had ended (or closed its output) between documents, as one may after
                // some records: this document is not the cause, so it goes to a new copy.
                discard(child)
                context.count("plugin restarts")
                (child, fresh) = (try start(), true)
                continue
            } catch let failure as ChildProcess.Failure {
                if case .answerTooLarge(_, _, let complete) = failure {
                    context.count("answers over max_answer_mb")
                    // Skipped to its end, the plugin is in step and serves the next document.
                    if complete {
                        release(child)
                        throw DocumentError("\(failure)")
                    }
                }
                discard(child)
                context.count("plugin restarts")
                throw DocumentError("\(failure)")
            } catch {
                discard(child)
                context.count("plugin restarts")
                throw DocumentError("\(error)")
            }
            do {
                (record, loneSurrogate) = try ExecStage.read(answer: answer)
            } catch {
                discard(child)
                context.count("plugin restarts")
                throw error
            }
            // An answer for another record means the plugin is out of step (it wrote a line too
            // many): every later answer of this copy would be off by one.
            // An answer without an id is taken as in step: a drop answer may leave it out, and any
            // other record without one fails below as a wrong record, without a restart.
            let answersFor = record["id"]?.stringValue ?? document.id
            if answersFor != document.id {
                discard(child)
                context.count("plugin restarts")
                if !fresh {
                    (child, fresh) = (try start(), true)
                    continue
                }
            } else {
                release(child)
            }
            break
        }
        try ExecStage.take(record, loneSurrogate: loneSurrogate, for: &document)
    }

    /// One answer line read as the plugin's record, with the field holding a lone UTF-16
    /// surrogate escape if one does (`loneSurrogateField`). Throws a `DocumentError` for a line
    /// that is not JSON or not an object (the plugin is then out of step and restarted).
    static func read(answer: [UInt8]) throws -> (record: JSONObject, loneSurrogate: String?) {
        // A byte-order mark before the JSON is skipped, as in a JSONL input file: .NET's and
        // PowerShell's UTF-8 writers put one before a program's first line.
        let skip = answer.starts(with: ExecStage.byteOrderMark) ? ExecStage.byteOrderMark.count : 0
        do {
            let parsed = try answer.withUnsafeBufferPointer { b throws(JSONSyntaxError) in
                try JSONParser.parseRecord(UnsafeBufferPointer(rebasing: b[skip...]), keepingBytesOf: [], verbatimExcept: nil)
            }
            guard case .object(let record) = parsed.value else {
                throw DocumentError("the plugin answered with a JSON value that is not an object")
            }
            return (record, ExecStage.loneSurrogateField(parsed.loneSurrogates, name: parsed.loneSurrogateName))
        } catch let e as JSONSyntaxError {
            let preview = String(decoding: answer.prefix(80), as: UTF8.self)
            throw DocumentError("the plugin answered with a line that is not JSON (\(e.message)): \(preview)")
        }
    }

    /// Applies the plugin's record (read by `read(answer:)`) to the document it answers: a drop
    /// answer throws the document's `DocumentFiltered`, any other answer replaces what it gives
    /// once its fields are checked; a wrong record throws a `DocumentError`.
    static func take(_ record: JSONObject, loneSurrogate: String?, for document: inout Document) throws {
        // Read as U+FFFD ("\ud800" and "\udc00" alike), the record would not say what the plugin
        // wrote, as for a JSONL input line (an answer for another id fails below for that).
        if let field = loneSurrogate, (record["id"]?.stringValue ?? document.id) == document.id {
            throw DocumentError("the plugin's answer holds a lone UTF-16 surrogate escape (such as \\ud800) in \(field), which is no character: "
                + "read as U+FFFD the record would not say what the plugin wrote; answer in valid Unicode (a surrogate pair such as "
                + "\\ud83d\\udea2 is one character: cut text at characters, not at UTF-16 units)")
        }
        if let drop = record["drop"] {
            // A fresh copy's drop answer naming another record (or an id that is no string, as
            // a record answer's fails) is no verdict on this one.
            if let id = record["id"], id.stringValue != document.id {
                let named = id.stringValue.map { MessageText.quoted($0) } ?? "\(id.jsonText) (not a string)"
                throw DocumentError("the plugin's drop answer is for id \(named), but \(MessageText.quoted(document.id)) was sent (records must come back in the order they were sent)")
            }
            throw try ExecStage.filtered(by: drop, detail: record["detail"])
        }
        try PluginOwnedFields.check(record, sentFor: document)
        let sentMeta = document.meta
        do {
            try RecordDecoder.apply(record, to: &document)
        } catch {
            throw DocumentError("the plugin's record is wrong: \(error.message)")
        }
        // A value the plugin set is this run's, not the record's own: a later stage replaces it
        // without keeping it as input (`Document.metaSetThisRun`).
        if record["meta"] != nil {
            for (key, value) in document.meta where sentMeta[key] != value { document.noteMetaSetThisRun(key) }
        }
    }

    /// UTF-8's byte-order mark, EF BB BF.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Where an answer holds a lone UTF-16 surrogate escape, for its message: the top-level field
    /// whose value holds the first (`"summary"`), else a field's name (nil: none holds one).
    static func loneSurrogateField(_ values: [(key: String, offset: Int)], name: Int?) -> String? {
        if let first = values.min(by: { $0.offset < $1.offset }), name.map({ first.offset < $0 }) ?? true {
            return "\"" + MessageText.escaped(first.key) + "\""
        }
        return name == nil ? nil : "a field's name"
    }

    /// What `PipelineEnvironment.instance` counts for exec stages: the stages that run the same
    /// script (the one the default log is named after), so that each gets a log of its own.
    static func instanceKey(_ values: JSONObject) -> String {
        "exec " + PathText.name(of: scriptName(values["command"]?.arrayValue?.compactMap(\.stringValue) ?? []))
    }

    /// Options after which an interpreter's next argument is program text, not a file:
    /// `sh -c 'CODE'` (and bash, zsh, python3), `perl -e`/`-E`, `ruby -e`, `node -e`/`--eval`.
    static let inlineCodeOptions: [String] = ["-c", "-e", "-E", "--eval", "--command"]

    /// The arguments of a command that may name files: those after the program, up to an
    /// option that gives program text inline (`inlineCodeOptions`), whose text and arguments
    /// are the code's own.
    static func fileArguments(_ command: [String]) -> ArraySlice<String> {
        command.dropFirst().prefix { !inlineCodeOptions.contains($0) }
    }

    /// What the default log is named after (`exec-SCRIPT.log`): the script the program runs,
    /// that is the first argument after it that is not an option (`tag.py` of `[python3, -u,
    /// tag.py]`, `tagger` of `[python3, -m, tagger]`); when there is none before inline code,
    /// the program's own name (`sh` of `[sh, -c, 'python3 tag.py | cut …']`, whose log was
    /// `exec--c.log`).
    static func scriptName(_ command: [String]) -> String {
        guard let program = command.first else { return "" }
        return fileArguments(command).first { !$0.hasPrefix("-") } ?? program
    }

    /// The drop protocol: an answer `{"drop": "reason"}` (optionally with `"id"` and
    /// `"detail": "what was measured"`) removes the document on purpose. It goes to the filtered
    /// file with `filtered: {"stage": "exec", "reason", "detail"}` and is no failure.
    static func filtered(by drop: JSONValue, detail: JSONValue?) throws -> DocumentFiltered {
        guard let reason = drop.stringValue, !reason.isEmpty, reason.utf8.count <= 200 else {
            throw DocumentError("the plugin answered with \"drop\" that is not a reason: give a non-empty string of at most 200 bytes, e.g. {\"drop\": \"too_short\"}")
        }
        return DocumentFiltered(reason, detail: detail?.stringValue.map { String($0.prefix(1000)) }, action: .drop)
    }

    public func finish(_ context: inout StageContext) throws {
        stopCopies()
        if let log {
            log.close()
            context.count("plugin log bytes dropped", log.droppedBytes)
            if let problem = log.problem { throw problem }
        }
    }

    /// Stops every copy of the plugin.
    private func stopCopies() {
        lock.lock()
        let children = all
        all = []
        idle = []
        lock.unlock()
        for c in children { c.stop(grace: 5) }
    }

    /// An idle copy of the plugin, or a new one (`fresh`).
    private func acquire() throws -> (ChildProcess, fresh: Bool) {
        lock.lock()
        if let c = idle.popLast() {
            lock.unlock()
            return (c, false)
        }
        lock.unlock()
        return (try start(), true)
    }

    /// Starts a new copy of the plugin.
    private func start() throws -> ChildProcess {
        log?.begin()
        let c = try ChildProcess(command: command, environment: environment, log: log, answerLimit: answerLimit)
        lock.lock()
        all.append(c)
        lock.unlock()
        return c
    }

    private func release(_ child: ChildProcess) {
        lock.lock()
        idle.append(child)
        lock.unlock()
    }

    private func discard(_ child: ChildProcess) {
        child.stop(grace: 0)
        lock.lock()
        all.removeAll { $0 === child }
        lock.unlock()
    }
}

extension ExecStage: ContinuesRun {
    /// The run made again writes on in the log this run already started (the previous run's
    /// was moved to LOG.1 once), after a line saying so; the first try's plugins are stopped.
    func handOver(to successor: any Stage) {
        stopCopies()
        guard let next = successor as? ExecStage, let log, next.logPath == logPath else { return }
        log.note("the run started again from an empty state (its saved state turned out damaged): the stderr below is from the run made again")
        next.log = log
    }
}
