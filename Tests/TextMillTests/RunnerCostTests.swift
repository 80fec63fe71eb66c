import Testing
@testable import TextMill

/// The runner's and dedup's cheaper per-document paths (issue 17, second pass) give exactly what
/// the plain definitions give: a JSONL record's text taken from the parser as bytes, counters in
/// a short list, ids in an open-addressing table, integers and spans written with one append,
/// shingle hashes sorted by their top byte.
@Suite struct RunnerCostTests {
    static let file = InputFile(path: "wire/stories.jsonl", format: .jsonl, gzip: false)

    func document(_ line: String) -> Document? {
        guard case .document(let d) = JSONLReader(file: Self.file, limit: 1 << 20).decode(Array(line.utf8), line: 3) else { return nil }
        return d
    }

    @Test func recordTextComesAsTheBytesOfTheString() throws {
        let line = #"{"id":"wire-7","text":"Tokayev said: \"The uprising\u00e9 was a coup.\"\n\nAlmaty \ud83d\ude00 end","meta":{"text":"not this"}}"#
        let doc = try #require(document(line))
        expectEqual(doc.text, Array("Tokayev said: \"The uprising\u{e9} was a coup.\"\n\nAlmaty 😀 end".utf8))
        expectEqual(doc.meta["text"]?.stringValue, "not this")
        expectEqual(doc.content, .plain)
        // Without escapes: the run as it stands in the line.
        expectEqual(document(#"{"text":"Officials in Almaty said on Tuesday."}"#)?.text, Array("Officials in Almaty said on Tuesday.".utf8))
    }

    @Test func theLastTextOfARecordCountsAsBefore() throws {
        expectEqual(document(#"{"text":"first","text":"second"}"#)?.text, Array("second".utf8))
        expectEqual(document(#"{"text":5,"text":"second"}"#)?.text, Array("second".utf8))
        // A string then a number: not a string, the record fails as it did.
        guard case .failure(let e) = JSONLReader(file: Self.file, limit: 1 << 20).decode(Array(#"{"text":"first","text":5}"#.utf8), line: 3) else {
            Issue.record("a number text was read")
            return
        }
        expectEqual(e.reason, "line 3: \"text\" must be a string, not number")
    }

    @Test func htmlBesideTextIsKeptAsTheStringItWas() throws {
        let doc = try #require(document(#"{"text":"The ministry said.","html":"<p>The \"ministry\" said.</p>"}"#))
        expectEqual(doc.text, Array("The ministry said.".utf8))
        expectEqual(doc.extra["input"], .object(JSONObject([("html", .string("<p>The \"ministry\" said.</p>"))])))
        let page = try #require(document(#"{"html":"<p>Officials\nsaid.</p>"}"#))
        expectEqual(page.text, Array("<p>Officials\nsaid.</p>".utf8))
        expectEqual(page.content, .html)
    }

    @Test func parseObjectGivesTheBytesAndTheRestAsParse() throws {
        let line = Array(#"{"id":"a","text":"caf\u00e9 \"x\"","html":null,"n":[1,{"text":"inner"}]}"#.utf8)
        let (value, kept) = try line.withUnsafeBufferPointer { try JSONParser.parseObject($0, keepingBytesOf: ["text", "html"]) }
        expectEqual(kept[0], Array("café \"x\"".utf8))
        expectEqual(kept[1], nil)
        let plain = try JSONParser.parse(line)
        expectEqual(value.objectValue?["text"], .string(""))
        expectEqual(value.objectValue?["n"], plain.objectValue?["n"])
        expectEqual(value.objectValue?["html"], .null)
        // Invalid UTF-8 in the text fails at the same offset as the plain parser says.
        let bad = Array(#"{"text":"ab"#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        var failure: JSONSyntaxError?
        do {
            _ = try bad.withUnsafeBufferPointer { b throws(JSONSyntaxError) in try JSONParser.parseObject(b, keepingBytesOf: ["text"]) }
        } catch {
            failure = error
        }
        #expect(failure?.offset == 11 && failure?.message == "invalid UTF-8 in a JSON string")
    }

    @Test func countersAddUpAsADictionaryWould() {
        var context = StageContext()
        var expected: [String: Int] = [:]
        // More names than the list keeps, counted in turns, some by zero.
        for _ in 0..<3 {
            for k in 0..<40 {
                let name = k % 2 == 0 ? "quotes kind \(k)" : "sentences \(k)"
                context.count(name, k % 5)
                expected[name, default: 0] += k % 5
            }
            context.count("documents")
            expected["documents", default: 0] += 1
        }
        expectEqual(context.counters, expected)
        var total = StageContext()
        total.merge(context)
        total.merge(context)
        expectEqual(total.counters, expected.mapValues { $0 * 2 })
    }

    @Test func statsAddEveryDocumentsCounters() {
        let stats = RunStats(stages: [("dedup", 4)])
        for k in 0..<25 {
            var context = StageContext()
            context.count("documents")
            context.count("language \(k % 20)")
            stats.record(stage: 0, bytes: 10, nanoseconds: 1, context: context, failed: false)
        }
        let counters = stats.stages[0].counters
        expectEqual(counters["documents"], 25)
        expectEqual(counters.count, 21)
        #expect(counters["language 4"] == 2 && counters["language 19"] == 1)
    }

    @Test func idSetRefusesAnIdOnlyWhenItWasAdded() {
        var ids = IDSet()
        var added = 0, refused = 0
        for k in 0..<5000 where ids.insert("wire/stories.jsonl#\(k)") { added += 1 }
        for k in stride(from: 0, to: 5000, by: 7) where !ids.insert("wire/stories.jsonl#\(k)") { refused += 1 }
        #expect(added == 5000 && refused == 715)
        let new = ids.insert("wire/stories.jsonl#5000")
        let empty = ids.insert("")
        let emptyAgain = ids.insert("")
        #expect(new && empty && !emptyAgain)
    }

    @Test(arguments: [0, 7, 9, 10, 99, 100, 12_345, -1, -10, Int.max, Int.min])
    func integersAndSpansAreWrittenAsTheirDecimals(value: Int) {
        var w = JSONWriter()
        w.int(value)
        w.startEnd(value, 42)
        w.pair(3, value)
        expectEqual(String(decoding: w.bytes, as: UTF8.self), "\(value){\"start\":\(value),\"end\":42}[3,\(value)]")
    }

    @Test(arguments: [3, 23, 24, 60])
    func boilerplateCountsEachParagraphOnceADocument(paragraphs: Int) {
        var counter = BoilerplateCounter(capacity: 1000)
        // Every key twice in a document, and key 0 in every document.
        let keys = (0..<paragraphs).map { UInt64($0 % ((paragraphs + 1) / 2)) }
        for doc in 0..<3 { counter.add(documentParagraphs: keys + [UInt64(10_000 + doc)]) }
        expectEqual(counter.count(0), 3)
        expectEqual(counter.count(UInt64((paragraphs + 1) / 2 - 1)), 3)
        expectEqual(counter.count(10_001), 1)
        expectEqual(counter.counts.count, (paragraphs + 1) / 2 + 3)
    }

    @Test func bucketSortOrdersCrowdedAndRepeatedValues() {
        var state: UInt64 = 0x7465_7874
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 29)
        }
        // All in one top byte; many copies of a few values; already sorted; reversed.
        let crowded = (0..<300).map { _ in 0x5A00_0000_0000_0000 | (next() >> 8) }
        let repeated = (0..<300).map { _ in [3, 1, 2][Int(next() % 3)] << 60 as UInt64 }
        let sorted = (0..<300).map { UInt64($0) << 50 }
        for values in [crowded, repeated, sorted, Array(sorted.reversed()), (0..<17).map { _ in next() }] {
            var v = values
            v.withUnsafeMutableBufferPointer { bucketSort($0) }
            expectEqual(v, values.sorted())
        }
    }
}
