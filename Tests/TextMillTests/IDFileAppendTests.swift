import Foundation
import Testing
@testable import TextMill

/// The id file (`IDFile`) grows by the new records' ids when a commit takes no kept id out (the
/// append fast path), instead of being written whole (16 bytes a record of the whole output at
/// every commit); it stays checked (a chain of block checksums), its name is checked as the
/// state folder's other files are, and the next commit removes stale generations.
@Suite struct IDFileAppendTests {
    static let l = IncrementalEqualsScratchTests.line
    static let council = IncrementalEqualsScratchTests.council
    static let ferry = IncrementalEqualsScratchTests.ferry
    static let oaks = IncrementalEqualsScratchTests.oaks
    static let bridge = IncrementalEqualsScratchTests.bridge

    static func set(_ ids: [String]) -> IDSet {
        var set = IDSet()
        for id in ids { _ = set.insert(id) }
        return set
    }

    static func pairs(_ ids: IDSet) -> [[UInt64]] {
        var all: [[UInt64]] = []
        ids.forEachPair { all.append([$0, $1]) }
        return all.sorted { $0.lexicographicallyPrecedes($1) }
    }

    static func bytes(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path) ?? Data()) }

    /// Appending `b` for generation 2 to the file of `a` (generation 1) reads back as the file
    /// written whole with both; the file still reads for generation 1 (a commit killed before its
    /// manifest), and a file cut inside or at the end of a block is not used.
    @Test func anAppendReadsAsARewriteAndACutIsCaught() throws {
        let dir = TemporaryDirectory()
        let kept = ["x", "a\"b", "story-1", "story-2"], new = ["story-3", "late"]
        let appended = dir.file("ids.1.bin"), whole = dir.file("whole.bin")
        try IDFile.write([Self.set(kept)], generation: 1, to: appended)
        guard case .ids(let first, let tail) = IDFile.read(appended, generation: 1, records: 4) else { Issue.record("not read"); return }
        expectEqual(Self.pairs(first), Self.pairs(Self.set(kept)))
        expectEqual(tail, IDFile.Tail(path: appended, length: 8 + 48 + 64, checksum: Array(Self.bytes(appended).suffix(32)), blocks: 1))
        let next = dir.file("ids.2.bin")
        try IDFile.append(Self.set(new), generation: 2, to: tail, path: next)
        #expect(!FileManager.default.fileExists(atPath: appended))
        try IDFile.write([Self.set(kept), Self.set(new)], generation: 2, to: whole)
        guard case .ids(let grown, let grownTail) = IDFile.read(next, generation: 2, records: 6),
              case .ids(let rewritten, _) = IDFile.read(whole, generation: 2, records: 6) else { Issue.record("not read"); return }
        expectEqual(Self.pairs(grown), Self.pairs(rewritten))
        expectEqual(Self.pairs(grown), Self.pairs(Self.set(kept + new)))
        expectEqual(grownTail.length, 8 + 48 + 64 + 48 + 32)
        expectEqual(grownTail.blocks, 2)
        // Read for the manifest before the append: the first block only.
        guard case .ids(let before, let beforeTail) = IDFile.read(next, generation: 1, records: 4) else { Issue.record("prefix not read"); return }
        expectEqual(Self.pairs(before), Self.pairs(Self.set(kept)))
        expectEqual(beforeTail.length, tail.length)
        // Cut: inside the appended block, at its start, one byte short.
        let full = Self.bytes(next)
        let cuts: [(Int, String)] = [
            (full.count - 1, "its block at byte 120 holds more ids than the file (it was cut)"),
            (full.count - 40, "it ends inside a block (byte 120): it was cut"),
            (tail.length + 10, "it ends inside a block (byte 120): it was cut"),
            (tail.length, "it goes with run 1, not with the last run's manifest (run 2)"),
        ]
        for (length, why) in cuts {
            try Data(full[..<length]).write(to: URL(fileURLWithPath: next))
            guard case .unusable(let reason) = IDFile.read(next, generation: 2, records: 6) else { Issue.record("cut at \(length) used"); continue }
            expectEqual(reason, why)
        }
        // A flipped byte in the first block breaks the chain; in the last, its checksum.
        for (at, block) in [(30, 8), (full.count - 1, 120)] {
            var flipped = full
            flipped[at] ^= 1
            try Data(flipped).write(to: URL(fileURLWithPath: next))
            guard case .unusable(let reason) = IDFile.read(next, generation: 2, records: 6) else { Issue.record("flipped at \(at) used"); continue }
            expectEqual(reason, "its checksum does not match its bytes (block at byte \(block))")
        }
    }

    func runAndAdd(_ dir: TemporaryDirectory) throws {
        _ = dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - normalize\n")
        _ = dir.write("in/a.jsonl", Self.l("x", Self.council) + Self.l("y", Self.oaks))
        expectEqual(try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
    }

    /// An incremental run that only adds a file appends its ids to the id file (the same file,
    /// its kept bytes untouched), and the next run uses it; cut after the append, it is seen,
    /// the ids are read from the output with a warning, and a new record under a kept id is
    /// still refused. Before, every commit wrote the file whole, through a new file.
    @Test func anAddedFileAppendsItsIDs() throws {
        let dir = TemporaryDirectory()
        try runAndAdd(dir)
        let state = dir.file("out/.corpus.textmill/")
        let before = Self.bytes(state + "ids.1.bin")
        var st = stat()
        try #require(lstat(state + "ids.1.bin", &st) == 0)
        let inode = st.st_ino
        _ = dir.write("in/b.jsonl", Self.l("z", Self.ferry))
        expectEqual(try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        let after = Self.bytes(state + "ids.2.bin")
        #expect(!FileManager.default.fileExists(atPath: state + "ids.1.bin"))
        try #require(lstat(state + "ids.2.bin", &st) == 0)
        expectEqual(st.st_ino, inode, "the id file was written anew, not appended to")
        expectEqual(after.count, before.count + 48 + 16)
        expectEqual(Array(after.prefix(before.count)), before)
        // The appended file is used: a new record under a kept id is refused, no warning.
        _ = dir.write("in/c.jsonl", Self.l("z", Self.bridge))
        let third = try CommandLineTests().textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(third.status, 1, "\(third.stderr)")
        #expect(!third.stderr.contains("warning"), "\(third.stderr)")
        // Cut after that append (the last block's checksum gone): seen, read from the output.
        let last = Self.bytes(state + "ids.3.bin")
        expectEqual(last.count, after.count + 48)
        try Data(last.dropLast(32)).write(to: URL(fileURLWithPath: state + "ids.3.bin"))
        _ = dir.write("in/d.jsonl", Self.l("y", Self.bridge))
        let fourth = try CommandLineTests().textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(fourth.status, 1, "\(fourth.stderr)")
        #expect(fourth.stderr.contains("warning: the id file 'out/.corpus.textmill/ids.3.bin' (the ids of the output's records, which keep new records from reusing them) cannot be used (it ends inside a block (byte 152): it was cut): the ids of the 3 records kept were read from 'out/corpus.jsonl' instead"),
                "\(fourth.stderr)")
        expectEqual(try dir.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["x", "y", "z"])
        expectEqual(try dir.records("out/corpus.errors.jsonl").compactMap { $0["id"]?.stringValue }, ["z", "y"])
        expectEqual(try FileManager.default.contentsOfDirectory(atPath: state).filter { $0.hasPrefix("ids.") }, ["ids.4.bin"])
    }

    /// A folder or named pipe planted under an id file's name is refused up front (exit 2), as
    /// under the state folder's other names. Before, the commit's rename failed on it: exit 3.
    @Test(arguments: ["folder", "pipe"])
    func aPlantedIDFileIsRefusedUpFront(kind: String) throws {
        let dir = TemporaryDirectory()
        try runAndAdd(dir)
        let planted = dir.file("out/.corpus.textmill/ids.2.bin")
        if kind == "folder" {
            try FileManager.default.createDirectory(atPath: planted, withIntermediateDirectories: false)
        } else {
            try #require(mkfifo(planted, 0o600) == 0)
        }
        _ = dir.write("in/b.jsonl", Self.l("z", Self.ferry))
        let second = try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(second.status, 2, "\(second.stderr)")
        let what = kind == "folder" ? "a folder" : "a named pipe"
        #expect(second.stderr.contains("'out/.corpus.textmill/ids.2.bin' is \(what), not a file TextMill wrote (the state folder 'out/.corpus.textmill' holds only its own files)"),
                "\(second.stderr)")
    }

    /// A kill between a commit's manifest and its removal of the last id file leaves that file
    /// behind; the next commit removes it, and any other stale generation or temporary file.
    /// Before, only the generation just before was removed: the older ones stayed for good.
    @Test func staleIDFilesGoAtTheNextCommit() throws {
        let dir = TemporaryDirectory()
        try runAndAdd(dir)
        // A changed file: the id file is written whole (ids.2.bin), the kill leaves ids.1.bin.
        _ = dir.write("in/a.jsonl", Self.l("x", Self.council) + Self.l("w", Self.oaks))
        let killed = try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path, environment: ["TEXTMILL_KILL_AT": "rollforward-after-manifest:1"])
        #expect(killed.status != 0 && killed.status != 1, "the run was not killed: \(killed.stderr)")
        let state = dir.file("out/.corpus.textmill/")
        let listed = { try FileManager.default.contentsOfDirectory(atPath: state).filter { $0.hasPrefix("ids.") }.sorted() }
        expectEqual(try listed(), ["ids.1.bin", "ids.2.bin"])
        _ = dir.write("out/.corpus.textmill/ids.7.bin.tmp", "left by a killed write")
        _ = dir.write("in/b.jsonl", Self.l("z", Self.ferry))
        let next = try CommandLineTests().textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(next.status, 0, "\(next.stderr)")
        #expect(!next.stderr.contains("warning"), "\(next.stderr)")
        expectEqual(try listed(), ["ids.3.bin"])
        expectEqual(try dir.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["x", "w", "z"])
    }
}

extension IDFileAppendTests {
    /// A file of the first format (`TMIDS001`, before appends) is still read, so an upgrade
    /// costs no warning, and is not appended to (the commit writes it whole).
    @Test func theFirstFormatIsStillRead() throws {
        let dir = TemporaryDirectory()
        let ids = Self.set(["x", "y"])
        var bytes = Array("TMIDS001".utf8)
        for n: UInt64 in [3, 2] { withUnsafeBytes(of: n.littleEndian) { bytes.append(contentsOf: $0) } }
        ids.forEachPair { a, b in for n in [a, b] { withUnsafeBytes(of: n.littleEndian) { bytes.append(contentsOf: $0) } } }
        var sha = SHA256()
        sha.update(bytes)
        bytes += sha.finalize()
        let path = dir.write("ids.3.bin", bytes)
        guard case .ids(let read, let tail) = IDFile.read(path, generation: 3, records: 2) else { Issue.record("not read"); return }
        expectEqual(Self.pairs(read), Self.pairs(ids))
        #expect(!tail.appendable)
        bytes[30] ^= 1
        _ = dir.write("ids.3.bin", bytes)
        guard case .unusable(let why) = IDFile.read(path, generation: 3, records: 2) else { Issue.record("flipped used"); return }
        expectEqual(why, "its checksum does not match its bytes")
    }
}

extension IDFileAppendTests {
    /// A kill after the commit appended to the id file and renamed it to the next generation's
    /// name, before the manifest: the last manifest still reads it under that name (its blocks
    /// up to the last generation's), with no warning, and the next commit cuts the killed block.
    @Test func aKillAfterTheAppendLeavesAFileTheLastManifestReads() throws {
        let dir = TemporaryDirectory()
        try runAndAdd(dir)
        let state = dir.file("out/.corpus.textmill/")
        let listed = { try FileManager.default.contentsOfDirectory(atPath: state).filter { $0.hasPrefix("ids.") }.sorted() }
        _ = dir.write("in/b.jsonl", Self.l("z", Self.ferry))
        let killed = try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path, environment: ["TEXTMILL_KILL_AT": "append-planned:1"])
        #expect(killed.status != 0 && killed.status != 1, "the run was not killed: \(killed.stderr)")
        expectEqual(try listed(), ["ids.2.bin"])
        expectEqual(Self.bytes(state + "ids.2.bin").count, 8 + 48 + 32 + 48 + 16)
        _ = dir.write("in/c.jsonl", Self.l("y", Self.bridge))
        let next = try CommandLineTests().textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(next.status, 1, "\(next.stderr)")
        #expect(!next.stderr.contains("warning"), "\(next.stderr)")
        expectEqual(try dir.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["x", "y", "z"])
        expectEqual(try dir.records("out/corpus.errors.jsonl").compactMap { $0["id"]?.stringValue }, ["y"])
        // The killed block cut, this run's (b's one id, c's none refused) appended.
        expectEqual(try listed(), ["ids.2.bin"])
        expectEqual(Self.bytes(state + "ids.2.bin").count, 8 + 48 + 32 + 48 + 16)
    }
}
