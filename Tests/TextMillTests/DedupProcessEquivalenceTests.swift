import Foundation
import Testing
@testable import TextMill

/// Issue 17, session 32: dedup's `process` and what surrounds it made cheaper with the same
/// output. A prepared document's arrays are filled again in the memory an earlier document's
/// left (`DedupPrepared.fill`, `Fingerprinter.fingerprint(words:into:)`); a record's paragraph
/// keys go into the record store straight from their array; the index's hash tables move their
/// entries through pointers when they grow. Each must give what the plain way gives.
@Suite struct DedupProcessEquivalenceTests {
    typealias Equivalence = DedupPrepareEquivalenceTests

    /// Texts of every size class of the fingerprint: no words, fewer words than a shingle, a
    /// short story (the bucket sort), more than `radixSortMinimum` shingles (the radix sort), the
    /// hostile text, and a longer one (3,600 words).
    static let texts: [String] = {
        let news = "The council voted on Tuesday to close the old bridge for repairs, officials said.\n\n"
            + "Traffic will move to the ferry until the spring, when the work is due to end.\n\n"
            + "Residents said the detour would add an hour to the school run."
        let many = (0..<700).map { "w\($0 % 331) v\($0 % 7)" }.joined(separator: " ")
        let long = (0..<1200).map { "p\($0 % 997) q\($0 % 13) r\($0)" }.joined(separator: " ")
        return ["", "  \n\n ", "two words", news, many, Equivalence.hostile, long, news + "\n\n" + many, "one"]
    }()

    /// A prepared document filled over the one before it, the texts in an order that puts each
    /// size after every other kind (long after short, empty after long, short after long, ...),
    /// holds what one made fresh for the text holds, with and without boilerplate paragraphs;
    /// so does a fingerprint filled over another.
    @Test func aPreparedDocumentFilledAgainEqualsAFreshOne() {
        let t = Self.texts
        let order = t + t.reversed() + [t[6], t[0], t[6], t[2], t[4], t[3], t[5], t[1], t[7]]
        for folding in [TextFolding(), TextFolding(foldCase: false, foldPunctuation: false, compatibility: false)] {
            for shingleSize in [1, 5, 9] {
                var fingerprinter = Fingerprinter(settings: FingerprintSettings(shingleSize: shingleSize, folding: folding))
                for boilerplate in [true, false] {
                    let reused = DedupPrepared()
                    var fp = DocumentFingerprint.empty
                    for text in order {
                        let document = Document(id: "d", text: text)
                        reused.fill(document, &fingerprinter, boilerplate: boilerplate)
                        let fresh = DedupPrepared.make(document, &fingerprinter, boilerplate: boilerplate)
                        #expect(reused.paragraphs == fresh.paragraphs)
                        #expect(reused.words == fresh.words)
                        #expect(reused.paragraphWordStarts == fresh.paragraphWordStarts)
                        #expect(reused.fingerprint == fresh.fingerprint)
                        #expect(reused.textCount == fresh.textCount)
                        fingerprinter.fingerprint(words: fresh.words, into: &fp)
                        #expect(fp == fresh.fingerprint)
                    }
                }
            }
        }
        // The pool keeps the buffers of a short story, not those of a long document.
        var fingerprinter = Fingerprinter()
        #expect(DedupPrepared.make(Document(id: "s", text: Self.texts[3]), &fingerprinter, boilerplate: true).isReusable)
        let long = String(repeating: "word ", count: 5 * DedupPrepared.reusableWords)
        #expect(!DedupPrepared.make(Document(id: "l", text: long), &fingerprinter, boilerplate: true).isReusable)
    }

    /// The stage's result for a sequence of documents is that of the same documents each
    /// prepared fresh: recycled prepared documents leave nothing of one document in the next.
    @Test func recycledPreparedDocumentsGiveTheSameDecisions() throws {
        let boilerplate = "Subscribe to our newsletter for the latest stories."
        var documents: [Document] = []
        for k in 0..<40 {
            let base = Self.texts[(k % (Self.texts.count - 1)) + 1]
            let text = k % 3 == 0 ? base + "\n\n" + boilerplate : boilerplate + "\n\n" + base + " extra\(k)"
            documents.append(Document(id: "doc\(k)", text: text))
        }
        // Near copies of texts of other sizes than the document before them.
        for k in 0..<8 { documents.append(Document(id: "near\(k)", text: Self.texts[7 - k] + " and one more line \(k).")) }
        func run(recycling: Bool) throws -> [String] {
            let stage = try F.stage(["boilerplate_min_docs": 2])
            var out: [String] = []
            for var document in documents {
                var context = StageContext()
                if recycling {
                    try stage.prepare(&document, &context)
                } else {
                    // A fresh object each time: what `prepare` made before the pool.
                    var fingerprinter = Fingerprinter(settings: stage.state.config.settings)
                    document.scratch[DedupPrepared.key] = DedupPrepared.make(document, &fingerprinter, boilerplate: true)
                }
                try stage.process(&document, &context)
                // The counters hold the LSH candidates and comparisons, which the band keys decide.
                let counters = context.counters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
                out.append("\(document.id) \(String(decoding: document.text, as: UTF8.self)) \(String(describing: document.duplicate)) \(counters)")
            }
            return out
        }
        expectEqual(try run(recycling: true), try run(recycling: false))
    }

    /// A record with paragraph keys is the bytes the record layout names, the keys of a record
    /// of 32-bit values two values each, low half first: what the store wrote when it copied
    /// the values and keys into one array first.
    @Test func recordsWithParagraphKeysAreTheDocumentedBytes() throws {
        let dir = TemporaryDirectory()
        let store = try RecordStore(path: dir.file("records.bin"), validLength: 0)
        let keys: [UInt64] = [0, 1, UInt64.max, 1 << 32, 0x0123_4567_89ab_cdef]
        let wideValues: [UInt64] = [3, UInt64.max - 1, 1 << 40]
        let narrowValues: [UInt32] = [7, UInt32.max]
        _ = store.append(id: Array("wide/ü".utf8), wideValues: wideValues, paragraphKeys: keys)
        _ = store.append(id: Array("narrow".utf8), values: narrowValues, paragraphKeys: keys)
        _ = store.append(id: Array("plain".utf8), wideValues: wideValues, paragraphKeys: [])
        _ = store.append(id: Array("plain32".utf8), values: narrowValues, paragraphKeys: [])
        var idBytes = "by-string"
        _ = idBytes.withUTF8 { store.append(id: $0, wideValues: wideValues, paragraphKeys: keys) }
        _ = try store.sync()

        var expected: [UInt8] = []
        func u32(_ v: UInt32) { for k in 0..<4 { expected.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(k)))) } }
        func u64(_ v: UInt64) { u32(UInt32(truncatingIfNeeded: v)); u32(UInt32(truncatingIfNeeded: v >> 32)) }
        func record(_ id: String, _ values: [UInt64], wide: Bool, keys: [UInt64]) {
            let start = expected.count
            var all = values
            if !keys.isEmpty {
                all += wide ? keys : keys.flatMap { [$0 & 0xFFFF_FFFF, $0 >> 32] }
                all.append(UInt64(keys.count))
            }
            u32(UInt32(id.utf8.count))
            var flags = RecordStore.checkedFlag
            if wide { flags |= RecordStore.wideFlag }
            if !keys.isEmpty { flags |= RecordStore.paragraphsFlag }
            u32(UInt32(all.count) | flags)
            expected += Array(id.utf8)
            for v in all { if wide { u64(v) } else { u32(UInt32(v)) } }
            u64(ByteWriter.checksum(expected[start...]))
        }
        record("wide/ü", wideValues, wide: true, keys: keys)
        record("narrow", narrowValues.map(UInt64.init), wide: false, keys: keys)
        record("plain", wideValues, wide: true, keys: [])
        record("plain32", narrowValues.map(UInt64.init), wide: false, keys: [])
        record("by-string", wideValues, wide: true, keys: keys)
        let written = try #require(FileManager.default.contents(atPath: dir.file("records.bin")))
        expectEqual(Array(written), expected)
    }

    /// The LSH table grown from 16 slots to some 60,000 through pointers holds its entries in
    /// the order (what a saved index lists) of the table that grew by inserting each entry again,
    /// with keys that share slots and buckets; the key table finds every key after growing.
    @Test func grownTablesKeepTheirLayout() {
        var table = BandTable(capacity: 1)
        var model = InsertingBandTable()
        var keys = KeyTable(capacity: 1)
        var state: UInt64 = 0x5eed
        for doc in 0..<45_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            // Few distinct keys for the first documents (full buckets), then many.
            let key = doc < 3_000 ? UInt32(truncatingIfNeeded: state >> 60) : UInt32(truncatingIfNeeded: state >> 32)
            if table.insert(key: key, doc: UInt32(doc), limit: 32, isAlive: { _ in true }) { model.insert(key: key, doc: UInt32(doc)) }
            keys.set(state, UInt32(doc))
        }
        var entries: [UInt64] = []
        table.forEachEntry { key, doc in entries.append(UInt64(key) << 32 | UInt64(doc)) }
        expectEqual(entries, model.entries)
        expectEqual(table.count, model.count)
        state = 0x5eed
        for doc in 0..<45_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            #expect(keys[state] == UInt32(doc))
        }
        expectEqual(keys.count, 45_000)
    }
}

/// `BandTable` as it grew before session 32: each entry inserted again, in table order,
/// through the checked `insert` (the reference for `grownTablesKeepTheirLayout`).
private struct InsertingBandTable {
    var keys = [UInt32](repeating: 0, count: 16)
    var docs = [UInt32](repeating: .max, count: 16)
    var count = 0

    static func slot(_ key: UInt32, _ size: Int) -> Int {
        let mixed = UInt32(truncatingIfNeeded: (UInt64(key) &* 0x9e37_79b9_7f4a_7c15) >> 32)
        return Int(truncatingIfNeeded: (UInt64(mixed) &* UInt64(size)) >> 32)
    }

    mutating func insert(key: UInt32, doc: UInt32) {
        if (count + 1) * 4 > keys.count * 3 {
            let oldKeys = keys, oldDocs = docs
            keys = [UInt32](repeating: 0, count: oldKeys.count + oldKeys.count / 2)
            docs = [UInt32](repeating: .max, count: oldKeys.count + oldKeys.count / 2)
            count = 0
            for i in 0..<oldDocs.count where oldDocs[i] != .max { insert(key: oldKeys[i], doc: oldDocs[i]) }
        }
        var i = Self.slot(key, keys.count)
        while docs[i] != .max { i += 1; if i == keys.count { i = 0 } }
        keys[i] = key
        docs[i] = doc
        count += 1
    }

    var entries: [UInt64] {
        (0..<docs.count).filter { docs[$0] != .max }.map { UInt64(keys[$0]) << 32 | UInt64(docs[$0]) }
    }
}
