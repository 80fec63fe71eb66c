import Foundation
import Testing
@testable import TextMill

@Suite struct CleanupXMLTests {
    @Test func rssItemsAreRecordsWithHTMLCleanedByTheStage() throws {
        let records = try XMLRecordReader.records(in: try CleanupFixtures.fixture("rss.xml"), settings: XMLRecordSettings())
        expectEqual(records.count, 2)
        let first = records[0]
        expectEqual(first.content, .html)
        expectEqual(first.meta["title"], .string("Grain exports rise for a third month"))
        expectEqual(first.meta["url"], .string("https://meridian.example/business/grain-exports"))
        expectEqual(first.meta["date"], .string("Tue, 12 Mar 2024 08:00:00 GMT"))
        expectEqual(first.meta["byline"], .string("Aru Sadykova"))
        expectEqual(first.meta["guid"], .string("meridian-grain-0412"))
        // The stage cleans the item's HTML with the same HTML path as pages.
        var doc = Document(id: "rss.xml#1", source: SourceInfo(path: "rss.xml", format: .xml, sha256: ""),
                           text: first.text, content: first.content, meta: first.meta)
        var context = StageContext()
        try CleanupFixtures.stage().process(&doc, &context)
        expectEqual(doc.string, "Grain exports rose for a third month in February, customs data showed on Tuesday.\n\nTraders said demand from neighbouring countries had recovered after a poor harvest there last year.")
        expectEqual(doc.meta["title"], .string("Grain exports rise for a third month"))
        // An item with only a plain description.
        expectEqual(records[1].content, .plain)
        expectEqual(String(decoding: records[1].text, as: UTF8.self), "The central bank kept its base rate at 14.75 percent, citing slowing inflation.")
    }

    @Test func atomEntriesWithHTMLAndXHTMLContent() throws {
        let records = try XMLRecordReader.records(in: try CleanupFixtures.fixture("atom.xml"), settings: XMLRecordSettings())
        expectEqual(records.count, 2)
        expectEqual(records[0].meta["title"], .string("Counting saiga on the plateau"))
        expectEqual(records[0].meta["url"], .string("https://notes.example/saiga"))
        expectEqual(records[0].meta["byline"], .string("Ilya Brandt"))
        expectEqual(records[0].meta["date"], .string("2024-05-01T12:00:00Z"))
        expectEqual(records[0].content, .html)
        expectEqual(records[1].content, .html)
        expectEqual(records[1].meta["date"], .string("2024-04-20T08:00:00Z"))
        var doc = Document(id: "atom.xml#2", source: SourceInfo(path: "atom.xml", format: .xml, sha256: ""),
                           text: records[1].text, content: records[1].content)
        var context = StageContext()
        try CleanupFixtures.stage(["mode": "full"]).process(&doc, &context)
        expectEqual(doc.string, "The river rose two metres in a single night and covered the lower pastures.")
    }

    @Test func configuredGenericXMLFromSGMLishNewswire() throws {
        // Several <DOC> roots, no XML declaration, and a control-character reference: not well
        // formed, read in recover mode instead of being rejected.
        let options = StageOptions.defaults(XMLRecordSettings.options,
                                            ["record": "//DOC", "id": "DOCNO", "title": "HEADLINE", "date": "DATE", "text": "TEXT"])
        let settings = XMLRecordSettings(options: options)
        let records = try XMLRecordReader.records(in: try CleanupFixtures.fixture("newswire.sgml.xml"), settings: settings)
        expectEqual(records.count, 2)
        expectEqual(records.map { $0.meta["guid"] }, [.string("NWS-1994-0001"), .string("NWS-1994-0002")])
        expectEqual(records[0].meta["title"], .string("Harbour strike ends"))
        expectEqual(records[0].meta["date"], .string("1994-02-01"))
        expectEqual(records[0].content, .html)  // <P> elements inside TEXT: cleaned as HTML by the stage
        var doc = Document(id: "n#1", source: SourceInfo(path: "n", format: .xml, sha256: ""), text: records[0].text, content: records[0].content)
        var context = StageContext()
        try CleanupFixtures.stage(["mode": "full"]).process(&doc, &context)
        expectEqual(doc.string, "Dock workers returned to work on Monday after a nine-day strike & a pay deal.\n\nThe port authority said ships would be cleared by Friday.")
    }

    /// Records nested inside one another repeat their text: 20,000 nested <a> elements (240 KB)
    /// under `record: //a` made 10,000 records of 250 MB of text, 752 MB of output and 784 MB of
    /// memory. Their text may add up to the file's size and what its entities may expand to
    /// (10× the file, at least 1 MB); past that the file fails, before more records are read. The same
    /// stories side by side are all read.
    @Test func recordsNestedInsideEachOtherAreBounded() throws {
        let sentence = "The ferry left the harbour at noon on Tuesday."
        let story = "<story><p>\(sentence)</p>"
        let settings = XMLRecordSettings(options: StageOptions.defaults(XMLRecordSettings.options, ["record": "//story"]))
        let flat = Array(("<stories>" + String(repeating: story + "</story>", count: 2000) + "</stories>").utf8)
        let read = try XMLRecordReader.records(in: flat, settings: settings)
        expectEqual(read.count, 2000)
        #expect(read.allSatisfy { String(decoding: $0.text, as: UTF8.self) == sentence })

        let nested = Array(("<stories>" + String(repeating: story, count: 2000) + String(repeating: "</story>", count: 2000) + "</stories>").utf8)
        // Record k holds the sentences of the 2000 - k stories inside it, itself included, a line
        // apart (a story's paragraph and the story inside it stand side by side in element
        // content: since session 24 a line break keeps their words apart, one byte more a story).
        let budget = max(1 << 20, 10 * nested.count) + nested.count
        func recordBytes(_ k: Int) -> Int { (2000 - k) * (sentence.utf8.count + 1) - 1 }
        var total = 0, kept = 0
        while total + recordBytes(kept) <= budget {
            total += recordBytes(kept)
            kept += 1
        }
        expectEqual(kept, 15)
        do {
            _ = try XMLRecordReader.records(in: nested, settings: settings)
            Issue.record("the nested records were read")
        } catch {
            expectEqual(error.message, "the XPath '//story' selects records whose text adds up to more than 1 MB, more than a file of \(nested.count) bytes holds with its entities: records nested inside one another, or a text XPath that reaches outside its record, repeat the same text. Refused after 15 records; select records that do not contain one another")
        }
    }

    @Test func namespacesForConfiguredXPaths() throws {
        let xml = """
        <?xml version="1.0"?>
        <r:archive xmlns:r="urn:example:archive"><r:story><r:head>One</r:head><r:body>First story text.</r:body></r:story>
        <r:story><r:head>Two</r:head><r:body>Second story text.</r:body></r:story></r:archive>
        """
        let options = StageOptions.defaults(XMLRecordSettings.options,
                                            ["record": "//a:story", "title": "a:head", "text": "a:body", "namespaces": .object(JSONObject([("a", "urn:example:archive")]))])
        let records = try XMLRecordReader.records(in: Array(xml.utf8), settings: XMLRecordSettings(options: options))
        expectEqual(records.map { String(decoding: $0.text, as: UTF8.self) }, ["First story text.", "Second story text."])
        expectEqual(records.map { $0.meta["title"] }, [.string("One"), .string("Two")])
        #expect(records.allSatisfy { $0.content == .plain })
    }

    @Test func otherXMLIsOneRecordOfAllItsText() throws {
        let xml = "<?xml version=\"1.0\"?><report><title>Annual</title><section><para>Line one.</para>\n\n<para>Line two.</para></section></report>"
        let records = try XMLRecordReader.records(in: Array(xml.utf8), settings: XMLRecordSettings())
        expectEqual(records.count, 1)
        expectEqual(records[0].meta["title"], .string("Annual"))
        // The title and the section stand side by side in element content: a line break keeps
        // their words apart (it was "AnnualLine one." before session 24).
        expectEqual(String(decoding: records[0].text, as: UTF8.self), "Annual\nLine one.\n\nLine two.")
    }

    /// XML written without white space between its elements: each element of element content
    /// (an element with no text of its own) starts a line, where its words were glued to the
    /// element's before ("Harbour budgetThe council met on Monday.It argued …onetwo", which
    /// `sentences` read as one sentence). Text inside text is left as it is (`un<b>usual</b>`,
    /// `<i>a</i> <i>b</i>`), and so is the white space of pretty-printed XML; a configured
    /// record's text likewise.
    @Test func elementsSideBySideAreNotGlued() throws {
        func text(_ xml: String, _ settings: XMLRecordSettings = XMLRecordSettings()) throws -> [String] {
            try XMLRecordReader.records(in: Array(xml.utf8), settings: settings).map { String(decoding: $0.text, as: UTF8.self) }
        }
        let compact = "<?xml version=\"1.0\"?><article><title>Harbour budget</title><body><p>The council met on Monday.</p>"
            + "<!-- x --><p>It argued about an un<b>usual</b> <i>ferry</i> <i>deal</i>.</p><list><item>one</item><item>two</item></list></body></article>"
        expectEqual(try text(compact), ["Harbour budget\nThe council met on Monday.\nIt argued about an unusual ferry deal.\none\ntwo"])
        let pretty = "<?xml version=\"1.0\"?>\n<article>\n  <title>Harbour budget</title>\n  <body>\n    <p>The council met.</p>\n    <p>It argued.</p>\n  </body>\n</article>\n"
        expectEqual(try text(pretty), ["Harbour budget\n\nThe council met.\nIt argued."])
        let options = StageOptions.defaults(XMLRecordSettings.options, ["record": "//story"])
        expectEqual(try text("<stories><story><h>Ferry</h><p>It sails.</p></story><story><p>Rain.</p><p>Wind.</p></story></stories>",
                             XMLRecordSettings(options: options)),
                    ["Ferry\nIt sails.", "Rain.\nWind."])
    }

    @Test func xmlWithNothingUsableReportsLineAndColumn() throws {
        do {
            _ = try XMLRecordReader.records(in: Array("<a>\n  <b></c>".utf8), settings: XMLRecordSettings())
            Issue.record("expected a DocumentError")
        } catch {
            #expect(error.message.contains("line 2"))
            expectEqual(error.line, 2)
        }
        #expect(throws: DocumentError.self) { try XMLRecordReader.records(in: [], settings: XMLRecordSettings()) }
        var strict = XMLRecordSettings()
        strict.recover = false
        #expect(throws: DocumentError.self) { try XMLRecordReader.records(in: try CleanupFixtures.fixture("newswire.sgml.xml"), settings: strict) }
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        // XML_PARSE_NOENT would substitute the file's content even with NONET.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("textmill-noent-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let secret = dir.appendingPathComponent("secret.txt")
        try Data("TOPSECRET".utf8).write(to: secret)
        let xml = "<?xml version=\"1.0\"?><!DOCTYPE doc [<!ENTITY e SYSTEM \"file://\(secret.path)\">]><doc>before &e; after</doc>"
        let records = try XMLRecordReader.records(in: Array(xml.utf8), settings: XMLRecordSettings())
        let text = records.map { String(decoding: $0.text, as: UTF8.self) }.joined()
        #expect(!text.contains("TOPSECRET"))
        #expect(text.contains("before"))
    }

    /// The other ways XML can name a file: an external DTD (`<!DOCTYPE rss SYSTEM "file:…">`),
    /// a parameter entity that pulls one into the internal subset (`%pe;`), and XInclude. None
    /// is read (libxml2 is given neither XML_PARSE_DTDLOAD nor XML_PARSE_XINCLUDE, and NONET):
    /// the entity the DTD would define is undefined, and the include stays an empty element.
    @Test func externalDTDsParameterEntitiesAndXIncludeAreNeverLoaded() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("textmill-nodtd-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let secret = dir.appendingPathComponent("secret.txt")
        try Data("TOPSECRET".utf8).write(to: secret)
        let dtd = dir.appendingPathComponent("feed.dtd")
        try Data("<!ENTITY ext \"FROMTHEDTD\">".utf8).write(to: dtd)
        let item = "<item><title>Harbour news</title><description>The council met &ext; on Monday.</description></item>"
        let feeds = [
            "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"file://\(dtd.path)\"><rss><channel>\(item)</channel></rss>",
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY % pe SYSTEM \"file://\(dtd.path)\"> %pe;]><rss><channel>\(item)</channel></rss>",
        ]
        for feed in feeds {
            let texts = (try? XMLRecordReader.records(in: Array(feed.utf8), settings: XMLRecordSettings()))?
                .map { String(decoding: $0.text, as: UTF8.self) } ?? []
            #expect(!texts.joined().contains("FROMTHEDTD"), "\(feed)")
        }
        let include = """
            <?xml version="1.0"?><rss xmlns:xi="http://www.w3.org/2001/XInclude"><channel><item><title>Harbour news</title>\
            <description>The council met <xi:include href="file://\(secret.path)" parse="text"/> on Monday.</description></item></channel></rss>
            """
        let records = try XMLRecordReader.records(in: Array(include.utf8), settings: XMLRecordSettings())
        expectEqual(records.map { String(decoding: $0.text, as: UTF8.self) }, ["The council met on Monday."])
    }

    @Test func badXPathIsASetupError() throws {
        let options = StageOptions.defaults(XMLRecordSettings.options, ["record": "//item[["])
        #expect(throws: StageSetupError.self) { try XMLRecordSettings(options: options).validate() }
        #expect(throws: StageSetupError.self) {
            try CleanupFixtures.stage(["xml": .object(JSONObject([("title", "a[")]))])
        }
    }
}
