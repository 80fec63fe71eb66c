import Foundation
import Testing
@testable import TextMill

/// What stands where an output's state folder goes.
///
/// A state folder that is a symbolic link to another output's (`ln -s .a.textmill out/.b.textmill`,
/// or to a same-named output's in another folder): b's run took a's folder over with a warning
/// that its owner file "was damaged or copied", replaced a's manifest and dedup index with its
/// own, and a's next run then reprocessed every file and took it back, each run of one undoing
/// the other's state (main 971bb81, exit 0 every time). Refused now (exit 2) before anything is
/// read, naming the folder the link leads to; a's state is left as it was.
@Suite struct StateFolderPlaceTests {
    let cli = CommandLineTests()

    /// The files of output a under `folder`, with their bytes.
    func contents(_ folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for name in FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? [] where name.hasPrefix("a.") || name.hasPrefix(".a.textmill/") {
            if let data = FileManager.default.contents(atPath: folder + "/" + name) { files[name] = data }
        }
        return files
    }

    @Test func aStateFolderLinkedToAnotherOutputsIsRefused() throws {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts(into: "in", count: 2)
        dir.writeSampleTexts(into: "in2", count: 3)
        let a = dir.write("a.yaml", "input: in\noutput: out/a.jsonl\nstages: [normalize, dedup]\n")
        expectEqual(try cli.textmill(["run", a, "--quiet"], in: dir.path).status, 0)
        let kept = contents(dir.file("out"))
        #expect(kept["a.jsonl"] != nil && kept[".a.textmill/manifest.json"] != nil)

        let real = try #require(realpath(dir.file("out/.a.textmill"), nil))
        let target = String(cString: real)
        free(real)
        for (config, link, destination) in [("out/b.jsonl", "out/.b.textmill", ".a.textmill"),
                                            ("other/a.jsonl", "other/.a.textmill", "../out/.a.textmill")] {
            try FileManager.default.createDirectory(atPath: dir.file(PathText.folder(of: link)), withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: dir.file(link), withDestinationPath: destination)
            let b = dir.write("b.yaml", "input: in2\noutput: \(config)\nstages: [normalize, dedup]\n")
            for command in [["run", b], ["run", b, "--dry-run"], ["validate", b]] {
                let r = try cli.textmill(command, in: dir.path)
                expectEqual(r.status, 2, "\(command) \(link): \(r.stderr)")
                expectEqual(r.stderr, "textmill: the state folder '\(link)' of '\(config)' is a symbolic link to '\(target)', the state folder of '\(PathText.folder(of: target))/a.jsonl': "
                            + "each output's run would replace the other's manifest and dedup index with its own; remove the link (the run makes a state folder of its own)\n",
                            "\(command)")
            }
            expectEqual(contents(dir.file("out")), kept, "\(link): a's files are as they were")
            #expect(!FileManager.default.fileExists(atPath: dir.file(config)), "nothing written")
        }
        // With the links removed (as the message says), a's own run still builds on its state.
        for link in ["out/.b.textmill", "other/.a.textmill"] { try FileManager.default.removeItem(atPath: dir.file(link)) }
        let again = try cli.textmill(["run", a], in: dir.path)
        expectEqual(again.status, 0, "\(again.stderr)")
        #expect(again.stderr.contains("[incremental: 0 new, 0 changed, 0 deleted, 2 unchanged files]"), "\(again.stderr)")
    }

    /// A file where the state folder goes was refused (exit 3) naming the folder the run would
    /// make inside it ("cannot create files in 'out/.corpus.textmill/dedup': Not a directory;
    /// move away the file that stands where a folder must be"): the file to move is named now,
    /// and since session 34 the run is refused with exit 2 (nothing was read or written).
    @Test func aFileWhereTheStateFolderGoesIsNamed() throws {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts(into: "in", count: 2)
        let config = dir.write("p.yaml", "input: in\noutput: out/corpus.jsonl\nstages: [normalize, dedup]\n")
        dir.write("out/.corpus.textmill", "notes\n")
        for command in [["run", config], ["run", config, "--dry-run"]] {
            let r = try cli.textmill(command, in: dir.path)
            expectEqual(r.status, 2, "\(command): \(r.stderr)")
            expectEqual(r.stderr, "textmill: 'out/.corpus.textmill' is a file, where the run must make the state folder of 'out/corpus.jsonl': nothing was read or written; move it away, or name another --output\n", "\(command)")
        }
        expectEqual(try FileManager.default.contentsOfDirectory(atPath: dir.file("out")), [".corpus.textmill"], "nothing written")
        expectEqual(dir.read("out/.corpus.textmill"), "notes\n")
    }
}
