import Foundation
import Testing
@testable import TextMill
@testable import TextMillCLI

/// An option that takes one value, given twice, is a command-line error (exit 2) naming the
/// option and both values: ArgumentParser kept the last one, so `-o a.jsonl -o b.jsonl` wrote
/// b.jsonl under exit 0.
@Suite struct RepeatedOptionsTests {
    let cli = CommandLineTests()

    /// What may repeat still does; a value that looks like an option is the option's value; and
    /// nothing after `--` is an option.
    @Test func repeatableOptionsFlagsAndValuesAreNotRefused() throws {
        expectEqual(RepeatedOptions.refusal(["run", "-i", "a", "--input", "b", "-o", "x.jsonl"]), nil)
        expectEqual(RepeatedOptions.refusal(["run", "--force", "--force", "-q", "--quiet"]), nil)
        expectEqual(RepeatedOptions.refusal(["run", "-i", "-o", "-o", "x.jsonl"]), nil, "the first -o is --input's value")
        expectEqual(RepeatedOptions.refusal(["run", "-o", "--output", "p.yaml"]), nil, "--output is -o's value")
        expectEqual(RepeatedOptions.refusal(["run", "-o", "x.jsonl", "--", "-o"]), nil)
        expectEqual(RepeatedOptions.refusal(["stages", "--json", "--json"]), nil)
        let dir = TemporaryDirectory()
        let config = SideFileBoundTests().corpus(dir)
        let r = try cli.textmill(["run", config, "-q", "-i", dir.file("in"), "-i", dir.file("in/ferry.txt"), "-o", dir.file("x.jsonl")], in: dir.path)
        expectEqual(r.status, 0, "\(r.stderr)")
    }

    @Test func aRunGivenTheOutputTwiceIsRefusedAndWritesNothing() throws {
        let dir = TemporaryDirectory()
        let config = SideFileBoundTests().corpus(dir)
        for args in [["-o", "a.jsonl", "-o", "b.jsonl"], ["--output=a.jsonl", "--output", "b.jsonl"], ["-qo", "a.jsonl", "--output=b.jsonl"]] {
            let r = try cli.textmill(["run", config] + args, in: dir.path)
            expectEqual(r.status, 2, "\(args)")
            expectEqual(r.stderr, "textmill: --output is given twice, 'a.jsonl' and then 'b.jsonl', and takes one value: give it once (nothing was read or written)\n", "\(args)")
            #expect(r.stdout.isEmpty)
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        expectEqual(left, ["in", "p.yaml"], "no output, side file or state folder")
    }

    @Test func everySingleValuedOptionOfEveryCommandIsRefusedTwice() throws {
        let dir = TemporaryDirectory()
        let config = SideFileBoundTests().corpus(dir)
        let cases: [([String], String)] = [
            (["run", config, "--jobs", "1", "-j", "2"], "--jobs is given twice, '1' and then '2'"),
            (["run", config, "--limit", "1", "--limit=2"], "--limit is given twice, '1' and then '2'"),
            (["run", config, "--checkpoint-mb", "1", "--checkpoint-mb", "8"], "--checkpoint-mb is given twice, '1' and then '8'"),
            (["run", config, "--map-side", "--values", "v1", "--values", "v2"], "--values is given twice, 'v1' and then 'v2'"),
            (["run", config, "--map-side", "--records", "r1", "--records", "r2"], "--records is given twice, 'r1' and then 'r2'"),
            (["report", "out/corpus.jsonl", "--out", "a.html", "--out", "b.html"], "--out is given twice, 'a.html' and then 'b.html'"),
            (["report", "out/corpus.jsonl", "--sample", "5", "--sample", "6"], "--sample is given twice, '5' and then '6'"),
            (["explain", "quotes", "in/ferry.txt", "--id", "a", "--id", "b"], "--id is given twice, 'a' and then 'b'"),
            (["explain", "quotes", "in/ferry.txt", "--config", config, "--config", "q.yaml"], "--config is given twice, \(MessageText.quoted(config)) and then 'q.yaml'"),
            (["dedup-verify", config, "--jobs", "1", "--jobs", "2"], "--jobs is given twice, '1' and then '2'"),
        ]
        for (args, message) in cases {
            let r = try cli.textmill(args, in: dir.path)
            expectEqual(r.status, 2, "\(args): \(r.stderr)")
            #expect(r.stderr.hasPrefix("textmill: " + message + ", and takes one value: give it once"), "\(args): \(r.stderr)")
        }
        expectEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["in", "p.yaml"])
    }

    /// The table holds every option that takes a value of every command, as ArgumentParser
    /// defines them: an option added later and left out would be taken twice silently again.
    @Test func theTableHoldsEveryOptionThatTakesAValue() throws {
        for words in [["run"], ["report"], ["explain", "quotes"], ["dedup-verify"], ["stages"], ["validate"]] {
            let command = words[0]
            let r = try cli.textmill(words + ["--experimental-dump-help"])
            expectEqual(r.status, 0, "\(command): \(r.stderr)")
            let info = try JSONParser.parse(r.stdout)
            let arguments = info.objectValue?["command"]?.objectValue?["arguments"]?.arrayValue ?? []
            var defined: [String: Bool] = [:]
            for argument in arguments {
                guard let a = argument.objectValue, a["kind"]?.stringValue == "option" else { continue }
                let names = (a["names"]?.arrayValue ?? []).compactMap { n -> String? in
                    guard let o = n.objectValue, let name = o["name"]?.stringValue else { return nil }
                    return (o["kind"]?.stringValue == "short" ? "-" : "--") + name
                }
                for name in names where !["--help", "-h", "--version"].contains(name) { defined[name] = a["isRepeating"]?.boolValue ?? false }
            }
            let table = (RepeatedOptions.valueOptions[command] ?? [:]).mapValues(\.repeats)
            expectEqual(table, defined, "\(command)")
        }
    }
}
