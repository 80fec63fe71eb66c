import Foundation
import Testing
@testable import TextMill

/// A small stack limit (`ulimit -s 256`, as a cron job or a container may set) and input nested
/// as deep as TextMill reads: a JSONL record's `meta` is parsed and written recursively, and so
/// is a config's YAML. A run's threads have 8 MB of stack whatever the limit, but with `--jobs 1`
/// the work ran on the main thread, whose stack is the limit's: main cbda3d9 ended in SIGSEGV
/// (exit 139, nothing written) on a record whose `meta` nested 498 deep, where a bad document is
/// data, and `textmill validate` did on a config nested 999 deep. Now the command runs on a
/// thread with the stack of the run's threads when the limit is smaller (`StackRoom`), and stops
/// with exit 3, nothing read or written, when no thread can be made.
@Suite(.serialized) struct StackLimitTests {
    /// An object nested `levels` deep: `{"a":{"a":…{"x":1}…}}`.
    static func nested(_ levels: Int) -> String {
        String(repeating: "{\"a\":", count: levels) + "{\"x\":1}" + String(repeating: "}", count: levels)
    }

    /// Three stories around a record whose `meta` nests 498 deep (within the parser's 512 levels:
    /// the record itself the first) and one whose `meta` nests 600 deep (refused, a failed record).
    func corpus(_ dir: TemporaryDirectory) {
        let lines = [
            "{\"id\":\"s1\",\"text\":\"\\\"We will reopen the berth on Friday,\\\" said Ann Lee, the harbour master.\"}",
            "{\"id\":\"deep\",\"text\":\"The council met on Tuesday night.\",\"meta\":\(Self.nested(498))}",
            "{\"id\":\"s2\",\"text\":\"The ferry ran late again on Monday.\"}",
            "{\"id\":\"too-deep\",\"text\":\"A text.\",\"meta\":\(Self.nested(600))}",
            "{\"id\":\"s3\",\"text\":\"Dredging starts next spring, the council said.\"}",
        ]
        dir.write("in/wire.jsonl", lines.joined(separator: "\n") + "\n")
        dir.write("p.yaml", "input: \(dir.file("in"))\nstages: [cleanup, normalize, sentences, quotes, dedup]\n")
    }

    /// `textmill ARGS` under `ulimit -s stack` (KB; none when nil), with `environment` set.
    func textmill(_ arguments: [String], stack: Int?, environment: String = "") throws -> CommandLineTests.Result {
        let limit = stack.map { "ulimit -s \($0) || exit 99; " } ?? ""
        let script = limit + "SWIFT_BACKTRACE=enable=no \(environment) exec \"$0\" \"$@\""
        let (result, killed) = try CommandLineTests.throughShell(script, arguments)
        #expect(!killed, "killed by signal \(result.status): \(result.stderr)")
        return result
    }

    func outputs(_ dir: TemporaryDirectory, _ folder: String) -> [String] {
        ["corpus.jsonl", "corpus.errors.jsonl", "corpus.duplicates.jsonl", "corpus.filtered.jsonl"].map { dir.read("\(folder)/\($0)") }
    }

    /// Under 256 and 128 KB of stack, with `--jobs 1` and with `--jobs 2` whose threads the system
    /// will not make (the run goes on one thread): the records of a run without the limit, the
    /// 498-deep `meta` written whole, the 600-deep one a failed record that says why.
    @Test(arguments: [256, 128]) func deepMetaUnderASmallStackIsData(stack: Int) throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        let p = dir.file("p.yaml")
        expectEqual(try textmill(["run", p, "-o", dir.file("ref/corpus.jsonl"), "--jobs", "1", "-q"], stack: nil).status, 1)
        let one = try textmill(["run", p, "-o", dir.file("one/corpus.jsonl"), "--jobs", "1", "-q"], stack: stack)
        expectEqual(one.status, 1, "\(one.stderr)")
        expectEqual(outputs(dir, "one"), outputs(dir, "ref"))
        let two = try textmill(["run", p, "-o", dir.file("two/corpus.jsonl"), "--jobs", "2", "-q"], stack: stack,
                               environment: "TEXTMILL_FAIL_THREAD=textmill-reader")
        expectEqual(two.status, 1, "\(two.stderr)")
        expectEqual(outputs(dir, "two"), outputs(dir, "ref"))

        expectEqual(try dir.records("ref/corpus.jsonl").compactMap { $0["id"]?.stringValue }, ["s1", "deep", "s2", "s3"])
        let deep = try #require(try dir.records("ref/corpus.jsonl").first { $0["id"]?.stringValue == "deep" })
        var meta = deep["meta"]
        var levels = 0
        while case .object(let o)? = meta, let inner = o["a"] {
            meta = inner
            levels += 1
        }
        expectEqual(levels, 498)
        let errors = try dir.records("ref/corpus.errors.jsonl")
        expectEqual(errors.map { $0["id"]?.stringValue }, [dir.file("in/wire.jsonl") + "#4"], "the line that cannot be read has no id of its own")
        #expect(errors.first?["reason"]?.stringValue?.contains("nested deeper than 512 levels") == true, "\(errors)")
    }

    /// A config nested as deep as libyaml reads (999 levels): `validate` names the bad key under
    /// exit 2, with or without the limit.
    @Test func aDeepConfigUnderASmallStackIsAConfigError() throws {
        let dir = TemporaryDirectory()
        let config = dir.write("deep.yaml", "input: in\nstages: [normalize]\nx: " + String(repeating: "[", count: 999) + String(repeating: "]", count: 999) + "\n")
        for stack in [nil, 256] {
            let r = try textmill(["validate", config], stack: stack)
            expectEqual(r.status, 2, "ulimit -s \(stack.map(String.init) ?? "unlimited"): \(r.stderr)")
            #expect(r.stderr.contains("deep.yaml:3:1: error: unknown key 'x'"), "\(r.stderr)")
        }
    }

    /// When the thread with room cannot be made (`TEXTMILL_FAIL_THREAD=textmill-main`, as under a
    /// `pids.max` limit): exit 3 and what to do, nothing read or written. With a stack as large
    /// as a run's threads', no such thread is needed: the run goes on as ever.
    @Test func noThreadWithRoomStopsBeforeAnythingIsRead() throws {
        let dir = TemporaryDirectory()
        corpus(dir)
        let args = ["run", dir.file("p.yaml"), "-o", dir.file("out/corpus.jsonl"), "--jobs", "1", "-q"]
        let r = try textmill(args, stack: 256, environment: "TEXTMILL_FAIL_THREAD=textmill-main")
        expectEqual(r.status, 3)
        expectEqual(r.stderr, "textmill: cannot start: the stack this process may use is 256 KB (ulimit -s), too little for a deeply nested document, "
            + "and the system made no thread with the 8 MB of stack a run's threads have (a limit on processes: ulimit -u, or the cgroup's pids.max). "
            + "Nothing was read or written; allow more processes, or a larger stack (ulimit -s 8192), and run again.\n")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")), "nothing was written")
        expectEqual(try textmill(args, stack: 8192, environment: "TEXTMILL_FAIL_THREAD=textmill-main").status, 1)
        expectEqual(try dir.records("out/corpus.jsonl").count, 4)
    }

    /// The work runs on another thread only when the main thread's limit is below a run
    /// thread's stack; its result comes back either way.
    @Test func theWorkMovesOnlyWhenTheMainThreadIsShort() {
        let here = pthread_self()
        for (limit, moves) in [(nil, false), (StackRoom.bytes, false), (256 << 10, true)] as [(Int?, Bool)] {
            let ranElsewhere = StackRoom.run(mainLimit: limit) { pthread_equal(pthread_self(), here) == 0 }
            expectEqual(ranElsewhere, moves, "limit \(limit.map(String.init) ?? "none")")
        }
    }
}
