import Foundation
import Testing
@testable import TextMill

/// A dedup index folder named with `index:` holds one output's documents. Two outputs sharing
/// one corrupted the first in silence: the second output's first run started the index afresh,
/// and the first output's next run, whose manifest names an index generation of the same
/// number, trusted it, so an exact copy of its own document was kept as unique under exit 0.
/// The folder's `owner` file names the output it belongs to; another output is refused (exit 2,
/// nothing written) while that output's state folder exists, and takes the folder over when it
/// is gone.
@Suite struct DedupIndexOwnerTests {
    let cli = CommandLineTests()
    static let council = "The council voted on the budget today. Members said the plan was fair to every district in the city.\n"
    static let ferry = "The harbor ferry schedule will change next month, officials said at the port office on Tuesday.\n"

    func setUp(_ dir: TemporaryDirectory) {
        dir.write("a/council.txt", Self.council)
        dir.write("b/ferry.txt", Self.ferry)
        for name in ["a", "b"] {
            dir.write("\(name).yaml", "input: \(name)/\noutput: out-\(name)/corpus.jsonl\nstages:\n  - dedup: {index: shared-index}\n")
        }
    }

    @Test func anIndexAnotherOutputKeepsIsRefused() throws {
        let dir = TemporaryDirectory()
        setUp(dir)
        let first = try cli.textmill(["run", "a.yaml", "-q"], in: dir.path)
        expectEqual(first.status, 0, "\(first.stderr)")
        let owner = dir.read("shared-index/owner")
        #expect(owner.hasSuffix("/out-a/corpus.jsonl\n"), "\(owner)")

        let state = SideFolderOwner.identity(of: dir.file("out-a/corpus.jsonl"))
        let expected = "textmill: the dedup index 'shared-index' belongs to the output '\(state)' (its file 'owner' says so, and that output's state folder "
            + "'\(PathText.folder(of: state))/.corpus.textmill' exists), not to 'out-b/corpus.jsonl': two outputs cannot share one, as a run that starts afresh "
            + "empties it and the other output's next run would trust what it holds; give this output a folder of its own (dedup's 'index' option), "
            + "or delete '\(PathText.folder(of: state))/.corpus.textmill' if that output is gone\n"
        for command in [["run", "b.yaml", "-q"], ["run", "b.yaml", "--dry-run"]] {
            let refused = try cli.textmill(command, in: dir.path)
            expectEqual(refused.status, 2, "\(command)")
            expectEqual(refused.stderr, expected, "\(command)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("out-b/corpus.jsonl")))
        expectEqual(dir.read("shared-index/owner"), owner)

        // The first output's index still holds its document: a copy of it is a duplicate.
        dir.write("a/council-copy.txt", Self.council)
        let again = try cli.textmill(["run", "a.yaml", "-q"], in: dir.path)
        expectEqual(again.status, 0, "\(again.stderr)")
        expectEqual(try dir.records("out-a/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["a/council.txt"])
        expectEqual(try dir.records("out-a/corpus.duplicates.jsonl").compactMap { $0["duplicate"]?.objectValue?["of"]?.stringValue }, ["a/council.txt"])

        // The same output spelled otherwise is its owner still.
        let spelled = try cli.textmill(["run", "a.yaml", "-q", "-o", "./out-a/../out-a/corpus.jsonl"], in: dir.path)
        expectEqual(spelled.status, 0, "\(spelled.stderr)")
    }

    /// A run without state of its own (to stdout, from stdin) reads the
    /// index an output keeps; while another run holds it, it is refused before it reads anything
    /// (exit 2), as a run on that output is. It took the lock at its first document: every
    /// document failed with "another textmill run … is using the dedup index" into an
    /// errors.jsonl in the working folder, exit 1.
    @Test func aRunWithoutStateIsRefusedWhileAnotherRunHoldsTheIndex() throws {
        let dir = TemporaryDirectory()
        setUp(dir)
        expectEqual(try cli.textmill(["run", "a.yaml", "-q"], in: dir.path).status, 0)
        let fd = open(dir.file("shared-index/lock"), O_RDWR | O_CLOEXEC)
        #expect(fd >= 0)
        defer { close(fd) }
        expectEqual(flock(fd, LOCK_EX | LOCK_NB), 0)
        // The pid a holder writes there, for the message.
        expectEqual(ftruncate(fd, 0), 0)
        expectEqual(pwrite(fd, "4242\n", 5, 0), 5)
        let runs = [["run", "a.yaml", "-q", "-i", "b", "-o", "-"],
                    ["run", "a.yaml", "-q", "-i", "-"]]
        for command in runs {
            let refused = try cli.textmill(command, stdin: #"{"id": "x", "text": "The ferry left at noon."}"# + "\n", in: dir.path)
            expectEqual(refused.status, 2, "\(command)")
            expectEqual(refused.stderr, "textmill: another textmill run (pid 4242) is using the dedup index 'shared-index'; "
                        + "wait for it to finish (runs on the same output cannot share an index)\n", "\(command)")
            expectEqual(refused.stdout, "", "\(command)")
        }
        for name in ["errors.jsonl", "duplicates.jsonl"] {
            #expect(!FileManager.default.fileExists(atPath: dir.file(name)), "\(name)")
        }
        // Once it is free, the run to stdout reads the index: the council story is a copy.
        flock(fd, LOCK_UN)
        dir.write("b/council.txt", Self.council)
        let free = try cli.textmill(["run", "a.yaml", "-q", "-i", "b", "-o", "-"], in: dir.path)
        expectEqual(free.status, 0, "\(free.stderr)")
        // The council story is dropped as a copy of a/council.txt: one record out, and (a run
        // to stdout writes no side file, a75f604) no duplicates file.
        expectEqual(free.stdout.split(separator: "\n").count, 1, "\(free.stdout)")
        expectEqual(try JSONParser.parse(free.stdout).objectValue?["id"]?.stringValue, "b/ferry.txt")
        #expect(!FileManager.default.fileExists(atPath: dir.file("duplicates.jsonl")))
    }

    /// An index that is the output's state folder shares the run's own lock: the run was
    /// refused as "another textmill run (pid N) is using the dedup index", N its own pid. It is
    /// a config error at the option's line now.
    @Test func anIndexThatIsTheStateFolderIsAConfigError() throws {
        let dir = TemporaryDirectory()
        setUp(dir)
        dir.write("c.yaml", "input: a/\noutput: out/corpus.jsonl\nstages:\n  - dedup: {index: ./out/.corpus.textmill}\n")
        _ = dir.write("out/.corpus.textmill/output", "corpus.jsonl\n")
        for command in [["run", "c.yaml", "-q"], ["validate", "c.yaml"]] {
            let r = try cli.textmill(command, in: dir.path)
            expectEqual(r.status, 2, "\(command)")
            #expect(r.stderr.contains("c.yaml:4:") && r.stderr.contains("error: stage 'dedup' cannot start: the index './out/.corpus.textmill' is the output's state folder, which holds the run's own lock, manifest and journal: leave 'index' out (the index then lives in 'out/.corpus.textmill/dedup'), or name a folder of its own"), "\(command): \(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/corpus.jsonl")))
    }

    /// An index whose output is gone (its state folder deleted) is taken over by the next
    /// output that names it, which starts it afresh on its first run.
    @Test func anIndexWhoseOutputIsGoneIsTakenOver() throws {
        let dir = TemporaryDirectory()
        setUp(dir)
        expectEqual(try cli.textmill(["run", "a.yaml", "-q"], in: dir.path).status, 0)
        try FileManager.default.removeItem(atPath: dir.file("out-a"))
        let taken = try cli.textmill(["run", "b.yaml", "-q"], in: dir.path)
        expectEqual(taken.status, 0, "\(taken.stderr)")
        #expect(dir.read("shared-index/owner").hasSuffix("/out-b/corpus.jsonl\n"))
        // Its first run emptied the index: the council story is no duplicate of anything.
        dir.write("b/council.txt", Self.council)
        expectEqual(try cli.textmill(["run", "b.yaml", "-q"], in: dir.path).status, 0)
        expectEqual(try dir.records("out-b/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["b/ferry.txt", "b/council.txt"])
    }
}
