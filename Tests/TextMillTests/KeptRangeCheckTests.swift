import Foundation
import Testing
@testable import TextMill

/// A byte changed in place inside the records a run keeps (a letter of a text, the JSON still
/// valid, the size kept) was kept silently: no check read a kept record. The manifest keeps a
/// hash of each file's records in each output (`FileEntry.hashes`), and `run --check-outputs`
/// checks them (`KeptRangeCheck`): the run names the output, the bytes and lines and the input
/// file, reprocesses every file and ends with a first run's records.
@Suite(.serialized) struct KeptRangeCheckTests {
    let damaged = DamagedStateTests()

    func run(_ config: String, _ arguments: [String] = []) throws -> ReviewCrashTests.Outcome {
        try damaged.crash.textmill(config, jobs: 1, quiet: false, arguments: arguments)
    }

    /// Changes the first letter `a` of the text of line `line` (from 1) of `path` to `e`; returns
    /// the byte changed.
    func changeALetter(_ path: String, line: Int) throws -> Int {
        var bytes = Array(try #require(FileManager.default.contents(atPath: path)))
        var start = 0
        for _ in 1..<line { start = try #require(bytes[start...].firstIndex(of: 0x0A)) + 1 }
        let key = Array("\"text\":\"".utf8)
        let text = try #require((start..<(bytes.count - key.count)).first { bytes[$0..<($0 + key.count)].elementsEqual(key) })
        let at = try #require(bytes[text...].firstIndex(of: UInt8(ascii: "a")))
        bytes[at] = UInt8(ascii: "e")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return at
    }

    /// What the run says of the range holding byte `at` of output `kind`.
    func expectedNotice(_ dir: TemporaryDirectory, _ out: String, kind: OutputKind, at: Int, path: String) throws -> String {
        let manifest = try #require(damaged.store(dir, out).loadManifest())
        let entry = try #require(manifest.files.first { $0.ranges[kind].offset <= at && at < $0.ranges[kind].offset + $0.ranges[kind].length })
        let r = entry.ranges[kind]
        let bytes = Array(try #require(FileManager.default.contents(atPath: path)))
        let first = bytes[0..<r.offset].filter { $0 == 0x0A }.count + 1
        let last = bytes[0..<(r.offset + r.length)].filter { $0 == 0x0A }.count
        return "the records of '\(entry.path)' in '\(path)' (bytes \(r.offset)–\(r.offset + r.length), lines \(first)–\(last)) are not what the last run wrote there "
            + "(their hash is not the one the manifest recorded: a byte changed in place): the outputs were changed since the last run: reprocessing every file"
    }

    @Test func aLetterChangedInAKeptRecordIsFoundAndReprocessed() throws {
        let dir = TemporaryDirectory()
        damaged.corpus(dir)
        expectEqual(try run(damaged.config(dir, output: "reference")).status, 0)
        let reference = damaged.crash.outputs(dir, "reference")
        for (kind, name, line) in [(OutputKind.output, "corpus.jsonl", 3), (.duplicates, "corpus.duplicates.jsonl", 12)] {
            let out = "out-\(name)"
            try damaged.crash.copyOutputs(dir, from: "reference", to: out)
            let path = dir.file("\(out)/\(name)")
            let at = try changeALetter(path, line: line)
            let notice = try expectedNotice(dir, out, kind: kind, at: at, path: path)
            // Without the flag the run does not read kept records: the change stays (README).
            let plain = try run(damaged.config(dir, output: out))
            expectEqual(plain.status, 0, "\(name): \(plain.stderr)")
            #expect(damaged.crash.outputs(dir, out) != reference, "\(name): a run without --check-outputs keeps the changed record")
            let checked = try run(damaged.config(dir, output: out), ["--check-outputs"])
            expectEqual(checked.status, 0, "\(name): \(checked.stderr)")
            #expect(checked.stderr.contains("textmill: " + notice), "\(name): \(checked.stderr)\nexpected: \(notice)")
            expectEqual(damaged.crash.outputs(dir, out), reference, "\(name): a first run's records")
            let again = try run(damaged.config(dir, output: out), ["--check-outputs"])
            expectEqual(again.status, 0)
            #expect(!again.stderr.contains("reprocessing"), "\(name): \(again.stderr)")
        }
    }

    /// A manifest written before the hashes (its entries without them) still loads: the check
    /// is skipped for them, and the run writes their hashes, which the next run checks.
    @Test func aManifestWithoutHashesLoadsAndGetsThem() throws {
        let dir = TemporaryDirectory()
        damaged.corpus(dir)
        let cfg = damaged.config(dir, output: "out")
        expectEqual(try run(cfg).status, 0)
        var manifest = try #require(damaged.store(dir, "out").loadManifest())
        #expect(manifest.files.allSatisfy { $0.hashes != nil })
        let written = manifest.files.map(\.hashes)
        for i in manifest.files.indices { manifest.files[i].hashes = nil }
        dir.write("out/.corpus.textmill/manifest.json", manifest.bytes)
        #expect(!String(decoding: manifest.bytes, as: UTF8.self).contains("hashes"))
        let old = try run(cfg, ["--check-outputs"])
        expectEqual(old.status, 0, "\(old.stderr)")
        #expect(!old.stderr.contains("reprocessing"), "\(old.stderr)")
        let now = try #require(damaged.store(dir, "out").loadManifest())
        #expect(now.files.map(\.hashes) == written, "the run wrote the kept records' hashes again")
        let at = try changeALetter(dir.file("out/corpus.jsonl"), line: 2)
        let notice = try expectedNotice(dir, "out", kind: .output, at: at, path: dir.file("out/corpus.jsonl"))
        let checked = try run(cfg, ["--check-outputs"])
        expectEqual(checked.status, 0, "\(checked.stderr)")
        #expect(checked.stderr.contains(notice), "\(checked.stderr)")
    }

    /// The part files a killed run leaves are kept ranges too (the journal's entries carry the
    /// hashes): a part zero-filled, its size kept, was resumed and committed under exit 0; a
    /// letter changed in it is found with --check-outputs. The resumed run processes the killed
    /// run's files again and ends with an uninterrupted run's records.
    @Test func aDamagedPartFileIsNotResumed() throws {
        let dir = TemporaryDirectory()
        damaged.corpus(dir)
        expectEqual(try run(damaged.config(dir, output: "reference")).status, 0)
        let reference = damaged.crash.outputs(dir, "reference")
        for (k, how) in ["zero-filled", "a letter changed"].enumerated() {
            let cfg = damaged.config(dir, output: "out\(k)")
            #expect(try damaged.crash.textmill(cfg, killAt: "checkpoint-written:3", jobs: 1).killed)
            let part = dir.file("out\(k)/.corpus.textmill/part.output")
            if k == 0 {
                let size = Array(try #require(FileManager.default.contents(atPath: part))).count
                #expect(size > 0)
                dir.write("out\(k)/.corpus.textmill/part.output", [UInt8](repeating: 0, count: size))
            } else {
                _ = try changeALetter(part, line: 1)
            }
            let resumed = try run(cfg, k == 0 ? [] : ["--check-outputs"])
            expectEqual(resumed.status, 0, "\(how): \(resumed.stderr)")
            #expect(resumed.stderr.contains("the part files of the interrupted run in '\(dir.file("out\(k)/.corpus.textmill"))' are damaged (the records of '"),
                    "\(how): \(resumed.stderr)")
            #expect(resumed.stderr.contains("): its files are processed again"), "\(how): \(resumed.stderr)")
            expectEqual(damaged.crash.outputs(dir, "out\(k)"), reference, "\(how): an uninterrupted run's records")
        }
    }

    /// The fuzz target `state`'s seed of a manifest with hashes reads, keeps them, and writes
    /// back to the same bytes (the target's own check); one hash not as the manifest writes it
    /// (upper case) makes the manifest unreadable, not a manifest without hashes.
    @Test func aManifestWithHashesReadsAndWritesBack() throws {
        let seed = Array(try #require(FileManager.default.contents(atPath: Repo.path("Tests/TextMillTests/Fixtures/fuzz/state/manifest-02-hashes"))))
        let bytes = Array(seed.dropFirst())
        let manifest = try #require(Manifest(bytes: bytes))
        expectEqual(manifest.files.count, 5)
        #expect(manifest.files.allSatisfy { $0.hashes != nil })
        expectEqual(manifest.bytes, bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        let at = try #require(text.range(of: "\"hashes\":[\""))
        var upper = text
        upper.replaceSubrange(at.upperBound..<text.index(at.upperBound, offsetBy: 16), with: text[at.upperBound..<text.index(at.upperBound, offsetBy: 16)].uppercased())
        #expect(upper != text, "the hash has a letter")
        // Its closing checksum made right, so only the hash's spelling is wrong.
        let body = Array(upper.utf8)
        let closing = try #require(upper.range(of: "],\"sha256\":", options: .backwards))
        let before = Array(upper[..<closing.lowerBound].utf8)
        let remade = before + Array(ManifestCheck.closingLine(before.withUnsafeBufferPointer { SHA256.hex($0) }).utf8)
        #expect(remade != body)
        #expect(Manifest(bytes: remade) == nil)
    }
}
