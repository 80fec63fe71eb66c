import Foundation

/// Dedup on the map side of a distributed job (`textmill run --map-side`, `contrib/spark`).
///
/// Instead of looking the document up in an index, the stage emits what the global step needs
/// to make exactly the decision `process` would make (`DedupKeys`), and leaves `duplicate: null`
/// in the record for the global step to fill. Boilerplate removal cannot be reproduced that way
/// (whether a paragraph is cut depends on the documents kept before it), and a distributed run
/// keeps no index, so both are refused.
extension DedupStage: MapSideStage {
    /// Refuses boilerplate removal and an explicit index (see the type's comment).
    public func checkMapSide() throws {
        if state.config.boilerplate {
            throw StageSetupError("boilerplate removal is sequential (a paragraph is cut once \(state.config.boilerplateMinDocs) earlier unique documents carried it, and which documents are unique depends on what was cut before), so a distributed run cannot reproduce it; set 'boilerplate: false'",
                                  option: "boilerplate")
        }
        if state.config.indexDirectory != nil {
            throw StageSetupError("a distributed run is one-shot and keeps no dedup index across runs; remove the 'index' option", option: "index")
        }
    }

    /// `threshold`, `action` and `verify`: what the global step needs to decide as `process` would.
    public var mapSideSettings: JSONObject {
        JSONObject([
            ("threshold", .number(JSONValue.format(state.config.threshold))),
            ("action", .string(state.config.drop ? "drop" : "mark")),
            ("verify", .string(state.config.verification.rawValue)),
        ])
    }

    /// Fingerprints the whole text (no boilerplate is cut), leaves `duplicate: null` for the
    /// global step to fill, and the `DedupKeys` token in the document's scratch.
    public func mapSide(_ document: inout Document, _ context: inout StageContext) throws {
        var fingerprinter = state.borrowFingerprinter()
        let prepared = DedupPrepared.make(document, &fingerprinter, boilerplate: false)
        // The token carries no verification values (they would be most of the framed line);
        // they travel beside it, to the values file when the job asks for one, so that the
        // verifier reads a candidate's values instead of fingerprinting its text again.
        let fp = prepared.fingerprint
        let keys = DedupKeys(fp, hasher: fingerprinter.minHasher)
        state.returnFingerprinter(fingerprinter)
        document.duplicate = .some(nil)
        let values = state.config.verification == .exact ? fp.shingleHashes : fp.signature.map { UInt64($0) }
        document.scratch[MapSideKeys.key] = MapSideKeys(token: keys.token, values: values)
        context.count("documents")
    }
}

/// What the global dedup step needs from one document, as the map side writes it: one token
/// `EXACT,WORDS,BANDS` where EXACT is the exact key (16 hex digits), WORDS the number of
/// words and BANDS the 64-bit LSH band keys (`MinHasher.wideBandKeys`, one key space per band;
/// base64 of little-endian 64-bit values). A candidate is verified with its text, which
/// `textmill dedup-verify` fingerprints again. A token may carry a fourth part, VALUES: what
/// a candidate is verified with, as base64 of little-endian 64-bit values (the sorted 64-bit
/// shingle hashes that `textmill run` verifies with, or with `verify: estimate` the MinHash
/// signature, each 32-bit value widened); the verifier then needs no text. The map side writes
/// these values to its values file instead (`textmill run --map-side --values PATH`), ending
/// the token in `,#N` (N values of the file are the document's); the job reads them from there
/// and gives the verifier the token with VALUES.
///
/// The global step then reproduces `DedupEngine.process`: documents without words are unique;
/// a document whose exact key an earlier kept document has is its exact duplicate; otherwise
/// the earliest kept document that shares a band key and whose similarity (exact Jaccard of the
/// shingles, or the share of equal signature values) reaches the threshold is the match.
public struct DedupKeys: Sendable, Equatable {
    /// Hash of the folded word sequence (`DocumentFingerprint.exactKey`).
    public var exactKey: UInt64
    /// Number of words; 0 means the document is left alone (unique, never matched).
    public var wordCount: Int
    /// One 64-bit LSH key per band (`MinHasher.wideBandKeys`); the low halves are the keys
    /// `DedupIndex` buckets by.
    public var bandKeys: [UInt64]
    /// What a candidate pair is verified with: the sorted 64-bit shingle hashes (`verify:
    /// exact`) or the MinHash signature, widened (`verify: estimate`); nil when the keys carry
    /// none (the map side's: the verifier fingerprints the document's text).
    public var values: [UInt64]?

    /// The keys of a fingerprint with its verification values; `hasher` is the fingerprinter's.
    public init(_ fp: DocumentFingerprint, verification: Verification, hasher: MinHasher) {
        self.init(fp, hasher: hasher)
        values = verification == .exact ? fp.shingleHashes : fp.signature.map { UInt64($0) }
    }

    /// The keys of a fingerprint without verification values (what the map side emits).
    public init(_ fp: DocumentFingerprint, hasher: MinHasher) {
        exactKey = fp.exactKey
        wordCount = fp.wordCount
        bandKeys = hasher.wideBandKeys(of: fp.signature)
        values = nil
    }

    /// The token of the framed output line.
    public var token: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(40 + bandKeys.count * 11 + (values?.count ?? 0) * 11)
        let hex = String(exactKey, radix: 16)
        out += Array(repeating: UInt8(ascii: "0"), count: 16 - hex.utf8.count) + Array(hex.utf8)
        out.append(UInt8(ascii: ","))
        out += Array(String(wordCount).utf8)
        out.append(UInt8(ascii: ","))
        Base64.append(bandKeys, to: &out)
        if let values {
            out.append(UInt8(ascii: ","))
            Base64.append(values, to: &out)
        }
        return out
    }

    /// Reads a token back (tests, tools); nil when it is malformed.
    public init?(token: [UInt8]) {
        let parts = token.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard (3...4).contains(parts.count), let exact = UInt64(String(decoding: parts[0], as: UTF8.self), radix: 16),
              let words = Int(String(decoding: parts[1], as: UTF8.self)),
              let bands = Base64.decode64(parts[2]) else { return nil }
        exactKey = exact
        wordCount = words
        bandKeys = bands
        if parts.count == 4, parts[3].first == UInt8(ascii: "#") {
            guard Int(String(decoding: parts[3].dropFirst(), as: UTF8.self)) != nil else { return nil }
            values = nil                              // in the values file (`MapSideFraming`)
        } else if parts.count == 4 {
            guard let values = Base64.decode64(parts[3]) else { return nil }
            self.values = values
        } else {
            values = nil
        }
    }
}

/// Standard base64 (with padding) of little-endian 32-bit or 64-bit values.
enum Base64 {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func append<T: FixedWidthInteger>(_ values: [T], to out: inout [UInt8]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * T.bitWidth / 8)
        for v in values {
            for shift in stride(from: 0, to: T.bitWidth, by: 8) { bytes.append(UInt8(truncatingIfNeeded: v >> shift)) }
        }
        var i = 0
        while i + 3 <= bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out.append(alphabet[Int(n >> 18)]); out.append(alphabet[Int(n >> 12 & 63)])
            out.append(alphabet[Int(n >> 6 & 63)]); out.append(alphabet[Int(n & 63)])
            i += 3
        }
        let rest = bytes.count - i
        if rest > 0 {
            let n = UInt32(bytes[i]) << 16 | (rest == 2 ? UInt32(bytes[i + 1]) << 8 : 0)
            out.append(alphabet[Int(n >> 18)]); out.append(alphabet[Int(n >> 12 & 63)])
            out.append(rest == 2 ? alphabet[Int(n >> 6 & 63)] : UInt8(ascii: "="))
            out.append(UInt8(ascii: "="))
        }
    }

    /// Decodes base64 of little-endian 64-bit values; nil when malformed. One pass over the
    /// text (a candidate's verification values are ~11 bytes of it a word).
    static func decode64(_ text: ArraySlice<UInt8>) -> [UInt64]? {
        guard text.count % 4 == 0 else { return nil }
        var padding = 0
        if text.last == UInt8(ascii: "=") { padding += 1 }
        if text.count >= 2 && text[text.endIndex - 2] == UInt8(ascii: "=") { padding += 1 }
        let byteCount = text.count / 4 * 3 - padding
        guard byteCount % 8 == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: byteCount + 2)
        let valid = text.withUnsafeBufferPointer { t -> Bool in
            bytes.withUnsafeMutableBufferPointer { out in
                var o = 0
                var i = 0
                let quads = t.count / 4
                for q in 0..<quads {
                    let last = q == quads - 1
                    var n: UInt32 = 0
                    for k in 0..<4 {
                        let c = t[i + k]
                        let v = decoding[Int(c)]
                        if v == 0xFF {
                            // '=' only as the padding of the last quad
                            guard last, c == UInt8(ascii: "="), k >= 4 - padding else { return false }
                            n <<= 6
                            continue
                        }
                        n = n << 6 | UInt32(v)
                    }
                    out[o] = UInt8(truncatingIfNeeded: n >> 16)
                    out[o + 1] = UInt8(truncatingIfNeeded: n >> 8)
                    out[o + 2] = UInt8(truncatingIfNeeded: n)
                    o += 3
                    i += 4
                }
                return true
            }
        }
        guard valid else { return nil }
        return [UInt64](unsafeUninitializedCapacity: byteCount / 8) { values, count in
            bytes.withUnsafeBytes { raw in
                for j in 0..<(byteCount / 8) {
                    values[j] = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: j * 8, as: UInt64.self))
                }
            }
            count = byteCount / 8
        }
    }

    /// Each byte's value in the alphabet (0xFF: not in it).
    private static let decoding: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, c) in alphabet.enumerated() { table[Int(c)] = UInt8(value) }
        return table
    }()
}
