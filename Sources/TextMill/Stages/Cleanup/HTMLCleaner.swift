/// Turns one HTML document (valid UTF-8) into plain text, paragraphs and metadata.
///
/// Stateless and thread-safe: every call parses with its own libxml2 context.
public struct HTMLCleaner: Sendable {
    let settings: ExtractionSettings
    let readMetadata: Bool

    /// What came out of a page.
    public struct Result: Sendable {
        /// Paragraphs separated by one blank line ("\n\n").
        public var text: [UInt8]
        /// Byte spans of the paragraphs.
        public var paragraphs: [Span]
        /// The paragraphs that were block quotations in the page.
        public var blockquotes: [Span] = []
        /// `title`, `byline`, `date`, `url`, `language`, `description`, … in that order.
        public var meta: [(String, String)]
        /// A title of the page was too long to find the headline by: the article was chosen
        /// without it (counted as "titles too long to match a headline").
        public var titleTooLong = false
    }

    init(settings: ExtractionSettings, readMetadata: Bool) {
        self.settings = settings
        self.readMetadata = readMetadata
    }

    /// Cleans a page. Throws a `DocumentError` when nothing usable comes out, quoting libxml2's
    /// last complaint (with line and column) when it had one.
    /// `template`, when given, holds the blocks this page's site repeats on its other pages of
    /// the run (`SiteTemplate`): they do not count as the article.
    public func clean(_ page: [UInt8], template: SiteTemplate? = nil) throws(DocumentError) -> Result {
        let html = Self.prepared(page)
        try MarkupTagLimits.standard.check(html, xml: false)
        guard let markup = ParsedMarkup.html(html) else {
            throw DocumentError(html.isEmpty ? "empty HTML document" : "libxml2 could not parse the HTML at all")
        }
        let metadata = PageMetadata.read(markup)
        let title = metadata.headline ?? metadata.title
        let extractor = ContentExtractor(settings: settings)
        let page = template.flatMap { t in metadata.url.flatMap(SiteTemplate.host).map { PageTemplate(template: t, site: SiteTemplate.hash($0)) } }
        var extracted = ExtractedText()
        // Whether the article finder met a title too long to find the headline by: counted
        // whatever source gives the text (the article found nothing on such a page, and a
        // fallback gave its text: until session 37 the page went uncounted).
        var titleTooLong = false
        // A page that libxml2 parsed always gives text: each source is tried until one does.
        for source in settings.articleOnly ? TextSource.articleOrder : TextSource.fullOrder where extracted.text.isEmpty {
            switch source {
            case .article: extracted = extractor.extract(markup, title: title, headTitle: metadata.headTitle,
                                                                documentTitle: metadata.documentTitle, siteName: metadata.siteName, template: page)
                titleTooLong = extracted.titleTooLong
            case .visibleProse: extracted = extractor.extractVisibleProse(markup)
            case .visibleText: extracted = extractor.extractVisibleText(markup, wholeTree: false)
            case .wholeTree: extracted = extractor.extractVisibleText(markup, wholeTree: true)
            case .strippedMarkup: extracted = MarkupStripper.strip(html)
            }
        }
        guard !extracted.text.isEmpty else {
            var message = "no text found in the HTML"
            if let error = markup.lastError { message += " (libxml2: \(error))" }
            throw DocumentError(message, line: markup.lastError?.line, column: markup.lastError?.column)
        }
        return Result(text: extracted.text, paragraphs: extracted.paragraphs, blockquotes: extracted.blockquotes,
                      meta: readMetadata ? metadata.fields : [], titleTooLong: titleTooLong)
    }

    /// The site and block keys of a page for learning a `SiteTemplate`: nil when the page names
    /// no absolute URL of its own or libxml2 cannot parse it.
    func templateKeys(_ page: [UInt8]) -> (site: UInt64, blocks: Set<UInt64>)? {
        let html = Self.prepared(page)
        guard html.count <= MarkupTagLimits.standard.maxBytes, MarkupTagLimits.standard.firstExcess(in: html, xml: false) == nil,
              let markup = ParsedMarkup.html(html), let url = PageMetadata.read(markup).url,
              let host = SiteTemplate.host(url) else { return nil }
        return (SiteTemplate.hash(host), ContentExtractor(settings: settings).templateKeys(markup))
    }

    /// The page as libxml2 gets it: DOCTYPE subsets it would end too early and bogus comments
    /// (`<![if !supportLists]>`) it would keep as text turned into spaces.
    static func prepared(_ page: [UInt8]) -> [UInt8] {
        let html = DoctypeDeclaration.blankingHTMLSubsets(page) ?? page
        return BogusComments.blanked(html) ?? html
    }

    /// The ways of getting a page's text, in the order they are tried until one gives text.
    enum TextSource: Sendable {
        /// The main-content scorer's article (`article` mode).
        case article
        /// Visible text that is not mostly links: a page of short lines where nothing scored.
        case visibleProse
        /// All visible text of the body, as `full` mode gives it: a page that is not an article
        /// (a 404 page, a product listing of linked names).
        case visibleText
        /// All text under the root element, `<head>` and hidden elements included: libxml2 put
        /// the text outside the body after a stray end tag, or the body hides itself.
        case wholeTree
        /// The bytes with the markup taken out, without libxml2's tree.
        case strippedMarkup

        static let articleOrder: [TextSource] = [.article, .visibleProse, .visibleText, .wholeTree, .strippedMarkup]
        static let fullOrder: [TextSource] = [.visibleText, .wholeTree, .strippedMarkup]
    }

    /// A line per text block of the page saying whether it was kept and why not: a tool for
    /// tuning hints and options on pages that come out wrong (`textmill-bench cleanup --explain`).
    public func explain(_ page: [UInt8], template: SiteTemplate? = nil) -> String {
        let html = Self.prepared(page)
        do { try MarkupTagLimits.standard.check(html, xml: false) } catch { return error.message }
        guard let markup = ParsedMarkup.html(html) else { return "libxml2 could not parse the HTML" }
        let metadata = PageMetadata.read(markup)
        let explanation = ContentExtractor.Explanation()
        let page = template.flatMap { t in metadata.url.flatMap(SiteTemplate.host).map { PageTemplate(template: t, site: SiteTemplate.hash($0)) } }
        _ = ContentExtractor(settings: settings).extract(markup, title: metadata.headline ?? metadata.title, headTitle: metadata.headTitle,
                                                         documentTitle: metadata.documentTitle, siteName: metadata.siteName, template: page, explain: explanation)
        return explanation.lines.joined(separator: "\n")
    }
}
