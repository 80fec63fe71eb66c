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
    }

    init(settings: ExtractionSettings, readMetadata: Bool) {
        self.settings = settings
        self.readMetadata = readMetadata
    }

    /// Cleans a page. Throws a `DocumentError` when nothing usable comes out, quoting libxml2's
    /// last complaint (with line and column) when it had one.
    public func clean(_ html: [UInt8]) throws(DocumentError) -> Result {
        guard let markup = ParsedMarkup.html(html) else {
            throw DocumentError(html.isEmpty ? "empty HTML document" : "libxml2 could not parse the HTML at all")
        }
        let metadata = PageMetadata.read(markup)
        let title = metadata.headline ?? metadata.title
        var extracted = ContentExtractor(settings: settings).extract(markup, title: title)
        if extracted.text.isEmpty && settings.articleOnly {
            // Nothing scored as an article (a page of short lines): fall back to the visible
            // text that is not mostly links.
            extracted = ContentExtractor(settings: settings).extractVisibleProse(markup)
        }
        guard !extracted.text.isEmpty else {
            var message = "no text found in the HTML"
            if let error = markup.lastError { message += " (libxml2: \(error))" }
            throw DocumentError(message, line: markup.lastError?.line, column: markup.lastError?.column)
        }
        return Result(text: extracted.text, paragraphs: extracted.paragraphs, blockquotes: extracted.blockquotes,
                      meta: readMetadata ? metadata.fields : [])
    }

    /// A line per text block of the page saying whether it was kept and why not: a tool for
    /// tuning hints and options on pages that come out wrong (`textmill-bench cleanup --explain`).
    public func explain(_ html: [UInt8]) -> String {
        guard let markup = ParsedMarkup.html(html) else { return "libxml2 could not parse the HTML" }
        let metadata = PageMetadata.read(markup)
        let explanation = ContentExtractor.Explanation()
        _ = ContentExtractor(settings: settings).extract(markup, title: metadata.headline ?? metadata.title, explain: explanation)
        return explanation.lines.joined(separator: "\n")
    }
}
