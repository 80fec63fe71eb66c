import Foundation
import Testing
@testable import TextMill

/// The sample corpus that ships with the project (`input/`).
func sampleCorpus() -> [(name: String, text: String)] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let dir = root.appendingPathComponent("input")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.filter { $0.hasSuffix(".txt") }.sorted() ?? []
    return names.compactMap { name in
        (try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)).map { (name, $0) }
    }
}

@Suite struct SentencesStageTests {
    func stage(_ options: [String: JSONValue] = [:], environment: PipelineEnvironment = PipelineEnvironment()) throws -> SentencesStage {
        try SentencesStage(options: .defaults(SentencesStage.options, options, environment: environment))
    }

    @Test func registeredAsABuiltInStage() {
        #expect(StageRegistry.builtin.stage(named: "sentences") != nil)
        expectEqual(SentencesStage.traits.produces, [.sentences])
    }

    /// After normalize, every sample document gets sentences that lie inside one paragraph each,
    /// in order, trimmed, with content, and covering every word of every paragraph.
    @Test func sampleCorpusAfterNormalize() throws {
        let corpus = sampleCorpus()
        expectEqual(corpus.count, 5)
        let normalize = try NormalizeStage(options: .defaults(NormalizeStage.options))
        let sentences = try stage()
        for (name, text) in corpus {
            var doc = Document(id: name, text: text)
            var context = StageContext()
            try normalize.process(&doc, &context)
            try sentences.process(&doc, &context)
            let spans = try #require(doc.sentences)
            let paragraphs = try #require(doc.paragraphs)
            expectEqual(context.counters["sentences"], spans.count)
            #expect(spans.count >= paragraphs.count, "\(name)")
            expectEqual(doc.firstInvalidSpan(), nil, "\(name)")
            var p = 0
            var previousEnd = 0
            for span in spans {
                #expect(span.start >= previousEnd && !span.isEmpty, "\(name)")
                previousEnd = span.end
                while p < paragraphs.count && paragraphs[p].end <= span.start { p += 1 }
                #expect(p < paragraphs.count && paragraphs[p].start <= span.start && span.end <= paragraphs[p].end,
                        "\(name): sentence crosses a paragraph: \(doc.string(span))")
                let s = doc.string(span)
                expectEqual(s, s.trimmingCharacters(in: .whitespacesAndNewlines))
                #expect(s.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }, "\(name): \(s)")
            }
            // No letter of a paragraph is left outside every sentence.
            var covered = [Bool](repeating: false, count: doc.text.count)
            for span in spans { for k in span.start..<span.end { covered[k] = true } }
            for paragraph in paragraphs {
                for k in paragraph.start..<paragraph.end where (doc.text[k] | 0x20) >= 0x61 && (doc.text[k] | 0x20) <= 0x7A {
                    #expect(covered[k], "\(name): byte \(k) outside every sentence")
                }
            }
        }
    }

    /// Sentences never begin with a closing quotation mark that belongs to the sentence before.
    @Test func closingQuotesNeverStartASentence() throws {
        let sentences = try stage()
        for (name, text) in sampleCorpus() {
            var doc = Document(id: name, text: text)
            var context = StageContext()
            try sentences.process(&doc, &context)
            for span in doc.sentences ?? [] {
                let s = doc.string(span)
                if let first = s.unicodeScalars.first, "”»".unicodeScalars.contains(first) {
                    Issue.record("\(name): sentence starts with a closing mark: \(s)")
                }
            }
        }
    }

    /// Without paragraphs the stage splits the whole text in one pass; the result must be the
    /// same as splitting each blank-line paragraph on its own.
    @Test func wholeTextEqualsParagraphByParagraph() throws {
        let s = try stage()
        for (name, text) in sampleCorpus() {
            var whole = Document(id: name, text: text)
            var each = Document(id: name, text: text)
            each.paragraphs = Paragraphs.spans(in: each.text)
            var context = StageContext()
            try s.process(&whole, &context)
            try s.process(&each, &context)
            expectEqual(whole.sentences, each.sentences, "\(name)")
        }
    }

    @Test func usesTheDocumentsParagraphs() throws {
        var doc = Document(id: "t", text: "One sentence here. Another one there.")
        doc.paragraphs = [Span(0, 18), Span(19, 37)]
        var context = StageContext()
        try stage().process(&doc, &context)
        expectEqual(doc.sentences, [Span(0, 18), Span(19, 37)])
        // A paragraph boundary ends a sentence even without a stop.
        var cut = Document(id: "t", text: "The U.S. Government in Virginia")
        cut.paragraphs = [Span(0, 8), Span(9, 31)]
        try stage().process(&cut, &context)
        expectEqual(cut.sentences?.map { cut.string($0) }, ["The U.S.", "Government in Virginia"])
    }

    @Test func refusesMarkup() throws {
        var doc = Document(id: "t", source: SourceInfo(path: "t", format: .html, sha256: ""), text: Array("<p>Hi.</p>".utf8), content: .html)
        var context = StageContext()
        #expect(throws: DocumentError.self) { try stage().process(&doc, &context) }
    }

    @Test func inlineOptions() throws {
        let text = "We bought the mill from Dale, Hart & Co. It cost too much. She works for the U.S. Government in Ohio."
        func split(_ s: SentencesStage) throws -> [String] {
            var doc = Document(id: "t", text: text)
            var context = StageContext()
            try s.process(&doc, &context)
            return doc.sentences!.map { doc.string($0) }
        }
        expectEqual(try split(stage()).count, 3)
        expectEqual(try split(stage(["abbreviations": ["Co. title"]])).count, 2)
        expectEqual(try split(stage(["sentence_starters": ["Government"]])).count, 4)
        let error = #expect(throws: StageSetupError.self) { try stage(["abbreviations": ["Co. often"]]) }
        expectEqual(error?.option, "abbreviations")
        expectEqual(error?.message.contains("title, inner, general, final"), true)
        let starterError = #expect(throws: StageSetupError.self) { try stage(["sentence_starters": ["Amid nearby"]]) }
        expectEqual(starterError?.option, "sentence_starters")
    }

    @Test func lexiconFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("textmill-sentences-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "# house style\nCo. title\n".write(to: dir.appendingPathComponent("abbr.txt"), atomically: true, encoding: .utf8)
        try "Government   # treat as a sentence start\n".write(to: dir.appendingPathComponent("starters.txt"), atomically: true, encoding: .utf8)
        let env = PipelineEnvironment(configPath: dir.appendingPathComponent("p.yaml").path, baseDirectory: dir.path)
        let s = try stage(["abbreviations_file": "abbr.txt", "sentence_starters_file": "starters.txt"], environment: env)
        var doc = Document(id: "t", text: "We bought the mill from Dale, Hart & Co. It cost too much. She works for the U.S. Government in Ohio.")
        var context = StageContext()
        try s.process(&doc, &context)
        expectEqual(doc.sentences?.count, 3)

        let missing = #expect(throws: StageSetupError.self) { try stage(["abbreviations_file": "nope.txt"], environment: env) }
        expectEqual(missing?.option, "abbreviations_file")
        expectEqual(missing?.message.contains("nope.txt"), true)
        try "Co. title extra words\n".write(to: dir.appendingPathComponent("bad.txt"), atomically: true, encoding: .utf8)
        let bad = #expect(throws: StageSetupError.self) { try stage(["abbreviations_file": "bad.txt"], environment: env) }
        expectEqual(bad?.message.contains("line 1"), true)
    }

    @Test func lineBreaksOption() throws {
        var doc = Document(id: "t", text: "The parcel was sent\nto the wrong street in town.")
        var context = StageContext()
        try stage(["line_breaks": "sentence"]).process(&doc, &context)
        expectEqual(doc.sentences?.count, 2)
        try stage(["line_breaks": "auto"]).process(&doc, &context)
        expectEqual(doc.sentences?.count, 1)
    }

    @Test func quotationsOption() throws {
        var doc = Document(id: "t", text: "“We lost the harvest. We kept the seed,” the farmer said.")
        var context = StageContext()
        try stage(["quotations": "split"]).process(&doc, &context)
        expectEqual(doc.sentences?.map(doc.string), ["“We lost the harvest.", "We kept the seed,” the farmer said."])
        try stage().process(&doc, &context)
        expectEqual(doc.sentences?.map(doc.string), ["“We lost the harvest.", "We kept the seed,” the farmer said."])
        try stage(["quotations": "whole"]).process(&doc, &context)
        expectEqual(doc.sentences?.map(doc.string), ["“We lost the harvest. We kept the seed,” the farmer said."])
    }
}

@Suite struct SentencesRobustnessTests {
    /// Checks the invariants every result must keep: in order, inside the text, trimmed, on
    /// scalar boundaries, each with content.
    func checkSane(_ text: [UInt8], _ spans: [Span]) {
        var previous = 0
        for s in spans {
            #expect(s.start >= previous && s.end > s.start && s.end <= text.count)
            previous = s.end
            #expect(!SentenceCharacters.isASCIISpace(text[s.start]) && !SentenceCharacters.isASCIISpace(text[s.end - 1]))
            #expect(!UTF8.isContinuation(text[s.start]) && (s.end == text.count || !UTF8.isContinuation(text[s.end])))
        }
    }

    /// Inputs of the kind that hang backtracking splitters (pySBD's `f.3022…bd`): one 10 MB line
    /// of dots and letters. It must finish (in linear time) and give sane spans.
    /// Also the shapes the colon and sentence-start rules look at: stamps, links, closings.
    @Test(arguments: ["f.3022", "a.", ". ", "A.b", "x..y", "((((", "U.S. ", "“A. ", "\"x? ", "Al 1/2/03 4:05 PM ", "http://a ",
                      "Regards, A", "1:1:"])
    func tenMegabyteLineOfDotsAndLetters(_ unit: String) {
        var text: [UInt8] = []
        text.reserveCapacity(10_000_000)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        let alphabet = Array("aZ.. .3bd".utf8)
        while text.count < 10_000_000 {
            text += Array(unit.utf8)
            // Pseudo-random dots, letters, spaces and digits between the repeats.
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            for k in 0..<Int(seed >> 61) { text.append(alphabet[Int((seed >> UInt64(8 * k)) & 0xFF) % alphabet.count]) }
        }
        text += Array("bd".utf8)
        let spans = SentenceSplitter.standard.split(text)
        #expect(!spans.isEmpty)
        checkSane(text, spans)
    }

    /// Every prefix cut of real text, with multi-byte characters cut in two at the end, gives
    /// sane spans and never crashes.
    @Test func truncatedAndOddInputs() {
        let sample = Array("“Stop!” he said… Then: 「これは。」 ३. U.S. (…) [...] • a) b) 1.) — ».".utf8)
        for end in 0...sample.count {
            let spans = sample.withUnsafeBufferPointer { SentenceSplitter.standard.split($0, in: Span(0, end)) }
            for s in spans { #expect(s.start >= 0 && s.end <= end && s.start < s.end) }
        }
        let header = Array("Kay Li 4/26/2001 07:17:05 AM Hi http://a.b/c https://d Sincerely, Al".utf8)
        for end in 0...header.count {
            let spans = header.withUnsafeBufferPointer { SentenceSplitter.standard.split($0, in: Span(0, end)) }
            for s in spans { #expect(s.start >= 0 && s.end <= end && s.start < s.end) }
        }
        for odd in ["", " ", "\n\n\n", ".", "...", "?!", "”", "•", "1.", "a.", "\u{2029}", "。。。", "\"\"\"", "((((", "U.S."] {
            let bytes = Array(odd.utf8)
            checkSane(bytes, SentenceSplitter.standard.split(bytes))
        }
    }
}
