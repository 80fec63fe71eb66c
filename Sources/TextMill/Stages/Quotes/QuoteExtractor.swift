/// Finds the quotations of one document with their speakers and cues: the work of the
/// `quotes` stage, usable on its own.
///
/// ```swift
/// let extractor = QuoteExtractor()
/// let quotes = extractor.quotes(in: doc.text, paragraphs: doc.paragraphs!, sentences: doc.sentences!)
/// ```
///
/// Steps: tokens and quotation marks per paragraph (`QuotationFinder`); each quotation
/// classified and attributed from the reporter's words around it; reported speech without
/// marks from its cue ("X said that …", "According to X, …"); speakers that are pronouns,
/// relative pronouns or bare surnames linked to the name they stand for (`SpeakerResolver`).
public struct QuoteExtractor: Sendable {
    /// What to look for.
    public struct Options: Sendable {
        /// Report indirect speech (no quotation marks).
        public var indirect = true
        /// Link pronouns and surnames to the full name of the speaker they stand for.
        public var resolveSpeakers = true
        /// A quotation with no cue takes the last speaker of up to this many paragraphs before it.
        public var floatingParagraphs = 2

        public init(indirect: Bool = true, resolveSpeakers: Bool = true, floatingParagraphs: Int = 2) {
            self.indirect = indirect
            self.resolveSpeakers = resolveSpeakers
            self.floatingParagraphs = floatingParagraphs
        }
    }

    public let lexicon: QuotesLexicon
    public var options: Options

    public init(lexicon: QuotesLexicon = .standard, options: Options = Options()) {
        self.lexicon = lexicon
        self.options = options
    }

    /// The quotations of a text, in text order. `paragraphs` and `sentences` are byte spans
    /// (a sentence never crosses a paragraph); with no sentences, each paragraph is one.
    /// `blockquotes` are the paragraphs the markup marked as block quotations (`cleanup` keeps them).
    public func quotes(in text: [UInt8], paragraphs: [Span], sentences: [Span], blockquotes: [Span] = []) -> [Quote] {
        quotes(in: text, paragraphs: paragraphs, sentences: sentences, blockquotes: blockquotes, meter: QuoteWorkMeter())
    }

    /// The same, counting the rules' work on `meter` (for tests of how the work grows).
    func quotes(in text: [UInt8], paragraphs: [Span], sentences: [Span], blockquotes: [Span] = [], meter: QuoteWorkMeter) -> [Quote] {
        text.withUnsafeBufferPointer { b in
            let analysis = QuoteAnalysis(lexicon: lexicon, text: b, paragraphs: paragraphs, sentences: sentences, meter: meter)
            var found = analysis.attributeQuotations()
            if options.indirect {
                found = analysis.addIndirectSpeech(to: found)
            }
            found.removeAll { $0.tentative }
            analysis.addBlockQuotations(&found)
            analysis.addMarkedBlockQuotations(&found, blockParagraphs: analysis.paragraphIndexes(of: blockquotes, paragraphs: paragraphs),
                                              paragraphs: options.floatingParagraphs)
            analysis.inheritFloatingSpeakers(&found, paragraphs: options.floatingParagraphs)
            let resolver = SpeakerResolver(analysis: analysis, enabled: options.resolveSpeakers)
            return resolver.quotes(from: found)
        }
    }
}
