import CShims
import Foundation
import Testing
@testable import TextMill

/// The `exec` plugin protocol on the sample corpus: a plugin that crashes, hangs or prints
/// garbage fails one document, is restarted, and the run goes on.
@Suite struct ExecStageTests {
    let script = Repo.path("Tests/TextMillTests/Fixtures/plugins/misbehave.py")

    func run(mode: String, trigger: String = "npr-kazakhstan", timeout: Double = 30) throws -> (RunSummary, [JSONObject], [JSONObject], TemporaryDirectory) {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts()
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - normalize
              - exec: {command: [python3, \(script), \(mode), \(trigger)], timeout: \(timeout)}
            """, in: dir, jobs: 2)
        return (summary, try dir.records("out/corpus.jsonl"), try dir.records("out/corpus.errors.jsonl"), dir)
    }

    @Test(arguments: [("crash", "exited with status 3"), ("garbage", "not JSON"), ("hang", "did not answer within")])
    func misbehavingPluginFailsOneDocument(mode: String, message: String) throws {
        let (summary, records, errors, dir) = try run(mode: mode, timeout: mode == "hang" ? 3 : 30)
        expectEqual(summary.exitStatus, 1)
        expectEqual(records.count, 4)
        #expect(records.allSatisfy { $0["seen"] == .bool(true) })
        expectEqual(errors.count, 1)
        expectEqual(errors.first?["stage"]?.stringValue, "exec")
        expectEqual(errors.first?["id"]?.stringValue?.hasSuffix("npr-kazakhstan-stories.txt"), true)
        expectEqual(errors.first?["reason"]?.stringValue?.contains(message), true, "\(errors)")
        // The plugin's stderr went to its log beside the output.
        #expect(dir.read("out/.corpus.textmill/exec-misbehave.py.log").contains("handled"))
    }

    /// A plugin that exits after an answer while a program it started (`sleep 600`) holds its
    /// output open sends no end-of-file: the next document sent to it waited the whole timeout
    /// and failed as "did not answer within 30 s", and so did every later one. Its exit is
    /// noticed while TextMill waits, so the document goes to a new copy and nothing fails.
    @Test func aPluginThatExitsWhileItsChildHoldsItsOutputIsRestarted() throws {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts()
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - exec: {command: [python3, \(script), orphan, .txt], timeout: 30}
            """, in: dir, jobs: 1)
        #expect(dir.read("out/corpus.errors.jsonl").isEmpty)
        #expect(summary.exitStatus == 0 && summary.written == 5 && summary.failed == 0)
        #expect(try dir.records("out/corpus.jsonl").allSatisfy { $0["seen"] == .bool(true) })
        expectEqual(summary.stages.first?.counters["plugin restarts"], 4)
    }

    /// A plugin that writes its answer and exits, while a program it started holds its output,
    /// in the moment between a wait that found nothing and the look at its exit (a plugin that
    /// answers one document a copy, on a busy machine): the look at the exit alone said it left
    /// without answering, and the answer waiting in the pipe was lost (the document failed, or
    /// went again to a new copy). Here the exit comes before the look, as the race makes it.
    @Test func anAnswerWrittenBeforeThePluginExitedIsNotLost() throws {
        func exitedPlugin(_ script: String) throws -> ChildProcess {
            let child = try ChildProcess(command: ["sh", "-c", script], environment: [:], log: nil)
            while tm_child_has_exited(child.pid) != 1 { usleep(1000) }
            return child
        }
        let answered = try exitedPlugin(#"sleep 600 & echo '{"id":"a","text":"x"}'"#)
        defer { answered.stop(grace: 0) }
        #expect(!answered.exitedWithoutAnswering())
        let silent = try exitedPlugin("sleep 600 &")
        defer { silent.stop(grace: 0) }
        #expect(silent.exitedWithoutAnswering())
    }

    /// A run stopped (Ctrl-Z, SIGSTOP) for longer than exec's `timeout` failed the document in
    /// flight as "did not answer within 1 s" although the plugin had answered at once, and the
    /// next run kept that failure. Here the plugin stops textmill itself when the first record
    /// comes and has it continued 3 s later; the timeout is 1 s.
    @Test func timeTextMillStoodStillIsNotThePluginsTime() throws {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts(count: 3)
        // The plugin answers the first document at once (its start is not in what is timed) and
        // stops TextMill for 3 s, three times the timeout, on the second.
        dir.write("stopper.py", """
            import os, signal, subprocess, sys, time
            seen = 0
            for line in sys.stdin:
                seen += 1
                if seen == 2:
                    textmill = os.getppid()
                    subprocess.Popen(["sh", "-c", "sleep 3; kill -CONT %d" % textmill], start_new_session=True)
                    os.kill(textmill, signal.SIGSTOP)
                    time.sleep(0.2)
                sys.stdout.write(line)
                sys.stdout.flush()

            """)
        let config = dir.write("p.yaml", """
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - exec: {command: [python3, \(dir.file("stopper.py"))], timeout: 1}
            """)
        let r = try CommandLineTests().textmill(["run", config, "--quiet", "--jobs", "1"])
        expectEqual(r.status, 0, "\(r.stderr)")
        #expect(dir.read("out/corpus.errors.jsonl").isEmpty)
        expectEqual(try dir.records("out/corpus.jsonl").count, 3)
    }

    @Test func pluginThatChangesTextMustFixSpans() throws {
        let (_, records, errors, _) = try run(mode: "stale-spans")
        expectEqual(records.count, 4)
        expectEqual(errors.first?["reason"]?.stringValue?.contains("paragraphs spans came back as they were sent"), true, "\(errors)")
    }

    @Test func pluginThatChangesTextAndDropsSpansIsFine() throws {
        let (summary, records, errors, _) = try run(mode: "shorten")
        expectEqual(summary.exitStatus, 0, "\(errors)")
        let npr = records.first { $0["id"]?.stringValue?.hasSuffix("npr-kazakhstan-stories.txt") == true }
        expectEqual(npr?["text"]?.stringValue?.count, 200)
        expectEqual(npr?["paragraphs"], nil)
    }

    @Test func missingProgramIsAConfigError() {
        let dir = TemporaryDirectory()
        #expect(throws: ConfigError.self) {
            _ = try runPipeline("""
                input: \(Repo.path("input"))
                output: \(dir.file("out.jsonl"))
                stages:
                  - exec: {command: [no-such-program-xyz]}
                """, in: dir)
        }
    }
}
