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

    /// A file of the state folder or of dedup's index folder that is a folder, a named pipe or a
    /// link to a device: the lock as a named pipe or a link to /dev/zero failed the run with exit
    /// 3 and "the next run finishes the work" (which failed the same way); a manifest or an index
    /// generation that was a folder failed every commit (exit 3). Now exit 2 before any input is
    /// read, naming the file, what it is, and the folder to delete; the outputs stay as they were,
    /// and once the folder is gone the next run writes an uninterrupted run's records.
    ///
    /// A link to a file was written through: the lock's link truncated its target and wrote the
    /// pid there, dedup's `records.bin` cut its target back and appended records to it (as root,
    /// a link to /etc/passwd emptied the password file).
    @Test func aStateFileThatIsNotAFileStopsTheRunNamingIt() throws {
        let dir = TemporaryDirectory()
        let expected = try reference(dir)
        let decoy = dir.write("decoy.txt", "root:x:0:0:root:/root:/bin/bash\n")
        let cases: [(file: String, folder: String, make: (String) -> Int32, kind: String)] = [
            (".corpus.textmill/lock", ".corpus.textmill", { symlink(decoy, $0) }, "a symbolic link to '\(decoy)'"),
            (".corpus.textmill/dedup/records.bin", ".corpus.textmill/dedup", { symlink(decoy, $0) }, "a symbolic link to '\(decoy)'"),
            (".corpus.textmill/lock", ".corpus.textmill", { mkfifo($0, 0o644) }, "a named pipe"),
            (".corpus.textmill/lock", ".corpus.textmill", { symlink("/dev/zero", $0) }, "a symbolic link to '/dev/zero'"),
            (".corpus.textmill/manifest.json", ".corpus.textmill", { mkdir($0, 0o755) }, "a folder"),
            (".corpus.textmill/dedup/index.G.bin", ".corpus.textmill/dedup", { mkdir($0, 0o755) }, "a folder"),
            (".corpus.textmill/dedup/records.bin", ".corpus.textmill/dedup", { mkfifo($0, 0o644) }, "a named pipe"),
            (".corpus.textmill/dedup/lock", ".corpus.textmill/dedup", { symlink("/dev/zero", $0) }, "a symbolic link to '/dev/zero'"),
        ]
        for (k, c) in cases.enumerated() {
            let out = "odd-\(k)"
            try crash.copyOutputs(dir, from: "reference", to: out)
            // The generation the manifest names: the newest.
            let generation = try DedupIndex.generations(in: dir.file(out + "/.corpus.textmill/dedup")).last ?? 0
            let path = dir.file(out + "/" + c.file.replacingOccurrences(of: "index.G.bin", with: "index.\(generation).bin"))
            #expect(unlink(path) == 0)
            expectEqual(c.make(path), 0)
            let config = damaged.config(dir, output: out)
            for command in ["run", "--dry-run", "validate"] where command == "run" || !c.folder.hasSuffix("dedup") {
                var again = CommandLineTests.Result(status: -1, stdout: "", stderr: "")
                if command == "--dry-run" {
                    again = try CommandLineTests().textmill(["run", config, "--dry-run"])
                } else if command == "validate" {
                    again = try CommandLineTests().textmill(["validate", config])
                } else {
                    let r = try damaged.run(config)
                    again = CommandLineTests.Result(status: r.status, stdout: "", stderr: r.stderr)
                }
                expectEqual(again.status, 2, "\(c.file) \(c.kind), \(command): \(again.stderr)")
                #expect(again.stderr.contains("'\(path)' is \(c.kind), not a file TextMill wrote")
                        && again.stderr.contains("delete the folder '\(dir.file(out + "/" + c.folder))' to start over"),
                        "\(c.file) \(c.kind): \(again.stderr)")
            }
            expectEqual(crash.outputs(dir, out), expected, "\(c.file): the outputs were touched")
            expectEqual(dir.read("decoy.txt"), "root:x:0:0:root:/root:/bin/bash\n", "\(c.file) \(c.kind): the run wrote through the link")
            try FileManager.default.removeItem(atPath: dir.file(out + "/" + c.folder))
            let fresh = try damaged.run(config)
            expectEqual(fresh.status, 0, "\(c.file): after the folder was deleted: \(fresh.stderr)")
            expectEqual(crash.outputs(dir, out), expected, "\(c.file): after the folder was deleted")
        }
    }

    /// A run killed after a checkpoint leaves part files the next run appends to. A part file
    /// replaced by a link was cut back and appended to through it (its target's bytes lost, the
    /// records written there; the resumed run said exit 0), and by a named pipe hung the run:
    /// now exit 2, naming it; once the state folder is deleted the next run writes an
    /// uninterrupted run's records.
    @Test func aPartFileOfAKilledRunThatIsALinkIsNotWrittenThrough() throws {
        let dir = TemporaryDirectory()
        let expected = try reference(dir)
        let decoy = dir.write("decoy.txt", "root:x:0:0:root:/root:/bin/bash\n")
        let config = damaged.config(dir, output: "killed")
        #expect(try damaged.run(config, killAt: "checkpoint-written:2").killed)
        let part = dir.file("killed/.corpus.textmill/part.duplicates")
        #expect(unlink(part) == 0 && symlink(decoy, part) == 0)
        let again = try damaged.run(config)
        expectEqual(again.status, 2, "\(again.stderr)")
        #expect(again.stderr.contains("'\(part)' is a symbolic link to '\(decoy)', not a file TextMill wrote"), "\(again.stderr)")
        expectEqual(dir.read("decoy.txt"), "root:x:0:0:root:/root:/bin/bash\n", "the run wrote through the link")
        try FileManager.default.removeItem(atPath: dir.file("killed/.corpus.textmill"))
        expectEqual(try damaged.run(config).status, 0)
        expectEqual(crash.outputs(dir, "killed"), expected)
    }

    /// An output or the duplicates file changed in place, its size kept (zeros written over it, as
    /// a disk or a sync tool may leave it): the run that forgets a deleted file's records read
    /// its ranges back, skipped the lines that were no records (the deleted file's ids stayed in
    /// dedup's index, the duplicates naming them were kept) and said exit 0, its outputs other
    /// than a run from scratch's. Now it says which records do not read back and reprocesses
    /// every file.
    @Test func anOutputChangedInPlaceIsNotReadBackAsRecords() throws {
        let dir = TemporaryDirectory()
        damaged.corpus(dir)
        for (k, file) in ["corpus.jsonl", "corpus.duplicates.jsonl"].enumerated() {
            let out = "zeroed-\(k)"
            expectEqual(try damaged.run(damaged.config(dir, output: out)).status, 0)
            let size = (try FileManager.default.attributesOfItem(atPath: dir.file(out + "/" + file))[.size] as? Int) ?? 0
            #expect(size > 0)
            dir.write(out + "/" + file, [UInt8](repeating: 0, count: size))
        }
        // The first copy of each capture is an original in the output; the last is a duplicate.
        #expect(unlink(dir.file("in/doc-000.txt")) == 0 && unlink(dir.file("in/doc-029.txt")) == 0)
        expectEqual(try damaged.run(damaged.config(dir, output: "fresh")).status, 0)
        let expected = crash.outputs(dir, "fresh")
        for (k, file) in ["corpus.jsonl", "corpus.duplicates.jsonl"].enumerated() {
            let out = "zeroed-\(k)"
            let again = try damaged.run(damaged.config(dir, output: out))
            expectEqual(again.status, 0, "\(file): \(again.stderr)")
            #expect(again.stderr.contains("in '\(dir.file(out + "/" + file))' (bytes ") && again.stderr.contains("are not what the last run wrote there")
                    && again.stderr.contains("reprocessing every file"), "\(file): \(again.stderr)")
            expectEqual(crash.outputs(dir, out), expected, "\(file): the outputs differ from a run from scratch's")
        }
    }

    /// The state folder's owner file (`output`), cut short ("corpus.js"), zero-filled or copied
    /// from another output's folder ("other.jsonl"), refused every run as if another output shared
    /// the folder ("give it another name"). No output of that name keeps its state there: the run
    /// mends the file, says so, and goes on. A name that would share the folder is still refused.
    @Test func aDamagedOwnerFileIsMendedNotTakenForAnotherOutput() throws {
        let dir = TemporaryDirectory()
        let expected = try reference(dir)
        for (k, content) in ["corpus.js\n", String(repeating: "\0", count: 13), "other.jsonl\n"].enumerated() {
            let out = "owner-\(k)"
            try crash.copyOutputs(dir, from: "reference", to: out)
            dir.write(out + "/.corpus.textmill/output", content)
            let again = try damaged.run(damaged.config(dir, output: out))
            expectEqual(again.status, 0, "\(content.debugDescription): \(again.stderr)")
            #expect(again.stderr.contains("the state folder's owner file '\(dir.file(out + "/.corpus.textmill/output"))' named")
                    && again.stderr.contains("it now names 'corpus.jsonl'"), "\(content.debugDescription): \(again.stderr)")
            #expect(!again.stderr.contains("reprocessing"), "\(content.debugDescription): the run kept its files: \(again.stderr)")
            expectEqual(dir.read(out + "/.corpus.textmill/output"), "corpus.jsonl\n")
            expectEqual(crash.outputs(dir, out), expected, "\(content.debugDescription)")
        }
        try crash.copyOutputs(dir, from: "reference", to: "shared")
        dir.write("shared/.corpus.textmill/output", "corpus.jsonl.gz\n")
        let shared = try damaged.run(damaged.config(dir, output: "shared"))
        expectEqual(shared.status, 2)
        #expect(shared.stderr.contains("would share its side files and state folder"), "\(shared.stderr)")
    }
}
