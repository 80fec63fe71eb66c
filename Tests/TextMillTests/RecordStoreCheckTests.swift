import Foundation
import Testing
@testable import TextMill

/// `RecordStoreCheck`, the check of dedup's `records.bin` a run makes before it builds on the
/// index generation that names it: a sample of the records in every run, all of them with
/// `run --check-outputs`. Zeros or 0xFF bytes written over the store (its size kept) were found
/// only when a document was compared with a damaged record, which failed it until `--force`.
@Suite struct RecordStoreCheckTests {
    /// A store of one record a sentence of the sample texts (id "FILE#N", its words' hashes
    /// sorted), as dedup appends them; the documents as the index keeps them.
    func store(_ dir: TemporaryDirectory) throws -> (path: String, length: UInt64, documents: [RecordStoreCheck.Document]) {
        let path = dir.file("records.bin")
        let store = try RecordStore(path: path, validLength: 0)
        var documents: [RecordStoreCheck.Document] = []
        for name in Repo.sampleTexts {
            let text = String(decoding: Repo.bytes(name), as: UTF8.self)
            for (n, sentence) in text.split(separator: ".").enumerated() {
                let words = sentence.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { DedupIndex.idHash(String($0)) }
                guard !words.isEmpty else { continue }
                let id = "\(name)#\(n)"
                let offset = store.append(id: Array(id.utf8), wideValues: words.sorted())
                documents.append(RecordStoreCheck.Document(offset: offset, idHash: DedupIndex.idHash(id)))
            }
        }
        return (path, try store.sync(), documents)
    }

    func check(_ s: (path: String, length: UInt64, documents: [RecordStoreCheck.Document]), thorough: Bool) -> String? {
        RecordStoreCheck.problem(path: s.path, length: s.length, documents: s.documents, thorough: thorough)
    }

    @Test func anIntactStorePassesBothChecks() throws {
        let dir = TemporaryDirectory()
        let s = try store(dir)
        #expect(s.documents.count > 4 * RecordStoreCheck.sampleSize, "more documents than the sample: \(s.documents.count)")
        #expect(check(s, thorough: false) == nil)
        #expect(check(s, thorough: true) == nil)
    }

    /// Overwritten whole, its size kept, or cut at each eighth: both checks find it and name the
    /// file and the byte.
    @Test func aStoreOverwrittenOrCutIsFoundByEveryRun() throws {
        let dir = TemporaryDirectory()
        let s = try store(dir)
        let stored = Array(try #require(FileManager.default.contents(atPath: s.path)))
        var damages: [(String, [UInt8], String)] = [
            ("zero-filled", [UInt8](repeating: 0, count: stored.count),
             "'\(s.path)' is damaged: its record at byte 0 does not read back as written (it does not hold the id of the document the index keeps there)"),
            ("all 0xFF", [UInt8](repeating: 0xFF, count: stored.count),
             "'\(s.path)' is damaged: its record at byte 0 does not read back as written (an impossible header)"),
        ]
        for k in 0..<8 {
            damages.append(("cut at \(k)/8", Array(stored[0..<(stored.count * k / 8)]),
                            "'\(s.path)' is shorter (\(stored.count * k / 8) bytes) than its index says (\(stored.count))"))
        }
        for (what, bytes, expected) in damages {
            dir.write("records.bin", bytes)
            expectEqual(check(s, thorough: false), expected, "\(what)")
            expectEqual(check(s, thorough: true), expected, "\(what)")
        }
    }

    /// One byte flipped in a record the sample does not read: only the thorough check reads it
    /// (its checksum), naming the record's byte; every record's last byte, its checksum's, too.
    @Test func aFlippedByteIsFoundByTheThoroughCheck() throws {
        let dir = TemporaryDirectory()
        let s = try store(dir)
        let stored = Array(try #require(FileManager.default.contents(atPath: s.path)))
        let n = s.documents.count, m = RecordStoreCheck.sampleSize
        let sampled = Set((0..<m).map { $0 * (n - 1) / (m - 1) })
        let target = try #require((1..<n).first { !sampled.contains($0) })
        let at = Int(s.documents[target].offset)
        let end = Int(s.documents[target + 1].offset)
        for (what, byte) in [("a value", (at + end) / 2), ("its id", at + 9), ("its checksum", end - 1)] {
            var damaged = stored
            damaged[byte] ^= 0x20
            dir.write("records.bin", damaged)
            expectEqual(check(s, thorough: false), nil, "\(what): the sample does not read record \(target)")
            expectEqual(check(s, thorough: true), "'\(s.path)' is damaged: its record at byte \(at) does not read back as written (its checksum fails)", "\(what)")
        }
    }
}
