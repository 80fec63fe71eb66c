import Foundation
import Testing
@testable import TextMill

/// Each output owns its files, and no run reads or replaces what it must not (issue "Runs that
/// cannot lose or mix up data", points 1–4), on real runs of the `textmill` binary.
@Suite struct OutputOwnershipTests {
    let cli = CommandLineTests()

    static let wire = """
    {"id": "w1", "text": "The port authority said on Monday that cargo volumes rose 4 percent in October."}
    {"id": "w2", "text": "Harbor City's council approved a budget of $412 million after a four-hour meeting."}
    {"id": "w3", "text": "The port authority said on Monday that cargo volumes rose 4 percent in October."}

    """

    func fileBytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    // MARK: 1. Input == output

    @Test func anInputThatIsTheOutputIsRefusedAndLeftAlone() throws {
        let dir = TemporaryDirectory()
        let data = dir.write("a.jsonl", Self.wire)
        try FileManager.default.createSymbolicLink(atPath: dir.file("link.jsonl"), withDestinationPath: dir.file("a.jsonl"))
        try FileManager.default.createDirectory(atPath: dir.file("sub"), withIntermediateDirectories: true)
        // The same file as input and output: in the config, through the flags, through `..` and through a link.
        let cases: [(config: String, args: [String])] = [
            ("input: \(data)\noutput: \(data)\nstages: [sentences]\n", []),
            ("input: in\noutput: out/corpus.jsonl\nstages: [sentences]\n", ["--input", data, "--output", data]),
            ("input: \(dir.file("sub/../a.jsonl"))\noutput: \(data)\nstages: [sentences]\n", []),
            ("input: \(dir.file("link.jsonl"))\noutput: \(data)\nstages: [sentences]\n", []),
            ("input: \(data)\noutput: \(dir.file("link.jsonl"))\nstages: [sentences]\n", []),
        ]
        for (k, c) in cases.enumerated() {
            let config = dir.write("p\(k).yaml", c.config)
            let r = try cli.textmill(["run", config, "--quiet"] + c.args)
            expectEqual(r.status, 2, "case \(k): \(r.stderr)")
            #expect(r.stderr.contains("is also an output of this run"), "case \(k): \(r.stderr)")
            expectEqual(dir.read("a.jsonl"), Self.wire, "case \(k): the input is untouched")
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
            expectEqual(names, (["a.jsonl", "link.jsonl", "sub"] + (0...k).map { "p\($0).yaml" }).sorted(), "case \(k): nothing was written")
        }
    }

    /// An input named directly whose file is also the output's, or a side file's, under a second
    /// name (`ln in/a.jsonl out/corpus.jsonl`, then `-i in/a.jsonl -o out/corpus.jsonl`): the
    /// message said the input "is also an output of this run" and "reading it would replace it",
    /// though the two paths differ and the run replaces only the output's name. Now it names both
    /// and what to do (exit 2, nothing written, the input's bytes kept); the advice works: with
    /// the output's name removed, the run reads the input.
    @Test(arguments: ["corpus.jsonl", "corpus.errors.jsonl"])
    func anInputHardLinkedToAnOutputNamesBothNamesAndWhatToDo(linked: String) throws {
        let dir = TemporaryDirectory()
        let input = dir.write("in/a.jsonl", Self.wire)
        try FileManager.default.createDirectory(atPath: dir.file("out"), withIntermediateDirectories: true)
        let own = dir.file("out/\(linked)")
        expectEqual(link(input, own), 0)
        let config = dir.write("p.yaml", "input: in\noutput: out/corpus.jsonl\nstages: [normalize]\n")
        let r = try cli.textmill(["run", config, "--quiet", "--input", input, "--output", dir.file("out/corpus.jsonl")])
        expectEqual(r.status, 2, "\(r.stderr)")
        expectEqual(r.stderr, "textmill: the input '\(input)' is the file this run writes as '\(own)', under a second name (a hard link: one file, two names); "
            + "a run never reads its own files as input, and it replaces '\(own)' with a new file: remove that name (rm '\(own)'; "
            + "the input keeps its bytes under '\(input)') and run again, or name another --output\n")
        expectEqual(dir.read("in/a.jsonl"), Self.wire)
        expectEqual(try FileManager.default.contentsOfDirectory(atPath: dir.file("out")), [linked], "nothing was written")
        expectEqual(unlink(own), 0)
        expectEqual(try cli.textmill(["run", config, "--quiet", "--input", input, "--output", dir.file("out/corpus.jsonl")]).status, 0)
        expectEqual(try dir.records("out/corpus.jsonl").count, 3)
    }

    /// The output hard-linked into the input folder (`ln out/corpus.jsonl in/link.jsonl`): the
    /// walk knows the run's own files by name, so the link was read as input, its records went
    /// into the output again (main db9088d: exit 0, id "a" twice in the output), and appending
    /// to the output changed that input. Now the opened file is seen to be the output (same
    /// device and inode) and fails with what to do; the output keeps its one record.
    @Test(arguments: [1, 2])
    func anInputThatIsAHardLinkToTheOutputIsNotRead(jobs: Int) throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.jsonl", "{\"id\":\"a\",\"text\":\"The council met on Tuesday night.\"}\n")
        let yaml = "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize]\n"
        expectEqual(try runPipeline(yaml, in: dir, jobs: jobs).exitStatus, 0)
        let first = dir.read("out/corpus.jsonl")
        expectEqual(link(dir.file("out/corpus.jsonl"), dir.file("in/link.jsonl")), 0)
        for _ in 0..<2 {
            expectEqual(try runPipeline(yaml, in: dir, jobs: jobs).exitStatus, 1)
            expectEqual(dir.read("out/corpus.jsonl"), first)
            expectEqual(dir.read("in/link.jsonl"), first)
            let errors = try dir.records("out/corpus.errors.jsonl")
            expectEqual(errors.map { $0["id"]?.stringValue }, [dir.file("in/link.jsonl")])
            expectEqual(errors.first?["reason"]?.stringValue, Self.secondNameReason(dir.file("out/corpus.jsonl")))
        }
    }

    /// The reason a document gets when its file is also the output `output` under a second name.
    static func secondNameReason(_ output: String) -> String {
        "this file is also '\(output)', one of the run's own outputs (or side files), under a second name (a hard link: one file, two names); "
            + "a run never reads its own files as input: if this name is a link you made to that output, remove it; "
            + "if '\(output)' is a link you made to this input, remove that name instead (this file keeps its bytes)"
    }

    /// The output's name made a second name of an input before the first run (`ln in/a.jsonl
    /// out/corpus.jsonl`): the reason said "remove the link from the inputs", though the run
    /// then replaced the output's name with a new file, leaving the input's name the data's
    /// only one. Now it names the output and says which name to remove when; the next run,
    /// the output replaced, reads the input.
    @Test func anOutputMadeASecondNameOfAnInputIsNamedInTheReason() throws {
        let dir = TemporaryDirectory()
        let input = dir.write("in/a.jsonl", Self.wire)
        try FileManager.default.createDirectory(atPath: dir.file("out"), withIntermediateDirectories: true)
        expectEqual(link(input, dir.file("out/corpus.jsonl")), 0)
        let yaml = "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize]\n"
        expectEqual(try runPipeline(yaml, in: dir, jobs: 1).exitStatus, 1)
        expectEqual(try dir.records("out/corpus.errors.jsonl").map { $0["reason"]?.stringValue }, [Self.secondNameReason(dir.file("out/corpus.jsonl"))])
        expectEqual(dir.read("in/a.jsonl"), Self.wire, "the input keeps its bytes")
        expectEqual(try runPipeline(yaml, in: dir, jobs: 1).exitStatus, 0)
        expectEqual(try dir.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["w1", "w2", "w3"])
    }

    /// A symbolic link in the input folder to the run's own output (`ln -s ../out/corpus.jsonl
    /// in/zz.jsonl`): the walk knows the run's files by name and by identity only when named
    /// directly, so the link was read (main a21feae, a run of 180 records: exit 0, 360 records,
    /// each id twice, and every later run read the grown output again). Now the opened file is seen to be the
    /// output and fails with what to do; the output keeps its records.
    @Test(arguments: [1, 2])
    func aSymbolicLinkToTheOutputInAnInputFolderIsNotRead(jobs: Int) throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.jsonl", Self.wire)
        let yaml = "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize]\n"
        expectEqual(try runPipeline(yaml, in: dir, jobs: jobs).exitStatus, 0)
        let first = dir.read("out/corpus.jsonl")
        expectEqual(symlink("../out/corpus.jsonl", dir.file("in/zz.jsonl")), 0)
        for _ in 0..<2 {
            expectEqual(try runPipeline(yaml, in: dir, jobs: jobs).exitStatus, 1)
            expectEqual(dir.read("out/corpus.jsonl"), first)
            let errors = try dir.records("out/corpus.errors.jsonl")
            expectEqual(errors.map { $0["id"]?.stringValue }, [dir.file("in/zz.jsonl")])
            expectEqual(errors.first?["reason"]?.stringValue, "this file is a symbolic link to one of the run's own outputs (or side files); "
                + "a run never reads its own files as input: remove the link from the inputs")
        }
    }

    /// The exit status of the built textmill run in `dir`, with `TEXTMILL_KILL_AT` when `killAt`
    /// is given.
    func run(_ args: [String], in dir: TemporaryDirectory, killAt: String? = nil) throws -> Int32 {
        try CommandLineTests().textmill(args, in: dir.path, environment: killAt.map { ["TEXTMILL_KILL_AT": $0] } ?? [:]).status
    }

    /// Links among the inputs to files of the run's state folder: the part file of an
    /// interrupted run (its records so far), the journal and dedup's record store. The resumed
    /// run read the part file it appends to as input (main a21feae, a symbolic link: exit 0,
    /// 240 records for 180 documents, 60 ids twice; a hard link likewise, exit 1 only for the
    /// record store, read as a binary file). Now each link fails as one of the run's own files,
    /// and the output is byte for byte that of an uninterrupted run without the links.
    @Test(arguments: [1, 2], [false, true])
    func aLinkToAFileOfTheStateFolderIsNotRead(jobs: Int, hard: Bool) throws {
        func corpus(_ dir: TemporaryDirectory) {
            for f in 1...6 {
                dir.write("in/f\(f).jsonl", (0..<30).map {
                    "{\"id\":\"d\(f)-\($0)\",\"text\":\"The council met on Tuesday night in room \($0) of building \(f). Members argued about the budget for hours.\"}\n"
                }.joined())
            }
            dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: [normalize, sentences, dedup]\n")
        }
        let args = ["run", "p.yaml", "-q", "--jobs", "\(jobs)", "--checkpoint-mb", "0.001"]
        let reference = TemporaryDirectory()
        corpus(reference)
        expectEqual(try run(args, in: reference), 0)

        let dir = TemporaryDirectory()
        corpus(dir)
        expectEqual(try run(args, in: dir, killAt: "checkpoint-written:2"), SIGKILL)
        let state = ["out/.corpus.textmill/part.output", "out/.corpus.textmill/journal.jsonl", "out/.corpus.textmill/dedup/records.bin"]
        #expect(state.allSatisfy { FileManager.default.fileExists(atPath: dir.file($0)) }, "the killed run left its state")
        let links = ["in/zz-part.jsonl", "in/zz-journal.jsonl", "in/zz-records.txt"]
        for (target, name) in zip(state, links) {
            expectEqual((hard ? link(dir.file(target), dir.file(name)) : symlink(dir.file(target), dir.file(name))), 0)
        }
        expectEqual(try run(args, in: dir), 1)
        expectEqual(dir.read("out/corpus.jsonl"), reference.read("out/corpus.jsonl"), "the records of an uninterrupted run")
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.map { $0["id"]?.stringValue }, links.sorted())
        let what = "one of the files of the run's state folder or dedup index (its manifest, journal, part files, index or records)"
        let reason = (hard ? "this file is \(what) under another name, a hard link; " : "this file is a symbolic link to \(what); ")
            + "a run never reads its own files as input: remove the link from the inputs"
        expectEqual(errors.map { $0["reason"]?.stringValue }, links.map { _ in reason })
    }

    // MARK: 2. Side files named after their output

    @Test func twoOutputsInOneFolderNeverTouchEachOthersFiles() throws {
        let dir = TemporaryDirectory()
        dir.write("in/wire.jsonl", Self.wire + "not json\n")
        dir.write("in2/story.txt", "The council approved the budget on Tuesday.\n")
        dir.write("in2/empty.txt", "")
        let a = "input: \(dir.file("in"))\noutput: \(dir.file("out/a.jsonl"))\nstages: [normalize, sentences, dedup]\n"
        let b = "input: \(dir.file("in2"))\noutput: \(dir.file("out/b.jsonl.gz"))\nstages: [normalize, dedup]\n"
        let first = try runPipeline(a, in: dir)
        #expect(first.written == 2 && first.duplicates == 1 && first.failed == 1)
        let names = ["a.jsonl", "a.errors.jsonl", "a.duplicates.jsonl", "a.stats.json"]
        let before = names.map { fileBytes(dir.file("out/" + $0)) }
        #expect(before.allSatisfy { $0 != nil })
        let second = try runPipeline(b, in: dir)
        #expect(second.written == 1 && second.failed == 1)
        expectEqual(names.map { fileBytes(dir.file("out/" + $0)) }, before, "b's run left a's files alone")
        let listing = try FileManager.default.contentsOfDirectory(atPath: dir.file("out")).sorted()
        expectEqual(listing, [".a.textmill", ".b.textmill", "a.duplicates.jsonl", "a.errors.jsonl", "a.filtered.jsonl", "a.jsonl", "a.stats.json",
                            "b.duplicates.jsonl", "b.errors.jsonl", "b.filtered.jsonl", "b.jsonl.gz", "b.stats.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("out/.a.textmill")).contains("dedup"), "the dedup index lives in the state folder")
        // a's next run has nothing to do: its outputs are as it left them.
        let again = try runPipeline(a, in: dir)
        expectEqual(again.reprocessReason, nil)
        expectEqual(again.files, 0, "\(again.mode)")
        expectEqual(again.mode, "incremental: 0 new, 0 changed, 0 deleted, 1 unchanged file")
    }

    /// An output named as another output's side file, or inside its state folder, replaced that
    /// file with its records under exit 0 (`-o out/a.errors.jsonl` wrote records into a's errors
    /// file; `-o out/.a.textmill/manifest.json` replaced a's manifest). Refused (exit 2) before
    /// anything is read, however spelled; a's files stay as they were, and a's own run still works.
    @Test func anOutputThatIsAnotherOutputsFileIsRefused() throws {
        let dir = TemporaryDirectory()
        dir.write("in/wire.jsonl", Self.wire + "not json\n")
        dir.write("p.yaml", "input: in/\noutput: out/a.jsonl\nstages: [normalize, dedup]\n")
        expectEqual(try cli.textmill(["run", "p.yaml", "-q"], in: dir.path).status, 1)
        expectEqual(symlink(dir.file("out"), dir.file("link")), 0)
        func snapshot() throws -> [String: Data?] {
            var files: [String: Data?] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.file("out")) { files[name] = fileBytes(dir.file("out/" + name)) }
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.file("out/.a.textmill")) { files[".a.textmill/" + name] = fileBytes(dir.file("out/.a.textmill/" + name)) }
            return files
        }
        let before = try snapshot()
        let beside = "is a file of another output in its folder (an output or a side file beside its state folder '.NAME.textmill' or its figures 'NAME.stats.json'): the run would replace it with its own; name another --output"
        for (output, message) in [("out/a.errors.jsonl", "'out/a.errors.jsonl' \(beside)"), ("out/a.stats.json", "'out/a.stats.json' \(beside)"),
                                  ("link/a.duplicates.jsonl", "'link/a.duplicates.jsonl' \(beside)"),
                                  ("out/.a.textmill/manifest.json", "'out/.a.textmill/manifest.json' lies in the state folder '\(CommandLineHabitsTests().realPath(dir.file("out/.a.textmill")))' of another output: the run would replace that output's state; name an --output outside it")] {
            let r = try cli.textmill(["run", "p.yaml", "-q", "-o", output], in: dir.path)
            expectEqual(r.status, 2, "\(output)")
            expectEqual(r.stderr, "textmill: \(message)\n", "\(output): \(r.stderr)")
        }
        expectEqual(try snapshot(), before, "a's files changed")
        let again = try cli.textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(again.status, 1, "\(again.stderr)") // a's own run: the line that is not JSON is kept as failed
        expectEqual(try cli.textmill(["run", "p.yaml", "-q", "-o", "out/c.jsonl"], in: dir.path).status, 1)
    }

    @Test func anOutputWrittenByAnEarlierVersionKeepsWorking() throws {
        let dir = TemporaryDirectory()
        dir.write("in/wire.jsonl", Self.wire + "not json\n")
        let yaml = "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize, dedup]\n"
        _ = try runPipeline(yaml, in: dir)
        let expected = dir.read("out/corpus.jsonl")
        // Put everything where the earlier version kept it.
        let fm = FileManager.default
        try fm.moveItem(atPath: dir.file("out/.corpus.textmill/dedup"), toPath: dir.file("out/corpus.dedup"))
        try fm.moveItem(atPath: dir.file("out/.corpus.textmill"), toPath: dir.file("out/.corpus.jsonl.textmill"))
        for (new, old) in [("corpus.errors.jsonl", "errors.jsonl"), ("corpus.duplicates.jsonl", "duplicates.jsonl"), ("corpus.stats.json", "stats.json")] {
            try fm.moveItem(atPath: dir.file("out/" + new), toPath: dir.file("out/" + old))
        }
        let summary = try runPipeline(yaml, in: dir)
        expectEqual(summary.files, 0, "nothing reprocessed: \(summary.mode) \(summary.reprocessReason ?? "")")
        #expect(summary.warnings.contains { $0.hasPrefix("side files of '\(dir.file("out/corpus.jsonl"))' now carry its name") }, "\(summary.warnings)")
        // Every name the warning gives is quoted, as in every other message.
        #expect(summary.warnings.contains { $0.contains(": '\(dir.file("out/.corpus.jsonl.textmill"))' → '\(dir.file("out/.corpus.textmill"))'; ") }, "\(summary.warnings)")
        #expect(summary.warnings.contains { $0.contains("; '\(dir.file("out/errors.jsonl"))' copied to '\(dir.file("out/corpus.errors.jsonl"))'") }, "\(summary.warnings)")
        expectEqual(dir.read("out/corpus.jsonl"), expected)
        expectEqual(try dir.records("out/corpus.errors.jsonl").count, 1)
        expectEqual(try dir.records("out/corpus.duplicates.jsonl").count, 1)
        #expect(fm.fileExists(atPath: dir.file("out/.corpus.textmill/dedup")))
        // A new copy of w2 is still found by the index that moved.
        dir.write("in/more.jsonl", "{\"id\": \"w4\", \"text\": \"Harbor City's council approved a budget of $412 million after a four-hour meeting.\"}\n")
        let next = try runPipeline(yaml, in: dir)
        #expect(next.files == 1 && next.duplicates == 1)
    }

    // MARK: 3. Outputs inside the input folder

    @Test func noRunReadsItsOwnOrAnotherRunsFiles() throws {
        let dir = TemporaryDirectory()
        dir.write("docs/a.txt", "The council approved the budget on Tuesday.\n")
        dir.write("docs/b.txt", "The port reopened after the storm.\n")
        // Another run's output and side files in the input folder.
        let other = dir.write("other.yaml", "input: \(dir.file("docs"))\noutput: \(dir.file("corpus/other.jsonl"))\nstages: [normalize, dedup]\n")
        expectEqual(try cli.textmill(["run", other, "--quiet"]).status, 0)
        let config = dir.write("p.yaml", "input: .\noutput: corpus/mine.jsonl\nstages:\n  - normalize\n  - dedup\n")
        for run in 1...2 {
            let r = try cli.textmill(["run", config, "--quiet", "--force"], in: dir.path)
            expectEqual(r.status, 0, "run \(run): \(r.stderr) \(dir.read("corpus/mine.errors.jsonl"))")
            let ids = try dir.records("corpus/mine.jsonl").compactMap { $0["id"]?.stringValue }
                + (try dir.records("corpus/mine.duplicates.jsonl")).compactMap { $0["id"]?.stringValue }
            expectEqual(ids.sorted(), ["docs/a.txt", "docs/b.txt", "other.yaml", "p.yaml"], "run \(run)")
        }
    }

    // MARK: 4. stdin

    @Test func aRunThatReadsStdinNeverReplacesTheCorpusOrItsState() throws {
        let dir = TemporaryDirectory()
        dir.write("in/wire.jsonl", Self.wire)
        let config = dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize, dedup]\n")
        expectEqual(try cli.textmill(["run", config, "--quiet"]).status, 0)
        func snapshot() throws -> [String: Data] {
            var all: [String: Data] = [:]
            let root = dir.file("out")
            for path in FileManager.default.enumerator(atPath: root)!.compactMap({ $0 as? String }) {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDir), !isDir.boolValue {
                    all[path] = fileBytes(root + "/" + path)
                }
            }
            return all
        }
        let before = try snapshot()
        // stdin without --output: the records go to stdout.
        let r = try cli.textmill(["run", config, "--input", "-", "--quiet"], stdin: "{\"id\": \"s1\", \"text\": \"Hi there.\"}\n")
        expectEqual(r.status, 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("{\"id\":\"s1\""))
        expectEqual(r.stdout.split(separator: "\n").count, 1)
        expectEqual(try snapshot(), before, "the corpus, its side files and its state are untouched")
        // stdin into the corpus itself: refused, nothing touched.
        let refused = try cli.textmill(["run", config, "--input", "-", "--output", dir.file("out/corpus.jsonl"), "--quiet"], stdin: "{\"text\": \"Hi.\"}\n")
        expectEqual(refused.status, 2)
        #expect(refused.stderr.contains("is an incremental corpus"), "\(refused.stderr)")
        expectEqual(try snapshot(), before)
        // stdin into a new file: written, no state kept.
        let fresh = try cli.textmill(["run", config, "--input", "-", "--output", dir.file("piped/one.jsonl"), "--quiet"], stdin: "{\"id\": \"s2\", \"text\": \"Hi.\"}\n")
        expectEqual(fresh.status, 0)
        expectEqual(try dir.records("piped/one.jsonl").count, 1)
        #expect(!FileManager.default.fileExists(atPath: dir.file("piped/.one.textmill")), "no state")
    }

    // MARK: 8. A repeated dedup

    @Test func eachDedupOfAConfigKeepsItsOwnIndex() throws {
        let dir = TemporaryDirectory()
        dir.write("in/wire.jsonl", Self.wire)
        let config = dir.write("p.yaml", """
        input: \(dir.file("in"))
        output: \(dir.file("out/corpus.jsonl"))
        stages:
          - dedup: {action: mark}
          - normalize
          - dedup: {threshold: 0.9}

        """)
        expectEqual(try cli.textmill(["validate", config]).status, 0)
        for run in 1...2 {
            let r = try cli.textmill(["run", config, "--quiet", "--force"])
            expectEqual(r.status, 0, "run \(run): \(r.stderr)")
            // The first dedup marks w3; the second one drops it.
            expectEqual(try dir.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["w1", "w2"])
            expectEqual(try dir.records("out/corpus.duplicates.jsonl").compactMap { $0["id"]?.stringValue }, ["w3"])
        }
        let state = try FileManager.default.contentsOfDirectory(atPath: dir.file("out/.corpus.textmill"))
        #expect(state.contains("dedup") && state.contains("dedup-2"))
        // Two dedups told to share one index are refused when the config is checked.
        let shared = dir.write("shared.yaml", """
        input: \(dir.file("in"))
        output: \(dir.file("out/corpus.jsonl"))
        stages:
          - dedup: {index: idx}
          - dedup: {index: idx}

        """)
        let r = try cli.textmill(["validate", shared])
        expectEqual(r.status, 2)
        #expect(r.stderr.contains("shared.yaml:5:5: error: stage 'dedup' uses the index 'idx' that the dedup on line 4 uses too"), "\(r.stderr)")
    }

    // MARK: 6. Reused ids

    static let reused = """
    {"id": "r1", "text": "The ferry to Lantern Island will run twice a day from June, the harbor office said."}
    {"id": "r2", "text": "Fishermen asked the council to delay the new quota until autumn."}
    {"id": "r1", "text": "The ferry to Lantern Island will run twice a day from June, the harbor office said."}
    {"id": "r1", "text": "A storm closed the northern breakwater for the third time this winter."}

    """

    @Test func idsInTheOutputAreUniqueAndCopiesAreDuplicates() throws {
        let dir = TemporaryDirectory()
        dir.write("in/wire.jsonl", Self.reused)
        // With dedup: the exact copy under the same id is a duplicate; the other text under it is an error.
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize, dedup]\n", in: dir)
        expectEqual(try dir.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["r1", "r2"])
        let duplicates = try dir.records("out/corpus.duplicates.jsonl")
        expectEqual(duplicates.map { $0["id"] }, ["r1"])
        expectEqual(duplicates.first?["duplicate"]?.objectValue?["kind"], "exact")
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.map { $0["id"] }, ["r1"])
        expectEqual(errors.first?["stage"], "write")
        expectEqual(errors.first?["reason"]?.stringValue?.hasPrefix("the id 'r1' is already used by an earlier record of this run's output"), true)
        #expect(summary.written == 2 && summary.duplicates == 1 && summary.failed == 1 && summary.reusedIDs == 1)
        // Without dedup every later record under a used id is an error, and the first stays.
        let plain = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("plain/corpus.jsonl"))\nstages: [normalize]\n", in: dir)
        expectEqual(try dir.records("plain/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["r1", "r2"])
        expectEqual(try dir.records("plain/corpus.errors.jsonl").map { $0["id"] }, ["r1", "r1"])
        expectEqual(plain.reusedIDs, 2)
    }

    // MARK: 9. Globs

    @Test func aBareDoubleStarReadsTopLevelFilesToo() throws {
        let dir = TemporaryDirectory()
        dir.write("top.txt", "The top story.\n")
        dir.write("desk/metro.txt", "A metro story.\n")
        let config = dir.write("p.yaml", "input: \"**\"\noutput: out/corpus.jsonl\nstages: [normalize]\n")
        let r = try cli.textmill(["run", config, "--quiet"], in: dir.path)
        expectEqual(r.status, 0, "\(r.stderr)")
        expectEqual(try dir.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["desk/metro.txt", "p.yaml", "top.txt"])
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/corpus.errors.jsonl")) || dir.read("out/corpus.errors.jsonl").isEmpty)
    }

    // MARK: 9. Names that are not UTF-8

    /// Writes a file whose name is the given bytes.
    func writeFile(named bytes: [UInt8], in folder: String, _ text: String) {
        TextMillTests.writeFile(atBytes: Array(folder.utf8) + [UInt8(ascii: "/")] + bytes, text)
    }

    /// `report --out` at an input file of the corpus is refused however the file is reached (as
    /// the README says), also when its name is not UTF-8: the manifest records the name's
    /// spelling (`caf\xE9.txt`), and the check looked that spelling up as a path, found nothing,
    /// and wrote the page (here at a link with a UTF-8 name that leads to the input).
    @Test func aReportPageAtAnInputWhoseNameIsNotUTF8IsRefused() throws {
        let dir = TemporaryDirectory()
        let name = Array("caf".utf8) + [0xE9] + Array(".txt".utf8)
        try FileManager.default.createDirectory(atPath: dir.file("in"), withIntermediateDirectories: true)
        writeFile(named: name, in: dir.file("in"), "Coffee with an acute accent.\n")
        expectEqual(FileName.bytes(ofSpelling: FileName.spelling(name).0), name)
        expectEqual(FileName.bytes(ofSpelling: "in/back\\\\slash\\xE9.txt"), Array("in/back\\slash".utf8) + [0xE9] + Array(".txt".utf8))
        dir.write("p.yaml", "input: in\noutput: out/corpus.jsonl\nstages: [normalize]\n")
        expectEqual(try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        let target = Array(dir.file("in").utf8) + [UInt8(ascii: "/")] + name + [0]
        expectEqual(target.withUnsafeBufferPointer { symlink(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), dir.file("page.html")) }, 0)
        let r = try CommandLineTests().textmill(["report", "out/corpus.jsonl", "--out", "page.html"], in: dir.path)
        expectEqual(r.status, 2, "\(r.stderr)")
        #expect(r.stderr.contains("is the input file 'in/caf\\\\xE9.txt' of 'out/corpus.jsonl'"), "\(r.stderr)")
        let kept = target.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_RDONLY) }
        #expect(kept >= 0)
        var bytes = [UInt8](repeating: 0, count: 64)
        let n = read(kept, &bytes, 64)
        close(kept)
        #expect(n > 0 && Array(bytes[0..<n]) == Array("Coffee with an acute accent.\n".utf8), "the input changed")
    }

    @Test func namesThatAreNotUTF8AreReadAndSpelledApart() throws {
        let dir = TemporaryDirectory()
        dir.write("in/plain.txt", "A plain name.\n")
        // Latin-1 "café" and "cafè": both used to become "caf\u{FFFD}.txt", vanish, and share one id.
        writeFile(named: Array("caf".utf8) + [0xE9] + Array(".txt".utf8), in: dir.file("in"), "Coffee with an acute accent.\n")
        writeFile(named: Array("caf".utf8) + [0xE8] + Array(".txt".utf8), in: dir.file("in"), "Coffee with a grave accent.\n")
        writeFile(named: Array("back\\slash.txt".utf8), in: dir.file("in"), "A backslash in the name.\n")
        let config = dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize]\n")
        let r = try cli.textmill(["run", config])
        expectEqual(r.status, 0, "\(r.stderr)")
        let records = try dir.records("out/corpus.jsonl")
        expectEqual(records.compactMap { $0["id"]?.stringValue }, ["back\\\\slash.txt", "caf\\xE8.txt", "caf\\xE9.txt", "plain.txt"].map { dir.file("in/" + $0) })
        expectEqual(records.compactMap { $0["text"]?.stringValue }, ["A backslash in the name.", "Coffee with a grave accent.", "Coffee with an acute accent.", "A plain name."])
        // The next run finds every one of them unchanged.
        let again = try cli.textmill(["run", config])
        #expect(again.stderr.contains("[incremental: 0 new, 0 changed, 0 deleted, 4 unchanged files]"), "\(again.stderr)")
        // Touched, same bytes: the hash is taken of the file opened by its bytes, so no reprocessing.
        let path = Array(dir.file("in").utf8) + Array("/caf".utf8) + [0xE9] + Array(".txt".utf8) + [0]
        let touched = path.withUnsafeBufferPointer { utimes(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), nil) }
        expectEqual(touched, 0)
        let third = try cli.textmill(["run", config])
        #expect(third.stderr.contains("[incremental: 0 new, 0 changed, 0 deleted, 4 unchanged files]"), "\(third.stderr)")
    }

    @Test func aGlobThatMatchesTheOutputSkipsIt() throws {
        let dir = TemporaryDirectory()
        dir.write("data/wire.jsonl", Self.wire)
        let config = dir.write("p.yaml", "input: \(dir.file("data/*.jsonl"))\noutput: \(dir.file("data/clean.jsonl"))\nstages: [normalize]\n")
        for run in 1...2 {
            let r = try cli.textmill(["run", config, "--quiet", "--force"])
            expectEqual(r.status, 0, "run \(run): \(r.stderr)")
            expectEqual(try dir.records("data/clean.jsonl").compactMap { $0["id"]?.stringValue }, ["w1", "w2", "w3"])
        }
    }

    @Test func twoOutputsWithOneNameInAFolderAreRefused() throws {
        let dir = TemporaryDirectory()
        dir.write("in/wire.jsonl", Self.wire)
        let plain = dir.write("a.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize]\n")
        let gz = dir.write("b.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl.gz"))\nstages: [normalize]\n")
        expectEqual(try cli.textmill(["run", plain, "--quiet"]).status, 0)
        let r = try cli.textmill(["run", gz, "--quiet"])
        expectEqual(r.status, 2)
        #expect(r.stderr.contains("would share its side files and state folder"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/corpus.jsonl.gz")))
        #expect(try cli.textmill(["run", plain]).stderr.contains("[incremental: 0 new, 0 changed, 0 deleted, 1 unchanged file]"))
    }

    @Test func inputsThatMerelyLookLikeSideFilesAreRead() throws {
        let dir = TemporaryDirectory()
        // A folder with a run's output in it, and a genuine input that happens to be called errors.jsonl.
        dir.write("in/errors.jsonl", "{\"id\": \"e1\", \"text\": \"The error was corrected on Friday.\"}\n")
        dir.write("in/story.txt", "The council met on Monday.\n")
        let config = dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("in/corpus.jsonl"))\nstages: [normalize]\n")
        for _ in 1...2 {
            expectEqual(try cli.textmill(["run", config, "--quiet", "--force"]).status, 0)
            expectEqual(try dir.records("in/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["e1", dir.file("in/story.txt")])
        }
    }

    /// An input document whose name is a side file's of an output no run wrote yet (`-o
    /// in/c.jsonl` over an input folder holding `c.errors.jsonl`) is refused before anything is
    /// read (exit 2), as the output itself is: the run left the document out of the inputs as
    /// its own errors file and replaced it with an empty one, under exit 0.
    @Test func anInputThatIsASideFileOfTheOutputIsRefused() throws {
        let dir = TemporaryDirectory()
        let document = "{\"id\": \"e1\", \"text\": \"The error was corrected on Friday.\"}\n"
        dir.write("in/story.txt", "The council met on Monday.\n")
        dir.write("p.yaml", "input: in\noutput: in/c.jsonl\nstages: [normalize]\n")
        for side in ["errors", "duplicates", "filtered"] {
            dir.write("in/c.\(side).jsonl", document)
            let r = try cli.textmill(["run", "p.yaml", "-q"], in: dir.path)
            expectEqual(r.status, 2, "\(side)")
            expectEqual(r.stderr, "textmill: 'in/c.\(side).jsonl', the \(side) file of the output 'in/c.jsonl', is one of the input files, and no textmill run wrote it (it has no state folder 'in/.c.textmill' and no 'in/c.stats.json'): the run would replace that input. Name an --output outside the inputs (or another name for it), or move the file out of them\n")
            expectEqual(dir.read("in/c.\(side).jsonl"), document)
            #expect(!FileManager.default.fileExists(atPath: dir.file("in/c.jsonl")))
            try FileManager.default.removeItem(atPath: dir.file("in/c.\(side).jsonl"))
        }
    }

    @Test func aNewTextUnderAReusedIdIsNoDuplicateTarget() throws {
        let dir = TemporaryDirectory()
        dir.write("in/wire.jsonl", """
        {"id": "r1", "text": "The ferry to Lantern Island will run twice a day from June, the harbor office said."}
        {"id": "r1", "text": "A storm closed the northern breakwater for the third time this winter, officials said."}
        {"id": "r9", "text": "A storm closed the northern breakwater for the third time this winter, officials said."}

        """)
        _ = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize, dedup]\n", in: dir)
        // The second r1 is refused for its id, so r9 (its text) is no duplicate of anything written.
        expectEqual(try dir.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["r1", "r9"])
        expectEqual(try dir.records("out/corpus.errors.jsonl").map { $0["id"] }, ["r1"])
    }

    // MARK: 5. The state folder

    /// A file of the state folder named as an input is refused like the output itself: the
    /// manifest was read as a document and then replaced under the run.
    @Test func aFileOfTheStateFolderNamedAsAnInputIsRefused() throws {
        let dir = TemporaryDirectory()
        dir.write("in/wire.jsonl", Self.wire)
        let config = dir.write("p.yaml", "input: in\noutput: out/corpus.jsonl\nstages: [normalize, dedup]\n")
        expectEqual(try cli.textmill(["run", config, "--quiet"], in: dir.path).status, 0)
        let manifest = fileBytes(dir.file("out/.corpus.textmill/manifest.json"))
        for input in ["out/.corpus.textmill/manifest.json", "out/.corpus.textmill/dedup", "out/.corpus.textmill"] {
            let r = try cli.textmill(["run", config, "--quiet", "--input", input], in: dir.path)
            expectEqual(r.status, 2, "\(input): \(r.stderr)")
            expectEqual(r.stderr, "textmill: the input '\(input)' is also an output of this run (the output, one of its side files, its state folder or a dedup index folder); reading it would replace it: name another --output, or another input\n")
        }
        expectEqual(fileBytes(dir.file("out/.corpus.textmill/manifest.json")), manifest, "the state is untouched")
    }

    /// A state folder that is a link into the inputs: the run wrote its manifest, config and
    /// index among the inputs and read them back as documents at the next run, changed every
    /// time. Now a link to the input folder itself is refused, and one to a folder inside it
    /// is not walked.
    @Test func aStateFolderLinkedIntoTheInputsIsNeverRead() throws {
        let dir = TemporaryDirectory()
        dir.write("in/wire.jsonl", Self.wire)
        try FileManager.default.createDirectory(atPath: dir.file("out"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.file("out/.corpus.textmill"), withDestinationPath: "../in")
        let config = dir.write("p.yaml", "input: in\noutput: out/corpus.jsonl\nstages: [normalize, dedup]\n")
        let refused = try cli.textmill(["run", config, "--quiet"], in: dir.path)
        expectEqual(refused.status, 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("the input 'in' is also an output of this run"), "\(refused.stderr)")
        expectEqual(try FileManager.default.contentsOfDirectory(atPath: dir.file("in")), ["wire.jsonl"], "nothing was written among the inputs")

        try FileManager.default.removeItem(atPath: dir.file("out/.corpus.textmill"))
        try FileManager.default.createDirectory(atPath: dir.file("in/state"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.file("out/.corpus.textmill"), withDestinationPath: "../in/state")
        for run in 1...2 {
            let r = try cli.textmill(["run", config], in: dir.path)
            expectEqual(r.status, 0, "run \(run): \(r.stderr)")
            #expect(r.stderr.contains("skipped 'in/state': it is a folder this run keeps its state in (its state folder or a dedup index), not input"), "run \(run): \(r.stderr)")
            expectEqual(try dir.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["w1", "w2"], "run \(run)")
            if run == 2 { #expect(r.stderr.contains("[incremental: 0 new, 0 changed, 0 deleted, 1 unchanged file]"), "\(r.stderr)") }
        }
    }

    /// A dedup index named with `index` inside the input folder: its files (index.N.bin,
    /// settings) were read back as input documents at the next run, each a failed or a new
    /// document. Now the folder is never walked and an input named inside it is refused. (An
    /// `index` named inside the input folder is a config error now, `IndexPlaceTests`; a
    /// symbolic link in the input folder still puts the index among the inputs.)
    @Test func aDedupIndexFolderAmongTheInputsIsNeverRead() throws {
        let dir = TemporaryDirectory()
        dir.write("in/wire.jsonl", Self.wire)
        try FileManager.default.createDirectory(atPath: dir.file("state/dedup-index"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.file("in/dedup-index"), withDestinationPath: "../state/dedup-index")
        let config = dir.write("p.yaml", "input: in\noutput: out/corpus.jsonl\nstages:\n  - normalize\n  - dedup: {index: state/dedup-index}\n")
        var outputs: [Data?] = []
        for run in 1...2 {
            let r = try cli.textmill(["run", config, "--force"], in: dir.path)
            expectEqual(r.status, 0, "run \(run): \(r.stderr)")
            expectEqual(try dir.records("out/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["w1", "w2"], "run \(run)")
            #expect(fileBytes(dir.file("out/corpus.errors.jsonl"))?.isEmpty ?? true, "run \(run): nothing of the index was read")
            #expect(r.stderr.contains("skipped 'in/dedup-index': it is a folder this run keeps its state in (its state folder or a dedup index), not input"), "\(r.stderr)")
            outputs.append(fileBytes(dir.file("out/corpus.jsonl")))
        }
        expectEqual(outputs[0], outputs[1])
        let index = try FileManager.default.contentsOfDirectory(atPath: dir.file("in/dedup-index")).sorted()
        #expect(!index.isEmpty, "the index was written where it was named")
        let named = "in/dedup-index/" + index[0]
        let r = try cli.textmill(["run", config, "--quiet", "--input", named], in: dir.path)
        expectEqual(r.status, 2, "\(r.stderr)")
        #expect(r.stderr.contains("the input '\(named)' is also an output of this run"), "\(r.stderr)")
    }
}
