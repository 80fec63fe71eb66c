/// Paths that start with a dash, on a command line ArgumentParser reads.
///
/// ArgumentParser looks for a help request before it parses: a word after one dash is a group of
/// one-letter flags to it, so `-o -x.html` holding an `h` printed the help and exited 0, and the
/// run silently did nothing. An option whose next argument is always its value (`--output PATH`)
/// is joined with it (`--output=-x.html`) before parsing, which ArgumentParser reads as the value;
/// a help request left that no argument asked for is refused with the way to write the path.
enum DashValues {
    /// Options whose next argument is always a value, by command: each name with the long name
    /// the value is joined to.
    static let valueOptions: [String: [String: String]] = [
        "run": ["-i": "--input", "--input": "--input", "-o": "--output", "--output": "--output"],
        "report": ["--out": "--out"],
        "explain": ["--id": "--id", "--config": "--config"],
    ]

    /// The arguments with each such option and a value that starts with a dash joined into one
    /// (`-o -x.html` → `--output=-x.html`); everything else, and everything after `--`, as given.
    static func joined(_ arguments: [String]) -> [String] {
        guard let command = arguments.first, let options = valueOptions[command] else { return arguments }
        var out = [command]
        var k = 1
        while k < arguments.count {
            let argument = arguments[k]
            if argument == "--" { out += arguments[k...]; break }
            if let long = options[argument], k + 1 < arguments.count, isDashWord(arguments[k + 1]) {
                out.append(long + "=" + arguments[k + 1])
                k += 2
                continue
            }
            out.append(argument)
            k += 1
        }
        return out
    }

    /// The one-letter flags and options of every command: a group of them (`-qh`) is meant as
    /// flags, and its `h` asks for help.
    static let shortNames: Set<Character> = ["h", "q", "i", "o", "j"]

    /// A word after one dash that ArgumentParser reads as a help request though it is not one
    /// (`-x.html`: the group of flags -x -. -h …, where no command has an -x or a -.); nil when
    /// every help request was meant.
    static func mistakenHelp(_ arguments: [String]) -> String? {
        let end = arguments.firstIndex(of: "--") ?? arguments.count
        return arguments[..<end].first { word in
            isDashWord(word) && word != "-help" && word.dropFirst().contains("h") && !word.dropFirst().allSatisfy(shortNames.contains)
        }
    }

    /// "-x.html", not "-", "-h" or "--output".
    static func isDashWord(_ argument: String) -> Bool {
        argument.hasPrefix("-") && !argument.hasPrefix("--") && argument.count > 2
    }
}
