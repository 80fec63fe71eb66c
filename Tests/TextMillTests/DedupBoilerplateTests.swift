import Foundation
import Testing
@testable import TextMill

@Suite struct DedupBoilerplateTests {
    static let prompt = "To find out more, click here."
    static let footer = "Subscribe to our newsletter for the latest news from Central Asia."

    /// Five different news articles, each with the same prompt after its second paragraph and
    /// the same footer at the end, normalized (paragraphs set) and given sentence and quote spans
    /// as earlier stages would.
    func corpus() throws -> [Document] {
        let kazakh = F.paragraphs(try F.text("rfe-kazakh-activists"))
        let texts = [F.join(Array(kazakh.prefix(kazakh.count / 2))), try F.text("rfe-chinese-envoy-undiplomatic"),
                     try F.text("harbor-warehouse-fire"), try F.text("court-keeps-pension-file-sealed"),
                     F.join(Array(kazakh.suffix(kazakh.count / 2)))]
        let normalize = try NormalizeStage(options: .defaults(NormalizeStage.options))
        return try texts.enumerated().map { k, text in
            var p = F.paragraphs(text)
            p.insert(Self.prompt, at: 2)
            p.append(Self.footer)
            var doc = Document(id: "doc\(k)", text: F.join(p))
            var context = StageContext()
            try normalize.process(&doc, &context)
            doc.sentences = naiveSentences(doc)
            doc.quotes = firstQuote(doc).map { [$0] }
            return doc
        }
    }

    /// Sentences ending at ". " inside each paragraph (enough for checking offsets).
    func naiveSentences(_ doc: Document) -> [Span] {
        var out: [Span] = []
        for p in doc.paragraphs ?? [] {
            var start = p.start
            for i in p.start..<p.end where doc.text[i] == UInt8(ascii: ".") && (i + 1 == p.end || doc.text[i + 1] == 0x20) {
                out.append(Span(start, i + 1))
                start = min(i + 2, p.end)
            }
            if start < p.end { out.append(Span(start, p.end)) }
        }
        return out
    }

    /// The first “…” quotation, as a quote span without the marks.
    func firstQuote(_ doc: Document) -> Quote? {
        let s = doc.string
        guard let open = s.range(of: "“"), let close = s.range(of: "”", range: open.upperBound..<s.endIndex) else { return nil }
        let start = s.utf8.distance(from: s.startIndex, to: open.upperBound)
        let end = s.utf8.distance(from: s.startIndex, to: close.lowerBound)
        return Quote(span: Span(start, end), kind: .direct)
    }

    @Test func repeatedParagraphsAreCutAndSpansStayRight() throws {
        let docs = try corpus()
        let stage = try F.stage(["boilerplate_min_docs": 3, "action": "mark"])
        var context = StageContext()
        for (k, before) in docs.enumerated() {
            var doc = before
            try stage.process(&doc, &context)
            expectEqual(doc.mark, nil)
            let removed = k >= 3  // the first three documents teach the counter
            expectEqual(doc.string.contains(Self.prompt), !removed)
            expectEqual(doc.string.contains(Self.footer), !removed)
            expectEqual(doc.firstInvalidSpan(), nil)
            // The paragraph convention holds, and the paragraphs are the old ones minus the cut.
            expectEqual(doc.paragraphs, Paragraphs.spans(in: doc.text))
            let boilerplate: Set<String> = [Self.prompt, Self.footer]
            let keptParagraphs = before.paragraphs!.map { before.string($0) }.filter { !removed || !boilerplate.contains($0) }
            expectEqual(doc.paragraphs!.map { doc.string($0) }, keptParagraphs)
            // Every sentence outside the cut paragraphs reads the same words as before.
            let keptSentences = before.sentences!.map { before.string($0) }.filter { !removed || !boilerplate.contains($0) }
            expectEqual(doc.sentences!.map { doc.string($0) }, keptSentences)
            if let quote = before.quotes?.first {
                expectEqual(doc.quotes?.first.map { doc.string($0.span) }, before.string(quote.span))
            }
        }
        expectEqual(context.counters["boilerplate paragraphs removed"], 4)
        try stage.finish(&context)
    }

    @Test func countsPersistAcrossRuns() throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let docs = try corpus()
        let options: [String: JSONValue] = ["boilerplate_min_docs": 3]
        _ = try F.run(try F.stage(options, index: dir), docs.prefix(3).map { ($0.id, $0.string) })
        // The next run cuts the footer from its first document.
        let next = try F.run(try F.stage(options, index: dir), [(docs[3].id, docs[3].string)])
        #expect(!next.docs[0].string.contains(Self.footer) && !next.docs[0].string.contains(Self.prompt))
        expectEqual(next.context.counters["boilerplate paragraphs removed"], 2)
    }

    @Test func switchedOffOrTooLongNothingIsCut() throws {
        let docs = try corpus()
        for options: [String: JSONValue] in [["boilerplate": false, "boilerplate_min_docs": 2],
                                             ["boilerplate_min_docs": 2, "boilerplate_max_words": 3]] {
            let (out, context) = try F.run(try F.stage(options), docs.map { ($0.id, $0.string) })
            #expect(out.allSatisfy { $0.string.contains(Self.footer) })
            expectEqual(context.counters["boilerplate paragraphs removed"], nil)
        }
    }

    @Test func aDocumentMadeOnlyOfBoilerplateIsLeftWhole() throws {
        let docs = try corpus()
        let stage = try F.stage(["boilerplate_min_docs": 2, "action": "mark"])
        var context = StageContext()
        _ = try F.process(stage, docs.prefix(3).map { ($0.id, $0.string) }, context: &context)
        let only = F.join([Self.prompt, Self.footer])
        let out = try F.process(stage, [("only", only)], context: &context)
        expectEqual(out[0].string, only)
    }

    /// A document's counted paragraphs come back out of its record when it is forgotten (each
    /// once, as counted), from a saved index too, under both verifications.
    @Test(arguments: [Verification.exact, .estimate])
    func forgettingADocumentTakesItsParagraphsOutOfTheCounts(verification: Verification) throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let settings = FingerprintSettings()
        var fingerprinter = Fingerprinter(settings: settings)
        let fp = fingerprinter.fingerprint(Array(try F.text("rfe-kazakh-activists").utf8))
        let index = try DedupIndex(settings: settings, verification: verification, directory: dir)
        index.insert(id: "a", file: "in/a.txt", fp, paragraphKeys: [7, 9, 7])
        index.boilerplate.add(documentParagraphs: [7, 9, 7])
        index.boilerplate.add(documentParagraphs: [7])
        try index.save()
        index.close()
        let reopened = try DedupIndex(settings: settings, verification: verification, directory: dir)
        expectEqual(try reopened.firstMatch(fp, threshold: 0.99)?.id, "a")
        expectEqual(try reopened.remove([DocumentKey(file: "in/a.txt", id: "a")]), 1)
        expectEqual(reopened.boilerplate.count(7), 1)
        expectEqual(reopened.boilerplate.count(9), 0)
        #expect(reopened.boilerplate.counts[9] == nil)
        reopened.close()

        // The values read are those before the keys; a record without keys has none.
        let store = RecordStore()
        let wideRecord = store.append(id: Array("b".utf8), wideValues: [1, 2, 3], paragraphKeys: [40, 1 << 40])
        let narrowRecord = store.append(id: Array("c".utf8), values: [4, 5], paragraphKeys: [UInt64.max, 6])
        let plain = store.append(id: Array("d".utf8), wideValues: [8], paragraphKeys: [])
        var narrow: [UInt32] = [], wide: [UInt64] = []
        _ = try store.read(at: wideRecord, narrow: &narrow, wide: &wide)
        expectEqual(wide, [1, 2, 3])
        expectEqual(try store.readParagraphKeys(at: wideRecord), [40, 1 << 40])
        _ = try store.read(at: narrowRecord, narrow: &narrow, wide: &wide)
        expectEqual(narrow, [4, 5])
        expectEqual(try store.readParagraphKeys(at: narrowRecord), [UInt64.max, 6])
        _ = try store.read(at: plain, narrow: &narrow, wide: &wide)
        expectEqual(wide, [8])
        expectEqual(try store.readParagraphKeys(at: plain), [])
    }

    @Test func theCounterForgetsRareParagraphsFirst() {
        var counter = BoilerplateCounter(capacity: 16)
        for doc in 0..<200 { counter.add(documentParagraphs: [UInt64(1_000 + doc), 7, 7]) }
        expectEqual(counter.count(7), 200)  // repeated inside a document: counted once a document
        #expect(counter.counts.count <= 16)
    }
}
