import Foundation
import Testing
@testable import TextMill

/// The report page found documents by id, keeping the first of each: a duplicate dropped under
/// the id of an output record (an exact copy under the same id), a record refused for its
/// reused id, or two failures under one id shared it with another document, so the link of
/// one opened the other. Each embedded document that is not an output record now has a key of
/// its own (`d0`, `f0`, `g0`), in its links and in the page's data; an output record, whose id
/// the output holds once, is found by its id.
@Suite struct ReportDocumentKeyTests {
    @Test func documentsSharingAnIDEachHaveTheirOwnLink() throws {
        let dir = TemporaryDirectory()
        let source = #""source":{"path":"in/wire.jsonl","format":"jsonl","sha256":""}"#
        dir.write("out/corpus.duplicates.jsonl", #"{"id":"x",\#(source),"text":"The council voted today!","duplicate":{"of":"x","kind":"exact","similarity":1}}"# + "\n")
        dir.write("out/corpus.errors.jsonl", #"{"id":"x","source":{"path":"in/wire.jsonl","format":"jsonl","record":3},"stage":"write","reason":"the id 'x' is already used"}"# + "\n"
                  + #"{"id":"x","source":{"path":"in/wire.jsonl","format":"jsonl","record":4},"stage":"write","reason":"the id 'x' is already used"}"# + "\n")
        dir.write("out/corpus.filtered.jsonl", #"{"id":"x",\#(source),"text":"Short.","filtered":{"stage":"filter","reason":"too_few_words"}}"# + "\n")
        let output = dir.write("out/corpus.jsonl", #"{"id":"x",\#(source),"text":"The council voted today.","duplicate":null}"# + "\n")
        let report = try CorpusReport.build(output: output)
        expectEqual(report.documents.map { "\($0["set"]?.stringValue ?? "?") \($0["id"]?.stringValue ?? "?") \($0["key"]?.stringValue ?? "-")" },
                    ["output x -", "failed x f0", "failed x f1", "duplicate x d0", "filtered x g0"])
        let html = report.html
        for link in ["#doc/x/f0", "#doc/x/f1", "#doc/x/g0"] { #expect(html.contains("href=\"\(link)\""), "\(link)") }
        expectEqual(HTMLText.documentLink("a/b", key: "d3"), "#doc/a%2Fb/d3")
        expectEqual(HTMLText.documentLink("a/b"), "#doc/a%2Fb")
    }
}
