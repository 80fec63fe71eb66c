import Foundation
import Testing
@testable import TextMill

/// Folders of the inputs deeper than the system takes a path (PATH_MAX, 4096 bytes with its
/// end): the walk examines and lists a folder by its path, which fails there, so such a folder
/// reached the reader as a file, whose error said "'in/d…/d' is a directory", nothing of why
/// its files were not read. It says so now, and what to do.
@Suite struct LongInputPathTests {
    static let segment = String(repeating: "d", count: 200)

    /// Makes folders of `segment` names under `dir/in` (by `mkdirat`: their paths are too
    /// long for `mkdir`) until the path from `dir` is over PATH_MAX, with a story in the last;
    /// returns that folder's path from `dir` and the descriptors of the folders, outermost first.
    func makeDeepFolders(in dir: TemporaryDirectory) -> (path: String, folders: [Int32]) {
        var path = "in"
        var folders = [open(dir.file("in"), O_RDONLY | O_DIRECTORY)]
        while path.utf8.count < Int(PATH_MAX) + 100 {
            precondition(mkdirat(folders.last!, Self.segment, 0o755) == 0)
            folders.append(openat(folders.last!, Self.segment, O_RDONLY | O_DIRECTORY))
            path += "/" + Self.segment
        }
        let fd = openat(folders.last!, "deep.txt", O_WRONLY | O_CREAT, 0o644)
        _ = Array("A story about the ferry, kept too deep to be read.\n".utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        return (path, folders)
    }

    /// Removes what `makeDeepFolders` made, innermost first (`removeItem` cannot reach it).
    func removeDeepFolders(_ folders: [Int32]) {
        unlinkat(folders.last!, "deep.txt", 0)
        for k in stride(from: folders.count - 1, to: 0, by: -1) {
            close(folders[k])
            unlinkat(folders[k - 1], Self.segment, AT_REMOVEDIR)
        }
        close(folders[0])
    }

    @Test func aFolderPastPathMaxSaysWhyItsFilesAreNotRead() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "Harbor City opened its new ferry terminal on Monday.\n")
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: [normalize]\n")
        // The folder whose path first passes the bound is the one the walk cannot list.
        let (deep, folders) = makeDeepFolders(in: dir)
        defer { removeDeepFolders(folders); withExtendedLifetime(dir) {} }
        var unlisted = "in"
        while unlisted.utf8.count < Int(PATH_MAX) { unlisted += "/" + Self.segment }

        let r = try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(r.status, 1, "\(r.stderr)")
        #expect(deep.hasPrefix(unlisted))
        expectEqual(try dir.records("out/corpus.jsonl").map { $0["id"]?.stringValue }, ["in/a.txt"])
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.map { $0["id"]?.stringValue }, [unlisted])
        expectEqual(errors.first?["reason"]?.stringValue, "'\(unlisted)' is a folder whose path is \(unlisted.utf8.count) bytes, longer than the 4095 bytes the system takes for a path (PATH_MAX): its files cannot be listed, and none of them was read; move them to a folder with a shorter path")
    }
}
