import Foundation
import Testing
@testable import TextMill

/// An incremental run whose inputs hold no file at all, while the last run's files made the
/// corpus: a network folder not mounted (its mount point an empty folder), a glob that matches
/// nothing. Every file was taken as deleted and every record removed under exit status 0
/// ("0 new, 0 changed, 2 deleted", at most a warning that the glob matched nothing); the next
/// run, the files back, processed them all again. It is refused now, nothing touched.
@Suite struct EmptiedInputsTests {
    let cli = CommandLineTests()

    static let names = ["harbor.txt", "port.txt"]

    func setUp(_ dir: TemporaryDirectory) -> String {
        dir.write("in/harbor.txt", "The harbor council approved the ferry budget on Tuesday.\n")
        dir.write("in/port.txt", "Dock workers walked out at dawn over the new shift rota.\n")
        return dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize, sentences]\n")
    }

    func move(_ dir: TemporaryDirectory, from: String, to: String) throws {
        for name in Self.names { try FileManager.default.moveItem(atPath: dir.file(from + name), toPath: dir.file(to + name)) }
    }

    @Test func inputsThatHoldNoFileDoNotEmptyTheCorpus() throws {
        let dir = TemporaryDirectory()
        let config = setUp(dir)
        expectEqual(try cli.textmill(["run", config, "--quiet"]).status, 0)
        let before = dir.read("out/corpus.jsonl")
        let manifest = dir.read("out/.corpus.textmill/manifest.json")
        expectEqual(ReviewCrashTests.lineCount(before), 2)
        dir.write("away/.keep", "")
        try move(dir, from: "in/", to: "away/")
        for extra in [[], ["--dry-run"], ["-i", dir.file("in/*.txt")]] {
            let r = try cli.textmill(["run", config] + extra)
            expectEqual(r.status, 2, "\(extra): \(r.stderr)")
            #expect(r.stderr.contains("the inputs hold no file, where the last run's 2 files made the records of '\(dir.file("out/corpus.jsonl"))'")
                    && r.stderr.contains("run with --force to empty the corpus on purpose"), "\(extra): \(r.stderr)")
            expectEqual(dir.read("out/corpus.jsonl"), before, "\(extra)")
            expectEqual(dir.read("out/.corpus.textmill/manifest.json"), manifest, "\(extra)")
        }
        // The files back (the mount back): nothing to do.
        try move(dir, from: "away/", to: "in/")
        let back = try cli.textmill(["run", config])
        expectEqual(back.status, 0, "\(back.stderr)")
        #expect(back.stderr.contains("[incremental: 0 new, 0 changed, 0 deleted, 2 unchanged files]"), "\(back.stderr)")
        expectEqual(dir.read("out/corpus.jsonl"), before)
        // On purpose: --force empties the corpus.
        try move(dir, from: "in/", to: "away/")
        let forced = try cli.textmill(["run", config, "--quiet", "--force"])
        expectEqual(forced.status, 0, "\(forced.stderr)")
        expectEqual(dir.read("out/corpus.jsonl"), "")
    }

    /// One file left: the others' records go, as before (only a corpus emptied whole is refused).
    @Test func aFileLeftStillTakesTheOthersAway() throws {
        let dir = TemporaryDirectory()
        let config = setUp(dir)
        expectEqual(try cli.textmill(["run", config, "--quiet"]).status, 0)
        try FileManager.default.removeItem(atPath: dir.file("in/port.txt"))
        let r = try cli.textmill(["run", config])
        expectEqual(r.status, 0, "\(r.stderr)")
        #expect(r.stderr.contains("[incremental: 0 new, 0 changed, 1 deleted, 1 unchanged file]"), "\(r.stderr)")
        expectEqual(ReviewCrashTests.lineCount(dir.read("out/corpus.jsonl")), 1)
    }

    /// A run that reprocesses every file for a reason the user did not choose (a new build of
    /// textmill, a changed config) and finds no input emptied the corpus under exit 0: only an
    /// incremental plan was refused.
    @Test func inputsThatHoldNoFileDoNotEmptyTheCorpusAfterAnUpgrade() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "The harbor council approved the ferry budget on Tuesday. \"We kept the night boats,\" the mayor said.\n")
        let config = dir.write("p.yaml", "input: in/*.txt\noutput: corpus.jsonl\nstages: [sentences]\n")
        expectEqual(try cli.textmill(["run", config, "-q"], in: dir.path, environment: ["TEXTMILL_BUILD_ID": "build-a"]).status, 0)
        let corpus = dir.read("corpus.jsonl")
        expectEqual(ReviewCrashTests.lineCount(corpus), 1)
        try FileManager.default.removeItem(atPath: dir.file("in/a.txt"))
        let upgraded = try cli.textmill(["run", config, "-q"], in: dir.path, environment: ["TEXTMILL_BUILD_ID": "build-b"])
        expectEqual(upgraded.status, 2, "\(upgraded.stderr)")
        #expect(upgraded.stderr.contains("the inputs hold no file, where the last run's 1 file made the records of 'corpus.jsonl'"), "\(upgraded.stderr)")
        dir.write("p.yaml", "input: in/*.txt\noutput: corpus.jsonl\nstages: [normalize, sentences]\n")
        let changed = try cli.textmill(["run", config, "-q"], in: dir.path, environment: ["TEXTMILL_BUILD_ID": "build-a"])
        expectEqual(changed.status, 2, "\(changed.stderr)")
        expectEqual(dir.read("corpus.jsonl"), corpus)
        // On purpose.
        let forced = try cli.textmill(["run", config, "-q", "--force"], in: dir.path, environment: ["TEXTMILL_BUILD_ID": "build-b"])
        expectEqual(forced.status, 0, "\(forced.stderr)")
        expectEqual(dir.read("corpus.jsonl"), "")
    }

    /// A run whose manifest is damaged reprocesses every file, and its plan names none of the
    /// last run's: inputs that held no file then emptied the corpus under exit 0, though the
    /// plan's rule names a damaged manifest among the reasons it covers.
    @Test func inputsThatHoldNoFileDoNotEmptyTheCorpusWhenTheManifestIsDamaged() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "The harbor council approved the ferry budget on Tuesday. \"We kept the night boats,\" the mayor said.\n")
        let config = dir.write("p.yaml", "input: in/*.txt\noutput: corpus.jsonl\nstages: [sentences]\n")
        expectEqual(try cli.textmill(["run", config, "-q"], in: dir.path).status, 0)
        let corpus = dir.read("corpus.jsonl")
        expectEqual(ReviewCrashTests.lineCount(corpus), 1)
        dir.write(".corpus.textmill/manifest.json", "{\"files\": [")
        try FileManager.default.removeItem(atPath: dir.file("in/a.txt"))
        for command in [["run", config, "-q"], ["run", config, "--dry-run"]] {
            let r = try cli.textmill(command, in: dir.path)
            expectEqual(r.status, 2, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("the inputs hold no file, where 'corpus.jsonl' holds the records of earlier runs (its manifest is damaged, so which files made them is unknown): the run would remove every one of them"), "\(r.stderr)")
            expectEqual(dir.read("corpus.jsonl"), corpus)
        }
        // On purpose.
        let forced = try cli.textmill(["run", config, "-q", "--force"], in: dir.path)
        expectEqual(forced.status, 0, "\(forced.stderr)")
        expectEqual(dir.read("corpus.jsonl"), "")
    }
}
