import Foundation
import Testing
@testable import TextMill

/// An `exec` plugin starts with stdin, stdout and stderr open and nothing else: a descriptor
/// TextMill's parent left open without close-on-exec (seen: a test runner's socket, held by a hung
/// test's plugin) does not reach it.
@Suite struct PluginDescriptorTests {
    static let script = Repo.path("Tests/TextMillTests/Fixtures/plugins/open_fds.py")

    /// A descriptor open in this process without close-on-exec, as a parent would leave one,
    /// for the time of `body`.
    func withInheritableDescriptor<T>(_ body: (Int32) throws -> T) throws -> T {
        let fd = open("/dev/null", O_RDONLY)
        try #require(fd >= 0, "cannot open /dev/null: \(String(cString: strerror(errno)))")
        defer { close(fd) }
        try #require(fcntl(fd, F_GETFD) & FD_CLOEXEC == 0)
        return try body(fd)
    }

    /// Through a run (stderr to the plugin's log), with two threads' copies of the plugin.
    @Test func aPluginInARunSeesOnlyItsStandardDescriptors() throws {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts(count: 4)
        try withInheritableDescriptor { fd in
            _ = try runPipeline("""
                input: \(dir.file("in"))
                output: \(dir.file("out/corpus.jsonl"))
                stages:
                  - exec: {command: [python3, '\(Self.script)']}
                """, in: dir, jobs: 2)
            let records = try dir.records("out/corpus.jsonl")
            expectEqual(records.count, 4)
            for r in records {
                expectEqual(r["fds"], JSONValue.array([0, 1, 2].map { JSONValue($0) }), "descriptor \(fd) was inherited? \(String(describing: r["fds"]))")
            }
        }
    }

    /// Started alone with stderr inherited (as when the output is stdout): the same.
    @Test func aPluginWithInheritedStderrSeesOnlyItsStandardDescriptors() throws {
        try withInheritableDescriptor { _ in
            let child = try ChildProcess(command: ["python3", Self.script], environment: [:], log: nil)
            defer { child.stop(grace: 5) }
            let answer = try child.exchange(Array("{\"id\":\"a\",\"text\":\"x\"}\n".utf8), timeout: 20)
            expectEqual(try JSONParser.parse(answer).objectValue?["fds"], JSONValue.array([0, 1, 2].map { JSONValue($0) }))
        }
    }
}
