import Foundation
import Testing
@testable import TextMill

/// Two stages that filter one document. A document marked (`action: mark`) stays in the output
/// and the stages after it run on it; a later mark leaves the first one (the record names the
/// first stage to mark it), a later drop still drops it (its config asks for that) and the
/// filtered file names the dropping stage; and where two stages share a name (two `filter`
/// stages), `filtered` carries `stage_number`, the stage's place in the config's list, as the
/// errors file does. Before session 36 the later mark replaced the first (a short note marked
/// `top_2_gram` by the first filter came out marked `top_3_gram` by the second), and no record
/// said which `filter` it was.
@Suite struct FirstFilterWinsTests {
    static let note = "A short note.\n"

    func run(_ stages: String) throws -> (dir: TemporaryDirectory, summary: RunSummary) {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", Self.note)
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages:\n  - normalize\n" + stages, in: dir)
        return (dir, summary)
    }

    static let firstMark = #""filtered":{"stage":"filter","stage_number":2,"reason":"top_2_gram","detail":"0.538 share of characters in the most frequent 2-word sequence, above 0.2"}"#

    /// A plugin after them that sends the record back as it came (`cat`) keeps its mark: the
    /// `stage_number` it echoes is the record's own.
    @Test func aLaterMarkLeavesTheFirstOne() throws {
        let (dir, summary) = try run("  - filter: {action: mark}\n  - filter: {action: mark, disable: [top_2_gram]}\n  - exec: {command: [cat]}\n")
        expectEqual(summary.failed, 0)
        expectEqual(summary.written, 1)
        expectEqual(summary.marked, 1)
        let line = dir.read("out/corpus.jsonl")
        #expect(line.hasSuffix(#""paragraphs":[{"start":0,"end":13}],"# + Self.firstMark + "}\n"), "\(line)")
    }

    /// A later filter whose rule would mark a marked document counts it as `already marked`,
    /// not under its rule: the record names the first mark, and each stage's counts add up to
    /// its documents as the marks do. Until session 37 the second stage counted `top_3_gram`, a
    /// mark no record holds.
    @Test func aLaterMarkOfAMarkedDocumentCountsAsAlreadyMarked() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", Self.note)
        dir.write("p.yaml", "input: in\noutput: out/corpus.jsonl\nstages:\n  - normalize\n  - filter: {action: mark}\n  - filter: {action: mark, disable: [top_2_gram]}\n")
        let r = try CommandLineTests().textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(r.status, 0, "\(r.stderr)")
        let stats = try JSONParser.parse(dir.read("out/corpus.stats.json")).objectValue
        expectEqual(stats?["run"]?.objectValue?["marked"]?.intValue, 1)
        let stages = stats?["stages"]?.arrayValue?.compactMap(\.objectValue) ?? []
        expectEqual(stages.map { $0["counts"]?.jsonText }, [#"{"documents_changed":1,"paragraphs":1}"#, #"{"top_2_gram":1}"#, #"{"already_marked":1}"#])
        expectEqual(stages.map { $0["filtered"]?.jsonText }, ["{}", #"{"top_2_gram":1}"#, "{}"])
    }

    /// A drop after a mark drops: a user's drop filter is not undone by a mark before it.
    @Test func aLaterDropStillDropsAMarkedDocument() throws {
        let (dir, summary) = try run("  - filter: {action: mark}\n  - filter: {disable: [top_2_gram]}\n")
        expectEqual(summary.written, 0)
        expectEqual(summary.filtered, 1)
        expectEqual(dir.read("out/corpus.jsonl"), "")
        #expect(dir.read("out/corpus.filtered.jsonl").hasSuffix(#""filtered":{"stage":"filter","stage_number":3,"reason":"top_3_gram","detail":"0.923 share of characters in the most frequent 3-word sequence, above 0.18"}}"# + "\n"))
    }

    /// A drop by the first names its stage too; a stage whose name no other shares has no number.
    @Test func aDropNamesItsStageNumberOnlyWhenTheNameIsShared() throws {
        let (shared, _) = try run("  - filter: {disable: [top_2_gram]}\n  - filter\n")
        #expect(shared.read("out/corpus.filtered.jsonl").hasSuffix(#""filtered":{"stage":"filter","stage_number":2,"reason":"top_3_gram","detail":"0.923 share of characters in the most frequent 3-word sequence, above 0.18"}}"# + "\n"))
        let (alone, _) = try run("  - filter\n")
        #expect(alone.read("out/corpus.filtered.jsonl").hasSuffix(#""filtered":{"stage":"filter","reason":"top_2_gram","detail":"0.538 share of characters in the most frequent 2-word sequence, above 0.2"}}"# + "\n"))
    }
}
