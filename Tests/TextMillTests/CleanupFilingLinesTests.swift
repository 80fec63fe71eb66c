import Foundation
import Testing
@testable import TextMill

/// The lines blog software writes under a post to file it ("This entry was posted on … and is
/// filed under …", "Tags: …", "Posted in: … | 3 comments") are not the post: after the
/// article's first paragraph a block that starts with one of `CleanupLexicon.filingLines` goes.
@Suite struct CleanupFilingLinesTests {
    /// The built-in filing lines and labels, as the stage reads them.
    func builtInLines() throws -> FilingLines {
        try FilingLines(parsing: CleanupLexicon.filingLines, labels: CleanupLexicon.filingLabels, origin: "test")
    }

    @Test func filingLinesUnderAPostGo() throws {
        let html = """
            <html><head><title>Harbour ferry back on the water after winter repairs | Quayside Notes</title></head><body>
            <div id="header"><a href="/">Quayside Notes</a></div>
            <div class="post">
            <h2>Harbour ferry back on the water after winter repairs</h2>
            <p>The little blue ferry was back on the harbour run this morning, three months after it was lifted out of the water for a new engine and a fresh coat of paint.</p>
            <p>Posted inside the wheelhouse is a new timetable: crossings every twenty minutes until six, and every forty minutes in the evening until the last boat at ten.</p>
            <p>The skipper said the new engine burns a third less diesel and is quiet enough that passengers can hear the gulls again.</p>
            <p>This entry was posted on Saturday, March 9th, 2024 at 10:15 am and is filed under Harbour, Boats. You can follow any responses to this entry through the RSS 2.0 feed.</p>
            <p>Tags: ferry, harbour, repairs</p>
            <div>Posted in: Local news | 3 comments</div>
            </div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        // Before: the three filing lines stayed under the post ("Posted inside …", a sentence
        // that only starts with the same letters, is the post's own and stays).
        expectEqual(doc.string, "Harbour ferry back on the water after winter repairs\n\nThe little blue ferry was back on the harbour run this morning, three months after it was lifted out of the water for a new engine and a fresh coat of paint.\n\nPosted inside the wheelhouse is a new timetable: crossings every twenty minutes until six, and every forty minutes in the evening until the last boat at ten.\n\nThe skipper said the new engine burns a third less diesel and is quiet enough that passengers can hear the gulls again.")
    }

    @Test func aFilingLineBeforeTheFirstParagraphIsTheHeader() throws {
        let html = """
            <html><head><title>Night buses to run all summer</title></head><body>
            <div class="entry-content">
            <div>Filed under: Transport</div>
            <p>Night buses will run on all four city routes through the summer, the transport board said on Friday, after a spring trial carried twice the riders it expected.</p>
            <p>The last bus will leave the central station at three in the morning on Fridays and Saturdays, and at one on other nights of the week.</p>
            </div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "Filed under: Transport\n\nNight buses will run on all four city routes through the summer, the transport board said on Friday, after a spring trial carried twice the riders it expected.\n\nThe last bus will leave the central station at three in the morning on Fridays and Saturdays, and at one on other nights of the week.")
    }

    @Test func phrasesMatchWholeWords() throws {
        let lines = try builtInLines()
        #expect(lines.starts(Array("Posted in: NFL Network | comments |".utf8)))
        #expect(lines.starts(Array("TAGS: ferry, harbour".utf8)))
        #expect(lines.starts(Array("Filed under news.".utf8)))
        #expect(lines.starts(Array("Tags".utf8)))
        #expect(!lines.starts(Array("Posted inside the wheelhouse".utf8)))
        #expect(!lines.starts(Array("Tagsmith's shop reopened".utf8)))
        #expect(!lines.starts(Array("This entry".utf8)))
        #expect(!lines.starts(Array("".utf8)))
    }

    /// A label opening a sentence of the article is the article's: such paragraphs were dropped.
    @Test func aLabelOpeningASentenceOfTheArticleStays() throws {
        let lines = try builtInLines()
        #expect(!lines.starts(Array("Tags were fixed to the fins of forty sharks off the cape this summer.".utf8)))
        #expect(!lines.starts(Array("Posted in Berlin since 2019, the envoy said the talks would “resume soon.”".utf8)))
        #expect(!lines.starts(Array("Filed under seal last week, the papers name four officials (and two firms).".utf8)))
        #expect(lines.starts(Array("Posted in Politics, Local News, Elections, State House | 3 Comments »".utf8)))
        #expect(lines.starts(Array("This entry was posted on Monday, May 5th, 2008 at 10:00 am and is filed under News.".utf8)))
        let html = """
            <html><head><title>Sharks tagged off the cape</title></head><body>
            <div class="post">
            <p>Marine biologists spent the summer following great white sharks along the outer beaches of the cape, where sightings have doubled in five years.</p>
            <p>Tags were fixed to the fins of forty sharks, and each one reports its position whenever the shark comes up near a receiver.</p>
            <p>Tagged sharks have already been tracked as far south as Florida, the team said.</p>
            <p>Tags: sharks, cape, science</p>
            </div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "Marine biologists spent the summer following great white sharks along the outer beaches of the cape, where sightings have doubled in five years.\n\nTags were fixed to the fins of forty sharks, and each one reports its position whenever the shark comes up near a receiver.\n\nTagged sharks have already been tracked as far south as Florida, the team said.")
    }

    /// A paragraph that ends with an ellipsis or opens a list with a colon is prose too: both
    /// were dropped as filing lines (only . ! ? ended a sentence).
    @Test func aLabelOpeningAParagraphEndingInAnEllipsisOrAColonStays() throws {
        let lines = try builtInLines()
        #expect(!lines.starts(Array("Tagged sharks have been tracked as far south as Florida, and then…".utf8)))
        #expect(!lines.starts(Array("Tagged onto the bill at the last minute were three riders:".utf8)))
        #expect(!lines.starts(Array("Posted in Berlin since 2019, the envoy wrote: “the talks will resume…”".utf8)))
        #expect(lines.starts(Array("Tags: sharks, cape, science, summer, Florida".utf8)))
        #expect(lines.starts(Array("Filed under: Harbour, Boats".utf8)))
        let html = """
            <html><head><title>Sharks tagged off the cape</title></head><body>
            <div class="post">
            <p>Marine biologists spent the summer following great white sharks along the outer beaches of the cape, where sightings have doubled in five years.</p>
            <p>Tagged onto each shark's fin is a receiver the size of a thumb, and the team listed what it records:</p>
            <p>Depth, water temperature and position, every time the shark comes up near a buoy, and then…</p>
            <p>Tags: sharks, cape, science</p>
            </div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "Marine biologists spent the summer following great white sharks along the outer beaches of the cape, where sightings have doubled in five years.\n\nTagged onto each shark's fin is a receiver the size of a thumb, and the team listed what it records:\n\nDepth, water temperature and position, every time the shark comes up near a buoy, and then…")
    }

    @Test func aPhraseWithoutLettersIsAnError() {
        #expect(throws: StageSetupError.self) { try FilingLines(parsing: "Tags\n--\n", origin: "test") }
    }
}
