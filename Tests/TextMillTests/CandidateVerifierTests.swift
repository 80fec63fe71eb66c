import Foundation
import Testing
@testable import TextMill

/// `textmill dedup-verify`, the verification half of the Spark job's dedup: candidate groups in,
/// the decisions `textmill run` makes out.
@Suite struct CandidateVerifierTests {
    let cli = CommandLineTests()

    /// A text with `count` words replaced, from word `from` on, every 40th word.
    func edited(_ text: String, count: Int, from: Int) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for k in 0..<count { words[from + 40 * k] = "replaced\(k)" }
        return words.joined(separator: " ")
    }

    /// Five documents: an article, two near copies of it, another article and a near copy of that.
    func corpus(_ dir: TemporaryDirectory) -> String {
        let a = Repo.text("input/rfe-kazakh-activists.txt")
        let c = Repo.text("input/kazakhstan-after-the-uprising.txt")
        let texts = [("a", a), ("b", edited(a, count: 3, from: 10)), ("c", c), ("d", edited(a, count: 12, from: 7)),
                     ("e", edited(c, count: 2, from: 20))]
        let lines = texts.map { JSONValue.object(JSONObject([("id", .string($0.0)), ("text", .string($0.1))])).jsonText }
        return dir.write("docs.jsonl", lines.joined(separator: "\n") + "\n")
    }

    /// The group lines the Spark job writes for the documents of `docs.jsonl` (one group): the
    /// map side's keys, the id and the text; with `values`, the keys carry the 64-bit shingle
    /// hashes instead of the line carrying the text.
    func groupLines(_ dir: TemporaryDirectory, _ cfg: String, _ docs: String, group: Int = 7, first: Int = 0,
                    values: Bool = false, text: (String) -> String = { $0 }) throws -> String {
        let framed = String(decoding: FileManager.default.contents(atPath: docs) ?? Data(), as: UTF8.self).split(separator: "\n").enumerated().map { "docs.jsonl\t\($0.offset + 1)\t\($0.element)\n" }.joined()
        let map = try cli.textmill(["run", cfg, "--map-side", "--quiet"], stdin: framed)
        #expect(map.status == 0)
        var fingerprinter = Fingerprinter()
        return try map.stdout.split(separator: "\n").enumerated().map { k, line in
            let f = line.split(separator: "\t", maxSplits: 3).map(String.init)
            let record = try #require(JSONParser.parse(f[3]).objectValue)
            let id = try #require(record["id"]?.stringValue)
            let body = try #require(record["text"]?.stringValue)
            if values {
                let keys = DedupKeys(fingerprinter.fingerprint(Array(body.utf8)), verification: .exact, hasher: fingerprinter.minHasher)
                return "\(group)\t\(first + k)\t\(String(decoding: keys.token, as: UTF8.self))\t\"\(id)\"\n"
            }
            return "\(group)\t\(first + k)\t\(f[2])\t\"\(id)\"\t\(JSONValue.string(text(body)).jsonText)\n"
        }.joined()
    }

    @Test func decidesAGroupAsTextmillRun() throws {
        let dir = TemporaryDirectory()
        let cfg = dir.write("p.yaml", "stages: [cleanup, dedup: {boilerplate: false, threshold: 0.8}]\n")
        let docs = corpus(dir)
        let run = try cli.textmill(["run", cfg, "--input", docs, "--output", dir.file("out/corpus.jsonl"), "--quiet"])
        #expect(run.status == 0)
        let single = try dir.records("out/corpus.duplicates.jsonl").map { r -> String in
            let d = try #require(r["duplicate"]?.objectValue)
            return "\(r["id"]?.stringValue ?? "") \(d["kind"]?.stringValue ?? "") \(d["of"]?.stringValue ?? "") \(d["similarity"]?.doubleValue ?? 0)"
        }
        #expect(single == ["b near a 0.9846", "d near a 0.9444", "e near c 0.9972"])

        let verified = try cli.textmill(["dedup-verify", cfg], stdin: try groupLines(dir, cfg, docs))
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout == """
            0\t-
            1\tnear\t0\t0.9846244825547014\t"a"
            2\t-
            3\tnear\t0\t0.944380069524913\t"a"
            4\tnear\t2\t0.9972295331763402\t"c"

            """)
    }

    @Test func decidesTheSameFromVerificationValuesAsFromText() throws {
        let dir = TemporaryDirectory()
        let cfg = dir.write("p.yaml", "stages: [cleanup, dedup: {boilerplate: false, threshold: 0.8}]\n")
        let docs = corpus(dir)
        let fromText = try cli.textmill(["dedup-verify", cfg], stdin: try groupLines(dir, cfg, docs))
        let fromValues = try cli.textmill(["dedup-verify", cfg], stdin: try groupLines(dir, cfg, docs, values: true))
        #expect(fromText.status == 0 && fromValues.status == 0, "\(fromText.stderr) \(fromValues.stderr)")
        #expect(fromValues.stdout == fromText.stdout)
        #expect(fromText.stdout.split(separator: "\n").filter { $0.contains("near") }.count == 3)
    }

    @Test func refusesATextThatDoesNotGiveItsKeys() throws {
        let dir = TemporaryDirectory()
        let cfg = dir.write("p.yaml", "stages: [dedup: {boilerplate: false}]\n")
        let docs = corpus(dir)
        // A text with a word more than the one the map side fingerprinted.
        let changed = try groupLines(dir, cfg, docs) { $0 + " extra" }
        let r = try cli.textmill(["dedup-verify", cfg], stdin: changed)
        #expect(r.status == 2)
        #expect(r.stderr.contains("line 1: the text does not give the document's keys"))
        let noText = try groupLines(dir, cfg, docs).split(separator: "\n").prefix(1).map { $0.split(separator: "\t").prefix(4).joined(separator: "\t") + "\n" }.joined()
        let missing = try cli.textmill(["dedup-verify", cfg], stdin: noText)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("line 1 is not GROUP<TAB>POS<TAB>KEYS<TAB>ID<TAB>TEXT"))
    }

    @Test func aNewGroupStartsANewIndex() throws {
        let dir = TemporaryDirectory()
        let cfg = dir.write("p.yaml", "stages: [dedup: {boilerplate: false, threshold: 0.8, bucket_limit: 1}]\n")
        let docs = corpus(dir)
        let lines = try groupLines(dir, cfg, docs, group: 1) + groupLines(dir, cfg, docs, group: 2, first: 10)
        let verified = try cli.textmill(["dedup-verify", cfg], stdin: lines)
        #expect(verified.status == 0, "\(verified.stderr)")
        let decisions = verified.stdout.split(separator: "\n").map { $0.split(separator: "\t").prefix(3).joined(separator: " ") }
        #expect(decisions == ["0 -", "1 near 0", "2 -", "3 near 0", "4 near 2", "10 -", "11 near 10", "12 -", "13 near 10", "14 near 12"])
    }

    @Test func refusesWhatTheJobDoesNotWrite() throws {
        let dir = TemporaryDirectory()
        let cfg = dir.write("p.yaml", "stages: [dedup: {boilerplate: false}]\n")
        let lines = try groupLines(dir, cfg, corpus(dir))
        let bad = try cli.textmill(["dedup-verify", cfg], stdin: "1\t2\tnot keys\n")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("line 1 is not GROUP<TAB>POS<TAB>KEYS<TAB>ID<TAB>TEXT"))
        // (Small inputs: textmill stops at the first bad line, and a test must not write into a closed pipe.)
        let backwards = lines.split(separator: "\n").suffix(2).reversed().map { $0 + "\n" }.joined()
        let unordered = try cli.textmill(["dedup-verify", cfg], stdin: backwards)
        #expect(unordered.status == 2)
        #expect(unordered.stderr.contains("line 2: position 3 does not come after 4 in group 7"))
        let noDedup = dir.write("q.yaml", "stages: [cleanup]\n")
        let none = try cli.textmill(["dedup-verify", noDedup], stdin: "")
        #expect(none.status == 2)
        #expect(none.stderr.contains("has no dedup stage"))
    }
}
