/// The settings that decide what a fingerprint is. An index only compares fingerprints made
/// with the same settings, so they are stored in the index file and checked when it is loaded.
public struct FingerprintSettings: Hashable, Sendable {
    /// Words per shingle.
    public var shingleSize: Int
    /// MinHash signature length (at least `bands * rows`; the rest only serves `verify: estimate`).
    public var permutations: Int
    /// LSH bands (one key each).
    public var bands: Int
    /// Signature values per band.
    public var rows: Int
    /// What the comparison ignores.
    public var folding: TextFolding
    /// Seed of the MinHash permutations.
    public var seed: UInt64

    /// Settings; `permutations` is raised to `bands * rows` when smaller.

    public init(shingleSize: Int = 5, permutations: Int = 27, bands: Int = 9, rows: Int = 3,
                folding: TextFolding = TextFolding(), seed: UInt64 = 0x7465_7874_6d69_6c6c) {
        self.shingleSize = shingleSize
        self.permutations = max(permutations, bands * rows)
        self.bands = bands
        self.rows = rows
        self.folding = folding
        self.seed = seed
    }
}

/// What dedup knows about one document: everything it needs to find and check duplicates.
///
/// This is the public per-document computation (issue 8 emits it for a distributed shuffle):
/// documents with equal `exactKey` are exact duplicates; documents sharing a `bandKeys` value
/// are near-duplicate candidates; `jaccard(shingleHashes, shingleHashes)` verifies a candidate.
public struct DocumentFingerprint: Sendable, Equatable {
    /// Hash of the folded word sequence: equal for texts that differ only in folded ways.
    public var exactKey: UInt64
    /// Number of words.
    public var wordCount: Int
    /// 64-bit hashes of the word shingles, sorted, without repeats: the set Jaccard is computed
    /// on (64 bits, so that distinct shingles never collide in practice: with 32 bits, about
    /// a hundred in a million distinct one-shingle texts would look identical).
    public var shingleHashes: [UInt64]
    /// The high 32 bits of `shingleHashes`, sorted, without repeats: what MinHash works on and
    /// what the map side of a distributed run emits.
    public var shingles: [UInt32]
    /// MinHash signature of `shingles`.
    public var signature: [UInt32]
    /// One LSH key per band.
    public var bandKeys: [UInt32]

    /// No words: what a fingerprint is filled over (`Fingerprinter.fingerprint(words:into:)`).
    public static let empty = DocumentFingerprint(exactKey: 0, wordCount: 0, shingleHashes: [], shingles: [], signature: [], bandKeys: [])
}

/// Computes fingerprints. A mutating value (it caches folded characters): one per thread.
public struct Fingerprinter: Sendable {
    public let settings: FingerprintSettings
    public private(set) var tokenizer: WordTokenizer
    public let minHasher: MinHasher

    public init(settings: FingerprintSettings = FingerprintSettings()) {
        self.settings = settings
        tokenizer = WordTokenizer(folding: settings.folding)
        minHasher = MinHasher(permutations: settings.permutations, bands: settings.bands, rows: settings.rows, seed: settings.seed)
    }

    /// The fingerprint of a UTF-8 text.
    public mutating func fingerprint(_ text: [UInt8]) -> DocumentFingerprint {
        fingerprint(words: words(of: text))
    }

    /// The word hashes of a whole UTF-8 text.
    private mutating func words(of text: [UInt8]) -> [UInt64] {
        var tokens: [UInt64] = []
        tokens.reserveCapacity(text.count / 5)
        text.withUnsafeBufferPointer { tokenizer.tokenize($0, from: 0, to: $0.count, into: &tokens) }
        return tokens
    }

    /// Appends the word hashes of `b[start..<end]` to `tokens`.
    public mutating func words(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, into tokens: inout [UInt64]) {
        tokenizer.tokenize(b, from: start, to: end, into: &tokens)
    }

    /// The fingerprint of a word-hash sequence (from `words`).
    public func fingerprint(words tokens: [UInt64]) -> DocumentFingerprint {
        var fp = DocumentFingerprint.empty
        fingerprint(words: tokens, into: &fp)
        return fp
    }

    /// The same fingerprint written over `fp`, its four arrays filled in the memory they hold
    /// when it has room and is not shared (a fingerprint kept from one document to the next
    /// allocates nothing for a document no larger than the ones before).
    public func fingerprint(words tokens: [UInt64], into fp: inout DocumentFingerprint) {
        Self.shingleSets(tokens, size: settings.shingleSize, hashes: &fp.shingleHashes, halves: &fp.shingles)
        let shingles = fp.shingles
        shingles.withUnsafeBufferPointer { minHasher.signature(of: $0, into: &fp.signature) }
        let signature = fp.signature
        minHasher.bandKeys(of: signature, into: &fp.bandKeys)
        fp.exactKey = Self.exactKey(tokens)
        fp.wordCount = tokens.count
    }

    /// What exact verification needs of a UTF-8 text whose band keys are known already (the
    /// candidates of a distributed dedup, `CandidateVerifier`): the exact key, word count,
    /// shingle hashes and their high halves, with the given 32-bit `bandKeys` and no MinHash
    /// signature (most of a fingerprint's work, and what only `verify: estimate` compares).
    public mutating func exactVerificationFingerprint(_ text: [UInt8], bandKeys: [UInt32]) -> DocumentFingerprint {
        let tokens = words(of: text)
        let (hashes, shingles) = Self.shingleSets(tokens, size: settings.shingleSize)
        return DocumentFingerprint(exactKey: Self.exactKey(tokens), wordCount: tokens.count, shingleHashes: hashes,
                                   shingles: shingles, signature: [], bandKeys: bandKeys)
    }

    /// Hash of a whole word sequence.
    public static func exactKey(_ tokens: [UInt64]) -> UInt64 {
        exactKey(tokens[...])
    }

    /// Hash of a run of words (a paragraph's, without copying them out).
    public static func exactKey(_ tokens: ArraySlice<UInt64>) -> UInt64 {
        var h: UInt64 = 0x243f_6a88_85a3_08d3
        for t in tokens { h = (h ^ t) &* 0x0000_0100_0000_01b3; h ^= h >> 31 }
        return WordTokenizer.finish(h ^ UInt64(tokens.count))
    }

    /// Sorted distinct 32-bit hashes of every run of `size` consecutive words (one shingle of all
    /// the words when there are fewer; none for an empty text): the high halves of `shingleHashes`.
    public static func shingles(_ tokens: [UInt64], size: Int) -> [UInt32] {
        highHalves(shingleHashes(tokens, size: size))
    }

    /// `shingleHashes` and their distinct high halves (`highHalves`), both made in the pass that
    /// takes the repeats out of the sorted hashes: one read of them, where two passes read them
    /// twice.
    static func shingleSets(_ tokens: [UInt64], size: Int) -> (hashes: [UInt64], halves: [UInt32]) {
        var hashes: [UInt64] = [], halves: [UInt32] = []
        shingleSets(tokens, size: size, hashes: &hashes, halves: &halves)
        return (hashes, halves)
    }

    /// The same two sets written over `hashes` and `halves`, in the memory they hold when it
    /// has room and is not shared.
    static func shingleSets(_ tokens: [UInt64], size: Int, hashes: inout [UInt64], halves: inout [UInt32]) {
        guard !tokens.isEmpty else {
            hashes.removeAll(keepingCapacity: true)
            halves.removeAll(keepingCapacity: true)
            return
        }
        let k = min(size, tokens.count)
        let m = tokens.count - k + 1
        if m >= radixSortMinimum {
            hashes.removeAll(keepingCapacity: true)
            hashes.append(contentsOf: repeatElement(0, count: m))
            hashes.withUnsafeMutableBufferPointer { hashShingles(tokens, size: k, into: $0) }
            radixSort(&hashes)
            let distinct = hashes.withUnsafeMutableBufferPointer { o in
                var distinct = 0
                halves.refill(upTo: m) { h, count in (distinct, count) = removeRepeats(o, halves: h) }
                return distinct
            }
            hashes.removeLast(hashes.count - distinct)
            return
        }
        // As in `shingleHashes`: hashed into the back half, sorted into the front half.
        hashes.refill(upTo: 2 * m) { buffer, count in
            let front = UnsafeMutableBufferPointer(rebasing: buffer[0..<m])
            let back = UnsafeMutableBufferPointer(rebasing: buffer[m..<(2 * m)])
            hashShingles(tokens, size: k, into: back)
            bucketSort(UnsafeBufferPointer(back), into: front)
            var distinct = 0
            halves.refill(upTo: m) { h, halfCount in (distinct, halfCount) = removeRepeats(front, halves: h) }
            count = distinct
        }
    }

    /// Moves the distinct values of sorted `o` to its front and writes their distinct high
    /// halves to `halves` (room for `o.count`); returns how many of each there are. As in
    /// `removeRepeats(_:)` and `highHalves`, every value is written at the next free place,
    /// which only a new one claims: no branch.
    private static func removeRepeats(_ o: UnsafeMutableBufferPointer<UInt64>, halves: UnsafeMutableBufferPointer<UInt32>) -> (Int, Int) {
        guard var last = o.first else { return (0, 0) }
        var lastHalf = UInt32(truncatingIfNeeded: last >> 32)
        halves[0] = lastHalf
        var w = 1, n = 1
        for r in 1..<o.count {
            let x = o[r]
            o[w] = x
            w &+= x != last ? 1 : 0
            last = x
            let half = UInt32(truncatingIfNeeded: x >> 32)
            halves[n] = half
            n &+= half != lastHalf ? 1 : 0
            lastHalf = half
        }
        return (w, n)
    }

    /// Sorted distinct 64-bit hashes of every run of `size` consecutive words (one shingle of all
    /// the words when there are fewer; none for an empty text).
    public static func shingleHashes(_ tokens: [UInt64], size: Int) -> [UInt64] {
        guard !tokens.isEmpty else { return [] }
        let k = min(size, tokens.count)
        let m = tokens.count - k + 1
        if m >= radixSortMinimum {
            var out = [UInt64](repeating: 0, count: m)
            out.withUnsafeMutableBufferPointer { hashShingles(tokens, size: k, into: $0) }
            radixSort(&out)
            let distinct = out.withUnsafeMutableBufferPointer { removeRepeats($0) }
            out.removeLast(out.count - distinct)
            return out
        }
        // A short text (most news): the hashes go to the back half of the array, the counting
        // pass of `bucketSort` puts them in order of top byte into the front half, which is what
        // the array keeps: no spare buffer to allocate.
        return [UInt64](filledUpTo: 2 * m) { buffer, count in
            let front = UnsafeMutableBufferPointer(rebasing: buffer[0..<m])
            let back = UnsafeMutableBufferPointer(rebasing: buffer[m..<(2 * m)])
            hashShingles(tokens, size: k, into: back)
            bucketSort(UnsafeBufferPointer(back), into: front)
            count = removeRepeats(front)
        }
    }

    /// The hash of every run of `size` words of `tokens` into `o` (`tokens.count - size + 1` values).
    private static func hashShingles(_ tokens: [UInt64], size k: Int, into o: UnsafeMutableBufferPointer<UInt64>) {
        tokens.withUnsafeBufferPointer { t in
            if k == 5 {
                // The default size, unrolled: the same sums as the loop below.
                for i in 0..<o.count {
                    var x = t[i]
                    x = (x &* 0x9e37_79b9_7f4a_7c15) ^ t[i + 1]
                    x = (x &* 0x9e37_79b9_7f4a_7c15) ^ t[i + 2]
                    x = (x &* 0x9e37_79b9_7f4a_7c15) ^ t[i + 3]
                    x = (x &* 0x9e37_79b9_7f4a_7c15) ^ t[i + 4]
                    o[i] = x &* 0xd6e8_feb8_6659_fd93
                }
                return
            }
            for i in 0..<o.count {
                var x = t[i]
                for j in 1..<k { x = (x &* 0x9e37_79b9_7f4a_7c15) ^ t[i + j] }
                o[i] = x &* 0xd6e8_feb8_6659_fd93
            }
        }
    }

    /// Moves the distinct values of sorted `o` to its front; returns how many there are.
    /// Every value is written at the next free place, which only a new one claims: no branch.
    private static func removeRepeats(_ o: UnsafeMutableBufferPointer<UInt64>) -> Int {
        guard var last = o.first else { return 0 }
        var w = 1
        for r in 1..<o.count {
            let x = o[r]
            o[w] = x
            w &+= x != last ? 1 : 0
            last = x
        }
        return w
    }

    /// The distinct high 32 bits of sorted 64-bit hashes (sorted too).
    static func highHalves(_ hashes: [UInt64]) -> [UInt32] {
        hashes.withUnsafeBufferPointer { h in
            [UInt32](filledUpTo: h.count) { out, count in
                guard let first = h.first else { count = 0; return }
                // As `removeRepeats`: each half is written at the next free place, which only a
                // new one claims.
                var last = UInt32(truncatingIfNeeded: first >> 32)
                out[0] = last
                var n = 1
                for k in 1..<h.count {
                    let x = UInt32(truncatingIfNeeded: h[k] >> 32)
                    out[n] = x
                    n &+= x != last ? 1 : 0
                    last = x
                }
                count = n
            }
        }
    }
}

/// Sorts 64-bit hashes. Below `radixSortMinimum` values (a short news story has about 170
/// shingles) one counting pass on the top byte and an insertion pass (`bucketSort`); above it a
/// radix sort of the high halves (four byte-wise counting passes, stable), then an insertion
/// pass that orders the rare values sharing a high half (linear when there are none).
func radixSort(_ a: inout [UInt64]) {
    let n = a.count
    if n < radixSortMinimum {
        a.withUnsafeMutableBufferPointer { bucketSort($0) }
        return
    }
    var scratch = [UInt64](repeating: 0, count: n)
    withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * 256) { counts in
        counts.initialize(repeating: 0)
        a.withUnsafeMutableBufferPointer { values in
            scratch.withUnsafeMutableBufferPointer { spare in
                for x in values {
                    counts[Int(truncatingIfNeeded: (x >> 32) & 0xFF)] += 1
                    counts[256 + Int(truncatingIfNeeded: (x >> 40) & 0xFF)] += 1
                    counts[512 + Int(truncatingIfNeeded: (x >> 48) & 0xFF)] += 1
                    counts[768 + Int(truncatingIfNeeded: x >> 56)] += 1
                }
                // Four passes: the values end where they started, in `a`.
                var from = values, to = spare
                for pass in 0..<4 {
                    let base = pass * 256
                    var sum = 0
                    for k in base..<(base + 256) { let t = counts[k]; counts[k] = sum; sum += t }
                    let shift = UInt64(32 + 8 * pass)
                    for i in 0..<n {
                        let x = from[i]
                        let k = base + Int(truncatingIfNeeded: (x >> shift) & 0xFF)
                        to[counts[k]] = x
                        counts[k] += 1
                    }
                    swap(&from, &to)
                }
            }
        }
    }
    a.withUnsafeMutableBufferPointer { v in
        for i in 1..<n {
            let x = v[i]
            var j = i
            while j > 0 && v[j - 1] > x { v[j] = v[j - 1]; j -= 1 }
            v[j] = x
        }
    }
}

/// Where the four-pass radix sort takes over from `bucketSort`: below it the bucket sort's
/// insertion pass is short even when many values share a top byte (at most 400² / 2 moves).
let radixSortMinimum = 400

/// Sorts hashes (spread evenly over their range) in place: the values are put in order of their
/// top byte by one counting pass into a spare buffer, then an insertion pass orders each run
/// that shares a top byte (a value moves only past the few of its own run). About 15
/// instructions a value at 170 values, where the standard sort takes about 150.
func bucketSort(_ v: UnsafeMutableBufferPointer<UInt64>) {
    let n = v.count
    if n < 2 { return }
    if n <= 16 || n > Int(UInt16.max) {
        insertionSort(v)
        return
    }
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: n) { spare in
        spare.baseAddress!.initialize(from: v.baseAddress!, count: n)
        bucketSort(UnsafeBufferPointer(spare), into: v)
    }
}

/// Sorts `source` into `target` (the same count, at most 65,535 values): one counting pass on
/// the top byte, then the insertion pass. The counts are 16-bit, so they stay on the stack.
func bucketSort(_ source: UnsafeBufferPointer<UInt64>, into target: UnsafeMutableBufferPointer<UInt64>) {
    let n = source.count
    precondition(target.count == n && n <= Int(UInt16.max))
    if n <= 16 {
        for i in 0..<n { target[i] = source[i] }
        if n > 1 { insertionSort(target) }
        return
    }
    withUnsafeTemporaryAllocation(of: UInt16.self, capacity: 257) { next in
        next.initialize(repeating: 0)
        // next[b + 1] counts the values of top byte b; summed, next[b] is where they start.
        for x in source { next[Int(truncatingIfNeeded: x >> 56) + 1] &+= 1 }
        for b in 1...256 { next[b] &+= next[b - 1] }
        for x in source {
            let b = Int(truncatingIfNeeded: x >> 56)
            target[Int(next[b])] = x
            next[b] &+= 1
        }
    }
    insertionSort(target)
}

/// Insertion sort: linear on values that are nearly in order.
@inline(__always)
private func insertionSort(_ v: UnsafeMutableBufferPointer<UInt64>) {
    for i in 1..<v.count {
        let x = v[i]
        var j = i
        while j > 0 && v[j - 1] > x {
            v[j] = v[j - 1]
            j -= 1
        }
        v[j] = x
    }
}
