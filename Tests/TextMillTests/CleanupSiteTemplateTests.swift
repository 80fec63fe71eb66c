import Foundation
import Testing
@testable import TextMill

/// The site template: text blocks that several pages of one host share (an "about this blog"
/// blurb) are learnt from the pages of a run and no longer win the article over a short post.
@Suite struct CleanupSiteTemplateTests {
    static let blurb = "Window Box is a small blog about growing vegetables on balconies, written by two neighbours in a city flat since 2009. If you see a photo here that we have not credited, please write to us and we will add the credit or take it down at once."

    /// A blog page: the blurb in a side box, then a short post under a short heading (too short
    /// to anchor the article on the title).
    static func page(host: String?, heading: String, post: String) -> [UInt8] {
        let canonical = host.map { "<link rel=\"canonical\" href=\"https://\($0)/2024/\(heading.lowercased())\">" } ?? ""
        return Array("""
            <html><head><title>Window Box: \(heading)</title>\(canonical)</head><body>
            <div id="wrap">
            <div class="box"><p>\(blurb)</p></div>
            <div class="entry"><h2>\(heading)</h2><p>\(post)</p></div>
            </div></body></html>
            """.utf8)
    }

    /// The first page cleaned on its own.
    static let alone = blurb + "\n\nTomatoes\n\nThe first tomatoes of the year are ripe, three weeks early. We picked eleven this morning."

    static let posts = [
        ("Tomatoes", "The first tomatoes of the year are ripe, three weeks early. We picked eleven this morning."),
        ("Beans", "The runner beans have reached the top of the railing. Next year we will need a taller frame."),
        ("Basil", "Basil sown in March is ready to cut. It grew best in the pot nearest the kitchen window."),
    ]

    static func pages(host: String? = "windowbox.example") -> [[UInt8]] {
        posts.map { page(host: host, heading: $0.0, post: $0.1) }
    }

    static func learn(_ pages: [[UInt8]], capacity: Int = 1 << 20) throws -> SiteTemplate {
        let cleaner = try CleanupFixtures.stage().html
        var template = SiteTemplate(capacity: capacity)
        for page in pages { template.learn(page, cleaner: cleaner) }
        return template
    }

    @Test func aBlurbRepeatedOnTheSitesPagesLosesToTheShortPost() throws {
        let cleaner = try CleanupFixtures.stage().html
        let pages = Self.pages()
        // Each page on its own: the blurb is the longest prose and takes the page's wrapper
        // as the article, post and all.
        expectEqual(String(decoding: try cleaner.clean(pages[0]).text, as: UTF8.self), Self.alone)
        let template = try Self.learn(pages)
        let texts = try pages.map { String(decoding: try cleaner.clean($0, template: template).text, as: UTF8.self) }
        expectEqual(texts, [
            "Tomatoes\n\nThe first tomatoes of the year are ripe, three weeks early. We picked eleven this morning.",
            "Beans\n\nThe runner beans have reached the top of the railing. Next year we will need a taller frame.",
            "Basil\n\nBasil sown in March is ready to cut. It grew best in the pot nearest the kitchen window.",
        ])
    }

    @Test func theStageUsesItsTemplate() throws {
        var stage = try CleanupFixtures.stage()
        stage.siteTemplate = try Self.learn(Self.pages())
        var doc = Document(id: "t.html", source: SourceInfo(path: "t.html", format: .html, sha256: ""),
                           text: Self.pages()[1], content: .html)
        var context = StageContext()
        try stage.process(&doc, &context)
        expectEqual(doc.string, "Beans\n\nThe runner beans have reached the top of the railing. Next year we will need a taller frame.")
        CleanupFixtures.expectParagraphConvention(doc)
    }

    @Test func pagesOfOtherHostsOrWithoutAHostShareNoTemplate() throws {
        let cleaner = try CleanupFixtures.stage().html
        // The same blurb on three hosts: no host repeats it.
        let hosts = ["a.example", "b.example", "c.example"]
        let spread = zip(hosts, Self.posts).map { Self.page(host: $0.0, heading: $0.1.0, post: $0.1.1) }
        let template = try Self.learn(spread)
        #expect(try cleaner.clean(spread[0], template: template).text == cleaner.clean(spread[0]).text)
        // Pages that name no canonical URL are neither learnt nor matched.
        let anonymous = Self.pages(host: nil)
        let none = try Self.learn(anonymous)
        expectEqual(none.count, 0)
        expectEqual(String(decoding: try cleaner.clean(anonymous[0], template: try Self.learn(Self.pages())).text, as: UTF8.self), Self.alone)
    }

    @Test func aPageRepeatedWholeKeepsItsText() throws {
        // The same post twice in a run: every block repeats, so nothing is left to be the
        // article and the template is not applied.
        let cleaner = try CleanupFixtures.stage().html
        let twice = [Self.pages()[0], Self.pages()[0]]
        let template = try Self.learn(twice)
        #expect(try cleaner.clean(twice[0], template: template).text == cleaner.clean(twice[0]).text)
    }

    @Test func learningDoesNotDependOnOrderOrSplitAndStaysBounded() throws {
        let cleaner = try CleanupFixtures.stage().html
        let pages = Self.pages() + Self.pages(host: "other.example")
        for capacity in [1 << 20, 3] {
            let forward = try Self.learn(pages, capacity: capacity)
            let backward = try Self.learn(pages.reversed(), capacity: capacity)
            var first = try Self.learn(Array(pages[0..<2]), capacity: capacity)
            first.merge(try Self.learn(Array(pages[2...]), capacity: capacity))
            expectEqual(forward, backward)
            expectEqual(forward, first)
            #expect(forward.count <= capacity)
            let texts = { (t: SiteTemplate) in try pages.map { try cleaner.clean($0, template: t).text } }
            #expect(try texts(forward) == texts(backward))
        }
    }

    @Test func hostsComeFromAbsoluteURLs() {
        expectEqual(SiteTemplate.host("https://Example.ORG:8080/a/b?c#d").map { String(decoding: $0, as: UTF8.self) }, "example.org")
        expectEqual(SiteTemplate.host("http://news.example/") .map { String(decoding: $0, as: UTF8.self) }, "news.example")
        expectEqual(SiteTemplate.host("/2024/beans"), nil)
        expectEqual(SiteTemplate.host("mailto:someone@example.org"), nil)
        expectEqual(SiteTemplate.host("https://"), nil)
    }
}
