import Testing
@testable import TextMill

/// Issue 17, session 31: dedup's `prepare` made cheaper with the same output. The tokenizer
/// writes its hashes through a buffer on the stack and hashes a run of ASCII letters without
/// testing for the span's end when the byte there ends a word; MinHash works out the first step
/// of fmix32 once a shingle; the repeats and the distinct high halves of the shingle hashes come
/// out of one pass. Each must give what the plain way gives, on hostile text.
@Suite struct DedupPrepareEquivalenceTests {
    /// Text that tries every branch: non-ASCII letters and case folding, compatibility forms,
    /// an unspaced script, punctuation of both kinds, numbers, format characters inside words,
    /// empty paragraphs, a word longer than the token buffer, and more words than it holds.
    static let hostile: String = {
        var parts = [
            "Ærøskøbing's STRASSE straße İstanbul ǅemal ﬁnd ＦＵＬＬ-width — “quoted” «guillemets» don’t",
            "",
            "",
            "Prices rose 3.14% to 1,000,000 (٣٤ in Arabic digits, ½ and ² too); co\u{AD}operate zero\u{200D}width.",
            "東京都の天気は晴れ。ภาษาไทยไม่มีช่องว่าง Ελληνικά ΚΕΦΑΛΑΙΑ ς σ Σ",
            String(repeating: "Longword", count: 700),
            "x",
            "\t \u{00A0}\u{2003} ",
        ]
        parts.append((0..<600).map { "w\($0 % 97)" }.joined(separator: " "))
        parts.append("ends with a letter Z")
        return parts.joined(separator: "\n\n")
    }()

    /// The tokenizer as it was before session 31: one `append` a word, the span's end tested at
    /// every byte of a word.
    static func plainTokens(_ tokenizer: inout WordTokenizer, _ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> [UInt64] {
        var tokens: [UInt64] = []
        let keepPunctuation = !tokenizer.folding.foldPunctuation
        let words = tokenizer.folding.foldCase ? WordTokenizer.foldedWordBytes : WordTokenizer.wordBytes
        var h = WordTokenizer.fnvOffset
        var inWord = false
        var i = start
        while i < end {
            let c = b[i]
            if c < 0x80 {
                let v = words[Int(c)]
                if v != 0 {
                    h = (h ^ UInt64(v)) &* WordTokenizer.fnvPrime
                    inWord = true
                    i += 1
                    continue
                }
                if inWord { tokens.append(WordTokenizer.finish(h)); h = WordTokenizer.fnvOffset; inWord = false }
                if keepPunctuation && WordTokenizer.asciiClass[Int(c)] == 2 {
                    tokens.append(WordTokenizer.finish((WordTokenizer.fnvOffset ^ UInt64(c)) &* WordTokenizer.fnvPrime))
                }
                i += 1
                continue
            }
            let (scalar, length) = UTF8Bytes.decode(b, at: i)
            i += length
            let folded = tokenizer.fold(scalar)
            let values = tokenizer.foldedValues(folded)
            switch folded.kind {
            case .ignorable:
                continue
            case .word:
                for u in values { h = (h ^ UInt64(u)) &* WordTokenizer.fnvPrime }
                inWord = true
            case .ideograph:
                if inWord { tokens.append(WordTokenizer.finish(h)); h = WordTokenizer.fnvOffset; inWord = false }
                var g = WordTokenizer.fnvOffset
                for u in values { g = (g ^ UInt64(u)) &* WordTokenizer.fnvPrime }
                tokens.append(WordTokenizer.finish(g))
            case .punctuation, .separator:
                if inWord { tokens.append(WordTokenizer.finish(h)); h = WordTokenizer.fnvOffset; inWord = false }
                if folded.kind == .punctuation && keepPunctuation {
                    var g = WordTokenizer.fnvOffset
                    for u in values { g = (g ^ UInt64(u)) &* WordTokenizer.fnvPrime }
                    tokens.append(WordTokenizer.finish(g))
                }
            }
        }
        if inWord { tokens.append(WordTokenizer.finish(h)) }
        return tokens
    }

    static let foldings = [TextFolding(), TextFolding(foldCase: false, foldPunctuation: false, compatibility: false),
                           TextFolding(foldCase: true, foldPunctuation: false, compatibility: true)]

    /// Every span between scalar boundaries picked through the text (its paragraphs, cuts inside
    /// words, before and after non-ASCII letters, the whole text): the same hashes as the
    /// plain tokenizer, for each folding.
    @Test(arguments: 0..<3)
    func theTokenizerGivesThePlainHashesOnEverySpan(folding: Int) {
        let bytes = Array(Self.hostile.utf8)
        var cuts: [Int] = [0, bytes.count]
        var offset = 0
        for (k, scalar) in Self.hostile.unicodeScalars.enumerated() {
            if k % 13 == 0 || scalar == "\n" || scalar.value >= 0x80 { cuts.append(offset) }
            offset += String(scalar).utf8.count
        }
        cuts = Array(Set(cuts)).sorted()
        var tokenizer = WordTokenizer(folding: Self.foldings[folding])
        var plain = WordTokenizer(folding: Self.foldings[folding])
        var spans = 0, longest = 0
        bytes.withUnsafeBufferPointer { b in
            for (a, start) in cuts.enumerated() {
                for end in cuts[a...] where (end - start) % 5 == 0 || end == bytes.count || start == 0 {
                    var got: [UInt64] = [7]
                    tokenizer.tokenize(b, from: start, to: end, into: &got)
                    let expected = Self.plainTokens(&plain, b, from: start, to: end)
                    expectEqual(got, [7] + expected, "\(start)..<\(end)")
                    spans += 1
                    longest = max(longest, expected.count)
                }
            }
        }
        #expect(spans > 1000)
        // More words than the token buffer holds, so it was flushed in the middle.
        #expect(longest > 2 * WordTokenizer.TokenBuffer.capacity)
    }

    /// Exactly a buffer's worth of words and one on either side: nothing lost or repeated at
    /// a flush.
    @Test(arguments: [127, 128, 129, 255, 256, 257, 511, 512, 513])
    func aFlushAtTheBuffersEdgeKeepsEveryWord(words: Int) {
        let bytes = Array((0..<words).map { "word\($0)" }.joined(separator: " ").utf8)
        var tokenizer = WordTokenizer()
        var plain = WordTokenizer()
        bytes.withUnsafeBufferPointer { b in
            var got: [UInt64] = []
            tokenizer.tokenize(b, from: 0, to: b.count, into: &got)
            expectEqual(got, Self.plainTokens(&plain, b, from: 0, to: b.count))
            expectEqual(got.count, words)
        }
    }

    /// The shingle hashes and their high halves from one pass: what `shingleHashes` and
    /// `highHalves` give, on both sorts (below and above `radixSortMinimum`), with words that
    /// repeat (so do shingles) and shingle sizes other than the default.
    @Test(arguments: [0, 1, 2, 4, 5, 6, 17, 170, 399, 400, 401, 404, 405, 900, 3000])
    func shingleSetsAreTheShingleHashesAndTheirHalves(count: Int) {
        var state: UInt64 = 0x7368_696e &+ UInt64(count)
        var vocabulary: [UInt64] = []
        for _ in 0..<40 { vocabulary.append(MinHasher.splitmix(&state)) }
        let tokens = (0..<count).map { vocabulary[Int(MinHasher.splitmix(&state) % (($0 % 3 == 0) ? 3 : 40))] }
        for size in [1, 3, 5, 7] {
            let (hashes, halves) = Fingerprinter.shingleSets(tokens, size: size)
            expectEqual(hashes, Fingerprinter.shingleHashes(tokens, size: size), "size \(size)")
            expectEqual(halves, Fingerprinter.highHalves(Fingerprinter.shingleHashes(tokens, size: size)), "size \(size)")
        }
    }

    /// Halves shared by several hashes (the pass's second run of repeats): still distinct.
    @Test func hashesSharingHighHalvesGiveEachHalfOnce() {
        let tokens: [UInt64] = (0..<450).map { UInt64($0 % 7) }
        let (hashes, halves) = Fingerprinter.shingleSets(tokens, size: 1)
        expectEqual(hashes, Array(Set(tokens.map { $0 &* 0xd6e8_feb8_6659_fd93 })).sorted())
        expectEqual(halves, Array(Set(hashes.map { UInt32(truncatingIfNeeded: $0 >> 32) })).sorted())
    }

    /// MinHash with the first step of fmix32 worked out once a shingle: its definition, for
    /// lane counts that take each of the SIMD loops (32, 16 and 8 lanes at a time) and their
    /// mixes, on shingles with the high and low bits set.
    @Test(arguments: [1, 8, 13, 20, 27, 40, 56, 64])
    func minHashFollowsItsDefinitionForEveryLaneCount(permutations: Int) {
        func fmix32(_ v: UInt32) -> UInt32 {
            var y = v
            y ^= y >> 16; y &*= 0x85eb_ca6b
            y ^= y >> 13; y &*= 0xc2b2_ae35
            return y ^ (y >> 16)
        }
        let hasher = MinHasher(permutations: permutations, bands: 1, rows: 1)
        var state: UInt64 = 0x7465_7874_6d69_6c6c
        let seeds = (0..<permutations).map { _ in UInt32(truncatingIfNeeded: MinHasher.splitmix(&state)) }
        var shingles: [UInt32] = [0, 1, 0xFFFF, 0x1_0000, 0xFFFF_0000, .max]
        for k in 0..<300 { shingles.append(UInt32(truncatingIfNeeded: k &* 2_654_435_761)) }
        for count in [0, 1, 6, 7, 306] {
            let some = Array(shingles.prefix(count))
            let expected = (0..<permutations).map { k in some.map { fmix32($0 ^ seeds[k]) }.min() ?? .max }
            expectEqual(some.withUnsafeBufferPointer { hasher.signature(of: $0) }, expected, "\(count) shingles")
        }
    }
}

extension WordTokenizer {
    /// The folded scalars of `f` (test access to the pool).
    func foldedValues(_ f: FoldedScalar) -> [UInt32] {
        Array(pool[Int(f.start)..<Int(f.start + f.count)])
    }
}
