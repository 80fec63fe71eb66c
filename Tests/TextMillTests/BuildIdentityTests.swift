import Foundation
import Testing
@testable import TextMill

/// A corpus is made by one build of TextMill: a run under another build (rebuilt, upgraded:
/// its stages may write other bytes) neither resumes the interrupted run of the first nor keeps
/// its records, and says so. `TEXTMILL_BUILD_ID` plays the two builds.
@Suite(.serialized) struct BuildIdentityTests {
    /// Thirty short stories and a config whose checkpoints come every few files.
    func corpus(_ dir: TemporaryDirectory, output: String) -> String {
        for i in 0..<30 { dir.write(String(format: "in/story-%04d.txt", i), JournalCheckpointTests.story(i)) }
        return dir.write("p-\(output).yaml", "input: \(dir.file("in"))\noutput: \(dir.file(output + "/corpus.jsonl"))\nstages: [sentences]\n")
    }

    /// `textmill run CONFIG` as build `build`, killed at `killAt` when given.
    func run(_ config: String, build: String, killAt: String? = nil) throws -> CommandLineTests.Result {
        var environment = ["TEXTMILL_BUILD_ID": build]
        if let killAt { environment["TEXTMILL_KILL_AT"] = killAt }
        return try CommandLineTests().textmill(["run", config, "--jobs", "1", "--checkpoint-mb", "0.0015"], environment: environment)
    }

    /// The tool the output's manifest names (its header line opens the list of files).
    static func manifestTool(_ path: String) -> String? {
        let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        guard let header = text.split(separator: "\n").first else { return nil }
        return (try? JSONParser.parse(String(header) + "]}"))?.objectValue?["tool"]?.stringValue
    }

    func manifestTool(_ dir: TemporaryDirectory, _ output: String) -> String? {
        Self.manifestTool(dir.file(output + "/.corpus.textmill/manifest.json"))
    }

    @Test func aRunInterruptedUnderOneBuildIsProcessedAgainUnderAnother() throws {
        let dir = TemporaryDirectory()
        let reference = corpus(dir, output: "reference")
        expectEqual(try run(reference, build: "build-b").status, 0)

        // The same build resumes its own interrupted run.
        let same = corpus(dir, output: "same")
        let killedSame = try run(same, build: "build-a", killAt: "checkpoint-written:3")
        expectEqual(killedSame.status, SIGKILL, "killed at its third checkpoint")
        let resumedSame = try run(same, build: "build-a")
        expectEqual(resumedSame.status, 0)
        #expect(resumedSame.stderr.contains("resuming after"), "\(resumedSame.stderr)")

        // Another build does not: it processes every file again and says why.
        let other = corpus(dir, output: "other")
        _ = try run(other, build: "build-a", killAt: "checkpoint-written:3")
        #expect(dir.read("other/.corpus.textmill/journal.jsonl").split(separator: "\n").count > 1, "the killed run left checkpoints")
        let resumedOther = try run(other, build: "build-b")
        expectEqual(resumedOther.status, 0)
        #expect(!resumedOther.stderr.contains("resuming after"), "\(resumedOther.stderr)")
        #expect(resumedOther.stderr.contains("was made by textmill '0.1.0 (build build-a)', not by this one ('0.1.0 (build build-b)'): its files are processed again"),
                "\(resumedOther.stderr)")
        expectEqual(dir.read("other/corpus.jsonl"), dir.read("reference/corpus.jsonl"))
        expectEqual(manifestTool(dir, "other"), "0.1.0 (build build-b)")
    }

    @Test func aCorpusMadeByAnotherBuildIsReprocessed() throws {
        let dir = TemporaryDirectory()
        let config = corpus(dir, output: "out")
        expectEqual(try run(config, build: "build-a").status, 0)
        expectEqual(manifestTool(dir, "out"), "0.1.0 (build build-a)")
        let again = try run(config, build: "build-a")
        #expect(!again.stderr.contains("reprocessing every file"), "\(again.stderr)")
        let other = try run(config, build: "build-b")
        expectEqual(other.status, 0)
        #expect(other.stderr.contains("textmill changed from '0.1.0 (build build-a)' to '0.1.0 (build build-b)' since the last run (another build may write other records): reprocessing every file"),
                "\(other.stderr)")
        expectEqual(manifestTool(dir, "out"), "0.1.0 (build build-b)")
    }

    @Test func versionNamesTheBuild() throws {
        let own = try CommandLineTests().textmill(["--version"])
        expectEqual(own.status, 0)
        #expect(own.stdout.wholeMatch(of: /0\.1\.0 \(build [0-9a-f]{40}\)\n/) != nil, "\(own.stdout)")
        let injected = try CommandLineTests().textmill(["--version"], environment: ["TEXTMILL_BUILD_ID": "test-1.2_x"])
        expectEqual(injected.stdout, "0.1.0 (build test-1.2_x)\n")
        // A value that is no build name (a control character, too long) is not taken.
        for bad in ["a\u{1B}[2J", String(repeating: "x", count: 65), "a b"] {
            let r = try CommandLineTests().textmill(["--version"], environment: ["TEXTMILL_BUILD_ID": bad])
            expectEqual(r.stdout, own.stdout)
        }
    }
}
