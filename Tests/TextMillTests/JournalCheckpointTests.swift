import Foundation
import Testing
@testable import TextMill

/// The journal of a run in progress names each file once, in input order: a checkpoint line
/// holds the files done since the one before (`PartSink` keeps one list of files done and
/// journals its tail). Runs of N and 4N files checkpointed every few files, killed once the
/// commit has begun (every checkpoint written): the journal's bytes grow with the files, as
/// they would not if a checkpoint wrote the files of the ones before it again.
@Suite(.serialized) struct JournalCheckpointTests {
    /// A short wire story, its figures varied so that no two files are alike.
    static func story(_ i: Int) -> String {
        let towns = ["Harbor City", "Millbrook", "Eastport", "Carver Falls", "Lindenau", "Port Annis"]
        let town = towns[i % towns.count]
        return """
        \(town) council approves \(i % 40 + 3) new bus routes

        The council of \(town) voted \(i % 7 + 5) to \(i % 4 + 1) on Tuesday to add bus routes to the northern estates, \
        after a consultation that drew \(200 + i * 13) replies. The first routes start in \(["March", "April", "May"][i % 3]).

        "People have waited long enough," said the transport committee's chair. The routes will cost $\(i % 9 + 2).\(i % 10) million a year.

        """
    }

    /// Runs `sentences` over `n` stories with a checkpoint every few files, killed when the commit
    /// starts; returns the files each checkpoint line names and the journal's size in bytes.
    func journal(files n: Int, jobs: Int) throws -> (checkpoints: [[String]], bytes: Int, inputs: [String]) {
        let dir = TemporaryDirectory()
        var inputs: [String] = []
        for i in 0..<n { inputs.append(dir.write(String(format: "in/story-%04d.txt", i), Self.story(i))) }
        let config = dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [sentences]\n")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        // 0.0015 MB = 1,572 bytes: a checkpoint every fifth story (about 330 bytes each).
        p.arguments = ["run", config, "--jobs", "\(jobs)", "--checkpoint-mb", "0.0015", "--quiet"]
        var env = ProcessInfo.processInfo.environment
        env["TEXTMILL_KILL_AT"] = "commit-next-written"
        p.environment = env
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGKILL, "killed at the commit")
        let text = dir.read("out/.corpus.textmill/journal.jsonl")
        var checkpoints: [[String]] = []
        for line in text.split(separator: "\n").dropFirst() {
            let files = try JSONParser.parse(String(line)).objectValue?["files"]?.arrayValue ?? []
            checkpoints.append(files.compactMap { $0.objectValue?["path"]?.stringValue })
        }
        return (checkpoints, text.utf8.count, inputs)
    }

    @Test(arguments: [1, 2]) func eachFileIsJournaledOnceInOrderAtNAndFourN(jobs: Int) throws {
        let small = try journal(files: 30, jobs: jobs)
        let large = try journal(files: 120, jobs: jobs)
        for run in [small, large] {
            let named = run.checkpoints.flatMap { $0 }
            // The files of every checkpoint, one after another, are the inputs in order (the last
            // few, after the last checkpoint, only in the commit's manifest).
            expectEqual(named, Array(run.inputs.prefix(named.count)), "no file twice, none skipped, in input order")
            #expect(named.count >= run.inputs.count - 4)
            #expect(run.checkpoints.count >= run.inputs.count / 8, "a checkpoint every few files: \(run.checkpoints.map(\.count))")
            #expect(run.checkpoints.allSatisfy { !$0.isEmpty })
        }
        // Four times the files, about four times the journal (its header aside): a checkpoint
        // that wrote every file done so far again would make it grow with the square.
        let ratio = Double(large.bytes) / Double(small.bytes)
        #expect(ratio > 3 && ratio < 5, "journal \(small.bytes) -> \(large.bytes) bytes")
    }
}
