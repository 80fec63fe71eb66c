import Foundation
import Testing
@testable import TextMill

/// Incremental runs over files whose only lines are in errors.jsonl.
@Suite struct ReviewIncrementalTests {
    @Test func filesWithOnlyErrorsKeepThemUntilTheyChangeOrGo() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", Repo.bytes(Repo.sampleTexts[0]))
        dir.write("in/empty.txt", "")
        dir.write("in/wire.jsonl", "{\"id\": \"w1\", \"text\": \"The port reopened on Friday.\"}\n{\"id\": \"w2\", \"body\": \"no text field\"}\n")
        let yaml = "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize]\n"
        func ids(_ name: String) throws -> [String] { try dir.records("out/" + name).compactMap { $0["id"]?.stringValue } }

        _ = try runPipeline(yaml, in: dir)
        expectEqual(try ids("corpus.jsonl"), [dir.file("in/a.txt"), "w1"])
        // The record without text is named by its own id, "w2", in the errors file too.
        expectEqual(try ids("corpus.errors.jsonl"), [dir.file("in/empty.txt"), "w2"])

        // Nothing changed: the errors of unchanged files stay, nothing is read.
        let same = try runPipeline(yaml, in: dir)
        expectEqual(same.files, 0)
        expectEqual(try ids("corpus.errors.jsonl"), [dir.file("in/empty.txt"), "w2"])

        // The empty file gets text: its error goes, its record comes.
        dir.write("in/empty.txt", Repo.bytes(Repo.sampleTexts[1]))
        let fixed = try runPipeline(yaml, in: dir)
        #expect(fixed.mode.hasPrefix("incremental: 0 new, 1 changed"))
        expectEqual(try ids("corpus.errors.jsonl"), ["w2"])
        expectEqual(try ids("corpus.jsonl"), [dir.file("in/a.txt"), "w1", dir.file("in/empty.txt")])

        // The JSONL file goes: its record and its error go with it.
        try FileManager.default.removeItem(atPath: dir.file("in/wire.jsonl"))
        _ = try runPipeline(yaml, in: dir)
        #expect(try ids("corpus.errors.jsonl").isEmpty)
        expectEqual(try ids("corpus.jsonl"), [dir.file("in/a.txt"), dir.file("in/empty.txt")])
    }
}
