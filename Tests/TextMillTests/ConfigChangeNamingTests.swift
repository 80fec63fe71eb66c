import Foundation
import Testing
@testable import TextMill

/// The notice of a changed config names what changed, files included: a file an option names
/// that appeared since the last run (a word list a plugin's arguments name, made since) or went
/// away. Until session 37 only a file there both times was named ("'words.txt' changed"); one
/// that appeared made the notice say only "the config changed since the last run: reprocessing
/// every file".
@Suite struct ConfigChangeNamingTests {
    static func exec(files: [(String, String)], command: [String] = ["sh", "-c", "cat", "words.txt"]) -> ConfigFingerprint {
        let options = JSONObject([("command", .array(command.map { .string($0) }))])
        return ConfigFingerprint(version: "v", maxDocumentBytes: 1, stages: [.init(name: "exec", line: 4, options: options, files: files.map { (path: $0.0, sha256: $0.1) })])
    }

    @Test func aFileThatAppearedOrWentIsNamed() {
        let without = Self.exec(files: [])
        let with = Self.exec(files: [("words.txt", "ab12")])
        expectEqual(with.changes(since: without), ["stage 'exec' (line 4): 'words.txt' appeared"])
        expectEqual(without.changes(since: with), ["stage 'exec' (line 4): 'words.txt' is gone"])
        expectEqual(Self.exec(files: [("words.txt", "cd34")]).changes(since: with), ["stage 'exec' (line 4): 'words.txt' changed"])
    }

    /// A file that comes or goes with an option's new value is the option's change, named once.
    @Test func aFileOfANewOptionValueIsTheOptionsChange() {
        let old = Self.exec(files: [("words.txt", "ab12")])
        let new = Self.exec(files: [("names.txt", "cd34")], command: ["sh", "-c", "cat", "names.txt"])
        expectEqual(new.changes(since: old), ["stage 'exec' (line 4): option command changed"])
    }

    /// A run's notice, when the file appears between two runs.
    @Test func theRunNamesAFileThatAppeared() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "The ferry left at noon.\n")
        dir.write("p.yaml", "input: in\noutput: out/corpus.jsonl\nstages:\n  - exec: {command: [sh, -c, cat, words.txt]}\n")
        expectEqual(try CommandLineTests().textmill(["run", "p.yaml", "-q"], in: dir.path).status, 0)
        dir.write("words.txt", "harbour\n")
        let again = try CommandLineTests().textmill(["run", "p.yaml"], in: dir.path)
        expectEqual(again.status, 0, "\(again.stderr)")
        #expect(again.stderr.hasPrefix("textmill: the config changed since the last run (stage 'exec' (line 4): 'words.txt' appeared): reprocessing every file\n"),
                "\(again.stderr)")
    }
}
