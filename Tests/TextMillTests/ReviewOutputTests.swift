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
        #expect(r.status == 2)
        #expect(r.stderr.contains("the output '\(dir.file("out/corpus"))' is a folder"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/.corpus.textmill")), "no state was started")
        // The folder gone, the same config runs.
        try FileManager.default.removeItem(atPath: dir.file("out/corpus"))
        let again = try CommandLineTests().textmill(["run", config, "--quiet"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try dir.records("out/corpus").count == 1)
    }
}
