import Foundation
import Testing
@testable import TextMill

/// A DOCTYPE with its internal subset never reaches the text (README, "Bad input"). libxml2's
/// XML parser reads a subset; its HTML parser ended the DOCTYPE at its first `>`, so whatever
/// followed it in the subset (`]>`, entity values, comments) became the page's first paragraph.
@Suite struct DoctypeSubsetTests {
    static let story = "<p>The harbour council met on Monday night and agreed the budget after a long debate about the ferry.</p>"
        + "<p>Councillors said the new timetable would start in May, once the second boat is repaired.</p>"
    static let storyText = "The harbour council met on Monday night and agreed the budget after a long debate about the ferry.\n\n"
        + "Councillors said the new timetable would start in May, once the second boat is repaired."

    /// DOCTYPEs an attacker or a careless generator writes: a subset with an entity, nested
    /// brackets, quotes holding `>` and `]`, a comment and a processing instruction holding
    /// them, lower case, a public identifier before the subset, a subset over several lines.
    static let doctypes = [
        #"<!DOCTYPE html [ <!ENTITY x "y"> ]>"#,
        #"<!DOCTYPE html [ <!ENTITY a "[b]"> <![ IGNORE [ <!ENTITY c "d"> ]]> ]>"#,
        #"<!DOCTYPE html [ <!ENTITY x "a > b ] c"> <!ENTITY y 'say "]>" twice'> ]>"#,
        #"<!DOCTYPE html [ <!-- a ]> b --> <!ENTITY x "y"> <?pi ]> ?> ]>"#,
        #"<!doctype html [<!entity x "y">]>"#,
        #"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd" [ <!ENTITY nbsp2 "&#160;"> ]>"#,
        "<!DOCTYPE html [\n  <!ENTITY council \"the harbour council\">\n  <!ATTLIST p class CDATA #IMPLIED>\n]>",
    ]

    static func page(_ doctype: String) -> String {
        doctype + "\n<html><head><title>Budget</title></head><body><article>" + story + "</article></body></html>"
    }

    @Test(arguments: ["article", "full"])
    func theSubsetNeverReachesTheTextOfAPage(_ mode: String) throws {
        for doctype in Self.doctypes {
            let doc = try CleanupFixtures.cleanHTML(Self.page(doctype), ["mode": .string(mode)])
            expectEqual(doc.string, Self.storyText, "\(mode): \(doctype)")
        }
    }

    /// A DOCTYPE misplaced in the body is one too for libxml2: its subset stays out as well.
    @Test func aMisplacedDoctypeInTheBody() throws {
        let html = "<html><body><article>" + Self.story + #"<!DOCTYPE html [ <!ENTITY x "y"> ]>"#
            + "<p>The ferry will run every hour on weekdays from the first of May onwards.</p></article></body></html>"
        let doc = try CleanupFixtures.cleanHTML(html, ["mode": "full"])
        expectEqual(doc.string, Self.storyText + "\n\nThe ferry will run every hour on weekdays from the first of May onwards.")
    }

    /// The same page as an RSS item's HTML and as a JSONL record's `html` field: the same text.
    @Test func feedsAndJSONLGoThroughTheSamePath() throws {
        let dir = TemporaryDirectory()
        let html = Self.page(Self.doctypes[2])
        let escaped = html.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        dir.write("in/feed.rss", """
            <?xml version="1.0"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Harbour</title>
            <item><title>Budget</title><link>https://harbour.example/budget</link><content:encoded><![CDATA[\(html)]]></content:encoded></item>
            <item><title>Budget again</title><link>https://harbour.example/budget-2</link><description>\(escaped)</description></item>
            </channel></rss>
            """)
        let record = JSONValue.object(JSONObject([("id", .string("wire-1")), ("html", .string(html))])).jsonText
        dir.write("in/wire.jsonl", record + "\n")
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [cleanup: {mode: full}]\n", in: dir)
        expectEqual(summary.failed, 0)
        let records = try dir.records("out/corpus.jsonl")
        expectEqual(records.map { $0["id"]?.stringValue ?? "" }, [dir.file("in/feed.rss") + "#1", dir.file("in/feed.rss") + "#2", "wire-1"])
        for r in records { expectEqual(r["text"]?.stringValue, Self.storyText, "\(r["id"]?.stringValue ?? "")") }
    }

    /// Text that only looks like a DOCTYPE is left as it is: in a comment, an attribute value,
    /// a script; and a page whose DOCTYPE has no subset is not copied.
    @Test func onlyDeclarationsAreRewritten() {
        let untouched = [
            "<!DOCTYPE html><html><body><p>Plain page.</p></body></html>",
            #"<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN"><p>Four.</p>"#,
            #"<!-- <!DOCTYPE x [ <!ENTITY a "b"> ]> --><p>Comment.</p>"#,
            #"<p title='<!DOCTYPE x [ <!ENTITY a "b"> ]>'>Attribute.</p>"#,
            #"<script>var s = '<!DOCTYPE x [ <!ENTITY a "b"> ]>';</script><p>Script.</p>"#,
            // Left open to the end of the page: libxml2 ends it at its first `>`, as a browser does.
            #"<!DOCTYPE html [ <!ENTITY a "b"> <p>Open.</p>"#,
        ]
        for page in untouched { expectEqual(DoctypeDeclaration.blankingHTMLSubsets(Array(page.utf8)), nil, "\(page)") }
        let page = "<!DOCTYPE html [\n <!ENTITY x \"é > ü\">\n]>\n<p>Kept.</p>"
        let blanked = DoctypeDeclaration.blankingHTMLSubsets(Array(page.utf8)).map { String(decoding: $0, as: UTF8.self) }
        expectEqual(blanked, "<!DOCTYPE html" + String(repeating: " ", count: 2) + "\n" + String(repeating: " ", count: 22) + "\n" + " " + ">\n<p>Kept.</p>")
        expectEqual(blanked?.utf8.count, page.utf8.count, "same length: libxml2's lines and columns stay right")
    }

    /// XML's prolog ends after the whole DOCTYPE, so HTML entity names after it still become
    /// characters even when the subset nests brackets or holds a processing instruction.
    @Test func anXMLPrologEndsAfterItsWholeSubset() {
        let xml = #"<?xml version="1.0"?><!DOCTYPE doc [ <?pi it's ]> ?> <!ENTITY a "[x]"> ]><doc>&copy; 2024 &a;</doc>"#
        let b = Array(xml.utf8)
        expectEqual(XMLMarkupScan.prologEnd(b), xml.utf8.count - "<doc>&copy; 2024 &a;</doc>".utf8.count)
        let rewritten = XMLMarkupScan.withHTMLEntitiesAsReferences(b).map { String(decoding: $0, as: UTF8.self) }
        expectEqual(rewritten, xml.replacingOccurrences(of: "&copy;", with: "&#169;"))
    }
}
