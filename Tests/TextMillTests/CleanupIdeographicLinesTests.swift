import Foundation
import Testing
@testable import TextMill

/// Chinese and Japanese blog posts are often written as lines without stops (a space between
/// clauses); such a line says as much as a long unpunctuated Latin block and is prose.
@Suite struct CleanupIdeographicLinesTests {
    @Test func chineseLinesWithoutStopsAreTheArticle() throws {
        let html = """
            <html><body>
            <div class="menu"><a href="/">首頁</a> <a href="/blog">部落格</a> <a href="/travel">旅遊</a></div>
            <div class="post">
            <p>週末一早出發前往山上的小村莊 沿途雲霧繚繞十分美麗</p>
            <p>村口的老榕樹下有幾位長者在下棋 看見我們便熱情招呼</p>
            <p>午餐在溪邊的小食堂享用 野菜和竹筍都是當天現採的</p>
            <p>傍晚時分夕陽染紅了整片山谷，我們依依不捨地踏上歸途。</p>
            </div>
            <div class="footer">版權所有</div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, """
            週末一早出發前往山上的小村莊 沿途雲霧繚繞十分美麗

            村口的老榕樹下有幾位長者在下棋 看見我們便熱情招呼

            午餐在溪邊的小食堂享用 野菜和竹筍都是當天現採的

            傍晚時分夕陽染紅了整片山谷，我們依依不捨地踏上歸途。
            """)
    }

    @Test func shortChineseLabelsStayFurniture() throws {
        // Lines under fifteen characters (a category label, a date line) are not prose: after
        // the text, boxed away from its paragraphs, such a line goes (as prose it would stay).
        let html = """
            <html><body>
            <div class="post">
            <p>傍晚時分夕陽染紅了整片山谷，我們依依不捨地踏上歸途。</p>
            <p>明天還要早起上班，今晚就早點休息吧。</p>
            <div><div><div><p>分類：休閒旅遊</p></div></div></div>
            </div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "傍晚時分夕陽染紅了整片山谷，我們依依不捨地踏上歸途。\n\n明天還要早起上班，今晚就早點休息吧。")
    }
}
