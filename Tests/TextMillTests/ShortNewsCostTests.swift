import Testing
@testable import TextMill

/// The third pass over the runner's and dedup's cost a short document (issue 17): the cheaper
/// ways give exactly what the plain definitions give. Source hashes kept inline, shingle hashes
/// sorted without a spare allocation, ids hashed eight bytes at a time, integers written two
/// digits a step, counter and field names compared by length first.
@Suite struct ShortNewsCostTests {
    /// The bytes 3, 10, 17, … (mod 256), `n` of them.
    static func pattern(_ n: Int) -> [UInt8] { (0..<n).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) } }

    // Digests from Python's hashlib of `pattern(n)`: lengths on both sides of the padding's
    // one-block and two-block cases and of whole blocks.
    @Test(arguments: [
        (55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"),
        (56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"),
        (63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"),
        (64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"),
        (65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"),
        (119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"),
        (120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"),
        (128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"),
        (1000, "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371"),
    ])
    func sha256OfEveryLengthAroundABlockInAnyPieces(length: Int, digest: String) {
        let bytes = Self.pattern(length)
        for portable in [false, true] {
            expectEqual(SHA256.hex(bytes), digest)
            // In pieces of 1, 5, 63 and 64 bytes: the partial block filled, compressed, refilled.
            for step in [1, 5, 63, 64] {
                var h = SHA256(portable: portable)
                var i = 0
                while i < bytes.count {
                    h.update(bytes[i..<min(bytes.count, i + step)])
                    i += step
                }
                expectEqual(h.finalizeHex(), digest)
            }
            var h = SHA256(portable: portable)
            h.update(bytes)
            let raw = h.finalize()
            expectEqual(raw.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined(), digest)
        }
    }

    /// The shingle hashes as defined: every run of `size` words hashed, sorted, repeats removed.
    static func definedShingleHashes(_ tokens: [UInt64], size: Int) -> [UInt64] {
        guard !tokens.isEmpty else { return [] }
        let k = min(size, tokens.count)
        var out = Set<UInt64>()
        for i in 0...(tokens.count - k) {
            var x = tokens[i]
            for j in 1..<k { x = (x &* 0x9e37_79b9_7f4a_7c15) ^ tokens[i + j] }
            out.insert(x &* 0xd6e8_feb8_6659_fd93)
        }
        return out.sorted()
    }

    @Test(arguments: [0, 1, 4, 5, 6, 17, 21, 170, 403, 404, 405, 900])
    func shingleHashesAreTheDefinedSetOnBothSidesOfTheRadixThreshold(words: Int) {
        var state: UInt64 = 0x6e65_7773 &+ UInt64(words)
        // A vocabulary of 40 words, and a run that repeats: shingles that come back.
        let tokens: [UInt64] = (0..<words).map { k in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return k % 50 < 10 ? UInt64(k % 10) &* 0x9e37_79b9 : (state >> 33) % 40
        }
        for size in [5, 3, 1] {
            let got = Fingerprinter.shingleHashes(tokens, size: size)
            expectEqual(got, Self.definedShingleHashes(tokens, size: size))
        }
    }

    @Test(arguments: [0, 1, 2, 16, 17, 170, 399, 2000])
    func bucketSortIntoATargetIsTheStandardSort(count: Int) {
        var state: UInt64 = 0x736f_7274 &+ UInt64(count)
        let values: [UInt64] = (0..<count).map { k in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Every third value in one crowded top byte.
            return k % 3 == 0 ? 0x7700_0000_0000_0000 | (state >> 12) : state ^ (state >> 29)
        }
        var target = [UInt64](repeating: 0, count: count)
        values.withUnsafeBufferPointer { source in
            target.withUnsafeMutableBufferPointer { bucketSort(source, into: $0) }
        }
        expectEqual(target, values.sorted())
    }

    @Test func idSetTellsApartIdsThatShareWordsOrDifferOnlyInLength() {
        var ids = IDSet()
        // Ids of 1 to 40 bytes that share their first 8, 16 or 24 bytes, and ids that differ
        // only by trailing zero bytes (the last word is padded with zeros).
        var all: [String] = []
        for n in 1...40 { all.append(String(repeating: "a", count: n)) }
        for n in 0..<30 { all.append("wire/stories.jsonl#\(n)") }
        all += ["story", "story\u{0}", "story\u{0}\u{0}", "12345678", "12345678\u{0}", "\u{0}", "", "\u{0}\u{0}"]
        expectEqual(Set(all).count, all.count)
        for id in all {
            let added = ids.insert(id)
            #expect(added, "first time: \(id.debugDescription)")
        }
        for id in all {
            let added = ids.insert(id)
            #expect(!added, "second time: \(id.debugDescription)")
        }
    }

    @Test func idHashesDependOnEveryByte() {
        let base = Array("wire/2026/stories.jsonl#12345".utf8)
        let first = base.withUnsafeBufferPointer { IDSet.hashes($0) }
        for i in base.indices {
            var changed = base
            changed[i] ^= 1
            let h = changed.withUnsafeBufferPointer { IDSet.hashes($0) }
            #expect(h.0 != first.0 && h.1 != first.1, "byte \(i)")
        }
    }

    @Test func integersAtEveryDigitCountAreTheirDecimals() {
        var values: [Int] = [0, -0, Int.max, Int.min, Int.min + 1]
        var p = 1
        for _ in 0..<18 {
            values += [p - 1, p, p + 1, p * 5 + 3, -p, -(p - 1), p * 10 - 1]
            p *= 10
        }
        values += [1005, 100_005, 10_000_001, 909, 90_909, 7_000_000]
        for v in values {
            var w = JSONWriter()
            w.int(v)
            expectEqual(String(decoding: w.bytes, as: UTF8.self), String(v))
            w = JSONWriter()
            w.startEnd(v, v / 3)
            expectEqual(String(decoding: w.bytes, as: UTF8.self), "{\"start\":\(v),\"end\":\(v / 3)}")
        }
    }

    @Test func countersOfNamesWithTheSameLengthStayApart() {
        var context = StageContext()
        // Same lengths, different bytes; a name that is a prefix of another.
        for (name, amount) in [("quotes a", 1), ("quotes b", 2), ("quotes a", 3), ("quotes", 4), ("quotes ab", 5), ("quotes b", 6)] {
            context.count(name, amount)
        }
        expectEqual(context.counters, ["quotes a": 4, "quotes b": 8, "quotes": 4, "quotes ab": 5])
    }

    @Test func jsonlFieldsOfTheLengthOfKnownNamesPassThrough() throws {
        let file = InputFile(path: "wire/stories.jsonl", format: .jsonl, gzip: false)
        // "texts", "quote", "idx", "metas", "sourcE": lengths and bytes close to names the
        // reader knows, so they stay as they came; "quotes" is a field TextMill owns.
        let line = #"{"id":"w-1","text":"The minister spoke.","idx":1,"texts":"b","quote":"c","metas":{},"sourcE":"d","quotes":[]}"#
        guard case .document(let doc) = JSONLReader(file: file, limit: 1 << 20).decode(Array(line.utf8), line: 1) else {
            Issue.record("the record was not read")
            return
        }
        expectEqual(doc.id, "w-1")
        expectEqual(doc.extra.keys, ["idx", "texts", "quote", "metas", "sourcE", "input"])
        expectEqual(doc.extra["input"], .object(JSONObject([("quotes", .array([]))])))
    }

    @Test func theRunsOutputsAreLeftOutOfAFolderAndNamesOfTheirLengthAreKept() throws {
        let dir = TemporaryDirectory()
        for name in ["in/corpus.jsonl", "in/corpus.jsonm", "in/corpus.json", "in/a/corpus.jsonl", "in/story.txt"] {
            dir.write(name, "The council met on Tuesday.\n")
        }
        var resolver = InputResolver(excluding: [dir.file("in/corpus.jsonl")])
        let files = try resolver.resolve([dir.file("in")])
        // The output itself is left out; a file of the same name in another folder, and names
        // of its length, are input.
        expectEqual(files.map(\.path), ["in/a/corpus.jsonl", "in/corpus.json", "in/corpus.jsonm", "in/story.txt"].map(dir.file))
        // Named directly and spelled another way (through "a/.."), it is still the output: refused.
        var again = InputResolver(excluding: [dir.file("in/corpus.jsonl")])
        #expect(throws: InputError.self) { try again.resolve([dir.file("in/a/../corpus.jsonl")]) }
        // A path added to `excluded` later is left out too.
        var later = InputResolver()
        later.excluded.insert(dir.file("in/story.txt"))
        expectEqual(try later.resolve([dir.file("in")]).map(\.path), ["in/a/corpus.jsonl", "in/corpus.json", "in/corpus.jsonl", "in/corpus.jsonm"].map(dir.file))
    }
}
