import Foundation
import Testing
@testable import TextMill

/// An author card under the article (`author-info`, `author-profile`, `about-the-author`, …):
/// the writer's biography is page furniture, not the story.
@Suite struct CleanupAuthorCardTests {
    @Test func anAuthorCardUnderTheArticleGoes() throws {
        let html = """
            <html><head><title>Mill Lane crossing to get lights after ten-year campaign | Evening Post</title></head><body>
            <div class="site-header"><a href="/">Evening Post</a> <a href="/news">News</a> <a href="/sport">Sport</a></div>
            <div class="post">
            <h1>Mill Lane crossing to get lights after ten-year campaign</h1>
            <p class="byline">By Dana Whitlock, 3 May 2024</p>
            <div class="entry-content">
            <p>The pedestrian crossing on Mill Lane will get traffic lights this summer, the city council said on Thursday, ten years after parents first asked for them.</p>
            <p>The crossing is used by about four hundred children a day on their way to the two primary schools at the bottom of the hill, and drivers coming over the rise see it late.</p>
            <p>Work will start in July, when the schools close for the summer, and the lights should be working by the first week of the autumn term, a council spokesman said.</p>
            </div>
            <div class="author-info"><h4>About Dana Whitlock</h4>
            <p>Dana Whitlock is a senior reporter covering city hall, housing and transport. She has written for the Evening Post since 2009 and lives in Leeds with her two cats.</p></div>
            </div>
            <div class="footer">Copyright Evening Post</div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        // Before: "About Dana Whitlock" and the biography were kept after the last paragraph.
        // The headline (an `<h1>` directly over the text inside the post) and the byline stay.
        expectEqual(doc.string, "Mill Lane crossing to get lights after ten-year campaign\n\nBy Dana Whitlock, 3 May 2024\n\nThe pedestrian crossing on Mill Lane will get traffic lights this summer, the city council said on Thursday, ten years after parents first asked for them.\n\nThe crossing is used by about four hundred children a day on their way to the two primary schools at the bottom of the hill, and drivers coming over the rise see it late.\n\nWork will start in July, when the schools close for the summer, and the lights should be working by the first week of the autumn term, a council spokesman said.")
    }

    @Test func authorCardClassesAreNegativeHints() throws {
        let hints = ClassHints(try ClassHints.parse(CleanupLexicon.hints, origin: "built-in hints"))
        for value in ["author-info", "author-profile vcard", "about-the-author", "about-author", "author-card", "author-description"] {
            #expect(Array(value.utf8).withUnsafeBufferPointer { hints.weight($0) } <= -40, "\(value)")
        }
    }
}
