import Foundation
import Testing
@testable import TextMill

/// The id file's name (`ids.G.bin`) is checked as the state folder's other files are, and the
/// next commit removes stale generations.
@Suite struct IDFileAppendTests {
    static let l = IncrementalEqualsScratchTests.line
    static let council = IncrementalEqualsScratchTests.council
    static let ferry = IncrementalEqualsScratchTests.ferry
    static let oaks = IncrementalEqualsScratchTests.oaks
    static let bridge = IncrementalEqualsScratchTests.bridge

    func runAndAdd(_ dir: TemporaryDirectory) throws {
        _ = dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - normalize\n")
        _ = dir.write("in/a.jsonl", Self.l("x", Self.council) + Self.l("y", Self.oaks))
        expectEqual(try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
    }

    /// A folder or named pipe planted under an id file's name is refused up front (exit 2), as
    /// under the state folder's other names. Before, the commit's rename failed on it: exit 3.
    @Test(arguments: ["folder", "pipe"])
    func aPlantedIDFileIsRefusedUpFront(kind: String) throws {
        let dir = TemporaryDirectory()
        try runAndAdd(dir)
        let planted = dir.file("out/.corpus.textmill/ids.2.bin")
        if kind == "folder" {
            try FileManager.default.createDirectory(atPath: planted, withIntermediateDirectories: false)
        } else {
            try #require(mkfifo(planted, 0o600) == 0)
        }
        _ = dir.write("in/b.jsonl", Self.l("z", Self.ferry))
        let second = try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(second.status, 2, "\(second.stderr)")
        let what = kind == "folder" ? "a folder" : "a named pipe"
        #expect(second.stderr.contains("'out/.corpus.textmill/ids.2.bin' is \(what), not a file TextMill wrote (the state folder 'out/.corpus.textmill' holds only its own files)"),
                "\(second.stderr)")
    }

    /// A kill between a commit's manifest and its removal of the last id file leaves that file
    /// behind; the next commit removes it, and any other stale generation or temporary file.
    /// Before, only the generation just before was removed: the older ones stayed for good.
    @Test func staleIDFilesGoAtTheNextCommit() throws {
        let dir = TemporaryDirectory()
        try runAndAdd(dir)
        // A changed file: the id file is written whole (ids.2.bin), the kill leaves ids.1.bin.
        _ = dir.write("in/a.jsonl", Self.l("x", Self.council) + Self.l("w", Self.oaks))
        let killed = try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path, environment: ["TEXTMILL_KILL_AT": "rollforward-after-manifest:1"])
        #expect(killed.status != 0 && killed.status != 1, "the run was not killed: \(killed.stderr)")
        let state = dir.file("out/.corpus.textmill/")
        let listed = { try FileManager.default.contentsOfDirectory(atPath: state).filter { $0.hasPrefix("ids.") }.sorted() }
        expectEqual(try listed(), ["ids.1.bin", "ids.2.bin"])
        _ = dir.write("out/.corpus.textmill/ids.7.bin.tmp", "left by a killed write")
        _ = dir.write("in/b.jsonl", Self.l("z", Self.ferry))
        let next = try CommandLineTests().textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(next.status, 0, "\(next.stderr)")
        #expect(!next.stderr.contains("warning"), "\(next.stderr)")
        expectEqual(try listed(), ["ids.3.bin"])
        expectEqual(try dir.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["x", "w", "z"])
    }
}
