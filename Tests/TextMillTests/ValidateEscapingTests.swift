import Foundation
import Testing
@testable import TextMill

/// `textmill validate` printed the config's path and its output as they were: a config from
/// elsewhere whose output held a terminal escape and a line break (`output: "out/a\e]0;…\a\nb.jsonl"`)
/// set the terminal's title and started a line of its own. They are escaped as messages escape
/// names (`MessageText.escaped`), as the inputs already were.
@Suite struct ValidateEscapingTests {
    @Test func validateShowsTheOutputWithItsControlCharactersEscaped() throws {
        let dir = TemporaryDirectory()
        dir.write("in/ferry.txt", "The ferry left at noon.\n")
        dir.write("p.yaml", "input: in/\noutput: \"out/a\\e]0;title\\a\\nb.jsonl\"\nstages: [normalize]\n")
        let r = try CommandLineTests().textmill(["validate", "p.yaml"], in: dir.path)
        expectEqual(r.status, 0, "\(r.stderr)")
        expectEqual(r.stdout.split(separator: "\n").map(String.init), [
            "p.yaml: OK",
            "  input:  in/: a folder, 1 file",
            "  output: out/a\\u{1B}]0;title\\u{7}\\nb.jsonl",
            "  stages: normalize",
        ])
    }
}
