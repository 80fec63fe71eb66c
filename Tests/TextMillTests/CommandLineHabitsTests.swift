import Foundation
import Testing
@testable import TextMill

/// The flags and messages users of other corpus tools expect, run through the built binary with
/// whole message lines pinned.
@Suite struct CommandLineHabitsTests {
    func textmill(_ args: [String], in cwd: String = Repo.root) throws -> CommandLineTests.Result {
        try CommandLineTests().textmill(args, in: cwd)
    }

    func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// The folder as the binary sees it (`getcwd`: symbolic links resolved).
    func realPath(_ path: String) -> String {
        guard let p = realpath(path, nil) else { return path }
        defer { free(p) }
        return String(cString: p)
    }

    /// Three short documents in `in/` and a config that reads them into `out/corpus.jsonl`.
    func smallCorpus(_ dir: TemporaryDirectory, stages: String = "[normalize]") -> String {
        dir.write("in/a.txt", "Harbor City opened its new ferry terminal on Monday.\n")
        dir.write("in/b.txt", "The council approved the budget after a long night of debate.\n")
        dir.write("in/c.txt", "Fishermen say the new quota rules arrived too late for the season.\n")
        return dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages: \(stages)\n")
    }

    @Test func versionIsTheOneTheManifestRecords() throws {
        let r = try textmill(["--version"])
        expectEqual(r.status, 0)
        #expect(r.stdout.hasPrefix(TextMillVersion.string + " (build "))
        let dir = TemporaryDirectory()
        _ = smallCorpus(dir)
        expectEqual(try textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        expectEqual(BuildIdentityTests.manifestTool(dir.file("out/.corpus.textmill/manifest.json")).map { $0 + "\n" }, r.stdout)
    }

    @Test func shortFlags() throws {
        let dir = TemporaryDirectory()
        _ = smallCorpus(dir)
        let r = try textmill(["run", "p.yaml", "-i", "in/b.txt", "-o", "short.jsonl", "-j", "1", "-q"], in: dir.path)
        expectEqual(r.status, 0)
        expectEqual(r.stderr, "", "-q: nothing on stderr")
        expectEqual(try dir.records("short.jsonl").map { $0["id"]?.stringValue }, ["in/b.txt"])
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/corpus.jsonl")), "-o replaced the config's output")
    }

    @Test(arguments: ["-1", "0", "5000"]) func jobsOutOfRangeSaysWhatIsAllowed(_ jobs: String) throws {
        // In an empty folder: were the flag ever let through, the default config would write
        // output/corpus.jsonl into the repository.
        let empty = TemporaryDirectory()
        let r = try textmill(["run", "--jobs", jobs], in: empty.path)
        expectEqual(r.status, 2)
        expectEqual(lines(r.stderr).first, "textmill: Error: --jobs is the number of threads: a whole number from 1 to 4096, not \(jobs) (leave it out to use every core: \(ProcessInfo.processInfo.activeProcessorCount) here)")
    }

    @Test func shellExpandedGlobSaysToQuoteIt() throws {
        let dir = TemporaryDirectory()
        let config = smallCorpus(dir)
        // What `textmill run p.yaml --input in/*.txt` becomes once the shell has expanded the glob.
        let r = try textmill(["run", (config as NSString).lastPathComponent, "--input", "in/a.txt", "in/b.txt", "in/c.txt"], in: dir.path)
        expectEqual(r.status, 2)
        let l = lines(r.stderr)
        expectEqual(l.first, "textmill: Error: 2 unexpected arguments: 'in/b.txt', 'in/c.txt'")
        #expect(l.contains("textmill: the shell expanded a glob into 3 paths ('in/a.txt', 'in/b.txt', 'in/c.txt'): quote the glob so that textmill expands it, e.g. --input 'in/*.txt'"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")), "nothing is written")
        // Many files: the first and the last are named.
        for name in ["d", "e"] { dir.write("in/\(name).txt", "Another short story about the harbor.\n") }
        let many = try textmill(["run", "p.yaml", "-i", "in/a.txt", "in/b.txt", "in/c.txt", "in/d.txt", "in/e.txt"], in: dir.path)
        #expect(lines(many.stderr).contains("textmill: the shell expanded a glob into 5 paths ('in/a.txt' … 'in/e.txt'): quote the glob so that textmill expands it, e.g. --input 'in/*.txt'"))
        // An unexpected word that is not a file gets no such hint.
        let typo = try textmill(["run", "p.yaml", "extra", "words"], in: dir.path)
        expectEqual(typo.status, 2)
        #expect(!typo.stderr.contains("glob"))
    }

    @Test func shellExpandedConfigGlobSaysOneAtATime() throws {
        // `textmill validate pipeline/*.yaml`, expanded by the shell.
        let r = try textmill(["validate", "pipeline/default.yaml", "pipeline/jsonl.yaml", "pipeline/rss.yaml"])
        expectEqual(r.status, 2)
        #expect(lines(r.stderr).contains("textmill: the shell expanded a glob into 3 configs ('pipeline/default.yaml', 'pipeline/jsonl.yaml', 'pipeline/rss.yaml'), and textmill takes one config at a time: run one after the other, e.g. for f in pipeline/*.yaml; do textmill validate \"$f\"; done"))
    }

    @Test func tabInTheYAMLSaysWhere() throws {
        let dir = TemporaryDirectory()
        dir.write("tab.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - cleanup\n  - normalize:\n  \tform: NFC\n")
        let r = try textmill(["validate", "tab.yaml"], in: dir.path)
        expectEqual(r.status, 2)
        expectEqual(lines(r.stderr), [
            "textmill: the config is wrong:",
            "tab.yaml:6:3: error: a tab character at line 6, column 3: YAML indents with spaces only; replace the tab with spaces",
            "    \tform: NFC",
            "    ^",
            "  the YAML parser stopped at line 6, column 3: found character that cannot start any token",
            "",
        ])
    }

    @Test func runTogetherListItemsLookLikeAMissingLineBreak() throws {
        let dir = TemporaryDirectory()
        dir.write("ind.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - cleanup\n  - normalize\n   - sentences\n")
        let r = try textmill(["run", "ind.yaml"], in: dir.path)
        expectEqual(r.status, 2)
        #expect(lines(r.stderr).contains("ind.yaml:5:5: error: unknown stage 'normalize - sentences': it looks like a missing line break (two list items read as one, as when a '- ' is indented deeper than the one above it)"))
        #expect(lines(r.stderr).contains("  put each stage on a line of its own, every '-' in the same column"))
        // A plain unknown name keeps the plain message.
        dir.write("typo.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - normalise\n")
        let typo = try textmill(["validate", "typo.yaml"], in: dir.path)
        #expect(lines(typo.stderr).contains("typo.yaml:4:5: error: unknown stage 'normalise'"))
    }

    @Test func missingRelativeInputNamesTheFolder() throws {
        let dir = TemporaryDirectory()
        dir.write("p.yaml", "input: inptu/\noutput: out/corpus.jsonl\nstages: [normalize]\n")
        let r = try textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(r.status, 2)
        expectEqual(lines(r.stderr), [
            "textmill: input 'inptu/' does not exist in \(realPath(dir.path)) (a relative input path is looked for in the folder textmill runs in, not the config's folder): check the path, run textmill from the folder that holds it, or give an absolute path",
            "",
        ])
    }

    @Test func validateSaysWhatEachInputNames() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "One.\n")
        dir.write("in/sub/b.html", "<p>Two.</p>\n")
        dir.write("in/c.txt", "Three.\n")
        dir.write("p.yaml", "input: [in/, \"in/*.txt\", \"in/*.rss\", in/a.txt, missing/, \"-\"]\noutput: out/corpus.jsonl\nstages: [cleanup]\n")
        let r = try textmill(["validate", "p.yaml"], in: dir.path)
        expectEqual(r.status, 0)
        expectEqual(r.stdout, """
        p.yaml: OK
          input:  in/: a folder, 3 files
                  in/*.txt: a glob, 2 files
                  in/*.rss: a glob that matches no file
                  in/a.txt: a file
                  missing/: does not exist (looked for in \(realPath(dir.path)))
                  -: JSONL on stdin
          output: - (stdout: a run that reads stdin writes to stdout)
          stages: cleanup

        """)
    }

    @Test func stagesShowsOneStage() throws {
        let r = try textmill(["stages", "normalize"])
        expectEqual(r.status, 0)
        expectEqual(lines(r.stdout).first, "normalize: \(NormalizeStage.summary)")
        #expect(lines(r.stdout).contains("  form: NFC | NFKC, default \"NFC\". \(NormalizeStage.options.first { $0.name == "form" }!.help)"))
        #expect(!r.stdout.contains("dedup:"), "only the one stage")
        let unknown = try textmill(["stages", "normalise"])
        expectEqual(unknown.status, 2)
        expectEqual(unknown.stderr, "textmill: there is no stage 'normalise'; the stages are: cleanup, normalize, sentences, quotes, dedup, exec, language, filter\n")
    }

    @Test func stagesJSONForPrograms() throws {
        let r = try textmill(["stages", "--json"])
        expectEqual(r.status, 0)
        let parsed = try JSONParser.parse(r.stdout)
        let root = try #require(parsed.objectValue)
        expectEqual(root.keys, ["format", "textmill", "stages"])
        expectEqual(root["format"]?.intValue, 1)
        expectEqual(root["textmill"]?.stringValue, TextMillVersion.string)
        let stages = (root["stages"]?.arrayValue ?? []).compactMap { $0.objectValue }
        expectEqual(stages.map { $0["name"]?.stringValue }, StageRegistry.builtin.names)
        for stage in stages {
            expectEqual(stage.keys, ["name", "summary", "requires", "produces", "text", "scope", "options"])
        }
        let dedup = try #require(stages.first { $0["name"]?.stringValue == "dedup" })
        expectEqual(dedup["produces"], .array([.string("duplicate")]))
        expectEqual(dedup["scope"]?.stringValue, "corpus")
        let threshold = try #require(dedup["options"]?.arrayValue?.first?.objectValue)
        expectEqual(threshold.keys, ["name", "type", "min", "max", "default", "help"])
        #expect(threshold["type"]?.stringValue == "number" && threshold["min"]?.doubleValue == 0 && threshold["max"]?.doubleValue == 1)
        expectEqual(threshold["default"]?.doubleValue, 0.8)
        let one = try textmill(["stages", "dedup", "--json"])
        let only = try JSONParser.parse(one.stdout).objectValue?["stages"]?.arrayValue
        expectEqual(only?.count, 1)
        expectEqual(only?.first?.objectValue, dedup)
    }

    @Test func limitProcessesTheFirstDocumentsAndKeepsNoState() throws {
        let dir = TemporaryDirectory()
        _ = smallCorpus(dir, stages: "[normalize, sentences, dedup]")
        dir.write("in/d.jsonl", "{\"id\": \"wire-1\", \"text\": \"A wire story.\"}\n{\"id\": \"wire-2\", \"text\": \"Another wire story.\"}\n")
        let r = try textmill(["run", "p.yaml", "--limit", "4"], in: dir.path)
        expectEqual(r.status, 0)
        expectEqual(lines(r.stderr).first, "textmill: --limit 4: a preview of the first 4 documents; no incremental state is kept")
        #expect(lines(r.stderr)[1].hasPrefix("textmill: 4 documents from 4 files ("), "only the files it reached: \(r.stderr)")
        #expect(lines(r.stderr)[1].hasSuffix(" [preview: at most the first 4 documents, no state kept]"))
        expectEqual(try dir.records("out/corpus.jsonl").map { $0["id"]?.stringValue }, ["in/a.txt", "in/b.txt", "in/c.txt", "wire-1"])
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/.corpus.textmill")), "no state folder, no dedup index")
        #expect(FileManager.default.fileExists(atPath: dir.file("out/corpus.stats.json")))
        // The next run without --limit processes everything and keeps state.
        let full = try textmill(["run", "p.yaml", "-q"], in: dir.path)
        expectEqual(full.status, 0)
        expectEqual(try dir.records("out/corpus.jsonl").count, 5)
        #expect(FileManager.default.fileExists(atPath: dir.file("out/.corpus.textmill/manifest.json")))
    }

    @Test func limitNeverTouchesAnIncrementalCorpus() throws {
        let dir = TemporaryDirectory()
        _ = smallCorpus(dir, stages: "[normalize, dedup]")
        expectEqual(try textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        func snapshot() -> [String: Data] {
            var files: [String: Data] = [:]
            let root = dir.file("out")
            for case let name as String in FileManager.default.enumerator(atPath: root)! {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: root + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files[name] = FileManager.default.contents(atPath: root + "/" + name)
                }
            }
            return files
        }
        let before = snapshot()
        #expect(before["corpus.jsonl"] != nil && before[".corpus.textmill/manifest.json"] != nil)
        dir.write("in/d.txt", "A fourth story, new since the last run.\n")
        let r = try textmill(["run", "p.yaml", "--limit", "2", "-q"], in: dir.path)
        expectEqual(r.status, 2)
        expectEqual(r.stderr, "textmill: 'out/corpus.jsonl' is an incremental corpus (it has a state folder), and a run with --limit is a preview that keeps no state, so it never replaces one: name another --output (e.g. --output preview.jsonl), or --output - for stdout\n")
        expectEqual(snapshot(), before, "the corpus and its state are untouched")
        // To stdout, the same config previews fine.
        let preview = try textmill(["run", "p.yaml", "--limit", "1", "-o", "-", "-q"], in: dir.path)
        expectEqual(preview.status, 0)
        #expect(lines(preview.stdout).count == 2 && preview.stdout.contains("\"id\":\"in/a.txt\""))
        expectEqual(snapshot(), before)
    }

    @Test func limitKeepsNoIndexEvenInANamedFolder() throws {
        let dir = TemporaryDirectory()
        _ = smallCorpus(dir)
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - normalize\n  - dedup: {index: shared-index}\n")
        let r = try textmill(["run", "p.yaml", "--limit", "2", "-q"], in: dir.path)
        expectEqual(r.status, 0)
        expectEqual(try dir.records("out/corpus.jsonl").count, 2)
        #expect(!FileManager.default.fileExists(atPath: dir.file("shared-index")))
    }

    @Test(arguments: ["0", "-3"]) func limitBelowOneIsRefused(_ limit: String) throws {
        // Both spellings: `--limit -3` (a separate word that looks like a flag) once said
        // "Missing value for '--limit <n>'".
        let empty = TemporaryDirectory()
        for arguments in [["run", "--limit=\(limit)"], ["run", "--limit", limit]] {
            let r = try textmill(arguments, in: empty.path)
            expectEqual(r.status, 2)
            expectEqual(lines(r.stderr).first, "textmill: Error: --limit is a number of documents: 1 or more, not \(limit)", "\(arguments)")
        }
    }

    @Test func negativeNumbersAfterTheirOptionReachTheirOwnMessage() throws {
        let empty = TemporaryDirectory()
        let checkpoint = try textmill(["run", "--checkpoint-mb", "-2"], in: empty.path)
        expectEqual(checkpoint.status, 2)
        expectEqual(lines(checkpoint.stderr).first?.hasPrefix("textmill: Error: --checkpoint-mb"), true, "\(checkpoint.stderr)")
        let sample = try textmill(["report", "out.jsonl", "--sample", "-1"], in: empty.path)
        expectEqual(sample.status, 2)
        expectEqual(lines(sample.stderr).first, "textmill: Error: --sample must be 0 or more, not -1", "\(sample.stderr)")
    }

    /// A number past Int's range, a word or a fraction got ArgumentParser's "The value
    /// '99999999999999999999' is invalid for '--limit <n>'"; each option now says what it takes.
    @Test(arguments: [
        (["run", "--limit", "99999999999999999999"], "--limit is a number of documents: at most 9223372036854775807, not 99999999999999999999 (leave --limit out to process every document)"),
        (["run", "--limit", "-99999999999999999999"], "--limit is a number of documents: 1 or more, not -99999999999999999999"),
        // With a sign, as Int reads "+5" (it said "a whole number, 1 or more").
        (["run", "--limit", "+99999999999999999999"], "--limit is a number of documents: at most 9223372036854775807, not +99999999999999999999 (leave --limit out to process every document)"),
        (["run", "--limit", "1.5"], "--limit is a number of documents: a whole number, 1 or more, not 1.5"),
        (["run", "--limit", "all"], "--limit is a number of documents: a whole number, 1 or more, not 'all'"),
        (["run", "--jobs", "99999999999999999999"], "--jobs is the number of threads: a whole number from 1 to 4096, not 99999999999999999999 (leave it out to use every core: \(ProcessInfo.processInfo.activeProcessorCount) here)"),
        (["run", "--jobs", "two"], "--jobs is the number of threads: a whole number from 1 to 4096, not 'two' (leave it out to use every core: \(ProcessInfo.processInfo.activeProcessorCount) here)"),
        (["run", "--checkpoint-mb", "lots"], "--checkpoint-mb must be a number of megabytes above 0 and at most 1048576, not 'lots'"),
        (["run", "--checkpoint-mb", "1e999"], "--checkpoint-mb must be a number of megabytes above 0 and at most 1048576, not 1e999"),
        (["report", "out.jsonl", "--sample", "99999999999999999999"], "--sample is a number of documents: at most 9223372036854775807, not 99999999999999999999"),
        (["report", "out.jsonl", "--sample", "some"], "--sample is a number of documents: a whole number, 0 or more, not 'some'"),
        (["dedup-verify", "p.yaml", "--jobs", "99999999999999999999"], "--jobs is the number of threads: at most 4096, not 99999999999999999999"),
    ])
    func aNumberOptionSaysWhatItTakesForAnyValue(arguments: [String], message: String) throws {
        let empty = TemporaryDirectory()
        let r = try textmill(arguments, in: empty.path)
        expectEqual(r.status, 2, "\(arguments)")
        expectEqual(lines(r.stderr).first, "textmill: Error: " + message, "\(arguments)")
    }

    /// `-o -x.jsonl` said "Missing value for '-o <path>'": a path after -i, -o or report's --out
    /// is taken whatever it looks like, as getopt takes an option's argument.
    @Test func aPathThatStartsWithADashIsTakenAsThePath() throws {
        let dir = TemporaryDirectory()
        _ = smallCorpus(dir)
        let r = try textmill(["run", "p.yaml", "-o", "-x.jsonl", "-i", "-in.txt", "-q"], in: dir.path)
        expectEqual(r.status, 2)
        #expect(r.stderr.contains("'-in.txt'"), "\(r.stderr)")
        dir.write("-in.txt", "The harbor reopened on Tuesday.\n")
        let again = try textmill(["run", "p.yaml", "-o", "-x.jsonl", "-i", "-in.txt", "-q"], in: dir.path)
        expectEqual(again.status, 0, "\(again.stderr)")
        expectEqual(try dir.records("-x.jsonl").map { $0["id"]?.stringValue }, ["-in.txt"])
        let report = try textmill(["report", "./-x.jsonl", "--out", "-pages.out"], in: dir.path)
        expectEqual(report.status, 0, "\(report.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.file("-pages.out")))
    }

    @Test func completionScriptIsPrinted() throws {
        let r = try textmill(["--generate-completion-script", "bash"])
        expectEqual(r.status, 0)
        #expect(r.stdout.contains("_textmill()"))
        #expect(r.stdout.contains("--limit"))
        #expect(r.stdout.contains("'cleanup'$'\\n''normalize'"), "stage names complete after 'textmill stages'")
    }

    /// validate says what `run` would do with a config that reads stdin: write to stdout, not
    /// to the config's `output:` (README, standard streams). It checked and named that file
    /// instead, and refused a folder there, where `run` wrote to stdout with exit 0.
    @Test func validateOfAConfigReadingStdinNamesStdout() throws {
        let dir = TemporaryDirectory()
        _ = dir.write("p.yaml", "input: \"-\"\noutput: out\nstages:\n  - normalize\n")
        try FileManager.default.createDirectory(atPath: dir.file("out"), withIntermediateDirectories: true)
        let run = try CommandLineTests().textmill(["run", "p.yaml", "-q"], stdin: "{\"id\": \"x\", \"text\": \"Two words here.\"}\n", in: dir.path)
        expectEqual(run.status, 0, "\(run.stderr)")
        let r = try textmill(["validate", "p.yaml"], in: dir.path)
        expectEqual(r.status, 0, "\(r.stderr)")
        expectEqual(r.stdout, "p.yaml: OK\n  input:  -: JSONL on stdin\n  output: - (stdout: a run that reads stdin writes to stdout)\n  stages: normalize\n")
    }
}
