import Foundation
import Testing
@testable import TextMill

/// XML that declares its own entities: expansion is bounded before any text is read, and
/// declarations never reach the text (hostile input, classes 1 and 2).
@Suite struct XMLEntityExpansionTests {
    /// Ten levels of ten references each: 10^9 copies of "lol" from 800 bytes.
    static let billionLaughs: String = {
        var lines = ["<?xml version=\"1.0\"?>", "<!DOCTYPE lolz [", " <!ENTITY lol \"lol\">"]
        var previous = "lol"
        for level in 1...9 {
            lines.append(" <!ENTITY lol\(level) \"\(String(repeating: "&\(previous);", count: 10))\">")
            previous = "lol\(level)"
        }
        lines.append("]>")
        return lines.joined(separator: "\n") + "\n"
    }()

    func refusal(_ xml: String) -> DocumentError? {
        do {
            _ = try XMLRecordReader.read(Array(xml.utf8), settings: XMLRecordSettings(), maxTextBytes: 64 << 20)
            return nil
        } catch {
            return error
        }
    }

    @Test func billionLaughsInTextIsRefused() {
        let error = refusal(Self.billionLaughs + "<lolz>&lol9;</lolz>\n")
        expectEqual(error?.message.hasPrefix("XML entity expansion refused"), true, "\(String(describing: error))")
    }

    @Test func billionLaughsInAnAttributeIsRefused() {
        let error = refusal(Self.billionLaughs + "<lolz title=\"&lol9;\">hello</lolz>\n")
        expectEqual(error?.message.hasPrefix("XML entity expansion refused"), true, "\(String(describing: error))")
    }

    @Test func oneLargeEntityReferencedManyTimesIsRefused() {
        // 4 KB of text referenced 50,000 times: 200 KB of file, 200 MB of text.
        let body = String(repeating: "Harbor City budget. ", count: 200)
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY e \"\(body)\">]>\n<d>" + String(repeating: "&e;", count: 50_000) + "</d>\n"
        let error = refusal(xml)
        expectEqual(error?.message.contains("would expand to 190.8 MB in 50000 references"), true, "\(String(describing: error))")
    }

    @Test func fewBytesExpandingToHundredsOfMegabytesAreRefused() {
        // Three levels of fan-out under libxml2's own loop detection: 5 KB of file, 300 MB of text.
        let a = String(repeating: "x", count: 1000)
        let b = String(repeating: "&a;", count: 100)
        let c = String(repeating: "&b;", count: 100)
        let xml = "<!DOCTYPE d [<!ENTITY a \"\(a)\"><!ENTITY b \"\(b)\"><!ENTITY c \"\(c)\">]>\n<d>" + String(repeating: "&c;", count: 30) + "</d>"
        #expect(xml.utf8.count < 6_000)
        let error = refusal(xml)
        expectEqual(error?.message.hasPrefix("XML entity expansion refused"), true, "\(String(describing: error))")
    }

    @Test func anEntityLoopIsRefused() {
        let error = refusal("<!DOCTYPE d [<!ENTITY a \"&b;\"><!ENTITY b \"&a;\">]>\n<d>&a;</d>")
        #expect(error != nil)
        expectEqual(error?.message.contains("entity"), true, "\(String(describing: error))")
    }

    @Test func ordinaryDeclaredEntitiesStillExpand() throws {
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE story [<!ENTITY council "Harbor City Council"><!ENTITY mayor "Mayor Dana Ortiz">]>
        <story><title>&council; passes budget</title><body>The &council; voted 7 to 2 on Tuesday. &mayor; said the &council; had listened.</body></story>
        """
        let (records, recovered) = try XMLRecordReader.read(Array(xml.utf8), settings: XMLRecordSettings(), maxTextBytes: 64 << 20)
        #expect(recovered == nil)
        // The title and the body stand side by side in element content: a line apart (they were
        // glued, "budgetThe", before session 24).
        expectEqual(records.map { String(decoding: $0.text, as: UTF8.self) }, [
            "Harbor City Council passes budget\nThe Harbor City Council voted 7 to 2 on Tuesday. Mayor Dana Ortiz said the Harbor City Council had listened.",
        ])
        expectEqual(records[0].meta["title"], .string("Harbor City Council passes budget"))
    }

    @Test func aBrokenFileKeepsItsDeclarationsOutOfTheText() throws {
        // Not well formed (the second paragraph's <b> is never closed), with an internal subset
        // and HTML entity names XML does not know.
        let xml = "<!DOCTYPE x [<!ENTITY reg \"®\">]>\n<doc><p>Caf&eacute; Meridian&reg; &copy; 2024.</p>\n<p>Open <b>daily.</p></doc>\n"
        let (records, recovered) = try XMLRecordReader.read(Array(xml.utf8), settings: XMLRecordSettings(), maxTextBytes: 64 << 20)
        #expect(recovered != nil)
        let texts = records.map { String(decoding: $0.text, as: UTF8.self) }
        expectEqual(texts, ["Café Meridian® © 2024.\nOpen daily."])
    }

    /// An entity no one defines (`&undefined;`) in a feed without an external DTD stopped libxml2,
    /// and its recover mode then dropped every later predefined entity of the file: "The ferry
    /// &amp;amp; the &lt;b&gt;council&lt;/b&gt; met." came out as "The ferry amp; the bcouncil/b
    /// met." through cleanup, and the file went to the errors file. Such a name is now kept as its text, as a
    /// browser shows it; with an external DTD (which may declare it) it is left to libxml2.
    @Test func anUndefinedEntityIsKeptAsTextAndTheRestOfTheFileIsIntact() throws {
        let item = "<item><title>Caf&eacute; &undefined; &my-entity; ferry</title><description>The ferry &amp;amp; the &lt;b&gt;council&lt;/b&gt; met.</description></item>"
        let feed = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Coastal</title>" + item + "</channel></rss>\n"
        let (records, recovered) = try XMLRecordReader.read(Array(feed.utf8), settings: XMLRecordSettings(), maxTextBytes: 64 << 20)
        #expect(recovered == nil)
        expectEqual(records.map { $0.meta["title"] }, [.string("Café &undefined; &my-entity; ferry")])
        // The description as XML gives it (cleanup reads it as escaped HTML next).
        expectEqual(records.map { String(decoding: $0.text, as: UTF8.self) }, ["The ferry &amp; the <b>council</b> met."])
        let rewritten = XMLMarkupScan.withHTMLEntitiesAsReferences(Array(#"<!DOCTYPE doc SYSTEM "doc.dtd"><doc>&custom; &copy;</doc>"#.utf8))
        expectEqual(rewritten.map { String(decoding: $0, as: UTF8.self) }, #"<!DOCTYPE doc SYSTEM "doc.dtd"><doc>&custom; &#169;</doc>"#)
    }

    @Test func htmlEntityNamesSurviveInWellFormedXMLButNotInsideCDATA() throws {
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
        <article><p>Prices rose 3&nbsp;per cent &mdash; the most since 2019 &amp; more.</p><code><![CDATA[&copy; stays]]></code></article>
        """
        let records = try XMLRecordReader.records(in: Array(xml.utf8), settings: XMLRecordSettings())
        expectEqual(records.map { String(decoding: $0.text, as: UTF8.self) }, ["Prices rose 3\u{A0}per cent — the most since 2019 & more.\n&copy; stays"])
    }

    @Test func prologEndSkipsTheWholeInternalSubset() {
        let xml = Array("<?xml version=\"1.0\"?>\n<!-- a > b -->\n<!DOCTYPE x [<!ENTITY gt2 \">>\"><!-- ]> -->]>\n<x/>".utf8)
        let end = XMLMarkupScan.prologEnd(xml)
        expectEqual(String(decoding: xml[end...], as: UTF8.self), "<x/>")
        expectEqual(XMLMarkupScan.declaredEntities(xml, prologEnd: end), [Array("gt2".utf8)])
    }

    /// A run over a folder with a bomb in it: the bomb is one error row, the other files are
    /// written, the process exits 1, and a second run does the same instead of aborting.
    @Test func aRunOverABombGoesOnAndResumes() throws {
        let dir = TemporaryDirectory()
        _ = dir.write("in/a-bomb.xml", Self.billionLaughs + "<lolz>&lol9;</lolz>\n")
        let body = String(repeating: "Harbor City budget. ", count: 200)
        _ = dir.write("in/b-quadratic.rss", "<!DOCTYPE rss [<!ENTITY e \"\(body)\">]>\n<rss><channel><item><title>t</title><description>" + String(repeating: "&e;", count: 20_000) + "</description></item></channel></rss>\n")
        _ = dir.write("in/c-story.txt", "The council approved the budget on Tuesday.\n")
        let config = dir.write("pipeline.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages:\n  - cleanup\n  - sentences\n")
        for _ in 0..<2 {
            let r = try CommandLineTests().textmill(["run", config, "--quiet", "--force"])
            expectEqual(r.status, 1, "\(r.stderr)")
            let written = try dir.records("out/corpus.jsonl")
            expectEqual(written.map { $0["id"] }, [.string(dir.file("in/c-story.txt"))])
            let errorsFile = "out/corpus.errors.jsonl"
            let errors = try dir.records(errorsFile)
            expectEqual(errors.map { $0["id"] }, [.string(dir.file("in/a-bomb.xml")), .string(dir.file("in/b-quadratic.rss"))])
            for e in errors {
                guard case .string(let reason)? = e["reason"] else { Issue.record("no reason"); continue }
                #expect(reason.hasPrefix("XML entity expansion refused"), "\(reason)")
            }
        }
    }
}
