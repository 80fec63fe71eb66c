import Foundation
import Testing
@testable import TextMill

/// Titles of feed entries are plain text in `meta.title`: an Atom title of `type="html"` or
/// `type="xhtml"`, and an RSS title whose text holds HTML tags, are read as text (entities
/// decoded, tags dropped). A title that is plain text keeps its `<` and `&`. Before, the markup
/// stayed in the title: `<b>Big</b> news`.
@Suite struct FeedTitleTextTests {
    @Test func atomTitlesOfEachTypeArePlainText() throws {
        let atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Steppe Notes</title>
          <entry><title type="html">&lt;b&gt;Saiga&lt;/b&gt; herds return to the &lt;em&gt;Betpak-Dala&lt;/em&gt; &amp;amp; beyond</title>
            <id>urn:steppe:1</id><summary>Rangers counted more calves this spring.</summary></entry>
          <entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Floods <i>cover</i> the lower&#160;pastures<br/>again</div></title>
            <id>urn:steppe:2</id><summary>The river rose two metres in a night.</summary></entry>
          <entry><title type="text">Why a &lt; b matters: &lt;b&gt; is a tag</title>
            <id>urn:steppe:3</id><summary>A note on markup.</summary></entry>
          <entry><title>Herders &amp; rangers &lt;meet&gt; in Almaty</title>
            <id>urn:steppe:4</id><summary>They agreed on new routes.</summary></entry>
        </feed>
        """
        let records = try XMLRecordReader.records(in: Array(atom.utf8), settings: XMLRecordSettings())
        expectEqual(records.map(\.meta), [
            JSONObject([("title", "Saiga herds return to the Betpak-Dala & beyond"), ("guid", "urn:steppe:1")]),
            JSONObject([("title", "Floods cover the lower pastures again"), ("guid", "urn:steppe:2")]),
            JSONObject([("title", "Why a < b matters: <b> is a tag"), ("guid", "urn:steppe:3")]),
            JSONObject([("title", "Herders & rangers <meet> in Almaty"), ("guid", "urn:steppe:4")]),
        ])
    }

    @Test func rssTitlesHoldingTagsArePlainTextAndOthersStandAsTheyAre() throws {
        let rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>Meridian</title>
          <item><title>&lt;b&gt;Big&lt;/b&gt; news: grain exports rise &amp;amp; prices fall</title><guid>m-1</guid><description>Customs data.</description></item>
          <item><title><![CDATA[Rates <em>held</em> at 14.75%<br/>for now]]></title><guid>m-2</guid><description>The bank met.</description></item>
          <item><title>Why a &lt; b in the budget, and AT&amp;T</title><guid>m-3</guid><description>Sums.</description></item>
          <item><title>Profit&lt;Loss for the third year</title><guid>m-4</guid><description>Accounts.</description></item>
        </channel></rss>
        """
        let records = try XMLRecordReader.records(in: Array(rss.utf8), settings: XMLRecordSettings())
        expectEqual(records.map(\.meta), [
            JSONObject([("title", "Big news: grain exports rise & prices fall"), ("guid", "m-1")]),
            JSONObject([("title", "Rates held at 14.75% for now"), ("guid", "m-2")]),
            JSONObject([("title", "Why a < b in the budget, and AT&T"), ("guid", "m-3")]),
            JSONObject([("title", "Profit<Loss for the third year"), ("guid", "m-4")]),
        ])
    }
}
