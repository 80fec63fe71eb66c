import Foundation
import Testing
@testable import TextMill

/// The `textmill` binary as a user runs it: exit statuses 0, 1, 2 and the help.
@Suite struct CommandLineTests {
    /// The `textmill` executable built next to the test bundle.
    static let binary: String = {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var candidates = [dir.appendingPathComponent("textmill").path]
        candidates.append(Repo.path(".build/debug/textmill"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }()

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    /// Runs the built textmill in `cwd` with `environment` added to this process's.
    func textmill(_ args: [String], stdin: String? = nil, in cwd: String = Repo.root, environment: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        // A command that exits before it reads its stdin (a refusal) closes the pipe: writing to
        // it then raised SIGPIPE and killed the whole test process (the suite, under load).
        signal(SIGPIPE, SIG_IGN)
        try p.run()
        if let stdin { try? inp.fileHandleForWriting.write(contentsOf: Data(stdin.utf8)) }
        try inp.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// Runs `/bin/sh -c script` with the built textmill as `$0` and `arguments` as `$1`…, in
    /// `cwd` when given (a shell sets a limit, `ulimit -n`, or spells a byte that is not UTF-8,
    /// `printf '\\xff'`, before it `exec`s the binary); stdout is discarded. `killed` is true
    /// when a signal ended the process (then `status` is the signal's number).
    static func throughShell(_ script: String, _ arguments: [String] = [], in cwd: String? = nil) throws -> (result: Result, killed: Bool) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", script, CommandLineTests.binary] + arguments
        if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (Result(status: p.terminationStatus, stdout: "", stderr: stderr), p.terminationReason != .exit)
    }

    @Test func wrongConfigExitsTwoAndNamesTheLine() throws {
        let dir = TemporaryDirectory()
        let config = dir.write("bad.yaml", "input: input/\noutput: \(dir.file("out.jsonl"))\nstages:\n  - normalize\n  - summarize\n")
        let r = try textmill(["run", config])
        expectEqual(r.status, 2)
        #expect(r.stderr.contains("bad.yaml:5:5: error: unknown stage 'summarize'"))
        #expect(r.stderr.contains("valid stages: "))
        #expect(!FileManager.default.fileExists(atPath: dir.file("out.jsonl")), "nothing is written")
    }

    @Test func unknownFlagExitsTwo() throws {
        let empty = TemporaryDirectory()
        let r = try textmill(["run", "--jbos", "2"], in: empty.path)
        expectEqual(r.status, 2)
        #expect(r.stderr.contains("--jbos"))
    }

    @Test func badDocumentExitsOneAndGoodOnesAreWritten() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", Repo.bytes("input/rfe-kazakh-activists.txt"))
        dir.write("in/empty.txt", [])
        let config = dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize]\n")
        let r = try textmill(["run", config, "--quiet"])
        expectEqual(r.status, 1)
        expectEqual(try dir.records("out/corpus.jsonl").count, 1)
        expectEqual(try dir.records("out/corpus.errors.jsonl").count, 1)
        #expect(r.stderr.isEmpty)
    }

    @Test func stdinToStdout() throws {
        let dir = TemporaryDirectory()
        let config = dir.write("p.yaml", "input: \"-\"\noutput: \"-\"\nstages: [normalize]\n")
        let r = try textmill(["run", config, "--quiet"], stdin: "{\"id\": \"x\", \"text\": \"Hello   world.\\r\\nSecond line.\"}\n", in: dir.path)
        expectEqual(r.status, 0)
        let record = try JSONParser.parse(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        expectEqual(record.objectValue?["id"]?.stringValue, "x")
        expectEqual(record.objectValue?["text"]?.stringValue, "Hello world.\n\nSecond line.")
        // A filter run leaves no empty side files in the working folder.
        #expect(!FileManager.default.fileExists(atPath: dir.file("errors.jsonl")))
        #expect(!FileManager.default.fileExists(atPath: dir.file("duplicates.jsonl")))
    }

    @Test func helpTeachesTheCommands() throws {
        let r = try textmill(["--help"])
        expectEqual(r.status, 0)
        for word in ["run", "stages", "validate", "Exit status", "pipeline/default.yaml"] { #expect(r.stdout.contains(word)) }
        let s = try textmill(["stages"])
        expectEqual(s.status, 0)
        for stage in StageRegistry.builtin.stages {
            #expect(s.stdout.contains("\(stage.name): "))
            for option in stage.options { #expect(s.stdout.contains(option.name)) }
        }
    }

    @Test func validateReadsNoInput() throws {
        let dir = TemporaryDirectory()
        let config = dir.write("p.yaml", "input: \(dir.file("does-not-exist-yet"))\noutput: \(dir.file("o.jsonl"))\nstages: [normalize]\n")
        let r = try textmill(["validate", config])
        expectEqual(r.status, 0)
        #expect(r.stdout.contains("OK"))
    }
}
