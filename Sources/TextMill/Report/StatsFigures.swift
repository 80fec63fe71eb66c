import Foundation

/// What the report page may take from a stats file as figures, and what it says when the file
/// is not one this version of TextMill wrote: a stats file carrying a `version` (this version
/// writes none) or no `run` object is of another version, and a figure that is not a JSON number
/// (`"failed": "ten"`) is left out of the page rather than shown as a count, and so is a negative
/// one (`"documents": -5`): no run writes one, so the file was edited or damaged since.
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

    /// `value` when it is a figure a run writes: a JSON number that is not negative; nil otherwise.
    /// Every count, size, time and speed a run writes is zero or more.
    static func figure(_ value: JSONValue?) -> String? {
        guard let text = number(value), !isNegative(text) else { return nil }
        return text
    }

    /// `value` as a count: a whole figure a run writes (`figure`), nil otherwise.
    static func count(_ value: JSONValue?) -> Int? {
        figure(value).flatMap { JSONValue.number($0).intValue }
    }

    /// The change from one figure to another as the page shows it, `+1`, `-2` or `0`: worked out
    /// in decimal from the figures as written, so it has no more places than they have (in
    /// binary floating point, 0.011 s to 0.05 s was a change of "+0.03900000000000001"); nil
    /// when either is no number.
    static func change(from before: String, to now: String) -> String? {
        if let a = Decimal(string: before, locale: Locale(identifier: "en_US_POSIX")), let b = Decimal(string: now, locale: Locale(identifier: "en_US_POSIX")),
           a.isFinite, b.isFinite {
            let delta = b - a
            return (delta > 0 ? "+" : "") + delta.description
        }
        guard let a = Double(before), let b = Double(now) else { return nil }
        let delta = b - a
        return (delta > 0 ? "+" : "") + JSONValue(delta).jsonText
    }

    /// Whether a JSON number's text is below zero (`-0` is not).
    static func isNegative(_ text: String) -> Bool { (Double(text) ?? 0) < 0 }

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
        figures(where: { StatsFigures.number($0) == nil })
    }

    /// Where a figure the page would show is a negative number: `run.documents (-5)`.
    var negatives: [String] {
        figures(where: { StatsFigures.number($0).map(StatsFigures.isNegative) ?? false })
    }

    /// The figures the page shows (of `run`, of each stage and its counts, the output's records
    /// and the previous run's figures) for which `isBad` holds, each as `path (value)`.
    private func figures(where isBad: (JSONValue) -> Bool) -> [String] {
        var found: [String] = []
        func check(_ path: String, _ value: JSONValue?) {
            guard let value, isBad(value) else { return }
            found.append("\(path) (\(PageBounds.cut(value.jsonText, to: 40)))")
        }
        if let run = stats["run"]?.objectValue {
            for key in StatsFigures.runFigures { check("run.\(key)", run[key]) }
        }
        check("output.records", stats["output"]?.objectValue?["records"])
        for (i, stage) in (stats["stages"]?.arrayValue ?? []).enumerated() {
            guard let stage = stage.objectValue else { continue }
            for key in StatsFigures.stageFigures { check("stages[\(i)].\(key)", stage[key]) }
            for (key, value) in stage["counts"]?.objectValue ?? JSONObject() { check("stages[\(i)].counts.\(PageBounds.name(key))", value) }
        }
        if let previous = stats["previous"]?.objectValue?["run"]?.objectValue {
            for key in StatsFigures.runFigures { check("previous.run.\(key)", previous[key]) }
        }
        return found
    }

    /// `found` named in a note, at most `maxNamed` of them: `a (1), b (2) and 3 more`.
    static func named(_ found: [String]) -> String {
        let named = found.prefix(maxNamed).joined(separator: ", ")
        return named + (found.count > maxNamed ? " and \(found.count - maxNamed) more" : "")
    }

    /// The note on figures that are not numbers, nil when every figure is one.
    var notNumbersNote: String? {
        let found = notNumbers
        guard !found.isEmpty else { return nil }
        return "\(found.count == 1 ? "a figure" : "\(found.count) figures") of the stats file \(found.count == 1 ? "is not a number and is" : "are not numbers and are") shown as –: \(StatsFigures.named(found))"
    }

    /// The note on negative figures, nil when there is none.
    var negativesNote: String? {
        let found = negatives
        guard !found.isEmpty else { return nil }
        return "\(found.count == 1 ? "a figure" : "\(found.count) figures") of the stats file \(found.count == 1 ? "is" : "are") negative, which no run writes "
            + "(the file was edited or damaged since), and \(found.count == 1 ? "is" : "are") shown as –: \(StatsFigures.named(found)); the next 'textmill run' replaces it"
    }
}
