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
            logPath = options.environment.resolve(log)
        } else if output == "-" {
            logPath = nil
        } else {
            let script = (command.count > 1 ? command[1] : command[0]) as NSString
            let dir = (output as NSString).deletingLastPathComponent
            let name = "exec-\(script.lastPathComponent).log"
            logPath = dir.isEmpty ? name : dir + "/" + name
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
        let child = try acquire()
        let answer: [UInt8]
        do {
            answer = try child.exchange(RecordEncoder.encode(document), timeout: timeout)
        } catch {
            discard(child)
            context.count("plugin restarts")
            throw DocumentError("\(error)")
        }
        let record: JSONObject
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
        release(child)
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

    private func acquire() throws -> ChildProcess {
        lock.lock()
        if let c = idle.popLast() {
            lock.unlock()
            return c
        }
        lock.unlock()
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
