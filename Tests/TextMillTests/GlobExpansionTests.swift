import Foundation
import Testing
@testable import TextMill

/// A glob's `**` parts may stand for any number of folders: a pattern of many of them found its
/// files by every way of splitting each path among them (12 of them over a tree 10 folders deep:
/// more than a minute for `textmill validate`, for 10 files). Each folder is now read once for
/// each part of the pattern.
struct GlobExpansionTests {
    /// A chain of `depth` folders under `root`, a file in each.
    func tree(_ dir: TemporaryDirectory, depth: Int) -> [String] {
        var path = "root"
        var files: [String] = []
        for level in 0..<depth {
            path += "/d\(level)"
            files.append(dir.write(path + "/f.txt", "Level \(level) of the tree.\n"))
        }
        return files.sorted()
    }

    @Test(arguments: [3, 6]) func manyDoubleStarsReadEachFolderOncePerPart(depth: Int) {
        let dir = TemporaryDirectory()
        let files = tree(dir, depth: depth)
        let pattern = dir.file("root/" + Array(repeating: "**", count: 12).joined(separator: "/") + "/*.txt")
        let (paths, loops, listings) = InputResolver.glob(pattern)
        expectEqual(paths, files)
        #expect(loops.isEmpty)
        // depth + 1 folders, 13 parts below the root (twelve `**` and `*.txt`).
        #expect(listings <= (depth + 1) * 13, "\(listings) folder listings")
    }

    @Test func theSameFilesAsOneDoubleStar() {
        let dir = TemporaryDirectory()
        let files = tree(dir, depth: 5)
        dir.write("root/d0/notes.md", "Not a text file by the pattern.\n")
        expectEqual(InputResolver.glob(dir.file("root/**/*.txt")).paths, files)
        expectEqual(InputResolver.glob(dir.file("root/**/d2/**/*.txt")).paths, files.filter { $0.contains("/d2/") })
        expectEqual(InputResolver.glob(dir.file("root/**/**/d*/f.txt")).paths, files)
    }
}
