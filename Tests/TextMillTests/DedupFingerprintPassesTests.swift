import Testing
@testable import TextMill

/// The last passes of a dedup fingerprint, written without branches for speed (issue 17): the
/// repeats taken out of the sorted shingle hashes, their distinct high halves, and the band
/// keys filled in place. Each must give what the plain way gives, on real text of several sizes
/// (with sentences that come back, so shingles repeat) and on hashes that share high halves.
@Suite struct DedupFingerprintPassesTests {
    static let sentences = [
        "The harbour authority said on Tuesday that the northern pier would close for repairs until the end of May.",
        "Fishing boats will moor at the old ferry terminal, where the city has laid new power lines for them.",
        "Traders at the fish market said they feared losing customers during the busiest weeks of spring.",
        "The repairs, paid for by a regional fund, replace timber piles that divers found rotten last autumn.",
        "A spokeswoman for the authority said the pier would reopen with a wider walkway and new lighting.",
    ]

    /// The first `count` sentences, cycling, so that from the sixth on every shingle repeats.
    static func text(sentences count: Int) -> [UInt8] {
        Array((0..<count).map { sentences[$0 % sentences.count] }.joined(separator: " ").utf8)
    }

    @Test(arguments: [0, 1, 2, 5, 12, 40])
    func theFingerprintIsThePlainSetOfShingles(sentences count: Int) {
        let text = Self.text(sentences: count)
        var fingerprinter = Fingerprinter()
        let fp = fingerprinter.fingerprint(text)
        var tokens: [UInt64] = []
        var tokenizer = WordTokenizer()
        text.withUnsafeBufferPointer { tokenizer.tokenize($0, from: 0, to: $0.count, into: &tokens) }
        let plain = ShortNewsCostTests.definedShingleHashes(tokens, size: 5)
        expectEqual(fp.shingleHashes, plain)
        expectEqual(fp.shingles, Array(Set(plain.map { UInt32(truncatingIfNeeded: $0 >> 32) })).sorted())
        // The band keys are the low halves of the wide keys, band by band.
        let minHasher = fingerprinter.minHasher
        expectEqual(fp.bandKeys.count, minHasher.bands)
        expectEqual(fp.bandKeys, minHasher.wideBandKeys(of: fp.signature).map { UInt32(truncatingIfNeeded: $0) })
    }

    /// Sorted hashes whose high halves come in runs (of one to four), with equal neighbours
    /// too: the distinct high halves, in order, as a set gives them.
    @Test(arguments: [0, 1, 2, 3, 50, 401])
    func highHalvesAreTheDistinctHighHalves(count: Int) {
        var state: UInt64 = 0x6861_6c66 &+ UInt64(count)
        var values: [UInt64] = []
        while values.count < count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let high = state >> 40
            for k in 0..<(1 + Int(state >> 62)) where values.count < count {
                values.append(high << 32 | UInt64(k / 2))
            }
        }
        values.sort()
        expectEqual(Fingerprinter.highHalves(values), Array(Set(values.map { UInt32(truncatingIfNeeded: $0 >> 32) })).sorted())
    }
}
