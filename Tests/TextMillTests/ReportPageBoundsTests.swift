import Foundation
import Testing
@testable import TextMill

/// `textmill report` on a corpus whose names are huge: an id, a `meta.language`, a duplicate's
/// target or an error's reason of 140,000 characters is held cut (`PageBounds`), so the page's
/// size follows the number of values it shows, not their length.
@Suite struct ReportPageBoundsTests {
    /// A wire story's slug repeated into 140,000 characters.
    static let slug = String(repeating: "harbor-budget-", count: 10_000)

    /// The slug as the page holds a name: its first 1,000 characters and "…".
    static func cut(_ prefix: String) -> String { prefix + String(slug.prefix(1_000 - prefix.count)) + "…" }

    @Test func hugeNamesAreCutOnThePage() throws {
        let dir = TemporaryDirectory()
        let slug = Self.slug
        var story = CorpusReportTests.harbor
        story["id"] = .string("wire/" + slug)
        story["meta"] = .object(JSONObject([("language", .string(slug))]))
        let output = CorpusReportTests.writeCorpus(dir, output: [story, CorpusReportTests.port])
        dir.write("out/corpus.duplicates.jsonl", JSONValue.object(CorpusReportTests.duplicate("wire/copy", of: "wire/" + slug, kind: "near")).jsonText + "\n")
        let error = JSONObject([("id", .string("in/" + slug)), ("source", .object(JSONObject([("path", .string("in/" + slug))]))),
                                ("stage", .string("read")), ("reason", .string("the file 'in/\(slug)' is empty"))])
        dir.write("out/corpus.errors.jsonl", JSONValue.object(error).jsonText + "\n")
        let report = try CorpusReport.build(output: output)

        #expect(report.documents.map { "\($0["set"]?.stringValue ?? "") \($0["id"]?.stringValue ?? "")" }
                == ["output \(Self.cut("wire/"))", "output in/news/port.txt", "failed \(Self.cut("in/"))", "duplicate wire/copy", "filtered in/news/short.txt"])
        let copy = try #require(report.documents.first { $0["id"]?.stringValue == "wire/copy" })
        expectEqual(copy["duplicate"]?.objectValue?["of"]?.stringValue, Self.cut("wire/"), "the link finds the embedded story")
        let failed = try #require(report.documents.first { $0["set"]?.stringValue == "failed" })
        expectEqual(failed["reason"]?.stringValue, "the file 'in/" + String(slug.prefix(2_000 - 13)) + "…")
        expectEqual(failed["source"], .object(JSONObject([("(left out)", .string("source is 140 kB of JSON"))])))
        expectEqual(report.errorGroups.groups.map(\.key), ["read: the file 'in/" + String(slug.prefix(160 - 13)) + "…"])
        expectEqual(report.aggregates.languages.top(5).map { "\($0.label) \($0.count)" }, ["en 1", "\(Self.cut("")) 1"])

        let html = report.html
        #expect(html.utf8.count < 100_000, "the page holds each name cut: \(html.utf8.count) bytes")
        #expect(html.contains(##"<a href="#doc/in%2F\##(slug.prefix(997))%E2%80%A6/f0">"##))
    }

    /// An id holding a right-to-left override ("in/\u{202E}txt.exe" shows as "in/exe.txt"), and
    /// the reason listed after it: each in an element of its own that isolates its direction, so
    /// the override reorders nothing past the id (the reason's words were shown reversed).
    @Test func bidiOverridesStayInTheirElement() throws {
        let dir = TemporaryDirectory()
        let output = CorpusReportTests.writeCorpus(dir)
        dir.write("out/corpus.errors.jsonl", #"{"id":"in/\u202Etxt.exe","stage":"read","reason":"the file is empty"}"# + "\n")
        let html = try CorpusReport.build(output: output).html
        #expect(html.contains("<li><a href=\"#doc/in%2F%E2%80%AEtxt.exe/f0\">in/\u{202E}txt.exe</a> — <span class=\"reason\">the file is empty</span></li>"))
        #expect(html.contains("#doc-list a, #doc-view h3, #doc-view > p a, table.meta td, .quotes a, .quotes span, details.group summary,\ndetails.group a, details.group .reason, code { unicode-bidi: isolate; }"))
    }

    @Test func countersHoldNamesCut() {
        var counter = BoundedCounter(capacity: 10)
        counter.add(Self.slug)
        counter.add(Self.slug + "-2")
        counter.add("en")
        expectEqual(counter.top(5).map { "\($0.label) \($0.count)" }, ["\(Self.cut("")) 2", "en 1"])
        expectEqual(MessageText.cut("café", to: 4), "café")
        expectEqual(MessageText.cut("cafe\u{301}s", to: 4), "cafe…", "cut between Unicode scalars")
        expectEqual(MessageText.cut(MessageText.cut(Self.slug, to: 10), to: 10), "harbor-bud…")
    }
}
