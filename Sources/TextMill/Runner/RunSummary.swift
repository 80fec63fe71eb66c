import Foundation

/// What a run did.
public struct RunSummary: Sendable {
    /// Files read by this run (unchanged files of an incremental run are not read).
    public var files = 0
    /// Items read: documents plus read failures.
    public var items = 0
    public var written = 0
    public var duplicates = 0
    /// Documents a stage removed on purpose (`filtered`), written to the filtered file.
    public var filtered = 0
    public var failed = 0
    public var bytesRead = 0
    public var seconds = 0.0
    public var outputPath = ""
    public var errorsPath = ""
    public var duplicatesPath = ""
    public var filteredPath = ""
    /// The map side of a distributed job: records, filtered documents and failures went to stdout
    /// as framed lines for the job, not to files (the paths above are empty).
    public var framed = false
    public var stages: [RunStats.StageFigures] = []
    public var warnings: [String] = []
    /// "incremental: 1 new, 0 changed, 0 deleted, 7 unchanged files" and the like.
    public var mode = ""
    /// Why everything was reprocessed, when it was.
    public var reprocessReason: String?
    /// Records sent to the errors file because their id was already in the output.
    public var reusedIDs = 0
    /// The outputs as they stand after the run (an incremental run keeps earlier records).
    public var standing: OutputTotals?
    /// Documents in the output that a stage marked `filtered` (`action: mark`).
    public var marked = 0
    /// JSONL input fields the reader moved (`metadata` into `meta`, owned names into `input`), by name.
    public var inputFieldsMoved: [String: Int] = [:]
    /// JSONL input fields that lost a value to a key given twice in a record (the record keeps
    /// the last), by name: `run.input_fields_repeated`.
    public var inputFieldsRepeated: [String: Int] = [:]
    /// Input records skipped on purpose (WARC requests, non-text responses, …), by counter name.
    public var inputSkipped: [String: Int] = [:]
    /// What the interrupted run this one resumed had done (`run.resumed`), nil when it resumed
    /// none: the figures above are this run's own.
    public var resumed: ResumedWork?

    /// What could not be written once the records were committed (`NAME.stats.json`, a plugin
    /// log), each a message that names the file and the cause. The records stand; the run exits 3.
    public var unwritten: [String] = []

    /// Failed documents the outputs keep from earlier runs: their files were unchanged, so this
    /// run did not read them again, and their entries stay in the errors file.
    public var keptFailures: Int { max(0, (standing?.errors ?? failed) - failed) }

    /// DESIGN.md: 3 when a file beside the records could not be written; else 1 when the
    /// outputs hold failed documents (this run's, or an earlier run's kept with their unchanged
    /// files), 0 when every document went through.
    public var exitStatus: Int32 { !unwritten.isEmpty ? 3 : failed + keptFailures > 0 ? 1 : 0 }
}

/// What the next run would do (`textmill run --dry-run`); nothing was written to find out.
public struct RunPreview: Sendable {
    public var output: String
    public var warnings: [String] = []
    /// True when every file would be reprocessed.
    public var full = true
    /// Why every file would be reprocessed, when it would.
    public var reason: String?
    public var new: [String] = []
    public var changed: [String] = []
    public var deleted: [String] = []
    public var unchanged: [String] = []
    /// Unchanged files processed again: they hold a duplicate of a record that goes away
    /// (`OrphanedDuplicates`).
    public var reprocessed: [String] = []
    /// Why a file in `reprocessed` is processed again, for the user.
    static let reprocessedWhy = "unchanged, holding a duplicate of a record that goes away or a record refused for an id now free"
    /// Files a killed run already finished, which the next run would not redo.
    public var resumed = 0
    /// True when the run would make an earlier run's outputs anew from every file (a changed
    /// config, another build of textmill, `--force`, a damaged manifest): `reprocessed` then
    /// holds the files the last run read, `new` the others, `deleted` the last run's files that
    /// are gone, and the line says "full", as the run's own summary does. Until session 37 such
    /// a dry run listed every file as new ("1 new, 0 changed, 0 deleted, 0 unchanged files").
    public var everyFileAgain = false
    /// With `everyFileAgain`, the files to process when the last run's files are not known (its
    /// manifest is damaged).
    public var processed: [String] = []

    /// The lines `--dry-run` prints.
    public var description: String {
        var lines = ["textmill: dry run for \(MessageText.escaped(output)): nothing was read or written"]
        if let reason { lines.append("  " + reason) }
        let done = resumed > 0 ? ", \(resumed) done by an interrupted run" : ""
        if everyFileAgain {
            let files = "  full: " + MessageText.counted(new.count + reprocessed.count + processed.count, "file") + " to process"
            lines.append(files + (processed.isEmpty ? ": \(reprocessed.count) processed again, \(new.count) new, \(deleted.count) deleted" : "") + done)
        } else {
            lines.append("  \(new.count) new, \(changed.count) changed, \(deleted.count) deleted, "
                         + (reprocessed.isEmpty ? "" : "\(reprocessed.count) processed again (\(Self.reprocessedWhy)), ")
                         + MessageText.counted(unchanged.count, "unchanged file") + done)
        }
        for (label, paths) in [("new", new), ("changed", changed), ("deleted", deleted), ("processed again", reprocessed), ("processed", processed)] {
            for path in paths.prefix(50) { lines.append("  \(label): \(MessageText.escaped(path))") }
            if paths.count > 50 { lines.append("  … and \(paths.count - 50) more \(label) " + (paths.count == 51 ? "file" : "files")) }
        }
        return lines.joined(separator: "\n")
    }
}

/// How many records each output holds.
public struct OutputTotals: Sendable, Equatable {
    public var records: Int
    /// nil when an earlier TextMill's manifest did not count them.
    public var duplicates: Int?
    public var errors: Int?
    public var filtered: Int?

    public init(records: Int, duplicates: Int?, errors: Int?, filtered: Int? = nil) {
        self.records = records
        self.duplicates = duplicates
        self.errors = errors
        self.filtered = filtered
    }

    /// Records written to each output by a run that replaced them all.
    init(_ counts: PerOutput<Int>) {
        self.init(records: counts.output, duplicates: counts.duplicates, errors: counts.errors, filtered: counts.filtered)
    }

    /// The totals of a manifest's files.
    init(_ files: [FileEntry]) {
        records = files.reduce(0) { $0 + $1.records }
        let known = files.allSatisfy { $0.counts != nil }
        duplicates = known ? files.reduce(0) { $0 + $1.counts!.duplicates } : nil
        errors = known ? files.reduce(0) { $0 + $1.counts!.errors } : nil
        filtered = known ? files.reduce(0) { $0 + $1.counts!.filtered } : nil
    }
}

/// The files an interrupted run finished before its last checkpoint, which the run that resumes
/// it does not read again, and their records in each output, from the journal's entries. With
/// the resuming run's own figures they are those of the run had it not been interrupted. The
/// stages' counters are not among them: the journal keeps, per file, only what the outputs need
/// (its byte ranges and record counts), and a checkpoint's running counters would hold documents
/// of files past it that the stages had already seen (documents go through the stages ahead of
/// the writer, on several threads), which the resuming run reads and counts again.
public struct ResumedWork: Sendable, Equatable {
    public var files = 0
    public var written = 0
    public var duplicates = 0
    public var filtered = 0
    public var failed = 0

    init(_ entries: [FileEntry]) {
        files = entries.count
        for entry in entries {
            let counts = entry.counts ?? PerOutput(output: entry.records, errors: 0, duplicates: 0, filtered: 0)
            written += counts.output
            duplicates += counts.duplicates
            filtered += counts.filtered
            failed += counts.errors
        }
    }

    /// Documents, failures included: the records of the four outputs.
    public var documents: Int { written + duplicates + filtered + failed }
}
