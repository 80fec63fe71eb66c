import Foundation
import Testing
@testable import TextMill

/// The `exec` plugin protocol under the conditions of a real run: records larger than a pipe
/// buffer, plugins that stream, several plugins started at once, plugins that misbehave
/// between documents.
@Suite struct ReviewExecTests {
    static let plugins = Repo.path("Tests/TextMillTests/Fixtures/plugins")

    /// The sample captures, and a JSONL record of about 2 MB made of all of them repeated.
    func corpus(_ dir: TemporaryDirectory) {
        dir.writeSampleTexts()
        let all = Repo.sampleTexts.map(Repo.text).joined(separator: "\n\n")
        let big = JSONValue.object(JSONObject([("id", "big"), ("text", .string(Array(repeating: all, count: 21).joined(separator: "\n\n")))]))
        dir.write("in/big.jsonl", big.jsonText + "\n")
    }

    func yaml(_ dir: TemporaryDirectory, output: String, exec: String?) -> String {
        """
        input: \(dir.file("in"))
        output: \(dir.file(output + "/corpus.jsonl"))
        stages:
          - normalize
        \(exec.map { "  - exec: " + $0 } ?? "")
        """
    }

    /// `cat` speaks the protocol (each record comes back as it went): with a record larger than
    /// the pipe buffers, it blocks writing its answer while TextMill blocked writing the rest.
    @Test func catAsAPluginPassesLargeRecordsThrough() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        _ = try runPipeline(yaml(dir, output: "plain", exec: nil), in: dir)
        let summary = try runPipeline(yaml(dir, output: "cat", exec: "{command: [cat], timeout: 20}"), in: dir)
        expectEqual(summary.failed, 0, "\(dir.read("cat/corpus.errors.jsonl").prefix(300))")
        let big = try dir.records("plain/corpus.jsonl").first { $0["id"] == "big" }
        #expect((big?["text"]?.stringValue?.utf8.count ?? 0) > 2_000_000)
        let same = dir.read("cat/corpus.jsonl") == dir.read("plain/corpus.jsonl")
        #expect(same, "records through cat differ from records without it")
    }

    /// A plugin one line ahead (it wrote an answer twice) or gone (it exited cleanly after an
    /// answer) fails no document: TextMill notices at the next document, starts the plugin again
    /// and sends that document to the new one. Before, every later document on that plugin
    /// failed ("the record is for id …") or the next one did ("exited with status 0").
    @Test(arguments: ["twice", "quit-after"])
    func aPluginOutOfStepOrGoneBetweenDocumentsIsRestarted(mode: String) throws {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts()
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - normalize
              - exec: {command: [python3, \(ReviewExecTests.plugins)/out_of_step.py, \(mode), npr-kazakhstan], timeout: 20}
            """, in: dir, jobs: 1)
        expectEqual(summary.failed, 0, "\(dir.read("out/corpus.errors.jsonl"))")
        let records = try dir.records("out/corpus.jsonl")
        expectEqual(records.count, 5)
        #expect(records.allSatisfy { $0["seen"] == .bool(true) })
        expectEqual(summary.stages.last?.counters["plugin restarts"], 1)
    }

    /// An answer without `"id"` is a wrong record: the document fails and says so, and the
    /// plugin, in step, serves the next one. Before, each such answer was taken for one out of
    /// step: the plugin was killed, started again and sent the document a second time, for every
    /// document (five restarts and ten exchanges for five documents).
    @Test func anAnswerWithoutAnIdFailsItsDocumentWithoutARestart() throws {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts()
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - normalize
              - exec: {command: [python3, \(ReviewExecTests.plugins)/out_of_step.py, no-id, -], timeout: 20}
            """, in: dir, jobs: 1)
        #expect(try dir.records("out/corpus.jsonl").isEmpty)
        let failures = try dir.records("out/corpus.errors.jsonl").map { "\($0["id"]?.stringValue ?? "?"): \($0["reason"]?.stringValue ?? "?")" }
        expectEqual(failures.sorted(), Repo.sampleTexts.map { "\(dir.file("in/" + ($0 as NSString).lastPathComponent)): the plugin's record is wrong: the record has no string \"id\"" }.sorted())
        expectEqual(summary.stages.last?.counters["plugin restarts"], nil)
    }

    /// A `log:` in a folder that does not exist: every document failed with "cannot start cat:
    /// No such file or directory" (posix_spawn could not open the log). Now a config error.
    @Test func aLogInAMissingFolderIsAConfigError() throws {
        let dir = TemporaryDirectory()
        let config = dir.write("p.yaml", "input: \(Repo.path("input"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages:\n  - exec: {command: [cat], log: \(dir.file("nowhere/plugin.log"))}\n")
        let r = try CommandLineTests().textmill(["validate", config])
        expectEqual(r.status, 2)
        #expect(r.stderr.contains("the folder of the log file '\(dir.file("nowhere/plugin.log"))' does not exist"), "\(r.stderr)")
        #expect(r.stderr.contains("check its option 'log'"))
    }

    /// A script argument that is not there is a config error for every suffix of the interpreter
    /// table: `.pl` and `.bash` scripts were not checked, and every document failed at run time
    /// with the interpreter's "Can't open perl script" instead.
    @Test func aMissingScriptOfEveryKnownSuffixIsAConfigError() throws {
        let dir = TemporaryDirectory()
        for (interpreter, script) in [("perl", "plugins/tag.pl"), ("bash", "plugins/tag.bash"), ("python3", "plugins/tag.py")] {
            let config = dir.write("p.yaml", "input: \(Repo.path("input"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages:\n  - exec: {command: [\(interpreter), \(script)]}\n")
            let r = try CommandLineTests().textmill(["validate", config])
            expectEqual(r.status, 2, "\(script): \(r.stderr)")
            #expect(r.stderr.contains("the script '\(script)' does not exist (paths are relative to the folder textmill runs in)"), "\(r.stderr)")
        }
    }
}

/// Plugins started at the same moment by different threads.
@Suite struct ReviewPluginStartTests {
    /// Each plugin must hold only its own pipes: one that inherits another's pipe ends keeps that
    /// other plugin's output open after it dies (its crash shows as a timeout) and its input open
    /// after TextMill closes it (it never ends on its own, and is killed after the grace time).
    @Test func pluginsStartedTogetherDoNotInheritEachOthersPipes() throws {
        let script = ReviewExecTests.plugins + "/fd_report.py"
        let answers = Answers()
        let threads = (0..<4).compactMap { t in
            JoinableThread.start("start-\(t)") {
                // Each thread keeps its plugins running, as the runner does, while others start.
                var children: [ChildProcess] = []
                for k in 0..<8 {
                    guard let child = try? ChildProcess(command: ["python3", script], environment: [:], log: nil),
                          let answer = try? child.exchange(Array("{\"id\":\"\(t)-\(k)\",\"text\":\"x\"}\n".utf8), timeout: 20),
                          let o = try? JSONParser.parse(answer).objectValue else { answers.add([], []); continue }
                    answers.add(o["own"]?.arrayValue?.compactMap(\.stringValue) ?? [], o["other"]?.arrayValue?.compactMap(\.stringValue) ?? [])
                    children.append(child)
                }
                for c in children { c.stop(grace: 5) }
            }
        }
        expectEqual(threads.count, 4)
        for t in threads { t.join() }
        expectEqual(answers.all.count, 32)
        let everyOwn = Set(answers.all.flatMap(\.own))
        expectEqual(everyOwn.count, 64, "each plugin answered with its own two pipes")
        let leaked = answers.all.flatMap { $0.other.filter(everyOwn.contains) }
        expectEqual(leaked.count, 0, "plugins hold pipe ends of other plugins")
    }

    final class Answers: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var all: [(own: [String], other: [String])] = []
        func add(_ own: [String], _ other: [String]) { lock.lock(); all.append((own, other)); lock.unlock() }
    }
}
