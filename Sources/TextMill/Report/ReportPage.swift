import Foundation

/// The report as one self-contained HTML page: styles, script and data inline, nothing loaded
/// from elsewhere. The run at a glance, the charts and the error lists are drawn here; the
/// document browser is drawn by the page's script from the embedded sample.
struct ReportPage {
    let report: CorpusReport

    /// Rows of the chart of most quoted speakers, and of the other top-N charts.
    static let topSpeakers = 20, topFolders = 15, topFormats = 10, topLanguages = 15, topReasons = 20

    /// How every page begins: a file that does not begin so is not one `report` wrote
    /// (`CorpusReport.mayReplace`).
    static let opening = """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8">

        """

    /// `CorpusReport.mayReplace`: nothing, an empty file or a file that begins as `opening` does.
    static func mayReplace(_ path: String) -> Bool {
        let opening = Array(ReportPage.opening.utf8)
        guard let head = SmallFile.prefix(path, count: opening.count) else { return errno == ENOENT }
        return head.isEmpty || head == opening
    }

    var html: String {
        let name = HTMLText.escape(report.files.output)
        var out = ReportPage.opening + """
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
        <title>TextMill report: \(name)</title>
        <style>\(ReportAssets.css)</style>
        </head><body>
        <header><h1>TextMill report: <code>\(name)</code></h1>
        <nav><a href="#glance">At a glance</a> <a href="#charts">Charts</a> <a href="#browser">Documents</a> <a href="#errors">Failed</a> <a href="#filtered">Filtered</a></nav></header>
        <main>
        """
        out += glance + charts + browser
        out += groupsSection(id: "errors", title: "Failed documents", groups: report.errorGroups,
                             empty: "No document failed.", file: report.files.errors)
        out += groupsSection(id: "filtered", title: "Filtered documents", groups: report.filterGroups,
                             empty: "No document was filtered.", file: report.files.filtered)
        out += filesRead
        out += "</main>\n<script type=\"application/json\" id=\"tm-data\">"
        out += String(decoding: HTMLText.scriptSafeJSON(data), as: UTF8.self)
        out += "</script>\n<script>\(ReportAssets.script)</script>\n</body></html>\n"
        return out
    }

    // MARK: - At a glance

    private var glance: String {
        var out = "<section id=\"glance\"><h2>At a glance</h2>"
        let a = report.aggregates
        let run = report.stats?["run"]?.objectValue
        // A figure that is not a number ("ten") or is negative is no count: shown as "–", and
        // named in a note.
        func figure(_ key: String) -> String { StatsFigures.figure(run?[key]) ?? "–" }
        let filteredNow = a.droppedFiltered + a.markedFiltered
        // Dropped plus marked, as the files count them.
        let marked: Int? = run?["marked"] == nil ? 0 : StatsFigures.count(run?["marked"])
        let filteredRun = StatsFigures.count(run?["filtered"]).flatMap { filtered in marked.map { "\(filtered + $0)" } } ?? "–"
        let rows: [(id: String, label: String, run: String, now: String)] = [
            ("files", "input files", figure("files"), "–"),
            ("documents", "documents in", figure("documents"), "\(a.documents + a.droppedDuplicates + a.droppedFiltered + a.errors)"),
            ("written", "written to the output", figure("written"), "\(a.documents)"),
            ("duplicates", "duplicates", figure("duplicates"), "\(a.droppedDuplicates + a.markedDuplicates)"),
            ("filtered", "filtered", filteredRun, "\(filteredNow)"),
            ("failed", "failed", figure("failed"), "\(a.errors)"),
            ("quotes", "quotations", "–", "\(a.quotes)"),
        ]
        out += "<table class=\"glance\"><thead><tr><th></th><th>this run (stats file)</th><th>the files now</th></tr></thead><tbody>"
        for row in rows {
            out += "<tr><th>\(row.label)</th><td id=\"glance-run-\(row.id)\">\(HTMLText.escape(row.run))</td><td id=\"glance-now-\(row.id)\">\(row.now)</td></tr>"
        }
        out += "</tbody></table>"
        let figures = report.stats.map(StatsFigures.init)
        for note in [report.statsProblem, figures?.versionNote, figures?.notNumbersNote, figures?.negativesNote] {
            if let note { out += "<p class=\"note\">\(HTMLText.escape(note)).</p>" }
        }
        if let run {
            var facts: [String] = []
            if let mb = StatsFigures.figure(run["megabytes"]), let s = StatsFigures.figure(run["seconds"]) {
                facts.append("\(mb) MB in \(s) s" + (StatsFigures.figure(run["megabytes_per_second"]).map { " (\($0) MB/s)" } ?? ""))
            }
            if let reused = run["reused_ids"]?.intValue, reused > 0 { facts.append("\(MessageText.counted(reused, "record")) under an id the output already held") }
            if !facts.isEmpty { out += "<p>\(HTMLText.escape(facts.joined(separator: "; "))).</p>" }
        }
        out += changes + stageTable + "</section>\n"
        return out
    }

    /// What changed since the previous run, as far as the stats file says.
    private var changes: String {
        guard let stats = report.stats else { return "" }
        var lines: [String] = []
        if let mode = stats["run"]?.objectValue?["mode"]?.stringValue, !mode.isEmpty {
            lines.append("This run: " + mode + ".")
        }
        // A run never writes more records than the output holds after it: figures that say so
        // were edited, and give no count of records kept.
        // A run that resumed an interrupted one counts the records that run wrote apart
        // (`run.resumed`): they are not kept from earlier runs (the page said so until session 37).
        let resumed = StatsFigures.count(stats["run"]?.objectValue?["resumed"]?.objectValue?["written"]) ?? 0
        if let records = StatsFigures.count(stats["output"]?.objectValue?["records"]),
           let written = StatsFigures.count(stats["run"]?.objectValue?["written"]), written + resumed <= records {
            let wrote = "This run wrote \(MessageText.counted(written, "record"))" + (resumed > 0 ? " and the interrupted run it finished \(resumed)" : "")
            lines.append(records == written ? "The output holds the \(MessageText.counted(records, "record")) this run wrote."
                         : records == written + resumed ? wrote + "; the output holds these \(records)."
                         : wrote + "; the output holds \(records) (\(records - written - resumed) kept from earlier runs).")
        }
        var out = lines.isEmpty ? "" : "<h3>Since the previous run</h3><p id=\"changes\">" + HTMLText.escape(lines.joined(separator: " ")) + "</p>"
        if let previous = stats["previous"]?.objectValue?["run"]?.objectValue, let run = stats["run"]?.objectValue {
            out += "<table class=\"changes\"><thead><tr><th></th><th>previous run</th><th>this run</th><th>change</th></tr></thead><tbody>"
            for (key, value) in run {
                guard let now = StatsFigures.figure(value), let before = StatsFigures.figure(previous[key]),
                      let change = StatsFigures.change(from: before, to: now) else { continue }
                out += "<tr><th>\(HTMLText.escape(key))</th><td>\(ReportPage.shown(previous[key]!))</td><td>\(ReportPage.shown(value))</td><td>\(HTMLText.escape(change))</td></tr>"
            }
            out += "</tbody></table>"
        }
        return out
    }

    private var stageTable: String {
        guard let stages = report.stats?["stages"]?.arrayValue, !stages.isEmpty else { return "" }
        var out = "<h3>Per stage</h3><table class=\"stages\"><thead><tr><th>stage</th><th>line</th><th>documents</th><th>failed</th><th>seconds</th><th>MB/s</th><th>produced or removed</th></tr></thead><tbody>"
        for case .object(let s) in stages {
            let counts = (s["counts"]?.objectValue ?? JSONObject()).map { "\($0.key) \(StatsFigures.figure($0.value) ?? "–")" }.joined(separator: ", ")
            let figures = StatsFigures.stageFigures.map { s[$0].map { StatsFigures.figure($0) ?? "–" } ?? "" }
            let cells = [s["stage"].map(ReportPage.shown) ?? ""] + figures + [counts]
            out += "<tr>" + cells.map { "<td>\(HTMLText.escape($0))</td>" }.joined() + "</tr>"
        }
        return out + "</tbody></table>"
    }

    /// A JSON value as text on the page: a string as it is, anything else as JSON.
    static func shown(_ v: JSONValue) -> String { v.stringValue ?? v.jsonText }

    // MARK: - Charts

    private var charts: String {
        let a = report.aggregates
        let approximate = "approximate: too many distinct names to count each exactly"
        let clusters = a.duplicateTargets.counts.count
        let list: [BarChart] = [
            BarChart(name: "lengths", title: "Document length (characters)", rows: a.lengths.rows),
            BarChart(name: "folders", title: "Documents per source folder", rows: a.folders.top(Self.topFolders, otherLabel: "(other folders)")),
            BarChart(name: "formats", title: "Documents per format", rows: a.formats.top(Self.topFormats, otherLabel: "(other formats)")),
            BarChart(name: "languages", title: "Documents per language", rows: a.languages.top(Self.topLanguages, otherLabel: "(other languages)")),
            BarChart(name: "quotes-per-document", title: "Quotations per document", rows: a.quotesPerDocument.rows,
                     note: "\(MessageText.counted(a.quotes, "quotation")) in \(MessageText.counted(a.documents, "document"))"),
            BarChart(name: "speakers", title: "Most quoted speakers", rows: a.speakers.top(Self.topSpeakers),
                     note: (a.speakers.isApproximate ? approximate : "\(MessageText.counted(a.speakers.counts.count, "speaker")), \(MessageText.counted(a.speakers.total, "quotation"))")
                        + (a.unresolvedSpeakers > 0 ? "; \(a.unresolvedSpeakers) more by a speaker left unresolved" : "")),
            BarChart(name: "quote-kinds", title: "Quotation kinds", rows: a.quoteKinds.top(10)),
            BarChart(name: "duplicate-clusters", title: "Duplicate clusters by size (a document with its copies)", rows: a.clusterSizes.rows,
                     note: (clusters == 1 ? "1 document has copies; " : "\(clusters) documents have copies; ") + a.duplicateKinds.top(5).map { "\($0.count) \($0.label)" }.joined(separator: ", ")),
            BarChart(name: "errors", title: "Failed documents by stage and reason", rows: a.errorReasons.top(Self.topReasons, otherLabel: "(other reasons)")),
            BarChart(name: "filtered", title: "Filtered documents by stage and reason", rows: a.filterReasons.top(Self.topReasons, otherLabel: "(other reasons)")),
        ]
        return "<section id=\"charts\"><h2>Charts</h2><div class=\"charts\">" + list.map(\.html).joined(separator: "\n") + "</div></section>\n"
    }

    // MARK: - Browser

    private var sampleNote: String {
        let o = report.sampledOutput, d = report.sampledDuplicates
        var parts: [String] = []
        parts.append(o.sampled
            ? "a sample of \(o.embedded) of the \(o.of) output documents, drawn uniformly at random (reservoir sampling with a fixed seed, so the same output gives the same sample)"
            : "all \(o.of) output documents")
        if d.of > 0 {
            parts.append(d.sampled ? "a random sample of \(d.embedded) of the \(d.of) duplicates, with the documents they duplicate"
                         : d.of == 1 ? "the one duplicate" : "all \(d.of) duplicates")
        }
        if report.aggregates.errors + report.aggregates.droppedFiltered > 0 {
            parts.append("the first \(report.options.examplesPerReason) failed and filtered documents of each reason")
        }
        var note = "This page holds " + parts.joined(separator: ", ") + "; search looks only at these."
        if report.cutTexts > 0 {
            note += " \(report.cutTexts) texts longer than \(report.options.maxTextScalars) characters are cut there (and their spans past the cut left out)."
        }
        return note
    }

    private var browser: String {
        """
        <section id="browser"><h2>Documents</h2>
        <p class="note" id="sample-note" data-sampled="\(report.sampledOutput.sampled)">\(HTMLText.escape(sampleNote))</p>
        <div class="search"><input id="doc-search" type="search" placeholder="id or words" aria-label="Search documents by id or words"> <span id="doc-count"></span></div>
        <div class="browser"><ol id="doc-list"></ol><article id="doc-view"><p class="note">Choose a document on the left.</p></article></div>
        <p class="legend">Quotations: <mark class="q q-direct">direct</mark> <mark class="q q-mixed">mixed</mark> <mark class="q q-indirect">indirect</mark>, <span class="spk">speaker</span>, <span class="cue">cue</span>, <span class="role">role</span>; sentences alternate in shade.</p>
        </section>

        """
    }

    private var data: JSONValue {
        .object(JSONObject([("docs", .array(report.documents.map { .object($0) }))]))
    }

    // MARK: - Failed and filtered

    private func groupsSection(id: String, title: String, groups: ErrorGroups, empty: String, file: String) -> String {
        var out = "<section id=\"\(id)\"><h2>\(HTMLText.escape(title))</h2>"
        let list = groups.groups
        guard !list.isEmpty else { return out + "<p class=\"note\">\(HTMLText.escape(empty))</p></section>\n" }
        out += "<p class=\"note\">\(MessageText.counted(groups.total, "document")), by stage and reason; the first \(groups.examplesPerGroup) of each are listed (all are in <code>\(HTMLText.escape(file))</code>).</p>"
        for group in list {
            out += "<details class=\"group\" open><summary><span class=\"count\">\(group.count)</span> \(HTMLText.escape(group.key))</summary><ul>"
            for e in group.examples {
                out += "<li><a href=\"\(HTMLText.escape(HTMLText.documentLink(e.id, key: e.key)))\">\(HTMLText.escape(e.id))</a>"
                if let p = e.position { out += " <span class=\"pos\">(\(HTMLText.escape(p)))</span>" }
                out += " — <span class=\"reason\">\(HTMLText.escape(e.reason))</span></li>"
            }
            if group.count > group.examples.count { out += "<li class=\"more\">and \(group.count - group.examples.count) more</li>" }
            out += "</ul></details>"
        }
        return out + "</section>\n"
    }

    private var filesRead: String {
        var out = "<footer><h2>Files read</h2><ul>"
        for (path, counts) in report.fileCounts {
            out += "<li><code>\(HTMLText.escape(path))</code>: "
            if let c = counts {
                out += MessageText.counted(c.records, "record") + (c.unreadable > 0 ? ", \(MessageText.counted(c.unreadable, "line")) skipped (not a JSON object, or too long)" : "")
                if let why = c.stoppedBy { out += "; " + HTMLText.escape(CorpusReport.stoppedNote(why)) }
            } else {
                out += "not there"
            }
            out += "</li>"
        }
        return out + "</ul></footer>\n"
    }
}
