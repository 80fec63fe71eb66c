import TextMill

/// Options that take one value, given twice on one command line.
///
/// ArgumentParser keeps the last value of an option given twice, so `textmill run -o a.jsonl -o
/// b.jsonl` wrote b.jsonl without a word: a script that builds its command line from pieces (a
/// default, then the user's choice) wrote another corpus than the one it meant. Such a command
/// line is refused before anything runs (exit 2), naming the option and both values. Options
/// that may repeat (`--input`) and flags (`--force` twice says the same thing twice) are not.
enum RepeatedOptions {
    /// An option that takes a value: the name its message shows, and whether it may repeat.
    struct ValueOption: Sendable {
        let name: String
        let repeats: Bool
    }

    /// Every option that takes a value, by command, under each name it has. `RepeatedOptionsTests`
    /// holds this against the commands' own definitions (`--experimental-dump-help`).
    static let valueOptions: [String: [String: ValueOption]] = [
        "run": names([(["-i", "--input"], true), (["-o", "--output"], false), (["-j", "--jobs"], false), (["--limit"], false),
                      (["--checkpoint-mb"], false), (["--values"], false), (["--records"], false)]),
        "report": names([(["--out"], false), (["--sample"], false)]),
        "explain": names([(["--id"], false), (["--config"], false)]),
        "dedup-verify": names([(["--jobs"], false)]),
    ]

    /// Each name of each option, with the option (its message shows its long name).
    private static func names(_ options: [(names: [String], repeats: Bool)]) -> [String: ValueOption] {
        var out: [String: ValueOption] = [:]
        for option in options {
            for name in option.names { out[name] = ValueOption(name: option.names.last!, repeats: option.repeats) }
        }
        return out
    }

    /// Why the command line cannot run: the first single-valued option it gives twice, with
    /// both values; nil when it gives none twice. `arguments` start with the command's name, as
    /// ArgumentParser reads them (after `DashValues.joined`). A value is read as ArgumentParser
    /// reads these options' (`.unconditional`): `--name=VALUE`, or the next argument whatever it
    /// is; a group of one-letter names (`-qo PATH`) gives each of its options the next one.
    /// Nothing after `--` is an option.
    static func refusal(_ arguments: [String]) -> String? {
        guard let command = arguments.first, let options = valueOptions[command] else { return nil }
        var first: [String: String] = [:]
        var k = 1
        while k < arguments.count {
            let argument = arguments[k]
            k += 1
            if argument == "--" { break }
            var given: [(option: ValueOption, value: String?)] = []
            if argument.hasPrefix("--") {
                let parts = argument.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                if let option = options[String(parts[0])] { given.append((option, parts.count > 1 ? String(parts[1]) : nil)) }
            } else if argument.hasPrefix("-") && argument.count > 1 {
                for letter in argument.dropFirst() {
                    if let option = options["-" + String(letter)] { given.append((option, nil)) }
                }
            }
            for (option, attached) in given {
                var value = attached
                if value == nil {
                    // A missing value is the parser's to report.
                    guard k < arguments.count else { return nil }
                    value = arguments[k]
                    k += 1
                }
                guard !option.repeats, let value else { continue }
                if let earlier = first[option.name] {
                    return "\(option.name) is given twice, \(MessageText.quoted(earlier)) and then \(MessageText.quoted(value)), "
                        + "and takes one value: give it once (nothing was read or written)"
                }
                first[option.name] = value
            }
        }
        return nil
    }
}
