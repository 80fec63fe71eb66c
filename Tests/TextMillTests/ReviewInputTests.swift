import Foundation
import Testing
@testable import TextMill

/// What the resolver meets in real folders: symbolic-link loops, named pipes, folders it may
/// not read.
@Suite struct ReviewInputTests {
    /// Three real texts, and links that lead back up: `a/up -> ..` and `b/self -> .`.
    func tree(_ dir: TemporaryDirectory) throws {
        dir.write("in/top.txt", Repo.bytes(Repo.sampleTexts[0]))
        dir.write("in/a/x.txt", Repo.bytes(Repo.sampleTexts[1]))
        dir.write("in/b/y.txt", Repo.bytes(Repo.sampleTexts[2]))
        try FileManager.default.createSymbolicLink(atPath: dir.file("in/a/up"), withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: dir.file("in/b/self"), withDestinationPath: ".")
    }

    /// Before, the walk followed each link until the kernel refused the path (ELOOP, 40 links
    /// deep) and returned every file dozens of times under longer and longer names; with two
    /// such links in one folder it never ended.
    @Test func symbolicLinkLoopsAreSkippedWithAWarning() throws {
        let dir = TemporaryDirectory()
        try tree(dir)
        var resolver = InputResolver()
        let files = try resolver.resolve([dir.file("in")])
        expectEqual(files.map(\.path), ["in/a/x.txt", "in/b/y.txt", "in/top.txt"].map(dir.file))
        expectEqual(resolver.warnings.count, 2)
        #expect(resolver.warnings.allSatisfy { $0.contains("a symbolic link back to a folder that contains it") })

        var globber = InputResolver()
        let globbed = try globber.resolve([dir.file("in/**/*.txt")])
        expectEqual(globbed.map(\.path), ["in/a/x.txt", "in/b/y.txt", "in/top.txt"].map(dir.file))
        expectEqual(globber.warnings.count, 2)
    }

    /// A link in the input folder to a folder above it (`in/up -> ..`, `in/top -> ../..`) is a
    /// loop too: that folder contains the link. The walk took only the folders it was walking
    /// for loops, so it walked the folders above and read what lies beside the input folder until
    /// it met the input folder again (here, with `textmill run` of cbda3d9's sources: 8 documents
    /// for 2, the config read twice as a document, `in/up/p.yaml` and `in/top/work/p.yaml`, under
    /// exit 0); `in/root -> /` walked the whole file system. A link to a folder beside the input
    /// folder is still followed.
    @Test func aLinkToAFolderAboveTheInputFolderIsALoop() throws {
        let dir = TemporaryDirectory()
        dir.write("work/in/story.txt", Repo.bytes(Repo.sampleTexts[0]))
        dir.write("work/p.yaml", "input: in\nstages: [normalize]\n")
        dir.write("work/notes/todo.txt", "Call the harbour master.\n")
        dir.write("work/shared/wire.txt", Repo.bytes(Repo.sampleTexts[1]))
        for (name, target) in [("up", ".."), ("top", "../.."), ("beside", "../shared")] {
            try FileManager.default.createSymbolicLink(atPath: dir.file("work/in/\(name)"), withDestinationPath: target)
        }
        var resolver = InputResolver()
        let files = try resolver.resolve([dir.file("work/in")])
        expectEqual(files.map(\.path), ["work/in/beside/wire.txt", "work/in/story.txt"].map(dir.file))
        expectEqual(resolver.warnings, ["work/in/top", "work/in/up"].map { InputResolver.loopWarning(dir.file($0)) })
    }

    /// One file reached by several inputs spelled differently (a folder and the file's absolute
    /// path, `in/../in/a.txt`, a hard link) was read once under each spelling (main a21feae:
    /// three records of one document, under exit 0). It is read once, under the first.
    @Test func aFileReachedByTwoInputsIsReadOnce() throws {
        let dir = TemporaryDirectory()
        try tree(dir)
        expectEqual(link(dir.file("in/top.txt"), dir.file("top-link.txt")), 0)
        var resolver = InputResolver()
        let files = try resolver.resolve([dir.file("in"), dir.file("in/../in/top.txt"), dir.file("in/a/../b/y.txt"), dir.file("top-link.txt")])
        expectEqual(files.map(\.path), ["in/a/x.txt", "in/b/y.txt", "in/top.txt"].map(dir.file))
        // Within one folder two names of one file are two files, as before.
        var one = InputResolver()
        expectEqual(try one.resolve([dir.path]).filter { $0.path.hasSuffix("top.txt") || $0.path.hasSuffix("top-link.txt") }.count, 2)
    }

    /// Two names of one file inside one input (a folder, or a glob's matches) are two files
    /// whatever other inputs the run names; only a later input that reaches the file is not read
    /// again. With a second input, even one that shares nothing (`-i in -i notes.txt`), or a glob
    /// of several matches (`-i 'in/*'`), the second name was dropped unread and unreported (main
    /// 9a34b9d: 2 documents for 3, exit 0), where `-i in` alone reads both names.
    @Test func twoNamesInOneInputAreTwoFilesBesideOtherInputs() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a/story.txt", Repo.bytes(Repo.sampleTexts[0]))
        dir.write("in/b/other.txt", Repo.bytes(Repo.sampleTexts[1]))
        dir.write("notes.txt", "Call the harbour master about the new quay.\n")
        expectEqual(link(dir.file("in/a/story.txt"), dir.file("in/b/copy.txt")), 0)
        let both = ["in/a/story.txt", "in/b/copy.txt", "in/b/other.txt"].map(dir.file)
        var alone = InputResolver()
        expectEqual(try alone.resolve([dir.file("in")]).map(\.path), both)
        var beside = InputResolver()
        expectEqual(try beside.resolve([dir.file("in"), dir.file("notes.txt")]).map(\.path), both + [dir.file("notes.txt")])
        var globbed = InputResolver()
        expectEqual(try globbed.resolve([dir.file("in/*")]).map(\.path), both)
        // A later input that names the file again is still not read: the first input read it.
        var again = InputResolver()
        expectEqual(try again.resolve([dir.file("in"), dir.file("in/b/../a/story.txt"), dir.file("notes.txt")]).map(\.path), both + [dir.file("notes.txt")])
    }

    /// A named pipe in an input folder: opening it blocks until someone writes, so a run would
    /// hang on it. Inside folders it is skipped with a warning.
    @Test func aNamedPipeInAFolderIsSkipped() throws {
        let dir = TemporaryDirectory()
        try tree(dir)
        expectEqual(mkfifo(dir.file("in/a/feed.txt"), 0o644), 0)
        var resolver = InputResolver()
        let files = try resolver.resolve([dir.file("in")])
        #expect(!files.contains { $0.path.hasSuffix("feed.txt") })
        #expect(resolver.warnings.contains { $0.contains("feed.txt") && $0.contains("not a regular file") })
    }

    /// A file the walk found that is a named pipe by the time the reader opens it (replaced
    /// since, by another program or user of the input folder) is not waited for: it fails alone,
    /// saying what it is now, and the next file is read. The open waited for a writer (main
    /// 9a34b9d: `textmill run` on a folder of 3,000 stories whose last one was replaced by a named
    /// pipe 0.5 s into the run hung until killed, holding the output's lock); here a writer
    /// comes after 2 s, so without the fix the pipe's text is read as the document. A pipe
    /// named directly is still read (`-i <(…)`).
    @Test func aFileReplacedByANamedPipeAfterTheWalkIsNotWaitedFor() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", Repo.bytes(Repo.sampleTexts[0]))
        dir.write("in/b.txt", Repo.bytes(Repo.sampleTexts[1]))
        var resolver = InputResolver()
        let files = try resolver.resolve([dir.file("in")])
        expectEqual(files.map(\.path), [dir.file("in/a.txt"), dir.file("in/b.txt")])
        expectEqual(unlink(dir.file("in/a.txt")), 0)
        expectEqual(mkfifo(dir.file("in/a.txt"), 0o644), 0)
        let pipe = dir.file("in/a.txt")
        let writer = Thread {
            Thread.sleep(forTimeInterval: 2)
            let fd = open(pipe, O_WRONLY | O_NONBLOCK)
            if fd >= 0 { _ = write(fd, "A late text from the pipe.\n", 27); close(fd) }
        }
        writer.start()
        var items: [InputItem] = []
        for f in files { try SourceReader().read(f) { items.append($0) } }
        expectEqual(items.count, 2)
        guard case .failure(let failure)? = items.first, case .document(let doc)? = items.last else {
            Issue.record("expected a failure, then the document of in/b.txt: \(items)")
            return
        }
        expectEqual(failure.id, dir.file("in/a.txt"))
        expectEqual(failure.reason, "'\(dir.file("in/a.txt"))' is now a named pipe, not the regular file the inputs held when they were listed (it was replaced since): "
                    + "not read, as a named pipe, socket or device in an input folder is not; put the file back, or name the pipe or device as an input of its own to read it")
        expectEqual(doc.id, dir.file("in/b.txt"))
        Thread.sleep(forTimeInterval: 2.2)
    }

    /// A folder the run may not read was dropped in silence, with every file in it. It now goes
    /// to errors.jsonl ("permission denied") and the run exits 1. As root the test runs textmill
    /// as nobody, since root reads everything.
    @Test func anUnreadableFolderIsAnError() throws {
        let dir = TemporaryDirectory()
        dir.write("in/open.txt", Repo.bytes(Repo.sampleTexts[0]))
        dir.write("in/locked/inside.txt", Repo.bytes(Repo.sampleTexts[1]))
        try FileManager.default.createDirectory(atPath: dir.file("out"), withIntermediateDirectories: true)
        chmod(dir.file("in/locked"), 0)
        chmod(dir.file("out"), 0o777)
        chmod(dir.path, 0o755)
        defer { chmod(dir.file("in/locked"), 0o755) }
        let config = dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize]\n")
        let p = Process()
        if getuid() == 0 {
            p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            p.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CommandLineTests.binary, "run", config, "--quiet"]
        } else {
            p.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
            p.arguments = ["run", config, "--quiet"]
        }
        try p.run()
        p.waitUntilExit()
        expectEqual(p.terminationStatus, 1)
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.count, 1)
        expectEqual(errors.first?["id"]?.stringValue, dir.file("in/locked"))
        expectEqual(errors.first?["reason"]?.stringValue?.contains("permission denied"), true)
        expectEqual(try dir.records("out/corpus.jsonl").count, 1)
    }

    /// A file whose name holds glob characters, named as it is: it was taken for a glob that
    /// matched nothing ("no file matches"), and the run read nothing.
    @Test func aNameWithGlobCharactersIsReadAsItIs() throws {
        let dir = TemporaryDirectory()
        dir.write("in/[2024] report.txt", Repo.bytes(Repo.sampleTexts[0]))
        dir.write("in/2 report.txt", Repo.bytes(Repo.sampleTexts[1]))
        var resolver = InputResolver()
        expectEqual(try resolver.resolve([dir.file("in/[2024] report.txt")]).map(\.path), [dir.file("in/[2024] report.txt")])
        #expect(resolver.warnings.isEmpty)
        // A pattern that names no file is still a pattern.
        var globber = InputResolver()
        expectEqual(try globber.resolve([dir.file("in/[0-9] report.txt")]).map(\.path), [dir.file("in/2 report.txt")])
    }
}

/// A run whose input folder holds its output folder (`input: .`).
@Suite struct ReviewOwnOutputTests {
    /// The second run read the first run's corpus.jsonl back as JSONL input (every record twice),
    /// stats.json as a text document, the empty errors.jsonl, duplicates.jsonl and plugin log as
    /// failures, and named every file "./docs/…". The outputs are now excluded however their path
    /// is written (here: absolute output, relative input), and ids have no "./".
    @Test(arguments: [false, true])
    func theRunsOwnFilesAreNeverInput(absoluteOutput: Bool) throws {
        let dir = TemporaryDirectory()
        dir.write("docs/a.txt", Repo.bytes(Repo.sampleTexts[0]))
        dir.write("docs/b.txt", Repo.bytes(Repo.sampleTexts[1]))
        let output = absoluteOutput ? dir.file("out/corpus.jsonl") : "out/corpus.jsonl"
        let config = dir.write("p.yaml", "input: .\noutput: \(output)\nstages:\n  - normalize\n  - exec: {command: [cat]}\n")
        for run in 1...2 {
            let r = try CommandLineTests().textmill(["run", config, "--quiet"], in: dir.path)
            expectEqual(r.status, 0, "run \(run): \(dir.read("out/corpus.errors.jsonl").prefix(400))")
            let ids = try dir.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }
            expectEqual(ids, ["docs/a.txt", "docs/b.txt", "p.yaml"], "run \(run)")
        }
        // A third run with --force reads the folder again: still only the three inputs.
        let forced = try CommandLineTests().textmill(["run", config, "--quiet", "--force"], in: dir.path)
        expectEqual(forced.status, 0)
        expectEqual(try dir.records("out/corpus.jsonl").count, 3)
    }
}
