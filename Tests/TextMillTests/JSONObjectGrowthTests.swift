import Foundation
import Testing
@testable import TextMill

/// A JSON object of many keys (a JSONL record with a field per word, a `metadata` object of
/// thousands of entries, a plugin's answer) costs time linear in its keys. Each key used to be
/// looked for by a scan of the keys before it: a record of 80,000 fields took 11 s of CPU and
/// one of 320,000 more than 5 minutes (`textmill run` on one JSONL line, release build).
/// Timed by the thread's CPU clock at N and 4N keys, the least of three runs each: linear work
/// gives a ratio near 4, the scan gave 16.
@Suite struct JSONObjectGrowthTests {
    /// `{"kind0":0,"kind1":1,…}` with `count` keys, as the bytes of one JSONL line.
    static func object(_ kind: String, keys count: Int) -> String {
        "{" + (0..<count).map { "\"\(kind)\($0)\":\($0)" }.joined(separator: ",") + "}"
    }

    /// The least CPU time of the calling thread that `body` took in three runs, in seconds.
    static func leastCPUSeconds(_ body: () throws -> Void) rethrows -> Double {
        var least = Double.infinity
        for _ in 0..<3 {
            var start = timespec(), end = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
            try body()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
            least = min(least, Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9)
        }
        return least
    }

    @Test func parsingAnObjectGrowsLinearlyWithItsKeys() throws {
        let small = Array(Self.object("field", keys: 5_000).utf8)
        let large = Array(Self.object("field", keys: 20_000).utf8)
        var parsed = JSONObject()
        let smallTime = try Self.leastCPUSeconds { parsed = try JSONParser.parse(small).objectValue ?? JSONObject() }
        expectEqual(parsed.count, 5_000)
        let largeTime = try Self.leastCPUSeconds { parsed = try JSONParser.parse(large).objectValue ?? JSONObject() }
        expectEqual(parsed.count, 20_000)
        expectEqual(parsed["field19999"], .number("19999"))
        let ratio = largeTime / max(smallTime, 1e-6)
        #expect(ratio <= 8, "5,000 keys \(smallTime) s, 20,000 keys \(largeTime) s: ratio \(ratio)")
    }

    /// The reader merges `metadata` into `meta` key by key (keys of `meta` win): linear too.
    @Test func aRecordsMetadataMergesLinearlyWithItsKeys() throws {
        let reader = JSONLReader(file: InputFile(path: "wire/day.jsonl", format: .jsonl), limit: 1 << 26)
        func line(_ count: Int) -> [UInt8] {
            let meta = Self.object("tag", keys: count), metadata = Self.object("label", keys: count)
            return Array("{\"text\":\"The council met on Monday.\",\"meta\":\(meta),\"metadata\":\(metadata)}".utf8)
        }
        var merged = 0
        func read(_ bytes: [UInt8]) {
            if case .document(let d) = reader.decode(bytes, line: 1) { merged = d.meta.count }
        }
        let small = line(4_000), large = line(16_000)
        let smallTime = Self.leastCPUSeconds { read(small) }
        expectEqual(merged, 8_000)
        let largeTime = Self.leastCPUSeconds { read(large) }
        expectEqual(merged, 32_000)
        let ratio = largeTime / max(smallTime, 1e-6)
        #expect(ratio <= 8, "4,000 keys \(smallTime) s, 16,000 keys \(largeTime) s: ratio \(ratio)")
    }

    /// Past `scanLimit` keys an object finds keys through its table: it answers as a small one
    /// does (order of first writing, a key written twice keeps its first place and last value,
    /// a removed key is gone and the others are still found).
    @Test func aLargeObjectFindsReplacesAndRemovesAsASmallOneDoes() throws {
        let count = JSONObject.scanLimit * 3
        var text = "{" + (0..<count).map { "\"k\($0)\":\($0)" }.joined(separator: ",")
        text += ",\"k3\":\"again\",\"k\(count - 1)\":\"last\"}"
        var object = try #require(try JSONParser.parse(text).objectValue)
        #expect(object.isIndexed)
        expectEqual(object.count, count)
        expectEqual(object.keys, (0..<count).map { "k\($0)" })
        expectEqual(object["k3"], .string("again"))
        expectEqual(object["k\(count - 1)"], .string("last"))
        expectEqual(object["k\(count)"], nil)
        object["k0"] = nil
        expectEqual(object.keys.first, "k1")
        expectEqual(object["k0"], nil)
        expectEqual(object["k\(count - 2)"], .number("\(count - 2)"))
        object["new"] = .bool(true)
        expectEqual(object.keys.last, "new")
        expectEqual(object["new"], .bool(true))
        for k in 1...(count - JSONObject.scanLimit) { object["k\(k)"] = nil }
        expectEqual(object.count, JSONObject.scanLimit)
        #expect(!object.isIndexed)
        expectEqual(object.keys, (count - JSONObject.scanLimit + 1..<count).map { "k\($0)" } + ["new"])
        expectEqual(object["k\(count - 1)"], .string("last"))
        expectEqual(object, JSONObject(object.pairs.map { ($0.key, $0.value) }))
    }

    /// Keys are told apart by their bytes, as JSON does: a precomposed "é" and "e" with a
    /// combining accent are two fields, both kept, in a small object and in a large one.
    @Test func keysAreComparedByTheirBytes() throws {
        for extra in [0, JSONObject.scanLimit] {
            let filler = (0..<extra).map { "\"f\($0)\":0," }.joined()
            let object = try #require(try JSONParser.parse("{\(filler)\"caf\u{E9}\":1,\"cafe\u{301}\":2}").objectValue)
            expectEqual(object.count, extra + 2)
            expectEqual(object["caf\u{E9}"], .number("1"))
            expectEqual(object["cafe\u{301}"], .number("2"))
        }
    }

    /// A key that is a long run of combining marks costs time linear in its length (Swift's
    /// `String` hashing and `==` sort the marks first, quadratic in the run).
    @Test func aKeyOfManyCombiningMarksCostsLinearTime() throws {
        func line(_ pairs: Int) -> [UInt8] {
            let filler = (0..<20).map { "\"f\($0)\":0," }.joined()
            return Array("{\(filler)\"t\(String(repeating: "\u{301}\u{316}", count: pairs))\":1,\"text\":\"The council met.\"}".utf8)
        }
        var found = false
        let small = line(8_000), large = line(32_000)
        func read(_ bytes: [UInt8]) throws {
            let object = try JSONParser.parse(bytes).objectValue
            found = object?["text"] == .string("The council met.")
        }
        let smallTime = try Self.leastCPUSeconds { try read(small) }
        let largeTime = try Self.leastCPUSeconds { try read(large) }
        #expect(found)
        #expect(largeTime <= 8 * max(smallTime, 0.002), "8,000 pairs \(smallTime) s, 32,000 pairs \(largeTime) s")
    }
}
