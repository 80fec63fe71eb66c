import Foundation
import Testing
@testable import TextMill

/// Markup that starts with `<!` and is neither a comment nor a DOCTYPE is a bogus comment a
/// browser hides (Word's `<![if !supportLists]>…<![endif]>`, a forum's `<!-Post: 63274-!>`).
/// libxml2's HTML parser kept it as text, inside the sentences it stood in.
@Suite struct CleanupBogusCommentTests {
    /// A club constitution saved from Word as a web page: list numbers and empty paragraphs
    /// wrapped in downlevel-revealed conditionals.
    static let wordPage = """
    <html xmlns:o="urn:schemas-microsoft-com:office:office"><head><title>Rowing Club Constitution</title>
    <!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>Secretary</o:Author></o:DocumentProperties></xml><![endif]-->
    <style><!-- p.MsoNormal {margin:0cm; font-family:"Times New Roman"} --></style></head>
    <body lang=EN-GB>
    <div class=Section1>
    <h1>Rowing Club Constitution</h1>
    <p class=MsoNormal><![if !supportLists]>1.0 <![endif]>The club is called the Riverside Rowing Club and is open to all students and staff of the college who can swim fifty metres.</p>
    <p class=MsoNormal><![if !supportEmptyParas]>&nbsp;<![endif]><o:p></o:p></p>
    <p class=MsoNormal><![if !supportLists]>2.0 <![endif]>The objects of the club are to promote rowing at every level, to enter crews in the regattas of the season, and to keep the boathouse and its boats in good repair.</p>
    <p class=MsoNormal><![if !supportLists]>3.0 <![endif]>The committee meets at least twice a term, and a meeting of the committee needs four of its members, one of them the president or the captain, to take any decision.</p>
    <p class=MsoNormal><![if !supportLineBreakNewLine]><br><![endif]>The accounts of the club are kept by the treasurer, who reports on them at the annual general meeting held in the first week of the summer term.</p>
    </div>
    </body></html>
    """

    static let wordText = """
    1.0 The club is called the Riverside Rowing Club and is open to all students and staff of the college who can swim fifty metres.

    2.0 The objects of the club are to promote rowing at every level, to enter crews in the regattas of the season, and to keep the boathouse and its boats in good repair.

    3.0 The committee meets at least twice a term, and a meeting of the committee needs four of its members, one of them the president or the captain, to take any decision.

    The accounts of the club are kept by the treasurer, who reports on them at the annual general meeting held in the first week of the summer term.
    """

    @Test func wordConditionalsAreNotText() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.wordPage)
        // Before: "<![if !supportLists]>1.0 <![endif]>The club is called …", and so on each line.
        expectEqual(doc.string, Self.wordText)
        CleanupFixtures.expectParagraphConvention(doc)
    }

    @Test func forumMarkersAreNotText() throws {
        let page = """
        <html><head><title>Allotment forum: Blight on the early potatoes</title></head><body>
        <table><tr><td class="msg">
        <!-Post: 63274-!><!-Time: 1051807017-!>
        <p>By <!-Email-!><!-/Email-!><!-Name-!>Dana Whitcombe<!-/Name-!> on Thursday, May 1, 2003</p>
        <p>The early potatoes on my plot have come up with brown patches on the leaves after the wet week, and the stems have started to blacken just above the soil on half of the row.</p>
        <p>My neighbour says it is blight and that I should cut the haulms down now and leave the tubers in the ground for three weeks before I lift them, so the spores on the leaves cannot reach them.</p>
        <p>Has anyone tried the resistant varieties the seed catalogue is selling this year, and did they crop as well as the old ones on heavy clay?</p>
        </td></tr></table>
        </body></html>
        """
        let doc = try CleanupFixtures.cleanHTML(page)
        expectEqual(doc.string, """
        By Dana Whitcombe on Thursday, May 1, 2003

        The early potatoes on my plot have come up with brown patches on the leaves after the wet week, and the stems have started to blacken just above the soil on half of the row.

        My neighbour says it is blight and that I should cut the haulms down now and leave the tubers in the ground for three weeks before I lift them, so the spores on the leaves cannot reach them.

        Has anyone tried the resistant varieties the seed catalogue is selling this year, and did they crop as well as the old ones on heavy clay?
        """)
    }

    @Test func onlyMarkupIsBlanked() {
        // Text that shows "<!" (escaped), comments, scripts, titles, attribute values and
        // DOCTYPEs are left alone; nothing is copied when the page holds no bogus comment.
        let untouched = [
            "<!DOCTYPE html><html><body><p>HTTP/1.1 200 OK &lt;!DOCTYPE html&gt;</p></body></html>",
            "<html><body><!-- a <!b> c --><p>x</p></body></html>",
            "<p>plain</p>",
        ]
        for page in untouched { expectEqual(BogusComments.blanked(Array(page.utf8)), nil, "\(page)") }
        let kept = [
            "<script>if (a <!b) { x() }</script>",
            "<title>Why <!x> shows</title>",
            "<a title=\"<![if x]>\" href=\"/\">link</a>",
            "<textarea><![CDATA[ typed ]]></textarea>",
        ]
        for part in kept {
            let page = "<html><body>\(part)<p>a<![endif]>b\nc</p></body></html>"
            let blanked = BogusComments.blanked(Array(page.utf8)).map { String(decoding: $0, as: UTF8.self) }
            expectEqual(blanked, "<html><body>\(part)<p>a" + String(repeating: " ", count: "<![endif]>".utf8.count) + "b\nc</p></body></html>", "\(part)")
        }
        // Line breaks inside one stay, so libxml2's line numbers stay right.
        let multiline = BogusComments.blanked(Array("<p>a<![if\n!x]>b</p>".utf8)).map { String(decoding: $0, as: UTF8.self) }
        expectEqual(multiline, "<p>a" + String(repeating: " ", count: 5) + "\n" + String(repeating: " ", count: 4) + "b</p>")
    }
}
