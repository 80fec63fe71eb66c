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

    /// The longest text, in UTF-8 bytes, the extractor reads (2 GiB − 1): its tokens hold their
    /// offsets as `Int32`. `quotes(in:)` must not be given a longer text; `QuotesStage` fails such a
    /// document with `QuotesStage.tooLong` instead.
    public static let maxTextBytes = Int(Int32.max)

    /// The word lists the extractor reads.
    public var lexicon: QuotesLexicon { sharedLexicon.lexicon }
    /// The lexicon by reference, handed to each document's analysis without copying its tables.
    let sharedLexicon: SharedQuotesLexicon
    public var options: Options
    /// The analysis arrays, reused from one document to the next (one set a thread at a time).
    let buffers = QuoteBufferPool()

    public init(lexicon: QuotesLexicon = .standard, options: Options = Options()) {
        self.sharedLexicon = SharedQuotesLexicon(lexicon)
        self.options = options
    }

    /// The quotations of a text, in text order. `paragraphs` and `sentences` are byte spans
    /// (a sentence never crosses a paragraph); with no sentences, each paragraph is one.
    /// `blockquotes` are the paragraphs the markup marked as block quotations (`cleanup` keeps them).
    /// `text` is at most `maxTextBytes` long.
    public func quotes(in text: [UInt8], paragraphs: [Span], sentences: [Span], blockquotes: [Span] = []) -> [Quote] {
        quotes(in: text, paragraphs: paragraphs, sentences: sentences, blockquotes: blockquotes, meter: .uncounted)
    }

    /// The same, counting the rules' work on `meter` (for tests of how the work grows).
    func quotes(in text: [UInt8], paragraphs: [Span], sentences: [Span], blockquotes: [Span] = [], meter: QuoteWorkMeter) -> [Quote] {
        quotes(in: text, paragraphs: paragraphs, sentences: sentences, blockquotes: blockquotes, meter: meter, trace: nil)
    }

    /// Which named rules (`QuoteRules`) made, rejected or attributed each candidate quotation
    /// of a text, and what came out: for finding why a quotation is missed or wrong.
    public func explain(in text: [UInt8], paragraphs: [Span], sentences: [Span], blockquotes: [Span] = []) -> String {
        let trace = QuoteTrace()
        let out = quotes(in: text, paragraphs: paragraphs, sentences: sentences, blockquotes: blockquotes,
                         meter: QuoteWorkMeter(), trace: trace)
        return QuoteExplanation(text: text, steps: trace.steps, quotes: out, leftOutSteps: trace.leftOutSteps).render()
    }

    /// The quotes of a text with the trace of the rules that made them (for `explain` and tests).
    func traced(in text: [UInt8], paragraphs: [Span], sentences: [Span], blockquotes: [Span] = []) -> (steps: [QuoteTrace.Step], quotes: [Quote]) {
        let trace = QuoteTrace()
        let out = quotes(in: text, paragraphs: paragraphs, sentences: sentences, blockquotes: blockquotes,
                         meter: QuoteWorkMeter(), trace: trace)
        return (trace.steps, out)
    }

    private func quotes(in text: [UInt8], paragraphs: [Span], sentences: [Span], blockquotes: [Span],
                        meter: QuoteWorkMeter, trace: QuoteTrace?) -> [Quote] {
        let buffers = self.buffers.borrow()
        defer { self.buffers.giveBack(buffers) }
        return text.withUnsafeBufferPointer { b in
            var analysis = QuoteAnalysis(lexicon: sharedLexicon, text: b, paragraphs: paragraphs, sentences: sentences, meter: meter,
                                         buffers: buffers)
            analysis.trace = trace
            var found = analysis.attributeQuotations()
            if options.indirect {
                let before = trace == nil ? [] : found
                analysis.addIndirectSpeech(to: &found)
                if trace != nil { noteReportedSpeech(before: before, after: found, analysis) }
            }
            if trace != nil { for f in found where f.tentative { analysis.note(QuoteRules.scareQuote, f.span) } }
            found.removeAll { $0.tentative }
            analysis.addQuotedReports(&found)
            analysis.addFragmentClauses(&found)
            let beforeBlocks = trace == nil ? [] : found
            analysis.addBlockQuotations(&found)
            if trace != nil { noteNew(QuoteRules.blockIntroduction, before: beforeBlocks, after: found, analysis) }
            let beforeMarked = trace == nil ? [] : found
            analysis.addMarkedBlockQuotations(&found, blockParagraphs: analysis.paragraphIndexes(of: blockquotes, paragraphs: paragraphs),
                                              paragraphs: options.floatingParagraphs)
            if trace != nil { noteNew(QuoteRules.markedBlockquote, before: beforeMarked, after: found, analysis) }
            let beforeFloating = trace == nil ? [] : found
            analysis.inheritFloatingSpeakers(&found, paragraphs: options.floatingParagraphs)
            if trace != nil {
                let unattributed = Set(beforeFloating.filter { $0.speaker == nil }.map(\.span))
                for f in found where f.speaker != nil && unattributed.contains(f.span) {
                    analysis.note(QuoteRules.floatingSpeaker, f.span, "speaker: " + analysis.words(f.speaker!.first, f.speaker!.last))
                }
            }
            let quotes = SpeakerResolver(analysis: analysis, enabled: options.resolveSpeakers).quotes(from: found)
            analysis.recycle()
            return quotes
        }
    }

    /// Trace notes for the fragments reported speech gave a content (the rule that read each
    /// indirect quote notes it itself, `addIndirectSpeech`).
    private func noteReportedSpeech(before: [FoundQuote], after: [FoundQuote], _ analysis: QuoteAnalysis) {
        let old = Dictionary(before.map { ($0.span, $0) }, uniquingKeysWith: { a, _ in a })
        for f in after {
            let cue = f.cue.map { analysis.words($0.first, $0.last) } ?? "none"
            let speaker = f.speaker.map { analysis.words($0.first, $0.last) } ?? "none"
            if let was = old[f.span] {
                if was.content == nil && f.content != nil {
                    analysis.note(QuoteRules.reportedContent, f.span, "speaker: \(speaker), cue: \(cue)")
                }
            }
        }
    }

    private func noteNew(_ rule: QuoteRule, before: [FoundQuote], after: [FoundQuote], _ analysis: QuoteAnalysis) {
        let old = Set(before.map(\.span))
        for f in after where !old.contains(f.span) {
            analysis.note(rule, f.span, "speaker: " + (f.speaker.map { analysis.words($0.first, $0.last) } ?? "none"))
        }
    }
}
