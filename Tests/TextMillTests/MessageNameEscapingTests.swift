import Foundation
import Testing
@testable import TextMill

/// Names in messages are escaped: a file name cannot forge a line of the log (round 4 of the
/// README's promises).
@Suite struct MessageNameEscapingTests {
    let cli = CommandLineTests()

    /// An output name holding a newline forged a line of the run summary ("0 failed" on a line
    /// of its own); names in messages are escaped as in a Swift or JSON string.
    @Test func namesInMessagesAreEscaped() throws {
        let dir = TemporaryDirectory()
        let config = SideFileBoundTests().corpus(dir)
        let forged = dir.file("out/x\ntextmill: 0 failed\u{1B}[2K.jsonl")
        let run = try cli.textmill(["run", config, "--output", forged])
        expectEqual(run.status, 0, "\(run.stderr)")
        let shown = dir.file("out/x\\ntextmill: 0 failed\\u{1B}[2K")
        #expect(run.stderr.contains("  1 written to \(shown).jsonl, 0 duplicates to \(shown).duplicates.jsonl, 0 failed to \(shown).errors.jsonl\n"))
        #expect(!run.stderr.contains("\u{1B}"))
        #expect(run.stderr.split(separator: "\n").allSatisfy { !$0.hasPrefix("textmill: 0 failed") })

        let refused = try cli.textmill(["run", config, "--output", dir.file("in/ferry.txt\n.jsonl/")])
        expectEqual(refused.status, 2)
        expectEqual(refused.stderr.split(separator: "\n").count, 1, "\(refused.stderr)")
        expectEqual(MessageText.quoted("a\tb\\c\u{7F}\u{85}\u{2028}é"), "'a\\tb\\\\c\\u{7F}\\u{85}\\u{2028}é'")
        expectEqual(MessageText.escaped("input/ferry.txt"), "input/ferry.txt")
    }
}
