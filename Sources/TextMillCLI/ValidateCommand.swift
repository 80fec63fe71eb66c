import ArgumentParser
import TextMill

/// `textmill validate CONFIG`: checks a config completely and reads no input.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a config (keys, stage names, options, types, order) without reading any input."
    )

    @Argument(help: "The pipeline config.")
    var config: String = "pipeline/default.yaml"

    func run() throws {
        let cfg = try loadConfig(config, inputs: nil, output: nil)
        do {
            _ = try Pipeline(config: cfg)
        } catch {
            throw CommandFailure(message: "the config is wrong:\n\(error)", status: 2)
        }
        print("\(config): OK")
        print("  input:  \(cfg.inputs.joined(separator: ", "))")
        print("  output: \(cfg.output)")
        print("  stages: \(cfg.stages.map(\.name).joined(separator: " → "))")
    }
}
