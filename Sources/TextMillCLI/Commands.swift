import ArgumentParser
import Foundation
import TextMill

/// The `textmill` command line. A package that adds its own stages builds its own `textmill` with
/// `TextMillCLI.main(registry: .builtin.adding([MyStage.self]))`; a stage the registry refused
/// (`StageRegistry.refusals`) makes it print why and exit with status 2.
public enum TextMillCLI {
    /// The stages the commands know; set once, before parsing.
    nonisolated(unsafe) static var registry = StageRegistry.builtin

    /// `main(registry: .builtin)`, for the `textmill` executable. It calls this rather than
    /// `main()`: a default argument is evaluated in the caller, so `main()` compiled
    /// `StageRegistry.builtin`, and the registry's layout, into the executable's own object file,
    /// which an incremental build did not remake when `StageRegistry` gained a field (after a
    /// `git pull`, `scripts/run.sh`'s textmill crashed at start-up, a bad pointer in `main`).
    public static func mainWithBuiltinStages() -> Never {
        main(registry: .builtin)
    }

    /// Parses the command line, runs, and exits with DESIGN.md's status: 0 all done, 1 some
    /// documents failed, 2 the config or the command line is wrong, 3 the outputs could not be
    /// written.
    public static func main(registry: StageRegistry = .builtin, arguments: [String]? = nil) -> Never {
        StandardDescriptors.openClosedOnes()
        // Stages the registry refused (a name that breaks the rule, or one taken): a mistake in
        // the program that built this textmill, shown before any command runs.
        if !registry.refusals.isEmpty {
            for refusal in registry.refusals { Terminal.error(refusal) }
            exit(2)
        }
        self.registry = registry
        // A byte that is not UTF-8 in the process's own arguments (a path from a file system
        // whose names are not): read as U+FFFD, the path would be another one.
        if arguments == nil, let refusal = RawArguments.refusal() {
            Terminal.error(refusal)
            exit(2)
        }
        let given = arguments ?? Array(CommandLine.arguments.dropFirst())
        // With the stack a run's threads have, whatever `ulimit -s` says: a record's `meta` nested
        // 500 deep overflowed a 256 KB main thread (SIGSEGV) under `--jobs 1`.
        guard let status = StackRoom.run({ commandStatus(given) }) else {
            Terminal.error(StackRoom.noThreadMessage())
            exit(3)
        }
        exit(status)
    }

    /// Parses `given` and runs the command it names; its exit status.
    static func commandStatus(_ given: [String]) -> Int32 {
        let status: Int32
        // An option of one value given twice: ArgumentParser would keep the last silently.
        if let refusal = RepeatedOptions.refusal(DashValues.joined(given)) {
            Terminal.error(refusal)
            return 2
        }
        do {
            var command = try TextMillCommand.parseAsRoot(DashValues.joined(given))
            if let run = command as? RunCommand {
                status = run.execute()
            } else {
                try command.run()
                status = 0
            }
        } catch {
            let code = TextMillCommand.exitCode(for: error)
            if code == .success, let word = DashValues.mistakenHelp(DashValues.joined(given)) {
                Terminal.error("\(MessageText.quoted(word)) was read as a request for help (after one dash, each letter is a flag, and it holds an 'h'), "
                               + "so nothing would have run: for a path that starts with a dash, write \(MessageText.quoted("./" + word)), or --output=\(MessageText.escaped(word)) for an option's value")
                status = 2
            } else if code == .success {
                do {
                    try Terminal.output(TextMillCommand.fullMessage(for: error))
                    status = 0
                } catch {
                    Terminal.error(error.message)
                    status = error.status
                }
            } else if let e = error as? CommandFailure {
                Terminal.error(e.message)
                status = e.status
            } else {
                Terminal.error(TextMillCommand.fullMessage(for: error))
                if let hint = CommandLineSlips.hint(for: error, arguments: given) {
                    Terminal.error(hint)
                }
                status = 2
            }
        }
        return status
    }
}

/// A command that failed with a message and an exit status.
struct CommandFailure: Error {
    var message: String
    var status: Int32
}

struct TextMillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "textmill",
        abstract: "Turn raw news and web sources into annotated JSONL.",
        discussion: """
        A pipeline in a YAML file (pipeline/default.yaml unless you name one) reads text, HTML, \
        XML (RSS/Atom) and JSONL files, runs its stages in order (cleanup, normalize, sentences, \
        quotes, dedup, exec), and writes one JSON record per document.

        Examples:
          textmill run                                  run pipeline/default.yaml
          textmill run pipeline/rss.yaml --jobs 2       run another pipeline on two cores
          textmill run --input new/ --output out.jsonl  override the config's input and output
          cat docs.jsonl | textmill run --input - --output -
          textmill run --limit 5 --output -             a quick look: the first 5 documents
          textmill stages                               every stage with its options
          textmill stages dedup --json                  one stage, as JSON for programs
          textmill validate pipeline/mine.yaml          check a config without reading input
          textmill report output/corpus.jsonl           one HTML page: charts, documents, errors
          textmill explain quotes input/a.txt           which rules of quotes found each quotation

        Shell completion: textmill --generate-completion-script bash (or zsh, fish); see README.md.

        Exit status: 0 all documents done; 1 some documents failed (see NAME.errors.jsonl beside \
        the output; failures kept from earlier runs count); 2 the config or the command line is wrong (nothing was read or written); 3 the \
        outputs could not be written (disk full, permission): the previous outputs are intact and \
        the next run finishes the work.
        """,
        version: TextMillVersion.identity,
        subcommands: [RunCommand.self, StagesCommand.self, ValidateCommand.self, ReportCommand.self, DedupVerifyCommand.self, ExplainCommand.self]
    )
}

/// Messages to stderr (a stderr that cannot be written loses them, never the run:
/// `StandardStreams`).
enum Terminal {
    static func error(_ message: String) {
        StandardStreams.writeError("textmill: " + message + "\n")
    }

    static func note(_ message: String) {
        StandardStreams.writeError(message + "\n")
    }

    /// Writes `text` and a line break to stdout, the result of a command that reports on stdout
    /// (`stages`, `validate`, `explain`, `--dry-run`, `--help`); a failure (a full disk) is the
    /// command's failure, exit status 3, where it was dropped under 0.
    static func output(_ text: String, terminator: String = "\n") throws(CommandFailure) {
        do {
            try StandardStreams.writeOutput(text + terminator)
        } catch {
            let fix = (error as? WriteError)?.fix ?? "fix the cause"
            throw CommandFailure(message: "\(error): what reached stdout is cut short; \(fix) and run the command again", status: 3)
        }
    }
}

/// Loads a config with the CLI's registry, turning problems into exit status 2.
func loadConfig(_ path: String, inputs: [String]?, output: String?) throws -> PipelineConfig {
    do {
        return try ConfigLoader(registry: TextMillCLI.registry).load(path: path, inputs: inputs, output: output)
    } catch {
        throw CommandFailure(message: "the config is wrong:\n\(error)", status: 2)
    }
}
