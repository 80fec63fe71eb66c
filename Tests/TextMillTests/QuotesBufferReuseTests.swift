import Testing
@testable import TextMill

/// `QuoteBuffers` (issue 17): one extractor reuses the arrays of its analysis and speaker
/// grouping from one document to the next. Reused arrays must give every document the quotes
/// fresh arrays give, whichever document came before (longer or shorter, with more speakers or
/// none), and they must really be reused (counted, not assumed).
@Suite struct QuotesBufferReuseTests {
    /// Documents of different sizes and shapes, written for this test.
    static let documents: [String] = [
        // Long: named speakers, pronouns, a surname, a role, reported speech, a quotation over two paragraphs.
        """
        Harbour master Ana Ferreira said on Monday that the new quay would open in March. “We have waited \
        eleven years for this,” she said. “The ships are bigger now, and the old berths are too short.”

        The port authority, which runs the docks, said in a statement that the cost had risen by a third. \
        According to the authority, the dredging alone took two winters.

        “Nobody believed the numbers,” said councillor Tomas Lindqvist, who chairs the finance committee. \
        Lindqvist added that the council would ask for an audit. “We owe the taxpayers an answer,” he said.

        “It is a good day for the town
        
        “And a better one for the fishermen,” Ferreira said.

        The ministry’s spokeswoman told reporters the government had paid its share. The spokeswoman said \
        the rest would follow in the spring.
        """,
        // Short: one quotation, one speaker.
        "“The bridge stays shut,” the mayor said.",
        // No quotation at all.
        "Rain fell on the valley all night, and the river rose by a metre before dawn.",
        // Medium: speakers that group (Zhang, Zhang Xiao) and an unresolved pronoun.
        """
        Ambassador Zhang Xiao said the talks had gone well. “Both sides listened,” Zhang said.

        They said the next round would be in Geneva. “We are not there yet,” a diplomat said, adding that \
        the draft ran to forty pages.
        """,
        // Empty.
        "",
        // Two speakers, each named twice, and an organisation.
        """
        “The vote was fair,” said Maria Okafor, the returning officer. Okafor said the count took six hours.

        The Electoral Commission said it would publish the figures. “Every ballot was checked twice,” the \
        commission said. Peter Hale, who lost by forty votes, said he would not appeal. “I accept it,” Hale said.
        """,
    ]

    static func quotes(_ extractor: QuoteExtractor, _ text: String) throws -> [Quote] {
        var doc = Document(id: "reuse", text: text)
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        return extractor.quotes(in: doc.text, paragraphs: doc.paragraphs ?? [], sentences: doc.sentences ?? [])
    }

    /// Each document read by one extractor after every other (long after short, short after
    /// long, after none) gets what a new extractor gives it.
    @Test func reusedBuffersGiveTheQuotesOfFreshOnes() throws {
        let fresh = try Self.documents.map { try Self.quotes(QuoteExtractor(), $0) }
        // The test's documents have quotes with grouped speakers, and documents without any.
        #expect(fresh[0].count >= 8)
        #expect(fresh[0].contains { $0.speaker?.resolvedFrom != nil })
        #expect(fresh[2].isEmpty && fresh[4].isEmpty)
        let shared = QuoteExtractor()
        var order: [Int] = []
        for a in Self.documents.indices {
            for b in Self.documents.indices { order += [a, b] }
        }
        for d in order {
            let got = try Self.quotes(shared, Self.documents[d])
            expectEqual(got, fresh[d], "document \(d)")
        }
        // One set of buffers read them all, in turn.
        let buffers = shared.buffers.borrow()
        expectEqual(buffers.documents, order.count)
        shared.buffers.giveBack(buffers)
    }

    /// The passes' tables (per paragraph, per quotation, per found quote, per token: a slot each
    /// in `QuoteBuffers`) and one paragraph's quotation pairing are kept with the buffers: after
    /// a document that uses them all, each slot holds its array again, so documents after the
    /// first allocate none of them; after documents of every size, the same arrays are there.
    @Test func thePassTablesAreTakenAndPutBack() throws {
        let shared = QuoteExtractor()
        _ = try Self.quotes(shared, Self.documents[0])
        let buffers = shared.buffers.borrow()
        func capacities(_ b: QuoteBuffers) -> [Int] {
            [b.paragraphHasMarks.capacity, b.quotationWasDirect.capacity, b.quotationEntry.capacity, b.quotationKept.capacity,
             b.quotationSeen.capacity, b.ownSpeakerFrom.capacity, b.speakerUpTo.capacity, b.cueUsed.capacity]
        }
        let first = capacities(buffers)
        #expect(first.allSatisfy { $0 > 0 }, "\(first)")
        #expect(buffers.paragraphQuotations.capacity > 0 && buffers.openMarks.capacity > 0)
        shared.buffers.giveBack(buffers)
        for d in Self.documents + Self.documents { _ = try Self.quotes(shared, d) }
        let after = shared.buffers.borrow()
        #expect(after === buffers)
        // The first document was the longest: the tables it grew are the ones kept.
        expectEqual(capacities(after), first)
        shared.buffers.giveBack(after)
    }

    /// The pool lends a set of buffers to one caller at a time and keeps what is given back,
    /// except buffers grown past `QuoteBuffers.keptTokens` tokens.
    @Test func thePoolLendsEachBuffersOnceAndDropsLargeOnes() {
        let pool = QuoteBufferPool()
        let a = pool.borrow()
        let b = pool.borrow()
        #expect(a !== b)
        pool.giveBack(a)
        #expect(pool.borrow() === a)
        b.tokens.reserveCapacity(QuoteBuffers.keptTokens + 1)
        pool.giveBack(b)
        let c = pool.borrow()
        #expect(c !== b)
    }

    /// `refill` makes an array `count` copies of a value whatever it held (longer, shorter, as
    /// long, empty), keeps its storage when it is the only holder, and leaves a copy held
    /// elsewhere as it was; `clear` empties it and keeps the storage.
    @Test func refillAndClearGiveTheArrayAskedForAndLeaveCopiesAlone() {
        for before in [[], [7], [1, 2, 3], Array(1...40)] as [[Int32]] {
            for count in [0, 1, 3, 40, 100] {
                var array = before
                array.reserveCapacity(120)
                let storage = array.withUnsafeBufferPointer { $0.baseAddress }
                array.refill(-1, count: count)
                expectEqual(array, [Int32](repeating: -1, count: count), "\(before.count) to \(count)")
                expectEqual(array.withUnsafeBufferPointer { $0.baseAddress }, storage)
                var shared = before
                let copy = shared
                shared.refill(5, count: count)
                #expect(shared == [Int32](repeating: 5, count: count) && copy == before)
            }
            var array = before
            array.reserveCapacity(50)
            let capacity = array.capacity
            array.clear()
            #expect(array.isEmpty && array.capacity == capacity)
        }
    }
}
