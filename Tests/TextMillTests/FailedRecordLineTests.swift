import Foundation
import Testing
@testable import TextMill

/// An errors-file line of a document a stage failed names the document's record in its file
/// (`source.record`: the JSONL line), as the write stage's refusals did: a record's id may be
/// its own (any string, shared with other lines), so without it a user could not find the
/// failing line of a large JSONL file.
@Suite struct FailedRecordLineTests {
    @Test func aStageFailureOfAJSONLRecordNamesItsLine() throws {
        let dir = TemporaryDirectory()
        let prose = "The council voted on the budget today. Members said the plan was fair to every district in the city."
        dir.write("in/wire.jsonl", "{\"id\": \"a\", \"text\": \"\(prose)\"}\n"
                  + "{\"id\": \"a\", \"html\": \"<p>\(prose)</p>\"}\n"
                  + "{\"id\": \"c\", \"text\": \"\(prose) Again.\"}\n")
        // `sentences` needs plain text: the HTML record (no cleanup in the config) fails there.
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - sentences\n")
        let r = try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(r.status, 1, "\(r.stderr)")
        expectEqual(dir.read("out/corpus.errors.jsonl"),
                    "{\"id\":\"a\",\"source\":{\"path\":\"in/wire.jsonl\",\"format\":\"jsonl\",\"record\":2},\"stage\":\"sentences\","
                    + "\"reason\":\"'sentences' needs plain text, but this document is still HTML markup: put 'cleanup' before 'sentences' in the config\"}\n")
    }

    /// A document a stage failed in the `Pipeline` itself (the library, no runner) carries it too.
    @Test func thePipelinesFailureRecordCarriesTheRecordNumber() throws {
        let config = try ConfigLoader().parse("input: in/\noutput: '-'\nstages:\n  - sentences\n", path: "p.yaml")
        let pipeline = try Pipeline(config: config)
        let source = SourceInfo(path: "in/wire.jsonl", format: .jsonl, sha256: "", record: 7)
        let doc = Document(id: "x", source: source, text: Array("<p>Hello.</p>".utf8), content: .html)
        guard case .failure(let e) = pipeline.process(.document(doc), steps: 0..<pipeline.steps.count) else {
            Issue.record("the HTML document was not failed")
            return
        }
        expectEqual(e.record, 7)
        expectEqual(e.stage, "sentences")
    }
}
