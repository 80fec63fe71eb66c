import Foundation
import Testing
@testable import TextMill

@Suite struct CleanupHTMLTests {
    @Test func keepsTheArticleAndDropsTheChrome() throws {
        let doc = try CleanupFixtures.cleanHTML(try CleanupFixtures.fixture("article.html"))
        let text = doc.string
        expectEqual(doc.content, .plain)
        // The article, in order, with its heading, quote, list and table.
        for kept in ["The first freight train crossed the new steppe rail link on Monday",
                     "Engineers had to rebuild two bridges", "Cost overruns", "We built a railway through a swamp, twice",
                     "Length: 412 kilometres", "Year | Freight (tonnes)", "2024 | 1.2 million",
                     "The ministry said it would publish a timetable"] {
            #expect(text.contains(kept), "missing: \(kept)")
        }
        #expect(text.hasPrefix("The first freight train"))
        // Chrome, scripts and the headline repeated in the body are gone.
        for dropped in ["cookies", "Home", "Share on Facebook", "Related stories", "Border towns hope", "reader comment",
                        "Most read", "All rights reserved", "Do not show this script", "margin", "Template text",
                        "enable JavaScript", "Advertisement", "Photo: Meridian Staff", "Rail Link Opens"] {
            #expect(!text.contains(dropped), "kept: \(dropped)")
        }
        CleanupFixtures.expectParagraphConvention(doc)
    }

    @Test func fillsMetadata() throws {
        let doc = try CleanupFixtures.cleanHTML(try CleanupFixtures.fixture("article.html"))
        expectEqual(doc.meta["title"], .string("Steppe Rail Link Opens After Decade of Delays"))
        expectEqual(doc.meta["byline"], .string("Dana Ortiz, Lee Park"))
        expectEqual(doc.meta["date"], .string("2024-03-04T09:30:00Z"))
        expectEqual(doc.meta["url"], .string("https://meridian.example/news/steppe-rail-link"))
        expectEqual(doc.meta["language"], .string("en-GB"))
        expectEqual(doc.meta["description"], .string("The first freight train crossed the new line on Monday."))
        expectEqual(doc.meta["site_name"], .string("The Daily Meridian"))
    }

    @Test func fullModeKeepsAllVisibleText() throws {
        let doc = try CleanupFixtures.cleanHTML(try CleanupFixtures.fixture("article.html"), ["mode": "full"])
        let text = doc.string
        for kept in ["Home", "Share on Facebook", "Border towns hope", "reader comment", "All rights reserved",
                     "The first freight train crossed"] {
            #expect(text.contains(kept), "missing in full mode: \(kept)")
        }
        #expect(!text.contains("Do not show this script"))
        #expect(!text.contains("Template text"))
        CleanupFixtures.expectParagraphConvention(doc)
    }

    @Test func figureInsideParagraphSplitsTheParagraph() throws {
        // libxml2 applies HTML4 rules and leaves <figure> inside the <p>: the text after the
        // figure must not be glued to the caption or to the text before it.
        let html = "<html><body><div class='story'><p>Officials said the line would open in the autumn, after years of work on it.<figure><figcaption>Caption words</figcaption></figure>Engineers rebuilt two bridges after the spring floods that year.</p></div></body></html>"
        let doc = try CleanupFixtures.cleanHTML(html, ["mode": "full", "keep_captions": true])
        expectEqual(doc.string, "Officials said the line would open in the autumn, after years of work on it.\n\nCaption words\n\nEngineers rebuilt two bridges after the spring floods that year.")
        let article = try CleanupFixtures.cleanHTML(html)
        expectEqual(article.string, "Officials said the line would open in the autumn, after years of work on it.\n\nEngineers rebuilt two bridges after the spring floods that year.")
    }

    @Test func skipsScriptStyleTemplateNoscriptAndCDATA() throws {
        let html = """
        <html><head><style>body { color: red }</style></head><body>
        <p>Visible words of a paragraph that is long enough to be the article text here.</p>
        <script>document.write("script words")</script><script><![CDATA[ cdata words ]]></script>
        <template><p>template words</p></template><noscript>noscript words</noscript>
        <svg><text>svg words</text></svg><!-- comment words -->
        </body></html>
        """
        for mode in ["article", "full"] {
            let doc = try CleanupFixtures.cleanHTML(html, ["mode": .string(mode)])
            expectEqual(doc.string, "Visible words of a paragraph that is long enough to be the article text here.")
        }
    }

    @Test func deepNestingKeepsTheTextAfterTheDeepPart() throws {
        // Without XML_PARSE_HUGE libxml2 drops everything after depth 256.
        let depth = 3000
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "<p>Deep inside the page there is a sentence of text.</p>"
            + String(repeating: "</div>", count: depth) + "<p>After the deep part comes the final sentence of the page.</p></body></html>"
        let doc = try CleanupFixtures.cleanHTML(html, ["mode": "full"])
        expectEqual(doc.string, "Deep inside the page there is a sentence of text.\n\nAfter the deep part comes the final sentence of the page.")
    }

    @Test func brokenHTMLStillYieldsText() throws {
        let html = "<html><body><div><p>First <b>bold <i>words</p></div></span><p>Second paragraph without an end tag<p>Third</td></body>"
        let doc = try CleanupFixtures.cleanHTML(html, ["mode": "full"])
        expectEqual(doc.string, "First bold words\n\nSecond paragraph without an end tag\n\nThird")
        let noHTMLStructure = try CleanupFixtures.cleanHTML("Just some text with a <b>bold</b> word and no html element at all.")
        expectEqual(noHTMLStructure.string, "Just some text with a bold word and no html element at all.")
    }

    @Test func htmlWithNothingUsableIsADocumentError() throws {
        for html in ["", "<html><head><script>var x = 1;</script></head><body><style>p{}</style></body></html>", "<html><body>   </body></html>"] {
            #expect(throws: DocumentError.self) { try CleanupFixtures.cleanHTML(html) }
        }
    }

    @Test func entitiesAndWhiteSpaceAsBrowsersShowThem() throws {
        let html = "<p>Caf&eacute; &amp; bar&nbsp;&#150; &#147;quoted&#148;  and\n\t&#8364;5 &#128; done.</p>"
        let doc = try CleanupFixtures.cleanHTML(html, ["mode": "full"])
        expectEqual(doc.string, "Café & bar – “quoted” and €5 € done.")
        #expect(!doc.text.contains(0xC2) || !doc.string.unicodeScalars.contains { $0.value >= 0x80 && $0.value <= 0x9F })
    }

    @Test func parsesOnSeveralThreadsAtOnce() async throws {
        let page = try CleanupFixtures.fixture("article.html")
        let expected = try CleanupFixtures.cleanHTML(page).string
        let stage = try CleanupFixtures.stage()
        let results = await withTaskGroup(of: String.self) { group in
            for k in 0..<16 {
                group.addTask {
                    var doc = Document(id: "\(k)", source: SourceInfo(path: "\(k)", format: .html, sha256: ""),
                                       text: TextDecoding.decodeHTML(page), content: .html)
                    var context = StageContext()
                    try? stage.process(&doc, &context)
                    return doc.string
                }
            }
            var all: [String] = []
            for await r in group { all.append(r) }
            return all
        }
        expectEqual(results.count, 16)
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test func hintsAndBoilerplateExtendFromTheConfig() throws {
        let html = """
        <html><body><div class="story-body">
        <p>The council approved the new budget on Tuesday after a long debate about the library.</p>
        <div class="legalese-panel"><p>This paragraph is a long legal notice that the site shows under every story, sadly.</p></div>
        <p>Sponsored by Acme</p>
        <p>The mayor said the library would reopen in the spring with longer opening hours for all.</p>
        </div></body></html>
        """
        let plain = try CleanupFixtures.cleanHTML(html)
        #expect(plain.string.contains("legal notice"))
        #expect(plain.string.contains("Sponsored by Acme"))
        let configured = try CleanupFixtures.cleanHTML(html, ["hints": ["legalese -60"], "boilerplate": ["Sponsored by Acme"]])
        #expect(!configured.string.contains("legal notice"))
        #expect(!configured.string.contains("Sponsored by Acme"))
        #expect(configured.string.contains("The mayor said"))
        #expect(throws: StageSetupError.self) { try CleanupFixtures.stage(["hints_file": "/nonexistent/hints.txt"]) }
        #expect(throws: StageSetupError.self) { try CleanupFixtures.stage(["hints": ["no-weight-here"]]) }
    }

    @Test func isRegisteredWithItsTraits() {
        let stage = StageRegistry.builtin.stage(named: "cleanup")
        #expect(stage != nil)
        expectEqual(CleanupStage.traits.produces, [.meta, .paragraphs])
        expectEqual(CleanupStage.traits.text, .replacesMarkup)
        expectEqual(CleanupStage.traits.needsPlainText, false)
    }
}
