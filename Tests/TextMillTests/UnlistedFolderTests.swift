import Foundation
import Testing
@testable import TextMill

/// A folder of the inputs that cannot be listed (permission denied: a cron job's glitch, a share
/// mounted with the wrong owner) is not a folder whose files are gone. An incremental run took
/// the last run's files under it for deleted and dropped their records: the output went from three
/// records to one under exit 1, and the downstream job read a corpus that had lost them.
@Suite(.serialized) struct UnlistedFolderTests {
    /// The runs go as `nobody` when the tests run as root (root lists any folder), on files it
    /// owns: `UnwritableOutputTests`' runner and hand-over.
    let asNobody = UnwritableOutputTests()

    func textmill(_ args: [String], in dir: TemporaryDirectory) throws -> CommandLineTests.Result {
        try asNobody.textmill(args, in: dir)
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
        asNobody.handOver(dir)
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
        asNobody.handOver(dir)
        let back = try textmill(["run", "p.yaml"], in: dir)
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stderr.contains("[incremental: 0 new, 1 changed, 1 deleted, 2 unchanged files]"), "\(back.stderr)")
        #expect(ids(dir).sorted() == ["in/a.txt", "in/sub/b.txt", "in/sub/c.txt"])
        #expect(dir.read("out/corpus.jsonl").contains("Saturday"))
        #expect(dir.read("out/corpus.errors.jsonl") == "")
    }
}
