import Foundation
import Testing
@testable import TextMill

/// What a record's id is (DESIGN.md: the path, plus `#N` for the N-th record of a multi-record
/// file; a JSONL record's own id wins) and what the outputs then promise: ids in the output are
/// unique, and `duplicate.of` names a record the output holds, with the text it duplicates.
@Suite struct RecordIDTests {
    static let council = "The council voted on the budget today. Members said the plan was fair to every district in the city."
    static let ferry = "The harbor ferry schedule will change next month, officials said at the port office on Tuesday."
    static let oaks = "Gardeners planted two hundred young oaks along the river path in the northern park this spring."

    func line(_ id: String?, _ text: String) -> String {
        (id.map { "{\"id\": \"\($0)\", " } ?? "{") + "\"text\": \"\(text)\"}\n"
    }

    func ids(_ dir: TemporaryDirectory, _ name: String) throws -> [String] {
        try dir.records(name).compactMap { $0["id"]?.stringValue }
    }

    /// `"id": ""` was taken as the record's id: the first such record was written under "", every
    /// later one failed as a reused id (a corpus exported with empty ids kept one record), and a
    /// copy of the first was marked `duplicate.of: ""`, which names nothing a reader can look
    /// up. An empty id is no id, as a WARC record's `<>` is: the record is `PATH#N`, and the
    /// `""` it came with is kept in its `input` object and counted under `input_fields_moved`.
    @Test func anEmptyIDIsNoIDAndIsKeptUnderInput() throws {
        let dir = TemporaryDirectory()
        dir.write("in/wire.jsonl", line("", Self.council) + line("", Self.ferry) + line("copy", Self.council) + line(nil, Self.oaks))
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - dedup: {action: mark}\n")
        let r = try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(r.status, 0, "\(r.stderr)")
        let out = try dir.records("out/corpus.jsonl")
        expectEqual(out.compactMap { $0["id"]?.stringValue }, ["in/wire.jsonl#1", "in/wire.jsonl#2", "copy", "in/wire.jsonl#4"])
        expectEqual(out.map { $0["input"] }, [.object(JSONObject([("id", "")])), .object(JSONObject([("id", "")])), nil, nil])
        expectEqual(out[2]["duplicate"], .object(JSONObject([("of", "in/wire.jsonl#1"), ("kind", "exact"), ("similarity", 1)])))
        #expect(dir.read("out/corpus.errors.jsonl").isEmpty)
        let stats = try #require(StateStore.readJSON(dir.file("out/corpus.stats.json"))?.objectValue?["run"]?.objectValue)
        expectEqual(stats["input_fields_moved"], .object(JSONObject([("id", 2)])))
        expectEqual(stats["reused_ids"], 0)
    }

    /// With `action: mark` a duplicate stays in the output under its id. A later record of
    /// another text under that id is refused by the writer (ids in the output are unique), but
    /// dedup had indexed it: a copy of its text was then marked `duplicate.of` the record that
    /// holds the id, a document of another text, under exit 1 with nothing said of it. Such a
    /// record is not indexed now (counted as `reused ids`), so its copy is a unique document.
    /// The same held for an id first given to a document without words. The errors file
    /// names the refused record's line (`source.record`): its id names two records.
    @Test func aRecordRefusedForItsIDIsNeverWhatACopyDuplicates() throws {
        let dir = TemporaryDirectory()
        dir.write("in/wire.jsonl", line("a", Self.council) + line("x", Self.council) + line("x", Self.ferry) + line("z", Self.ferry)
                  + line("blank", "...") + line("blank", Self.oaks) + line("w", Self.oaks))
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - dedup: {action: mark}\n")
        let r = try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(r.status, 1, "\(r.stderr)")
        let out = try dir.records("out/corpus.jsonl")
        expectEqual(out.compactMap { $0["id"]?.stringValue }, ["a", "x", "z", "blank", "w"])
        expectEqual(out.map { $0["text"]?.stringValue }, [Self.council, Self.council, Self.ferry, "...", Self.oaks])
        expectEqual(out.map { $0["duplicate"] }, [.null, .object(JSONObject([("of", "a"), ("kind", "exact"), ("similarity", 1)])), .null, .null, .null])
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.compactMap { $0["id"]?.stringValue }, ["x", "blank"])
        expectEqual(errors.compactMap { $0["stage"]?.stringValue }, ["write", "write"])
        // Which of the records under one id was refused: its line, as `source.record`.
        expectEqual(errors.map { $0["source"]?.objectValue?["record"] }, [3, 6])
        let stages = try #require(StateStore.readJSON(dir.file("out/corpus.stats.json"))?.objectValue?["stages"]?.arrayValue)
        let counts = try #require(stages.first?.objectValue?["counts"]?.objectValue)
        expectEqual(counts["reused_ids"], 2)
        expectEqual(counts["unique"], 3)
        expectEqual(counts["exact_duplicates"], 1)
    }

    /// With `action: drop` the duplicate leaves the output, so its id is free there: a later
    /// record of another text under it is written and indexed, and a copy of that text names it.
    @Test func underDropAnIDADuplicateLeftIsFreeInTheOutput() throws {
        let dir = TemporaryDirectory()
        dir.write("in/wire.jsonl", line("a", Self.council) + line("x", Self.council) + line("x", Self.ferry) + line("z", Self.ferry))
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - dedup\n")
        let r = try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(r.status, 0, "\(r.stderr)")
        expectEqual(try ids(dir, "out/corpus.jsonl"), ["a", "x"])
        let duplicates = try dir.records("out/corpus.duplicates.jsonl")
        expectEqual(duplicates.compactMap { $0["id"]?.stringValue }, ["x", "z"])
        expectEqual(duplicates.compactMap { $0["duplicate"]?.objectValue?["of"]?.stringValue }, ["a", "x"])
        expectEqual(duplicates.compactMap { $0["text"]?.stringValue }, [Self.council, Self.ferry])
    }
}
