import Foundation
import Testing
@testable import TextMill

/// A dedup index file (`index.G.bin`) whose checksum holds but whose counts do not: read as
/// damaged, never a trap.
@Suite struct DedupIndexFileTests {
    /// An index file with `count` band entries announced (and no tables), its checksum right.
    func indexFile(entries: UInt64) -> [UInt8] {
        var w = ByteWriter()
        w.bytes.append(contentsOf: DedupIndex.magic)
        w.u32(DedupIndex.version)
        DedupIndex.writeSettings(FingerprintSettings(), .exact, &w)
        w.u64(0)          // record store length
        w.u32(0)          // documents
        w.u64(entries)    // band entries
        w.u32(0)          // paragraphs
        w.u64(ByteWriter.checksum(w.bytes[...]))
        return w.bytes
    }

    func load(_ bytes: [UInt8]) throws -> Int {
        var offsets: [UInt64] = [], idHashes: [UInt64] = [], exactKeys: [UInt64] = [], fileKeys: [UInt64] = []
        var bands = BandTable()
        var boilerplate = BoilerplateCounter(capacity: 16)
        _ = try DedupIndex.load(bytes, path: "index.1.bin", settings: FingerprintSettings(), verification: .exact,
                                into: &offsets, &idHashes, &exactKeys, &fileKeys, &bands, &boilerplate, bucketLimit: 32)
        return offsets.count
    }

    /// A band entry count past the largest `Int` (found by the `state` fuzz target, session 27:
    /// `Int(UInt64)` trapped, "Not enough bits to represent the passed value") is damage, as a
    /// count past the file's bytes always was.
    @Test func aBandEntryCountPastTheLargestIntegerIsDamageNotATrap() throws {
        expectEqual(try load(indexFile(entries: 0)), 0)
        for entries in [UInt64(Int.max) + 1, UInt64.max, 1 << 40] {
            #expect(throws: DedupIndexError.self, "\(entries)") { try load(indexFile(entries: entries)) }
        }
    }
}
