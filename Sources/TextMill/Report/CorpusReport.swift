import Foundation

/// How much of a corpus a report embeds for its document browser.
public struct ReportOptions: Sendable, Equatable {
    /// Output documents embedded at most (a uniform random sample when there are more).
    public var sampleSize = 1000
    /// Documents of the duplicates file embedded at most (also a random sample).
    public var duplicateSampleSize = 200
    /// Failed and filtered documents listed (and embedded) per stage and reason.
    public var examplesPerReason = 10
    /// Longest text embedded, in Unicode scalars (a longer one is cut, and the page says so).
    public var maxTextScalars = 20_000

    public init() {}
}

/// A report could not be made: the output is missing, or a file cannot be read or written.
public enum ReportError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The output named does not exist.
    case noOutput(path: String)
    /// A file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// The file named holds no JSON record, and no run wrote it (no stats file beside it).
    case notAnOutput(path: String, lines: Int, stats: String)

    public var description: String {
        switch self {
        case .noOutput(let path):
            return "there is no output at \(MessageText.quoted(path)): name the JSONL file a run wrote (the config's 'output', e.g. output/corpus.jsonl), or run 'textmill run' first"
        case .unreadable(let path, let reason):
            return "cannot read \(MessageText.quoted(path)): \(reason)"
        case .notAnOutput(let path, let lines, let stats):
            return "\(MessageText.quoted(path)) is not an output a run wrote: it holds no JSON record (\(MessageText.counted(lines, "line")), none a JSON object), and there is no \(MessageText.quoted(stats)) beside it; name the JSONL file a run wrote (the config's 'output', e.g. output/corpus.jsonl)"
        }
    }
}

/// `textmill report`: what an output and its side files hold, gathered in one pass over each
/// file, ready to be written as one self-contained HTML page (`ReportPage`).
public struct CorpusReport: Sendable {
    /// Whether `path` may be replaced by a report page: nothing or an empty file is there, or a
    /// page `report` wrote (it begins as every page does). Anything else (`--out pipeline.yaml`,
    /// `--out notes.txt`) would be lost to the page, which replaces its path whole.
    public static func mayReplace(_ path: String) -> Bool { ReportPage.mayReplace(path) }

    /// The output and the side files named after it.
    public let files: OutputFiles
    public let options: ReportOptions
    /// The stats file, when there is one that parses.
    public var stats: JSONObject?
    /// Why there are no stats, when there are none.
    public var statsProblem: String?
    /// Set when the stats file was refused unread (over `SmallFile.maxBytes`, or not a file):
    /// `textmill report` prints it as a warning.
    public var statsRefused: String?
    /// The files whose reading stopped at damaged gzip data, each with what the page and the
    /// command say of it (`stoppedNote`).
    public var stoppedFiles: [(path: String, note: String)] {
        fileCounts.compactMap { file in file.counts?.stoppedBy.map { (file.path, CorpusReport.stoppedNote($0)) } }
    }

    /// What is said of a file whose reading stopped at damaged gzip data.
    static func stoppedNote(_ why: String) -> String {
        "reading stopped there: " + why + "; the page shows the records before it (a run that appends to the file, or was killed while appending, leaves its end so until the run ends or the next run mends it)"
    }
    public var aggregates = CorpusAggregates()
    /// Failed documents by stage and reason.
    public var errorGroups: ErrorGroups
    /// Filtered documents (dropped and marked) by stage and reason.
    public var filterGroups: ErrorGroups
    /// The documents embedded for the browser, in the order the browser lists them.
    public var documents: [JSONObject] = []
    /// Output documents embedded, and whether they are a sample.
    public var sampledOutput = (embedded: 0, of: 0, sampled: false)
    /// Duplicates embedded, and whether they are a sample.
    public var sampledDuplicates = (embedded: 0, of: 0, sampled: false)
    /// Embedded documents whose text was cut to `maxTextScalars`.
    public var cutTexts = 0
    /// Per file read: whether it was there, its records and its unreadable lines.
    var fileCounts: [(path: String, counts: ReportFileReader.Counts?)] = []

    /// Reads `output` (plain or `.gz`) and its side files once each.
    public static func build(output: String, options: ReportOptions = ReportOptions()) throws -> CorpusReport {
        guard FileManager.default.fileExists(atPath: output) else { throw ReportError.noOutput(path: output) }
        var report = CorpusReport(files: OutputFiles(output: output), options: options)
        try report.readStats()
        try report.readErrors()
        let wanted = try report.readDuplicates()
        try report.readFiltered()
        try report.readOutput(pinning: wanted)
        // An input named by mistake (`textmill report in/story.txt`) made a page of no documents
        // in the input folder under exit 0, which the next run read as an HTML document.
        if let counts = report.fileCounts.last(where: { $0.path == report.files.output })?.counts,
           counts.records == 0 && !FileManager.default.fileExists(atPath: report.files.stats) {
            // A `.gz` file no run wrote whose gzip data fails before its first record (another
            // file given a .gz name) is refused as it was before a damaged end was read around.
            if let why = counts.stoppedBy { throw ReportError.unreadable(path: output, reason: why) }
            if counts.unreadable > 0 { throw ReportError.notAnOutput(path: output, lines: counts.unreadable, stats: report.files.stats) }
        }
        return report
    }

    private init(files: OutputFiles, options: ReportOptions) {
        self.files = files
        self.options = options
        errorGroups = ErrorGroups(examplesPerGroup: options.examplesPerReason)
        filterGroups = ErrorGroups(examplesPerGroup: options.examplesPerReason)
    }

    /// Runs `forEachRecord` on `path`, turning a read failure into a `ReportError`.
    private mutating func read(_ path: String, _ body: (JSONObject, Int) -> Void) throws {
        do {
            fileCounts.append((path, try ReportFileReader.forEachRecord(in: path, body)))
        } catch {
            throw ReportError.unreadable(path: path, reason: "\(error)")
        }
    }

    private mutating func readStats() throws {
        let found = SmallFile.read(files.stats)
        if let refused = SmallFile.refusal(found, path: files.stats) {
            statsProblem = "the stats file " + refused + " (a run writes a few KB there; the next 'textmill run' replaces it)"
            statsRefused = statsProblem
            return
        }
        guard case .bytes(let data) = found else {
            statsProblem = "there is no stats file at \(MessageText.quoted(files.stats)) (it is written at the end of each 'textmill run')"
            return
        }
        guard let value = try? JSONParser.parse(data), case .object(let o) = value else {
            statsProblem = "the stats file \(MessageText.quoted(files.stats)) is not a JSON object"
            return
        }
        stats = o
    }

    private mutating func readErrors() throws {
        var aggregates = self.aggregates, groups = errorGroups, embedded: [JSONObject] = []
        try read(files.errors) { record, _ in
            let id = PageBounds.name(record["id"]?.stringValue ?? "(no id)")
            let reason = record["reason"]?.stringValue ?? "(no reason)"
            let position = CorpusReport.position(record)
            let key = ErrorGroups.key(stage: record["stage"]?.stringValue, reason: reason)
            aggregates.addError(record, key: key)
            let shownReason = PageBounds.cut(reason, to: PageBounds.maxReasonScalars)
            let documentKey = "f\(embedded.count)"
            if groups.add(key: key, example: .init(id: id, reason: shownReason, position: position, key: documentKey)) {
                var entry = JSONObject()
                for field in ["source", "stage", "line", "column"] {
                    if let value = record[field] { entry[field] = PageBounds.field(field, value) }
                }
                entry["id"] = .string(id)
                entry["reason"] = .string(shownReason)
                entry["set"] = .string("failed")
                entry["key"] = .string(documentKey)
                embedded.append(entry)
            }
        }
        self.aggregates = aggregates
        errorGroups = groups
        documents += embedded
    }

    /// Reads the duplicates file; returns the ids the embedded duplicates point to.
    private mutating func readDuplicates() throws -> Set<String> {
        var aggregates = self.aggregates
        var sample = ReservoirSample<JSONObject>(capacity: options.duplicateSampleSize)
        let limit = options.maxTextScalars
        try read(files.duplicates) { record, _ in
            aggregates.addDuplicate(record)
            sample.offer { EmbeddedDocument.make(record, set: "duplicate", maxScalars: limit) }
        }
        self.aggregates = aggregates
        var kept = sample.inOrder
        sampledDuplicates = (kept.count, sample.seen, sample.isSampled)
        for i in kept.indices { kept[i]["key"] = .string("d\(i)") }
        documents += kept
        return Set(kept.compactMap { $0["duplicate"]?.objectValue?["of"]?.stringValue })
    }

    private mutating func readFiltered() throws {
        var aggregates = self.aggregates, groups = filterGroups, embedded: [JSONObject] = []
        let limit = options.maxTextScalars
        try read(files.filtered) { record, _ in
            aggregates.addFiltered(record)
            let documentKey = "g\(embedded.count)"
            if CorpusReport.addFilterExample(record, key: documentKey, to: &groups) {
                var document = EmbeddedDocument.make(record, set: "filtered", maxScalars: limit)
                document["key"] = .string(documentKey)
                embedded.append(document)
            }
        }
        self.aggregates = aggregates
        filterGroups = groups
        documents += embedded
    }

    private mutating func readOutput(pinning wanted: Set<String>) throws {
        var aggregates = self.aggregates, groups = filterGroups
        var sample = ReservoirSample<JSONObject>(capacity: options.sampleSize)
        var pinned: [JSONObject] = []
        var markedFiltered: [JSONObject] = []
        let limit = options.maxTextScalars
        try read(files.output) { record, _ in
            aggregates.addOutput(record)
            if record["filtered"]?.objectValue != nil, CorpusReport.addFilterExample(record, to: &groups) {
                markedFiltered.append(EmbeddedDocument.make(record, set: "output", maxScalars: limit))
            }
            if let id = record["id"]?.stringValue, wanted.contains(PageBounds.name(id)), pinned.count < wanted.count {
                pinned.append(EmbeddedDocument.make(record, set: "output", maxScalars: limit))
            }
            sample.offer { EmbeddedDocument.make(record, set: "output", maxScalars: limit) }
        }
        self.aggregates = aggregates
        filterGroups = groups
        let kept = sample.inOrder
        sampledOutput = (kept.count, sample.seen, sample.isSampled)
        // Output documents first (the browser's default list), then what the other files hold.
        var seen = Set<String>()
        var all: [JSONObject] = []
        // An output record offered twice (sampled, pinned, a marked filtered example) is
        // embedded once; every other document is one of its own, found by its key.
        for doc in kept + pinned + markedFiltered + documents {
            if doc["key"] != nil || seen.insert(doc["id"]?.stringValue ?? "").inserted { all.append(doc) }
        }
        documents = all
        cutTexts = documents.filter { $0["full_length"] != nil }.count
    }

    /// Adds a filtered record to `groups`; true when it became one of the listed examples.
    /// `key` is the document's key among the embedded ones (`EmbeddedDocument.key`; nil for an
    /// output record, found by its id).
    private static func addFilterExample(_ record: JSONObject, key documentKey: String? = nil, to groups: inout ErrorGroups) -> Bool {
        let filtered = record["filtered"]?.objectValue
        let reason = filtered?["reason"]?.stringValue
        let detail = filtered?["detail"]?.stringValue
        let key = ErrorGroups.key(stage: filtered?["stage"]?.stringValue, reason: reason, mask: false)
        let shown = PageBounds.cut([reason ?? "(no reason)", detail].compactMap { $0 }.joined(separator: ": "), to: PageBounds.maxReasonScalars)
        return groups.add(key: key, example: .init(id: PageBounds.name(record["id"]?.stringValue ?? "(no id)"), reason: shown, position: nil,
                                                   key: documentKey))
    }

    /// "line 3, column 7" from an error record's `line` and `column`.
    static func position(_ record: JSONObject) -> String? {
        guard let line = record["line"]?.intValue else { return nil }
        return "line \(line)" + (record["column"]?.intValue.map { ", column \($0)" } ?? "")
    }

    /// The page (`ReportPage`).
    public var html: String { ReportPage(report: self).html }

    /// Writes the page to `path` through a temporary file renamed into place.
    public func write(to path: String) throws {
        try DurableFile.write(Array(html.utf8), to: path)
    }
}
