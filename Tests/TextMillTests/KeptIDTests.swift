import Foundation
import Testing
@testable import TextMill

/// An incremental run refuses a new record under an id a record kept from an earlier run holds,
/// as a run from scratch refuses it (errors file, stage `write`, exit 1): the writer starts from
/// the kept records' ids (`KeptIDs`). Before, it knew only this run's ids: without `dedup`, or
/// for an id a kept record marked a duplicate or without words holds (never in dedup's index),
/// the record was written beside the kept one, the id twice in the output under exit 0, where
/// a run from scratch exits 1. A changed or deleted file's ids are free again.
@Suite struct KeptIDTests {
    typealias Step = IncrementalEqualsScratchTests.Step
    static let l = IncrementalEqualsScratchTests.line
    static let council = IncrementalEqualsScratchTests.council
    static let ferry = IncrementalEqualsScratchTests.ferry
    static let oaks = IncrementalEqualsScratchTests.oaks
    static let bridge = IncrementalEqualsScratchTests.bridge

    /// a keeps `x`; b comes with another text under `x`, then changes to another id (its `x` is
    /// gone, nothing to refuse), reuses `x` again, goes, and comes back under `x`. (Edits to b
    /// only: a changed file's records go after the kept ones, README.)
    static let reusedByANewFile: [Step] = [
        ["a.jsonl": l("x", council)],
        ["b.jsonl": l("x", ferry) + l("y", oaks)],
        ["b.jsonl": l("y", oaks) + l("z", ferry)],
        ["b.jsonl": l("z", ferry) + l("x", bridge)],
        ["b.jsonl": nil],
        ["b.jsonl": l("x", ferry)],
    ]

    static let stages = ["  - normalize\n", "  - dedup\n", "  - dedup: {action: mark}\n"]

    @Test(arguments: stages)
    func aNewFileReusingAKeptID(stages: String) throws {
        try IncrementalEqualsScratchTests().check(Self.reusedByANewFile, stages: stages)
    }

    @Test(arguments: stages)
    func aNewFileReusingAKeptIDOnTwoThreads(stages: String) throws {
        try IncrementalEqualsScratchTests().check(Self.reusedByANewFile, stages: stages, arguments: ["--jobs", "2"])
    }

    /// The kept record under `x` is a copy dedup marked a duplicate (`action: mark`: in the
    /// output, never in the index), then a document without words (in the output, never indexed).
    @Test(arguments: ["drop", "mark"])
    func aKeptIDDedupNeverIndexed(action: String) throws {
        let steps: [Step] = [
            ["a.jsonl": Self.l("p", Self.council), "b.jsonl": Self.l("x", Self.council)],
            ["c.jsonl": Self.l("x", Self.ferry)],
            ["c.jsonl": nil, "b.jsonl": Self.l("x", "...")],
            ["c.jsonl": Self.l("x", Self.oaks)],
            ["b.jsonl": nil],
        ]
        try IncrementalEqualsScratchTests().check(steps, action: action)
    }

    /// The file whose record holds the id changes or goes: the id is free again, and the kept
    /// file whose record was refused for it is processed again (`RefusedIDs`), so its record is
    /// written as a run from scratch writes it. Kept as it was, the refusal stayed: the record
    /// was in no output, under exit 0.
    @Test(arguments: stages)
    func theHoldersFileGoingFreesTheID(stages: String) throws {
        let steps: [Step] = [
            ["a.jsonl": Self.l("x", Self.council), "b.jsonl": Self.l("x", Self.ferry) + Self.l("y", Self.oaks)],
            ["a.jsonl": nil],
        ]
        try IncrementalEqualsScratchTests().check(steps, stages: stages)
        let changed: [Step] = [
            ["a.jsonl": Self.l("x", Self.council)],
            ["b.jsonl": Self.l("x", Self.ferry) + Self.l("y", Self.oaks)],
            ["a.jsonl": Self.l("w", Self.bridge)],
        ]
        try IncrementalEqualsScratchTests().check(changed, stages: stages)
    }

    /// The new file sorts before the kept one: a run from scratch keeps the new file's record and
    /// refuses the kept one; an incremental run takes the new records after the kept ones (README,
    /// incremental runs), so the kept record keeps its id and the new one is refused, as dedup
    /// takes a kept record for the original of a new copy. Either way the id is in the output once.

    /// b holds a copy of a's record and a record under `y`; c's record under `y` was refused, and
    /// d holds a copy of c's other record. a changes to b's text under `y`: b is processed again
    /// for its copy of a's old text (`OrphanedDuplicates`), and its `y` is now a duplicate of a's
    /// new record, so `y` is free: c is processed again for its refused record (`RefusedIDs`),
    /// and d for its copy of c's record, which goes away with c. Refusals were looked for once,
    /// before the duplicates: c's record stayed refused, in no output, exit 1, where a run from
    /// scratch writes it under exit 0.
    @Test func anIDAFileProcessedAgainForACopyFrees() throws {
        let steps: [Step] = [
            ["a.jsonl": Self.l("a1", Self.council), "b.jsonl": Self.l("b1", Self.council) + Self.l("y", Self.ferry),
             "c.jsonl": Self.l("y", Self.oaks) + Self.l("c2", Self.bridge), "d.jsonl": Self.l("d1", Self.bridge)],
            ["a.jsonl": Self.l("a1", Self.ferry)],
        ]
        try IncrementalEqualsScratchTests().check(steps, action: "drop")
    }
    @Test(arguments: stages)
    func aNewFileBeforeTheKeptOneReusingItsID(stages: String) throws {
        let dir = TemporaryDirectory()
        _ = dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n" + stages)
        _ = dir.write("in/b.jsonl", Self.l("x", Self.council))
        expectEqual(try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        _ = dir.write("in/a.jsonl", Self.l("x", Self.ferry) + Self.l("y", Self.oaks))
        let second = try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(second.status, 1, "\(second.stderr)")
        expectEqual(try dir.records("out/corpus.jsonl").map { [$0["id"]?.stringValue ?? "", $0["text"]?.stringValue ?? ""] },
                    [["x", Self.council], ["y", Self.oaks]])
        expectEqual(try dir.records("out/corpus.errors.jsonl").map { [$0["id"]?.stringValue ?? "", $0["stage"]?.stringValue ?? "", ($0["source"]?.objectValue?["path"]?.stringValue) ?? ""] },
                    [["x", "write", "in/a.jsonl"]])
    }

    /// A run killed after a checkpoint of an incremental run, then resumed: the writer starts
    /// from the kept ids and the killed run's, and refuses the new `x` as an uninterrupted run does.
    @Test(arguments: stages)
    func aResumedIncrementalRunRefusesAKeptID(stages: String) throws {
        let interrupted = TemporaryDirectory(), clean = TemporaryDirectory()
        let args = ["run", "p.yaml", "-q", "--jobs", "1", "--checkpoint-mb", "0.00001"]
        for dir in [interrupted, clean] {
            _ = dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n" + stages)
            _ = dir.write("in/a.jsonl", Self.l("x", Self.council))
            expectEqual(try CommandLineTests().textmill(args, in: dir.path).status, 0)
            _ = dir.write("in/b.jsonl", Self.l("y", Self.oaks))
            _ = dir.write("in/c.jsonl", Self.l("x", Self.ferry) + Self.l("z", Self.bridge))
        }
        let killed = try CommandLineTests().textmill(args, in: interrupted.path, environment: ["TEXTMILL_KILL_AT": "checkpoint-written:1"])
        #expect(killed.status != 0 && killed.status != 1, "the run was not killed: \(killed.stderr)")
        let resumed = try CommandLineTests().textmill(args, in: interrupted.path)
        let whole = try CommandLineTests().textmill(args, in: clean.path)
        expectEqual(whole.status, 1, "\(whole.stderr)")
        expectEqual(resumed.status, whole.status, "\(resumed.stderr)")
        for name in ["out/corpus.jsonl", "out/corpus.errors.jsonl", "out/corpus.duplicates.jsonl"] {
            expectEqual(interrupted.read(name), clean.read(name), "\(name)")
        }
        expectEqual(try interrupted.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["x", "y", "z"])
    }

    /// The id file (`IDFile`) missing, with a byte flipped, or of another generation: the kept
    /// records' ids are read from the output instead, with a warning naming the file, the new
    /// record under a kept id is still refused, and the run writes the file anew.
    @Test(arguments: ["missing", "flipped", "stale"])
    func anUnusableIDFileIsReadFromTheOutputWithAWarning(damage: String) throws {
        let dir = TemporaryDirectory()
        _ = dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - normalize\n")
        _ = dir.write("in/a.jsonl", Self.l("x", Self.council) + Self.l("y", Self.oaks))
        expectEqual(try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        let idFile = dir.file("out/.corpus.textmill/ids.1.bin")
        var bytes = [UInt8](FileManager.default.contents(atPath: idFile) ?? Data())
        try #require(bytes.count == 56 + 2 * 16, "no id file of two ids at \(idFile)")
        switch damage {
        case "missing": try FileManager.default.removeItem(atPath: idFile)
        case "flipped": bytes[30] ^= 1; try Data(bytes).write(to: URL(fileURLWithPath: idFile))
        default:
            // Its ids, for the manifest of the next run.
            guard case .ids(let ids, _) = IDFile.read(idFile, generation: 1, records: 2) else { Issue.record("id file unread"); return }
            try IDFile.write([ids], generation: 2, to: idFile)
        }
        _ = dir.write("in/b.jsonl", Self.l("x", Self.ferry))
        let second = try CommandLineTests().textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(second.status, 1, "\(second.stderr)")
        let why = ["missing": "is missing", "flipped": "cannot be used (its checksum does not match its bytes (block at byte 8))",
                   "stale": "cannot be used (it goes with run 2, not with the last run's manifest (run 1))"][damage]!
        #expect(second.stderr.contains("warning: the id file 'out/.corpus.textmill/ids.1.bin' (the ids of the output's records, which keep new records from reusing them) \(why): the ids of the 2 records kept were read from 'out/corpus.jsonl' instead, and this run writes the file anew"),
                "\(second.stderr)")
        expectEqual(try dir.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["x", "y"])
        #expect(FileManager.default.fileExists(atPath: dir.file("out/.corpus.textmill/ids.2.bin")))
        #expect(!FileManager.default.fileExists(atPath: idFile))
        // The file written anew is used: no warning.
        _ = dir.write("in/c.jsonl", Self.l("y", Self.bridge))
        let third = try CommandLineTests().textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(third.status, 1, "\(third.stderr)")
        #expect(!third.stderr.contains("warning"), "\(third.stderr)")
        expectEqual(try dir.records("out/corpus.errors.jsonl").compactMap { $0["id"]?.stringValue }, ["x", "y"])
    }

    /// The id file's set takes ids out (`IDSet.remove`) and still finds every other one, across
    /// probe runs that wrap around the table.
    @Test func idsTakenOutLeaveTheOthersFound() {
        var ids = IDSet()
        let all = (0..<5000).map { "doc-\($0)" }
        for id in all { _ = ids.insert(id) }
        var kept = Set(all)
        for id in all where id.hasSuffix("3") || id.hasSuffix("7") {
            var id = id
            #expect(id.withUTF8 { ids.remove(utf8: $0) })
            kept.remove(id)
        }
        expectEqual(ids.count, kept.count)
        for id in all { #expect(ids.contains(id) == kept.contains(id), "\(id)") }
        var copy = IDSet(capacity: kept.count)
        ids.forEachPair { _ = copy.insert(pair: $0, $1) }
        for id in all { #expect(copy.contains(id) == kept.contains(id), "\(id)") }
    }

    /// Ids as the writer escapes them (a quote, a control) are read back whole.
    @Test func escapedIDsAreReadBack() throws {
        var ids = IDSet()
        for line in ["{\"id\":\"plain\",\"text\":\"t\"}", "{\"id\":\"a\\\"b\\u0001\",\"text\":\"t\"}", "{\"text\":\"t\",\"id\":\"late\"}"] {
            expectEqual(KeptIDs.insert(idOf: Array(line.utf8), into: &ids), true)
        }
        #expect(ids.contains("plain") && ids.contains("a\"b\u{01}") && ids.contains("late"))
        expectEqual(KeptIDs.insert(idOf: Array("{\"id\":\"plain\"}".utf8), into: &ids), false)
        expectEqual(KeptIDs.insert(idOf: Array("{\"text\":\"t\"}".utf8), into: &ids), nil)
    }
}
