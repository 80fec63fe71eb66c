import Foundation
import Testing
@testable import TextMill

/// `<a name="term">` without `href` is a place to jump to, not a link: a browser shows its text
/// as plain text, so a glossary's terms (each a named anchor) are not navigation.
@Suite struct CleanupNamedAnchorTests {
    @Test func namedAnchorsAreNotLinks() throws {
        let html = """
            <html><body><div class="glossary">
            <h1>Glossary of sailing terms</h1>
            <p>Pick a letter above to jump to its part of the glossary, or read the whole list from the top.</p>
            <dl>
            <dt><a name="beam"><strong>beam</strong></a></dt>
            <dd>the width of a boat at its widest point, measured from one side of the hull to the other</dd>
            <dt><a name="bowline"><strong>bowline</strong></a></dt>
            <dd>a knot that makes a fixed loop at the end of a rope, easy to untie after it has carried a load</dd>
            <dt><a name="leeward"><strong>leeward</strong></a></dt>
            <dd>the side of the boat away from the wind, where the sails swing out when the boat turns</dd>
            </dl>
            </div></body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        // Before: every term counted as link text and was dropped with the links. (The `<h1>`
        // is the page's title and goes as the headline.)
        expectEqual(doc.string, "Pick a letter above to jump to its part of the glossary, or read the whole list from the top.\n\nbeam\n\nthe width of a boat at its widest point, measured from one side of the hull to the other\n\nbowline\n\na knot that makes a fixed loop at the end of a rope, easy to untie after it has carried a load\n\nleeward\n\nthe side of the boat away from the wind, where the sails swing out when the boat turns")
    }

    @Test func anAnchorWithNeitherHrefNorNameIsStillALink() throws {
        // A script's buttons (`<a class="btn">`) are page tools: still links, still dropped.
        let html = """
            <html><body><div class="story">
            <p>The sailing club will hold its first regatta of the season on Saturday, with thirty boats entered in four classes.</p>
            <p>Races start at ten from the harbour wall, and the club house will serve lunch to visitors from noon.</p>
            <ul><li><a class="btn">Share on Facebook</a></li><li><a class="btn">Share on Twitter</a></li><li><a class="btn">Email this story</a></li></ul>
            </div></body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "The sailing club will hold its first regatta of the season on Saturday, with thirty boats entered in four classes.\n\nRaces start at ten from the harbour wall, and the club house will serve lunch to visitors from noon.")
    }
}
