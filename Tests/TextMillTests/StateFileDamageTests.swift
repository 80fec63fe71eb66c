import Foundation
import Testing
@testable import TextMill

/// The files a run reads back from its state folder, damaged as a disk, a sync tool or a curious
/// user leaves them: a bit flipped that keeps the JSON whole, a file replaced by a folder, a named
/// pipe or a link, the owner file cut short or copied from another output. The next run either
/// recovers, says so and ends with an uninterrupted run's records, or stops with exit 2 naming
/// the file and the folder to delete, the outputs untouched.
@Suite(.serialized) struct StateFileDamageTests {
    let damaged = DamagedStateTests()
    var crash: ReviewCrashTests { damaged.crash }

    /// A reference output of the 30-file corpus, and its outputs' bytes.
    func reference(_ dir: TemporaryDirectory) throws -> [Data] {
        damaged.corpus(dir)
        expectEqual(try damaged.run(damaged.config(dir, output: "reference")).status, 0)
        return crash.outputs(dir, "reference")
    }

    func flipBit(_ bytes: inout [UInt8], at offset: Int, bit: UInt8) { bytes[offset] ^= bit }

    /// One bit of a manifest flipped where the JSON stays whole: in a file's path ("doc-001" read
    /// "doc-000": two entries named one file, whose records were kept twice, and the file it
    /// named before came back as new) or in a size (the file looked changed). The run trusted it:
    /// exit 0, the outputs other than an uninterrupted run's. The manifest's checksum refuses it.
    @Test func aManifestWithAFlippedBitIsNotTrusted() throws {
        let dir = TemporaryDirectory()
        let expected = try reference(dir)
        let good = Array(dir.read("reference/.corpus.textmill/manifest.json").utf8)
        let path = Array("doc-001.txt".utf8)
        let inPath = try #require(good.indices.first { good[$0...].starts(with: path) }) + "doc-00".count
        let size = try #require(good.indices.first { good[$0...].starts(with: Array("\"size\":".utf8)) }) + "\"size\":".count
        for (k, (what, offset, bit)) in [("a path's digit", inPath, UInt8(1)), ("a size's digit", size, UInt8(1))].enumerated() {
            let out = "flipped-\(k)"
            try crash.copyOutputs(dir, from: "reference", to: out)
            var bytes = good
            flipBit(&bytes, at: offset, bit: bit)
            #expect(Manifest(bytes: bytes) == nil, "\(what): the flipped manifest reads")
            dir.write(out + "/.corpus.textmill/manifest.json", bytes)
            let again = try damaged.run(damaged.config(dir, output: out))
            expectEqual(again.status, 0, "\(what): \(again.stderr)")
            #expect(again.stderr.contains("is damaged") && again.stderr.contains("reprocessing every file"), "\(what): \(again.stderr)")
            expectEqual(crash.outputs(dir, out), expected, "\(what): the outputs differ from an uninterrupted run's")
        }
        // What the run writes reads back, and ends with the checksum of the bytes before its last line.
        let manifest = try #require(Manifest(bytes: good))
        expectEqual(manifest.bytes, good)
        let lastLine = good.dropLast().lastIndex(of: 0x0A)! + 1
        expectEqual(String(decoding: good[lastLine...], as: UTF8.self), "],\"sha256\":\"\(SHA256.hex(good[..<lastLine]))\"}\n")
        #expect(String(decoding: good.prefix(12), as: UTF8.self) == "{\"format\":3,")
    }
}
