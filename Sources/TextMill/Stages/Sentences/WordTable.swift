/// A small read-only hash table from words (byte strings, looked up case-insensitively for
/// ASCII letters) to a one-byte payload, built once and probed straight from the text buffer
/// without creating strings.
///
/// The sentence splitter probes it at every candidate boundary (the word before a period, the
/// word after it), so a lookup must cost a hash over a few bytes and one comparison.
///
/// A class, immutable once built: the splitter (and the scanner it makes for every document)
/// holds one reference a table, where a struct's three arrays were three references to retain
/// and release at every copy.
final class WordTable: Sendable {
    /// Longest word stored or looked up; longer words are never found.
    static let maxLength = 24

    private let slots: [Int32]          // index into `entries`, -1 when empty
    private let entries: [Entry]
    private let bytes: [UInt8]          // the folded words, one after another
    private let mask: Int

    private struct Entry: Sendable {
        var offset: Int32
        var length: UInt8
        var payload: UInt8
    }

    /// Builds a table. Later words with the same folded form replace earlier ones' payloads.
    init(_ words: [(word: [UInt8], payload: UInt8)]) {
        var size = 16
        while size < words.count * 3 { size <<= 1 }
        var builder = Builder(slots: Array(repeating: -1, count: size), mask: size - 1)
        for (word, payload) in words where !word.isEmpty && word.count <= Self.maxLength {
            builder.insert(word.map(Self.fold), payload)
        }
        slots = builder.slots
        entries = builder.entries
        bytes = builder.bytes
        mask = builder.mask
    }

    /// Number of distinct words stored.
    var count: Int { entries.count }

    @inline(__always)
    static func fold(_ c: UInt8) -> UInt8 { c &- 0x41 < 26 ? c | 0x20 : c }

    /// The table's arrays while they are filled.
    private struct Builder {
        var slots: [Int32]
        let mask: Int
        var entries: [Entry] = []
        var bytes: [UInt8] = []

        mutating func insert(_ folded: [UInt8], _ payload: UInt8) {
            let h = WordTable.hash(folded)
            var slot = h & mask
            while slots[slot] >= 0 {
                let e = entries[Int(slots[slot])]
                if Int(e.length) == folded.count && bytes[Int(e.offset)..<Int(e.offset) + Int(e.length)].elementsEqual(folded) {
                    entries[Int(slots[slot])].payload = payload
                    return
                }
                slot = (slot + 1) & mask
            }
            slots[slot] = Int32(entries.count)
            entries.append(Entry(offset: Int32(bytes.count), length: UInt8(folded.count), payload: payload))
            bytes += folded
        }
    }

    fileprivate static func hash(_ folded: [UInt8]) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in folded { h = (h ^ UInt64(c)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// The payload of the word `p[start..<end]`, compared with ASCII letters folded to lower case.
    @inline(__always)
    func lookup(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> UInt8? {
        let n = end - start
        guard n > 0 && n <= Self.maxLength else { return nil }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in start..<end { h = (h ^ UInt64(Self.fold(p[k]))) &* 0x100_0000_01b3 }
        var slot = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        return bytes.withUnsafeBufferPointer { stored -> UInt8? in
            while true {
                let index = slots[slot]
                if index < 0 { return nil }
                let e = entries[Int(index)]
                if Int(e.length) == n {
                    var same = true
                    let o = Int(e.offset)
                    for k in 0..<n where stored[o + k] != Self.fold(p[start + k]) { same = false; break }
                    if same { return e.payload }
                }
                slot = (slot + 1) & mask
            }
        }
    }
}
