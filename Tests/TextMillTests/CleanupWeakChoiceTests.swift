import Foundation
import Testing
@testable import TextMill

/// When no block scores as much prose (a short post in short lines), the element the page names
/// as the article wins over a site-wide blurb that is only longer.
@Suite struct CleanupWeakChoiceTests {
    @Test func shortPostInLinesWinsOverTheAuthorBlurb() throws {
        let html = """
            <html><body>
            <div class="wrap"><div class="post-body entry-content">
            <div>Dear all,</div>
            <div>The garden club meets on Saturday</div>
            <div>Place: the old barn</div>
            <div>Bring gloves and a flask</div>
            <div>Hope to see you there</div>
            </div></div>
            <div class="side"><div>Thanks for stopping by my little corner of the web. By day I draw maps for a living, and at night I grow far too many tomatoes for one household.</div></div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "Dear all,\n\nThe garden club meets on Saturday\n\nPlace: the old barn\n\nBring gloves and a flask\n\nHope to see you there")
    }

    @Test func aRealArticleStillBeatsANamedShortBox() throws {
        // The choice is not weak: the prose wins even though the box's class names a post.
        let html = """
            <html><body>
            <div class="post-body entry-content"><div>Posted in gardening</div><div>Three comments so far</div></div>
            <div>
            <p>The garden club met on Saturday in the old barn, where thirty members planted the new herb beds before lunch.</p>
            <p>The club's chair said the beds would supply the village kitchen with parsley, mint and chives all summer long.</p>
            <p>Next month the members will build a shelter for the tools, paid for by the spring plant sale.</p>
            <p>New members are welcome at any meeting, and no experience of gardening is needed to join the club.</p>
            </div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        #expect(doc.string.hasPrefix("The garden club met on Saturday"))
        #expect(!doc.string.contains("Posted in gardening"))
    }

    @Test func titleAnchorTakesTheShortPostUnderTheHeadline() throws {
        // No class names the post; the page's title is its headline, so the short text under
        // that heading is the article, not the longer author blurb in the sidebar.
        let html = """
            <html><head><title>Paper lanterns for the harvest fair | Maple Lane Crafts</title></head><body>
            <div class="main"><div class="box">
            <h2>Paper lanterns for the harvest fair</h2>
            <div>Folded from one sheet of card and a strip of ribbon.</div>
            <div>via lanternworks.example</div>
            </div></div>
            <div class="side"><div>I craft. I bake. I write about both. This little blog is where I keep every idea that worked, and plenty that did not, since the winter of my first quilt.</div></div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        // The headline is a lower heading: the post's own, it stays.
        expectEqual(doc.string, "Paper lanterns for the harvest fair\n\nFolded from one sheet of card and a strip of ribbon.\n\nvia lanternworks.example")
    }

    @Test func titleAnchorLeavesAWeakChoiceInsideItsArticle() throws {
        // The weak choice is already the body under the headline: the anchor does not widen it
        // to the standfirst and the byline.
        let html = """
            <html><head><title>Night buses return to the valley</title></head><body>
            <div class="wrap"><header><h1>Night buses return to the valley</h1>
            <h2>Three routes are back after the winter closures</h2></header>
            <div class="byline">By Ana Ruiz, transport reporter at the Valley Courier since 2019</div>
            <div class="text"><p>Three night routes run again from Monday.</p><p>The council said the buses would run every hour until two.</p></div>
            </div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "Three night routes run again from Monday.\n\nThe council said the buses would run every hour until two.")
    }

    @Test func titleAnchorTooBigForAShortArticleIsThePageWrapper() throws {
        // The headline is repeated above a long thread of short reply lines: that element is
        // the page's discussion wrapper, not a short article, so the weak choice stays.
        let replies = (1...150).map { "<div>Reply \($0) from a reader</div>" }.joined(separator: "\n")
        let html = """
            <html><head><title>The library opens on Sundays from May</title></head><body>
            <div class="story"><p>The town library will open on Sundays from the first of May, the council said on Friday, after a year of requests from parents and students.</p></div>
            <div class="thread"><h3>The library opens on Sundays from May</h3>
            \(replies)
            </div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "The town library will open on Sundays from the first of May, the council said on Friday, after a year of requests from parents and students.")
    }

    @Test func titleAnchorTakesAOneLinePostUnderALinkedHeadline() throws {
        // A blog post of one line under its linked headline, beside a longer author blurb; the
        // same headline repeated as the title of the replies is not the anchor.
        let html = """
            <html><head><title>Clay birds on a wire - Studio Notes</title></head><body>
            <div class="thread"><h4 class="comments-title">Clay birds on a wire</h4><p>Be the first to leave a reply to this post, and tell us what you made.</p></div>
            <div class="col"><div class="item">
            <h3><a href="/clay-birds">Clay birds on a wire</a></h3>
            <p>Tiny clay birds, painted by hand.</p>
            </div></div>
            <div class="about"><p>I make things. I write. I teach. And a hundred and forty characters on a social network were never going to be enough for me.</p></div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "Tiny clay birds, painted by hand.")
    }

    @Test func titleAnchorFindsTheHeadlineByTheTitleElementWhenMetaNamesTheSite() throws {
        // The meta tags give only the site's name; the `<title>` names the post, whose headline
        // is an <h2>. The short post under it wins over the longer "about" blurb (the headline
        // stays: it repeats the `<title>`, not the meta title the body is compared with).
        let html = """
            <html><head><meta property="og:title" content="Maple Lane Crafts - ideas for every season">
            <title>Paper lanterns for the harvest fair | Maple Lane Crafts</title></head><body>
            <div class="main"><div class="box">
            <h2>Paper lanterns for the harvest fair</h2>
            <div>Folded from one sheet of card and a strip of ribbon.</div>
            <div>via lanternworks.example</div>
            </div></div>
            <div class="side"><div>I craft. I bake. I write about both. This little blog is where I keep every idea that worked, and plenty that did not, since the winter of my first quilt.</div></div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, "Paper lanterns for the harvest fair\n\nFolded from one sheet of card and a strip of ribbon.\n\nvia lanternworks.example")
    }

    @Test func titleAnchorWidensAWeakChoiceThatIsANoteBesideTheBody() throws {
        // The comment rules under a short story outweigh it (a boilerplate box counts against
        // the story's element), so the best container is the comment form's one-line note. It
        // lies inside the headline's element but holds little of its prose: the anchor is
        // taken, and the story comes out (the rules box stays out).
        let html = """
            <html><head><title>Ferry pier to close for repairs - Harbour Blog</title></head><body>
            <div class="post"><h2>Ferry pier to close for repairs</h2>
            <div class="entry">
            <p>The old ferry pier will close for repairs in March, the harbour board said on Tuesday.</p>
            <p>Two of its oak piles rotted through during the winter storms.</p>
            <div class="notes">
            <div class="comment-rules">Rules: keep your comments on the topic of the story, do not attack other readers, and do not share anyone's address or telephone number. Comments that break these rules are removed without notice.</div>
            <div>Comments may be no longer than 1000 characters and appear once a moderator has read them.</div>
            </div>
            </div></div>
            </body></html>
            """
        let doc = try CleanupFixtures.cleanHTML(html)
        expectEqual(doc.string, """
            Ferry pier to close for repairs

            The old ferry pier will close for repairs in March, the harbour board said on Tuesday.

            Two of its oak piles rotted through during the winter storms.

            Comments may be no longer than 1000 characters and appear once a moderator has read them.
            """)
    }
}

/// A headline shorter than the title anchor's 12 letters ("Sea glass") anchors the short post
/// when it is a whole part of the page's title ("Sea glass - Tidewater Notes"), or the whole
/// title, and neither the site's name nor a linked part.
@Suite struct CleanupShortHeadlineAnchorTests {
    static func page(head: String, heading: String) -> String {
        """
        <html><head>\(head)</head><body>
        <ul><li><a href="/">Home</a></li><li><a href="/tides">Tide tables for the whole coast</a></li><li><a href="/finds">Beach finds by the month</a></li><li><a href="/about">About the cottage above the harbour</a></li></ul>
        <div class="main"><div class="box">
        <h3>\(heading)</h3>
        <div><p>Happy Sunday! We found these on the beach below the old pier this morning.</p></div>
        </div></div>
        <div class="side"><div>Tidewater Notes is a small blog about the coast, its tides and the things the sea leaves behind, written from a cottage above the harbour since the spring of 2009.</div></div>
        </body></html>
        """
    }

    static let post = "Happy Sunday! We found these on the beach below the old pier this morning."
    static let blurb = "Tidewater Notes is a small blog about the coast, its tides and the things the sea leaves behind, written from a cottage above the harbour since the spring of 2009."

    @Test func aShortHeadlineThatIsAPartOfTheTitleAnchorsThePost() throws {
        let doc = try CleanupFixtures.cleanHTML(Self.page(head: "<title>Sea glass - Tidewater Notes</title>", heading: "Sea glass"))
        // Before: the sidebar blurb (the longest prose) was the article, the post only joining it
        // as a sibling (as in the last test below). The headline stays:
        // only the whole title is dropped as the headline.
        expectEqual(doc.string, "Sea glass\n\n" + Self.post)
    }

    @Test func aLinkedShortHeadlineAnchorsWhenItIsTheWholeTitle() throws {
        let head = "<title>Tidewater Notes » Sea glass</title><meta property=\"og:title\" content=\"Sea glass\">"
        let doc = try CleanupFixtures.cleanHTML(Self.page(head: head, heading: "<a href=\"/sea-glass\">Sea glass</a>"))
        expectEqual(doc.string, Self.post)
    }

    @Test func aLinkedPartOfTheTitleOrTheSiteNameDoesNot() throws {
        // A linked heading that is only a part of the title, and a heading that is the site's
        // name, are no headlines: the blurb stays the (weak) choice, and the post joins it as
        // a sibling scoring a quarter of it, as before.
        let linked = try CleanupFixtures.cleanHTML(Self.page(head: "<title>Sea glass - Tidewater Notes</title>", heading: "<a href=\"/sea-glass\">Sea glass</a>"))
        expectEqual(linked.string, Self.post + "\n\n" + Self.blurb)
        let head = "<title>Sea glass | Tidewater</title><meta property=\"og:site_name\" content=\"Tidewater\">"
        let site = try CleanupFixtures.cleanHTML(Self.page(head: head, heading: "Tidewater"))
        expectEqual(site.string, "Tidewater\n\n" + Self.post + "\n\n" + Self.blurb)
    }

    @Test func titlePartsAreSplitAtEverySeparator() {
        expectEqual(ContentExtractor.titleParts("Sea glass - Tidewater Notes | Coast"), ["Sea glass - Tidewater Notes | Coast", "Sea glass", "Tidewater Notes", "Coast"])
        expectEqual(ContentExtractor.titleParts("Sea glass"), ["Sea glass"])
    }
}
