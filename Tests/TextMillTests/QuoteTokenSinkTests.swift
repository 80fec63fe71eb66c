import Testing
@testable import TextMill

/// `TokenSink`: the tokenizer writes a paragraph's tokens to a stack buffer of
/// `TokenSink.bufferTokens` and moves them to the token array when it is full: a paragraph of
/// many more tokens than that comes out whole and in order, a handle's changes to the token
/// just written land on it also right after a move, and tokens already in the array stay.
@Suite struct QuoteTokenSinkTests {
    let lexicon = QuotesLexicon.standard

    /// `@port said it,` a thousand times in one paragraph: four tokens each, so a handle is the
    /// first token after every move of the buffer (256 = 4 × 64).
    @Test(arguments: [true, false])
    func aParagraphOfManyBuffersComesOutWholeAndInOrder(plain: Bool) {
        let piece = "@port said it, "
        let text = Array(String(repeating: piece, count: 1_000).utf8)
        let before = Token(start: 0, end: 0, kind: .punct, punct: 0x2E)
        var tokens = [before]
        text.withUnsafeBufferPointer {
            QuoteTokenizer(lexicon: lexicon, readsPlainWords: plain).tokenize($0, 0, $0.count, into: &tokens)
        }
        expectEqual(tokens.count, 1 + 4 * 1_000)
        #expect(tokens[0].kind == .punct && tokens[0].end == 0)
        var wrong: [Int] = []
        for n in 0..<1_000 {
            let at = Int32(n * piece.utf8.count)
            let t = Array(tokens[(1 + 4 * n)..<(5 + 4 * n)])
            let handle = t[0].kind == .word && t[0].start == at && t[0].end == at + 5
                && t[0].shape.contains(.handle) && !t[0].shape.contains(.lowercase) && t[0].shape.contains(.spaceBefore)
            let said = t[1].kind == .word && t[1].start == at + 6 && t[1].end == at + 10 && t[1].word >= 0 && t[1].flags.contains(.cue)
            let it = t[2].kind == .word && t[2].start == at + 11 && t[2].end == at + 13
            let comma = t[3].kind == .punct && t[3].punct == 0x2C && t[3].start == at + 13 && t[3].shape.contains(.spaceAfter)
            if !(handle && said && it && comma) { wrong.append(n) }
        }
        expectEqual(wrong, [])
    }

    /// The sink counts the quotation marks written through it (the analysis pairs marks only in
    /// paragraphs that have some): every mark glyph, and no apostrophe inside a word, dash,
    /// bracket or other punctuation.
    @Test(arguments: [true, false])
    func theSinkCountsTheMarksWrittenThroughIt(plain: Bool) {
        let text = Array("“Yes,” he said. 'No' «oui» ‹non› „ja“ ``so'' don't – (x) — O’Neill’s ‘quoted’ \"plain\" 「角」".utf8)
        var tokens: [Token] = []
        var marks = 0
        text.withUnsafeBufferPointer { bytes in
            TokenSink.writing(into: &tokens) { sink in
                QuoteTokenizer(lexicon: lexicon, readsPlainWords: plain).tokenize(bytes, 0, bytes.count, into: &sink)
                marks = sink.marks
            }
        }
        expectEqual(marks, tokens.filter { $0.kind == .mark }.count)
        expectEqual(marks, 18)
    }

    /// Every field of a token, to compare token lists.
    static func fields(_ t: Token) -> String {
        "\(t.start) \(t.end) \(t.kind) \(t.punct) \(t.mark) \(t.shape.rawValue) \(t.word) \(t.flags.rawValue)"
    }

    /// A sink writing into a lent `TokenSink.Buffer` (the analysis's, kept from one document to
    /// the next) gives the tokens a sink with memory of its own gives, for sink after sink
    /// through the one buffer: texts of many buffers' worth of tokens, of a few, and of none,
    /// in turn, so each sink starts on what the last one left in the buffer.
    @Test func aLentBufferServesOneSinkAfterAnother() {
        let texts = [String(repeating: "“@port said it,” she told Reuters. ", count: 300),
                     "Officials declined to comment.", "",
                     String(repeating: "The ministry’s spokesman — Mr. O’Neill — said (again): «no». ", count: 50),
                     "A short one."].map { Array($0.utf8) }
        let tokenizer = QuoteTokenizer(lexicon: lexicon)
        let lent = TokenSink.Buffer()
        for _ in 0..<2 {
            for text in texts {
                let before = Token(start: 0, end: 0, kind: .punct, punct: 0x2E)
                var own = [before], inLent = [before]
                text.withUnsafeBufferPointer { bytes in
                    TokenSink.writing(into: &own) { tokenizer.tokenize(bytes, 0, bytes.count, into: &$0) }
                    TokenSink.writing(into: &inLent, buffer: lent) { tokenizer.tokenize(bytes, 0, bytes.count, into: &$0) }
                }
                #expect(own.count > text.count / 8)
                expectEqual(inLent.map(Self.fields), own.map(Self.fields))
            }
        }
    }
}
