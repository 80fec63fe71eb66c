/// What the report page may take from a stats file as figures, and what it says when the file
/// is not one this version of TextMill wrote: a stats file carrying a `version` (this version
/// writes none) or no `run` object is of another version, and a figure that is not a JSON number
/// (`"failed": "ten"`) is left out of the page rather than shown as a count.
struct StatsFigures {
    let stats: JSONObject

    /// Figures of `run` the page shows.
    static let runFigures = ["files", "documents", "written", "duplicates", "filtered", "marked", "failed",
                             "reused_ids", "megabytes", "seconds", "megabytes_per_second"]
    /// Figures of each `stages` entry the page shows (its `counts` are figures too).
    static let stageFigures = ["line", "documents", "failed", "seconds", "megabytes_per_second"]
    /// Figures named in a note at most; the rest are counted.
    static let maxNamed = 5

    /// `value` when it is a JSON number, as written; nil otherwise.
    static func number(_ value: JSONValue?) -> String? {
        guard let value, case .number(let text) = value else { return nil }
        return text
    }

    /// The note on another version, nil when the file has the form this version writes.
    var versionNote: String? {
        if let version = stats["version"] {
            return "the stats file is of another version of TextMill (its \"version\" is \(PageBounds.cut(version.jsonText, to: 40)); this version writes none), so its figures may not mean what this page's rows do; the next 'textmill run' replaces it"
        }
        if stats["run"]?.objectValue == nil {
            return "the stats file is of another version of TextMill (it has no \"run\" object, which this version writes), so it gives no figures here; the next 'textmill run' replaces it"
        }
        return nil
    }

    /// Where a figure the page would show is not a number: `run.failed ("ten")`.
    var notNumbers: [String] {
        var found: [String] = []
        func check(_ path: String, _ value: JSONValue?) {
            guard let value, StatsFigures.number(value) == nil else { return }
            found.append("\(path) (\(PageBounds.cut(value.jsonText, to: 40)))")
        }
        if let run = stats["run"]?.objectValue {
            for key in StatsFigures.runFigures { check("run.\(key)", run[key]) }
        }
        for (i, stage) in (stats["stages"]?.arrayValue ?? []).enumerated() {
            guard let stage = stage.objectValue else { continue }
            for key in StatsFigures.stageFigures { check("stages[\(i)].\(key)", stage[key]) }
            for (key, value) in stage["counts"]?.objectValue ?? JSONObject() { check("stages[\(i)].counts.\(PageBounds.name(key))", value) }
        }
        return found
    }

    /// The note on figures that are not numbers, nil when every figure is one.
    var notNumbersNote: String? {
        let found = notNumbers
        guard !found.isEmpty else { return nil }
        let named = found.prefix(StatsFigures.maxNamed).joined(separator: ", ")
        let more = found.count > StatsFigures.maxNamed ? " and \(found.count - StatsFigures.maxNamed) more" : ""
        return "\(found.count == 1 ? "a figure" : "\(found.count) figures") of the stats file \(found.count == 1 ? "is not a number and is" : "are not numbers and are") shown as –: \(named)\(more)"
    }
}
