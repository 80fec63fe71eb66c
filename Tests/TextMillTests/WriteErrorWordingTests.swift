import Foundation
import Testing
@testable import TextMill

/// What a failed write says. Before session 36 a failed rename read "cannot rename to 'B' 'A'"
/// (the new name first, the file after it), and a folder gone from under the run (ENOENT) got
/// the advice "fix the cause", which says nothing a user can do.
@Suite struct WriteErrorWordingTests {
    let cli = CommandLineTests()

    @Test func aFailedRenameNamesTheFileThenItsNewName() throws {
        let dir = TemporaryDirectory()
        let from = dir.file("state/next.output"), to = dir.file("out/corpus.jsonl")
        do {
            try CheckedIO.rename(from, to: to)
            Issue.record("a file that is not there was renamed")
        } catch let e as WriteError {
            expectEqual(e.description, "cannot rename '\(from)' to '\(to)': No such file or directory")
            expectEqual(e.fix, "keep the output folder and its state folder in place while a run writes there (a folder on that path was removed or moved during the run)")
        }
    }

    /// The state folder removed while the run reads (a plugin here, a cleanup job in life): the
    /// commit cannot write there, exit 3, and the message says what happened and what to do.
    @Test func aStateFolderRemovedDuringTheRunIsSaidSo() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "The ferry terminal opened on Monday, the mayor said.\n")
        let removesTheStateFolder = #"[sh, -c, 'read -r line; rm -rf out/.corpus.textmill; printf "%s\n" "$line"; exec cat']"#
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: [normalize, {exec: {command: \(removesTheStateFolder)}}]\n")
        let r = try cli.textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(r.status, 3)
        expectEqual(r.stderr, "textmill: could not write the outputs: cannot open for writing 'out/.corpus.textmill/ids.1.bin.tmp': No such file or directory. "
                    + "The previous outputs are intact; keep the output folder and its state folder in place while a run writes there "
                    + "(a folder on that path was removed or moved during the run) and run again: the next run finishes the work.\n")
        // The next run, without the plugin that removes the folder, finishes the work.
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: [normalize]\n")
        expectEqual(try cli.textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        expectEqual(try dir.records("out/corpus.jsonl").count, 1)
    }
}
