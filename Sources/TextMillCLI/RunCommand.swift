import ArgumentParser
import Foundation
import TextMill

/// `textmill run [CONFIG] [--input PATH]... [--output PATH] [--jobs N]`
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline over its input and write annotated JSONL.",
        discussion: """
        Writes the records to the config's output NAME.jsonl, failures to NAME.errors.jsonl and \
        dropped duplicates to NAME.duplicates.jsonl beside it, and NAME.stats.json with the \
        per-stage figures. A run that reads stdin (--input -) writes to stdout unless --output \
        names a file, and keeps no state. A run to stdout (--output -) writes no side files: \
        each failure is printed on stderr, and duplicates and filtered documents are counted, \
        not kept. The next run \
        processes only new and changed files (a changed config or --force reprocesses all); a \
        killed run leaves the previous outputs in place and the next run resumes where it stopped.
        """
    )

    @Argument(help: "The pipeline config.", completion: .file(extensions: ["yaml", "yml"]))
    var config: String = "pipeline/default.yaml"

    // Unconditional, as getopt takes an option's argument: `-o -x.jsonl` writes '-x.jsonl'
    // rather than saying "Missing value for '-o <path>'".
    @Option(name: [.short, .long], parsing: .unconditionalSingleValue,
            help: ArgumentHelp("A file, directory, glob or - (JSONL on stdin) to read instead of the config's input; repeat for several.", valueName: "path"))
    var input: [String] = []

    @Option(name: [.short, .long], parsing: .unconditional,
            help: ArgumentHelp("Where to write the records instead of the config's output (- for stdout).", valueName: "path"))
    var output: String?

    // Unconditional (as every number option here): `--jobs -1` reaches validate() and its message
    // rather than "missing value".
    @Option(name: [.short, .long], parsing: .unconditional,
            help: ArgumentHelp("Threads for the per-document stages, 1 to \(RunCommand.maxJobs) (default: the number of cores).", valueName: "n"))
    var jobs: NumberArgument?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "Process only the first N documents, in input order: a quick look at a new config.",
        discussion: "A preview: the run keeps no incremental state (no manifest, journal or dedup index), and refuses an output that is an incremental corpus (it has a .NAME.textmill/ folder).",
        valueName: "n"))
    var limit: NumberArgument?

    @Option(name: .customLong("checkpoint-mb"), parsing: .unconditional, help: ArgumentHelp("Make a resume checkpoint after this many MB read (default 64; also every 10 s).", valueName: "mb"))
    var checkpointMB: NumberArgument?

    @Flag(name: .long, help: "Reprocess every file, even those the last run already did.")
    var force = false

    @Flag(name: .customLong("check-outputs"), help: ArgumentHelp(
        "Read back every unchanged file's records and check them against the hashes the last run recorded.",
        discussion: "A record changed in place since the last run (a letter of a text, its size and the JSON kept) is found, said (output, bytes, lines, input file) and every file is processed again; without this flag such a change is found only in records the run reads back anyway. Costs one read of the outputs."))
    var checkOutputs = false

    @Flag(name: .customLong("dry-run"), help: "Print what the run would do (new, changed, deleted and unchanged files; whether the config changed, and how) and write nothing.")
    var dryRun = false

    @Flag(name: [.short, .long], help: "Print nothing on stderr but errors (no progress line, no summary).")
    var quiet = false

    @Flag(name: .long, help: "Draw the progress line even when stderr is not a terminal.")
    var progress = false

    @Flag(name: .customLong("map-side"), help: ArgumentHelp(
        "Run as the map side of a distributed job (contrib/spark): framed JSONL on stdin, per-document stages only, framed records with dedup's keys and in-band failures on stdout; no state, no side files.",
        discussion: "stdin lines are PATH<TAB>LINE<TAB>RECORD; stdout lines are doc<TAB>AT<TAB>KEYS<TAB>RECORD or err<TAB>-<TAB>-<TAB>ERROR (see docs/spark.md)."))
    var mapSide = false

    @Option(name: .customLong("values"), help: ArgumentHelp(
        "With --map-side: write each document's dedup verification values to this file (64-bit, little-endian, in output order; KEYS then end in ',#N'), so the job verifies candidates without fingerprinting their texts again.",
        valueName: "path"))
    var values: String?

    @Option(name: .customLong("records"), help: ArgumentHelp(
        "With --map-side: write each document's output record to this file (in output order, each with its newline) instead of stdout; its stdout line then ends in LENGTH<TAB>HEAD (the record's length and its start up to ',\"source\":'), so the job keeps offsets, not records.",
        valueName: "path"))
    var records: String?

    @Flag(name: .long, help: "With --map-side: print what the distributed job needs to know about the config as JSON (or why it cannot run distributed) and exit.")
    var describe = false

    func validate() throws {
        _ = try jobCount()
        _ = try documentLimit()
        if limit != nil && mapSide { throw ValidationError("--limit does not go with --map-side") }
        _ = try checkpointBytes()
        if describe && !mapSide { throw ValidationError("--describe goes with --map-side") }
        if values != nil && !mapSide { throw ValidationError("--values goes with --map-side") }
        if records != nil && !mapSide { throw ValidationError("--records goes with --map-side") }
        if mapSide && (!input.isEmpty || output != nil) {
            throw ValidationError("--map-side reads framed stdin and writes framed stdout: leave out --input and --output")
        }
    }

    /// `--jobs` as a number of threads, nil when it is not given.
    func jobCount() throws -> Int? {
        guard let jobs else { return nil }
        guard let n = jobs.wholeNumber, (1...RunCommand.maxJobs).contains(n) else {
            throw ValidationError("--jobs is the number of threads: a whole number from 1 to \(RunCommand.maxJobs), not \(jobs.shown) (leave it out to use every core: \(ProcessInfo.processInfo.activeProcessorCount) here)")
        }
        return n
    }

    /// `--limit` as a number of documents, nil when it is not given.
    func documentLimit() throws -> Int? {
        try limit?.count(in: 1...Int.max,
            below: { "--limit is a number of documents: 1 or more, not \($0)" },
            above: { "--limit is a number of documents: at most \(Int.max), not \($0) (leave --limit out to process every document)" },
            notWhole: { "--limit is a number of documents: a whole number, 1 or more, not \($0)" })
    }

    /// `--checkpoint-mb` in bytes, nil when it is not given. Checked here: converting 1e300, inf
    /// or nan MB to bytes used to crash.
    func checkpointBytes() throws -> Int? {
        guard let checkpointMB else { return nil }
        guard let mb = checkpointMB.number, mb > 0 && mb <= 1_048_576 else {
            throw ValidationError("--checkpoint-mb must be a number of megabytes above 0 and at most 1048576, not \(checkpointMB.shown)")
        }
        return max(1, Int(mb * 1_048_576))
    }

    /// The most threads `--jobs` may ask for.
    static let maxJobs = 4096

    mutating func run() throws {
        let status = execute()
        if status != 0 { throw ExitCode(status) }
    }

    /// Runs and returns the exit status.
    func execute() -> Int32 {
        do {
            if mapSide { return try executeMapSide() }
            var cfg = try loadConfig(config, inputs: input.isEmpty ? nil : input, output: output)
            // A run that reads stdin writes to stdout unless --output names a file: it must not
            // replace the config's corpus with what came through a pipe.
            if cfg.inputs.contains("-") && output == nil { cfg.output = "-" }
            var options = RunOptions()
            if let jobs = try jobCount() { options.jobs = jobs }
            options.force = force
            options.checkOutputs = checkOutputs
            options.limit = try documentLimit()
            if let bytes = try checkpointBytes() { options.checkpointBytes = bytes }
            options.progress = !quiet && (progress || isatty(2) == 1)
            if !quiet { options.notify = { Terminal.note("textmill: " + $0) } }
            if let limit = options.limit, !quiet {
                Terminal.note("textmill: --limit \(limit): a preview of \(RunOptions.firstDocuments(limit)); no incremental state is kept")
            }
            InterruptNotice.install(toStandardOutput: cfg.output == "-")
            let summary: RunSummary
            do {
                if dryRun {
                    let preview: RunPreview
                    do {
                        preview = try Runner(config: cfg, options: options).preview()
                    } catch let e as WriteError {
                        // Found before anything is read: there are no outputs of this run to speak of.
                        RunCommand.printWarnings(of: e)
                        Terminal.error(e.refusalMessage)
                        return 3
                    }
                    for w in preview.warnings { Terminal.error("warning: \(w)") }
                    try Terminal.output(preview.description)
                    return 0
                }
                summary = try Runner(config: cfg, options: options).run()
            } catch let e as ConfigError {
                RunCommand.printWarnings(of: e)
                throw CommandFailure(message: "the config is wrong:\n\(e)", status: 2)
            } catch let e as InputError {
                RunCommand.printWarnings(of: e)
                throw CommandFailure(message: e.message, status: 2)
            } catch let e as StateError {
                RunCommand.printWarnings(of: e)
                throw CommandFailure(message: e.message, status: 2)
            } catch let e as ProcessLimitError {
                throw CommandFailure(message: e.runMessage(toStandardOutput: cfg.output == "-"), status: 3)
            }
            for w in summary.warnings { Terminal.error("warning: \(w)") }
            if !quiet { Terminal.note(RunReport.summary(summary, reason: false)) }
            for u in summary.unwritten { Terminal.error("the records are written, but \(u)") }
            return summary.exitStatus
        } catch let e as CommandFailure {
            Terminal.error(e.message)
            return e.status
        } catch let e as WriteError {
            RunCommand.printWarnings(of: e)
            Terminal.error(e.runMessage)
            return 3
        } catch {
            Terminal.error("\(error)")
            return 1
        }
    }

    /// Prints the warnings a run had found before it was stopped (`RefusalWarnings`: an input
    /// glob that matched no file), before the message that stops it, as a run that goes on
    /// prints them before its summary.
    static func printWarnings(of error: any Error) {
        for w in (error as? any RefusalWarnings)?.warnings ?? [] { Terminal.error("warning: \(w)") }
    }

    /// `--map-side`: framed stdin to framed stdout (or, with `--describe`, the job's view of the config).
    func executeMapSide() throws -> Int32 {
        let cfg = try loadConfig(config, inputs: ["-"], output: "-")
        do {
            let pipeline = try Pipeline(config: cfg)
            let plan = try MapSidePlan(pipeline)
            if describe {
                try Terminal.output(plan.describe(pipeline).jsonText)
                return 0
            }
            var options = RunOptions(keepState: false)
            if let jobs = try jobCount() { options.jobs = jobs }
            options.mapSide = true
            options.mapSideValues = values
            options.mapSideRecords = records
            let summary = try Runner(config: cfg, options: options).run()
            for w in summary.warnings { Terminal.error("warning: \(w)") }
            if !quiet { Terminal.note(RunReport.summary(summary)) }
            return summary.exitStatus
        } catch let e as ConfigError {
            throw CommandFailure(message: "the config cannot run as the map side of a distributed job:\n\(e)", status: 2)
        } catch let e as ProcessLimitError {
            throw CommandFailure(message: e.runMessage(toStandardOutput: true), status: 3)
        }
    }
}

