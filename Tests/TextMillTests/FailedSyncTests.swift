import Foundation
import Testing
@testable import TextMill

/// A sync that fails (`fsync` answers EIO: a failing disk, a network file system that lost its
/// server), and a sync thread that cannot be made (a `pids.max` or `RLIMIT_NPROC` limit). The end
/// of a run syncs the four parts at once on threads of their own (`PendingSync`) while dedup saves
/// its state. `TEXTMILL_FAIL_SYNC=NAME[:N]` makes the N-th sync of the file NAME fail with EIO,
/// `TEXTMILL_FAIL_THREAD=NAME[:N]` makes the N-th thread named NAME not be made.
@Suite(.serialized) struct FailedSyncTests {
    /// Eight short news stories, one a file, and one story twice (dedup drops the copy).
    func corpus(_ dir: TemporaryDirectory, from first: Int = 0) {
        let places = ["Harbor City", "Millbrook", "Port Ellis", "Cedar Falls", "Eastmoor", "Lakeview", "Northgate", "Riverton"]
        for (i, place) in places.enumerated() {
            dir.write(String(format: "in/story-%02d.txt", first + i),
                      "\(place) council approves budget\n\nThe council of \(place) voted \(5 + i) to \(i % 4) on Tuesday night to approve "
                          + "a budget that repairs \(i + 2) bridges and reopens the library on Sundays.\n\n"
                          + "\"We listened to the people of \(place),\" the mayor said after the vote.\n")
        }
        dir.write("in/story-\(first)-copy.txt", dir.read(String(format: "in/story-%02d.txt", first)))
    }

    func config(_ dir: TemporaryDirectory, output: String, stages: String) -> String {
        dir.write("\(output).yaml", "input: \(dir.file("in"))\noutput: \(dir.file(output))/corpus.jsonl\nstages: \(stages)\n")
    }

    /// Runs `textmill run CONFIG --quiet` with `environment` added.
    func textmill(_ config: String, _ environment: [String: String] = [:]) throws -> CommandLineTests.Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        p.arguments = ["run", config, "--jobs", "2", "--quiet"]
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return .init(status: p.terminationStatus, stdout: "", stderr: String(decoding: e, as: UTF8.self))
    }

    /// The four record files' bytes (nil: the file does not exist).
    func outputs(_ dir: TemporaryDirectory, _ output: String) -> [Data?] {
        ["corpus.jsonl", "corpus.errors.jsonl", "corpus.duplicates.jsonl", "corpus.filtered.jsonl"].map {
            FileManager.default.contents(atPath: dir.file("\(output)/\($0)"))
        }
    }

    /// A part file whose sync fails at the end of a run (a first run, and a run over earlier
    /// outputs with new files): exit 3, the message names the part and the cause, the previous
    /// outputs are byte for byte what they were, and the next run ends with the records of an
    /// uninterrupted one.
    @Test(arguments: ["part.output", "part.duplicates"]) func aPartWhoseSyncFailsIsExitThreeAndKeepsThePreviousOutputs(part: String) throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        let stages = "[normalize, sentences, dedup]"
        let out = config(dir, output: "out", stages: stages)
        let first = try textmill(out, ["TEXTMILL_FAIL_SYNC": part])
        expectEqual(first.status, 3, "\(first.stderr)")
        #expect(first.stderr.contains("could not write the outputs: cannot sync '\(dir.file("out/.corpus.textmill/\(part)"))': Input/output error. "
            + "The previous outputs are intact; fix the cause and run again: the next run finishes the work."), "\(first.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/corpus.jsonl")), "a first run that failed left an output")
        expectEqual(try textmill(out).status, 0)
        let previous = outputs(dir, "out")

        corpus(dir, from: 20)
        let failed = try textmill(out, ["TEXTMILL_FAIL_SYNC": part])
        expectEqual(failed.status, 3, "\(failed.stderr)")
        #expect(failed.stderr.contains("cannot sync '\(dir.file("out/.corpus.textmill/\(part)"))': Input/output error"), "\(failed.stderr)")
        expectEqual(outputs(dir, "out"), previous, "the previous outputs changed")

        expectEqual(try textmill(out).status, 0)
        expectEqual(try textmill(config(dir, output: "ref", stages: stages)).status, 0)
        expectEqual(outputs(dir, "out"), outputs(dir, "ref"), "not the records of an uninterrupted run")
    }

    /// Dedup's state fails to save (its record store's or its index's sync) while a part's sync
    /// fails too: the state's error is the one reported (the parts' syncs are only waited for).
    @Test(arguments: [("records.bin", "cannot sync the dedup record store"), ("index.1.bin", "cannot write the dedup index")])
    func aFailedStateSaveIsReportedOverAFailedPartSync(file: String, message: String) throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        let out = config(dir, output: "out", stages: "[normalize, dedup]")
        let failed = try textmill(out, ["TEXTMILL_FAIL_SYNC": "part.output,\(file)"])
        expectEqual(failed.status, 3, "\(failed.stderr)")
        #expect(failed.stderr.contains("could not write the outputs: \(message) '\(dir.file("out/.corpus.textmill/dedup/\(file)"))': Input/output error. "
            + "The previous outputs are intact"), "\(failed.stderr)")
        #expect(!failed.stderr.contains("part.output"), "\(failed.stderr)")
        expectEqual(try textmill(out).status, 0)
    }

    /// A full disk while one of dedup's files is written (`TEXTMILL_FAIL_WRITE=NAME`: half its
    /// bytes, then ENOSPC): exit 3 naming the file and the cause, no output and no temporary
    /// file left behind, and the next run finishes the work. Both files had a write loop of
    /// their own that the hook did not reach (main db9088d: exit 0); the index's, on a call that
    /// wrote nothing, reported a stale `errno`.
    @Test(arguments: [("index.1.bin", "the dedup index"), ("records.bin", "the dedup record store")])
    func aFullDiskWhileDedupWritesItsFilesIsReported(file: String, what: String) throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        let out = config(dir, output: "out", stages: "[normalize, dedup]")
        let failed = try textmill(out, ["TEXTMILL_FAIL_WRITE": file])
        expectEqual(failed.status, 3, "\(failed.stderr)")
        #expect(failed.stderr.contains("could not write the outputs: cannot write \(what) '\(dir.file("out/.corpus.textmill/dedup/" + file))': No space left on device. "
            + "The previous outputs are intact; free space and run again"), "\(failed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/corpus.jsonl")), "a first run that failed left an output")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: dir.file("out/.corpus.textmill/dedup"))) ?? []
        #expect(!left.contains { $0.contains(".tmp.") }, "\(left)")
        expectEqual(try textmill(out).status, 0)
        expectEqual(try textmill(config(dir, output: "ref", stages: "[normalize, dedup]")).status, 0)
        expectEqual(outputs(dir, "out"), outputs(dir, "ref"), "not the records of an uninterrupted run")
    }

    /// About 4.5 MB of short council and court stories in one JSONL file, each its own: every
    /// sentence puts a place, an actor, a decision, a number and a time together (a pseudo-random
    /// choice each), so no two stories are near copies and dedup keeps every one. Enough for the
    /// main part and dedup's records to pass the 4 MB after which a background sync
    /// (`BackgroundSync`) commits what was written.
    func longCorpus(_ dir: TemporaryDirectory) {
        let places = ["Harbor City", "Millbrook", "Port Ellis", "Cedar Falls", "Eastmoor", "Lakeview", "Northgate", "Riverton",
                      "Oak Ridge", "Westbury", "Stonehaven", "Fairmont"]
        let actors = ["The council of", "The mayor of", "A judge in", "The school board of", "Police in", "Farmers near",
                      "The port authority of", "Nurses at the hospital in", "The water board of", "Shop owners in"]
        let verbs = ["approved", "rejected", "delayed", "questioned", "welcomed", "announced", "cut", "doubled", "reviewed", "defended"]
        let objects = ["a budget of N thousand dollars", "a plan to repair N bridges", "N new teaching posts",
                       "a tax on N parking spaces", "the closing of N clinics", "a study of N bus routes",
                       "a loan of N million dollars", "the hiring of N officers", "a rent freeze for N families", "N miles of new pipes"]
        let times = ["on Tuesday night", "after a hearing of N hours", "despite protests by N residents", "in a vote of N to 2",
                     "before the winter", "at a meeting on Friday", "for the N-th time this year", "without a debate",
                     "after N weeks of talks", "as N people watched"]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func pick(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33) % n
        }
        var lines = ""
        for i in 0..<4_000 {
            var paragraphs: [String] = []
            for _ in 0..<4 {
                var sentences: [String] = []
                for _ in 0..<3 {
                    let object = objects[pick(objects.count)].replacingOccurrences(of: "N", with: "\(pick(900) + 3)")
                    let time = times[pick(times.count)].replacingOccurrences(of: "N", with: "\(pick(90) + 2)")
                    sentences.append("\(actors[pick(actors.count)]) \(places[pick(places.count)]) \(verbs[pick(verbs.count)]) \(object) \(time).")
                }
                paragraphs.append(sentences.joined(separator: " "))
            }
            let text = "Story \(i) from \(places[i % places.count])\\n\\n" + paragraphs.joined(separator: "\\n\\n")
            lines += "{\"id\":\"story-\(i)\",\"text\":\"\(text)\"}\n"
        }
        _ = dir.write("in/news.jsonl", lines)
    }

    /// A background sync that fails (the first sync of a part, or of dedup's records, once 4 MB
    /// were written): Linux reports a lost write once for each open file, so the file's own sync
    /// at the end may find nothing wrong; the failure the background sync kept is reported as
    /// that sync's: exit 3, no output, and the next run ends as an uninterrupted one.
    @Test(arguments: [("part.output", "cannot sync '.corpus.textmill/part.output'"),
                      ("records.bin", "cannot sync the dedup record store '.corpus.textmill/dedup/records.bin'")])
    func aFailedBackgroundSyncIsReportedByTheFilesOwnSync(file: String, message: String) throws {
        let dir = TemporaryDirectory()
        longCorpus(dir)
        let stages = "[sentences, dedup]"
        let out = config(dir, output: "out", stages: stages)
        let failed = try textmill(out, ["TEXTMILL_FAIL_SYNC": "\(file):1"])
        expectEqual(failed.status, 3, "\(failed.stderr)")
        let named = message.replacingOccurrences(of: "'.corpus", with: "'\(dir.file("out"))/.corpus")
        #expect(failed.stderr.contains("could not write the outputs: \(named): Input/output error. The previous outputs are intact"),
                "\(failed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out/corpus.jsonl")), "a run that failed left an output")
        expectEqual(try textmill(out).status, 0)
        expectEqual(try textmill(config(dir, output: "ref", stages: stages)).status, 0)
        expectEqual(outputs(dir, "out"), outputs(dir, "ref"), "not the records of an uninterrupted run")
        let part = try #require(FileManager.default.attributesOfItem(atPath: dir.file("ref/corpus.jsonl"))[.size] as? Int)
        let records = try #require(FileManager.default.attributesOfItem(atPath: dir.file("ref/.corpus.textmill/dedup/records.bin"))[.size] as? Int)
        #expect(part > BackgroundSync.defaultEvery && records > BackgroundSync.defaultEvery, "\(part), \(records): no background sync was due")
    }

    /// No sync thread can be made: each file is synced on the calling thread; the run ends as
    /// one with threads (same status, same bytes), and a sync that fails there is reported.
    @Test func aSyncThreadThatCannotBeMadeSyncsOnTheCallingThread() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        let stages = "[normalize, dedup]"
        expectEqual(try textmill(config(dir, output: "ref", stages: stages)).status, 0)
        let noThreads = ["TEXTMILL_FAIL_THREAD": "textmill-sync:1,textmill-sync:2"]
        let run = try textmill(config(dir, output: "out", stages: stages), noThreads)
        expectEqual(run.status, 0, "\(run.stderr)")
        expectEqual(outputs(dir, "out"), outputs(dir, "ref"))

        var both = noThreads
        both["TEXTMILL_FAIL_SYNC"] = "part.output"
        let failed = try textmill(config(dir, output: "failed", stages: stages), both)
        expectEqual(failed.status, 3, "\(failed.stderr)")
        #expect(failed.stderr.contains("cannot sync '\(dir.file("failed/.corpus.textmill/part.output"))': Input/output error"), "\(failed.stderr)")
    }

    /// `PendingSync` with no thread to be had syncs every file before it returns, and reports the
    /// first failure in the order given; with Foundation's `Thread` a thread that was never made
    /// could not be told from one still running, and `wait()` would have waited for ever.
    @Test func pendingSyncWithoutThreadsSyncsEachFileInPlace() throws {
        let dir = TemporaryDirectory()
        let a = dir.write("a.jsonl", "{\"id\":\"a\"}\n")
        let fa = open(a, O_WRONLY)
        defer { close(fa) }
        var asked: [String] = []
        let pending = PendingSync([(fd: fa, path: a), (fd: -1, path: "second.jsonl"), (fd: -1, path: "third.jsonl")]) { name, _ in
            asked.append(name)
            return nil
        }
        expectEqual(asked, ["textmill-sync", "textmill-sync", "textmill-sync"])
        do {
            try pending.wait()
            Issue.record("a sync of no descriptor did not fail")
        } catch let e as WriteError {
            expectEqual("\(e)", "cannot sync 'second.jsonl': Bad file descriptor")
        }
        // Threads made with pthread_create are joined.
        try PendingSync([(fd: fa, path: a), (fd: fa, path: a)]).wait()
    }
}
