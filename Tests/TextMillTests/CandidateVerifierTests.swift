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
        expectEqual(map.status, 0)
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
        expectEqual(run.status, 0)
        let single = try dir.records("out/corpus.duplicates.jsonl").map { r -> String in
            let d = try #require(r["duplicate"]?.objectValue)
            return "\(r["id"]?.stringValue ?? "") \(d["kind"]?.stringValue ?? "") \(d["of"]?.stringValue ?? "") \(d["similarity"]?.doubleValue ?? 0)"
        }
        expectEqual(single, ["b near a 0.9846", "d near a 0.9444", "e near c 0.9972"])

        let verified = try cli.textmill(["dedup-verify", cfg], stdin: try groupLines(dir, cfg, docs))
        expectEqual(verified.status, 0, "\(verified.stderr)")
        expectEqual(verified.stdout, """
            0\t-
            1\tnear\t0\t0.9846244825547014\t"a"
            2\t-
            3\tnear\t0\t0.944380069524913\t"a"
            4\tnear\t2\t0.9972295331763402\t"c"

            """)
    }

    /// The group lines the Spark job writes when the map side wrote a values file (`--values`):
    /// each candidate's keys with its values from the file, as base64, and no text.
    /// With `byReference`, the values are named as the job names them, `@OFFSET:COUNT:PATH`.
    func groupLinesFromTheValuesFile(_ dir: TemporaryDirectory, _ cfg: String, _ docs: String, group: Int = 7,
                                     byReference: Bool = false) throws -> String {
        let framed = String(decoding: FileManager.default.contents(atPath: docs) ?? Data(), as: UTF8.self).split(separator: "\n").enumerated().map { "docs.jsonl\t\($0.offset + 1)\t\($0.element)\n" }.joined()
        let map = try cli.textmill(["run", cfg, "--map-side", "--quiet", "--values", dir.file("part.values")], stdin: framed)
        expectEqual(map.status, 0)
        let file = try #require(FileManager.default.contents(atPath: dir.file("part.values")))
        var at = 0
        return try map.stdout.split(separator: "\n").enumerated().map { k, line in
            let f = line.split(separator: "\t", maxSplits: 3).map(String.init)
            let id = try #require(JSONParser.parse(f[3]).objectValue?["id"]?.stringValue)
            let keys = f[2].split(separator: ",")
            let n = try #require(Int(keys[3].dropFirst()))
            let values = file[at..<(at + 8 * n)].base64EncodedString()
            defer { at += 8 * n }
            if byReference {
                return "\(group)\t\(k)\t\(keys[0..<3].joined(separator: ","))\t\"\(id)\"\t@\(at):\(n):\(dir.file("part.values"))\n"
            }
            return "\(group)\t\(k)\t\(keys[0..<3].joined(separator: ",")),\(values)\t\"\(id)\"\n"
        }.joined()
    }

    /// The values the map side wrote decide every candidate as its text does (what the Spark
    /// job sends when the records are spilled: no text is fingerprinted again).
    @Test(arguments: ["exact", "estimate"])
    func decidesTheSameFromTheMapSidesValuesFile(verify: String) throws {
        let dir = TemporaryDirectory()
        let cfg = dir.write("p.yaml", "stages: [cleanup, dedup: {boilerplate: false, threshold: 0.8, verify: \(verify)}]\n")
        let docs = corpus(dir)
        let fromText = try cli.textmill(["dedup-verify", cfg], stdin: try groupLines(dir, cfg, docs))
        let lines = try groupLinesFromTheValuesFile(dir, cfg, docs)
        #expect(lines.split(separator: "\n").allSatisfy { $0.split(separator: "\t").count == 4 }, "no text")
        let fromValues = try cli.textmill(["dedup-verify", cfg, "--jobs", "2"], stdin: lines)
        #expect(fromText.status == 0 && fromValues.status == 0, "\(fromText.stderr) \(fromValues.stderr)")
        expectEqual(fromValues.stdout, fromText.stdout)
        for jobs in ["1", "2"] {
            let referenced = try groupLinesFromTheValuesFile(dir, cfg, docs, byReference: true)
            let fromFile = try cli.textmill(["dedup-verify", cfg, "--jobs", jobs], stdin: referenced)
            expectEqual(fromFile.status, 0, "\(fromFile.stderr)")
            expectEqual(fromFile.stdout, fromText.stdout, "values read from the file by dedup-verify")
        }
        #expect(fromText.stdout.split(separator: "\n").filter { $0.contains("near") }.count >= 2)
    }

    /// A values reference that is not `@OFFSET:COUNT:PATH`, names a file that is not there, or
    /// more values than the file holds stops dedup-verify with exit 2 and the line.
    @Test func refusesAValuesReferenceItCannotRead() throws {
        let dir = TemporaryDirectory()
        let cfg = dir.write("p.yaml", "stages: [cleanup, dedup: {boilerplate: false, threshold: 0.8}]\n")
        let lines = try groupLinesFromTheValuesFile(dir, cfg, corpus(dir), byReference: true)
        let first = String(lines.split(separator: "\n")[0])
        let at = try #require(first.range(of: "\t@"))
        let size = (try FileManager.default.attributesOfItem(atPath: dir.file("part.values"))[.size] as? Int) ?? 0
        for (reference, message) in [("@0:x:\(dir.file("part.values"))", "is not @OFFSET:COUNT:PATH"),
                                     ("@0:1:", "is not @OFFSET:COUNT:PATH"),
                                     ("@0:\(1 << 40):\(dir.file("part.values"))", "is not @OFFSET:COUNT:PATH"),
                                     ("@0:1:\(dir.file("missing.values"))", "cannot read the values file"),
                                     // A folder opens, then fails to read: no "ends before".
                                     ("@0:1:\(dir.path)", "cannot read the values file '\(dir.path)': Is a directory"),
                                     ("@\(Int.max - 8):2:\(dir.file("part.values"))", "is not @OFFSET:COUNT:PATH"),
                                     ("@\(size - 8):2:\(dir.file("part.values"))", "ends before its 2 values")] {
            let r = try cli.textmill(["dedup-verify", cfg], stdin: first[..<at.lowerBound] + "\t" + reference + "\n")
            expectEqual(r.status, 2, "\(reference)")
            #expect(r.stderr.contains("line 1") && r.stderr.contains(message), "\(r.stderr)")
        }
    }

    /// A group whose candidates come from more values files than the process may open (one per
    /// map task: thousands in a large job) is decided as with few: the verifier keeps only the
    /// files it opened last open (64). Here 120 files under `ulimit -n 96`; with each file opened
    /// and kept open, the 93rd failed with "Too many open files" (exit 2).
    @Test func readsFromMoreValuesFilesThanItMayOpenAtOnce() throws {
        let dir = TemporaryDirectory()
        let cfg = dir.write("p.yaml", "stages: [cleanup, dedup: {boilerplate: false, threshold: 0.8}]\n")
        let one = try groupLinesFromTheValuesFile(dir, cfg, corpus(dir), byReference: true)
        let values = try #require(FileManager.default.contents(atPath: dir.file("part.values")))
        // Each line reads its values from a copy of the file of its own: 120 files.
        let input = repeated(one, groups: 24).split(separator: "\n").enumerated().map { k, line -> String in
            line.replacingOccurrences(of: dir.file("part.values"), with: dir.file("part-\(k).values")) + "\n"
        }.joined()
        for k in 0..<120 { try values.write(to: URL(fileURLWithPath: dir.file("part-\(k).values"))) }
        let script = dir.write("verify.sh", "ulimit -n 96 && exec \"$1\" dedup-verify \"$2\"\n")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = [script, CommandLineTests.binary, cfg]
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = inp
        try p.run()
        inp.fileHandleForWriting.write(Data(input.utf8))
        try inp.fileHandleForWriting.close()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        expectEqual(p.terminationStatus, 0, "\(stderr)")
        let expected = (0..<24).map { g in
            "\(g * 10)\t-|\(g * 10 + 1)\tnear\t\(g * 10)|\(g * 10 + 2)\t-|\(g * 10 + 3)\tnear\t\(g * 10)|\(g * 10 + 4)\tnear\t\(g * 10 + 2)"
        }.joined(separator: "|")
        let decided = stdout.split(separator: "\n").map { $0.split(separator: "\t").prefix(3).joined(separator: "\t") }.joined(separator: "|")
        expectEqual(decided, expected)
    }

    /// The files a verifier keeps open are the ones it opened last, at most `maxOpen`.
    @Test func keepsAtMostItsLimitOfValuesFilesOpen() throws {
        let dir = TemporaryDirectory()
        var bytes: [UInt8] = []
        for v in [UInt64(7), 1 << 40, UInt64.max] { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
        let files = ValueFiles(maxOpen: 2)
        for k in [0, 1, 2, 0, 2, 1] {
            let path = dir.write("v\(k).values", bytes)
            expectEqual(try files.values(ArraySlice("8:2:\(path)".utf8), line: k), [1 << 40, UInt64.max])
            #expect(files.openCount <= 2)
        }
    }

    @Test func decidesTheSameFromVerificationValuesAsFromText() throws {
        let dir = TemporaryDirectory()
        let cfg = dir.write("p.yaml", "stages: [cleanup, dedup: {boilerplate: false, threshold: 0.8}]\n")
        let docs = corpus(dir)
        let fromText = try cli.textmill(["dedup-verify", cfg], stdin: try groupLines(dir, cfg, docs))
        let fromValues = try cli.textmill(["dedup-verify", cfg], stdin: try groupLines(dir, cfg, docs, values: true))
        #expect(fromText.status == 0 && fromValues.status == 0, "\(fromText.stderr) \(fromValues.stderr)")
        expectEqual(fromValues.stdout, fromText.stdout)
        expectEqual(fromText.stdout.split(separator: "\n").filter { $0.contains("near") }.count, 3)
    }

    /// KEYS with the band keys (what the Spark job sends: the verifier skips the MinHash
    /// signature) and without them (`EXACT,WORDS,`: it recomputes them) give the same decisions;
    /// a band count other than the config's is refused.
    @Test func decidesTheSameWithAndWithoutTheBandKeys() throws {
        let dir = TemporaryDirectory()
        let cfg = dir.write("p.yaml", "stages: [cleanup, dedup: {boilerplate: false, threshold: 0.8}]\n")
        let lines = try groupLines(dir, cfg, corpus(dir))
        func keys(_ transform: (String) -> String) -> String {
            lines.split(separator: "\n").map { line in
                var f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                f[2] = transform(f[2])
                return f.joined(separator: "\t") + "\n"
            }.joined()
        }
        let withBands = try cli.textmill(["dedup-verify", cfg], stdin: lines)
        let withoutBands = try cli.textmill(["dedup-verify", cfg], stdin: keys { k in k.split(separator: ",").prefix(2).joined(separator: ",") + "," })
        #expect(withBands.status == 0 && withoutBands.status == 0, "\(withBands.stderr) \(withoutBands.stderr)")
        expectEqual(withBands.stdout, withoutBands.stdout)
        expectEqual(withBands.stdout.split(separator: "\n").filter { $0.contains("near") }.count, 3)
        let oneBand = try cli.textmill(["dedup-verify", cfg], stdin: keys { k in
            guard var parsed = DedupKeys(token: Array(k.utf8)) else { return k }
            parsed.bandKeys = Array(parsed.bandKeys.prefix(1))
            return String(decoding: parsed.token, as: UTF8.self)
        })
        expectEqual(oneBand.status, 2)
        #expect(oneBand.stderr.contains("line 1: the keys carry 1 band keys, not the config's 9"))
    }

    /// Verification values with another band count than the config's are refused, as a text's
    /// keys are: the index buckets a candidate by its band keys, so another config's (here one
    /// band of 9) decided the group by the wrong buckets, in silence.
    @Test(arguments: [false, true])
    func refusesValuesWithAnotherBandCount(byReference: Bool) throws {
        let dir = TemporaryDirectory()
        let cfg = dir.write("p.yaml", "stages: [cleanup, dedup: {boilerplate: false, threshold: 0.8}]\n")
        let lines = try groupLinesFromTheValuesFile(dir, cfg, corpus(dir), byReference: byReference)
        // The first line only: textmill stops there, and a test must not write into a closed pipe.
        let oneBand = lines.split(separator: "\n").prefix(1).map { line -> String in
            var f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if var parsed = DedupKeys(token: Array(f[2].utf8)) {
                parsed.bandKeys = Array(parsed.bandKeys.prefix(1))
                f[2] = String(decoding: parsed.token, as: UTF8.self)
            }
            return f.joined(separator: "\t") + "\n"
        }.joined()
        #expect(oneBand != lines.split(separator: "\n")[0] + "\n")
        let r = try cli.textmill(["dedup-verify", cfg], stdin: oneBand)
        expectEqual(r.status, 2, "\(r.stdout)")
        #expect(r.stderr.contains("line 1: the keys carry 1 band keys, not the config's 9"), "\(r.stderr)")
    }

    /// Real news texts, each followed by edited copies (a few words replaced, paragraphs
    /// dropped, restyled quotes, hard wraps), some near duplicates at 0.8 and some not.
    func nearDuplicateTexts() throws -> [String] {
        var texts: [String] = []
        let originals = try Repo.sampleTexts.map { Repo.text($0) } + DedupFixtures.names.map { try DedupFixtures.text($0) }
        for text in originals {
            let words = text.split(separator: " ", omittingEmptySubsequences: false).count
            let paragraphs = DedupFixtures.paragraphs(text)
            texts.append(text)
            for k in [1, 4, 12, 30] { texts.append(edited(text, count: min(k, (words - 12) / 40), from: 11)) }
            texts.append(DedupFixtures.join(Array(paragraphs.dropFirst())))
            texts.append(DedupFixtures.join(Array(paragraphs.prefix(paragraphs.count / 2))))
            texts.append(DedupFixtures.wrapped(DedupFixtures.restyled(text)))
        }
        return texts
    }

    /// What `dedup-verify` fingerprints a candidate's text with under `verify: exact` (no MinHash
    /// signature; the band keys from the map side's KEYS) is the full fingerprint less its
    /// signature, and an index decides every document of real text with near duplicates the same
    /// with it as with the full one.
    @Test func theVerificationFingerprintDecidesAsTheFullOne() throws {
        let texts = try nearDuplicateTexts()
        var fingerprinter = Fingerprinter()
        let full = texts.map { fingerprinter.fingerprint(Array($0.utf8)) }
        let lean = full.indices.map { k in
            fingerprinter.exactVerificationFingerprint(Array(texts[k].utf8), bandKeys: DedupKeys(full[k], hasher: fingerprinter.minHasher).bandKeys.map { UInt32(truncatingIfNeeded: $0) })
        }
        for k in full.indices {
            var withoutSignature = full[k]
            withoutSignature.signature = []
            expectEqual(lean[k], withoutSignature, "text \(k)")
            #expect(!full[k].signature.isEmpty)
        }
        func decisions(_ fps: [DocumentFingerprint], bucketLimit: Int) throws -> [String] {
            let index = try DedupIndex(settings: FingerprintSettings(), verification: .exact, directory: nil, bucketLimit: bucketLimit)
            return try fps.enumerated().map { k, fp in
                if let m = try index.firstMatch(fp, threshold: 0.8) { return "\(k) \(m.kind.rawValue) \(m.id) \(m.similarity)" }
                index.insert(id: String(k), fp)
                return "\(k) -"
            }
        }
        // Document: kept (-), or kind and the document it duplicates. Eight documents an original:
        // it, four with 1-30 words replaced, without its first paragraph, its first half (too far
        // to be a near duplicate), restyled and wrapped (exact); the sample corpus's first and
        // fourth stories come again among the fixtures (40-47, 48-55).
        let pinned = """
            0:- 1:near:0 2:near:0 3:near:0 4:near:0 5:near:0 6:- 7:exact:0 8:- 9:near:8 10:near:8 11:near:8 \
            12:near:8 13:near:8 14:- 15:exact:8 16:- 17:near:16 18:near:16 19:near:16 20:near:16 21:near:16 22:- \
            23:exact:16 24:- 25:near:24 26:near:24 27:near:24 28:- 29:near:24 30:- 31:exact:24 32:- 33:near:32 \
            34:near:32 35:near:32 36:near:32 37:near:32 38:- 39:exact:32 40:exact:0 41:near:0 42:near:0 43:near:0 \
            44:near:0 45:near:0 46:exact:6 47:exact:0 48:exact:24 49:near:24 50:near:24 51:near:24 52:exact:28 \
            53:near:24 54:exact:30 55:exact:24 56:- 57:near:56 58:near:56 59:- 60:exact:59 61:near:56 62:- \
            63:exact:56 64:- 65:near:64 66:near:64 67:- 68:exact:67 69:near:64 70:- 71:exact:64
            """
        for limit in [1, 32] {
            let expected = try decisions(full, bucketLimit: limit)
            expectEqual(try decisions(lean, bucketLimit: limit), expected)
            expectEqual(expected.map { $0.split(separator: " ").prefix(3).joined(separator: ":") }.joined(separator: " "), pinned)
        }
    }

    @Test func refusesATextThatDoesNotGiveItsKeys() throws {
        let dir = TemporaryDirectory()
        let cfg = dir.write("p.yaml", "stages: [dedup: {boilerplate: false}]\n")
        let docs = corpus(dir)
        // A text with a word more than the one the map side fingerprinted.
        let changed = try groupLines(dir, cfg, docs) { $0 + " extra" }
        let r = try cli.textmill(["dedup-verify", cfg], stdin: changed)
        expectEqual(r.status, 2)
        #expect(r.stderr.contains("line 1: the text does not give the document's keys"))
        let noText = try groupLines(dir, cfg, docs).split(separator: "\n").prefix(1).map { $0.split(separator: "\t").prefix(4).joined(separator: "\t") + "\n" }.joined()
        let missing = try cli.textmill(["dedup-verify", cfg], stdin: noText)
        expectEqual(missing.status, 2)
        #expect(missing.stderr.contains("line 1 is not GROUP<TAB>POS<TAB>KEYS<TAB>ID<TAB>TEXT"))
    }

    @Test func aNewGroupStartsANewIndex() throws {
        let dir = TemporaryDirectory()
        let cfg = dir.write("p.yaml", "stages: [dedup: {boilerplate: false, threshold: 0.8, bucket_limit: 1}]\n")
        let docs = corpus(dir)
        let lines = try groupLines(dir, cfg, docs, group: 1) + groupLines(dir, cfg, docs, group: 2, first: 10)
        let verified = try cli.textmill(["dedup-verify", cfg], stdin: lines)
        expectEqual(verified.status, 0, "\(verified.stderr)")
        let decisions = verified.stdout.split(separator: "\n").map { $0.split(separator: "\t").prefix(3).joined(separator: " ") }
        expectEqual(decisions, ["0 -", "1 near 0", "2 -", "3 near 0", "4 near 2", "10 -", "11 near 10", "12 -", "13 near 10", "14 near 12"])
    }

    @Test func refusesWhatTheJobDoesNotWrite() throws {
        let dir = TemporaryDirectory()
        let cfg = dir.write("p.yaml", "stages: [dedup: {boilerplate: false}]\n")
        let lines = try groupLines(dir, cfg, corpus(dir))
        let bad = try cli.textmill(["dedup-verify", cfg], stdin: "1\t2\tnot keys\n")
        expectEqual(bad.status, 2)
        #expect(bad.stderr.contains("line 1 is not GROUP<TAB>POS<TAB>KEYS<TAB>ID<TAB>TEXT"))
        // (Small inputs: textmill stops at the first bad line, and a test must not write into a closed pipe.)
        let backwards = lines.split(separator: "\n").suffix(2).reversed().map { $0 + "\n" }.joined()
        let unordered = try cli.textmill(["dedup-verify", cfg], stdin: backwards)
        expectEqual(unordered.status, 2)
        #expect(unordered.stderr.contains("line 2: position 3 does not come after 4 in group 7"))
        let noDedup = dir.write("q.yaml", "stages: [cleanup]\n")
        let none = try cli.textmill(["dedup-verify", noDedup], stdin: "")
        expectEqual(none.status, 2)
        #expect(none.stderr.contains("has no dedup stage"))
    }

    /// `lines` (one group's) again as `groups` groups, numbered 0, 1, …, with positions 10 apart.
    func repeated(_ lines: String, groups: Int) -> String {
        let one = lines.split(separator: "\n").map { $0.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false) }
        return (0..<groups).map { g in
            one.enumerated().map { k, f in "\(g)\t\(g * 10 + k)\t\(f[2])\n" }.joined()
        }.joined()
    }

    /// With `--jobs 2` a second thread reads and fingerprints the lines ahead of the decisions,
    /// in batches of 256 lines: over several batches the decisions are the single thread's, in
    /// order; a bad line past the first batches is refused with its number, and `--jobs 0` is.
    @Test func aSecondThreadFingerprintingAheadDecidesTheSame() throws {
        let dir = TemporaryDirectory()
        let cfg = dir.write("p.yaml", "stages: [cleanup, dedup: {boilerplate: false, threshold: 0.8}]\n")
        let lines = repeated(try groupLines(dir, cfg, corpus(dir)), groups: 120)
        let one = try cli.textmill(["dedup-verify", cfg], stdin: lines)
        let two = try cli.textmill(["dedup-verify", cfg, "--jobs", "2"], stdin: lines)
        #expect(one.status == 0 && two.status == 0, "\(one.stderr) \(two.stderr)")
        expectEqual(two.stdout, one.stdout)
        let expected = (0..<120).map { g in
            "\(g * 10)\t-|\(g * 10 + 1)\tnear\t\(g * 10)|\(g * 10 + 2)\t-|\(g * 10 + 3)\tnear\t\(g * 10)|\(g * 10 + 4)\tnear\t\(g * 10 + 2)"
        }.joined(separator: "|")
        expectEqual(two.stdout.split(separator: "\n").map { $0.split(separator: "\t").prefix(3).joined(separator: "\t") }.joined(separator: "|"), expected)

        var broken = lines.split(separator: "\n").map(String.init)
        broken[540] = "1\t2\tnot keys"
        // (The bad line last: textmill stops there, and a test must not write into a closed pipe.)
        let bad = try cli.textmill(["dedup-verify", cfg, "--jobs", "2"], stdin: broken.prefix(541).joined(separator: "\n") + "\n")
        expectEqual(bad.status, 2)
        #expect(bad.stderr.contains("line 541 is not GROUP<TAB>POS<TAB>KEYS<TAB>ID<TAB>TEXT"))
        var unordered = lines.split(separator: "\n").map(String.init)
        unordered.swapAt(300, 301)
        let backwards = try cli.textmill(["dedup-verify", cfg, "--jobs", "2"], stdin: unordered.prefix(303).joined(separator: "\n") + "\n")
        expectEqual(backwards.status, 2)
        #expect(backwards.stderr.contains("line 302: position 600 does not come after 601 in group 60"))
        let none = try cli.textmill(["dedup-verify", cfg, "--jobs", "0"], stdin: "")
        #expect(none.status != 0)
        #expect(none.stderr.contains("--jobs is the number of threads: 1 or more, not 0"))
    }

    /// `--jobs 2` when the system makes no second thread (a `pids.max` or `RLIMIT_NPROC` limit,
    /// here `TEXTMILL_FAIL_THREAD`): the decisions of one thread, exit 0. It waited for ever for
    /// lines no thread read (Foundation's `Thread` cannot say that none was made).
    @Test func noSecondThreadDecidesOnOne() throws {
        let dir = TemporaryDirectory()
        let cfg = dir.write("p.yaml", "stages: [cleanup, dedup: {boilerplate: false, threshold: 0.8}]\n")
        let lines = repeated(try groupLines(dir, cfg, corpus(dir)), groups: 40)
        dir.write("lines.tsv", lines)
        let one = try cli.textmill(["dedup-verify", cfg], stdin: lines)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        // -s KILL: a run that waits for the missing thread fails the test (137) rather than hanging it.
        p.arguments = ["-s", "KILL", "60", CommandLineTests.binary, "dedup-verify", cfg, "--jobs", "2"]
        p.environment = ProcessInfo.processInfo.environment.merging(["TEXTMILL_FAIL_THREAD": "dedup-verify-read"]) { $1 }
        p.standardInput = try #require(FileHandle(forReadingAtPath: dir.file("lines.tsv")))
        dir.write("decisions.tsv", "")
        p.standardOutput = try #require(FileHandle(forWritingAtPath: dir.file("decisions.tsv")))
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(one.status == 0 && p.terminationStatus == 0, "exit status \(p.terminationStatus) (137: it hung and was killed after 60 s)")
        #expect(!one.stdout.isEmpty && dir.read("decisions.tsv") == one.stdout)

        // A real limit: as `nobody` (root is not held to `ulimit -u`), one process and no thread more.
        guard getuid() == 0, ["/usr/bin/setpriv", "/bin/bash"].allSatisfy({ FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("CandidateVerifierTests: the real thread limit skipped, it needs root to run as another user")
            return
        }
        chmod(dir.path, 0o777)
        dir.write("limited.tsv", "")
        chmod(dir.file("limited.tsv"), 0o666)
        let limited = Process()
        limited.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
        // bash: dash's ulimit has no -u. 99: the limit could not be set.
        limited.arguments = ["-s", "KILL", "60", "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "/bin/bash", "-c",
                             "ulimit -u 1 || exit 99; exec \"$@\" < \(dir.file("lines.tsv")) > \(dir.file("limited.tsv"))", "bash",
                             CommandLineTests.binary, "dedup-verify", cfg, "--jobs", "2"]
        limited.standardError = FileHandle.nullDevice
        try limited.run()
        limited.waitUntilExit()
        expectEqual(limited.terminationStatus, 0, "exit status \(limited.terminationStatus) (137: it hung and was killed after 60 s)")
        expectEqual(dir.read("limited.tsv"), one.stdout)
    }
}
