import ArgumentParser
import Foundation
import TextMill

/// `textmill dedup-verify CONFIG`: the verification half of the Spark job's dedup
/// (`CandidateVerifier`): candidate groups on stdin, one decision a line on stdout, with the
/// config's dedup settings. Hidden from the help: only `contrib/spark` calls it.
struct DedupVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup-verify",
        abstract: "Decide candidate groups of a distributed dedup (GROUP<TAB>POS<TAB>KEYS<TAB>ID lines on stdin; see docs/spark.md).",
        shouldDisplay: false
    )

    @Argument(help: "The pipeline config whose dedup stage decides.", completion: .file(extensions: ["yaml", "yml"]))
    var config: String

    @Option(parsing: .unconditional, help: "Threads: with 2 or more, one reads and fingerprints the next candidates while another decides (same decisions).")
    var jobs = NumberArgument(1)

    func validate() throws {
        _ = try threads()
    }

    /// `--jobs` as a number of threads.
    func threads() throws -> Int {
        try jobs.count(in: 1...RunCommand.maxJobs,
            below: { "--jobs is the number of threads: 1 or more, not \($0)" },
            above: { "--jobs is the number of threads: at most \(RunCommand.maxJobs), not \($0)" },
            notWhole: { "--jobs is the number of threads: a whole number, 1 or more, not \($0)" })
    }

    func run() throws {
        let cfg = try loadConfig(config, inputs: ["-"], output: "-")
        let pipeline: Pipeline
        do {
            pipeline = try Pipeline(config: cfg)
        } catch {
            throw CommandFailure(message: "the config is wrong:\n\(error)", status: 2)
        }
        guard let stage = pipeline.steps.lazy.compactMap({ $0.stage as? DedupStage }).first else {
            throw CommandFailure(message: "\(config) has no dedup stage: nothing to verify", status: 2)
        }
        var verifier = stage.candidateVerifier()
        // A line carries a document's verification values: at most ~11 bytes of base64 a word.
        let limit = max(cfg.maxDocumentBytes, 1 << 20) * 6 + (1 << 20)
        do {
            try verifier.run(FileStream(standardInput: ()), lineLimit: limit, output: STDOUT_FILENO, threads: try threads())
        } catch let e as CandidateInputError {
            throw CommandFailure(message: "dedup-verify: \(e.description)", status: 2)
        } catch {
            throw CommandFailure(message: "dedup-verify: line \(verifier.lines + 1): \(error)", status: 3)
        }
    }
}
