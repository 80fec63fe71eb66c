internal import CShims

/// MinHash signatures over 32-bit shingle hashes, and their LSH band keys.
///
/// Permutation `i` maps a shingle hash `x` to `fmix32(x ^ seed[i])` (MurmurHash3's finalizer,
/// a bijection with full avalanche), which is cheap enough to run eight permutations at once in
/// SIMD lanes. The signature keeps the minimum of each permutation over the document's shingles.
public struct MinHasher: Sendable {
    /// Signature length.
    public let permutations: Int
    /// LSH bands.
    public let bands: Int
    /// Signature values per band.
    public let rows: Int
    /// Per-permutation seeds, padded to a multiple of 8 lanes.
    private let seeds: [UInt32]

    /// - Precondition: `bands * rows <= permutations`.
    public init(permutations: Int, bands: Int, rows: Int, seed: UInt64 = 0x7465_7874_6d69_6c6c) {
        precondition(bands * rows <= permutations && permutations > 0)
        self.permutations = permutations
        self.bands = bands
        self.rows = rows
        var state = seed
        seeds = (0..<((permutations + 7) / 8 * 8)).map { _ in UInt32(truncatingIfNeeded: MinHasher.splitmix(&state)) }
    }

    static func splitmix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// The signature of a set of shingle hashes (all `UInt32.max` for an empty set).
    public func signature(of shingles: UnsafeBufferPointer<UInt32>) -> [UInt32] {
        var signature: [UInt32] = []
        self.signature(of: shingles, into: &signature)
        return signature
    }

    /// The same signature written over `signature`, in its memory when it has room.
    public func signature(of shingles: UnsafeBufferPointer<UInt32>, into signature: inout [UInt32]) {
        // Room for every lane; the array keeps the first `permutations` (one allocation, no copy).
        signature.refill(upTo: seeds.count) { mins, count in
            mins.initialize(repeating: .max)
            if let base = shingles.baseAddress {
                seeds.withUnsafeBufferPointer { s in
                    tm_minhash(base, shingles.count, s.baseAddress!, s.count, mins.baseAddress!)
                }
            }
            count = permutations
        }
    }

    /// One 32-bit key per band: the low half of `wideBandKeys`, so that all bands can share
    /// one table (what `DedupIndex` buckets by).
    public func bandKeys(of signature: [UInt32]) -> [UInt32] {
        var keys: [UInt32] = []
        bandKeys(of: signature, into: &keys)
        return keys
    }

    /// The same keys written over `bandKeys`, in its memory when it has room.
    public func bandKeys(of signature: [UInt32], into bandKeys: inout [UInt32]) {
        // Filled in place: a `map` over the band numbers went through a closure per band.
        bandKeys.refill(upTo: bands) { keys, count in
            for band in 0..<bands { keys[band] = UInt32(truncatingIfNeeded: wideBandKey(band: band, of: signature)) }
            count = bands
        }
    }

    /// One 64-bit key per band: a hash of the band's `rows` signature values and its number
    /// (one key space per band). A distributed job shuffles on these: at a billion documents
    /// 32-bit keys would put unrelated documents in one bucket by chance.
    public func wideBandKeys(of signature: [UInt32]) -> [UInt64] {
        (0..<bands).map { wideBandKey(band: $0, of: signature) }
    }

    /// The 64-bit key of one band.
    @inline(__always) func wideBandKey(band: Int, of signature: [UInt32]) -> UInt64 {
        var h: UInt64 = 0x6a09_e667_f3bc_c909 &+ UInt64(band) &* 0x9e37_79b9_7f4a_7c15
        for r in 0..<rows {
            h = (h ^ UInt64(signature[band * rows + r])) &* 0x0000_0100_0000_01b3
            h ^= h >> 29
        }
        return WordTokenizer.finish(h)
    }

    /// The share of equal signature values: an estimate of the Jaccard similarity.
    public static func estimatedSimilarity(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Double {
        let n = min(a.count, b.count)
        guard n > 0 else { return 0 }
        var same = 0
        for i in 0..<n where a[i] == b[i] { same += 1 }
        return Double(same) / Double(n)
    }
}

/// Exact Jaccard similarity of two sorted sets without duplicates (32-bit shingle hashes).
public func jaccard(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Double {
    sortedSetJaccard(a, b)
}

/// Exact Jaccard similarity of two sorted sets without duplicates (64-bit shingle hashes).
public func jaccard(_ a: UnsafeBufferPointer<UInt64>, _ b: UnsafeBufferPointer<UInt64>) -> Double {
    sortedSetJaccard(a, b)
}

@inline(__always) private func sortedSetJaccard<T: FixedWidthInteger>(_ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>) -> Double {
    if a.isEmpty && b.isEmpty { return 1 }
    var i = 0, j = 0, common = 0
    while i < a.count && j < b.count {
        let x = a[i], y = b[j]
        if x == y { common += 1; i += 1; j += 1 } else if x < y { i += 1 } else { j += 1 }
    }
    return Double(common) / Double(a.count + b.count - common)
}
