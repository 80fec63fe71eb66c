import Foundation
import Testing
@testable import TextMill

/// Each key of an output record is written once, whatever a plugin answers.
@Suite struct RecordKeysOnceTests {
    /// A document `filter` marked (`action: mark`) goes on to an `exec` plugin that answers with
    /// the record it was sent, as the protocol asks (`cat` here): its `filtered` came back among
    /// the extra fields and the record held `filtered` twice.
    @Test func aMarkedDocumentThroughAnEchoingPluginHasOneFilteredField() throws {
        let dir = TemporaryDirectory()
        dir.write("in/note.txt", "Too short a note.\n")
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - normalize
              - filter: {action: mark}
              - exec: {command: [cat]}
            """, in: dir)
        expectEqual(summary.exitStatus, 0)
        let line = dir.read("out/corpus.jsonl")
        expectEqual(line.components(separatedBy: "\"filtered\":").count, 2, "\(line)")
        #expect(line.hasSuffix(#","paragraphs":[{"start":0,"end":17}],"filtered":{"stage":"filter","reason":"top_2_gram","detail":"0.529 share of characters in the most frequent 2-word sequence, above 0.2"}}"# + "\n"))
    }
}
