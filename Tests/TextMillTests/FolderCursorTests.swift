import Foundation
import Testing
@testable import TextMill

/// The reader opens a file by its name in the folder it read last (`FolderCursor`, issue 17,
/// session 15): what it reads, and every failure's message, are what opening the whole path gave.
@Suite struct FolderCursorTests {
    func read(_ stream: FileStream) throws -> String {
        String(decoding: try stream.readWhole(limit: 1 << 20), as: UTF8.self)
    }

    func failure(_ file: InputFile, in folders: FolderCursor?) -> String {
        do {
            _ = try FileStream.opening(file, in: folders)
            return "opened"
        } catch {
            return "\(error)"
        }
    }

    @Test func filesAcrossFoldersReadAsByTheirWholePaths() throws {
        let dir = TemporaryDirectory()
        let stories = [
            ("in/0001/story-1.txt", "Officials in Almaty said on Tuesday that the talks would go on.\n"),
            ("in/0001/story-2.txt", "The ferry to Hiiumaa was cancelled for a third day as ice closed the strait.\n"),
            ("in/0002/story-3.txt", "Farmers near Leuven blocked the ring road with tractors on Monday morning.\n"),
            ("in/0001/story-4.txt", "The council voted seven to two to keep the harbour's night crossings.\n"),
            ("in/story-5.txt", "Rescuers reached the last of the stranded hikers shortly before dawn.\n"),
        ]
        for (name, text) in stories { _ = dir.write(name, text) }
        let folders = FolderCursor()
        for (name, text) in stories {
            let file = InputFile(path: dir.file(name), format: .text)
            let stream = try FileStream.opening(file, in: folders)
            expectEqual(try read(stream), text, "\(name)")
            expectEqual(stream.identity, FileIdentity.of(file), "\(name)")
            expectEqual(stream.path, dir.file(name))
        }
    }

    @Test func aFileThatCannotBeOpenedByNameFailsAsByItsWholePath() throws {
        let dir = TemporaryDirectory()
        _ = dir.write("in/a/story.txt", "The ferry to Hiiumaa was cancelled for a third day.\n")
        try FileManager.default.createDirectory(atPath: dir.file("in/a/sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.file("in/a/gone.txt"), withDestinationPath: dir.file("nowhere.txt"))
        let folders = FolderCursor()
        _ = try FileStream.opening(InputFile(path: dir.file("in/a/story.txt"), format: .text), in: folders)
        // In the folder held open: a missing file, a dangling link, a folder.
        for name in ["in/a/missing.txt", "in/a/gone.txt", "in/a/sub"] {
            let file = InputFile(path: dir.file(name), format: .text)
            if name != "in/a/sub" { expectEqual(folders.open(file.path), nil, "\(name)") }
            expectEqual(failure(file, in: folders), failure(file, in: nil), "\(name)")
            #expect(failure(file, in: folders) != "opened", "\(name)")
        }
        // A folder that does not exist, then the one before it again.
        let lost = InputFile(path: dir.file("in/none/story.txt"), format: .text)
        expectEqual(folders.open(lost.path), nil)
        expectEqual(failure(lost, in: folders), failure(lost, in: nil))
        let again = try FileStream.opening(InputFile(path: dir.file("in/a/story.txt"), format: .text), in: folders)
        expectEqual(try read(again), "The ferry to Hiiumaa was cancelled for a third day.\n")
    }

    @Test func aPathWithoutAFolderIsLeftToTheWholePath() {
        let folders = FolderCursor()
        expectEqual(folders.open("story.txt"), nil)
        expectEqual(folders.open("in/"), nil)
        expectEqual(folders.open("/"), nil)
    }

    @Test(arguments: [1, 2])
    func aRunOverFoldersGivesTheRecordsOfTheirFiles(jobs: Int) throws {
        let dir = TemporaryDirectory()
        _ = dir.write("in/0001/a.txt", "Officials in Almaty said on Tuesday that the talks would go on. Both sides agreed.\n")
        _ = dir.write("in/0001/b.txt", "The ferry to Hiiumaa was cancelled for a third day.\n")
        _ = dir.write("in/0002/c.txt", "Farmers near Leuven blocked the ring road with tractors.\n")
        try FileManager.default.createSymbolicLink(atPath: dir.file("in/0002/gone.txt"), withDestinationPath: dir.file("nowhere.txt"))
        let yaml = """
        input: \(dir.file("in"))
        output: \(dir.file("out/corpus.jsonl"))
        stages: [sentences]
        """
        let summary = try runPipeline(yaml, in: dir, jobs: jobs)
        expectEqual(summary.files, 4)
        let corpus = dir.read("out/corpus.jsonl").split(separator: "\n")
        expectEqual(corpus.count, 3)
        #expect(corpus[0].contains("\"text\":\"Officials in Almaty said on Tuesday that the talks would go on. Both sides agreed.\\n\""))
        #expect(corpus[2].contains("0002/c.txt"))
        let errors = dir.read("out/corpus.errors.jsonl")
        #expect(errors.contains("is a symbolic link to"), "\(errors)")
        #expect(errors.contains("which does not exist: fix or remove the link"), "\(errors)")
    }
}
