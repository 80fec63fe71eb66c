import Foundation
import Testing
@testable import TextMill

/// The walk of the inputs appends every file to one list, and the files kept are moved to its
/// front in place (issue 17, session 26: a list a folder appended to its parent's, then a second
/// list of the files kept, copied each file of a file a story twice more). The files, their order,
/// the repeats dropped and the run's own files left out are the same as before.
@Suite struct InputWalkListTests {
    func tree() -> TemporaryDirectory {
        let dir = TemporaryDirectory()
        for name in ["in/b/story-2.txt", "in/a/story-1.txt", "in/a/deep/story-0.txt", "in/c.txt", "in/out.jsonl",
                     "more/m.txt", "more/n.html"] {
            dir.write(name, "The council met on Tuesday and voted to repair the bridge.\n")
        }
        return dir
    }

    @Test func oneInputGivesEveryFileFolderByFolderInByteOrderWithoutTheOutput() throws {
        let dir = tree()
        var resolver = InputResolver(excluding: [dir.file("in/out.jsonl")])
        let files = try resolver.resolve([dir.file("in")])
        expectEqual(files.map(\.path), ["in/a/deep/story-0.txt", "in/a/story-1.txt", "in/b/story-2.txt", "in/c.txt"].map(dir.file))
        expectEqual(files.map(\.format), [.text, .text, .text, .text])
        expectEqual(resolver.ownFilesFound, [dir.file("in/out.jsonl")])
    }

    @Test func severalInputsKeepTheirOrderAndAFileReachedTwiceIsReadOnceWhereFirstFound() throws {
        let dir = tree()
        var resolver = InputResolver(excluding: [dir.file("in/out.jsonl")])
        // The folder `in/a` again (its files are repeats), another folder, a file of `in` by a
        // second spelling, and a glob over `more`.
        let files = try resolver.resolve([dir.file("in/a"), dir.file("more"), dir.file("in"), dir.file("in/b/../c.txt"),
                                          dir.file("more/*.html")])
        expectEqual(files.map(\.path), ["in/a/deep/story-0.txt", "in/a/story-1.txt", "more/m.txt", "more/n.html",
                                        "in/b/story-2.txt", "in/c.txt"].map(dir.file))
        expectEqual(files.map(\.format), [.text, .text, .text, .html, .text, .text])
        // The output is left out of the walk that found it, once.
        expectEqual(resolver.ownFilesFound, [dir.file("in/out.jsonl")])
        #expect(resolver.warnings.isEmpty)
    }
}
