import Foundation
import Testing
@testable import TextMill

/// The state a run leaves beside its output (manifest, journal, dedup index generations) damaged
/// or out of step: the next run never trusts what it cannot, says so, and ends with exactly the
/// records of an uninterrupted run, under exit status 0.
@Suite(.serialized) struct DamagedStateTests {
    let crash = ReviewCrashTests()

    /// 30 distinct news texts (each capture with a first line of its own) and dedup's index.
    func corpus(_ dir: TemporaryDirectory) {
        let samples = Repo.sampleTexts.map { Repo.bytes($0) }
        for i in 0..<30 {
            dir.write(String(format: "in/doc-%03d.txt", i), Array("Copy \(i) of a capture\n\n".utf8) + samples[i % samples.count])
        }
    }

    func config(_ dir: TemporaryDirectory, output: String) -> String {
        dir.write("p-\(output).yaml", "input: \(dir.file("in"))\noutput: \(dir.file(output + "/corpus.jsonl"))\nstages: [normalize, sentences, dedup]\n")
    }

    func run(_ config: String, killAt: String? = nil) throws -> ReviewCrashTests.Outcome {
        try crash.textmill(config, killAt: killAt, jobs: 1, quiet: false)
    }

    func store(_ dir: TemporaryDirectory, _ out: String) -> StateStore { StateStore(output: dir.file(out + "/corpus.jsonl")) }

    /// A manifest whose ranges do not fill the outputs as a commit writes them (one digit off, as
    /// a flipped bit or a hand edit leaves it) or that is cut short made the next run cut and copy
    /// the wrong bytes: with the second file's records said to start a byte later, the run kept
    /// every file, "copied" the ranges and wrote a torn first record and a lost byte under exit 0;
    /// a manifest without its last lines took the files it no longer listed for new ones.
    @Test func aDamagedManifestIsNotTrustedAndEverythingIsReprocessed() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        expectEqual(try run(config(dir, output: "reference")).status, 0)
        let expected = crash.outputs(dir, "reference")
        expectEqual(ReviewCrashTests.lineCount(String(decoding: expected[0], as: UTF8.self)), 5, "dedup keeps one copy of each capture")
        let good = try #require(store(dir, "reference").loadManifest())
        let damages: [(String, (inout Manifest) -> Void)] = [
            ("a range starts a byte late", { $0.files[1].ranges.output.offset += 1 }),
            ("a range is a byte long", { $0.files[2].ranges.output.length += 1 }),
            ("a range of the duplicates one byte short", { m in
                let i = m.files.firstIndex { $0.ranges.duplicates.length > 0 }!
                m.files[i].ranges.duplicates.length -= 1 }),
            ("a file counts a failure it has no bytes for", { $0.files[0].counts!.errors = 1 }),
            // The ranges' sum past Int.max trapped the run (arithmetic overflow, exit 132).
            ("ranges that add up past the largest integer", { m in
                m.files[0].ranges.output.length = Int.max
                m.files[1].ranges.output.offset = Int.max }),
        ]
        for (k, (what, damage)) in damages.enumerated() {
            let out = "damaged-\(k)"
            try crash.copyOutputs(dir, from: "reference", to: out)
            var manifest = good
            damage(&manifest)
            dir.write(out + "/.corpus.textmill/manifest.json", manifest.bytes)
            let again = try run(config(dir, output: out))
            expectEqual(again.status, 0, "\(what): \(again.stderr)")
            #expect(again.stderr.contains("is damaged") && again.stderr.contains("reprocessing every file"), "\(what): \(again.stderr)")
            expectEqual(crash.outputs(dir, out), expected, "\(what): the outputs differ from an uninterrupted run's")
        }
        // Cut short: the closing line gone, then the last file's line too.
        let lines = good.bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        for drop in [2, 3] {
            let out = "cut-\(drop)"
            try crash.copyOutputs(dir, from: "reference", to: out)
            dir.write(out + "/.corpus.textmill/manifest.json", Array(lines.dropLast(drop).joined(separator: [0x0A])) + [0x0A])
            let again = try run(config(dir, output: out))
            #expect(again.status == 0 && again.stderr.contains("is damaged (it is not a whole manifest)"), "\(again.stderr)")
            expectEqual(crash.outputs(dir, out), expected, "a manifest without its last \(drop) lines")
        }
    }

    /// A run killed after its third checkpoint keeps dedup's index generations 2 and 3 only. When
    /// a file the second checkpoint had done changes before the resume, the resume goes back to
    /// the first checkpoint, whose generation is gone: the run stopped with exit 1, nothing
    /// written, and advice to delete the index ("has no saved generation 1 (it has 2, 3)").
    @Test func aResumeWhoseSavedDedupStateIsGoneStartsAgain() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        let cfg = config(dir, output: "out")
        let killed = try crash.textmill(cfg, killAt: "checkpoint-written:3", jobs: 1)
        #expect(killed.killed, "\(killed.stderr)")
        let generations = try FileManager.default.contentsOfDirectory(atPath: dir.file("out/.corpus.textmill/dedup")).filter { $0.hasPrefix("index.") }.sorted()
        expectEqual(generations, ["index.2.bin", "index.3.bin"])
        let journal = try #require(JournalFile(path: dir.file("out/.corpus.textmill/journal.jsonl")).load())
        expectEqual(journal.checkpoints.count, 3)
        let changed = try #require(journal.checkpoints[1].files.first?.path)
        let fd = open(changed, O_WRONLY | O_APPEND)
        expectEqual(write(fd, "Added after the kill.\n", 22), 22)
        close(fd)

        expectEqual(try run(config(dir, output: "reference")).status, 0)
        let resumed = try run(cfg)
        expectEqual(resumed.status, 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("whose saved stage state (dedup's index generation) is gone"), "\(resumed.stderr)")
        expectEqual(crash.outputs(dir, "out"), crash.outputs(dir, "reference"))
    }

    /// A checkpoint line that is valid JSON but holds an entry that does not read (a key damaged)
    /// lost that entry while the part files kept its records: the file was processed again and
    /// its records written twice. A range in a checkpoint one byte off cut a record.
    @Test func aDamagedJournalIsNotResumedPastTheDamage() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        expectEqual(try run(config(dir, output: "reference")).status, 0)
        let expected = crash.outputs(dir, "reference")
        let damages: [(String, (String) -> String)] = [
            ("an entry's key damaged", { $0.replacingOccurrences(of: "\"size\":", with: "\"sise\":") }),
            ("a range a byte long", { line in
                var o = try! JSONParser.parse(line).objectValue!
                var files = o["files"]!.arrayValue!
                var first = files[0].objectValue!
                var ranges = first["ranges"]!.arrayValue!
                let r = ranges[0].arrayValue!
                ranges[0] = .array([r[0], JSONValue(r[1].intValue! + 1)])
                first["ranges"] = .array(ranges)
                files[0] = .object(first)
                o["files"] = .array(files)
                return JSONValue.object(o).jsonText
            }),
        ]
        for (k, (what, damage)) in damages.enumerated() {
            let out = "out-\(k)"
            let cfg = config(dir, output: out)
            #expect(try crash.textmill(cfg, killAt: "checkpoint-written:2", jobs: 1).killed)
            var lines = dir.read(out + "/.corpus.textmill/journal.jsonl").split(separator: "\n").map(String.init)
            expectEqual(lines.count, 3)
            lines[2] = damage(lines[2])
            dir.write(out + "/.corpus.textmill/journal.jsonl", lines.joined(separator: "\n") + "\n")
            let resumed = try run(cfg)
            expectEqual(resumed.status, 0, "\(what): \(resumed.stderr)")
            expectEqual(crash.outputs(dir, out), expected, "\(what): the outputs differ from an uninterrupted run's")
        }
    }

    /// A checkpoint line has no checksum: one whose counts were edited (a count made negative, a
    /// digit changed) was resumed as it was. The outputs were right, but the stats file said the
    /// output held fewer records than it did (99,994 of 100,000 with `"records":-5`), and the
    /// counts went into the manifest under its checksum, where every later run took them for
    /// the last commit's. Such a line is damage: the resume stops before it.
    @Test func aJournalWhoseCountsNoRunWritesIsNotResumedPastThem() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        expectEqual(try run(config(dir, output: "reference")).status, 0)
        let expected = crash.outputs(dir, "reference")
        let damages: [(String, (inout JSONObject) -> Void)] = [
            ("the records made negative", { $0["records"] = JSONValue(-5) }),
            ("the records a digit off", { $0["records"] = JSONValue($0["records"]!.intValue! + 8) }),
            ("a count of duplicates made negative", { entry in
                var counts = entry["counts"]!.arrayValue!
                counts[2] = JSONValue(-1)
                entry["counts"] = .array(counts) }),
        ]
        for (k, (what, damage)) in damages.enumerated() {
            let out = "counts-\(k)"
            let cfg = config(dir, output: out)
            #expect(try crash.textmill(cfg, killAt: "checkpoint-written:2", jobs: 1).killed)
            var lines = dir.read(out + "/.corpus.textmill/journal.jsonl").split(separator: "\n").map(String.init)
            expectEqual(lines.count, 3)
            var line = try #require(try JSONParser.parse(lines[2]).objectValue)
            var files = try #require(line["files"]?.arrayValue)
            var first = try #require(files[0].objectValue)
            damage(&first)
            files[0] = .object(first)
            line["files"] = .array(files)
            lines[2] = JSONValue.object(line).jsonText
            dir.write(out + "/.corpus.textmill/journal.jsonl", lines.joined(separator: "\n") + "\n")
            let resumed = try run(cfg)
            expectEqual(resumed.status, 0, "\(what): \(resumed.stderr)")
            #expect(resumed.stderr.contains("is damaged") && resumed.stderr.contains("count"), "\(what): \(resumed.stderr)")
            expectEqual(crash.outputs(dir, out), expected, "\(what): the outputs differ from an uninterrupted run's")
            let stats = try #require(try JSONParser.parse(dir.read(out + "/corpus.stats.json")).objectValue)
            expectEqual(stats["output"]?.objectValue?["records"]?.intValue, 5, "\(what): the stats file counts the output's records")
            let manifest = try #require(store(dir, out).loadManifest())
            expectEqual(manifest.files.reduce(0) { $0 + $1.records }, 5, "\(what): the manifest counts the output's records")
            #expect(manifest.files.allSatisfy { $0.countDamage == nil }, "\(what)")
        }
    }
}

extension DamagedStateTests {
    /// A dedup index file whose checksum fails stops the run before anything is read; its
    /// message said to delete the index's folder (which, without --force, left a manifest naming
    /// a generation that no longer existed). It says to run again with --force, and that run
    /// rebuilds the index from the inputs and ends with an uninterrupted run's records.
    /// One bit of the newest `index.N.bin` flipped (its checksum no longer holds), or the record
    /// store cut shorter than the index says: the index cannot be built on, so the next run
    /// reprocesses every file and says why, ending with a first run's records under exit 0.
    /// (Before: the run stopped with exit 1, which DESIGN.md keeps for failed documents, when the
    /// first new document reached dedup, and said to run again with --force; with no new document
    /// the damage went unnoticed.)
    @Test func aDamagedDedupIndexMakesTheNextRunReprocessEveryFile() throws {
        for damage in ["flipped bit", "short record store"] {
            let dir = TemporaryDirectory()
            corpus(dir)
            expectEqual(try run(config(dir, output: "reference")).status, 0)
            try crash.copyOutputs(dir, from: "reference", to: "out")
            let dedup = dir.file("out/.corpus.textmill/dedup/")
            // The newest generation, the one the manifest names.
            let generation = try #require(try DedupIndex.generations(in: dedup).last)
            if damage == "flipped bit" {
                var bytes = Array(try #require(FileManager.default.contents(atPath: dedup + "index.\(generation).bin")))
                bytes[100] ^= 1
                dir.write("out/.corpus.textmill/dedup/index.\(generation).bin", bytes)
            } else {
                expectEqual(truncate(dedup + "records.bin", 10), 0)
            }
            let cfg = config(dir, output: "out")
            // --dry-run plans with the same check and says so, touching nothing.
            let preview = Process()
            preview.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
            preview.arguments = ["run", cfg, "--dry-run"]
            let said = Pipe()
            preview.standardOutput = said
            preview.standardError = said
            try preview.run()
            let previewText = String(decoding: said.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            preview.waitUntilExit()
            #expect(preview.terminationStatus == 0 && previewText.contains("(dedup's index) is gone or damaged ("), "\(damage): \(previewText)")
            let again = try run(cfg)
            expectEqual(again.status, 0, "\(damage): \(again.stderr)")
            #expect(again.stderr.contains("(dedup's index) is gone or damaged ("), "\(damage): \(again.stderr)")
            // A new file after the repair is checked against the rebuilt index.
            dir.write("in/new.txt", Array("A new story\n\n".utf8) + Repo.bytes(Repo.sampleTexts[0]))
            expectEqual(try run(cfg).status, 0)
            expectEqual(try run(config(dir, output: "fresh")).status, 0)
            expectEqual(crash.outputs(dir, "out"), crash.outputs(dir, "fresh"), "\(damage): the records of a first run on the same inputs")
        }
    }
}

extension DamagedStateTests {
    /// An incremental run killed after its third checkpoint has moved dedup's index past the
    /// generation the last commit named; when a file of its first checkpoint changes, the journal
    /// cannot be resumed, and the run goes back to the last commit's generation, which the index
    /// keeps (`DedupIndex.committedGeneration`): an incremental run over the inputs as they are.
    /// Until session 36 that generation was gone after the second checkpoint, and every file was
    /// reprocessed ("the saved stage state of the last run (dedup's index) is gone").
    @Test func anIncrementalResumeWhoseJournalCannotBeResumedGoesBackToTheLastCommit() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        let cfg = config(dir, output: "out")
        expectEqual(try run(cfg).status, 0)
        let samples = Repo.sampleTexts.map { Repo.bytes($0) }
        for i in 0..<30 { dir.write(String(format: "in/new/doc-%03d.txt", i), Array("Update \(i) of a capture\n\n".utf8) + samples[i % samples.count]) }
        #expect(try crash.textmill(cfg, killAt: "checkpoint-written:3", jobs: 1).killed)
        let journal = try #require(JournalFile(path: dir.file("out/.corpus.textmill/journal.jsonl")).load())
        let changed = try #require(journal.checkpoints.first?.files.first?.path)
        let fd = open(changed, O_WRONLY | O_APPEND)
        expectEqual(write(fd, "Added after the kill.\n", 22), 22)
        close(fd)
        let resumed = try run(cfg)
        expectEqual(resumed.status, 0, "\(resumed.stderr)")
        #expect(!resumed.stderr.contains("reprocessing every file") && resumed.stderr.contains("incremental: 30 new, 0 changed, 0 deleted"),
                "\(resumed.stderr)")
        expectEqual(try run(config(dir, output: "reference")).status, 0)
        expectEqual(crash.outputs(dir, "out"), crash.outputs(dir, "reference"))
    }
}

extension DamagedStateTests {
    /// Dedup's record store damaged in place, its size kept or cut at each eighth: zeros or 0xFF
    /// bytes written over it (as a sync tool or a failing disk leaves a file), one byte flipped
    /// in the middle. The store's records carry checksums, but they were read only when a
    /// document was compared with one: a zero-filled store made every new document that met a
    /// candidate fail ("the dedup record store … is damaged … run again with --force", exit 1)
    /// in this run and every run after, until the user passed --force. The run checks the store
    /// before it builds on the index generation that names it (`RecordStoreCheck`), says which
    /// file is damaged, reprocesses every file, and ends with a first run's records (exit 0).
    @Test func aDamagedDedupRecordStoreMakesTheRunReprocessEveryFile() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        expectEqual(try run(config(dir, output: "reference")).status, 0)
        let stored = Array(try #require(FileManager.default.contents(atPath: dir.file("reference/.corpus.textmill/dedup/records.bin"))))
        #expect(stored.count > 8_000, "the store holds the 5 distinct captures' shingles")
        var damages: [(String, [UInt8])] = [
            ("zero-filled", [UInt8](repeating: 0, count: stored.count)),
            ("all 0xFF", [UInt8](repeating: 0xFF, count: stored.count)),
            ("a byte flipped in the middle", { var b = stored; b[b.count / 2] ^= 0x20; return b }()),
            ("its last byte flipped", { var b = stored; b[b.count - 1] ^= 1; return b }()),
        ]
        for k in 0..<8 { damages.append(("cut at \(k)/8", Array(stored[0..<(stored.count * k / 8)]))) }
        // A new capture of a known text: it meets its earlier copy's record as a candidate.
        dir.write("in/zz-new.txt", Array("A later capture\n\n".utf8) + Repo.bytes(Repo.sampleTexts[1]))
        expectEqual(try run(config(dir, output: "fresh")).status, 0)
        let fresh = crash.outputs(dir, "fresh")
        for (k, (what, bytes)) in damages.enumerated() {
            let out = "damaged-\(k)"
            try crash.copyOutputs(dir, from: "reference", to: out)
            dir.write(out + "/.corpus.textmill/dedup/records.bin", bytes)
            let again = try run(config(dir, output: out))
            expectEqual(again.status, 0, "\(what): \(again.stderr)")
            #expect(again.stderr.contains("(dedup's index) is gone or damaged ('\(dir.file(out))/.corpus.textmill/dedup/records.bin'"), "\(what): \(again.stderr)")
            #expect(again.stderr.contains("): reprocessing every file"), "\(what): \(again.stderr)")
            expectEqual(crash.outputs(dir, out), fresh, "\(what): the outputs differ from a first run's on the same inputs")
            // And the rebuilt state is trusted by the next run.
            let next = try run(config(dir, output: out))
            expectEqual(next.status, 0, "\(what): \(next.stderr)")
            #expect(!next.stderr.contains("reprocessing"), "\(what): \(next.stderr)")
        }
    }
}

extension DamagedStateTests {

    /// Flips a byte of a record of dedup's store at `storePath` that the check before a run does
    /// not read (`RecordStoreCheck.sampled`), one of at least 30 values (a value, or the last
    /// byte of its id); returns where it starts and its id.
    func damageARecordTheCheckSkips(_ storePath: String, inItsID: Bool = false) throws -> (offset: Int, id: String) {
        // The store's records in order, and those the check reads (as `RecordStoreCheck.sampled`).
        var store = Array(try #require(FileManager.default.contents(atPath: storePath)))
        var records: [(offset: Int, id: String, values: Int)] = []
        var at = 0
        while at < store.count {
            let u32 = { (p: Int) in Int(store[p]) | Int(store[p + 1]) << 8 | Int(store[p + 2]) << 16 | Int(store[p + 3]) << 24 }
            let idLength = u32(at), word = u32(at + 4)
            // The top three bits of the word are flags (wide, checked, paragraph keys): the rest counts the values.
            let count = word & ~(7 << 29), wide = word & (1 << 31) != 0, checked = word & (1 << 30) != 0
            records.append((at, String(decoding: store[(at + 8)..<(at + 8 + idLength)], as: UTF8.self), count))
            at += 8 + idLength + count * (wide ? 8 : 4) + (checked ? 8 : 0)
        }
        try #require(records.count > RecordStoreCheck.sampleSize, "more documents than the check reads")
        let n = RecordStoreCheck.sampleSize
        let sampled = Set((0..<n).map { $0 * (records.count - 1) / (n - 1) })
        let skipped = try #require(records.indices.first { !sampled.contains($0) && records[$0].values >= 30 })
        let record = records[skipped]
        store[record.offset + 8 + record.id.utf8.count + (inItsID ? -1 : 4)] ^= 0x20
        #expect(FileManager.default.createFile(atPath: storePath, contents: Data(store)))
        return (record.offset, record.id)
    }

    /// A byte flipped inside dedup's record store of more than 64 documents, in a record the check
    /// before each run skips (`RecordStoreCheck` reads 64 documents' records), is found only when
    /// a new document is compared with that record. That document failed ("run again with
    /// --force", exit 1), and the runs after built on the damaged store, until the user passed
    /// --force. The run now gives itself up when a stage meets the damage (`StateFoundDamaged`),
    /// its outputs untouched, and makes itself again from an empty index, saying why: exit 0, a
    /// first run's outputs, and the next run trusts the rebuilt state.
    @Test(arguments: [1, 2])
    func aDamagedRecordTheCheckSkipsMakesTheRunStartAgain(jobs: Int) throws {
        let dir = TemporaryDirectory()
        let (paragraphs, line) = try writeParagraphCorpus(dir)
        let cfg = config(dir, output: "out")
        let args = ["run", cfg, "--jobs", "\(jobs)"]
        expectEqual(try CommandLineTests().textmill(args, in: dir.path).status, 0)
        let storePath = dir.file("out/.corpus.textmill/dedup/records.bin")
        let record = try damageARecordTheCheckSkips(storePath)
        // A later capture of that paragraph, one word added: a near copy compared with its record.
        let original = paragraphs[Int(record.id.dropFirst())!]
        dir.write("in/b.jsonl", line("later", original + " today"))
        let again = try CommandLineTests().textmill(args, in: dir.path)
        expectEqual(again.status, 0, "\(again.stderr)")
        #expect(again.stderr.contains("turned out damaged during the run (the dedup record store '\(storePath)' is damaged: its record at byte \(record.offset) does not read back as written): reprocessing every file"),
                "\(again.stderr)")
        expectEqual(try CommandLineTests().textmill(["run", config(dir, output: "fresh"), "--jobs", "\(jobs)"], in: dir.path).status, 0)
        expectEqual(crash.outputs(dir, "out"), crash.outputs(dir, "fresh"), "the outputs differ from a first run's on the same inputs")
        expectEqual(try dir.records("out/corpus.duplicates.jsonl").map { $0["duplicate"]?.objectValue?["of"]?.stringValue }, [record.id])
        let next = try CommandLineTests().textmill(args, in: dir.path)
        expectEqual(next.status, 0, "\(next.stderr)")
        #expect(!next.stderr.contains("reprocessing"), "\(next.stderr)")
    }

    /// The run made again builds new stages; exec's new log moved the first try's log to LOG.1
    /// a second time in the run, over the previous run's log, which was lost. The log is moved
    /// once a run: LOG.1 is the previous run's log, and LOG this run's, both tries, with a line
    /// between them.
    @Test func aRunMadeAgainMovesExecsLogAwayOnce() throws {
        let dir = TemporaryDirectory()
        let (paragraphs, line) = try writeParagraphCorpus(dir)
        // Each copy of the plugin says which it is, counting in a file of its own.
        let plugin = "n=$(cat \(dir.file("copies")) 2>/dev/null || echo 0); n=$((n+1)); echo $n > \(dir.file("copies")); echo \"copy $n started\" >&2; exec cat"
        let cfg = { (out: String) in
            dir.write("p-\(out).yaml", "input: \(dir.file("in"))\noutput: \(dir.file(out + "/corpus.jsonl"))\n"
                      + "stages: [normalize, {exec: {command: [sh, -c, '\(plugin)']}}, sentences, dedup]\n")
        }
        let args = ["run", cfg("out"), "--jobs", "1"]
        expectEqual(try CommandLineTests().textmill(args, in: dir.path).status, 0)
        dir.write("in/c.jsonl", line("notice", "The harbour office will close the north ferry ramp for repairs from Monday until the end of the month, the port authority said."))
        expectEqual(try CommandLineTests().textmill(args, in: dir.path).status, 0)
        let log = dir.file("out/.corpus.textmill/exec-sh.log")
        expectEqual(try String(contentsOfFile: log + ".1", encoding: .utf8), "copy 1 started\n")
        expectEqual(try String(contentsOfFile: log, encoding: .utf8), "copy 2 started\n")
        let record = try damageARecordTheCheckSkips(dir.file("out/.corpus.textmill/dedup/records.bin"))
        dir.write("in/b.jsonl", line("later", paragraphs[Int(record.id.dropFirst())!] + " today"))
        // What the first try found and mended once (a damaged owner file) is still said.
        dir.write("out/.corpus.textmill/output", "corpus.jsonk\n")
        let again = try CommandLineTests().textmill(args, in: dir.path)
        expectEqual(again.status, 0, "\(again.stderr)")
        #expect(again.stderr.contains("turned out damaged during the run"), "\(again.stderr)")
        #expect(again.stderr.contains("the state folder's owner file '\(dir.file("out/.corpus.textmill/output"))' named 'corpus.jsonk'"), "\(again.stderr)")
        expectEqual(try String(contentsOfFile: log + ".1", encoding: .utf8), "copy 2 started\n", "the previous run's log")
        expectEqual(try String(contentsOfFile: log, encoding: .utf8),
                    "copy 3 started\n[textmill] the run started again from an empty state (its saved state turned out damaged): the stderr below is from the run made again\ncopy 4 started\n")
        expectEqual(try CommandLineTests().textmill(["run", cfg("fresh"), "--jobs", "1"], in: dir.path).status, 0)
        expectEqual(crash.outputs(dir, "out"), crash.outputs(dir, "fresh"), "the outputs differ from a first run's on the same inputs")
    }

    /// The first run of the paragraphs of the dedup fixtures, one document each, in in/a.jsonl
    /// (the store then holds more records than the check reads), and a line of one.
    /// Writes `in/a.jsonl`: one record a paragraph of twelve words or more of the dedup fixtures
    /// (ids `p0`, `p1`, …), enough documents for a record store the check before a run samples
    /// only in part; returns the paragraphs and the function that writes a record's line.
    func writeParagraphCorpus(_ dir: TemporaryDirectory) throws -> (paragraphs: [String], line: (String, String) -> String) {
        let paragraphs = try DedupFixtures.names.map { try DedupFixtures.text($0) }.flatMap(DedupFixtures.paragraphs)
            .filter { $0.split(separator: " ").count >= 12 }
        let line = { (id: String, text: String) in "{\"id\": \(JSONValue.string(id).jsonText), \"text\": \(JSONValue.string(text).jsonText)}\n" }
        dir.write("in/a.jsonl", paragraphs.enumerated().map { line("p\($0.offset)", $0.element) }.joined())
        return (paragraphs, line)
    }

    func paragraphRun(_ dir: TemporaryDirectory) throws -> (paragraphs: [String], line: (String, String) -> String) {
        let corpus = try writeParagraphCorpus(dir)
        expectEqual(try CommandLineTests().textmill(["run", config(dir, output: "out")], in: dir.path).status, 0)
        return corpus
    }

    /// The run after the damage: the run made again (exit 0, the notice naming the record), the
    /// outputs of a first run over the same inputs, and a next run that trusts the rebuilt state.
    func expectTheRunMadeAgain(_ dir: TemporaryDirectory, record: (offset: Int, id: String)) throws {
        let storePath = dir.file("out/.corpus.textmill/dedup/records.bin")
        let again = try CommandLineTests().textmill(["run", config(dir, output: "out")], in: dir.path)
        expectEqual(again.status, 0, "\(again.stderr)")
        #expect(again.stderr.contains("turned out damaged during the run (the dedup record store '\(storePath)' is damaged: its record at byte \(record.offset) does not read back as written): reprocessing every file"),
                "\(again.stderr)")
        expectEqual(try CommandLineTests().textmill(["run", config(dir, output: "fresh")], in: dir.path).status, 0)
        expectEqual(crash.outputs(dir, "out"), crash.outputs(dir, "fresh"), "the outputs differ from a first run's on the same inputs")
        let next = try CommandLineTests().textmill(["run", config(dir, output: "out")], in: dir.path)
        expectEqual(next.status, 0, "\(next.stderr)")
        #expect(!next.stderr.contains("reprocessing"), "\(next.stderr)")
    }

    /// A damaged id in a record the check skips, met when dedup forgets the records of a changed
    /// file before the run reads anything (the id is checked against the hash the index keeps):
    /// the run is made again from an empty index.
    @Test func aDamagedIDMetWhileForgettingAChangedFileMakesTheRunStartAgain() throws {
        let dir = TemporaryDirectory()
        let (paragraphs, line) = try paragraphRun(dir)
        let record = try damageARecordTheCheckSkips(dir.file("out/.corpus.textmill/dedup/records.bin"), inItsID: true)
        dir.write("in/a.jsonl", paragraphs.enumerated().map { line("p\($0.offset)", $0.element) }.joined()
                  + line("added", "The harbour office will close the north ferry ramp for repairs from Monday until the end of the month, the port authority said."))
        try expectTheRunMadeAgain(dir, record: record)
    }

    /// A damaged id in a record the check skips, met when a near copy is compared with it (its
    /// checksum covers the id): the run is made again from an empty index.
    @Test func aDamagedIDMetByANearCopyMakesTheRunStartAgain() throws {
        let dir = TemporaryDirectory()
        let (paragraphs, line) = try paragraphRun(dir)
        let record = try damageARecordTheCheckSkips(dir.file("out/.corpus.textmill/dedup/records.bin"), inItsID: true)
        dir.write("in/b.jsonl", line("later", paragraphs[Int(record.id.dropFirst())!] + " today"))
        try expectTheRunMadeAgain(dir, record: record)
    }

    /// The progress line of a run made again started from zero files without a word, after the
    /// first try's line had ended "done in N s": the first try's line now says it was given up,
    /// and one line says the run started again and why before the new line starts.
    @Test func theProgressLineSaysTheRunStartedAgain() throws {
        let dir = TemporaryDirectory()
        let (paragraphs, line) = try paragraphRun(dir)
        let storePath = dir.file("out/.corpus.textmill/dedup/records.bin")
        let record = try damageARecordTheCheckSkips(storePath, inItsID: true)
        dir.write("in/b.jsonl", line("later", paragraphs[Int(record.id.dropFirst())!] + " today"))
        let again = try CommandLineTests().textmill(["run", config(dir, output: "out"), "--progress", "--jobs", "1"], in: dir.path)
        expectEqual(again.status, 0, "\(again.stderr)")
        let lines = again.stderr.split(separator: "\n").map(String.init)
        let finals = lines.filter { $0.contains(" s") && $0.hasPrefix("\r\u{1B}[K") }.map { $0.components(separatedBy: "\r\u{1B}[K").last ?? "" }
            .map { $0.replacingOccurrences(of: #"[0-9.]+ MB/s, (given up after|done in) [0-9.]+ s"#, with: "R MB/s, $1 T s", options: .regularExpression) }
        let reason = "the saved stage state of the last run (dedup's index) turned out damaged during the run (the dedup record store '\(storePath)' is damaged: "
            + "its record at byte \(record.offset) does not read back as written): reprocessing every file"
        expectEqual(lines.filter { $0.contains("started again") }, ["textmill: the run started again from an empty state, from the first file: " + reason])
        #expect(finals.count == 2 && finals[0].hasSuffix(", R MB/s, given up after T s") && finals[1].hasSuffix(", R MB/s, done in T s")
                && finals[1].hasPrefix("textmill: 2/2 files"), "\(finals)")
        // The notice comes between the two tries' lines.
        let notice = try #require(again.stderr.range(of: "textmill: the run started again"))
        #expect(again.stderr.range(of: "given up after")!.lowerBound < notice.lowerBound
                && notice.lowerBound < again.stderr.range(of: "done in")!.lowerBound, "\(again.stderr)")
    }

    /// Between the try given up and the run made again, the state folder's lock and dedup's
    /// index lock were released and taken again: a second `textmill run` on the output that
    /// started in that gap ran on the state the first was rebuilding, and the run made again was
    /// refused ("another textmill run … is writing", exit 2). Both locks are now held throughout:
    /// a second run started in that moment (reached through the seam `Runner.betweenTries`, not
    /// by a race) is refused, and so is dedup's index lock taken as a run takes it.
    @Test func noOtherRunCanStartBetweenTheTries() throws {
        // Every run but the second is made in this process: the build of the test's code is not
        // the textmill binary's, and a run of the one after the other reprocesses every file.
        let dir = TemporaryDirectory()
        let (paragraphs, line) = try writeParagraphCorpus(dir)
        let cfg = config(dir, output: "out")
        let runner = { Runner(config: try ConfigLoader(registry: .builtin).load(path: $0), options: RunOptions(jobs: 1)) }
        expectEqual(try runner(cfg).run().failed, 0)
        let record = try damageARecordTheCheckSkips(dir.file("out/.corpus.textmill/dedup/records.bin"))
        dir.write("in/b.jsonl", line("later", paragraphs[Int(record.id.dropFirst())!] + " today"))
        let again = try runner(cfg)
        var seen: [String] = []
        again.betweenTries = {
            let me = "another textmill run (pid \(getpid()))"
            do {
                let second = try CommandLineTests().textmill(["run", cfg], in: dir.path)
                seen.append("second run: exit \(second.status), " + (second.stderr.contains(me + " is writing") ? "refused" : second.stderr))
            } catch {
                seen.append("second run not started: \(error)")
            }
            do {
                _ = try IndexLock(directory: dir.file("out/.corpus.textmill/dedup"))
                seen.append("dedup's index lock taken")
            } catch {
                seen.append("\(error)".contains(me + " is using the dedup index") ? "dedup's index lock refused" : "\(error)")
            }
        }
        let summary = try again.run()
        expectEqual(seen, ["second run: exit 2, refused", "dedup's index lock refused"])
        expectEqual(summary.failed, 0)
        expectEqual(try runner(config(dir, output: "fresh")).run().failed, 0)
        expectEqual(crash.outputs(dir, "out"), crash.outputs(dir, "fresh"), "the outputs differ from a first run's on the same inputs")
        // Both locks are released when the run ends: another run takes them.
        let next = try CommandLineTests().textmill(["run", cfg], in: dir.path)
        expectEqual(next.status, 0, "\(next.stderr)")
    }
}
