import Foundation
import Testing
@testable import TextMill

/// Each thread the runner makes carries its own name where the system shows threads
/// (`/proc/PID/task/TID/comm`, `top -H`, `perf report -s comm`), so that a profile of a run
/// tells the reader, each worker of each step and the writer apart (issue 17, session 27). They
/// all had the process's name: per-thread CPU time had to be matched to threads by their order
/// of creation.
@Suite struct ThreadNameTests {
    /// Holds what a thread read of its own name.
    final class Seen: @unchecked Sendable {
        var name = ""
    }

    /// The name the calling thread has in the system (Linux: /proc/thread-self/comm).
    static func currentSystemName() -> String {
        let comm = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
        return comm.trimmingCharacters(in: .newlines)
    }

    @Test(arguments: [("textmill-step-1-0", "step-1-0"), ("textmill-reader", "reader"), ("dedup-verify-read", "dedup-verify-re"),
                      ("exec-stderr", "exec-stderr")])
    func aThreadRunsUnderItsShortName(name: String, shown: String) throws {
        let seen = Seen()
        let thread = try #require(JoinableThread.start(name) { seen.name = Self.currentSystemName() })
        thread.join()
        expectEqual(seen.name, shown)
    }

    @Test func aNameIsCutToWholeCharactersWithinFifteenBytes() {
        expectEqual(JoinableThread.systemName("textmill-step-12-345"), "step-12-345")
        expectEqual(JoinableThread.systemName("textmill-step-123456-7890"), "step-123456-789")
        // "é" is two bytes: fifteen would end in the middle of the eighth.
        expectEqual(JoinableThread.systemName("ééééééééé"), "ééééééé")
        expectEqual(JoinableThread.systemName("textmill-"), "")
    }
}
