import Foundation
import Testing
@testable import TextMill

/// The `exec` plugin protocol under the conditions of a real run: records larger than a pipe
/// buffer, plugins that stream, several plugins started at once, plugins that misbehave
/// between documents.
@Suite struct ReviewExecTests {
    static let plugins = Repo.path("Tests/TextMillTests/Fixtures/plugins")

    /// The sample captures, and a JSONL record of about 2 MB made of all of them repeated.
    func corpus(_ dir: TemporaryDirectory) {
        for p in Repo.sampleTexts { dir.write("in/" + (p as NSString).lastPathComponent, Repo.bytes(p)) }
        let all = Repo.sampleTexts.map(Repo.text).joined(separator: "\n\n")
        let big = JSONValue.object(JSONObject([("id", "big"), ("text", .string(Array(repeating: all, count: 21).joined(separator: "\n\n")))]))
        dir.write("in/big.jsonl", big.jsonText + "\n")
    }

    func yaml(_ dir: TemporaryDirectory, output: String, exec: String?) -> String {
        """
        input: \(dir.file("in"))
        output: \(dir.file(output + "/corpus.jsonl"))
        stages:
          - normalize
        \(exec.map { "  - exec: " + $0 } ?? "")
        """
    }

    /// `cat` speaks the protocol (each record comes back as it went): with a record larger than
    /// the pipe buffers, it blocks writing its answer while TextMill blocked writing the rest.
    @Test func catAsAPluginPassesLargeRecordsThrough() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        _ = try runPipeline(yaml(dir, output: "plain", exec: nil), in: dir)
        let summary = try runPipeline(yaml(dir, output: "cat", exec: "{command: [cat], timeout: 20}"), in: dir)
        #expect(summary.failed == 0, "\(dir.read("cat/errors.jsonl").prefix(300))")
        let big = try dir.records("plain/corpus.jsonl").first { $0["id"] == "big" }
        #expect((big?["text"]?.stringValue?.utf8.count ?? 0) > 2_000_000)
        let same = dir.read("cat/corpus.jsonl") == dir.read("plain/corpus.jsonl")
        #expect(same, "records through cat differ from records without it")
    }
}
