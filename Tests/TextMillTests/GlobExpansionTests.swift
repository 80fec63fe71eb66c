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
        let (paths, loops, listings, _) = InputResolver.glob(pattern)
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

/// A glob reads folders by the bytes of their names, as a folder walk does: until session 36 it
/// listed them through Foundation, which gave a name that is not UTF-8 as U+FFFD, so
/// `-i 'in/*.txt'` failed `caf\xE9.txt` as "the file vanished before it could be read (no such
/// file: 'in/caf\u{FFFD}.txt')" under another id than `-i in` gives it, and `**` did not go into a
/// folder so named. A part that starts with a dot matches hidden names, as a shell's does:
/// `-i 'in/.*.txt'` said "no file matches" of the hidden files it names.
@Suite struct GlobByteNameTests {
    /// `in/` with a plain file, a hidden one, and a file and a folder whose names are Latin-1.
    func corpus() -> TemporaryDirectory {
        let dir = TemporaryDirectory()
        dir.write("in/plain.txt", "A plain name on the harbour story.\n")
        dir.write("in/.draft.txt", "A hidden draft of the story.\n")
        let inside = Array(dir.file("in").utf8) + [UInt8(ascii: "/")]
        writeFile(atBytes: inside + Array("caf".utf8) + [0xE9] + Array(".txt".utf8), "Coffee with an acute accent.\n")
        let folder = inside + [0x64, 0xE9, 0x73, 0x6B]
        expectEqual((folder + [0]).withUnsafeBufferPointer { mkdir(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), 0o755) }, 0)
        writeFile(atBytes: folder + Array("/metro.txt".utf8), "A metro story from the desk.\n")
        return dir
    }

    /// The records of a run of `input` (a glob under the corpus folder) from scratch, each "id:
    /// text" with the folder's path left out, and the number of failures.
    func run(_ input: String, in dir: TemporaryDirectory) throws -> (records: [String], failed: Int) {
        try? FileManager.default.removeItem(atPath: dir.file("out"))
        let summary = try runPipeline("input: \(dir.file(input))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize]\n", in: dir)
        let records = try dir.records("out/corpus.jsonl").map { r in
            (r["id"]?.stringValue ?? "").replacingOccurrences(of: dir.path + "/", with: "") + ": " + (r["text"]?.stringValue ?? "")
        }
        return (records, summary.failed)
    }

    @Test func aGlobReadsNamesThatAreNotUTF8AsAFolderWalkDoes() throws {
        let dir = corpus()
        let walked = try run("in", in: dir)
        expectEqual(walked.records, [
            "in/caf\\xE9.txt: Coffee with an acute accent.", "in/d\\xE9sk/metro.txt: A metro story from the desk.",
            "in/plain.txt: A plain name on the harbour story.",
        ])
        expectEqual(walked.failed, 0)
        let star = try run("in/*.txt", in: dir)
        expectEqual(star.records, [walked.records[0], walked.records[2]])
        expectEqual(star.failed, 0)
        expectEqual(try run("in/**/*.txt", in: dir).records, walked.records)
        expectEqual(try run("in/d*/*.txt", in: dir).records, [walked.records[1]])
    }

    @Test func aPartThatStartsWithADotMatchesHiddenNames() throws {
        let dir = corpus()
        expectEqual(try run("in/.*.txt", in: dir).records, ["in/.draft.txt: A hidden draft of the story."])
        // Other parts and `**` pass over hidden names, as a folder walk does.
        #expect(try run("in/*", in: dir).records.allSatisfy { !$0.contains("draft") })
        #expect(try run("**/*.txt", in: dir).records.allSatisfy { !$0.contains("draft") })
    }
}
