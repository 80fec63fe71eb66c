import Foundation

/// What the system needs to start exec's program as the config writes it, checked before any
/// input is read: a failure here failed every document at run time, each with a message that
/// did not say why, or started the program with other arguments and variables than the config's.
enum ProgramLaunch {
    /// The most bytes of a script's first line the kernel reads for its `#!` line (Linux's
    /// BINPRM_BUF_SIZE since 5.1).
    static let interpreterLineBytes = 256

    /// Why the `#!` line of the program file at `path` (the program `shown` as the config names
    /// it) cannot start it, or nil: its interpreter is missing (`#!/usr/bin/python` on a system
    /// with python3 only) or not executable, the line ends in a carriage return (a script saved
    /// with Windows line ends: the system looks for `/usr/bin/python3\r`), or `#!/usr/bin/env
    /// NAME` names a program not on `searchPath`, the PATH the program is started with (nil: not
    /// checked, as when `env` sets another). Each failed every document at run time, as "cannot
    /// start …: No such file or directory" of a file that was there, or "the plugin exited with
    /// status 127".
    static func interpreterProblem(program: String, path: String, searchPath: String?) -> String? {
        guard let line = firstLine(of: path), line.starts(with: [0x23, 0x21]) else { return nil }
        let shown = MessageText.quoted(program)
        let text = MessageText.quoted(String(decoding: line, as: UTF8.self))
        let interpreter = ExecStage.interpreter(forScript: program)
        let remedy = "or name its interpreter first, e.g. command: [\(interpreter), \(MessageText.escaped(program))]"
        if line.contains(0x0D) {
            return "the program \(shown) starts with \(text), which ends in a carriage return (the file has Windows line ends, CR LF): "
                + "the system takes it as part of the interpreter's name or last argument; convert the file, e.g. sed -i 's/\\r$//' \(MessageText.escaped(path)), \(remedy)"
        }
        let words = line.dropFirst(2).split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).map { String(decoding: $0, as: UTF8.self) }
        guard let named = words.first else {
            return "the program \(shown) starts with \(text), which names no interpreter: write one, e.g. #!/usr/bin/env \(interpreter), \(remedy)"
        }
        if !ExecStage.isProgramFile(named) {
            let what = FileManager.default.fileExists(atPath: named) ? "is not a program file the system can run" : "does not exist"
            return "the program \(shown) starts with \(text), and \(MessageText.quoted(named)) \(what): change its first line "
                + "(e.g. #!/usr/bin/env \(interpreter)), \(remedy)"
        }
        // `#!/usr/bin/env NAME`: env looks NAME up on the program's PATH (its options, such as
        // `-S`, and variables given before NAME are left to it).
        if (named as NSString).lastPathComponent == "env", words.count == 2, let name = words.last, !name.hasPrefix("-"),
           !name.contains("="), let searchPath, ExecStage.findProgram(name, searchPath: searchPath) == nil {
            return "the program \(shown) starts with \(text), and \(MessageText.quoted(name)) is not on its PATH (\(MessageText.quoted(searchPath))): "
                + "install it or change the script's first line, \(remedy)"
        }
        return nil
    }

    /// The first line of the file at `path` (at most `interpreterLineBytes`, without its line
    /// end), or nil when it cannot be read.
    static func firstLine(of path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: interpreterLineBytes)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        let bytes = buffer[..<count]
        return Array(bytes.prefix { $0 != 0x0A })
    }

    /// Why a string of the command or of `env` cannot reach the program as written, or nil: the
    /// system passes each as a C string, so a NUL byte cut it short there (`"arg\0more"` reached
    /// the program as `arg`), and a variable's name is what comes before its first `=`, so a
    /// name holding one set another variable (`env: {LANG=C.UTF-8}`, YAML's key with no value,
    /// set LANG to `C.UTF-8=`) and an empty name set none.
    static func unpassable(command: [String], environment: [String: String]) -> (message: String, option: String)? {
        if let bad = command.firstIndex(where: { $0.utf8.contains(0) }) {
            return ("entry \(bad + 1) of 'command' (\(MessageText.quoted(command[bad]))) holds a NUL byte, where the system ends each argument: "
                    + "remove it (a program cannot be given one)", "command")
        }
        for name in environment.keys.sorted() {
            let value = environment[name] ?? ""
            if name.isEmpty || name.utf8.contains(UInt8(ascii: "=")) || name.utf8.contains(0) {
                let written = name.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let hint = name.contains("=") && value.isEmpty && !written[0].isEmpty
                    ? ": write it as a name and its value, e.g. env: {\(MessageText.escaped(String(written[0]))): \(MessageText.escaped(String(written[1])))}" : ""
                return ("the variable name \(MessageText.quoted(name)) in 'env' is empty or holds '=' or a NUL byte, which no variable's name can: "
                        + "the program would get another variable, or none\(hint)", "env")
            }
            if value.utf8.contains(0) {
                return ("the value of \(MessageText.quoted(name)) in 'env' (\(MessageText.quoted(value))) holds a NUL byte, where the system ends it: remove it", "env")
            }
        }
        return nil
    }
}
