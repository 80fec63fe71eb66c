import Foundation
import Testing
@testable import TextMill

/// An argument that is not valid UTF-8 (a path from a file system whose names are not) is
/// refused before anything runs: Swift reads the command line as UTF-8 with U+FFFD for such a
/// byte, so `-o $'out\xff/corpus.jsonl'` wrote a new folder `out\u{FFFD}` under exit 0 (the
/// folder the user named untouched), and `-i $'in\xff'` said the folder did not exist.
@Suite struct CommandLineBytesTests {
    /// Messages spell the argument as ids spell a file name (`\xFF`), shown as every name in a
    /// message is, a backslash doubled (`'out\\xFF/corpus.jsonl'`).
    ///
    /// Runs `textmill ARGS` in `dir` through the shell, which makes each `\NNN` of `arguments`
    /// (octal, as printf reads it) its byte; an argument without a backslash is passed as it is.
    func textmill(_ arguments: [String], in dir: TemporaryDirectory) throws -> CommandLineTests.Result {
        let words = arguments.map { $0.contains("\\") ? "\"$(printf '\($0)')\"" : "'\($0)'" }.joined(separator: " ")
        return try CommandLineTests.throughShell("exec \"$0\" " + words, in: dir.path).result
    }

    @Test func anArgumentThatIsNotUTF8IsRefusedNamingItsByte() throws {
        let dir = TemporaryDirectory()
        dir.write("in/story.txt", "The harbour reopens on Friday, the council said.\n")
        // What `in\xC3` read as U+FFFD names: the run read this folder instead, under exit 0.
        dir.write("in\u{FFFD}/story.txt", "A folder named with U+FFFD, which no argument here names.\n")
        dir.write("p.yaml", "input: in\noutput: out/corpus.jsonl\nstages: [normalize]\n")
        let advice = ": textmill reads its command line as UTF-8, and would have taken it for another path, with U+FFFD in that byte's place; rename the file or folder to a UTF-8 name, or reach it through a symbolic link that has one (ln -s)\n"

        let output = try textmill(["run", "p.yaml", "-q", "-o", "out\\377/corpus.jsonl"], in: dir)
        expectEqual(output.status, 2)
        expectEqual(output.stderr, "textmill: argument 5, 'out\\\\xFF/corpus.jsonl', is not valid UTF-8 (byte 0xFF at byte 4)" + advice)
        let input = try textmill(["run", "p.yaml", "-q", "-i", "in\\303", "-o", "o2/corpus.jsonl"], in: dir)
        expectEqual(input.status, 2)
        expectEqual(input.stderr, "textmill: argument 5, 'in\\\\xC3', is not valid UTF-8 (byte 0xC3 at byte 3)" + advice)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        expectEqual(names, ["in", "in\u{FFFD}", "p.yaml"], "a run wrote an output under another name")
        // Valid UTF-8 beyond ASCII is a path like any other.
        let accented = try textmill(["run", "p.yaml", "-q", "-o", "caf\\303\\251/corpus.jsonl"], in: dir)
        expectEqual(accented.status, 0, "\(accented.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.path + "/caf\u{E9}/corpus.jsonl"))
    }
}
