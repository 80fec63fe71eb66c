import Foundation
import Testing
@testable import TextMill

/// Where the outputs go.
@Suite struct ReviewOutputTests {
    /// An output that names an existing folder: the run processed everything, then failed at the
    /// commit ("moving … failed: Is a directory") and left a pending commit behind, so every
    /// later run failed the same way before reading anything. It is now refused at the start.
    @Test func anOutputThatIsAFolderIsRefusedBeforeAnythingIsRead() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", Repo.bytes(Repo.sampleTexts[0]))
        try FileManager.default.createDirectory(atPath: dir.file("out/corpus"), withIntermediateDirectories: true)
        let config = dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus"))\nstages: [normalize]\n")
        let r = try CommandLineTests().textmill(["run", config, "--quiet"])
        expectEqual(r.status, 2)
        #expect(r.stderr.contains("the output '\(dir.file("out/corpus"))' is a folder"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/.corpus.textmill")), "no state was started")
        // The folder gone, the same config runs.
        try FileManager.default.removeItem(atPath: dir.file("out/corpus"))
        let again = try CommandLineTests().textmill(["run", config, "--quiet"])
        expectEqual(again.status, 0, "\(again.stderr)")
        expectEqual(try dir.records("out/corpus").count, 1)
    }

    /// A file where the output's folder or state folder must be: the message named an
    /// "Input/output error" (Foundation's error carried no errno); it names the file in the way.
    /// Refused before anything is read with exit 2 since session 34 (it was exit 3, "the next
    /// run finishes the work", which no run could while the file stood there).
    @Test func aFileWhereAFolderMustBeIsNamed() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", Repo.bytes(Repo.sampleTexts[0]))
        dir.write("afile", "not a folder\n")
        dir.write("out/.corpus.textmill", "not a folder\n")
        let afile = dir.file("afile")
        // Further up the path, the message names the file and the folder it blocks: it said
        // "a folder on the way to the folder of '…/afile/sub/corpus.jsonl' ('…/afile/sub')".
        let cases = [
            (dir.file("afile/corpus.jsonl"), "'\(afile)' is a file, where the run must make the folder of '\(afile)/corpus.jsonl'"),
            (dir.file("out/corpus.jsonl"), "'\(dir.file("out/.corpus.textmill"))' is a file, where the run must make the state folder of '\(dir.file("out/corpus.jsonl"))'"),
            (dir.file("afile/sub/corpus.jsonl"),
             "'\(afile)' is a file, in the way of '\(afile)/sub' (the folder of '\(afile)/sub/corpus.jsonl'), which the run must make"),
        ]
        for (output, named) in cases {
            let config = dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(output)\nstages: [normalize]\n")
            let r = try CommandLineTests().textmill(["run", config, "--quiet"])
            expectEqual(r.status, 2)
            expectEqual(r.stderr, "textmill: \(named): nothing was read or written; move it away, or name another --output\n")
        }
    }
}
