import Foundation
import Testing
@testable import TextMill

/// Paths and helpers shared by the tests.
enum Repo {
    /// The repository's top folder (tests run from anywhere).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func path(_ relative: String) -> String { root + "/" + relative }

    static func bytes(_ relative: String) -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: path(relative)) ?? Data())
    }

    static func text(_ relative: String) -> String { String(decoding: bytes(relative), as: UTF8.self) }

    /// The five real news captures of the sample corpus.
    static let sampleTexts = [
        "input/rfe-kazakh-activists.txt", "input/kazakhstan-after-the-uprising.txt", "input/npr-kazakhstan-stories.txt",
        "input/rfe-chinese-envoy-undiplomatic.txt", "input/wikipedia-china-kazakhstan-relations.txt",
    ]
}

/// A scratch folder removed when the value goes away.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "textmill-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let p = file(name)
        try? FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: p, contents: Data(bytes))
        return p
    }

    @discardableResult
    func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }

    /// Copies the sample captures (`Repo.sampleTexts`, the first `count`) into `folder` under
    /// their own names.
    func writeSampleTexts(into folder: String = "in", count: Int = Int.max) {
        for p in Repo.sampleTexts.prefix(count) { write(folder + "/" + (p as NSString).lastPathComponent, Repo.bytes(p)) }
    }

    func read(_ name: String) -> String { String(decoding: FileManager.default.contents(atPath: file(name)) ?? Data(), as: UTF8.self) }

    /// The JSON objects of a JSONL file.
    func records(_ name: String) throws -> [JSONObject] {
        try read(name).split(separator: "\n").map { line in
            guard case .object(let o) = try JSONParser.parse(String(line)) else { throw DocumentError("not an object") }
            return o
        }
    }
}

/// Writes `text` into the file whose path is these bytes (a name that is not UTF-8).
func writeFile(atBytes path: [UInt8], _ text: String) {
    let fd = (path + [0]).withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
    precondition(fd >= 0)
    _ = Array(text.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
}

/// Runs a config given as YAML text, with the runner's real code.
func runPipeline(_ yaml: String, in dir: TemporaryDirectory, jobs: Int = 2, registry: StageRegistry = .builtin) throws -> RunSummary {
    let config = try ConfigLoader(registry: registry).parse(yaml, path: dir.file("pipeline.yaml"))
    return try Runner(config: config, options: RunOptions(jobs: jobs)).run()
}

/// `#expect(actual == expected)` as a function, for the test module's compile time: every
/// `#expect` is a macro expanded and type-checked where it is written, this one once, here, and a
/// call of it costs what any function call costs (written this way, 2,260 comparisons took the
/// module's compile from 360 to 245 CPU seconds). A failure still shows both values
/// ("(actual → 2) == (expected → 1)"), the comment, and the caller's file and line.
func expectEqual<T: Equatable>(_ actual: T, _ expected: T, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual == expected, comment, sourceLocation: sourceLocation)
}

/// The source of a Python `exec` plugin that runs the statement `change` on each `record` before
/// it answers with it (several suites' plugin fixture).
func pluginEditingEachRecord(_ change: String) -> String {
    """
    import json, sys
    for line in sys.stdin:
        record = json.loads(line)
        \(change)
        sys.stdout.write(json.dumps(record) + "\\n")
        sys.stdout.flush()

    """
}

extension Tag {
    /// Stress tests that take seconds (work at N and 4N, large inputs), as STYLE.md asks.
    @Tag static var slow: Self
}
