import Foundation

/// What a report's charts show, counted in one pass over an output and its side files. Memory
/// is bounded whatever the corpus: fixed histograms, and counters that hold at most a set
/// number of keys (`BoundedCounter`).
public struct CorpusAggregates: Sendable, Equatable {
    /// Bucket bounds of the document length histogram, in Unicode scalars.
    public static let lengthBounds = [0, 1, 100, 250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100_000]
    /// Bucket bounds of the quotes-per-document histogram.
    public static let quoteCountBounds = [0, 1, 2, 3, 5, 10, 20, 50]
    /// Bucket bounds of the duplicate cluster sizes (a kept document with its duplicates).
    public static let clusterSizeBounds = [2, 3, 4, 5, 10, 20, 50, 100]

    /// Records in the output.
    public var documents = 0
    /// Output records whose `duplicate` is set (dedup's `action: mark`).
    public var markedDuplicates = 0
    /// Output records whose `filtered` is set (a filter's `action: mark`).
    public var markedFiltered = 0
    /// Records in the duplicates file.
    public var droppedDuplicates = 0
    /// Records in the filtered file.
    public var droppedFiltered = 0
    /// Records in the errors file.
    public var errors = 0
    /// Quotations in the output.
    public var quotes = 0

    /// Output documents by length of `text` in Unicode scalars.
    public var lengths = Histogram(lowerBounds: lengthBounds)
    /// Output documents by number of quotations.
    public var quotesPerDocument = Histogram(lowerBounds: quoteCountBounds)
    /// Output documents by the folder of `source.path`.
    public var folders = BoundedCounter(capacity: 10_000)
    /// Output documents by `source.format`.
    public var formats = BoundedCounter(capacity: 1_000)
    /// Output documents by `meta.language` (a code, or the `code` of a language object).
    public var languages = BoundedCounter(capacity: 1_000)
    /// Quotations by `kind`.
    public var quoteKinds = BoundedCounter(capacity: 100)
    /// Quotations by speaker: one key per speaker entity (`SpeakerEntities`: the speaker's
    /// `name`, so a pronoun the quotes stage resolved to "Assem Zhapisheva" counts for her, and
    /// so does a bare "Zhapisheva" in a document that names her in full).
    public var speakers = BoundedCounter(capacity: 50_000)
    /// Quotations whose speaker the quotes stage left unresolved (`"unresolved": true`: "we",
    /// "Most said"), or, without that field, a pronoun ("we", "I").
    public var unresolvedSpeakers = 0
    /// Duplicates by the document they duplicate (`duplicate.of`).
    public var duplicateTargets = BoundedCounter(capacity: 200_000)
    /// Duplicates by `duplicate.kind` (exact, near).
    public var duplicateKinds = BoundedCounter(capacity: 100)
    /// Failed documents by "stage: reason" (the reason with names and numbers masked, see
    /// `ErrorGroups.key`).
    public var errorReasons = BoundedCounter(capacity: 10_000)
    /// Filtered documents by "stage: reason".
    public var filterReasons = BoundedCounter(capacity: 10_000)

    public init() {}

    /// Counts one record of the output.
    public mutating func addOutput(_ record: JSONObject) {
        documents += 1
        let text = record["text"]?.stringValue ?? ""
        lengths.add(text.unicodeScalars.count)
        let source = record["source"]?.objectValue
        folders.add(CorpusAggregates.folder(of: source?["path"]?.stringValue))
        formats.add(source?["format"]?.stringValue ?? "(none)")
        languages.add(CorpusAggregates.language(of: record["meta"]))
        let found = record["quotes"]?.arrayValue ?? []
        quotesPerDocument.add(found.count)
        quotes += found.count
        var speakerObjects: [JSONObject] = []
        for case .object(let quote) in found {
            quoteKinds.add(quote["kind"]?.stringValue ?? "(none)")
            if let speaker = quote["speaker"]?.objectValue { speakerObjects.append(speaker) }
        }
        for entity in SpeakerEntities.entities(ofSpeakers: speakerObjects) {
            if let entity { speakers.add(entity) } else { unresolvedSpeakers += 1 }
        }
        if countDuplicate(record) { markedDuplicates += 1 }
        if countFiltered(record) { markedFiltered += 1 }
    }

    /// Counts one record of the duplicates file.
    public mutating func addDuplicate(_ record: JSONObject) {
        droppedDuplicates += 1
        _ = countDuplicate(record)
    }

    /// Counts one record of the filtered file.
    public mutating func addFiltered(_ record: JSONObject) {
        droppedFiltered += 1
        _ = countFiltered(record)
    }

    /// Counts one line of the errors file; `key` is its `ErrorGroups.key` when the caller has it.
    public mutating func addError(_ record: JSONObject, key: String? = nil) {
        errors += 1
        errorReasons.add(key ?? ErrorGroups.key(stage: record["stage"]?.stringValue, reason: record["reason"]?.stringValue))
    }

    /// Duplicate clusters by size: each document others duplicate, with them.
    public var clusterSizes: Histogram {
        var h = Histogram(lowerBounds: CorpusAggregates.clusterSizeBounds)
        for count in duplicateTargets.counts.values { h.add(count + 1) }
        return h
    }

    private mutating func countDuplicate(_ record: JSONObject) -> Bool {
        guard let duplicate = record["duplicate"]?.objectValue else { return false }
        duplicateTargets.add(duplicate["of"]?.stringValue ?? "(unknown)")
        duplicateKinds.add(duplicate["kind"]?.stringValue ?? "(none)")
        return true
    }

    private mutating func countFiltered(_ record: JSONObject) -> Bool {
        guard let filtered = record["filtered"]?.objectValue else { return false }
        filterReasons.add(ErrorGroups.key(stage: filtered["stage"]?.stringValue, reason: filtered["reason"]?.stringValue, mask: false))
        return true
    }

    /// The folder of a source path ("input/feeds/a.rss" → "input/feeds"; "(none)" without one).
    static func folder(of path: String?) -> String {
        guard let path, !path.isEmpty else { return "(none)" }
        let folder = PathText.folder(of: path)
        return folder.isEmpty ? "." : folder
    }

    /// `meta.language` as a string: itself, or the `code` of the language stage's object.
    static func language(of meta: JSONValue?) -> String {
        switch meta?.objectValue?["language"] {
        case .string(let code)?: return code.isEmpty ? "(none)" : code
        case .object(let o)?: return o["code"]?.stringValue ?? "(none)"
        default: return "(none)"
        }
    }
}
