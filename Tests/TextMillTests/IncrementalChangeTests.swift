import Foundation
import Testing
@testable import TextMill

/// Incremental runs see every change that matters and nothing that does not (issue "Runs that
/// cannot lose or mix up data", point 7): files the config names are part of its fingerprint,
/// every kind of input keeps a content hash, and `--dry-run` says what would happen.
@Suite struct IncrementalChangeTests {
    let cli = CommandLineTests()

    static let plugin = """
    import json, sys
    for line in sys.stdin:
        record = json.loads(line)
        record["desk"] = "metro"
        print(json.dumps(record), flush=True)

    """

    func setUp(_ dir: TemporaryDirectory) -> String {
        dir.write("in/story.txt", "Insp. Ortiz spoke on Tuesday. The port reopened.\n")
        dir.write("in/wire.jsonl", "{\"id\": \"w1\", \"text\": \"The council met on Monday.\"}\n")
        dir.write("in/feed.rss", "<rss><channel><item><title>Port</title><description>The port reopened after the storm.</description></item></channel></rss>\n")
        let gz = GzipWriter()
        dir.write("in/old.txt.gz", gz.compress(Array("Ferries resumed on Wednesday.\n".utf8)) + gz.finish())
        dir.write("plugins/desk.py", Self.plugin)
        dir.write("abbrev.txt", "Insp.\n")
        return dir.write("p.yaml", """
        input: \(dir.file("in"))
        output: \(dir.file("out/corpus.jsonl"))
        stages:
          - cleanup
          - sentences: {abbreviations_file: \(dir.file("abbrev.txt"))}
          - exec: {command: [python3, \(dir.file("plugins/desk.py"))]}

        """)
    }

    func run(_ config: String, _ extra: [String] = []) throws -> CommandLineTests.Result {
        let r = try cli.textmill(["run", config] + extra)
        expectEqual(r.status, 0, "\(r.stderr)")
        return r
    }

    @Test func touchingInputsCostsNoReprocessing() throws {
        let dir = TemporaryDirectory()
        let config = setUp(dir)
        _ = try run(config, ["--quiet"])
        let before = dir.read("out/corpus.jsonl")
        // New modification times, same bytes, for every kind of input.
        let later = Date().addingTimeInterval(60)
        for name in ["story.txt", "wire.jsonl", "feed.rss", "old.txt.gz"] {
            try FileManager.default.setAttributes([.modificationDate: later], ofItemAtPath: dir.file("in/" + name))
        }
        let r = try run(config)
        #expect(r.stderr.contains("[incremental: 0 new, 0 changed, 0 deleted, 4 unchanged files]"), "\(r.stderr)")
        expectEqual(dir.read("out/corpus.jsonl"), before)
    }

    @Test func editingAPluginOrALexiconReprocessesAndSaysWhich() throws {
        let dir = TemporaryDirectory()
        let config = setUp(dir)
        _ = try run(config, ["--quiet"])
        #expect(try dir.records("out/corpus.jsonl").allSatisfy { $0["desk"] == "metro" })
        dir.write("plugins/desk.py", Self.plugin.replacingOccurrences(of: "metro", with: "harbor"))
        let r = try run(config)
        #expect(r.stderr.contains("textmill: the config changed since the last run (stage 'exec' (line 6): '\(dir.file("plugins/desk.py"))' changed): reprocessing every file"), "\(r.stderr)")
        #expect(try dir.records("out/corpus.jsonl").allSatisfy { $0["desk"] == "harbor" })
        // The abbreviation list the sentences stage reads.
        dir.write("abbrev.txt", "Sen.\n")
        let dry = try run(config, ["--dry-run"])
        #expect(dry.stdout.contains("stage 'sentences' (line 5): '\(dir.file("abbrev.txt"))' changed"), "\(dry.stdout)")
        let again = try run(config)
        #expect(again.stderr.contains("'\(dir.file("abbrev.txt"))' changed"), "\(again.stderr)")
        #expect(again.stderr.contains("documents from 4 files"), "every file was processed again: \(again.stderr)")
    }

    @Test func dryRunSaysWhatWouldHappenAndWritesNothing() throws {
        let dir = TemporaryDirectory()
        let config = setUp(dir)
        let first = try run(config, ["--dry-run"])
        #expect(first.stdout.contains("no earlier run: every input is processed"))
        #expect(first.stdout.contains("4 new, 0 changed, 0 deleted, 0 unchanged files"), "\(first.stdout)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")), "nothing written")
        _ = try run(config, ["--quiet"])
        func snapshot() -> [String: Data] {
            var all: [String: Data] = [:]
            for path in FileManager.default.enumerator(atPath: dir.file("out"))!.compactMap({ $0 as? String }) {
                if let data = FileManager.default.contents(atPath: dir.file("out/" + path)) { all[path] = data }
            }
            return all
        }
        dir.write("in/story.txt", "Insp. Ortiz spoke on Wednesday. The port reopened.\n")
        dir.write("in/new.txt", "A new story.\n")
        try FileManager.default.removeItem(atPath: dir.file("in/feed.rss"))
        let before = snapshot()
        let dry = try run(config, ["--dry-run"])
        expectEqual(dry.stdout, """
        textmill: dry run for \(dir.file("out/corpus.jsonl")): nothing was read or written
          1 new, 1 changed, 1 deleted, 2 unchanged files
          new: \(dir.file("in/new.txt"))
          changed: \(dir.file("in/story.txt"))
          deleted: \(dir.file("in/feed.rss"))

        """)
        expectEqual(snapshot(), before, "a dry run writes nothing")
        let real = try run(config)
        #expect(real.stderr.contains("[incremental: 1 new, 1 changed, 1 deleted, 2 unchanged files]"), "\(real.stderr)")
    }

    @Test func aPluginLogTheConfigNamesIsNoChange() throws {
        let dir = TemporaryDirectory()
        dir.write("in/story.txt", "The port reopened.\n")
        dir.write("plugins/desk.py", Self.plugin.replacingOccurrences(of: "for line", with: "sys.stderr.write('working\\n')\nfor line"))
        let config = dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages:\n  - exec: {command: [python3, \(dir.file("plugins/desk.py"))], log: \(dir.file("desk.log"))}\n")
        _ = try run(config, ["--quiet"])
        _ = try run(config, ["--quiet"])
        let third = try run(config)
        #expect(third.stderr.contains("[incremental: 0 new, 0 changed, 0 deleted, 1 unchanged file]"), "\(third.stderr)")
    }

    /// A plugin whose program is a wrapper that runs another script: the config names only the
    /// wrapper, so an edit to the script it runs kept the old records ("0 changed, 1 unchanged
    /// file", the old desk) until `--force`. Named in exec's `depends`, the script is part of
    /// the config's fingerprint.
    @Test func aFileThePluginReadsNamedInDependsReprocessesWhenEdited() throws {
        let dir = TemporaryDirectory()
        dir.write("in/story.txt", "The port reopened after the storm.\n")
        dir.write("plugins/desk.py", Self.plugin)
        let wrapper = dir.write("plugins/desk.sh", "#!/bin/sh\nexec python3 \"$(dirname \"$0\")/desk.py\"\n")
        #expect(chmod(wrapper, 0o755) == 0)
        let config = dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages:\n  - exec: {command: [\(wrapper)], depends: [\(dir.file("plugins/desk.py"))]}\n")
        _ = try run(config, ["--quiet"])
        #expect(try dir.records("out/corpus.jsonl").map { $0["desk"] } == [.string("metro")])
        dir.write("plugins/desk.py", Self.plugin.replacingOccurrences(of: "metro", with: "harbor"))
        let r = try run(config)
        #expect(r.stderr.contains("textmill: the config changed since the last run (stage 'exec' (line 4): '\(dir.file("plugins/desk.py"))' changed): reprocessing every file"), "\(r.stderr)")
        #expect(try dir.records("out/corpus.jsonl").map { $0["desk"] } == [.string("harbor")])
    }

    /// A `depends` entry that is no file would be left out of the fingerprint without a word:
    /// refused at its line, as a missing script is.
    @Test func aDependsEntryThatIsNoFileIsRefused() throws {
        let dir = TemporaryDirectory()
        dir.write("in/story.txt", "The port reopened.\n")
        dir.write("plugins/desk.py", Self.plugin)
        for (entry, says) in [(dir.file("plugins/gone.py"), "does not exist"), (dir.file("plugins"), "is a folder, not a file")] {
            let config = dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages:\n  - exec: {command: [python3, \(dir.file("plugins/desk.py"))], depends: [\(entry)]}\n")
            let r = try cli.textmill(["run", config, "--quiet"])
            expectEqual(r.status, 2, "\(r.stderr)")
            #expect(r.stderr.contains("'\(entry)' in 'depends' \(says)") && r.stderr.contains("p.yaml:4:") && r.stderr.contains("check its option 'depends'"), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir.file("out")))
        }
    }
}
