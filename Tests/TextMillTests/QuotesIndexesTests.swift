import Testing
@testable import TextMill

/// The analysis's per-token indexes (`QuoteAnalysis.buildIndexes`: words before each token,
/// the next quoted token, the last opening bracket), built in one forward pass over buffers
/// reused from document to document (issue 17): every answer they give is the answer of a
/// plain scan over the tokens, whatever document the buffers held before.
@Suite struct QuotesIndexesTests {
    /// Documents written for this test: quotations at the very start and end, back to back,
    /// unclosed, over paragraphs, in single marks and guillemets; brackets; none of either; and
    /// the buffer-reuse documents (long, short, empty).
    static let documents: [String] = [
        "“Stay,” she said. “Go,” he said.",
        "The minister said the road (the old one) would close. “It is unsafe” was all she added about it",
        "“One” “two” “three”",
        "He called it a “temporary” [sic] measure (see “Annex B”) and left.",
        "Nothing here is quoted, and no bracket opens either: numbers 12, 3.5 and 2,000 are words to the count.",
        "«Non», a dit le maire. The mayor said ‘no’ in French, and “then,” he added, “nothing more.",
        """
        “We waited eleven years,” the harbour master said.

        “The ships are bigger now.

        “The old berths are too short,” she said (in a statement).
        """,
        "(((",
        "\"",
    ] + QuotesBufferReuseTests.documents

    /// `text` after the `sentences` stage.
    static func prepared(_ text: String) throws -> Document {
        var doc = Document(id: "indexes", text: text)
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        return doc
    }

    /// Every index answer over every stretch of up to 24 tokens, and over the whole document,
    /// equals a scan of the tokens; the documents are read through one set of buffers, each
    /// after every other (a longer one's entries are left in the arrays before a shorter one).
    @Test func theIndexesAnswerAsAScanOfTheTokensDoes() throws {
        let buffers = QuoteBuffers()
        let prepared = try Self.documents.map(Self.prepared)
        var order: [Int] = []
        for a in Self.documents.indices { for b in Self.documents.indices { order += [a, b] } }
        var quotedSeen = 0, bracketsSeen = 0, checked = 0
        for d in order {
            let doc = prepared[d]
            doc.text.withUnsafeBufferPointer { b in
                var analysis = QuoteAnalysis(lexicon: .standard, text: b, paragraphs: doc.paragraphs ?? [],
                                             sentences: doc.sentences ?? [], buffers: buffers)
                let tokens = analysis.tokens.elements, inside = analysis.tokenQuotation.elements
                let n = tokens.count
                func quoted(_ from: Int, _ through: Int) -> [Int] {
                    from <= through ? (from...through).filter { inside[$0] >= 0 } : []
                }
                // A failure is recorded with what was asked (no message is built for the answers that agree).
                func check(_ agrees: Bool, _ question: @autoclosure () -> String) {
                    checked += 1
                    if !agrees { Issue.record("document \(d): \(question())") }
                }
                var stretches: [(Int, Int)] = [(0, n), (0, n - 1), (n, n), (n - 1, 0)]
                for from in 0...n { for to in from...min(n, from + 24) { stretches.append((from, to)) } }
                for (from, to) in stretches where from >= 0 && to >= 0 {
                    let words = from < to ? tokens[from..<to].filter { $0.kind == .word || $0.kind == .number }.count : 0
                    check(analysis.wordCount(from, to) == words, "words in \(from)..<\(to)")
                    let bracket = from < to && tokens[from..<to].contains { $0.kind == .openBracket }
                    check(analysis.hasOpenBracket(from, to) == bracket, "bracket in \(from)..<\(to)")
                    guard to < n else { continue }
                    let want = quoted(from, to)
                    check(analysis.hasQuotedToken(from, through: to) == !want.isEmpty, "quoted in \(from)...\(to)")
                    check(analysis.firstQuotedToken(from, through: to) == want.first, "first quoted in \(from)...\(to)")
                    check(Array(analysis.quotedTokens(from, through: to)) == want, "quoted tokens in \(from)...\(to)")
                }
                quotedSeen += quoted(0, n - 1).count
                bracketsSeen += tokens.filter { $0.kind == .openBracket }.count
                analysis.recycle()
            }
        }
        // The documents exercise both indexes, and every question was asked.
        #expect(quotedSeen > 100 && bracketsSeen > 10)
        #expect(checked > 100_000)
    }

    /// The extractor gives the analysis's arrays back to its buffers after each document (the
    /// indexes among them, which are resized, not refilled, for the next one): the next document
    /// finds them with the capacity the last one left.
    @Test func theExtractorGivesTheArraysBackForTheNextDocument() throws {
        let extractor = QuoteExtractor()
        let long = QuotesBufferReuseTests.documents[0]
        let quotes = try QuotesBufferReuseTests.quotes(extractor, long)
        #expect(!quotes.isEmpty)
        let buffers = extractor.buffers.borrow()
        defer { extractor.buffers.giveBack(buffers) }
        expectEqual(buffers.documents, 1)
        // At least a token for every eight bytes of the text, in each per-token table.
        let tokens = long.utf8.count / 8
        #expect(buffers.tokens.capacity >= tokens)
        #expect(buffers.tokenSentence.capacity >= tokens)
        #expect(buffers.wordsBefore.capacity >= tokens)
        #expect(buffers.nextQuoted.capacity >= tokens)
        #expect(buffers.lastOpenBracket.capacity >= tokens)
    }
}
