import Foundation

/// The run's figures as `stats.json` and as the table printed at the end.
public enum RunReport {
    /// `NAME.stats.json`: the outputs as they stand (`output`), what this run did (`run`) and, per
    /// stage, documents, failures, seconds, MB/s and counters.
    /// `previous`: the stats file this run replaces; its `run` and `output` are kept under
    /// `previous`, so a reader (`textmill report`) can say what changed.
    public static func json(_ s: RunSummary, previous: JSONObject? = nil) -> JSONValue {
        var run = JSONObject([
            ("files", JSONValue(s.files)), ("documents", JSONValue(s.items)), ("written", JSONValue(s.written)),
            ("duplicates", JSONValue(s.duplicates)), ("filtered", JSONValue(s.filtered)), ("marked", JSONValue(s.marked)),
            ("failed", JSONValue(s.failed)), ("reused_ids", JSONValue(s.reusedIDs)),
            ("megabytes", JSONValue((Double(s.bytesRead) / 1e4).rounded() / 100)),
            ("seconds", JSONValue((s.seconds * 1000).rounded() / 1000)),
            ("megabytes_per_second", JSONValue(s.seconds > 0 ? (Double(s.bytesRead) / 1e4 / s.seconds).rounded() / 100 : 0)),
            ("mode", .string(s.mode)), ("output", .string(s.outputPath)),
            ("input_fields_moved", .object(JSONObject(s.inputFieldsMoved.sorted { $0.key < $1.key }.map { ($0.key, JSONValue($0.value)) }))),
            ("input_fields_repeated", .object(JSONObject(s.inputFieldsRepeated.sorted { $0.key < $1.key }.map { ($0.key, JSONValue($0.value)) }))),
            ("input_skipped", .object(JSONObject(s.inputSkipped.sorted { $0.key < $1.key }.map { ($0.key, JSONValue($0.value)) }))),
        ])
        if let r = s.resumed {
            // What the interrupted run this one finished had done: with the figures above, the
            // whole run's (`ResumedWork`).
            run["resumed"] = .object(JSONObject([
                ("files", JSONValue(r.files)), ("documents", JSONValue(r.documents)), ("written", JSONValue(r.written)),
                ("duplicates", JSONValue(r.duplicates)), ("filtered", JSONValue(r.filtered)), ("failed", JSONValue(r.failed)),
            ]))
        }
        let stages = s.stages.map { f in
            JSONValue.object(JSONObject([
                ("stage", .string(f.name)), ("line", JSONValue(f.line)), ("documents", JSONValue(f.documents)),
                ("failed", JSONValue(f.failed)),
                ("filtered", .object(JSONObject(f.filtered.sorted { $0.key < $1.key }.map { ($0.key, JSONValue($0.value)) }))),
                ("seconds", JSONValue((f.seconds * 1000).rounded() / 1000)),
                ("megabytes_per_second", JSONValue((f.megabytesPerSecond * 100).rounded() / 100)),
                ("counts", .object(JSONObject(f.counters.sorted { $0.key < $1.key }.map { (RunReport.snakeCase($0.key), JSONValue($0.value)) }))),
            ]))
        }
        var fields: [(String, JSONValue)] = []
        if let standing = s.standing {
            // The outputs as they now stand; `run` says what this run did.
            fields.append(("output", .object(JSONObject([
                ("path", .string(s.outputPath)), ("records", JSONValue(standing.records)),
                ("duplicates", standing.duplicates.map { JSONValue($0) } ?? .null),
                ("errors", standing.errors.map { JSONValue($0) } ?? .null),
                ("filtered", standing.filtered.map { JSONValue($0) } ?? .null),
            ]))))
        }
        fields += [("run", .object(run)), ("stages", .array(stages))]
        if let previous, previous["run"] != nil {
            fields.append(("previous", .object(JSONObject(["output", "run"].compactMap { key in previous[key].map { (key, $0) } }))))
        }
        return .object(JSONObject(fields))
    }

    /// A counter's name as a JSON key: lower case, words joined by "_" ("index memory bytes" →
    /// "index_memory_bytes").
    public static func snakeCase(_ name: String) -> String {
        var out = ""
        var gap = false
        for c in name.lowercased() {
            if c.isLetter || c.isNumber {
                if gap && !out.isEmpty { out.append("_") }
                out.append(c)
                gap = false
            } else {
                gap = true
            }
        }
        return out
    }

    /// A per-stage table: documents, failures, seconds, MB/s and what each stage counted.
    public static func table(_ stages: [RunStats.StageFigures]) -> String {
        var rows = [["stage", "docs", "failed", "seconds", "MB/s", "produced or removed"]]
        for f in stages {
            // A stage that counts its own reasons (filter) shows them once.
            let filtered = f.filtered.filter { f.counters[$0.key] == nil }.sorted { $0.key < $1.key }.map { "filtered \(MessageText.escaped($0.key)) \($0.value)" }
            let produced = (filtered + f.counters.sorted { $0.key < $1.key }.map { "\(MessageText.escaped($0.key)) \($0.value)" }).joined(separator: ", ")
            rows.append([f.name, "\(f.documents)", "\(f.failed)", String(format: "%.3f", f.seconds),
                         String(format: "%.1f", f.megabytesPerSecond), produced])
        }
        let widths = (0..<6).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { c, cell in
                c == 0 ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    : c == 5 ? cell : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// The lines printed after a run.
    /// `reason`: repeat why everything was reprocessed (off when it was shown as a notice).
    public static func summary(_ s: RunSummary, reason: Bool = true) -> String {
        let mb = Double(s.bytesRead) / 1e6
        let rate = s.seconds > 0 ? mb / s.seconds : 0
        var lines: [String] = []
        if reason, let why = s.reprocessReason { lines.append("textmill: \(why)") }
        lines.append("textmill: \(MessageText.counted(s.items, "document")) from \(MessageText.counted(s.files, "file"))"
                     + String(format: " (%.1f MB) in %.2f s, %.1f MB/s", mb, s.seconds, rate)
                     + (s.mode.isEmpty ? "" : " [\(s.mode)]"))
        if s.framed {
            lines.append("  \(s.written) written, " + (s.filtered > 0 ? "\(s.filtered) filtered, " : "") + "\(s.failed) failed, framed to stdout for the job")
        } else if s.outputPath == "-" {
            // A run to stdout keeps no side files: its failures were shown on stderr as they came.
            lines.append("  \(s.written) written to stdout, "
                         + (s.duplicates > 0 ? "\(MessageText.counted(s.duplicates, "duplicate")) dropped, " : "")
                         + (s.filtered > 0 ? "\(s.filtered) filtered, " : "")
                         + "\(s.failed) failed" + (s.failed > 0 ? " (each above, on stderr)" : "")
                         + (s.duplicates + s.filtered > 0 ? "; a run to stdout keeps no side files: to keep what it drops, write to a file (--output FILE)" : ""))
        } else {
            lines.append("  \(s.written) written to \(MessageText.escaped(s.outputPath)), \(MessageText.counted(s.duplicates, "duplicate")) to \(MessageText.escaped(s.duplicatesPath)), "
                         + (s.filtered > 0 ? "\(s.filtered) filtered to \(MessageText.escaped(s.filteredPath)), " : "")
                         + "\(s.failed) failed to \(MessageText.escaped(s.errorsPath))")
        }
        if s.keptFailures > 0 {
            lines.append("  \(s.keptFailures) failed \(s.keptFailures == 1 ? "document" : "documents") of earlier runs still in \(MessageText.escaped(s.errorsPath)): "
                         + "\(s.keptFailures == 1 ? "its file is" : "their files are") unchanged and \(s.keptFailures == 1 ? "was" : "were") not read again (exit status 1 until fixed or removed)")
        }
        if !s.stages.isEmpty { lines.append(table(s.stages)) }
        return lines.joined(separator: "\n")
    }
}
