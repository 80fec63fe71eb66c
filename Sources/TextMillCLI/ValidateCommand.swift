import ArgumentParser
import Foundation
import TextMill

/// `textmill validate CONFIG`: checks a config completely and reads no input.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a config (keys, stage names, options, types, order) without reading any input; say what each input names."
    )

    @Argument(help: "The pipeline config.", completion: .file(extensions: ["yaml", "yml"]))
    var config: String = "pipeline/default.yaml"

    func run() throws {
        var cfg = try loadConfig(config, inputs: nil, output: nil)
        // As `run` does (`RunCommand.execute`): a run that reads stdin writes to stdout, whatever
        // `output:` says. validate checked and named the config's file instead (a folder there
        // was refused, where `run` wrote to stdout).
        let readsStdin = cfg.inputs.contains("-")
        if readsStdin { cfg.output = "-" }
        let pipeline: Pipeline
        do {
            pipeline = try Pipeline(config: cfg)
        } catch {
            throw CommandFailure(message: "the config is wrong:\n\(error)", status: 2)
        }
        // The output is checked as `run` checks it before reading anything (the same function).
        do {
            try Runner(config: cfg).checkOutputs(pipeline)
        } catch let e as ConfigError {
            // A saved dedup index of other settings than a run without state would use.
            throw CommandFailure(message: "the config is wrong:\n\(e)", status: 2)
        } catch let e as StateError {
            throw CommandFailure(message: e.message, status: 2)
        } catch let e as WriteError {
            // As `run` and `--dry-run` refuse it: exit 3, the run could not write its outputs.
            throw CommandFailure(message: e.refusalMessage, status: 3)
        }
        let owned = OutputFiles(output: cfg.output)
        let excluded = owned.isStdout ? [] : [cfg.output] + owned.sideFiles
        // The config's path and its output are shown escaped, as messages show names: a config
        // from elsewhere (`output: "out/a\e]0;…\a\nb.jsonl"`) sent its terminal escape and started
        // a line of its own.
        var lines = ["\(MessageText.escaped(config)): OK"]
        for (i, input) in cfg.inputs.enumerated() {
            lines.append((i == 0 ? "  input:  " : "          ") + ValidateCommand.describe(input, excluding: excluded))
        }
        lines.append("  output: \(MessageText.escaped(cfg.output))" + (readsStdin ? " (stdout: a run that reads stdin writes to stdout)" : ""))
        lines.append("  stages: \(cfg.stages.map(\.name).joined(separator: " → "))")
        try Terminal.output(lines.joined(separator: "\n"))
    }

    /// What one input names, without reading a file: "input/: a folder, 8 files".
    static func describe(_ input: String, excluding: [String]) -> String {
        let shown = MessageText.escaped(input)
        if input == "-" { return "-: JSONL on stdin" }
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: input, isDirectory: &isDirectory)
        let isGlob = !exists && input.contains(where: { "*?[".contains($0) })
        if !exists && !isGlob {
            let folder = input.hasPrefix("/") ? "" : " (looked for in \(MessageText.escaped(FileManager.default.currentDirectoryPath)))"
            return "\(shown): does not exist\(folder)"
        }
        var resolver = InputResolver(excluding: excluding)
        let count: Int
        do {
            count = try resolver.resolve([input]).count
        } catch {
            return "\(shown): \(error)"
        }
        let files = count == 1 ? "1 file" : "\(count) files"
        if isGlob { return count == 0 ? "\(shown): a glob that matches no file" : "\(shown): a glob, \(files)" }
        return isDirectory.boolValue ? "\(shown): a folder, \(files)" : "\(shown): a file"
    }
}
