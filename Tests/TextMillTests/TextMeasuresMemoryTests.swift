import Testing
@testable import TextMill

/// What `filter`'s measures keep in memory for a text of one-character words, the shape that
/// made the most words (and n-grams) a byte: a 10 MB document of ". " repeated peaked at 420 MB
/// (42 bytes a byte) in a release build, with a word hash, two prefix sums and a slot of the
/// n-gram table (sized for every word at once) for each word.
struct TextMeasuresMemoryTests {
    /// `count` one-character words, each followed by a space.
    static func oneCharacterWords(_ count: Int, from letters: [Character]) -> [UInt8] {
        // A fixed linear congruential sequence: the same text on every machine.
        var state: UInt64 = 0x2545F4914F6CDD1D
        var out: [UInt8] = []
        out.reserveCapacity(count * 2)
        for _ in 0..<count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            out += Array(String(letters[Int(state >> 33) % letters.count]).utf8)
            out.append(0x20)
        }
        return out
    }

    /// Bytes the measures hold once every rule has looked at `text`, a byte of text.
    static func bytesPerByte(_ text: [UInt8]) -> Double {
        var measures = TextMeasures(text, settings: FilterSettings())
        for rule in FilterRules.all { _ = rule.measure(&measures) }
        return Double(measures.retainedBytes()) / Double(text.count)
    }

    @Test("a text of one repeated punctuation word keeps no per-word hashes and a small n-gram table, at N and 4N words")
    func repeatedDots() {
        for count in [20_000, 80_000] {
            let perByte = Self.bytesPerByte(Self.oneCharacterWords(count, from: ["."]))
            // Scalars and their classes (6 bytes a byte) and the word ranges (16 bytes a word,
            // a word every 2 bytes, with the array's spare capacity); the table holds one key.
            #expect(perByte < 20, "\(count) words: \(perByte) bytes a byte")
        }
    }

    @Test("a text of random one-letter words keeps the n-gram table and the word ranges only, at N and 4N words")
    func randomLetters() {
        for count in [20_000, 80_000] {
            let perByte = Self.bytesPerByte(Self.oneCharacterWords(count, from: Array("abcdefghijklmnopqrstuvwxyz")))
            // As above, plus one 16-byte slot (at most two thirds full) for each distinct 5-gram.
            #expect(perByte < 34, "\(count) words: \(perByte) bytes a byte")
        }
    }

    @Test("the n-gram table grows with the distinct keys it meets and keeps every count")
    func tableGrows() {
        let table = HashCounts(capacity: 100_000)
        let start = table.retainedBytes
        #expect(start < 64 * 1024)
        for k in 0..<10_000 { table.add(UInt64(k % 5_000) &* 0x9E3779B97F4A7C15, at: k) }
        #expect(table.retainedBytes > start)
        expectEqual(table.mostFrequent().count, 2)
        expectEqual(table.mostFrequent().first, 0)
        for k in 0..<5_000 { #expect(table.insertOrFind(UInt64(k) &* 0x9E3779B97F4A7C15, at: 0)) }
        #expect(!table.insertOrFind(0x1234, at: 0))
    }
}
