import Foundation
import Testing
@testable import TextMill

/// When the file of a record that duplicates point to is deleted or changed, an incremental run
/// processes again the unchanged files holding those duplicates (`OrphanedDuplicates`), so it
/// ends with what a run from scratch writes.
///
/// Before, a duplicate kept from an unchanged file went on naming a record the output no longer
/// held: with `action: drop` its text was then in no record of the corpus, under exit 0. File a
/// held a story, file c an exact copy of it; a was deleted; the output held neither, and the
/// duplicates file pointed at a record that was gone.
@Suite struct OrphanedDuplicateTests {
    typealias Step = IncrementalEqualsScratchTests.Step
    static let l = IncrementalEqualsScratchTests.line
    static let council = IncrementalEqualsScratchTests.council
    static let ferry = IncrementalEqualsScratchTests.ferry
    static let ferryAgain = IncrementalEqualsScratchTests.ferryAgain
    static let oaks = IncrementalEqualsScratchTests.oaks
    static let bridge = IncrementalEqualsScratchTests.bridge

    /// An exact copy in the last file, its original's file deleted, then the copy's file edited.
    static let exactCopy: [Step] = [
        ["a.jsonl": l("p", council), "b.jsonl": l("q", ferry), "c.jsonl": l("r", council) + l("s", oaks)],
        ["a.jsonl": nil],
        ["c.jsonl": l("r", council) + l("s", oaks) + l("t", bridge)],
    ]

    /// A near copy (one more word), its original's file deleted.
    static let nearCopy: [Step] = [
        ["a.jsonl": l("q", ferry), "b.jsonl": l("s", oaks), "c.jsonl": l("v", ferryAgain)],
        ["a.jsonl": nil],
    ]

    /// Two copies of one original in two files: both files are processed again, in input order,
    /// so the first copy becomes the original and the second its duplicate.
    static let twoCopies: [Step] = [
        ["a.jsonl": l("p", council), "b.jsonl": l("q", council) + l("s", oaks), "c.jsonl": l("r", council)],
        ["a.jsonl": nil],
    ]

    /// Followed in turn: b is processed again for its copy of a's story, and c, whose copy names
    /// b's other record, with it.
    static let inTurn: [Step] = [
        ["a.jsonl": l("p", council), "b.jsonl": l("q", council) + l("w", oaks), "c.jsonl": l("u", oaks) + l("x", bridge)],
        ["a.jsonl": nil],
    ]

    @Test(arguments: ["drop", "mark"])
    func theOriginalsFileDeletedKeepsItsExactCopy(action: String) throws {
        try IncrementalEqualsScratchTests().check(Self.exactCopy, action: action)
    }

    @Test(arguments: ["drop", "mark"])
    func theOriginalsFileDeletedKeepsItsNearCopy(action: String) throws {
        try IncrementalEqualsScratchTests().check(Self.nearCopy, action: action)
    }

    @Test(arguments: ["drop", "mark"])
    func twoCopiesOfADeletedOriginal(action: String) throws {
        try IncrementalEqualsScratchTests().check(Self.twoCopies, action: action)
    }

    @Test(arguments: ["drop", "mark"])
    func copiesOfRecordsProcessedAgainAreFollowed(action: String) throws {
        try IncrementalEqualsScratchTests().check(Self.inTurn, action: action)
    }

    /// The original's file changed: its new text goes after the kept records (README), so the
    /// bytes differ from a run from scratch, but the copy's text is in the output again.
    @Test func theOriginalsFileChangedKeepsItsCopy() throws {
        let dir = TemporaryDirectory()
        _ = dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - dedup\n")
        _ = dir.write("in/a.jsonl", Self.l("p", Self.council))
        _ = dir.write("in/b.jsonl", Self.l("q", Self.council) + Self.l("s", Self.oaks))
        let first = try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(first.status, 0, "\(first.stderr)")
        expectEqual(try dir.records("out/corpus.duplicates.jsonl").compactMap { $0["id"]?.stringValue }, ["q"])
        _ = dir.write("in/a.jsonl", Self.l("p", Self.bridge))
        let second = try CommandLineTests().textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(second.status, 0, "\(second.stderr)")
        #expect(second.stderr.contains("[incremental: 0 new, 1 changed, 0 deleted, 1 processed again (unchanged, holding a duplicate of a record that goes away or a record refused for an id now free), 0 unchanged files]"),
                "\(second.stderr)")
        expectEqual(try dir.records("out/corpus.jsonl").map { [$0["id"]?.stringValue ?? "", $0["text"]?.stringValue ?? ""] },
                    [["p", Self.bridge], ["q", Self.council], ["s", Self.oaks]])
        expectEqual(dir.read("out/corpus.duplicates.jsonl"), "")
    }

    /// `--dry-run` names the files it would process again, and writes nothing.
    @Test func aDryRunNamesTheFilesProcessedAgain() throws {
        let dir = TemporaryDirectory()
        _ = dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - dedup\n")
        _ = dir.write("in/a.jsonl", Self.l("p", Self.council))
        _ = dir.write("in/b.jsonl", Self.l("s", Self.oaks))
        _ = dir.write("in/c.jsonl", Self.l("r", Self.council))
        expectEqual(try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        try FileManager.default.removeItem(atPath: dir.file("in/a.jsonl"))
        let before = try FileManager.default.subpathsOfDirectory(atPath: dir.file("out")).sorted().map { ($0, dir.read("out/" + $0)) }
        let dry = try CommandLineTests().textmill(["run", "p.yaml", "--dry-run"], in: dir.path)
        expectEqual(dry.status, 0, "\(dry.stderr)")
        expectEqual(dry.stdout + dry.stderr, """
            textmill: dry run for out/corpus.jsonl: nothing was read or written
              0 new, 0 changed, 1 deleted, 1 processed again (unchanged, holding a duplicate of a record that goes away or a record refused for an id now free), 1 unchanged file
              deleted: in/a.jsonl
              processed again: in/c.jsonl

            """)
        let after = try FileManager.default.subpathsOfDirectory(atPath: dir.file("out")).sorted().map { ($0, dir.read("out/" + $0)) }
        #expect(before.map(\.0) == after.map(\.0) && before.map(\.1) == after.map(\.1), "the dry run wrote to out/")
    }

    /// Only the files where the pipeline's dedup keeps its duplicates are searched for duplicates
    /// of records that go away (`Pipeline.duplicateKinds`): the output under `mark`, the
    /// duplicates file under `drop`, nothing without dedup. Before, every run that forgot records
    /// read the output's kept ranges whole (a pass over the corpus) even where the output could
    /// hold no duplicate. Shown with an output whose kept record was edited by hand to look
    /// like a marked duplicate of the deleted file's record: only under `mark` is it noticed.
    @Test(arguments: [("  - normalize\n", false), ("  - dedup\n", false), ("  - dedup: {action: mark}\n", true)])
    func onlyTheFilesThatCanHoldDuplicatesAreSearched(stages: String, searchesOutput: Bool) throws {
        let dir = TemporaryDirectory()
        _ = dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n" + stages)
        _ = dir.write("in/a.jsonl", Self.l("p", Self.council))
        _ = dir.write("in/b.jsonl", Self.l("s", Self.oaks))
        let first = try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(first.status, 0, "\(first.stderr)")
        // b's record, replaced by one of the same length that names a's record as its original.
        let output = dir.read("out/corpus.jsonl")
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        try #require(lines.count == 3 && lines[1].hasPrefix("{\"id\":\"s\""), "\(output)")
        let head = "{\"id\":\"s\",\"duplicate\":{\"of\":\"p\",\"kind\":\"exact\"},\"pad\":\""
        let padding = lines[1].utf8.count - head.utf8.count - 2
        try #require(padding > 0)
        _ = dir.write("out/corpus.jsonl", lines[0] + "\n" + head + String(repeating: "x", count: padding) + "\"}\n")
        try FileManager.default.removeItem(atPath: dir.file("in/a.jsonl"))
        let dry = try CommandLineTests().textmill(["run", "p.yaml", "--dry-run"], in: dir.path)
        expectEqual(dry.status, 0, "\(dry.stderr)")
        expectEqual((dry.stdout + dry.stderr).contains("processed again: in/b.jsonl"), searchesOutput, "\(dry.stdout)\(dry.stderr)")
    }
}

/// A document dedup indexed and a later stage filtered is forgotten when its file changes, as
/// the output's documents are. It stayed in dedup's index: when its file changed, each of the
/// file's documents came back as a duplicate of its own earlier version (an exact one, or a near
/// one for the edited record) and went to the duplicates file instead of the filtered file,
/// under exit 0. Forgetting now reads the filtered file's records that carry dedup's
/// `"duplicate": null` (`RunPlan.documents(of:)`).
@Suite struct FilteredAfterDedupTests {
    static let spam = "buy now buy now buy now"
    static let council = "The council voted on the budget today. Members said the plan was fair to every district in the city, and the mayor agreed that the schools would get more money next year while the roads would be repaired before the winter. "

    @Test func aFileWhoseDocumentsWereFilteredAfterDedupChanges() throws {
        let incremental = TemporaryDirectory(), scratch = TemporaryDirectory()
        let l = IncrementalEqualsScratchTests.line
        for dir in [incremental, scratch] {
            _ = dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - dedup\n  - filter\n")
        }
        _ = incremental.write("in/a.jsonl", l("x", Self.spam) + l("y", String(repeating: Self.council, count: 3)))
        expectEqual(try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: incremental.path).status, 0)
        expectEqual(try incremental.records("out/corpus.filtered.jsonl").compactMap { $0["id"]?.stringValue }, ["x", "y"])
        let edited = l("x", Self.spam) + l("y", String(repeating: Self.council, count: 3).replacingOccurrences(of: "next year", with: "next spring"))
        for dir in [incremental, scratch] { _ = dir.write("in/a.jsonl", edited) }
        let a = try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: incremental.path)
        let b = try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: scratch.path)
        expectEqual(a.status, 0, "\(a.stderr)")
        expectEqual(b.status, 0, "\(b.stderr)")
        expectEqual(try incremental.records("out/corpus.filtered.jsonl").compactMap { $0["id"]?.stringValue }, ["x", "y"])
        for name in ["out/corpus.jsonl", "out/corpus.duplicates.jsonl", "out/corpus.filtered.jsonl", "out/corpus.errors.jsonl"] {
            expectEqual(incremental.read(name), scratch.read(name), "\(name)")
        }
    }
}

/// A document that failed in a stage after dedup, then fixed by the user, is written: dedup
/// had indexed it before the stage failed it, and the fixed document came back as a near
/// duplicate of its own failed version and went to the duplicates file, under exit 0. The errors
/// file's records of stages after dedup are now forgotten with their file (`RunPlan.documents(of:)`).
@Suite struct FailedAfterDedupTests {
    @Test func aDocumentFixedAfterAStageFailedItIsWritten() throws {
        let incremental = TemporaryDirectory(), scratch = TemporaryDirectory()
        let l = IncrementalEqualsScratchTests.line
        let script = "import sys, json\nfor line in sys.stdin:\n    d = json.loads(line)\n    print(\"not a record\" if \"BROKEN\" in d.get(\"text\", \"\") else json.dumps(d), flush=True)\n"
        for dir in [incremental, scratch] {
            _ = dir.write("fail.py", script)
            _ = dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - dedup\n  - exec: {command: [python3, fail.py]}\n")
        }
        let council = IncrementalEqualsScratchTests.council
        _ = incremental.write("in/a.jsonl", l("x", council + " BROKEN") + l("y", IncrementalEqualsScratchTests.oaks))
        expectEqual(try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: incremental.path).status, 1)
        expectEqual(try incremental.records("out/corpus.errors.jsonl").compactMap { $0["id"]?.stringValue }, ["x"])
        let fixed = l("x", council + " Fixed.") + l("y", IncrementalEqualsScratchTests.oaks)
        for dir in [incremental, scratch] { _ = dir.write("in/a.jsonl", fixed) }
        let a = try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: incremental.path)
        let b = try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: scratch.path)
        expectEqual(a.status, 0, "\(a.stderr)")
        expectEqual(b.status, 0, "\(b.stderr)")
        expectEqual(try incremental.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["x", "y"])
        for name in ["out/corpus.jsonl", "out/corpus.duplicates.jsonl", "out/corpus.filtered.jsonl", "out/corpus.errors.jsonl"] {
            expectEqual(incremental.read(name), scratch.read(name), "\(name)")
        }
    }
}
