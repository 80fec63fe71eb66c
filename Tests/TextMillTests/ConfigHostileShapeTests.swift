import Foundation
import Testing
@testable import TextMill

/// Configs shaped to cost time or memory out of proportion to what they say: a map key that is
/// an alias of nested aliases of lists ("billion laughs": Yams hashed every key whole to find
/// duplicates, aliases expanded, and the cost grew tenfold a level: 539 bytes took 30 CPU
/// seconds, one of 600 bytes hours), and a config file of many megabytes (100 MB of YAML took
/// 808 MB and 35 s to be refused). Each is refused at once with exit status 2.
@Suite struct ConfigHostileShapeTests {
    /// A config whose last key is the alias `*a<depth>`: `a0` a list of ten words, each `aN` a
    /// list of ten aliases of `a(N-1)`, so the key stands for 10^(depth+1) words.
    static func aliasBomb(depth: Int) -> String {
        var lines = ["input: in/", "output: out/corpus.jsonl", "stages:", "  - sentences",
                     "junk0: &a0 [" + Array(repeating: "lol", count: 10).joined(separator: ", ") + "]"]
        for level in 1...depth {
            lines.append("junk\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        lines.append("? *a\(depth)")
        lines.append(": 1")
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func anAliasOfNestedListsAsAKeyIsRefusedWithoutExpandingIt() throws {
        // 10^10 words behind one key: before, this did not finish (depth 7 took 30 CPU seconds).
        let yaml = Self.aliasBomb(depth: 9)
        do {
            _ = try ConfigLoader().parse(yaml, path: "bomb.yaml")
            Issue.record("the config was taken")
        } catch {
            expectEqual(error.diagnostics.map(\.description), ["""
                bomb.yaml:15:3: error: a key here is the alias *a9 of a list: a config's keys are words (input, output, stages, stage and option names)
                  ? *a9
                    ^
                  write a word before the colon, and the list or map after it, e.g. - dedup: {threshold: 0.8}
                """])
        }
        let dir = TemporaryDirectory()
        dir.write("bomb.yaml", yaml)
        let r = try CommandLineTests().textmill(["validate", "bomb.yaml"], in: dir.path)
        expectEqual(r.status, 2)
        #expect(r.stderr.contains("bomb.yaml:15:3: error: a key here is the alias *a9 of a list"), "stderr was: \(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func keysThatAreListsOrMapsAreFoundWhereverTheyStand() {
        expectEqual(YAMLKeyScan.firstComplexKey(in: "stages:\n  - normalize: {[form]: NFC}\n"),
                    YAMLKeyScan.ComplexKey(line: 2, column: 17, kind: "a list", alias: nil))
        expectEqual(YAMLKeyScan.firstComplexKey(in: "x: &m {a: 1}\nstages:\n  - exec: {env: {*m : 2}}\n"),
                    YAMLKeyScan.ComplexKey(line: 3, column: 18, kind: "a map", alias: "m"))
        // A value that is a list, an alias of a scalar as a key, and a list in a list are no keys.
        expectEqual(YAMLKeyScan.firstComplexKey(in: "input: [a, b]\nk: &w form\nstages:\n  - normalize: {*w : NFC}\n  - [[x]]\n"), nil)
        // Text that is not YAML is left to the parser, which says where it stops.
        expectEqual(YAMLKeyScan.firstComplexKey(in: "input: [a, b\n"), nil)
        expectEqual(YAMLKeyScan.firstComplexKey(in: ""), nil)
    }

    @Test func anAliasOfAScalarStillNamesAnOption() throws {
        let config = try ConfigLoader().parse("input: &w in/\noutput: out.jsonl\nstages:\n  - normalize: {&f form: NFKC}\n  - dedup: {action: mark}\n",
                                              path: "p.yaml")
        expectEqual(config.inputs, ["in/"])
        expectEqual(config.stages.first?.options.string("form"), "NFKC")
    }

    @Test func aConfigOverSixteenMegabytesIsRefusedUnparsed() throws {
        let dir = TemporaryDirectory()
        let head = "input: in/\noutput: out/corpus.jsonl\nstages:\n  - sentences\n# "
        let path = dir.write("big.yaml", Array(head.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: ConfigLoader.maxConfigBytes) + [0x0A])
        do {
            _ = try ConfigLoader().load(path: path)
            Issue.record("a 16 MB config was read")
        } catch {
            expectEqual(error.diagnostics.map(\.description), ["""
                \(path): error: the config file is 16.1 MB, above the 16 MB a config may be (a pipeline is a few KB)
                  check that this is the config you meant; a longer list belongs in a file an option names (quotes' lexicon_files)
                """])
        }
        let r = try CommandLineTests().textmill(["validate", "big.yaml"], in: dir.path)
        expectEqual(r.status, 2)
        #expect(r.stderr.contains("big.yaml: error: the config file is 16.1 MB, above the 16 MB a config may be"), "stderr was: \(r.stderr)")
        // One byte under the bound is read and checked as any config is.
        let fits = dir.write("fits.yaml", Array(head.utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: ConfigLoader.maxConfigBytes - head.utf8.count - 1) + [0x0A])
        expectEqual(try ConfigLoader().load(path: fits).stages.map(\.name), ["sentences"])
    }
}
