import Foundation
import Testing
@testable import TextMill

/// Hostile input for dedup: templated pages (bounded work per document), distinct tiny records
/// whose 32-bit shingle hashes collide (never dropped), and ids reused within one run.
@Suite struct DedupBoundsTests {
    /// Writes `index.1.bin` in `dir` as an older TextMill (a version before 4: 24 bytes a
    /// document, no file key) wrote it: one document `id` stored at `offset`, its band keys, no
    /// paragraphs.
    func writeOldIndex(version: UInt32, settings: FingerprintSettings, storeLength: UInt64, offset: UInt64, id: String,
                       _ fp: DocumentFingerprint, in dir: String) throws {
        var w = ByteWriter()
        w.bytes.append(contentsOf: DedupIndex.magic)
        w.u32(version)
        DedupIndex.writeSettings(settings, .exact, &w)
        w.u64(storeLength)
        w.u32(1)
        w.u64(offset); w.u64(DedupIndex.idHash(id)); w.u64(fp.exactKey)
        w.u64(UInt64(fp.bandKeys.count))
        for key in fp.bandKeys { w.u32(key); w.u32(0) }
        w.u32(0)
        w.u64(ByteWriter.checksum(w.bytes[...]))
        try writeFileAtomically(w.bytes, to: dir + "/index.1.bin")
    }

    // MARK: Templated pages

    /// Candidate comparisons the stage made over `count` templated pages, and its counters.
    func comparisons(pages count: Int) throws -> StageContext {
        let docs = (0..<count).map { ("page-\($0)", TemplatedPages.page($0)) }
        return try F.run(try F.stage(["boilerplate": false]), docs).context
    }

    @Test func templatedPagesCostBoundedComparisonsPerDocument() throws {
        let j = F.referenceJaccard(TemplatedPages.page(1), TemplatedPages.page(2))
        try #require(j > 0.6 && j < 0.8)
        let small = try comparisons(pages: 400), large = try comparisons(pages: 1600)
        // Every page is unique: nothing is dropped for sharing its template.
        #expect(small.counters["unique"] == 400 && large.counters["unique"] == 1600)
        #expect(small.counters["near duplicates"] == nil && large.counters["exact duplicates"] == nil)
        let n = try #require(small.counters["candidate comparisons"]), n4 = try #require(large.counters["candidate comparisons"])
        // Work grows with the corpus, not with its square (unbounded buckets gave a ratio near 16).
        #expect(n > 400 && Double(n4) / Double(n) <= 4.5, "comparisons \(n) at 400 pages, \(n4) at 1600")
        #expect(n4 <= 1600 * 9 * 32)
        #expect((large.counters["lsh entries over bucket limit"] ?? 0) > 0)
    }

    @Test func aCopyOfALatePageIsStillFoundWhenItsBucketsAreFull() throws {
        var docs = (0..<300).map { ("page-\($0)", TemplatedPages.page($0)) }
        let late = TemplatedPages.page(290)
        docs.append(("page-290-again", late.replacingOccurrences(of: "Catalogue page", with: "Catalog page")))
        let (out, context) = try F.run(try F.stage(["boilerplate": false]), docs)
        expectEqual(context.counters["unique"], 300)
        #expect(out[300].mark?.of == "page-290" && out[300].mark?.kind == .near)
    }

    @Test func aFullBucketKeepsItsFirstDocumentsAndReusesRemovedOnes() {
        var table = BandTable(capacity: 4)
        var removed: Set<UInt32> = []
        for doc in 0..<100 {
            let added = table.insert(key: 7, doc: UInt32(doc), limit: 32) { !removed.contains($0) }
            expectEqual(added, (doc < 32))
        }
        var found: [UInt32] = []
        table.forEach(key: 7) { found.append($0) }
        expectEqual(found.sorted(), (0..<32).map { UInt32($0) })
        removed = [3, 4]
        #expect(table.insert(key: 7, doc: 200, limit: 32) { !removed.contains($0) })
        #expect(table.insert(key: 7, doc: 201, limit: 32) { !removed.contains($0) })
        #expect(!table.insert(key: 7, doc: 202, limit: 32) { !removed.contains($0) })
        found = []
        table.forEach(key: 7) { found.append($0) }
        let kept: [UInt32] = (0..<32).filter { $0 != 3 && $0 != 4 }.map { UInt32($0) }
        expectEqual(found.sorted(), kept + [200, 201])
    }

    // MARK: Tiny records

    /// Three-word records whose 32-bit shingle hashes (what dedup compared before it kept 64
    /// bits) collide, found by a birthday search over distinct records.
    static func collidingTinyRecords(pairs wanted: Int) -> [(String, String)] {
        let words = ["red", "blue", "green", "black", "white", "grey", "brown", "pink", "gold", "silver",
                     "cat", "dog", "fox", "owl", "hen", "cow", "pig", "bee", "ant", "elk",
                     "runs", "sits", "sings", "jumps", "sleeps", "eats", "hides", "waits", "swims", "flies",
                     "north", "south", "east", "west", "home", "away", "late", "early", "often", "never",
                     "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                     "apple", "bread", "cheese", "milk", "honey", "salt", "rice", "corn", "plum", "pear",
                     "river", "hill", "lake", "road", "field", "wood", "town", "farm", "shore", "bridge",
                     "happy", "quiet", "loud", "brave", "shy", "tall", "small", "quick", "slow", "kind"]
        var fingerprinter = Fingerprinter()
        var seen: [UInt32: String] = [:]
        var found: [(String, String)] = []
        var tokens: [UInt64] = []
        outer: for a in words { for b in words { for c in words {
            let text = "\(a) \(b) \(c)"
            tokens.removeAll(keepingCapacity: true)
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { fingerprinter.words($0, from: 0, to: $0.count, into: &tokens) }
            let old = UInt32(truncatingIfNeeded: Fingerprinter.shingleHashes(tokens, size: 5)[0] >> 32)
            if let other = seen[old] {
                found.append((other, text))
                if found.count == wanted { break outer }
            } else {
                seen[old] = text
            }
        } } }
        return found
    }

    @Test func distinctTinyRecordsWhoseOld32BitHashesCollideAreKept() throws {
        let pairs = Self.collidingTinyRecords(pairs: 3)
        try #require(pairs.count == 3)
        var docs: [(String, String)] = []
        for (k, pair) in pairs.enumerated() {
            var fingerprinter = Fingerprinter()
            let a = fingerprinter.fingerprint(Array(pair.0.utf8)), b = fingerprinter.fingerprint(Array(pair.1.utf8))
            // Same 32-bit shingle set, so the same signature and band keys: each is the other's
            // LSH candidate, and a 32-bit check would have measured similarity 1.
            expectEqual(a.shingles, b.shingles)
            expectEqual(a.bandKeys, b.bandKeys)
            #expect(a.exactKey != b.exactKey)
            #expect(a.shingleHashes != b.shingleHashes)
            docs += [("tiny-\(k)-a", pair.0), ("tiny-\(k)-b", pair.1)]
        }
        let (out, context) = try F.run(try F.stage(), docs)
        #expect(out.allSatisfy { $0.mark == nil && $0.route != .duplicates })
        expectEqual(context.counters["unique"], 6)
        // The second of each pair was compared with the first, and the check rejected it.
        expectEqual(context.counters["candidate comparisons"], 3)
    }

    // MARK: Reused ids

    @Test func identicalTextsUnderOneIdAreExactDuplicates() throws {
        let a = try F.text("rfe-kazakh-activists")
        let (out, context) = try F.run(try F.stage(), [("x", a), ("x", F.wrapped(a))])
        expectEqual(out[0].mark, nil)
        #expect(out[1].mark == DuplicateInfo(of: "x", kind: .exact, similarity: 1) && out[1].route == .duplicates)
        expectEqual(context.counters["reused ids"], 1)
        #expect(context.counters["unique"] == 1 && context.counters["exact duplicates"] == 1)
    }

    /// A new text under an id this run already used is not indexed: the runner keeps ids in the
    /// output unique and sends it to the errors file, so nothing may be a duplicate of it.
    @Test func aNewTextUnderAReusedIdIsNotIndexed() throws {
        let a = try F.text("rfe-kazakh-activists"), b = try F.text("court-keeps-pension-file-sealed")
        var bParagraphs = F.paragraphs(b)
        bParagraphs.append("Reporting by staff; editing by the desk.")
        let stage = try F.stage()
        var context = StageContext()
        let out = try F.process(stage, [("x", a), ("x", b), ("y", a), ("z", F.join(bParagraphs))], context: &context)
        #expect(out[0].mark == nil && out[1].mark == nil)
        // The first text under "x" is indexed: its copy is found, whatever its id.
        expectEqual(out[2].mark, DuplicateInfo(of: "x", kind: .exact, similarity: 1))
        // The second is not: a near copy of it is unique.
        expectEqual(out[3].mark, nil)
        #expect(context.counters["reused ids"] == 1 && context.counters["unique"] == 2)
        expectEqual(context.counters["changed since indexed"], nil)
        expectEqual(try stage.remove(ids: ["x"]), 1)
        let after = try F.process(stage, [("w", a)], context: &context)
        expectEqual(after[0].mark, nil)
    }

    @Test func aReusedIdAcrossRunsIsTheSameDocumentOnceThenAnExactDuplicate() throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try F.text("rfe-chinese-envoy-undiplomatic"), b = try F.text("harbor-warehouse-fire")
        let first = try F.run(try F.stage(index: dir), [("x", a), ("x", b)])
        #expect(first.docs.allSatisfy { $0.mark == nil } && first.context.counters["index documents"] == 1)
        // The same input again: the first document under "x" is the indexed one (loaded from
        // disk); the second text under it is a reused id again, and a third copy of the first an
        // exact duplicate.
        let second = try F.run(try F.stage(index: dir), [("x", a), ("x", b), ("x", a)])
        #expect(second.docs[0].mark == nil && second.docs[1].mark == nil)
        expectEqual(second.context.counters["already indexed"], 1)
        expectEqual(second.docs[2].mark, DuplicateInfo(of: "x", kind: .exact, similarity: 1))
        expectEqual(second.context.counters["reused ids"], 2)
        expectEqual(second.context.counters["index documents"], 1)
    }

    // MARK: Old indexes

    /// An index written before shingle records held 64-bit hashes (version 1, 32-bit records)
    /// is read, and its documents are still found.
    @Test func aVersionOneIndexIsReadAndItsDocumentsFound() throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try F.text("rfe-kazakh-activists")
        let settings = FingerprintSettings()
        var fingerprinter = Fingerprinter(settings: settings)
        let fp = fingerprinter.fingerprint(Array(a.utf8))
        let store = try RecordStore(path: dir + "/records.bin", validLength: 0)
        let offset = store.append(id: Array("old/a".utf8), values: fp.shingles, checked: false)
        let length = try store.sync()
        try writeOldIndex(version: 1, settings: settings, storeLength: length, offset: offset, id: "old/a", fp, in: dir)

        var p = F.paragraphs(a)
        p.append("Copyright RFE/RL, used with permission.")
        let (out, context) = try F.run(try F.stage(["boilerplate": false], index: dir), [("new/a", F.join(p)), ("new/b", F.restyled(a))])
        #expect(out[0].mark?.of == "old/a" && out[0].mark?.kind == .near)
        #expect(abs((out[0].mark?.similarity ?? 0) - F.referenceJaccard(a, F.join(p))) < 0.01)
        expectEqual(out[1].mark, DuplicateInfo(of: "old/a", kind: .exact, similarity: 1))
        expectEqual(context.counters["index documents"], 1)
        #expect(FileManager.default.fileExists(atPath: dir + "/index.2.bin"))
    }

    /// An index written before documents kept their file (version 3: 24 bytes a document) is
    /// read; its documents' file is unknown, so forgetting a file's documents removes them by id
    /// alone, as before; the next save writes the current version (5 since session 29).
    @Test func aVersionThreeIndexIsReadAndItsDocumentsForgottenByID() throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = try F.text("rfe-kazakh-activists")
        let settings = FingerprintSettings()
        var fingerprinter = Fingerprinter(settings: settings)
        let fp = fingerprinter.fingerprint(Array(a.utf8))
        let store = try RecordStore(path: dir + "/records.bin", validLength: 0)
        let offset = store.append(id: Array("old/a".utf8), wideValues: fp.shingleHashes)
        let length = try store.sync()
        try writeOldIndex(version: 3, settings: settings, storeLength: length, offset: offset, id: "old/a", fp, in: dir)

        let index = try DedupIndex(settings: settings, directory: dir)
        expectEqual(try index.firstMatch(fp, threshold: 0.8)?.id, "old/a")
        index.insert(id: "new/b", file: "in/b.jsonl", fingerprinter.fingerprint(Array(try F.text("harbor-warehouse-fire").utf8)))
        try index.save()
        index.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dir + "/index.2.bin"))
        expectEqual(bytes[8], UInt8(DedupIndex.version))
        let reopened = try DedupIndex(settings: settings, directory: dir)
        expectEqual(reopened.count, 2)
        expectEqual(try reopened.remove([DocumentKey(file: "in/any.jsonl", id: "old/a")]), 1)
        expectEqual(try reopened.remove([DocumentKey(file: "in/any.jsonl", id: "new/b")]), 0)
        expectEqual(try reopened.remove([DocumentKey(file: "in/b.jsonl", id: "new/b")]), 1)
        reopened.close()
    }

    /// Forgetting a file's documents removes only those that came from it: another file's
    /// document under the same id stays, also after a save and a load (the file key is saved).
    @Test func forgettingAFileLeavesAnotherFilesDocumentUnderTheSameID() throws {
        let dir = F.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let settings = FingerprintSettings()
        var fingerprinter = Fingerprinter(settings: settings)
        let fp = fingerprinter.fingerprint(Array(try F.text("rfe-kazakh-activists").utf8))
        let index = try DedupIndex(settings: settings, directory: dir)
        index.insert(id: "x", file: "in/a.jsonl", fp)
        try index.save()
        index.close()
        let reopened = try DedupIndex(settings: settings, directory: dir)
        expectEqual(try reopened.remove([DocumentKey(file: "in/b.jsonl", id: "x")]), 0)
        expectEqual(try reopened.firstMatch(fp, threshold: 0.8)?.id, "x")
        expectEqual(try reopened.remove([DocumentKey(file: "in/a.jsonl", id: "x")]), 1)
        expectEqual(try reopened.firstMatch(fp, threshold: 0.8), nil)
        reopened.close()
    }
}
