import Foundation
import Testing
@testable import TextMill

/// Answers in Unicode as programs write it. A plugin's answer holding a lone UTF-16 surrogate
/// escape (`"\ud83d"`: half of an emoji, as JavaScript's `text.slice(0, n)` leaves it and
/// `JSON.stringify` writes it) fails its document, naming the field, as a JSONL input line
/// holding one fails, and as an answer of invalid UTF-8 fails. Before, the escape became U+FFFD
/// in silence, under exit 0: the record said what the plugin had not. A byte-order mark before an
/// answer (.NET's and PowerShell's UTF-8 writers put one before a program's first line) is
/// skipped, as at the start of a JSONL input file; it made every document fail as "not JSON",
/// each on a new copy that wrote the mark again.
@Suite struct PluginAnswerUnicodeTests {
    static let ferry = "The ferry \u{1F6A2} to Gull Island ran two hours late on Monday, the harbor office said.\n"
    static let pier = "The council voted to repair the old pier before the storm season.\n"

    /// Runs both texts through `hostile.py MODE '' SIZE` with the command line (one thread).
    func run(_ mode: String = "utf16-cut", cut: Int = 0) throws -> (status: Int32, records: [JSONObject], errors: [JSONObject], stats: JSONObject?) {
        let dir = TemporaryDirectory()
        dir.write("in/ferry.txt", Array(Self.ferry.utf8))
        dir.write("in/pier.txt", Array(Self.pier.utf8))
        let config = dir.write("p.yaml", """
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - exec: {command: [python3, '\(ExecBoundsTests.script)', \(mode), '', '\(cut)'], timeout: 60}
            """)
        let r = try CommandLineTests().textmill(["run", config, "--quiet", "--jobs", "1"])
        let stats = try? JSONParser.parse(dir.read("out/corpus.stats.json")).objectValue
        return (r.status, try dir.records("out/corpus.jsonl"), try dir.records("out/corpus.errors.jsonl"), stats)
    }

    /// The counter of the exec stage in the stats file (nil when it never counted).
    func counter(_ stats: JSONObject?, _ name: String) -> Int? {
        stats?["stages"]?.arrayValue?.first?.objectValue?["counts"]?.objectValue?[name]?.intValue
    }

    func name(_ record: JSONObject) -> String { ((record["id"]?.stringValue ?? "") as NSString).lastPathComponent }

    /// "The ferry " is 10 UTF-16 units, the ship two more: a cut at 11 leaves its high half.
    @Test func aLoneSurrogateInAnAnswerFailsItsDocumentNamingTheField() throws {
        let r = try run(cut: 11)
        expectEqual(r.records.map { "\(name($0)) \($0["summary"]?.stringValue ?? "-")" }, ["pier.txt The council"])
        expectEqual(r.errors.map { "\(name($0)) \($0["stage"]?.stringValue ?? "-"): \($0["reason"]?.stringValue ?? "-")" }, [
            "ferry.txt exec: the plugin's answer holds a lone UTF-16 surrogate escape (such as \\ud800) in \"summary\", which is no character: "
                + "read as U+FFFD the record would not say what the plugin wrote; answer in valid Unicode (a surrogate pair such as "
                + "\\ud83d\\udea2 is one character: cut text at characters, not at UTF-16 units)",
        ])
        expectEqual(r.status, 1)
        // The plugin is in step: the next document went to the same copy.
        expectEqual(counter(r.stats, "plugin_restarts"), nil)
    }

    /// A cut after the whole ship keeps both halves: one character, written as UTF-8.
    @Test func aSurrogatePairInAnAnswerIsOneCharacter() throws {
        let r = try run(cut: 12)
        expectEqual(r.records.map { "\(name($0)) \($0["summary"]?.stringValue ?? "-")" },
                    ["ferry.txt The ferry \u{1F6A2}", "pier.txt The council "])
        #expect(r.errors.isEmpty)
        expectEqual(r.status, 0)
    }

    /// A mark before the first answer: every document is written, by one copy of the plugin.
    @Test func aByteOrderMarkBeforeAnAnswerIsSkipped() throws {
        let r = try run("bom")
        expectEqual(r.records.map { "\(name($0)) \($0["seen"]?.jsonText ?? "-")" }, ["ferry.txt true", "pier.txt true"])
        #expect(r.errors.isEmpty)
        expectEqual(r.status, 0)
        expectEqual(counter(r.stats, "plugin_restarts"), nil)
    }
}
