import Foundation
import Testing
@testable import TextMill

/// An incremental run over a corpus whose files share ids and copies ends with the outputs a
/// run from scratch writes on the same inputs.
///
/// Forgetting a changed file's documents went by id, and read the ids from the duplicates file
/// too: file a kept `x`, file b held an exact copy under `x` (a duplicate, never indexed); when
/// b changed, forgetting "x" removed a's document from the index while a's record stayed in the
/// output, and b's copy was then kept as unique beside it: the output held `x` twice under
/// exit 0. And a document under an id a kept record holds was taken for that record's "new
/// version" or its "already indexed" self, and written beside it. Now only the records dedup
/// indexed are forgotten (the output's, `duplicate: null`), and an id a kept record holds is
/// refused by the writer as a from-scratch run refuses it (`IDHeldByOutput`).
///
/// New records go after the kept ones (README, incremental runs), so the edits that must end
/// with a from-scratch run's bytes change, add or delete the last files in input order; edits
/// anywhere must still keep the ids of the output unique.
@Suite struct IncrementalEqualsScratchTests {
    static let council = "The council voted on the budget today. Members said the plan was fair to every district in the city."
    static let ferry = "The harbor ferry schedule will change next month, officials said at the port office on Tuesday."
    static let oaks = "Gardeners planted two hundred young oaks along the river path in the northern park this spring."
    static let bridge = "Engineers closed the old stone bridge after inspectors found cracks in two of its arches last week."
    static let ferryAgain = "The harbor ferry schedule will change next month, officials said at the port office on Tuesday evening."

    static func line(_ id: String, _ text: String) -> String { "{\"id\": \"\(id)\", \"text\": \"\(text)\"}\n" }

    /// The files of the input folder at one step (nil: the file is deleted).
    typealias Step = [String: String?]

    /// Runs `steps` incrementally on one output and, at each step, from scratch on another, and
    /// compares the three record files byte for byte (or, with `sameBytes` false, checks only
    /// that the incremental output's ids are unique). Each file written gets a modification time
    /// of its own (a rewrite of the same size within one clock tick kept its time).
    /// `before` and `after` hold the lines of stages before and after dedup.
    /// `stages`, when given, are the config's stage lines in place of `before`, dedup and `after`;
    /// `arguments` go to both runs.
    func check(_ steps: [Step], action: String = "drop", before: String = "", after: String = "", sameBytes: Bool = true,
               stages: String? = nil, arguments: [String] = [], finalTexts: [String]? = nil,
               sourceLocation: SourceLocation = #_sourceLocation) throws {
        let incremental = TemporaryDirectory(), scratch = TemporaryDirectory()
        let yaml = "input: in/\noutput: out/corpus.jsonl\nstages:\n" + (stages ?? before + "  - dedup: {action: \(action)}\n" + after)
        for dir in [incremental, scratch] {
            _ = dir.write("p.yaml", yaml)
            try FileManager.default.createDirectory(atPath: dir.file("in"), withIntermediateDirectories: true)
        }
        for (n, step) in steps.enumerated() {
            for dir in [incremental, scratch] {
                for (name, content) in step.sorted(by: { $0.key < $1.key }) {
                    if let content {
                        _ = dir.write("in/" + name, content)
                        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_700_000_000 + Double(n))],
                                                              ofItemAtPath: dir.file("in/" + name))
                    } else {
                        try FileManager.default.removeItem(atPath: dir.file("in/" + name))
                    }
                }
            }
            try? FileManager.default.removeItem(atPath: scratch.file("out"))
            let a = try CommandLineTests().textmill(["run", "p.yaml", "-q"] + arguments, in: incremental.path)
            let b = try CommandLineTests().textmill(["run", "p.yaml", "-q"] + arguments, in: scratch.path)
            #expect(a.status <= 1 && b.status <= 1, "step \(n): \(a.stderr)\(b.stderr)", sourceLocation: sourceLocation)
            let ids = try incremental.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }
            #expect(Set(ids).count == ids.count, "step \(n): the output holds an id twice: \(ids)", sourceLocation: sourceLocation)
            guard sameBytes else { continue }
            #expect(a.status == b.status, "step \(n): exit \(a.status) incremental, \(b.status) from scratch: \(a.stderr)", sourceLocation: sourceLocation)
            for name in ["out/corpus.jsonl", "out/corpus.duplicates.jsonl", "out/corpus.errors.jsonl", "out/corpus.filtered.jsonl"] {
                #expect(incremental.read(name) == scratch.read(name), "step \(n): \(name) differs\nincremental:\n\(incremental.read(name))\nfrom scratch:\n\(scratch.read(name))",
                        sourceLocation: sourceLocation)
            }
        }
        if let finalTexts {
            let texts = try incremental.records("out/corpus.jsonl").compactMap { $0["text"]?.stringValue }
            #expect(texts == finalTexts, "the last step's texts", sourceLocation: sourceLocation)
        }
    }

    /// The case seen: a keeps `x`; b holds a copy of it under `x`, then changes, then reuses `x`
    /// for another text, holds a copy under another id, a document without words under `x`, goes,
    /// and comes back.
    var twoFiles: [Step] {
        let l = Self.line
        return [
            ["a.jsonl": l("x", Self.council), "b.jsonl": l("x", Self.council) + l("y", Self.ferry)],
            ["b.jsonl": l("x", Self.council) + l("y", Self.ferryAgain)],
            ["b.jsonl": l("x", Self.oaks) + l("y", Self.ferryAgain)],
            ["b.jsonl": l("z", Self.council) + l("x", Self.bridge)],
            ["b.jsonl": l("x", "...") + l("w", Self.oaks)],
            ["b.jsonl": nil],
            ["b.jsonl": l("x", Self.council) + l("y", Self.ferry)],
        ]
    }

    @Test func twoFilesSharingAnIDUnderDrop() throws { try check(twoFiles, action: "drop") }

    /// Boilerplate counts are those of the documents the output keeps: a deleted or changed
    /// file's paragraphs leave the counts with its documents. They stayed: with a paragraph seen
    /// in 2 documents made boilerplate, a.txt and b.txt carrying the newsletter line, a.txt
    /// deleted and d.txt added with it, the incremental run cut it from d.txt (count 2) where a
    /// run from scratch, which has seen it only in b.txt, keeps it; and so again when d.txt
    /// changes without it and e.txt comes with it. Under both verifications (the keys follow
    /// 64-bit shingle hashes or a 32-bit signature in a record), and with `--check-outputs`,
    /// which reads every record of the store back.
    @Test(arguments: [("exact", false), ("estimate", true)])
    func aGoneDocumentsParagraphsLeaveTheBoilerplateCounts(verify: String, checkOutputs: Bool) throws {
        let signUp = "Sign up for the Harbour Gazette’s morning newsletter 📰 here."
        let library = "The library will open a reading room for children on the second floor next autumn."
        let steps: [Step] = [
            ["a.txt": signUp + "\n\n" + Self.council, "b.txt": signUp + "\n\n" + Self.ferry, "c.txt": Self.oaks],
            ["a.txt": nil, "d.txt": signUp + "\n\n" + Self.bridge],
            ["d.txt": Self.bridge, "e.txt": signUp + "\n\n" + library],
        ]
        try check(steps, stages: "  - normalize\n  - dedup: {boilerplate_min_docs: 2, verify: \(verify)}\n",
                  arguments: checkOutputs ? ["--check-outputs"] : [], finalTexts: [signUp + "\n\n" + Self.ferry, Self.oaks, Self.bridge, signUp + "\n\n" + library])
    }

    @Test func twoFilesSharingAnIDUnderMark() throws { try check(twoFiles, action: "mark") }

    /// Three files, the last one changing, a fourth coming and going.
    var threeFiles: [Step] {
        let l = Self.line
        return [
            ["a.jsonl": l("p", Self.council), "b.jsonl": l("q", Self.ferry) + l("p", Self.council),
             "c.jsonl": l("r", Self.council) + l("q", Self.ferryAgain)],
            ["c.jsonl": l("q", Self.oaks) + l("r", Self.council)],
            ["d.jsonl": l("p", Self.oaks) + l("s", Self.bridge)],
            ["d.jsonl": l("s", Self.bridge) + l("t", Self.ferry)],
            ["d.jsonl": nil, "c.jsonl": l("p", Self.bridge)],
            ["c.jsonl": l("u", Self.bridge) + l("q", Self.ferry)],
        ]
    }

    @Test func threeFilesSharingIDsAndCopiesUnderDrop() throws { try check(threeFiles, action: "drop") }

    @Test func threeFilesSharingIDsAndCopiesUnderMark() throws { try check(threeFiles, action: "mark") }

    /// A file whose documents dedup never indexed (a text without words, a new text under an id
    /// used already), filtered after dedup, under the id of another file's indexed document:
    /// when it goes, only its own documents are forgotten. Forgotten by id, a's document left
    /// the index while its record stayed in the output, and c's copy of it was kept as unique
    /// where a run from scratch drops it as a duplicate of `x`.
    @Test(arguments: ["", "Two words."])
    func aFileGoingForgetsNoOtherFilesDocumentUnderItsIDs(unindexedText: String) throws {
        let l = Self.line
        let filter = "  - filter: {min_doc_words: 3, min_num_sentences: 1, min_stop_words: 1, top_2_gram: 1, top_3_gram: 1, top_4_gram: 1}\n"
        let steps: [Step] = [
            ["a.jsonl": l("x", Self.council), "b.jsonl": l("x", unindexedText)],
            ["b.jsonl": nil, "c.jsonl": l("y", Self.council)],
        ]
        try check(steps, action: "drop", after: filter)
    }

    /// A document that failed in a stage before dedup whose name a stage after dedup has too (two
    /// `normalize`): dedup never saw it. Compared by name, its failure counted as one after dedup,
    /// so when its file changed its id went away with it, and b, kept, holding a duplicate of
    /// a's document under that id, was processed again: its unique record moved after c's, where
    /// a run from scratch keeps the input order. The failure now gives its stage's number.
    @Test func aFailureBeforeDedupOfANameAfterItTakesNoDocumentAway() throws {
        let l = Self.line
        let html = { (id: String, text: String) in "{\"id\": \"\(id)\", \"html\": \"<p>\(text)</p>\"}\n" }
        let steps: [Step] = [
            ["a.jsonl": l("x", Self.council), "b.jsonl": l("y", Self.council) + l("z", Self.ferry),
             "c.jsonl": l("w", Self.oaks), "d.jsonl": html("x", Self.bridge)],
            ["d.jsonl": html("x", Self.ferryAgain)],
        ]
        for action in ["drop", "mark"] {
            try check(steps, action: action, before: "  - normalize\n", after: "  - normalize\n")
        }
    }

    /// Edits to the first file: its new records go after the kept ones, so the bytes differ from
    /// a run from scratch, but the output never holds an id twice.
    @Test func editsAnywhereKeepIDsUnique() throws {
        let l = Self.line
        let steps: [Step] = [
            ["a.jsonl": l("x", Self.council), "b.jsonl": l("x", Self.council) + l("y", Self.ferry)],
            ["a.jsonl": l("x", Self.oaks)],
            ["a.jsonl": l("x", Self.council) + l("y", Self.bridge)],
            ["a.jsonl": nil],
            ["a.jsonl": l("y", Self.ferry) + l("x", Self.council)],
        ]
        try check(steps, action: "drop", sameBytes: false)
        try check(steps, action: "mark", sameBytes: false)
    }
}

/// A run killed after a checkpoint and resumed refuses a record under an id the killed run
/// wrote, as an uninterrupted run does. The writer of the resumed run started with no ids, so
/// it wrote the record: the id twice in the output under exit 0, where the uninterrupted run
/// exits 1 with the record in the errors file. It now starts from the ids of the part file it
/// appends to (`RunPlan.resumedIDs`).
@Suite struct ResumedIDTests {
    @Test(arguments: ["normalize", "dedup"])
    func aResumedRunRefusesAnIDTheKilledRunWrote(stage: String) throws {
        let interrupted = TemporaryDirectory(), clean = TemporaryDirectory()
        for dir in [interrupted, clean] {
            _ = dir.write("in/a.jsonl", IncrementalEqualsScratchTests.line("x", IncrementalEqualsScratchTests.council))
            _ = dir.write("in/b.jsonl", IncrementalEqualsScratchTests.line("x", IncrementalEqualsScratchTests.ferry) + IncrementalEqualsScratchTests.line("y", IncrementalEqualsScratchTests.oaks))
            _ = dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - \(stage)\n")
        }
        let args = ["run", "p.yaml", "-q", "--jobs", "1", "--checkpoint-mb", "0.00001"]
        let killed = try CommandLineTests().textmill(args, in: interrupted.path, environment: ["TEXTMILL_KILL_AT": "checkpoint-written:1"])
        #expect(killed.status != 0 && killed.status != 1, "the run was not killed: \(killed.stderr)")
        let resumed = try CommandLineTests().textmill(args, in: interrupted.path)
        let whole = try CommandLineTests().textmill(args, in: clean.path)
        expectEqual(whole.status, 1, "\(whole.stderr)")
        expectEqual(resumed.status, whole.status, "\(resumed.stderr)")
        for name in ["out/corpus.jsonl", "out/corpus.errors.jsonl", "out/corpus.duplicates.jsonl"] {
            expectEqual(interrupted.read(name), clean.read(name), "\(name)")
        }
        expectEqual(try interrupted.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["x", "y"])
    }
}
