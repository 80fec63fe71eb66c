import Foundation
import Testing
@testable import TextMill

/// Every example config and every command the README shows runs as written, on the sample
/// corpus, with exit status 0 and nothing in an errors file.
@Suite struct ExamplesRunTests {
    func textmill(_ args: [String], in cwd: String = Repo.root) throws -> CommandLineTests.Result {
        try CommandLineTests().textmill(args, in: cwd)
    }

    /// Every `pipeline/*.yaml`, found anew each time, so a config added later is run too.
    static func pipelines() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Repo.path("pipeline"))) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    }

    @Test func everyPipelineRunsClean() throws {
        let pipelines = ExamplesRunTests.pipelines()
        #expect(pipelines.contains("default.yaml"))
        let dir = TemporaryDirectory()
        for name in pipelines {
            let config = "pipeline/" + name
            let stem = (name as NSString).deletingPathExtension
            // The config's own input (relative to the top folder, like the README runs it), a
            // fresh output; a compressed output stays compressed.
            let output = dir.file(stem + "/" + stem + (try outputOf(config).hasSuffix(".gz") ? ".jsonl.gz" : ".jsonl"))
            let r = try textmill(["run", config, "--output", output, "--quiet"])
            expectEqual(r.status, 0, "\(config): \(r.stderr)")
            expectEqual(r.stderr, "", "\(config)")
            let errors = OutputFiles(output: output).errors
            expectEqual(String(decoding: FileManager.default.contents(atPath: errors) ?? Data(), as: UTF8.self), "", "\(config): nothing in \(errors)")
            #expect(FileManager.default.fileExists(atPath: output), "\(config)")
            let validated = try textmill(["validate", config])
            #expect(validated.status == 0 && validated.stdout.hasPrefix("\(config): OK\n"), "\(config)")
        }
    }

    func outputOf(_ config: String) throws -> String {
        try ConfigLoader().load(path: Repo.path(config)).output
    }

    /// README lines of code that start with `textmill ` but are not commands to run as written:
    /// synopses with placeholders, and completion scripts written into the home folder. A new
    /// README command either runs in `readmeCommandsRun` or is added here on purpose.
    static let readmeLinesNotRun: Set<String> = [
        "textmill run [CONFIG] [-i|--input PATH]... [-o|--output PATH] [-j|--jobs N] [--limit N] [--force] [--check-outputs] [--dry-run] [-q|--quiet] [--progress] [--checkpoint-mb N]",
        "textmill stages [NAME] [--json]",
        "textmill validate [CONFIG]",
        "textmill report OUTPUT [--out FILE.html] [--sample N]",
        "textmill explain quotes FILE [--id ID] [--config CONFIG]",
        "textmill --generate-completion-script bash > ~/.local/share/bash-completion/completions/textmill",
        "textmill --generate-completion-script zsh > ~/.zfunc/_textmill",
        "textmill --generate-completion-script fish > ~/.config/fish/completions/textmill.fish",
    ]

    /// The `textmill …` lines of the README's code blocks, without their `# comments` (a `#` that starts a word, as in a shell).
    static func readmeCommands() -> [String] {
        var inCode = false
        var out: [String] = []
        for line in Repo.text("README.md").split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inCode.toggle(); continue }
            guard inCode, line.hasPrefix("textmill ") else { continue }
            var command = String(line)
            if let comment = command.range(of: " #") { command = String(command[..<comment.lowerBound]) }
            out.append(command.trimmingCharacters(in: .whitespaces))
        }
        return out
    }

    /// Splits a command line as a shell would for these simple cases: words, '…' and "…".
    static func words(_ command: String) -> [String] {
        var out: [String] = []
        var word = ""
        var quote: Character?
        var inWord = false
        for c in command {
            if let q = quote {
                if c == q { quote = nil } else { word.append(c) }
            } else if c == "'" || c == "\"" {
                quote = c
                inWord = true
            } else if c == " " {
                if inWord { out.append(word) }
                word = ""
                inWord = false
            } else {
                word.append(c)
                inWord = true
            }
        }
        if inWord { out.append(word) }
        return out
    }

    @Test func readmeCommandsRun() throws {
        let commands = ExamplesRunTests.readmeCommands()
        #expect(commands.count >= 10)
        let notRun = commands.filter { ExamplesRunTests.readmeLinesNotRun.contains($0) }
        expectEqual(Set(notRun), ExamplesRunTests.readmeLinesNotRun, "a line of readmeLinesNotRun left the README: remove it there too")
        let toRun = commands.filter { !ExamplesRunTests.readmeLinesNotRun.contains($0) }
        for command in toRun {
            #expect(!command.contains(">") && !command.contains("|") && !command.contains("["),
                    "'\(command)' cannot run as written here: make it runnable, or list it in readmeLinesNotRun")
        }
        // A copy of what the commands read, so that what they write stays out of the repository.
        let dir = TemporaryDirectory()
        for folder in ["input", "pipeline", "plugins"] {
            try FileManager.default.copyItem(atPath: Repo.path(folder), toPath: dir.file(folder))
        }
        for command in toRun {
            let r = try textmill(Array(ExamplesRunTests.words(command).dropFirst()), in: dir.path)
            expectEqual(r.status, 0, "\(command): \(r.stderr)")
        }
        // Nothing the commands wrote has an error row.
        let written = (try? FileManager.default.contentsOfDirectory(atPath: dir.file("output"))) ?? []
        #expect(written.contains("corpus.jsonl") && written.contains("preview.jsonl"))
        for name in written where name.hasSuffix(".errors.jsonl") {
            expectEqual(dir.read("output/" + name), "", "output/\(name)")
        }
    }
}
