import Foundation
import Testing
@testable import TextMill
import CShims

typealias F = DedupFixtures

@Suite struct DedupTests {
    @Test func exactDuplicatesIgnoreCaseWhiteSpaceQuoteStylesAndWrapping() throws {
        let a = try F.text("rfe-kazakh-activists")
        let b = try F.text("rfe-chinese-envoy-undiplomatic")
        let stage = try F.stage()
        let (docs, context) = try F.run(stage, [("a", a), ("b", b), ("a-wire", F.wrapped(F.restyled(a))), ("a-loud", a.uppercased())])
        #expect(docs[0].duplicate != nil && docs[0].mark == nil)
        expectEqual(docs[1].mark, nil)
        for doc in docs[2...] {
            expectEqual(doc.mark, DuplicateInfo(of: "a", kind: .exact, similarity: 1))
            expectEqual(doc.route, .duplicates)
        }
        expectEqual(context.counters["exact duplicates"], 2)
        expectEqual(context.counters["unique"], 2)
    }

    @Test func nearDuplicatesNameTheirMatchWithItsTrueSimilarity() throws {
        let a = try F.text("rfe-kazakh-activists")
        var paragraphs = F.paragraphs(a)
        // Syndicated copy: a new dateline header, one paragraph dropped, a footer added.
        paragraphs[1] = "ALMATY (RFE/RL) -- " + paragraphs[1]
        paragraphs.remove(at: 6)
        paragraphs.append("Copyright (c) 2022. RFE/RL, Inc. Used with the permission of Radio Free Europe/Radio Liberty.")
        let copy = F.join(paragraphs)
        let expected = F.referenceJaccard(a, copy)
        try #require(expected >= 0.8 && expected < 1)
        let (docs, context) = try F.run(try F.stage(["action": "mark"]), [
            ("other", try F.text("court-keeps-pension-file-sealed")), ("a", a), ("copy", copy),
        ])
        let mark = try #require(docs[2].mark)
        #expect(mark.of == "a" && mark.kind == .near)
        #expect(abs(mark.similarity - expected) < 0.01)
        expectEqual(docs[2].route, .output)  // action: mark keeps it in the output
        #expect(docs[0].mark == nil && docs[1].mark == nil)
        expectEqual(context.counters["near duplicates"], 1)
    }

    @Test func documentsBelowTheThresholdStay() throws {
        let a = try F.text("harbor-warehouse-fire")
        let half = F.join(Array(F.paragraphs(a).prefix(F.paragraphs(a).count / 2)))
        let expected = F.referenceJaccard(a, half)
        try #require(expected < 0.8 && expected > 0.3)
        let (docs, _) = try F.run(try F.stage(), [("a", a), ("half", half)])
        expectEqual(docs[1].mark, nil)
        // With a threshold under their similarity (and LSH bands loose enough for it: one value a band,
        // so one equal MinHash value of 40 makes a candidate), it is a near duplicate.
        let (again, _) = try F.run(try F.stage(["threshold": JSONValue(expected - 0.05), "bands": 40, "rows": 1]),
                                   [("a", a), ("half", half)])
        expectEqual(again[1].mark?.of, "a")
    }

    /// A ~ B and B ~ C but A ≁ C: C must not be dropped through B (B was dropped, so nothing kept matches C).
    @Test func neverDropsThroughAChainOfPartialMatches() throws {
        let p = F.paragraphs(try F.text("rfe-kazakh-activists"))
        let cut = p.count / 8
        let a = F.join(p)
        let b = F.join(Array(p.dropLast(cut)))
        let c = F.join(Array(p.dropFirst(cut).dropLast(cut)))
        try #require(F.referenceJaccard(a, b) >= 0.8 && F.referenceJaccard(b, c) >= 0.8 && F.referenceJaccard(a, c) < 0.8)
        let (docs, _) = try F.run(try F.stage(), [("a", a), ("b", b), ("c", c)])
        expectEqual(docs[1].mark?.of, "a")
        expectEqual(docs[2].mark, nil, "c matched \(String(describing: docs[2].mark))")
    }

    @Test func theEarliestTrueMatchIsNamed() throws {
        let p = F.paragraphs(try F.text("rfe-kazakh-activists"))
        let full = F.join(p), shorter = F.join(Array(p.dropLast(4))), between = F.join(Array(p.dropLast(2)))
        // A threshold that keeps full and shorter apart but makes "between" a duplicate of both.
        let apart = F.referenceJaccard(full, shorter)
        let both = min(F.referenceJaccard(between, full), F.referenceJaccard(between, shorter))
        try #require(apart + 0.01 < both)
        let threshold = JSONValue((apart + both) / 2)
        for order in [["full", "shorter"], ["shorter", "full"]] {
            let texts = ["full": full, "shorter": shorter]
            let (docs, _) = try F.run(try F.stage(["threshold": threshold]),
                                      order.map { ($0, texts[$0]!) } + [("between", between)])
            try #require(docs[1].mark == nil)
            expectEqual(docs[2].mark?.of, order[0])
        }
    }

    @Test func emptyAndTinyDocumentsDoNotCrash() throws {
        let (docs, _) = try F.run(try F.stage(), [("e", ""), ("s", " \n\n "), ("w", "Hello."), ("w2", "hello"), ("x", "Hello world again")])
        #expect(docs[0].mark == nil && docs[1].mark == nil && docs[0].duplicate != nil)
        #expect(docs[3].mark?.of == "w" && docs[3].mark?.kind == .exact)
        expectEqual(docs[4].mark, nil)
    }

    @Test func removedDocumentsAreForgotten() throws {
        let a = try F.text("court-keeps-pension-file-sealed")
        let stage = try F.stage()
        var context = StageContext()
        _ = try F.process(stage, [("a", a)], context: &context)
        expectEqual(try stage.remove(ids: ["a", "never-seen"]), 1)
        let after = try F.process(stage, [("a-copy", a)], context: &context)
        expectEqual(after[0].mark, nil)
    }

    @Test func minHashSignaturesFollowTheirDefinitionOnEveryPath() {
        func fmix32(_ v: UInt32) -> UInt32 {
            var y = v
            y ^= y >> 16; y &*= 0x85eb_ca6b
            y ^= y >> 13; y &*= 0xc2b2_ae35
            return y ^ (y >> 16)
        }
        var state: UInt64 = 0x7465_7874_6d69_6c6c
        let seeds = (0..<32).map { _ in UInt32(truncatingIfNeeded: MinHasher.splitmix(&state)) }
        let hasher = MinHasher(permutations: 27, bands: 9, rows: 3)
        let all = (0..<1000).map { UInt32(truncatingIfNeeded: $0 &* 2_654_435_761) }
        for count in [0, 1, 7, 1000] {
            let shingles = Array(all.prefix(count))
            let expected = (0..<32).map { k in shingles.map { fmix32($0 ^ seeds[k]) }.min() ?? .max }
            expectEqual(shingles.withUnsafeBufferPointer { hasher.signature(of: $0) }, Array(expected.prefix(27)))
            var portable = [UInt32](repeating: .max, count: 32)
            tm_minhash_portable(shingles, shingles.count, seeds, seeds.count, &portable)
            expectEqual(portable, expected)
        }
    }

    @Test func fingerprintsAreThePublicPerDocumentComputation() throws {
        let text = try F.text("harbor-warehouse-fire")
        var f = Fingerprinter()
        let fp = f.fingerprint(Array(text.utf8))
        expectEqual(fp, f.fingerprint(Array(F.wrapped(F.restyled(text)).utf8)))
        #expect(fp.bandKeys.count == f.settings.bands && fp.signature.count == f.settings.permutations)
        #expect(fp.shingles == fp.shingles.sorted() && Set(fp.shingles).count == fp.shingles.count)
        #expect(fp.shingles.count <= fp.wordCount - f.settings.shingleSize + 1 && fp.shingles.count > fp.wordCount / 2)
        // NFKC and case folding, each switchable.
        expectEqual(f.fingerprint(Array("ﬁnal Café".utf8)).exactKey, f.fingerprint(Array("FINAL cafe\u{301}".utf8)).exactKey)
        var caseKept = Fingerprinter(settings: FingerprintSettings(folding: TextFolding(foldCase: false)))
        #expect(caseKept.fingerprint(Array("Final".utf8)).exactKey != caseKept.fingerprint(Array("final".utf8)).exactKey)
        var punctuationKept = Fingerprinter(settings: FingerprintSettings(folding: TextFolding(foldPunctuation: false)))
        #expect(punctuationKept.fingerprint(Array("a, b".utf8)).exactKey != punctuationKept.fingerprint(Array("a b".utf8)).exactKey)
        // Han characters are words of their own.
        expectEqual(f.fingerprint(Array("中华人民共和国".utf8)).wordCount, 7)
    }

    @Test func indexBesideTheOutput() throws {
        func dir(_ output: String) -> String? {
            DedupStage.indexDirectory(StageOptions.defaults(DedupStage.options, environment: PipelineEnvironment(outputPath: output)))
        }
        expectEqual(dir("output/corpus.jsonl"), "output/.corpus.textmill/dedup")
        expectEqual(dir("corpus.jsonl"), ".corpus.textmill/dedup")
        expectEqual(dir("-"), nil)
        expectEqual(DedupStage.indexDirectory(.defaults(DedupStage.options, ["index": "state/idx"],
                                                    environment: PipelineEnvironment(baseDirectory: "/etc/tm", outputPath: "-"))), "/etc/tm/state/idx")
    }

    @Test func permutationsBelowBandsTimesRowsAreRefused() {
        #expect(throws: StageSetupError.self) { try F.stage(["permutations": 10, "bands": 9, "rows": 3]) }
    }

    @Test func estimatedVerificationFindsTheSameDuplicates() throws {
        let a = try F.text("rfe-kazakh-activists")
        var p = F.paragraphs(a)
        p.append("Follow us on Twitter.")
        let (docs, _) = try F.run(try F.stage(["verify": "estimate", "permutations": 128]),
                                  [("a", a), ("b", try F.text("rfe-chinese-envoy-undiplomatic")), ("a2", F.join(p))])
        expectEqual(docs[1].mark, nil)
        expectEqual(docs[2].mark?.of, "a")
    }
}

@Suite struct DedupHashTableTests {
    @Test func keyTableMatchesADictionaryUnderInsertsAndRemovals() {
        var table = KeyTable(capacity: 4)
        var reference: [UInt64: UInt32] = [:]
        var rng = SystemRandomNumberGenerator()
        var keys: [UInt64] = []
        for step in 0..<20_000 {
            if step % 3 == 2, let k = keys.randomElement(using: &rng) {
                table.remove(k)
                reference[k] = nil
            } else {
                // Few distinct high bits, so many keys share a home slot and probe chains wrap.
                let k = UInt64.random(in: 0..<64, using: &rng) << 58 | UInt64.random(in: 0..<1_000_000, using: &rng)
                keys.append(k)
                table.set(k, UInt32(step))
                reference[k] = UInt32(step)
            }
        }
        expectEqual(table.count, reference.count)
        for k in keys { expectEqual(table[k], reference[k]) }
    }

    @Test func bandTableReturnsEveryDocumentOfAKey() {
        var table = BandTable(capacity: 2)
        for doc in 0..<3000 { table.insert(key: UInt32(doc % 100), doc: UInt32(doc)) }
        var found: [UInt32] = []
        table.forEach(key: 42) { found.append($0) }
        let expected: [UInt32] = (0..<30).map { (k: Int) -> UInt32 in UInt32(k * 100 + 42) }
        expectEqual(found.sorted(), expected)
    }
}

@Suite struct DedupConfigTests {
    @Test func aConfigNamesDedupWithItsOptions() throws {
        let yaml = """
        input: input/
        output: output/corpus.jsonl
        stages:
          - normalize
          - dedup: {threshold: 0.85, action: mark, bands: 12, rows: 4, boilerplate: false}
        """
        let config = try ConfigLoader().parse(yaml, path: "test.yaml")
        let dedup = try #require(config.stages.last)
        expectEqual(dedup.name, "dedup")
        #expect(dedup.options.double("threshold") == 0.85 && dedup.options.int("bands") == 12)
        _ = try DedupStage(options: dedup.options)
    }

    @Test func aWrongActionIsRefusedWithTheChoices() {
        let yaml = """
        input: input/
        output: "-"
        stages:
          - dedup: {action: delete}
        """
        #expect { try ConfigLoader().parse(yaml, path: "test.yaml") } throws: { error in
            let message = "\(error)"
            return message.contains("test.yaml:4") && message.contains("drop") && message.contains("mark")
        }
    }
}
