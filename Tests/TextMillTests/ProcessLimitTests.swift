import Foundation
import Testing
@testable import TextMill

/// A limit of the process met while the run reads an input or starts a plugin (`ulimit -n`:
/// EMFILE) stops the run as a write error does: exit 3, a message that names the limit, the
/// previous outputs byte for byte, and the next run, the limit raised, ends with the records of an
/// uninterrupted run. Taken as each document's failure, it filled the errors file under exit 1
/// (`ulimit -n 16` with an exec stage: 60 of 60 documents "cannot create pipes for the plugin:
/// Too many open files"; `ulimit -n 12` without: 60 of 60 "cannot open 'in/doc1.txt': Too many
/// open files"), and the next run without the limit kept every failure, as the files were
/// unchanged: an empty corpus until `--force`.
@Suite(.serialized) struct ProcessLimitTests {
    func corpus(_ dir: TemporaryDirectory, _ stories: Range<Int>) {
        for i in stories {
            dir.write(String(format: "in/story-%03d.txt", i),
                      "Berth \(i) reopens.\n\n\"We will reopen berth \(i) on Friday,\" said Ann Lee, the harbour master. The council agreed after a debate about dredging.\n")
        }
    }

    /// A config whose stages are `normalize` and `dedup`, and with `plugin` an exec stage (`cat`
    /// answers each record with itself).
    func config(_ dir: TemporaryDirectory, output: String, plugin: Bool) -> String {
        let stages = plugin ? "[normalize, dedup, {exec: {command: [cat]}}]" : "[normalize, dedup]"
        return dir.write("p-\(output).yaml", "input: \(dir.file("in"))\noutput: \(dir.file(output))/corpus.jsonl\nstages: \(stages)\n")
    }

    /// Runs the binary under `ulimit -n openFiles` (none when nil).
    func textmill(_ config: String, openFiles: Int? = nil) throws -> CommandLineTests.Result {
        let limit = openFiles.map { "ulimit -n \($0) && " } ?? ""
        let (result, killed) = try CommandLineTests.throughShell(limit + "exec \"$0\" run \"$1\" --jobs 2 --quiet", [config])
        #expect(!killed, "killed by signal \(result.status): \(result.stderr)")
        return result
    }

    func outputs(_ dir: TemporaryDirectory, _ folder: String) -> [Data?] {
        ["corpus.jsonl", "corpus.errors.jsonl", "corpus.duplicates.jsonl", "corpus.filtered.jsonl"].map { FileManager.default.contents(atPath: dir.file("\(folder)/\($0)")) }
    }

    /// From a limit too low to start with upwards: each run either completes (exit 0, the records
    /// of an uninterrupted run) or stops with exit 3, the previous outputs untouched, never exit 1
    /// with the limit's failures in the errors file; the reader's open (or the plugin's pipes)
    /// is among the stops, with its message whole up to the limit's number.
    @Test(arguments: [false, true]) func anOpenFileLimitStopsTheRunInsteadOfFailingTheDocuments(plugin: Bool) throws {
        let dir = TemporaryDirectory()
        corpus(dir, 0..<5)
        let out = config(dir, output: "out", plugin: plugin), ref = config(dir, output: "ref", plugin: plugin)
        for c in [out, ref] { expectEqual(try textmill(c).status, 0) }
        corpus(dir, 5..<40)
        expectEqual(try textmill(ref).status, 0)
        let previous = outputs(dir, "out")
        let stop = plugin ? "textmill: the run stopped: cannot create pipes for the plugin: Too many open files, "
                          : "textmill: the run stopped: cannot open '\(dir.file("in/story-"))"
        var stopsHere = 0
        var completedAt: Int?
        for n in 6...64 {
            let r = try textmill(out, openFiles: n)
            #expect([0, 3].contains(r.status), "ulimit -n \(n): exit \(r.status): \(r.stderr)")
            // Committed: exit 0, or 3 for a stats file the limit kept from being written after.
            if r.status == 0 || r.stderr.contains("the records are written, but") {
                expectEqual(outputs(dir, "out"), outputs(dir, "ref"), "ulimit -n \(n): not the records of an uninterrupted run")
                completedAt = n
                break
            }
            expectEqual(outputs(dir, "out"), previous, "ulimit -n \(n): the previous outputs changed: \(r.stderr)")
            #expect(r.stderr.contains("Too many open files") && r.stderr.contains("ulimit -n"), "ulimit -n \(n): \(r.stderr)")
            if r.stderr.hasPrefix(stop) {
                stopsHere += 1
                let tail = "a limit of the process or the system, not a fault of the document. The previous outputs are intact; allow the process more open files (ulimit -n, now \(n); a few hundred is plenty) and run again: the next run finishes the work.\n"
                #expect(r.stderr.hasSuffix(tail), "ulimit -n \(n): \(r.stderr)")
            }
        }
        #expect(completedAt != nil, "no limit up to 64 let the run complete")
        #expect(stopsHere > 0, "no limit stopped the run at \(plugin ? "the plugin's pipes" : "the reader's open")")
        expectEqual(try textmill(out).status, 0)
        expectEqual(outputs(dir, "out"), outputs(dir, "ref"), "not the records of an uninterrupted run")
    }

    /// The message of each limit, whole: what to change, and the limit as it stands.
    @Test func theMessageNamesTheLimitToRaise() throws {
        let open = try #require(ProcessLimitError(action: "open 'in/a.txt'", code: EMFILE))
        var limit = rlimit()
        _ = getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        expectEqual(open.runMessage(toStandardOutput: false),
                    "the run stopped: cannot open 'in/a.txt': Too many open files, a limit of the process or the system, not a fault of the document. The previous outputs are intact; allow the process more open files (ulimit -n, now \(limit.rlim_cur); a few hundred is plenty) and run again: the next run finishes the work.")
        let spawn = try #require(ProcessLimitError(action: "start 'python3'", code: EAGAIN))
        expectEqual(spawn.runMessage(toStandardOutput: true),
                    "the run stopped: cannot start 'python3': Resource temporarily unavailable, a limit of the process or the system, not a fault of the document. What reached stdout is cut short (its last line may be part of a record); allow more processes (ulimit -u, or the cgroup's pids.max) and run again: a run to stdout keeps no state, so it starts over.")
        #expect(ProcessLimitError(action: "open 'in/a.txt'", code: EACCES) == nil, "a file's own failure is no limit of the process")
    }
}
