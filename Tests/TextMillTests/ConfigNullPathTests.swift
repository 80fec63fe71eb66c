import Foundation
import Testing
@testable import TextMill

/// A YAML null where a path belongs (`output: ~`, `input: null`): `~` crashed the process (it
/// reached Foundation's path functions as the output "~"), and `null` became a file named "null".
/// A null now leaves the path to the command line, and without one it is refused at its line.
@Suite struct ConfigNullPathTests {
    func check(_ yaml: String, inputs: [String]? = nil, output: String? = nil) -> (config: PipelineConfig?, errors: [String]) {
        do {
            return (try ConfigLoader().parse(yaml, path: "null.yaml", inputs: inputs, output: output), [])
        } catch {
            return (nil, error.diagnostics.map(\.description))
        }
    }

    @Test func aNullPathIsRefusedAtItsLineWithWhatYAMLMadeOfIt() {
        expectEqual(check("input: stories/\noutput: ~\nstages: [sentences]\n").errors, ["""
            null.yaml:2:9: error: 'output' is null, so the run has no output: give a path here or pass --output
              output: ~
                      ^
              in YAML a bare ~ means null, not the home folder: write the path in full, e.g. /home/me/corpus.jsonl
            """])
        expectEqual(check("input: null\noutput: out/c.jsonl\nstages: [sentences]\n").errors, ["""
            null.yaml:1:8: error: 'input' is null, so the run has no input: give a path here or pass --input
              input: null
                     ^
              YAML reads 'null' as null; quote it to mean a file of that name
            """])
        expectEqual(check("input:\n  - stories/\n  - ~\noutput: out/c.jsonl\nstages: [sentences]\n").errors, ["""
            null.yaml:3:5: error: each 'input' entry must be a path
                - ~
                  ^
              in YAML a bare ~ means null, not the home folder: write the path in full, e.g. /home/me/corpus.jsonl
            """])
    }

    @Test func aNullPathIsLeftToTheCommandLineAndAQuotedOneIsAName() {
        let given = check("input: ~\noutput: ~\nstages: [sentences]\n", inputs: ["stories/"], output: "out/c.jsonl").config
        expectEqual(given?.inputs, ["stories/"])
        expectEqual(given?.output, "out/c.jsonl")
        let quoted = check("input: \"null\"\noutput: '~'\nstages: [sentences]\n").config
        expectEqual(quoted?.inputs, ["null"])
        expectEqual(quoted?.output, "~")
    }

    /// `output: ~/corpus.jsonl` wrote under a folder named "~" in the current folder (no shell
    /// expands a config's paths), a folder a user then removes with `rm -rf ~`. Refused at its line.
    @Test func aPathStartingWithTildeSlashIsRefusedAtItsLine() {
        let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "/home/me"
        expectEqual(check("input:\n  - stories/\n  - ~/wire/*.jsonl\noutput: ~/corpus.jsonl\nstages: [sentences]\n").errors, ["""
            null.yaml:3:5: error: 'input' starts with ~/, which only a shell expands: here it would name a folder called '~' in the current folder
                - ~/wire/*.jsonl
                  ^
              write the path in full, e.g. \(home)/wire/*.jsonl
            """, """
            null.yaml:4:9: error: 'output' starts with ~/, which only a shell expands: here it would name a folder called '~' in the current folder
              output: ~/corpus.jsonl
                      ^
              write the path in full, e.g. \(home)/corpus.jsonl
            """])
        // A "~" inside or at the end of a name is a name.
        let named = check("input: drafts~/\noutput: out/c~.jsonl\nstages: [sentences]\n").config
        expectEqual(named?.inputs, ["drafts~/"])
        expectEqual(named?.output, "out/c~.jsonl")
    }
}
