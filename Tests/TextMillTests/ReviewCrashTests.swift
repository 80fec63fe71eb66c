import Foundation
import Testing
@testable import TextMill

/// A `kill -9` at every named point of the writer's state machine (`KillPoint`), in full and in
/// incremental runs: the visible outputs stay valid, and the next run ends with exactly the bytes
/// of an uninterrupted run, with a manifest that the run after it trusts.
@Suite(.serialized) struct ReviewCrashTests {
    /// 36 text files from the sample captures, a JSONL file of 150 records and an empty file (or
    /// only the text files).
    func corpus(_ dir: TemporaryDirectory, texts: Range<Int> = 0..<36, into folder: String = "in", jsonlAndEmpty: Bool = true) {
        let samples = Repo.sampleTexts.map { Repo.bytes($0) }
        for i in texts {
            dir.write(String(format: "\(folder)/%02d/doc-%03d.txt", i % 5, i), Array("Copy \(i) of a capture\n\n".utf8) + samples[i % samples.count])
        }
        guard jsonlAndEmpty else { return }
        var jsonl = ""
        for i in 0..<150 { jsonl += "{\"id\": \"wire-\(i)\", \"text\": \"Record \(i): the harbour authority said berths would reopen on Friday.\"}\n" }
        dir.write("\(folder)/wire.jsonl", jsonl)
        dir.write("\(folder)/zz-empty.txt", "")
    }

    func config(_ dir: TemporaryDirectory, output: String, main: String = "corpus.jsonl") -> String {
        dir.write("p-\(output).yaml", "input: \(dir.file("in"))\noutput: \(dir.file(output + "/" + main))\nstages: [normalize]\n")
    }

    struct Outcome { var status: Int32; var killed: Bool; var stderr: String }

    /// Runs the binary, with `TEXTMILL_KILL_AT` when `killAt` is given.
    func textmill(_ config: String, killAt: String? = nil, jobs: Int = 2, quiet: Bool = true, arguments: [String] = [],
                  checkpointMB: String = "0.04") throws -> Outcome {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        p.arguments = ["run", config, "--jobs", "\(jobs)", "--checkpoint-mb", checkpointMB] + (quiet ? ["--quiet"] : []) + arguments
        var env = ProcessInfo.processInfo.environment
        env["TEXTMILL_KILL_AT"] = killAt
        p.environment = env
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Outcome(status: p.terminationStatus, killed: p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGKILL,
                       stderr: String(decoding: e, as: UTF8.self))
    }

    /// Every line of a visible output is a whole JSON record and no id repeats.
    func expectValid(_ dir: TemporaryDirectory, _ name: String, _ comment: Comment) {
        guard FileManager.default.fileExists(atPath: dir.file(name)) else { return }
        var text = dir.read(name)
        if name.hasSuffix(".gz") {
            var gz = GzipMemoryStream([UInt8](FileManager.default.contents(atPath: dir.file(name)) ?? Data()))
            text = String(decoding: (try? gz.readAll(limit: 1 << 30)) ?? Array("torn gzip".utf8), as: UTF8.self)
        }
        var ids: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            guard let o = try? JSONParser.parse(String(line)).objectValue, let id = o["id"]?.stringValue else {
                Issue.record("torn record in \(name): \(comment)")
                return
            }
            ids.append(id)
        }
        expectEqual(Set(ids).count, ids.count, "a record twice in \(name): \(comment)")
    }

    static func lineCount(_ s: String) -> Int { s.split(separator: "\n").count }

    /// The three outputs' bytes.
    func outputs(_ dir: TemporaryDirectory, _ out: String, main: String = "corpus.jsonl") -> [Data] {
        [main, "corpus.errors.jsonl", "corpus.duplicates.jsonl"].map { FileManager.default.contents(atPath: dir.file("\(out)/\($0)")) ?? Data() }
    }

    /// Copies an output folder (outputs and the hidden state folder) to start another run from it.
    func copyOutputs(_ dir: TemporaryDirectory, from: String, to out: String) throws {
        try FileManager.default.createDirectory(atPath: dir.file(out), withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.file(from)) {
            try FileManager.default.copyItem(atPath: dir.file("\(from)/\(name)"), toPath: dir.file("\(out)/\(name)"))
        }
    }

    /// Kill, check what is visible, run again (several kills in a row when asked), compare.
    func killAndResume(_ dir: TemporaryDirectory, out: String, main: String = "corpus.jsonl", kills: [String], expected: [Data]) throws {
        let cfg = config(dir, output: out, main: main)
        for point in kills {
            let r = try textmill(cfg, killAt: point)
            #expect(r.killed, "the run never reached \(point) (status \(r.status)): \(r.stderr)")
            for name in [main, "corpus.errors.jsonl", "corpus.duplicates.jsonl"] { expectValid(dir, "\(out)/\(name)", "after a kill at \(point)") }
        }
        let finish = try textmill(cfg)
        #expect(!finish.killed && finish.status != 2, "\(finish.stderr)")
        let got = outputs(dir, out, main: main)
        for (k, name) in ["records", "errors", "duplicates"].enumerated() {
            let same = got[k] == expected[k]
            #expect(same, "\(name) after kills at \(kills) differ from an uninterrupted run: \(got[k].count) bytes, not \(expected[k].count)")
        }
        // The manifest it left is right: nothing to do on the next run, nothing lost.
        let again = try textmill(cfg)
        // 1 while the errors file keeps a failed document (the empty file), as after an
        // uninterrupted run: the status reports the outputs as they stand.
        expectEqual(again.status, (expected[1].isEmpty ? 0 : 1), "\(again.stderr)")
        let unchanged = outputs(dir, out, main: main) == expected
        #expect(unchanged, "a run with nothing new changed the outputs after kills at \(kills)")
    }

    @Test func aKillAtAnyPointOfAFullRunResumesToTheSameBytes() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        _ = try textmill(config(dir, output: "reference"))
        let expected = outputs(dir, "reference")
        expectEqual(Self.lineCount(String(decoding: expected[0], as: UTF8.self)), 186)
        let points = KillPoint.all.filter { !KillPoint.appendOnly.contains($0) }
            .map { $0 == "parts-flushed" || $0.hasPrefix("checkpoint") ? $0 + ":3" : $0 }
        for (k, point) in points.enumerated() {
            try killAndResume(dir, out: "full-\(k)", kills: [point], expected: expected)
        }
    }

    /// The journal's last line was torn by a kill; the resumed run appends checkpoints after it and
    /// is killed too; the third run must not lose or repeat what those checkpoints recorded.
    @Test func aTornCheckpointThenAnotherKill() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        _ = try textmill(config(dir, output: "reference"))
        try killAndResume(dir, out: "torn", kills: ["checkpoint-torn:2", "checkpoint-written:3"], expected: outputs(dir, "reference"))
    }

    /// With a .gz output, each input file's records are one gzip member that later runs copy.
    @Test(arguments: ["corpus.jsonl", "corpus.jsonl.gz"])
    func aKillAtAnyPointOfAnIncrementalRunResumesToTheSameBytes(main: String) throws {
        let dir = TemporaryDirectory()
        corpus(dir, texts: 0..<20)
        // The reference: a first run, then new files, a changed file and a deleted file.
        _ = try textmill(config(dir, output: "base", main: main))
        corpus(dir, texts: 20..<36)
        dir.write("in/00/doc-005.txt", "A correction was published.\n\nThe berths reopen on Saturday.\n")
        try FileManager.default.removeItem(atPath: dir.file("in/01/doc-006.txt"))
        func copyBase(to out: String) throws { try copyOutputs(dir, from: "base", to: out) }
        try copyBase(to: "reference")
        let ref = try textmill(config(dir, output: "reference", main: main))
        #expect(!ref.killed && ref.status != 2, "\(ref.stderr)")
        let expected = outputs(dir, "reference", main: main)
        var records = String(decoding: expected[0], as: UTF8.self)
        if main.hasSuffix(".gz") {
            var gz = GzipMemoryStream([UInt8](expected[0]))
            records = String(decoding: try gz.readAll(limit: 1 << 30), as: UTF8.self)
        }
        expectEqual(records.split(separator: "\n").count, 185)
        #expect(!records.contains("\"id\":\"\(dir.file("in/01/doc-006.txt"))\""))
        #expect(records.contains("The berths reopen on Saturday."))
        let points = KillPoint.all.filter { !KillPoint.appendOnly.contains($0) }
            .map { $0 == "parts-flushed" || $0.hasPrefix("checkpoint") ? $0 + ":2" : $0 }
        for (k, point) in points.enumerated() {
            try copyBase(to: "inc-\(k)")
            try killAndResume(dir, out: "inc-\(k)", main: main, kills: [point], expected: expected)
        }
    }

    /// New files only, and the last file deleted: the run appends to the outputs in place (after
    /// cutting the deleted file's records off their end) instead of copying them. A kill at any
    /// point of that leaves valid outputs and resumes to the bytes of an uninterrupted run, which
    /// holds the same records as a run from scratch.
    @Test(arguments: ["corpus.jsonl", "corpus.jsonl.gz"])
    func aKillAtAnyPointOfAnAppendingRunResumesToTheSameBytes(main: String) throws {
        let dir = TemporaryDirectory()
        corpus(dir, texts: 0..<20)
        _ = try textmill(config(dir, output: "base", main: main))
        #expect(dir.read("base/corpus.errors.jsonl").contains("zz-empty.txt"))
        corpus(dir, texts: 20..<36, jsonlAndEmpty: false)
        try FileManager.default.removeItem(atPath: dir.file("in/zz-empty.txt"))
        func copyBase(to out: String) throws { try copyOutputs(dir, from: "base", to: out) }
        try copyBase(to: "reference")
        let ref = try textmill(config(dir, output: "reference", main: main), quiet: false)
        #expect(ref.stderr.contains("16 new, 0 changed, 1 deleted"), "\(ref.stderr)")
        let expected = outputs(dir, "reference", main: main)
        #expect(expected[1].isEmpty, "the deleted file's error was cut off the end")
        // The same records as a run from scratch (in the order of arrival, not of paths).
        _ = try textmill(config(dir, output: "scratch", main: main))
        func lines(_ out: String) -> [Substring] {
            var bytes = [UInt8](FileManager.default.contents(atPath: dir.file("\(out)/\(main)")) ?? Data())
            if main.hasSuffix(".gz") {
                var gz = GzipMemoryStream(bytes)
                bytes = (try? gz.readAll(limit: 1 << 30)) ?? []
            }
            return String(decoding: bytes, as: UTF8.self).split(separator: "\n").sorted()
        }
        expectEqual(lines("reference").count, 186)
        expectEqual(lines("reference"), lines("scratch"))
        let points = KillPoint.appending.map { $0 == "parts-flushed" || $0.hasPrefix("checkpoint") ? $0 + ":2" : $0 }
        for (k, point) in points.enumerated() {
            try copyBase(to: "append-\(k)")
            try killAndResume(dir, out: "append-\(k)", main: main, kills: [point], expected: expected)
        }
    }

    /// Files the killed run finished are changed or deleted before the next run: their old
    /// records must not survive in the resumed output.
    @Test func filesChangedOrDeletedBetweenTheKillAndTheResume() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        let cfg = config(dir, output: "killed")
        #expect(try textmill(cfg, killAt: "checkpoint-written:5").killed)
        let journal = dir.read("killed/.corpus.textmill/journal.jsonl").split(separator: "\n").dropFirst()
        let checkpoints = try journal.map { line in try #require(JSONParser.parse(String(line)).objectValue?["files"]?.arrayValue).compactMap { $0.objectValue?["path"]?.stringValue } }
        try #require(checkpoints.count == 5 && checkpoints.allSatisfy { !$0.isEmpty })
        dir.write(String(checkpoints[2][0].dropFirst(dir.path.count + 1)), "A correction was published.\n\nThe berths reopen on Saturday.\n")
        try FileManager.default.removeItem(atPath: checkpoints[3][0])
        let resumed = try textmill(cfg, quiet: false)
        #expect(resumed.stderr.contains("resuming after \(checkpoints[0].count + checkpoints[1].count) files"), "\(resumed.stderr)")
        _ = try textmill(config(dir, output: "reference"))
        let expected = outputs(dir, "reference")
        #expect(String(decoding: expected[0], as: UTF8.self).contains("The berths reopen on Saturday."))
        let same = outputs(dir, "killed") == expected
        #expect(same, "\(Self.lineCount(dir.read("killed/corpus.jsonl"))) records, not \(Self.lineCount(String(decoding: expected[0], as: UTF8.self)))")
    }
}
