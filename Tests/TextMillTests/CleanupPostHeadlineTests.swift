import Foundation
import Testing
@testable import TextMill

/// A post's headline marked as a lower heading (`<h2>`…`<h6>`, a blog's `h3.post-title`) above
/// the element that holds the post's text is part of the post and stays, with the dateline
/// between it and the text. An `<h1>` stays too when it sits directly over the text inside the
/// post's content-hinted box (`div.post`), with its dateline; an `<h1>` set apart in a header
/// box of its own (share tools between it and the text) is the page's title and stays out.
@Suite struct CleanupPostHeadlineTests {
    static func page(headline: String, dateline: String = "") -> String {
        """
        <html><head><title>Allotment Notes: Three winter soups for a cold week</title></head><body>
        <div id="header"><div class="blog-name"><a href="/">Allotment Notes</a></div>
        <div class="description">Growing, cooking and eating from a small plot by the river</div></div>
        <div id="main"><div class="post">
        \(headline)
        \(dateline)
        <div class="post-body entry-content">
        <p>The last of the leeks came out of the ground on Saturday, a little thinner than last year's after the dry autumn, and most of them went straight into a pot with the potatoes that had been sitting in the shed.</p>
        <p>Leek and potato is the soup everybody knows, so the second pot was a spiced parsnip one, roasted first until the edges caught, then blended with stock and a spoonful of curry paste from the jar in the fridge.</p>
        <p>The third was a plain white bean soup with the rosemary that survives every winter by the gate. All three freeze well, which matters when the plot gives you everything in the same fortnight.</p>
        </div>
        <div class="post-footer">Posted by Ruth at 9:14 PM</div>
        </div></div>
        <div id="sidebar"><h2>Blog archive</h2><ul><li><a href="/2008/01/">January</a></li><li><a href="/2007/12/">December</a></li><li><a href="/2007/11/">November</a></li></ul></div>
        </body></html>
        """
    }

    static let post = """
        The last of the leeks came out of the ground on Saturday, a little thinner than last year's after the dry autumn, and most of them went straight into a pot with the potatoes that had been sitting in the shed.

        Leek and potato is the soup everybody knows, so the second pot was a spiced parsnip one, roasted first until the edges caught, then blended with stock and a spoonful of curry paste from the jar in the fridge.

        The third was a plain white bean soup with the rosemary that survives every winter by the gate. All three freeze well, which matters when the plot gives you everything in the same fortnight.
        """

    @Test func aPostHeadlineAsALowerHeadingRightAboveTheTextStays() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.page(
            headline: #"<h3 class="post-title"><a href="/2008/01/three-winter-soups.html">Three winter soups for a cold week</a></h3>"#))
        expectEqual(doc.string, "Three winter soups for a cold week\n\n" + Self.post)
        CleanupFixtures.expectParagraphConvention(doc)
    }

    @Test func anH1DirectlyOverTheTextInsideThePostStays() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.page(headline: "<h1>Three winter soups for a cold week</h1>"))
        expectEqual(doc.string, "Three winter soups for a cold week\n\n" + Self.post)
        CleanupFixtures.expectParagraphConvention(doc)
    }

    @Test func anH1SetApartByShareToolsStaysOut() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.page(headline: """
            <h1>Three winter soups for a cold week</h1>
            <ul class="tools"><li><a href="/share?fb">Facebook</a></li><li><a href="/share?tw">Twitter</a></li><li><a href="/print">Print this post</a></li></ul>
            """))
        expectEqual(doc.string, Self.post)
        CleanupFixtures.expectParagraphConvention(doc)
    }

    @Test func aLowerHeadingStaysWithTheDatelineUnderIt() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.page(headline: "<h2>Three winter soups for a cold week</h2>",
                                                          dateline: Self.dateline))
        expectEqual(doc.string, "Three winter soups for a cold week\n\nSunday, January 13, 2008\n\n" + Self.post)
        CleanupFixtures.expectParagraphConvention(doc)
    }

    @Test func anH1OverTheTextStaysWithTheDatelineUnderIt() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.page(headline: "<h1>Three winter soups for a cold week</h1>",
                                                          dateline: Self.dateline))
        expectEqual(doc.string, "Three winter soups for a cold week\n\nSunday, January 13, 2008\n\n" + Self.post)
        CleanupFixtures.expectParagraphConvention(doc)
    }

    static let dateline = #"<div class="date">Sunday, January 13, 2008</div>"#

    /// A post whose headline, repeating the page's title, is the first block of the post's own
    /// element: the container holds it.
    static func postWithHeadlineInside(_ headline: String) -> String {
        """
        <html><head><title>Three winter soups for a cold week</title></head><body>
        <div id="header"><div class="blog-name"><a href="/">Allotment Notes</a></div></div>
        <div id="main"><div class="post-body entry-content">
        \(headline)
        <p>The last of the leeks came out of the ground on Saturday, a little thinner than last year's after the dry autumn, and most of them went straight into a pot with the potatoes that had been sitting in the shed.</p>
        <p>Leek and potato is the soup everybody knows, so the second pot was a spiced parsnip one, roasted first until the edges caught, then blended with stock and a spoonful of curry paste from the jar in the fridge.</p>
        <p>The third was a plain white bean soup with the rosemary that survives every winter by the gate. All three freeze well, which matters when the plot gives you everything in the same fortnight.</p>
        </div></div>
        <div id="sidebar"><h2>Blog archive</h2><ul><li><a href="/2008/01/">January</a></li><li><a href="/2007/12/">December</a></li><li><a href="/2007/11/">November</a></li></ul></div>
        </body></html>
        """
    }

    @Test func aLowerHeadingRepeatingTheTitleInsideThePostStays() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.postWithHeadlineInside("<h2>Three winter soups for a cold week</h2>"))
        expectEqual(doc.string, "Three winter soups for a cold week\n\n" + Self.post)
        CleanupFixtures.expectParagraphConvention(doc)
    }

    @Test func anH1RepeatingTheTitleInsideThePostGoesAsTheTitle() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.postWithHeadlineInside("<h1>Three winter soups for a cold week</h1>"))
        expectEqual(doc.string, Self.post)
        CleanupFixtures.expectParagraphConvention(doc)
    }

    /// A blog whose name is a heading of its own right above the post's headline, both inside
    /// the content-hinted `main` (a WordPress theme's `h1.title` over `h1.entry-title`): the
    /// post's headline and dateline stay, the site's name (`og:site_name`) does not.
    static let siteNameOverThePost = """
        <html><head><title>Three winter soups for a cold week - Allotment Notes</title>
        <meta property="og:site_name" content="Allotment Notes"></head><body>
        <div id="header"><ul class="menu"><li><a href="/">Home</a></li><li><a href="/about">About</a></li><li><a href="/recipes">Recipes</a></li></ul></div>
        <div class="content-section"><main id="main" class="site-main" role="main">
        <div class="col-header-main"><h1 class="title">Allotment Notes</h1></div>
        <article class="post type-post"><header class="entry-header"><h1 class="entry-title">Three winter soups for a cold week</h1>
        <div class="entry-meta"><span class="posted-on">January 13, 2008</span> | by Ruth</div></header>
        <div class="entry-content">
        <p>The last of the leeks came out of the ground on Saturday, a little thinner than last year's after the dry autumn, and most of them went straight into a pot with the potatoes that had been sitting in the shed.</p>
        <p>Leek and potato is the soup everybody knows, so the second pot was a spiced parsnip one, roasted first until the edges caught, then blended with stock and a spoonful of curry paste from the jar in the fridge.</p>
        <p>The third was a plain white bean soup with the rosemary that survives every winter by the gate. All three freeze well, which matters when the plot gives you everything in the same fortnight.</p>
        </div></article></main></div>
        <div id="sidebar"><h2>Blog archive</h2><ul><li><a href="/2008/01/">January</a></li><li><a href="/2007/12/">December</a></li><li><a href="/2007/11/">November</a></li></ul></div>
        </body></html>
        """

    @Test func theSiteNameAsAHeadingOverThePostStaysOut() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.siteNameOverThePost)
        expectEqual(doc.string, "Three winter soups for a cold week\n\nJanuary 13, 2008 | by Ruth\n\n" + Self.post)
        CleanupFixtures.expectParagraphConvention(doc)
    }
}
