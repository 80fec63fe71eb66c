/// A speaker noun phrase found next to a cue, in token indices (inclusive).
///
/// The indices are kept as `Int32` (a document's tokens fit one, as their byte offsets do) and
/// read and written as `Int`: the phrase is part of every `FoundQuote` and `ReportedSpeech` the
/// rules return, and at half the size those values are copied with a few moves instead of a
/// call of `memcpy`.
struct SpeakerPhrase: Sendable {
    enum Form: Sendable { case pronoun, name, handle, common, relative }

    private var first32: Int32
    private var last32: Int32
    private var head32: Int32
    var form: Form
    private var roleFirst32: Int32
    private var roleLast32: Int32
    private var antecedent32: (first: Int32, last: Int32, head: Int32)?

    init(first: Int, last: Int, head: Int, form: Form, roleFirst: Int = -1, roleLast: Int = -1,
         antecedent: (first: Int, last: Int, head: Int)? = nil) {
        first32 = Int32(truncatingIfNeeded: first)
        last32 = Int32(truncatingIfNeeded: last)
        head32 = Int32(truncatingIfNeeded: head)
        self.form = form
        roleFirst32 = Int32(truncatingIfNeeded: roleFirst)
        roleLast32 = Int32(truncatingIfNeeded: roleLast)
        antecedent32 = antecedent.map { (Int32(truncatingIfNeeded: $0.first), Int32(truncatingIfNeeded: $0.last), Int32(truncatingIfNeeded: $0.head)) }
    }

    var first: Int {
        get { Int(first32) }
        set { first32 = Int32(truncatingIfNeeded: newValue) }
    }
    var last: Int {
        get { Int(last32) }
        set { last32 = Int32(truncatingIfNeeded: newValue) }
    }
    /// The word the phrase is about ("spokesman" in "a spokesman for the ministry").
    var head: Int {
        get { Int(head32) }
        set { head32 = Int32(truncatingIfNeeded: newValue) }
    }
    /// An apposition or title ("deputy Asia director at Human Rights Watch"), inclusive, or -1.
    var roleFirst: Int {
        get { Int(roleFirst32) }
        set { roleFirst32 = Int32(truncatingIfNeeded: newValue) }
    }
    var roleLast: Int {
        get { Int(roleLast32) }
        set { roleLast32 = Int32(truncatingIfNeeded: newValue) }
    }
    /// For a relative pronoun: the phrase it stands for, with the word it is about
    /// ("note" in "a diplomatic note sent by the Chinese Consulate General").
    var antecedent: (first: Int, last: Int, head: Int)? {
        get { antecedent32.map { (Int($0.first), Int($0.last), Int($0.head)) } }
        set {
            antecedent32 = newValue.map { (Int32(truncatingIfNeeded: $0.first), Int32(truncatingIfNeeded: $0.last), Int32(truncatingIfNeeded: $0.head)) }
        }
    }
}

/// One quotation or piece of reported speech while the extractor works on it (its token
/// indices kept as `Int32`, as in `SpeakerPhrase`, so that it is copied without `memcpy`).
struct FoundQuote: Sendable {
    var span: Span
    var kind: QuoteKind
    var speaker: SpeakerPhrase?
    private var cue32: (first: Int32, last: Int32)?
    /// For mixed quotes inside reported speech: the whole reported content.
    var content: Span?
    private var quotation32: Int32
    /// The speaker was taken over from a neighbouring quote, not found next to this one.
    var inherited = false
    /// A short fragment no one was found saying (yet): a scare quote unless reported speech
    /// around it claims it.
    var tentative = false

    init(span: Span, kind: QuoteKind, speaker: SpeakerPhrase?, cue: (first: Int, last: Int)?, content: Span?, quotation: Int,
         inherited: Bool = false, tentative: Bool = false) {
        self.span = span
        self.kind = kind
        self.speaker = speaker
        cue32 = cue.map { (Int32(truncatingIfNeeded: $0.first), Int32(truncatingIfNeeded: $0.last)) }
        self.content = content
        quotation32 = Int32(truncatingIfNeeded: quotation)
        self.inherited = inherited
        self.tentative = tentative
    }

    /// First and last token of the cue, or nil.
    var cue: (first: Int, last: Int)? {
        get { cue32.map { (Int($0.first), Int($0.last)) } }
        set { cue32 = newValue.map { (Int32(truncatingIfNeeded: $0.first), Int32(truncatingIfNeeded: $0.last)) } }
    }
    /// The quotation it came from (index into `quotations`), or -1 for indirect speech.
    var quotation: Int {
        get { Int(quotation32) }
        set { quotation32 = Int32(truncatingIfNeeded: newValue) }
    }
}

/// Everything the extractor knows about one document: tokens, paragraphs, sentences and
/// quotations, with the helpers the attribution steps share.
struct QuoteAnalysis {
    /// The lexicon, held by reference: the analysis is copied where a pass is called on it
    /// and into the speaker resolver, and a lexicon held by value made each copy retain and
    /// release its 17 tables and made the analysis 448 bytes to move.
    private let sharedLexicon: SharedQuotesLexicon
    /// The word lists (read in place, not copied).
    var lexicon: QuotesLexicon {
        @inline(__always) _read { yield sharedLexicon.lexicon }
    }
    let text: UnsafeBufferPointer<UInt8>
    /// Counts the rules' reads of the per-token data below (`QuoteWorkMeter`).
    let meter: QuoteWorkMeter
    /// Where the arrays of this document's analysis and of its speaker grouping come from and
    /// go back to (`recycle()`), for the next document.
    let buffers: QuoteBuffers
    /// Which rules applied to each candidate, when an explanation is asked for (`QuoteTrace`).
    var trace: QuoteTrace?
    var tokens: MeteredArray<Token>
    /// Token range of each paragraph.
    var paragraphTokens: [Range<Int>] = []
    /// Paragraph index of each token.
    var tokenParagraph: MeteredArray<Int32>
    /// Token range of each sentence, and the sentence of each token. A sentence longer than
    /// `QuoteReach.sentenceTokens` is cut in pieces here, each read as a sentence.
    var sentenceTokens: [Range<Int>] = []
    var tokenSentence: MeteredArray<Int32>
    /// Top-level quotations in text order.
    var quotations: MeteredArray<Quotation>
    /// For each token: the quotation it is inside (marks included), or -1.
    var tokenQuotation: MeteredArray<Int32>
    /// Indexes that answer in one step what a scan over a stretch of tokens would:
    /// the number of word and number tokens before each token (one entry more than tokens),
    private var wordsBefore: [Int32] = []
    /// the first token at or after each token that is inside a quotation (or the token count),
    private var nextQuoted: [Int32] = []
    /// and the last opening bracket at or before each token (or -1).
    private var lastOpenBracket: [Int32] = []

    /// The analysis of `text`; its arrays are `buffers`' (emptied first), given back by
    /// `recycle()`.
    init(lexicon: QuotesLexicon, text: UnsafeBufferPointer<UInt8>, paragraphs: [Span], sentences: [Span],
         meter: QuoteWorkMeter = QuoteWorkMeter(), buffers: QuoteBuffers = QuoteBuffers()) {
        self.init(lexicon: SharedQuotesLexicon(lexicon), text: text, paragraphs: paragraphs, sentences: sentences,
                  meter: meter, buffers: buffers)
    }

    /// The same with a lexicon shared by reference (the extractor's, one for every document).
    init(lexicon: SharedQuotesLexicon, text: UnsafeBufferPointer<UInt8>, paragraphs: [Span], sentences: [Span],
         meter: QuoteWorkMeter = QuoteWorkMeter(), buffers: QuoteBuffers = QuoteBuffers()) {
        self.sharedLexicon = lexicon
        self.text = text
        self.meter = meter
        self.buffers = buffers
        buffers.noteDocument()
        let tokenizer = QuoteTokenizer(lexicon: sharedLexicon)
        var tokens = QuoteBuffers.take(&buffers.tokens)
        tokens.reserveCapacity(text.count / 5)
        var paragraphTokens = QuoteBuffers.take(&buffers.paragraphTokens)
        paragraphTokens.reserveCapacity(paragraphs.count)
        // Which paragraphs hold a quotation mark: only those are paired (`findQuotations`).
        var paragraphHasMarks = QuoteBuffers.take(&buffers.paragraphHasMarks, filledWith: false, count: paragraphs.count)
        // One sink for the document, writing into the buffers' memory (allocated once, not once
        // a paragraph or a document).
        TokenSink.writing(into: &tokens, buffer: buffers.tokenSink) { sink in
            for (p, para) in paragraphs.enumerated() {
                let start = sink.count, marks = sink.marks
                tokenizer.tokenize(text, max(0, para.start), min(text.count, para.end), into: &sink)
                paragraphTokens.append(start..<sink.count)
                if sink.marks != marks { paragraphHasMarks[p] = true }
            }
        }
        var tokenParagraph = QuoteBuffers.takeToRefill(&buffers.tokenParagraph)
        // Every element is written below (the paragraphs' token ranges follow each other).
        tokenParagraph.resize(to: tokens.count, appending: 0)
        tokenParagraph.withUnsafeMutableBufferPointer { tokenParagraph in
            for (p, range) in paragraphTokens.enumerated() {
                for i in range { tokenParagraph[i] = Int32(p) }
            }
        }
        self.paragraphTokens = paragraphTokens
        self.tokens = MeteredArray(tokens, meter: meter)
        self.tokenParagraph = MeteredArray(tokenParagraph, meter: meter)
        tokenSentence = MeteredArray(QuoteBuffers.takeToRefill(&buffers.tokenSentence), meter: meter)
        quotations = MeteredArray(QuoteBuffers.take(&buffers.quotations), meter: meter)
        tokenQuotation = MeteredArray(QuoteBuffers.takeToRefill(&buffers.tokenQuotation), meter: meter)
        sentenceTokens = QuoteBuffers.take(&buffers.sentenceTokens)
        wordsBefore = QuoteBuffers.takeToRefill(&buffers.wordsBefore)
        nextQuoted = QuoteBuffers.takeToRefill(&buffers.nextQuoted)
        lastOpenBracket = QuoteBuffers.takeToRefill(&buffers.lastOpenBracket)
        findQuotations(paragraphHasMarks: paragraphHasMarks)
        buffers.paragraphHasMarks = paragraphHasMarks
        assignSentences(sentences.isEmpty ? paragraphs : sentences)
        buildIndexes()
    }

    /// Gives the analysis's arrays back to its `buffers` for the next document; the analysis is
    /// empty afterwards. Call it when the document is done (no copy of the analysis is used
    /// after it).
    mutating func recycle() {
        buffers.tokens = tokens.takeElements()
        buffers.tokenParagraph = tokenParagraph.takeElements()
        buffers.tokenSentence = tokenSentence.takeElements()
        buffers.quotations = quotations.takeElements()
        buffers.tokenQuotation = tokenQuotation.takeElements()
        swap(&buffers.paragraphTokens, &paragraphTokens)
        swap(&buffers.sentenceTokens, &sentenceTokens)
        swap(&buffers.wordsBefore, &wordsBefore)
        swap(&buffers.nextQuoted, &nextQuoted)
        swap(&buffers.lastOpenBracket, &lastOpenBracket)
    }

    // MARK: Sentences

    /// Maps tokens to sentences; a sentence never reaches over a paragraph break here, and one
    /// longer than `QuoteReach.sentenceTokens` is cut after a clause (or hard at that length).
    /// A sentence boundary inside a quotation closed in its paragraph is not one here: the rules
    /// read a quotation of several sentences and its attribution as one sentence, whether the
    /// splitter cut the quotation into its sentences (`quotations: split`) or not.
    /// Needs `findQuotations` first.
    private mutating func assignSentences(_ sentences: [Span]) {
        let tokens = self.tokens.elements
        let tokenParagraph = self.tokenParagraph.elements
        var tokenSentence = self.tokenSentence.takeElements()
        // Every element is written below, in token order.
        tokenSentence.resize(to: tokens.count, appending: 0)
        var s = 0
        var current = -1
        // Where the current sentence starts; its range is appended when the next one starts.
        var currentStart = 0
        var lastKey = (-1, -1)
        // A local array, so the appends below take no access to `self`.
        var sentenceTokens = self.sentenceTokens
        self.sentenceTokens = []
        sentenceTokens.reserveCapacity(sentenceTokens.count + sentences.count + 1)
        defer { self.sentenceTokens = sentenceTokens }
        let paragraphTokens = self.paragraphTokens
        // What the quotation test reads, as locals: a method of `self` called from the closures
        // below would copy the whole analysis each time.
        let tokenQuotation = self.tokenQuotation.elements
        let quotations = self.quotations.elements
        tokens.withUnsafeBufferPointer { tokens in
        tokenSentence.withUnsafeMutableBufferPointer { tokenSentence in
            var i = 0
            while i < tokens.count {
                let start = Int(tokens[i].start)
                while s < sentences.count && sentences[s].end <= start { s += 1 }
                let key = (s, Int(tokenParagraph[i]))
                if key.0 != lastKey.0 && key.1 == lastKey.1
                    && Self.insideClosedQuotation(i, tokens: tokens, tokenQuotation: tokenQuotation, quotations: quotations) {
                    lastKey = key
                }
                var cut = key != lastKey
                if !cut {
                    let length = i - currentStart
                    // The clause test only where it can matter: most tokens sit in short sentences.
                    cut = length >= QuoteReach.sentenceTokens || (length >= QuoteReach.clauseCutTokens && Self.endsClause(tokens[i - 1]))
                }
                if cut {
                    if current >= 0 { sentenceTokens.append(currentStart..<i) }
                    current += 1
                    currentStart = i
                    lastKey = key
                }
                tokenSentence[i] = Int32(current)
                i += 1
                // The tokens that follow in the same splitter sentence and paragraph, short of
                // the clause-cut length, stay in this sentence (the step above keeps `lastKey`
                // the key of the token it read, so for them it would neither cut nor re-key):
                // filled without the step.
                let sentenceEnd = s < sentences.count ? sentences[s].end : Int.max
                let runEnd = min(paragraphTokens[key.1].upperBound, currentStart + QuoteReach.clauseCutTokens)
                while i < runEnd && Int(tokens[i].start) < sentenceEnd {
                    tokenSentence[i] = Int32(current)
                    i += 1
                }
            }
        }
        }
        if current >= 0 { sentenceTokens.append(currentStart..<tokens.count) }
        self.tokenSentence = MeteredArray(tokenSentence, meter: meter)
    }

    /// True when token `i` comes after the opening mark of a quotation that closes in the same
    /// paragraph, up to its closing mark. Single marks do not count: the splitter never pairs
    /// them, so a sentence boundary inside them was never one this stage read across.
    private static func insideClosedQuotation(_ i: Int, tokens: UnsafeBufferPointer<Token>, tokenQuotation: [Int32],
                                              quotations: [Quotation]) -> Bool {
        let k = Int(tokenQuotation[i])
        guard k >= 0 else { return false }
        let q = quotations[k]
        guard q.open >= 0, q.close >= 0, i > q.open else { return false }
        let family = tokens[q.open].mark.family
        return family != .single && family != .singleGuillemet
    }

    /// ',', ';', ':': where a long sentence may be cut.
    private static let clauseEnds: [UInt8] = [0x2C, 0x3B, 0x3A]
    /// `clauseEnds` as a bit mask over the ASCII code (all below 64), so a test is one shift.
    private static let clauseEndMask: UInt64 = clauseEnds.reduce(0) { $0 | (1 << UInt64($1)) }

    /// True when a long sentence may be cut after `t`: a dash or a `clauseEnds` mark.
    @inline(__always) private static func endsClause(_ t: Token) -> Bool {
        t.kind == .dash || (t.kind == .punct && t.punct < 64 && clauseEndMask & (1 << UInt64(t.punct)) != 0)
    }

    // MARK: Indexes

    /// The three indexes in one pass over the tokens, in order. `nextQuoted` is written forward
    /// too: the tokens since the last quoted one wait (`pending`) until the next quoted token
    /// names their entry, and are then written in one run (most of a document is outside
    /// quotations: a tight fill, not a test and a copy a token in a second, backward pass).
    private mutating func buildIndexes() {
        let n = tokens.count
        var wordsBefore = self.wordsBefore
        var lastOpenBracket = self.lastOpenBracket
        var nextQuoted = self.nextQuoted
        // Emptied here, so the locals above are the only references and fill in place.
        self.wordsBefore = []
        self.lastOpenBracket = []
        self.nextQuoted = []
        // Every element of the three is written below.
        wordsBefore.resize(to: n + 1, appending: 0)
        lastOpenBracket.resize(to: n, appending: -1)
        nextQuoted.resize(to: n + 1, appending: Int32(n))
        tokens.elements.withUnsafeBufferPointer { tokens in
        tokenQuotation.elements.withUnsafeBufferPointer { inside in
        wordsBefore.withUnsafeMutableBufferPointer { wordsBefore in
        lastOpenBracket.withUnsafeMutableBufferPointer { lastOpenBracket in
        nextQuoted.withUnsafeMutableBufferPointer { nextQuoted in
            var words: Int32 = 0
            var open: Int32 = -1
            // The first token whose `nextQuoted` entry is not written yet.
            var pending = 0
            for i in 0..<n {
                wordsBefore[i] = words
                let kind = tokens[i].kind
                if kind == .word || kind == .number { words += 1 }
                if kind == .openBracket { open = Int32(i) }
                lastOpenBracket[i] = open
                if inside[i] >= 0 {
                    // The waiting tokens before `i`, and `i` itself: `i` is their first quoted one.
                    if pending < i { UnsafeMutableBufferPointer(rebasing: nextQuoted[pending..<i]).update(repeating: Int32(i)) }
                    nextQuoted[i] = Int32(i)
                    pending = i + 1
                }
            }
            wordsBefore[n] = words
            // After the last quoted token: none (the token count), and the entry past the end.
            UnsafeMutableBufferPointer(rebasing: nextQuoted[pending...n]).update(repeating: Int32(n))
        }
        }
        }
        }
        }
        self.wordsBefore = wordsBefore
        self.lastOpenBracket = lastOpenBracket
        self.nextQuoted = nextQuoted
    }

    /// The number of word and number tokens in `from..<to`.
    func wordCount(_ from: Int, _ to: Int) -> Int {
        to > from ? Int(wordsBefore[to] - wordsBefore[from]) : 0
    }

    /// True when a token of `from...through` is inside a quotation.
    func hasQuotedToken(_ from: Int, through: Int) -> Bool {
        from <= through && Int(nextQuoted[from]) <= through
    }

    /// The first token of `from...through` inside a quotation, or nil.
    func firstQuotedToken(_ from: Int, through: Int) -> Int? {
        guard from <= through else { return nil }
        let k = Int(nextQuoted[from])
        return k <= through ? k : nil
    }

    /// The tokens of `from...through` inside quotations, in order, found without reading the others.
    /// The sequence holds the index alone, not a copy of the analysis (whose copy retains every
    /// array of it).
    func quotedTokens(_ from: Int, through: Int) -> UnfoldSequence<Int, Int> {
        let nextQuoted = self.nextQuoted
        return sequence(state: from) { k in
            guard k <= through else { return nil }
            let q = Int(nextQuoted[k])
            guard q <= through else { return nil }
            k = q + 1
            return q
        }
    }

    /// True when an opening bracket stands in `from..<to`.
    func hasOpenBracket(_ from: Int, _ to: Int) -> Bool {
        to > from && Int(lastOpenBracket[to - 1]) >= from
    }

    // MARK: Quotations

    /// Pairs the marks of each paragraph (`QuotationFinder`), those of `paragraphHasMarks` (a
    /// paragraph without a mark has no quotation of its own: its tokens are not read for one).
    private mutating func findQuotations(paragraphHasMarks: [Bool]) {
        tokenQuotation.refill(-1, count: tokens.count)
        let finder = QuotationFinder(tokens: tokens, text: text)
        // An open-ended quotation of the previous paragraph that the next one continues.
        var pending: Int?
        // Paragraphs without marks inside a quotation whose writer did not reopen the marks.
        var middle = 0
        // One paragraph's quotations and open marks, kept from one paragraph (and document) to the next.
        var found = QuoteBuffers.take(&buffers.paragraphQuotations)
        var stack = QuoteBuffers.take(&buffers.openMarks)
        defer {
            buffers.paragraphQuotations = found
            buffers.openMarks = stack
        }
        for (p, range) in paragraphTokens.enumerated() {
            var chained = pending
            pending = nil
            guard !range.isEmpty else { continue }
            let start = range.lowerBound
            if middle > 0, let prev = chained {
                middle -= 1
                var q = Quotation(open: -1, close: -1, first: start, last: range.upperBound, paragraph: p,
                                  inner: Span(Int(tokens[start].start), Int(tokens[range.upperBound - 1].end)))
                q.previousPiece = prev
                link(prev, to: q)
                pending = quotations.count - 1
                continue
            }
            var unclosed: Int?, stray: Int?
            if paragraphHasMarks[p] {
                (unclosed, stray) = finder.pair(from: start, to: range.upperBound, paragraph: p, into: &found, stack: &stack)
            } else {
                // What pairing finds in a paragraph without marks.
                found.clear()
            }
            if let prev = chained, found.first?.open != start, unclosed != start {
                chained = nil
                // The writer closed the quotation without reopening it in this paragraph.
                if let closer = stray, closer > start, (found.first?.open ?? Int.max) > closer {
                    var q = Quotation(open: -1, close: closer, first: start, last: closer, paragraph: p,
                                      inner: Span(Int(tokens[start].start), Int(tokens[closer - 1].end)))
                    q.previousPiece = prev
                    link(prev, to: q)
                }
            }
            for q in found {
                var q = q
                if let prev = chained, q.open == start {
                    q.previousPiece = prev
                    link(prev, to: q)
                } else {
                    append(q)
                }
            }
            guard let open = unclosed, found.last.map({ $0.close < open }) ?? true, open + 1 < range.upperBound else { continue }
            // An unclosed opener: a quotation running to the paragraph end.
            var q = Quotation(open: open, close: -1, first: open + 1, last: range.upperBound, paragraph: p,
                              inner: Span(Int(tokens[open + 1].start), Int(tokens[range.upperBound - 1].end)))
            // It continues when the next paragraph opens with a mark or closes one it never opened.
            let nextRange = p + 1 < paragraphTokens.count ? paragraphTokens[p + 1] : 0..<0
            let continues = !nextRange.isEmpty && continuesQuotation(nextRange)
            // Without reopened marks: paragraphs with no marks, then one that closes the quotation.
            var unmarked = 0
            if !continues && open == start { unmarked = unmarkedContinuation(after: p) }
            if let prev = chained, open == start {
                q.previousPiece = prev
                link(prev, to: q)
            } else if continues || unmarked > 0 || acceptsUnclosed(open, paragraphStart: start) {
                append(q)
            } else {
                continue
            }
            if continues || unmarked > 0 { pending = quotations.count - 1 }
            if unmarked > 0 { middle = unmarked - 1 }
        }
        // Each token's quotation, written in place (a subscript write checked the array's
        // storage for sharing at every token inside a quotation).
        var inside = tokenQuotation.takeElements()
        inside.withUnsafeMutableBufferPointer { inside in
            for (k, q) in quotations.elements.enumerated() {
                let from = q.open >= 0 ? q.open : q.first
                let to = q.close >= 0 ? q.close + 1 : q.last
                precondition(from >= 0 && to <= inside.count, "a quotation reaches past the tokens")
                for i in from..<to where inside[i] < 0 { inside[i] = Int32(k) }
            }
        }
        tokenQuotation = MeteredArray(inside, meter: meter)
    }

    /// Appends `q` as the next piece of quotation `prev`.
    private mutating func link(_ prev: Int, to q: Quotation) {
        guard q.last > q.first else { return }
        quotations[prev].nextPiece = quotations.count
        quotations.append(q)
    }

    private mutating func append(_ q: Quotation) {
        guard q.last > q.first else { return }
        quotations.append(q)
    }

    /// After paragraph `p`, which opens a quotation at its start and leaves it open: if the
    /// next paragraphs (at most four) have no marks and the one after them closes a quotation
    /// it never opened, the number of paragraphs up to and including that one; else 0.
    private func unmarkedContinuation(after p: Int) -> Int {
        var r = p + 1
        while r < paragraphTokens.count && r <= p + 5 {
            let range = paragraphTokens[r]
            guard let m = range.first(where: { tokens[$0].kind == .mark && tokens[$0].mark.family == .double }) else {
                r += 1
                continue
            }
            let t = tokens[m]
            let closes = m > range.lowerBound && !t.shape.contains(.spaceBefore)
                && (t.mark == .rightDouble || t.mark == .straightDouble || t.mark == .doubleApostrophe)
            return closes && r > p + 1 ? r - p : 0
        }
        return 0
    }

    /// True when a paragraph starts by reopening a quotation, or closes one it never opened.
    private func continuesQuotation(_ range: Range<Int>) -> Bool {
        let t = tokens[range.lowerBound]
        if t.kind == .mark && (t.mark.family == .double || t.mark.family == .guillemet) {
            switch t.mark {
            case .rightDouble, .rightGuillemet: return !t.shape.contains(.spaceAfter)
            default: return true
            }
        }
        // No opener before the first double closer.
        for i in range {
            let u = tokens[i]
            guard u.kind == .mark, u.mark.family == .double else { continue }
            return (u.mark == .rightDouble || u.mark == .straightDouble || u.mark == .doubleApostrophe) && !u.shape.contains(.spaceBefore)
        }
        return false
    }

    /// An opener never closed in its paragraph still starts a quotation when it stands at a
    /// clause start (paragraph start, after a colon, a comma or a sentence end).
    private func acceptsUnclosed(_ open: Int, paragraphStart: Int) -> Bool {
        if open == paragraphStart { return true }
        let p = tokens[open - 1]
        return p.kind == .punct && (p.punct == 0x3A || p.punct == 0x2C || p.isSentenceEnd)
    }

    // MARK: Token helpers

    /// The lower-case text of a token (for messages and tests).
    func word(_ i: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: text[Int(tokens[i].start)..<Int(tokens[i].end)]), as: UTF8.self)
    }

    /// True when token `i` is the word `w` (lower case, looked up in the lexicon).
    func isWord(_ i: Int, _ id: Int32) -> Bool { id >= 0 && tokens[i].word == id }

    func span(_ first: Int, _ last: Int) -> Span { Span(Int(tokens[first].start), Int(tokens[last].end)) }
}
