import Foundation

/// `exec`: runs an external program that speaks the JSONL protocol, in any language.
///
/// The program is started once (one copy per thread that needs it) and kept running. TextMill
/// writes one record per line to its stdin, in the output format of DESIGN.md, and reads one
/// record per line from its stdout, in the same order. The program may add fields, change
/// `meta`, or change `text`; when it changes `text` it must update or drop the spans, and TextMill
/// checks that every span fits. A program that crashes, hangs past `timeout`, or answers with a
/// line that is not a JSON record fails only the document at hand, and is restarted for the next.
/// Its stderr is appended to a log file beside the output.
public final class ExecStage: Stage, @unchecked Sendable {
    public static let name = "exec"
    public static let summary = "run an external program over the records: one JSON record a line in, one out, same order"
    public static let options: [OptionSpec] = [
        OptionSpec("command", .stringList, default: .null, "the program and its arguments, e.g. [python3, plugins/tag_language.py]"),
        OptionSpec("timeout", .number(0.001...86_400), default: 30, "seconds a document may take before the program is killed and restarted"),
        OptionSpec("env", .stringMap, default: .null, "extra environment variables for the program"),
        OptionSpec("log", .string, default: .null, "file for the program's stderr (default: exec-NAME.log beside the output)"),
    ]
    public static let traits = StageTraits(needsPlainText: false)

    let command: [String]
    let timeout: Double
    let environment: [String: String]
    let logPath: String?
    private let lock = NSLock()
    private var idle: [ChildProcess] = []
    private var all: [ChildProcess] = []

    public init(options: StageOptions) throws {
        command = options.strings("command")
        guard let program = command.first, !program.isEmpty else {
            throw StageSetupError("exec needs a command, e.g. - exec: {command: [python3, plugins/tag_language.py]}", option: "command")
        }
        guard ExecStage.findProgram(program) != nil else {
            throw StageSetupError("the program '\(program)' was not found (not a file, and not on PATH)", option: "command")
        }
        for arg in command.dropFirst() where arg.hasSuffix(".py") || arg.hasSuffix(".sh") || arg.hasSuffix(".rb") || arg.hasSuffix(".js") {
            if !FileManager.default.fileExists(atPath: arg) {
                throw StageSetupError("the script '\(arg)' does not exist (paths are relative to the folder textmill runs in)", option: "command")
            }
        }
        timeout = options.double("timeout")
        environment = options.stringMap("env")
        let output = options.environment.outputPath
        if let log = options.string("log") {
            let path = options.environment.resolve(log)
            // Else every document would fail with "cannot start …: No such file or directory".
            let folder = (path as NSString).deletingLastPathComponent
            var isDirectory: ObjCBool = false
            guard folder.isEmpty || (FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) && isDirectory.boolValue) else {
                throw StageSetupError("the folder of the log file '\(path)' does not exist", option: "log")
            }
            logPath = path
        } else if output == "-" {
            logPath = nil
        } else {
            logPath = OutputFiles(output: output).pluginLog(script: command.count > 1 ? command[1] : command[0])
        }
        signal(SIGPIPE, SIG_IGN)
    }

    /// The full path of a program name, looking in PATH when it has no slash.
    static func findProgram(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    public func process(_ document: inout Document, _ context: inout StageContext) throws {
        let line = RecordEncoder.encode(document)
        var (child, fresh) = try acquire()
        var record: JSONObject
        while true {
            let answer: [UInt8]
            do {
                answer = try child.exchange(line, timeout: timeout)
            } catch ChildProcess.Failure.exited(_) where !fresh {
                // The plugin had ended between documents (it may exit after some records): this
                // document is not the cause, so it goes to a new copy.
                discard(child)
                context.count("plugin restarts")
                (child, fresh) = (try start(), true)
                continue
            } catch {
                discard(child)
                context.count("plugin restarts")
                throw DocumentError("\(error)")
            }
            do {
                guard case .object(let o) = try JSONParser.parse(answer) else {
                    throw DocumentError("the plugin answered with a JSON value that is not an object")
                }
                record = o
            } catch let e as JSONSyntaxError {
                discard(child)
                context.count("plugin restarts")
                let preview = String(decoding: answer.prefix(80), as: UTF8.self)
                throw DocumentError("the plugin answered with a line that is not JSON (\(e.message)): \(preview)")
            } catch {
                discard(child)
                context.count("plugin restarts")
                throw error
            }
            // An answer for another record means the plugin is out of step (it wrote a line too
            // many): every later answer of this copy would be off by one.
            if record["id"]?.stringValue != document.id {
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
        do {
            try RecordDecoder.apply(record, to: &document)
        } catch {
            throw DocumentError("the plugin's record is wrong: \(error.message)")
        }
    }

    public func finish(_ context: inout StageContext) throws {
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
        if let logPath {
            // The default log lives in the output's state folder, which a first run may not have made yet.
            let folder = (logPath as NSString).deletingLastPathComponent
            if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
        }
        let c = try ChildProcess(command: command, environment: environment, logPath: logPath)
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
