import Foundation
import Testing
@testable import TextMill

/// TextMill started with its standard input, output and error closed (`<&- >&- 2>&-`, a daemon
/// that closed them): startup opens `/dev/null` on each (`StandardDescriptors`). Left closed,
/// the first files the run opened took descriptors 0–2: the part of the errors file was
/// descriptor 2, so `--progress` wrote its lines into `corpus.errors.jsonl` (not JSONL any more),
/// and the run then died of SIGILL (exit status 132) writing its summary.
@Suite struct ClosedStandardDescriptorsTests {
    @Test func aRunStartedWithoutStandardDescriptorsWritesOnlyRecords() throws {
        let dir = TemporaryDirectory()
        for i in 1...40 {
            dir.write("in/story-\(i).txt", "Story \(i)\n\nThe council of Harbor City voted on Tuesday night to repair \(i) bridges, the mayor said.\n")
        }
        dir.write("in/empty.txt", "")
        // An exec plugin that answers each record with itself, through its own pipes.
        dir.write("p.yaml", "input: in\noutput: out/corpus.jsonl\nstages: [normalize, {exec: {command: [sh, -c, exec cat]}}]\n")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "exec \"$0\" \"$@\" <&- >&- 2>&-", CommandLineTests.binary, "run", "p.yaml", "--progress", "--jobs", "2"]
        p.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        try p.run()
        p.waitUntilExit()
        expectEqual(p.terminationStatus, 1) // the empty file
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.map { $0["id"]?.stringValue }, ["in/empty.txt"])
        #expect(dir.read("out/corpus.errors.jsonl").hasPrefix("{\"id\":\"in/empty.txt\""))
        expectEqual(try dir.records("out/corpus.jsonl").count, 40)
        #expect(dir.read("out/corpus.duplicates.jsonl").isEmpty && dir.read("out/corpus.filtered.jsonl").isEmpty)
    }
}
