import Foundation
import Testing
@testable import TextMill

/// The environment variables textmill reads (its test hooks, `TEXTMILL_BUILD_ID`), each given a
/// hostile value: the run neither crashes nor changes its records. `TEXTMILL_FAIL_WRITE=":"`
/// crashed every run (SIGILL, exit 132: an index out of range on an item with no name).
struct TestHookEnvironmentTests {
    @Test(arguments: [
        ["TEXTMILL_KILL_AT": ":"], ["TEXTMILL_FAIL_WRITE": ":"], ["TEXTMILL_FAIL_SYNC": ":3,,:"],
        ["TEXTMILL_FAIL_THREAD": ",:"], ["TEXTMILL_KILL_AT": ":checkpoint-written"],
        ["TEXTMILL_PLUGIN_REGISTRATION_PAUSE_MS": "99999999999999999999"],
        ["TEXTMILL_BUILD_ID": "\u{1B}]0;owned\u{07}"], ["TEXTMILL_BUILD_ID": ""],
    ])
    func aHostileValueChangesNothing(environment: [String: String]) throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "Harbor City opened its new ferry terminal on Monday, the mayor said.\n")
        dir.write("in/b.txt", "\"We waited long enough,\" said Ana Ruiz, a ferry pilot.\n")
        dir.write("p.yaml", "input: in\noutput: unused.jsonl\nstages: [normalize, sentences, quotes]\n")
        let plain = try CommandLineTests().textmill(["run", "p.yaml", "-o", "plain/c.jsonl", "-q"], in: dir.path)
        expectEqual(plain.status, 0)
        let r = try CommandLineTests().textmill(["run", "p.yaml", "-o", "hostile/c.jsonl", "-q"], in: dir.path, environment: environment)
        expectEqual(r.status, 0, "\(environment): \(r.stderr.prefix(500))")
        expectEqual(dir.read("hostile/c.jsonl"), dir.read("plain/c.jsonl"))
        #expect(!dir.read("hostile/c.jsonl").isEmpty)
    }
}
