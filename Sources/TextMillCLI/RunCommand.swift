import ArgumentParser
import Foundation
import TextMill

/// `textmill run [CONFIG] [--input PATH]... [--output PATH] [--jobs N]`
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline over its input and write annotated JSONL.",
        discussion: """
        Writes the records to the config's output (atomically: a killed run leaves the previous \
        file in place), failures to errors.jsonl and dropped duplicates to duplicates.jsonl beside it.
        """
    )

    @Argument(help: "The pipeline config.")
    var config: String = "pipeline/default.yaml"

    @Option(name: .long, help: ArgumentHelp("A file, directory, glob or - (JSONL on stdin) to read instead of the config's input; repeat for several.", valueName: "path"))
    var input: [String] = []

    @Option(name: .long, help: ArgumentHelp("Where to write the records instead of the config's output (- for stdout).", valueName: "path"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Threads for the per-document stages (default: the number of cores).", valueName: "n"))
    var jobs: Int?

    @Flag(name: .long, help: "Print nothing on stderr but errors.")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    mutating func run() throws {
        let status = execute()
        if status != 0 { throw ExitCode(status) }
    }

    /// Runs and returns the exit status.
    func execute() -> Int32 {
        do {
            let cfg = try loadConfig(config, inputs: input.isEmpty ? nil : input, output: output)
            var options = RunOptions()
            if let jobs { options.jobs = jobs }
            let summary: RunSummary
            do {
                summary = try Runner(config: cfg, options: options).run()
            } catch let e as ConfigError {
                throw CommandFailure(message: "the config is wrong:\n\(e)", status: 2)
            } catch let e as InputError {
                throw CommandFailure(message: e.message, status: 2)
            }
            for w in summary.warnings { Terminal.error("warning: \(w)") }
            if !quiet { Terminal.note(Report.summary(summary)) }
            return summary.exitStatus
        } catch let e as CommandFailure {
            Terminal.error(e.message)
            return e.status
        } catch {
            Terminal.error("\(error)")
            return 1
        }
    }
}

/// Human-readable run reports.
enum Report {
    static func summary(_ s: RunSummary) -> String {
        let mb = Double(s.bytesRead) / 1e6
        var lines: [String] = []
        let rate = s.seconds > 0 ? mb / s.seconds : 0
        lines.append(String(format: "textmill: %d documents from %d files (%.1f MB) in %.2f s, %.1f MB/s", s.items, s.files, mb, s.seconds, rate))
        lines.append("  \(s.written) written to \(s.outputPath), \(s.duplicates) duplicates to \(s.duplicatesPath), \(s.failed) failed to \(s.errorsPath)")
        if !s.stages.isEmpty {
            lines.append(table(s.stages))
        }
        return lines.joined(separator: "\n")
    }

    /// A per-stage table: documents, seconds, MB/s and what each stage counted.
    static func table(_ stages: [RunStats.StageFigures]) -> String {
        var rows = [["stage", "docs", "failed", "seconds", "MB/s", "produced"]]
        for f in stages {
            let produced = f.counters.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            rows.append([f.name, "\(f.documents)", "\(f.failed)", String(format: "%.3f", f.seconds),
                         String(format: "%.1f", f.megabytesPerSecond), produced])
        }
        let widths = (0..<6).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { c, cell in
                c == 0 || c == 5 ? cell.padding(toLength: c == 5 ? cell.count : widths[c], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
