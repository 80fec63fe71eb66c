import Foundation
import Testing
@testable import TextMill

/// A folder of the inputs that cannot be listed (permission denied: a cron job's glitch, a share
/// mounted with the wrong owner) is not a folder whose files are gone. An incremental run took
/// the last run's files under it for deleted and dropped their records: the output went from three
/// records to one under exit 1, and the downstream job read a corpus that had lost them.
@Suite(.serialized) struct UnlistedFolderTests {
    static let nobody: uid_t = 65534

    /// Runs the built textmill in `dir`, as nobody when the tests run as root (root lists any folder).
    func textmill(_ args: [String], in dir: TemporaryDirectory) throws -> CommandLineTests.Result {
        let p = Process()
        let prefix = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=\(Self.nobody)", "--regid=\(Self.nobody)", "--clear-groups"] : []
        p.executableURL = URL(fileURLWithPath: prefix.isEmpty ? CommandLineTests.binary : prefix[0])
        p.arguments = Array(prefix.dropFirst()) + (prefix.isEmpty ? [] : [CommandLineTests.binary]) + args
        p.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return .init(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    func ids(_ dir: TemporaryDirectory) -> [String] {
        dir.read("out/corpus.jsonl").split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["id"] as? String
        }
    }

    @Test func theRecordsOfAFolderThatCannotBeListedAreKept() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "Harbor City opened its new ferry terminal on Monday.\n")
        dir.write("in/sub/b.txt", "The council approved the budget after a long night of debate.\n")
        dir.write("in/sub/c.txt", "The mayor said the berths would reopen on Friday.\n")
        dir.write("p.yaml", "input: in\noutput: out/corpus.jsonl\nstages:\n  - normalize\n")
        chmod(dir.path, 0o755)
        if getuid() == 0 {
            for name in FileManager.default.enumerator(atPath: dir.path)?.allObjects as? [String] ?? [] {
                lchown(dir.file(name), Self.nobody, gid_t(Self.nobody))
            }
            lchown(dir.path, Self.nobody, gid_t(Self.nobody))
        }
        let first = try textmill(["run", "p.yaml"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(ids(dir) == ["in/a.txt", "in/sub/b.txt", "in/sub/c.txt"])

        chmod(dir.file("in/sub"), 0)
        defer { chmod(dir.file("in/sub"), 0o755) }
        let glitch = try textmill(["run", "p.yaml"], in: dir)
        #expect(glitch.status == 1, "\(glitch.stderr)")
        #expect(ids(dir) == ["in/a.txt", "in/sub/b.txt", "in/sub/c.txt"])
        #expect(glitch.stderr.contains("'in/sub' could not be listed (its error is in the errors file): the records of the last run's 2 files under it are kept as they were; the next run that can list it processes what changed there"), "\(glitch.stderr)")
        #expect(glitch.stderr.contains("[incremental: 1 new, 0 changed, 0 deleted, 3 unchanged files]"), "\(glitch.stderr)")
        #expect(dir.read("out/corpus.errors.jsonl") == #"{"id":"in/sub","source":{"path":"in/sub","format":"text"},"stage":"read","reason":"permission denied reading 'in/sub'"}"# + "\n")

        // Listed again, with one of its files changed meanwhile: that one is read, the other kept.
        chmod(dir.file("in/sub"), 0o755)
        dir.write("in/sub/c.txt", "The mayor said the berths would reopen on Saturday.\n")
        if getuid() == 0 { lchown(dir.file("in/sub/c.txt"), Self.nobody, gid_t(Self.nobody)) }
        let back = try textmill(["run", "p.yaml"], in: dir)
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stderr.contains("[incremental: 0 new, 1 changed, 1 deleted, 2 unchanged files]"), "\(back.stderr)")
        #expect(ids(dir).sorted() == ["in/a.txt", "in/sub/b.txt", "in/sub/c.txt"])
        #expect(dir.read("out/corpus.jsonl").contains("Saturday"))
        #expect(dir.read("out/corpus.errors.jsonl") == "")
    }
}
