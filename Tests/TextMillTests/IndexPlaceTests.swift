import Foundation
import Testing
@testable import TextMill

/// A folder dedup's `index:` names in a place it cannot be is a config error at the option's
/// line, found before anything is read (exit 2, nothing written): in or at another output's
/// state folder (it shared that folder's `lock`, or took over its index), inside an input
/// folder or holding one, the output's own path, an existing file (`IndexPlace`).
@Suite struct IndexPlaceTests {
    let cli = CommandLineTests()
    static let council = "The council voted on the budget today. Members said the plan was fair to every district in the city.\n"

    func setUp() throws -> TemporaryDirectory {
        let dir = TemporaryDirectory()
        dir.write("in/council.txt", Self.council)
        dir.write("other/ferry.txt", "The harbor ferry schedule will change next month, officials said at the port office on Tuesday.\n")
        dir.write("notes.txt", "a file\n")
        dir.write("other.yaml", "input: other/\noutput: out/other.jsonl\nstages:\n  - dedup\n")
        let other = try cli.textmill(["run", "other.yaml", "-q"], in: dir.path)
        expectEqual(other.status, 0, "\(other.stderr)")
        return dir
    }

    func refusal(_ index: String, in dir: TemporaryDirectory, input: String = "in/") throws -> String {
        // The option's value on line 5, column 20.
        dir.write("p.yaml", "input: \(input)\noutput: out/corpus.jsonl\nstages:\n  - normalize\n  - dedup: {index: \(index)}\n")
        let before = (try? FileManager.default.subpathsOfDirectory(atPath: dir.path))?.sorted() ?? []
        for command in [["run", "p.yaml", "-q"], ["run", "p.yaml", "--dry-run"], ["validate", "p.yaml"]] {
            let r = try cli.textmill(command, in: dir.path)
            expectEqual(r.status, 2, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("p.yaml:5:20"), "\(command): \(r.stderr)")
        }
        let after = (try? FileManager.default.subpathsOfDirectory(atPath: dir.path))?.sorted() ?? []
        expectEqual(after, before, "nothing is written")
        let r = try cli.textmill(["run", "p.yaml", "-q"], in: dir.path)
        return r.stderr
    }

    @Test func anIndexInAnotherOutputsStateFolderIsRefused() throws {
        let dir = try setUp()
        let atIt = try refusal("out/.other.textmill", in: dir)
        #expect(atIt.contains("lies in the state folder") && atIt.contains("/out/.other.textmill' of another output"), "\(atIt)")
        let inIt = try refusal("out/.other.textmill/dedup", in: dir)
        #expect(inIt.contains("/out/.other.textmill' of another output"), "\(inIt)")
        // The other output's index is as it was: a copy of its document is its duplicate.
        dir.write("other/ferry-copy.txt", "The harbor ferry schedule will change next month, officials said at the port office on Tuesday.\n")
        let again = try cli.textmill(["run", "other.yaml", "-q"], in: dir.path)
        expectEqual(again.status, 0, "\(again.stderr)")
        expectEqual(try dir.records("out/other.duplicates.jsonl").compactMap { $0["duplicate"]?.objectValue?["of"]?.stringValue }, ["other/ferry.txt"])
    }

    @Test func anIndexInsideTheInputsOrHoldingThemIsRefused() throws {
        let dir = try setUp()
        let inside = try refusal("in/index", in: dir)
        #expect(inside.contains("lies inside the input folder 'in/'"), "\(inside)")
        let holding = try refusal(".", in: dir)
        #expect(holding.contains("the input folder 'in/' lies inside the index '.'"), "\(holding)")
    }

    @Test func anIndexAtTheOutputsPathOrAFileIsRefused() throws {
        let dir = try setUp()
        let output = try refusal("out/corpus.jsonl", in: dir)
        #expect(output.contains("is the output file's own path"), "\(output)")
        let errors = try refusal("out/corpus.errors.jsonl", in: dir)
        #expect(errors.contains("is the errors file's own path"), "\(errors)")
        let file = try refusal("notes.txt", in: dir)
        #expect(file.contains("the index 'notes.txt' is a file, not a folder"), "\(file)")
    }

    /// A folder of its own, beside the output or anywhere else, is used as before.
    @Test func anIndexOfItsOwnRuns() throws {
        let dir = try setUp()
        for index in ["out/corpus-index", "indexes/corpus"] {
            dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - dedup: {index: \(index)}\n")
            let r = try cli.textmill(["run", "p.yaml", "-q", "--force"], in: dir.path)
            expectEqual(r.status, 0, "\(index): \(r.stderr)")
            #expect(FileManager.default.fileExists(atPath: dir.file(index + "/records.bin")), "\(index)")
        }
    }
}
