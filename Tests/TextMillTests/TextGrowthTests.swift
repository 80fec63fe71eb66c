import Foundation
import Testing
@testable import TextMill

/// A document whose text grows past `max_document_mb` inside a stage fails alone, and
/// `normalize` stops building its output as soon as it passes the limit.
@Suite struct TextGrowthTests {
    /// U+FDFA (3 bytes) becomes 18 Arabic letters (33 bytes) under NFKC.
    static let salawat = "\u{FDFA}"

    @Test func nfkcGrowthFailsThatDocumentOnly() throws {
        let dir = TemporaryDirectory()
        dir.write("in/good.txt", Repo.bytes("input/rfe-chinese-envoy-undiplomatic.txt"))
        // 600 KB, under the 1 MB limit; NFKC would make it 6.6 MB.
        dir.write("in/salawat.txt", "Blessing: " + String(repeating: Self.salawat, count: 200_000) + "\n")
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            max_document_mb: 1
            stages:
              - normalize: {form: NFKC}
            """, in: dir)
        expectEqual(summary.exitStatus, 1)
        let records = try dir.records("out/corpus.jsonl")
        expectEqual(records.map { $0["id"]?.stringValue?.hasSuffix("in/good.txt") }, [true])
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.count, 1)
        expectEqual(errors.first?["id"]?.stringValue?.hasSuffix("in/salawat.txt"), true)
        expectEqual(errors.first?["stage"]?.stringValue, "normalize")
        expectEqual(errors.first?["reason"]?.stringValue, """
            text grew past max_document_mb 1 inside 'normalize' (it stopped there); \
            raise max_document_mb in the config, or drop the option that makes the text grow
            """)
    }

    /// The normalizer stops within one chunk of the limit, however long the input: the bytes
    /// produced at the throw are the same for N and 4N characters.
    @Test func normalizerStopsAtTheLimit() throws {
        let limit = 100_000
        let normalizer = TextNormalizer(compatibility: true, maxOutputBytes: limit)
        var produced: [Int] = []
        for count in [50_000, 200_000] {
            let text = Array(String(repeating: Self.salawat, count: count).utf8)
            do {
                _ = try normalizer.normalize(text)
                Issue.record("no error for \(count) characters")
            } catch let stop as TextNormalizer.OutputTooLarge {
                produced.append(stop.produced)
            }
        }
        let chunk = TextNormalizer.chunkScalars * 33
        expectEqual(produced.count, 2)
        #expect(produced.allSatisfy { $0 > limit && $0 <= limit + chunk }, "produced \(produced)")
        expectEqual(produced[0], produced[1])
    }

    /// Cutting long runs into chunks changes nothing: the result is the whole run's NFC/NFKC.
    @Test func chunkedRunsNormalizeLikeTheWhole() throws {
        // No spaces, no ASCII: one run of decomposed letters, Hangul jamo, ligatures and U+FDFA.
        let pieces = ["и\u{306}", "\u{1100}\u{1161}\u{11A8}", "\u{FDFA}", "ﬁ", "α\u{301}\u{313}", "\u{AC00}\u{11A8}", "ö\u{323}", "日本"]
        var run = ""
        for k in 0..<6_000 { run += pieces[k % pieces.count] }
        for compatibility in [false, true] {
            let expected = compatibility ? run.precomposedStringWithCompatibilityMapping : run.precomposedStringWithCanonicalMapping
            let edit = try TextNormalizer(compatibility: compatibility).normalize(Array(run.utf8))
            expectEqual(edit.map { String(decoding: $0.text, as: UTF8.self) }, expected)
        }
    }

    /// A stage the runner cannot look inside (here: one that doubles the text) is checked after it runs.
    struct DoublingStage: Stage {
        static let name = "double"
        static let summary = "writes the text twice"
        static let options: [OptionSpec] = []
        static let traits = StageTraits()
        init(options: StageOptions) throws {}
        func process(_ document: inout Document, _ context: inout StageContext) throws {
            document.text += document.text
            document.paragraphs = nil
        }
    }

    @Test func growthAfterAStageFailsThatDocumentOnly() throws {
        let dir = TemporaryDirectory()
        dir.write("in/small.txt", "A short note.\n")
        dir.write("in/large.txt", String(repeating: "Seven hundred kilobytes of text. ", count: 21_000))
        var registry = StageRegistry.builtin
        registry.register(DoublingStage.self)
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            max_document_mb: 1
            stages: [double]
            """, in: dir, registry: registry)
        expectEqual(summary.exitStatus, 1)
        expectEqual(try dir.records("out/corpus.jsonl").map { $0["text"]?.stringValue }, ["A short note.\nA short note.\n"])
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.map { $0["stage"]?.stringValue }, ["double"])
        expectEqual(errors.first?["reason"]?.stringValue, """
            text grew to 1.4 MB after 'double', above max_document_mb 1; \
            raise max_document_mb in the config, or drop the option that makes the text grow
            """)
    }
}
