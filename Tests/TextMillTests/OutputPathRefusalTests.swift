import Foundation
import Testing
@testable import TextMill

/// Output paths a run refuses before it reads anything (exit 2), found by attacking the README's
/// promises with the release binary: each of these used to replace a file it must not, crash,
/// or do the whole run and then fail at the commit with exit 3.
@Suite struct OutputPathRefusalTests {
    let cli = CommandLineTests()

    static let story = "The ferry to Carrow Island will run twice a day from May, the harbour board said.\n"
    static let other = "Volunteers cleared the towpath on Sunday after the flood had gone down.\n"

    /// The files under a folder (recursively, hidden ones too), with their bytes.
    func snapshot(_ dir: TemporaryDirectory) -> [String: Data] {
        var out: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: dir.path)
        while let name = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: dir.file(name), isDirectory: &isDirectory)
            out[name] = isDirectory.boolValue ? Data("folder".utf8) : FileManager.default.contents(atPath: dir.file(name)) ?? Data("unreadable".utf8)
        }
        return out
    }

    /// `-o in/a.txt` with `in/` as input: the walk skipped in/a.txt as the run's own output,
    /// then the commit renamed the records over it. The user's document was gone, exit 0.
    @Test func anOutputThatIsAnInputDocumentIsRefusedAndLeftAlone() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", Self.story)
        dir.write("in/b.txt", Self.other)
        let config = dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [sentences]\n")
        let before = snapshot(dir)
        for inputs in [[dir.file("in")], [dir.file("in/*.txt")], [dir.file("in/b.txt"), dir.file("in")]] {
            let r = try cli.textmill(["run", config, "--quiet", "--output", dir.file("in/a.txt")] + inputs.flatMap { ["--input", $0] })
            expectEqual(r.status, 2, "\(inputs): \(r.stderr)")
            expectEqual(r.stderr, "textmill: the output '\(dir.file("in/a.txt"))' is one of the input files, and no textmill run wrote it (it has no state folder '\(dir.file("in/.a.txt.textmill"))' and no '\(dir.file("in/a.txt.stats.json"))'): the run would replace that input with its records. Name an --output outside the inputs, or move the file out of them\n", "\(inputs)")
            expectEqual(snapshot(dir), before, "\(inputs): nothing was written or removed")
        }
    }

    /// An output kept inside the input folder is still this run's own: the second run, like the
    /// first, skips it as input and replaces it.
    /// `output:` naming the config file replaced the pipeline with its records (exit 0); `-o`
    /// naming a plugin's script replaced the script, and `log:` naming it moved it to LOG.1.
    /// Each is refused before anything is read, however spelled, and nothing is touched.
    @Test func anOutputOrLogThatIsTheConfigOrAFileItNamesIsRefused() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", Self.story)
        dir.write("tag.py", "import sys\nfor line in sys.stdin:\n    sys.stdout.write(line); sys.stdout.flush()\n")
        dir.write("self.yaml", "input: in/\noutput: ./self.yaml\nstages: [sentences]\n")
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - exec: {command: [python3, tag.py]}\n")
        dir.write("log.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - exec: {command: [python3, tag.py], log: ../\(PathText.name(of: dir.path))/tag.py}\n")
        let before = snapshot(dir)
        let cases: [(arguments: [String], message: String)] = [
            (["run", "self.yaml"], "'./self.yaml', a file the run writes, is the config file 'self.yaml'"),
            (["run", "p.yaml", "-o", "p.yaml"], "'p.yaml', a file the run writes, is the config file 'p.yaml'"),
            (["run", "p.yaml", "-o", "./tag.py"], "'./tag.py', a file the run writes, is a file stage 'exec' reads 'tag.py'"),
            (["run", "log.yaml"], "'../\(PathText.name(of: dir.path))/tag.py', a file the run writes, is a file stage 'exec' reads 'tag.py'"),
        ]
        for c in cases {
            let r = try cli.textmill(c.arguments + ["-q"], in: dir.path)
            expectEqual(r.status, 2, "\(c.arguments): \(r.stderr)")
            expectEqual(r.stderr, "textmill: \(c.message): the run would replace it; name another output (or log)\n", "\(c.arguments)")
            expectEqual(snapshot(dir), before, "\(c.arguments): nothing was written or removed")
        }
        // A side file of the output that is the config: `-o p.jsonl` writes p.stats.json.
        dir.write("p.stats.json", "input: in/\noutput: p.jsonl\nstages: [sentences]\n")
        let side = try cli.textmill(["run", "p.stats.json", "-q"], in: dir.path)
        expectEqual(side.status, 2)
        expectEqual(side.stderr, "textmill: 'p.stats.json', a file the run writes, is the config file 'p.stats.json': the run would replace it; name another output (or log)\n", "\(side.stderr)")
        expectEqual(dir.read("p.stats.json"), "input: in/\noutput: p.jsonl\nstages: [sentences]\n")

        // An option may name the run's own output, written by an earlier run, for a plugin to read.
        dir.write("reads.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - exec: {command: [python3, tag.py, out/corpus.jsonl]}\n")
        for run in 1...2 {
            let r = try cli.textmill(["run", "reads.yaml", "-q"], in: dir.path)
            expectEqual(r.status, 0, "run \(run): \(r.stderr)")
        }
    }

    /// A plugin may read the run's own earlier output (`command: [python3, tag.py,
    /// out/corpus.jsonl]`): the config fingerprint hashed it, so every run after one that added
    /// records said "'out/corpus.jsonl' changed" and reprocessed every file.
    @Test func aPluginReadingTheRunsOwnOutputKeepsRunsIncremental() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", Self.story)
        dir.write("tag.py", "import sys\nfor line in sys.stdin:\n    sys.stdout.write(line); sys.stdout.flush()\n")
        dir.write("reads.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - exec: {command: [python3, tag.py, out/corpus.jsonl]}\n")
        let first = try cli.textmill(["run", "reads.yaml"], in: dir.path)
        expectEqual(first.status, 0, "\(first.stderr)")
        dir.write("in/b.txt", Self.other)
        for run in 2...3 {
            let r = try cli.textmill(["run", "reads.yaml"], in: dir.path)
            expectEqual(r.status, 0, "run \(run): \(r.stderr)")
            #expect(!r.stderr.contains("config changed"), "run \(run): \(r.stderr)")
            #expect(r.stderr.contains(run == 2 ? "[incremental: 1 new, 0 changed, 0 deleted, 1 unchanged file]" : "[incremental: 0 new, 0 changed, 0 deleted, 2 unchanged files]"), "run \(run): \(r.stderr)")
        }
        // The plugin's script is still part of the config.
        dir.write("tag.py", "import sys\nfor line in sys.stdin:\n    sys.stdout.write(line)\n    sys.stdout.flush()\n")
        let edited = try cli.textmill(["run", "reads.yaml"], in: dir.path)
        #expect(edited.stderr.contains("'tag.py' changed): reprocessing every file"), "\(edited.stderr)")
    }

    @Test func anOutputInsideTheInputFolderStillRunsAgain() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", Self.story)
        let config = dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("in/corpus.jsonl"))\nstages: [sentences]\n")
        for run in 1...2 {
            let r = try cli.textmill(["run", config, "--quiet", "--force"])
            expectEqual(r.status, 0, "run \(run): \(r.stderr)")
            expectEqual(try dir.records("in/corpus.jsonl").compactMap { $0["id"]?.stringValue }, [dir.file("in/a.txt")], "run \(run)")
        }
        // A preview keeps no state but leaves its stats file: its output is a run's too.
        let preview = try cli.textmill(["run", config, "--quiet", "--limit", "1", "--output", dir.file("in/preview.jsonl")])
        expectEqual(preview.status, 0, "\(preview.stderr)")
        let again = try cli.textmill(["run", config, "--quiet", "--limit", "1", "--output", dir.file("in/preview.jsonl")])
        expectEqual(again.status, 0, "\(again.stderr)")
    }

    /// A named pipe, or a link to /dev/null, as the output: the commit's rename put a regular file
    /// in its place (run as root with `-o /dev/null`, it replaced the device itself).
    @Test func anOutputThatIsADeviceOrANamedPipeIsRefused() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", Self.story)
        expectEqual(mkfifo(dir.file("pipe.jsonl"), 0o644), 0)
        try FileManager.default.createSymbolicLink(atPath: dir.file("null.jsonl"), withDestinationPath: "/dev/null")
        let config = dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out.jsonl"))\nstages: [sentences]\n")
        let before = snapshot(dir)
        for (name, kind) in [("pipe.jsonl", "a named pipe"), ("null.jsonl", "a device")] {
            let r = try cli.textmill(["run", config, "--quiet", "--output", dir.file(name)])
            expectEqual(r.status, 2, "\(name): \(r.stderr)")
            expectEqual(r.stderr, "textmill: the output '\(dir.file(name))' is \(kind), not a file: a run replaces its outputs whole and would put a file in its place; name a file, or write the records to stdout with --output - (e.g. --output - > /dev/null to discard them)\n", "\(name)")
        }
        var st = stat()
        #expect(lstat(dir.file("pipe.jsonl"), &st) == 0 && st.st_mode & S_IFMT == S_IFIFO, "the pipe is still a pipe")
        #expect(lstat(dir.file("null.jsonl"), &st) == 0 && st.st_mode & S_IFMT == S_IFLNK, "the link is still a link")
        expectEqual(snapshot(dir).keys.sorted(), before.keys.sorted(), "no file was added")
        // NAME.stats.json is renamed into place as well: a named pipe there became a file.
        expectEqual(mkfifo(dir.file("out.stats.json"), 0o644), 0)
        let stats = try cli.textmill(["run", config, "--quiet"])
        expectEqual(stats.status, 2)
        expectEqual(stats.stderr, "textmill: '\(dir.file("out.stats.json"))' is a named pipe, not a file: the run writes its figures there, replacing it whole; move it away\n")
        #expect(lstat(dir.file("out.stats.json"), &st) == 0 && st.st_mode & S_IFMT == S_IFIFO, "the pipe is still a pipe")
    }

    /// Paths that can only name a folder: `.` crashed the process (Foundation's path functions
    /// trap on it), the others read every input and then failed the commit with exit 3.
    /// An output name of 245 bytes was processed whole and failed at the commit ("cannot rename
    /// … File name too long", exit 3): its side files and their temporary copies are longer than
    /// a file name may be. It is refused before anything is read, with the longest name it may
    /// have; one byte shorter runs.
    @Test func anOutputNameTooLongForItsSideFilesIsRefusedBeforeReading() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "The ferry ran late on Monday.\n")
        let config = dir.write("p.yaml", "input: \(dir.file("in"))\nstages: [normalize]\n")
        let long = String(repeating: "n", count: 223) + ".jsonl"
        let r = try CommandLineTests().textmill(["run", config, "-q", "-o", dir.file("out/" + long)])
        expectEqual(r.status, 2)
        expectEqual(r.stderr, "textmill: the output's name '\(long)' is too long: its side file '\(String(repeating: "n", count: 223)).duplicates.jsonl', written as a temporary copy first, would need a name of 256 bytes, above the 255 this file system allows; name the output at most 228 bytes long\n")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")), "nothing was written")
        let fits = String(repeating: "n", count: 222) + ".jsonl"
        let ok = try CommandLineTests().textmill(["run", config, "-q", "-o", dir.file("out/" + fits)])
        expectEqual(ok.status, 0, "\(ok.stderr)")
        expectEqual(try dir.records("out/" + fits).count, 1)
    }

    @Test func anOutputPathThatNamesAFolderIsRefusedBeforeReading() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", Self.story)
        let config = dir.write("p.yaml", "input: in\noutput: out.jsonl\nstages: [sentences]\n")
        // An existing folder with a file's name: main a21feae offered the folder itself as the
        // file to name ("is a folder; name a file, e.g. 'old.jsonl'").
        dir.write("old.jsonl/keep.txt", "kept\n")
        let before = snapshot(dir)
        let cases: [(output: String, message: String)] = [
            ("old.jsonl", "the output 'old.jsonl' is a folder; name a file, e.g. 'old.jsonl/corpus.jsonl'"),
            ("old.jsonl/", "the output 'old.jsonl/' is a folder; name a file, e.g. 'old.jsonl/corpus.jsonl'"),
            ("", "the output path is empty; name a file, e.g. 'output/corpus.jsonl'"),
            (".", "the output '.' is a folder; name a file, e.g. './corpus.jsonl'"),
            ("..", "the output '..' is a folder; name a file, e.g. '../corpus.jsonl'"),
            ("new/", "the output 'new/' is a folder; name a file, e.g. 'new/corpus.jsonl'"),
            ("new/x.jsonl/", "the output 'new/x.jsonl/' is a folder; name a file, e.g. 'new/x.jsonl'"),
            ("in/.", "the output 'in/.' is a folder; name a file, e.g. 'in/./corpus.jsonl'"),
            ("~/", "the output '~/' is a folder; name a file, e.g. '~/corpus.jsonl'"),
        ]
        for c in cases {
            let r = try cli.textmill(["run", config, "--quiet", "--output", c.output], in: dir.path)
            expectEqual(r.status, 2, "'\(c.output)': \(r.stderr)")
            expectEqual(r.stderr, "textmill: \(c.message)\n", "'\(c.output)'")
        }
        expectEqual(snapshot(dir), before, "nothing was written")
    }
}
