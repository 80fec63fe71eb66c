import Foundation
import Testing
@testable import TextMill

/// `textmill report`: the aggregates of an output and its side files, the sample embedded for
/// the browser, and the escaping of hostile text.
@Suite struct CorpusReportTests {
    // MARK: - A small corpus written for these tests

    /// `{"start", "end"}` of the `occurrence`-th `part` in `text`, in Unicode scalars.
    static func span(_ text: String, _ part: String, occurrence: Int = 1, extra: [(String, JSONValue)] = []) -> JSONValue {
        let t = Array(text.unicodeScalars), p = Array(part.unicodeScalars)
        var seen = 0
        for i in 0...(t.count - p.count) where Array(t[i..<(i + p.count)]) == p {
            seen += 1
            if seen == occurrence {
                return .object(JSONObject([("text", .string(part)), ("start", JSONValue(i)), ("end", JSONValue(i + p.count))] + extra))
            }
        }
        fatalError("'\(part)' is not in the text")
    }

    static func quote(_ text: String, _ words: String, kind: String, speaker: JSONValue, cue: JSONValue) -> JSONValue {
        guard case .object(var q) = span(text, words) else { fatalError() }
        q["kind"] = .string(kind)
        q["speaker"] = speaker
        q["cue"] = cue
        return .object(q)
    }

    static let harborText = "Harbor City approved its budget on Tuesday.\n\n\u{201C}We kept the libraries open,\u{201D} said Mayor Ines Duarte. She added that the ferry would run all winter."
    static let portText = "Dock workers walked out at dawn. Union leader Sam Okafor said the strike would last a week. \u{201C}The port stays open,\u{201D} said Ines\nDuarte."
    static let museumText = String(repeating: "The museum reopened its east wing after two years of repairs. ", count: 5)

    static var harbor: JSONObject {
        let t = harborText
        return JSONObject([
            ("id", .string("wire/harbor-1")), ("source", .object(JSONObject([("path", .string("in/wire/harbor.jsonl")), ("format", .string("jsonl"))]))),
            ("text", .string(t)),
            ("meta", .object(JSONObject([("title", .string("Budget passes")), ("language", .object(JSONObject([("code", .string("en")), ("score", JSONValue(0.99))])))]))),
            ("paragraphs", .array([.object(JSONObject([("start", JSONValue(0)), ("end", JSONValue(43))])), .object(JSONObject([("start", JSONValue(45)), ("end", JSONValue(t.unicodeScalars.count))]))])),
            ("quotes", .array([
                quote(t, "We kept the libraries open,", kind: "direct", speaker: span(t, "Ines Duarte"), cue: span(t, "said")),
                quote(t, "the ferry would run all winter", kind: "indirect",
                      speaker: span(t, "Ines Duarte", extra: [("resolved_from", span(t, "She"))]), cue: span(t, "added")),
            ])),
            ("duplicate", .null),
        ])
    }

    static var port: JSONObject {
        let t = portText
        return JSONObject([
            ("id", .string("in/news/port.txt")), ("source", .object(JSONObject([("path", .string("in/news/port.txt")), ("format", .string("text"))]))),
            ("text", .string(t)), ("meta", .object(JSONObject([("language", .string("en"))]))),
            ("quotes", .array([
                quote(t, "the strike would last a week", kind: "indirect", speaker: span(t, "Sam Okafor"), cue: span(t, "said")),
                quote(t, "The port stays open,", kind: "direct", speaker: span(t, "Ines\nDuarte"), cue: span(t, "said", occurrence: 2)),
            ])),
        ])
    }

    static var museum: JSONObject {
        JSONObject([("id", .string("in/news/museum.html")), ("source", .object(JSONObject([("path", .string("in/news/museum.html")), ("format", .string("html"))]))),
                    ("text", .string(museumText)), ("quotes", .array([]))])
    }

    static func duplicate(_ id: String, of: String, kind: String) -> JSONObject {
        JSONObject([("id", .string(id)), ("text", .string(portText)),
                    ("duplicate", .object(JSONObject([("of", .string(of)), ("kind", .string(kind)), ("similarity", JSONValue(kind == "exact" ? 1.0 : 0.91))])))])
    }

    static let errorLines = [
        #"{"id":"in/a.html","source":"in/a.html","stage":"read","reason":"the file 'in/a.html' is empty"}"#,
        #"{"id":"in/b.html","source":"in/b.html","stage":"read","reason":"the file 'in/b.html' is empty"}"#,
        #"{"id":"in/c.xml","source":"in/c.xml","stage":"cleanup","reason":"the XML is not well formed: tag mismatch at line 3","line":3,"column":7}"#,
    ]

    static let stats = #"""
    {"output":{"path":"out/corpus.jsonl","records":3,"duplicates":3,"errors":3},"run":{"files":7,"documents":10,"written":1,"duplicates":3,"failed":3,"reused_ids":0,"megabytes":0.01,"seconds":0.25,"megabytes_per_second":0.04,"mode":"incremental: 1 new, 0 changed, 0 deleted, 6 unchanged files","input_fields_moved":{}},"stages":[{"stage":"cleanup","line":4,"documents":10,"failed":1,"seconds":0.01,"megabytes_per_second":1.5,"counts":{"pages":2}}]}
    """#

    /// Writes the corpus into `dir/out/` and returns the output's path.
    static func writeCorpus(_ dir: TemporaryDirectory, output: [JSONObject]? = nil) -> String {
        func jsonl(_ records: [JSONObject]) -> String { records.map { JSONValue.object($0).jsonText + "\n" }.joined() }
        let short = JSONObject([("id", .string("in/news/short.txt")), ("text", .string("Too short.")),
                                ("filtered", .object(JSONObject([("stage", .string("filter")), ("reason", .string("too_few_words")), ("detail", .string("2 words, fewer than 50"))])))])
        dir.write("out/corpus.duplicates.jsonl", jsonl([duplicate("in/news/port-copy.txt", of: "in/news/port.txt", kind: "exact"),
                                                       duplicate("in/news/port-2.txt", of: "in/news/port.txt", kind: "near"),
                                                       duplicate("wire/harbor-2", of: "wire/harbor-1", kind: "near")]))
        dir.write("out/corpus.errors.jsonl", errorLines.joined(separator: "\n") + "\nnot json at all\n")
        dir.write("out/corpus.filtered.jsonl", jsonl([short]))
        dir.write("out/corpus.stats.json", stats)
        return dir.write("out/corpus.jsonl", jsonl(output ?? [harbor, port, museum]))
    }

    // MARK: - Aggregates

    @Test func aggregatesOfEveryFile() throws {
        let dir = TemporaryDirectory()
        let report = try CorpusReport.build(output: CorpusReportTests.writeCorpus(dir))
        let a = report.aggregates
        expectEqual(a.documents, 3)
        expectEqual(a.quotes, 4)
        #expect(a.droppedDuplicates == 3 && a.markedDuplicates == 0)
        #expect(a.droppedFiltered == 1 && a.errors == 3)
        expectEqual(a.lengths.rows.filter { $0.count > 0 }.map { "\($0.label) \($0.count)" }, ["100–249 2", "250–499 1"])
        expectEqual(a.quotesPerDocument.counts, [1, 0, 2, 0, 0, 0, 0, 0])
        expectEqual(a.folders.top(5).map { "\($0.label) \($0.count)" }, ["in/news 2", "in/wire 1"])
        expectEqual(a.formats.top(5).map { "\($0.label) \($0.count)" }, ["html 1", "jsonl 1", "text 1"])
        expectEqual(a.languages.top(5).map { "\($0.label) \($0.count)" }, ["en 2", "(none) 1"])
        // One bar per speaker: the pronoun resolved to her and the name broken over a line count for Ines Duarte.
        expectEqual(a.speakers.top(5).map { "\($0.label) \($0.count)" }, ["Ines Duarte 3", "Sam Okafor 1"])
        expectEqual(a.quoteKinds.top(5).map { "\($0.label) \($0.count)" }, ["direct 2", "indirect 2"])
        expectEqual(a.clusterSizes.rows.filter { $0.count > 0 }.map { "\($0.label) \($0.count)" }, ["2 1", "3 1"])
        expectEqual(a.duplicateKinds.top(5).map { "\($0.label) \($0.count)" }, ["near 2", "exact 1"])
        expectEqual(a.errorReasons.top(5).map { "\($0.label) \($0.count)" }, [
            "read: the file '…' is empty 2", "cleanup: the XML is not well formed: tag mismatch at line N 1"])
        expectEqual(a.filterReasons.top(5).map { "\($0.label) \($0.count)" }, ["filter: too_few_words 1"])
        expectEqual(report.errorGroups.groups.map { "\($0.key) \($0.count) \($0.examples.map(\.id))" }, [
            "read: the file '…' is empty 2 [\"in/a.html\", \"in/b.html\"]",
            "cleanup: the XML is not well formed: tag mismatch at line N 1 [\"in/c.xml\"]"])
        expectEqual(report.errorGroups.groups[1].examples[0].position, "line 3, column 7")
        expectEqual(report.fileCounts.map { "\(($0.path as NSString).lastPathComponent) \($0.counts.map { "\($0.records)/\($0.unreadable)" } ?? "-")" }, [
            "corpus.errors.jsonl 3/1", "corpus.duplicates.jsonl 3/0", "corpus.filtered.jsonl 1/0", "corpus.jsonl 3/0"])
    }

    @Test func speakerEntities() {
        expectEqual(SpeakerEntities.entities(of: ["Zhang Xiao", "Zhang", "we", "Ines\nDuarte", "Duarte", "Li", "Li Wei", "Li Na", "They"]), [
            "Zhang Xiao", "Zhang Xiao", nil, "Ines Duarte", "Ines Duarte", "Li", "Li Wei", "Li Na", nil])
    }

    @Test func histogramLabelsAndBuckets() {
        var h = Histogram(lowerBounds: [0, 1, 100, 2500, 100_000])
        for v in [0, 1, 99, 100, 2499, 2500, 250_000, -3] { h.add(v) }
        expectEqual(h.labels, ["0", "1–99", "100–2499", "2.5k–99999", "100k+"])
        expectEqual(h.counts, [2, 2, 2, 1, 1])
    }

    @Test func boundedCounterKeepsTheMostFrequentKeys() {
        var c = BoundedCounter(capacity: 4)
        for key in ["a", "a", "a", "b", "b", "c", "d"] { c.add(key) }
        #expect(!c.isApproximate)
        c.add("e")
        #expect(c.isApproximate)
        expectEqual(c.top(10).map { "\($0.label) \($0.count)" }, ["a 3", "b 2", "e 1"])
        expectEqual(c.top(1, otherLabel: "rest").map { "\($0.label) \($0.count)" }, ["a 3", "rest 3"])
    }

    @Test func gzipOutputIsReadLikePlain() throws {
        let dir = TemporaryDirectory()
        let plain = CorpusReportTests.writeCorpus(dir)
        let gz = GzipWriter()
        dir.write("out/corpus.jsonl.gz", gz.compress([UInt8](FileManager.default.contents(atPath: plain) ?? Data())) + gz.finish())
        let a = try CorpusReport.build(output: dir.file("out/corpus.jsonl.gz")).aggregates
        #expect(a.documents == 3 && a.quotes == 4 && a.errors == 3 && a.droppedDuplicates == 3)
    }

    @Test func missingOutputIsAnError() {
        #expect(throws: ReportError.noOutput(path: "/nonexistent/corpus.jsonl")) {
            try CorpusReport.build(output: "/nonexistent/corpus.jsonl")
        }
    }

    // MARK: - Sample and embedded documents

    @Test func largeOutputIsSampledAndThePageSaysSo() throws {
        let dir = TemporaryDirectory()
        let records = (0..<60).map { i in
            JSONObject([("id", .string("doc-\(i)")), ("text", .string(CorpusReportTests.museumText))])
        }
        let output = CorpusReportTests.writeCorpus(dir, output: records)
        dir.write("out/corpus.duplicates.jsonl", JSONValue.object(CorpusReportTests.duplicate("copy", of: "doc-37", kind: "exact")).jsonText + "\n")
        var options = ReportOptions()
        options.sampleSize = 10
        let report = try CorpusReport.build(output: output, options: options)
        #expect(report.sampledOutput == (10, 60, true))
        let ids = report.documents.filter { $0["set"]?.stringValue == "output" }.compactMap { $0["id"]?.stringValue }
        expectEqual(Set(ids).count, ids.count)
        #expect(ids.contains("doc-37"), "the document an embedded duplicate points to is embedded too")
        #expect(ids.count <= 11)
        #expect(report.documents.contains { $0["id"]?.stringValue == "copy" && $0["set"]?.stringValue == "duplicate" })
        #expect(report.html.contains("a sample of 10 of the 60 output documents, drawn uniformly at random"))
        // The same output gives the same sample.
        expectEqual(try CorpusReport.build(output: output, options: options).documents, report.documents)
    }

    @Test func embeddedTextIsCutWithItsSpans() {
        let t = CorpusReportTests.harborText
        let cut = EmbeddedDocument.make(CorpusReportTests.harbor, set: "output", maxScalars: 80)
        expectEqual(cut["text"]?.stringValue, String(String.UnicodeScalarView(t.unicodeScalars.prefix(80))))
        expectEqual(cut["full_length"]?.intValue, t.unicodeScalars.count)
        expectEqual(JSONValue.array(cut["paragraphs"]?.arrayValue ?? []).jsonText, #"[{"start":0,"end":43},{"start":45,"end":80}]"#)
        // The direct quotation (46–73) and its speaker (86–97) and cue (75–79): the speaker is past the cut.
        let quotes = cut["quotes"]?.arrayValue ?? []
        expectEqual(quotes.count, 1)
        expectEqual(quotes.first?.objectValue?["speaker"], .null)
        expectEqual(quotes.first?.objectValue?["cue"]?.objectValue?["text"]?.stringValue, "said")
        expectEqual(cut.keys, ["id", "set", "text", "full_length", "source", "meta", "duplicate", "paragraphs", "quotes"])
    }

    // MARK: - Escaping

    @Test func scriptSafeJSONEscapesWhatEndsAScript() throws {
        let value = JSONValue.object(JSONObject([("t", .string("a</script><!--&>\u{2028}"))]))
        let bytes = HTMLText.scriptSafeJSON(value)
        expectEqual(String(decoding: bytes, as: UTF8.self), #"{"t":"a\u003c/script\u003e\u003c!--\u0026\u003e\u2028"}"#)
        expectEqual(try JSONParser.parse(bytes), value)
    }

    @Test func htmlEscapeAndFragments() {
        expectEqual(HTMLText.escape(#"<b a="1">&'</b>"#), "&lt;b a=&quot;1&quot;&gt;&amp;&#39;&lt;/b&gt;")
        expectEqual(HTMLText.fragmentComponent("input/a b#1é(x)"), "input%2Fa%20b%231%C3%A9(x)")
        expectEqual(HTMLText.documentLink("wire/x?y"), "#doc/wire%2Fx%3Fy")
    }

    @Test func hostileTextNeverBecomesMarkup() throws {
        let dir = TemporaryDirectory()
        let evil = "Intro. </script><script>alert(1)</script> <img src=x onerror=alert(2)> said <b>Eve</b>."
        let record = JSONObject([
            ("id", .string("in/<img src=x onerror=alert(3)>.txt")), ("text", .string(evil)),
            ("source", .object(JSONObject([("path", .string("in/</script>/x.txt")), ("format", .string("text\"><svg onload=alert(4)>"))]))),
            ("quotes", .array([CorpusReportTests.quote(evil, "<img src=x onerror=alert(2)>", kind: "direct",
                                                       speaker: CorpusReportTests.span(evil, "<b>Eve</b>"), cue: CorpusReportTests.span(evil, "said"))])),
        ])
        let output = CorpusReportTests.writeCorpus(dir, output: [record])
        dir.write("out/corpus.errors.jsonl", #"{"id":"<script>alert(5)</script>","stage":"read","reason":"bad </script> & <b>"}"# + "\n")
        let html = try CorpusReport.build(output: output).html
        // Only the page's own two script elements, and only its own closing tags.
        expectEqual(html.components(separatedBy: "<script").count - 1, 2)
        expectEqual(html.components(separatedBy: "</script>").count - 1, 2)
        for needle in ["<img", "<b>Eve", "<svg onload", "onerror=alert(2)>"] { #expect(!html.contains(needle), "\(needle)") }
        #expect(html.contains(#"data-label="&lt;b&gt;Eve&lt;/b&gt;""#), "the speaker's bar")
        #expect(html.contains("bad &lt;/script&gt; &amp; &lt;b&gt;"), "the error's reason")
        #expect(html.contains(##"href="#doc/%3Cscript%3Ealert(5)%3C%2Fscript%3E/f0""##), "the error's link")
        // The data block reads back to the same text.
        let start = try #require(html.range(of: #"<script type="application/json" id="tm-data">"#))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let data = try JSONParser.parse(String(html[start.upperBound..<end.lowerBound]))
        let docs = data.objectValue?["docs"]?.arrayValue ?? []
        expectEqual(docs.first?.objectValue?["text"]?.stringValue, evil)
        #expect(docs.contains { $0.objectValue?["id"]?.stringValue == "<script>alert(5)</script>" })
    }

    // MARK: - The page

    @Test func pageShowsTheRunAndTheCharts() throws {
        let dir = TemporaryDirectory()
        let html = try CorpusReport.build(output: CorpusReportTests.writeCorpus(dir)).html
        for cell in [#"id="glance-run-documents">10<"#, #"id="glance-now-written">3<"#, #"id="glance-now-duplicates">3<"#,
                     #"id="glance-now-filtered">1<"#, #"id="glance-now-failed">3<"#, #"id="glance-run-written">1<"#] {
            #expect(html.contains(cell), "\(cell)")
        }
        #expect(html.contains("This run: incremental: 1 new, 0 changed, 0 deleted, 6 unchanged files. This run wrote 1 record; the output holds 3 (2 kept from earlier runs)."))
        #expect(html.contains(#"<g class="bar" data-label="Ines Duarte" data-value="3">"#))
        for chart in ["lengths", "folders", "formats", "languages", "quotes-per-document", "speakers", "quote-kinds", "duplicate-clusters", "errors", "filtered"] {
            #expect(html.contains(#"<figure class="chart" id="chart-\#(chart)">"#), "\(chart)")
        }
        #expect(html.contains("<td>cleanup</td><td>4</td><td>10</td><td>1</td><td>0.01</td><td>1.5</td><td>pages 2</td>"))
        #expect(html.contains("1 line skipped"))
        #expect(!html.contains("http://") && !html.contains("https://"), "nothing loads from the network")
    }

    @Test func commandWritesThePageBesideTheOutput() throws {
        let dir = TemporaryDirectory()
        let output = CorpusReportTests.writeCorpus(dir)
        let cli = CommandLineTests()
        let r = try cli.textmill(["report", output])
        expectEqual(r.status, 0, "\(r.stderr)")
        #expect(r.stderr.contains("wrote \(dir.file("out/corpus.report.html")) (3 documents)"))
        #expect(dir.read("out/corpus.report.html").hasPrefix("<!DOCTYPE html>"))
        let other = try cli.textmill(["report", output, "--out", dir.file("page.html"), "--sample", "1"])
        #expect(other.status == 0 && other.stderr.contains("1 of them embedded as a sample"))
        let missing = try cli.textmill(["report", dir.file("nothing.jsonl")])
        expectEqual(missing.status, 2)
        #expect(missing.stderr.contains("there is no output at '\(dir.file("nothing.jsonl"))'"))
    }

    @Test func aRunNeverReadsAReportAsInput() throws {
        let dir = TemporaryDirectory()
        dir.write("docs/a.txt", "The council approved the budget on Tuesday.\n")
        let config = dir.write("p.yaml", "input: .\noutput: corpus/mine.jsonl\nstages: [normalize]\n")
        let cli = CommandLineTests()
        expectEqual(try cli.textmill(["run", config, "--quiet"], in: dir.path).status, 0)
        expectEqual(try cli.textmill(["report", "corpus/mine.jsonl"], in: dir.path).status, 0)
        #expect(FileManager.default.fileExists(atPath: dir.file("corpus/mine.report.html")))
        let again = try cli.textmill(["run", config, "--quiet", "--force"], in: dir.path)
        expectEqual(again.status, 0, "\(again.stderr)")
        expectEqual(try dir.records("corpus/mine.jsonl").compactMap { $0["id"]?.stringValue }, ["docs/a.txt", "p.yaml"])
    }

    @Test func previousRunFiguresAreCompared() throws {
        let dir = TemporaryDirectory()
        let output = CorpusReportTests.writeCorpus(dir)
        dir.write("out/corpus.stats.json", #"{"run":{"documents":10,"written":7,"mode":"full: 7 files"},"previous":{"run":{"documents":8,"written":7}}}"#)
        let html = try CorpusReport.build(output: output).html
        #expect(html.contains("<tr><th>documents</th><td>8</td><td>10</td><td>+2</td></tr><tr><th>written</th><td>7</td><td>7</td><td>0</td></tr></tbody>"))
        #expect(html.contains("This run: full: 7 files."))
    }
}
