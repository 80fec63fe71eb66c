import Foundation
import Testing
@testable import TextMill

/// A `<noscript>` with an element left open inside it (`<noscript><div id="nav"></noscript>`)
/// is kept open by libxml2 past its `</noscript>`, so the rest of the page, the article
/// included, lies inside it. Such a noscript (at least 2,000 bytes of text) is walked like any
/// element; a real one ("Please enable JavaScript") is still skipped.
@Suite struct CleanupSwallowedNoscriptTests {
    static let paragraphs = [
        "Bus drivers at the three city depots walked out at dawn on Monday, the first strike on the network in eleven years, after talks over the new rotas broke down late on Sunday night without an agreement.",
        "The union said its members had voted four to one for the action after the operator proposed split shifts that would keep some drivers at work for thirteen hours a day with an unpaid break in the middle.",
        "Only a handful of the morning services ran, most of them on the two routes to the hospital, which the union had agreed to leave alone, and queues for taxis stretched the length of the station forecourt by eight.",
        "The operator's managing director said the company had offered a pay rise of four per cent and a review of the rotas within six months, and that the strike would cost the network about two hundred thousand pounds a day.",
        "Shop owners on the high street said trade had fallen by half, and the chamber of commerce called on both sides to go back to the table before the second day of the strike, planned for Thursday, goes ahead.",
        "A spokesman for the transport authority said it would not step in while talks were possible, but that it had asked the operator to publish a timetable of the services it could run on Thursday by Wednesday noon.",
        "The union's regional organiser said the drivers were ready to talk at any hour, but not about a rota that would see them leave home before six in the morning and come back after seven at night.",
        "Parents at two secondary schools on the edge of the city were told to make their own arrangements, and one head teacher said a third of her pupils had not arrived by the end of the first lesson.",
        "The last strike on the network, in the spring of the year the new depot opened, lasted nine days and ended with a deal on overtime that both sides later said had been struck too quickly.",
        "Talks are due to resume on Tuesday afternoon at the offices of the conciliation service, which said both sides had agreed to attend but that neither had yet changed its position on the rotas.",
    ]

    static func page(noscript: String) -> String {
        """
        <html><head><title>Bus drivers' strike shakes the depot bosses</title></head><body>
        <div id="skip"><a href="#content">Skip to content</a></div>
        \(noscript)
        <ul id="nav"><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/topics">Topics</a></li><li><a href="/about">About</a></li></ul>
        <div id="content">
        <h1>Bus drivers' strike shakes the depot bosses</h1>
        \(paragraphs.map { "<p>\($0)</p>" }.joined(separator: "\n"))
        </div>
        <div id="footer"><a href="/contact">Contact</a> | <a href="/privacy">Privacy</a></div>
        </body></html>
        """
    }

    @Test func aNoscriptThatSwallowedThePageIsWalked() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.page(noscript: "<noscript><div id=\"menu-fallback\"></noscript>"))
        // Before: everything after the noscript was skipped with it, and the page gave only
        // "Skip to content".
        expectEqual(doc.string, Self.paragraphs.joined(separator: "\n\n"))
    }

    @Test func aRealNoscriptIsStillSkipped() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.page(noscript: "<noscript><p>Please enable JavaScript to see the live departure boards.</p></noscript>"))
        expectEqual(doc.string, Self.paragraphs.joined(separator: "\n\n"))
        #expect(!doc.string.contains("JavaScript"))
    }

    @Test func fullModeWalksTheSwallowedPageToo() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.page(noscript: "<noscript><div id=\"menu-fallback\"></noscript>"), ["mode": .string("full")])
        #expect(doc.string.hasPrefix("Skip to content\n\nHome\n\nNews\n\nTopics\n\nAbout\n\nBus drivers' strike shakes the depot bosses\n\n" + Self.paragraphs[0]))
        #expect(doc.string.hasSuffix(Self.paragraphs[9] + "\n\nContact | Privacy"))
    }
}
