import Foundation
import Testing
@testable import TextMill

/// `quotes` reads texts up to `QuoteExtractor.maxTextBytes` (its tokens hold `Int32` offsets); a
/// longer document (possible with `max_document_mb` over 2048) fails alone with a message that
/// says why and what to do, where it trapped the whole run. The bound is lowered here, as a test
/// cannot hold 2 GiB: the check is the same at any bound.
@Suite struct QuotesTextBoundTests {
    static let story = """
    The council approved the new library budget on Tuesday evening.

    "Every child in this town deserves a library that stays open after school," said councillor Ruth Okafor.
    """

    /// The story after sentences, and the quotes stage with its bound set to `limit`.
    func prepared(limit: Int) throws -> (document: Document, stage: QuotesStage) {
        var doc = Document(id: "story", text: Self.story)
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        var stage = try QuotesStage(options: .defaults(QuotesStage.options))
        stage.maxTextBytes = limit
        return (doc, stage)
    }

    @Test func theBoundIsWhatATokenCanAddress() throws {
        expectEqual(QuoteExtractor.maxTextBytes, Int(Int32.max))
        expectEqual(try QuotesStage(options: .defaults(QuotesStage.options)).maxTextBytes, Int(Int32.max))
    }

    /// A text at the bound is read; one byte over, the document fails with the sizes and the remedy.
    @Test func aTextOverTheBoundFailsItsDocumentWithAClearReason() throws {
        let bytes = Self.story.utf8.count
        var (doc, stage) = try prepared(limit: bytes)
        var context = StageContext()
        try stage.process(&doc, &context)
        expectEqual(doc.quotes?.map { doc.string($0.span) }, ["Every child in this town deserves a library that stays open after school,"])

        (doc, stage) = try prepared(limit: bytes - 1)
        do {
            try stage.process(&doc, &context)
            Issue.record("a text over the bound was read")
        } catch let error as DocumentError {
            expectEqual(error.message, "the text is \(bytes) bytes, above the \(bytes - 1) bytes quotes can read (its word offsets are 32-bit): split the document into smaller ones to find its quotes")
        }
        expectEqual(doc.quotes, nil)
    }

    /// `textmill explain quotes` says the same instead of explaining.
    @Test func explainRefusesATextOverTheBound() throws {
        let (doc, stage) = try prepared(limit: 100)
        #expect(throws: QuotesNotRead.tooLong(bytes: Self.story.utf8.count, limit: 100)) { try stage.explain(doc) }
    }

    /// Sizes in messages: whole MB with the bytes, or bytes alone below one MB.
    @Test func sizesReadAsMegabytesWithTheirBytes() {
        #expect(QuotesNotRead.tooLong(bytes: 2_200_000_000, limit: Int(Int32.max)).description
                == "the text is 2098 MB (2200000000 bytes), above the 2047 MB (2147483647 bytes) quotes can read (its word offsets are 32-bit): split the document into smaller ones to find its quotes")
    }
}
