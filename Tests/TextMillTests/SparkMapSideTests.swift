import Foundation
import Testing
@testable import TextMill

/// `textmill run --map-side`, the executor half of the Spark job (contrib/spark): framed stdin,
/// records equal to a run over the file, dedup's keys, failures in-band, refusals.
@Suite struct SparkMapSideTests {
    let cli = CommandLineTests()

    /// The lines of a JSONL file framed as the Spark job frames them.
    func framed(_ path: String) -> String {
        Repo.text(path).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { !$0.element.isEmpty }
            .map { "\(path)\t\($0.offset + 1)\t\($0.element)\n" }.joined()
    }

    /// The four fields of every framed output line.
    func fields(_ stdout: String) -> [[String]] {
        stdout.split(separator: "\n").map { $0.split(separator: "\t", maxSplits: 3, omittingEmptySubsequences: false).map(String.init) }
    }

    func config(_ dir: TemporaryDirectory, _ stages: String) -> String {
        dir.write("p.yaml", "stages: [\(stages)]\n")
    }

    @Test func recordsEqualARunOverTheFile() throws {
        let dir = TemporaryDirectory()
        let stages = "cleanup, normalize, sentences"
        let wire = "input/wire/coastal-wire.jsonl"
        let cfg = config(dir, stages)
        let file = try cli.textmill(["run", cfg, "--input", wire, "--output", dir.file("out/corpus.jsonl"), "--quiet"])
        expectEqual(file.status, 0)
        // The paths in the frames are labels: the map side reads stdin only, from any folder.
        let map = try cli.textmill(["run", cfg, "--map-side", "--quiet"], stdin: framed(wire), in: dir.path)
        expectEqual(map.status, 0)
        let lines = fields(map.stdout)
        expectEqual(lines.count, 4)
        #expect(lines.allSatisfy { $0[0] == "doc" && $0[1] == "-" && $0[2] == "-" })
        expectEqual(lines.map { $0[3] + "\n" }.joined(), dir.read("out/corpus.jsonl"), "ids, source path and line, sha256, annotations")
        #expect(!FileManager.default.fileExists(atPath: dir.file("errors.jsonl")), "no side files")
    }

    @Test func dedupEmitsItsKeysAndLeavesTheDuplicateForTheJob() throws {
        let dir = TemporaryDirectory()
        let cfg = config(dir, "cleanup, normalize, dedup: {boilerplate: false, threshold: 0.5}")
        let map = try cli.textmill(["run", cfg, "--map-side", "--quiet"], stdin: framed("input/wire/coastal-wire.jsonl"))
        expectEqual(map.status, 0)
        var fingerprinter = Fingerprinter()
        var keys: [DedupKeys] = []
        for line in fields(map.stdout) {
            let record = Array(line[3].utf8)
            let at = try #require(Int(line[1]))
            expectEqual(Array(record[at..<(at + 4)]), Array("null".utf8))
            let key = try #require(DedupKeys(token: Array(line[2].utf8)))
            let text = try #require(JSONParser.parse(record).objectValue?["text"]?.stringValue)
            // The keys without verification values: the job verifies candidates by their text.
            expectEqual(key, DedupKeys(fingerprinter.fingerprint(Array(text.utf8)), hasher: fingerprinter.minHasher))
            #expect(key.values == nil && line[2].split(separator: ",", omittingEmptySubsequences: false).count == 3)
            keys.append(key)
            // The job's splice gives what the encoder writes for a duplicate.
            var doc = Document(id: "x", source: SourceInfo(path: "p", format: .jsonl, sha256: ""), text: Array(text.utf8), content: .plain)
            doc.duplicate = .some(DuplicateInfo(of: "y", kind: .near, similarity: 0.91))
            let spliced = Array(record[..<at]) + Array("{\"of\":\"y\",\"kind\":\"near\",\"similarity\":0.91}".utf8) + Array(record[(at + 4)...])
            let parsed = try JSONParser.parse(spliced).objectValue
            expectEqual(parsed?["duplicate"]?.objectValue?["of"]?.stringValue, "y")
        }
        // The syndicated copy (line 4) shares band keys with the story it copies (line 1).
        #expect(!Set(keys[0].bandKeys).isDisjoint(with: keys[3].bandKeys))
        #expect(keys[0].exactKey != keys[3].exactKey)
    }

    /// `--values PATH`: each document's verification values (the sorted 64-bit shingle hashes
    /// textmill run verifies with; with `verify: estimate` the signature, widened) go to the file
    /// in output order, and its keys end in `,#N`; a failure puts nothing in the file.
    @Test(arguments: ["exact", "estimate"])
    func valuesFileHoldsEachDocumentsVerificationValues(verify: String) throws {
        let dir = TemporaryDirectory()
        let cfg = config(dir, "cleanup, normalize, dedup: {boilerplate: false, threshold: 0.5, verify: \(verify)}")
        let stdin = framed("input/wire/coastal-wire.jsonl") + "input/x.jsonl\t1\tnot json\n"
        let map = try cli.textmill(["run", cfg, "--map-side", "--quiet", "--values", dir.file("part.values")], stdin: stdin)
        expectEqual(map.status, 1, "the record that is not JSON failed, in-band")
        let plain = try cli.textmill(["run", cfg, "--map-side", "--quiet"], stdin: stdin)
        let file = [UInt8](try #require(FileManager.default.contents(atPath: dir.file("part.values"))))
        var fingerprinter = Fingerprinter()
        var at = 0
        let lines = fields(map.stdout)
        #expect(lines.count == 5 && lines[4][0] == "err")
        for (line, bare) in zip(lines, fields(plain.stdout)) where line[0] == "doc" {
            // The same record and keys as without a values file, with the count of its values.
            expectEqual(line[3], bare[3])
            let parts = line[2].split(separator: ",", omittingEmptySubsequences: false)
            #expect(parts.count == 4 && parts[0..<3].joined(separator: ",") == bare[2])
            let n = try #require(Int(parts[3].dropFirst()))
            expectEqual(parts[3].first, "#")
            let key = try #require(DedupKeys(token: Array(line[2].utf8)))
            expectEqual(key.values, nil, "the values are in the file")
            let text = try #require(JSONParser.parse(Array(line[3].utf8)).objectValue?["text"]?.stringValue)
            let fp = fingerprinter.fingerprint(Array(text.utf8))
            let expected = verify == "exact" ? fp.shingleHashes : fp.signature.map { UInt64($0) }
            let read = (0..<n).map { k in (0..<8).reduce(UInt64(0)) { $0 | UInt64(file[at + 8 * k + $1]) << (8 * $1) } }
            expectEqual(read, expected)
            at += 8 * n
        }
        expectEqual(at, file.count, "nothing in the file but the documents' values")
        #expect(at > 0)
    }

    /// `--records PATH`: each document's record (with its newline) goes to the file in output
    /// order instead of stdout, whose line then carries the record's length and its head up to
    /// `,"source":`; a failure stays on stdout as it is, and the values file is the same.
    @Test(arguments: [1, 2])
    func recordFileHoldsTheRecordsStdoutWouldCarry(jobs: Int) throws {
        let dir = TemporaryDirectory()
        let cfg = config(dir, "cleanup, normalize, dedup: {boilerplate: false, threshold: 0.5}")
        let stdin = framed("input/wire/coastal-wire.jsonl") + "input/x.jsonl\t1\tnot json\n" + framed("input/wire/coastal-wire.jsonl")
        let plain = try cli.textmill(["run", cfg, "--map-side", "--quiet", "--jobs", "\(jobs)", "--values", dir.file("plain.values")], stdin: stdin)
        let split = try cli.textmill(["run", cfg, "--map-side", "--quiet", "--jobs", "\(jobs)", "--values", dir.file("split.values"),
                                      "--records", dir.file("part")], stdin: stdin)
        #expect(split.status == plain.status && split.status == 1, "the record that is not JSON failed, in-band")
        let records = try #require(FileManager.default.contents(atPath: dir.file("part")))
        expectEqual(FileManager.default.contents(atPath: dir.file("split.values")), FileManager.default.contents(atPath: dir.file("plain.values")))
        let before = fields(plain.stdout)
        let after = split.stdout.split(separator: "\n").map { $0.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false).map(String.init) }
        #expect(before.count == after.count && before.filter { $0[0] == "err" }.count == 1)
        var expected = Data()
        for (line, bare) in zip(after, before) {
            if bare[0] == "err" {
                expectEqual(line.joined(separator: "\t"), bare.joined(separator: "\t"))
                continue
            }
            let record = Data((bare[3] + "\n").utf8)
            expected += record
            #expect(line.count == 5 && line[0...2] == bare[0...2])
            expectEqual(line[3], String(record.count))
            #expect(line[4].hasPrefix("{\"id\":") && line[4].hasSuffix(",\"source\":") && bare[3].hasPrefix(line[4]))
            #expect(!line[4].dropLast(10).contains(",\"source\":"), "the head ends at the first source key")
        }
        expectEqual(records, expected, "the records, in order, each with its newline")
        #expect(records.count > 0)
    }

    @Test func recordsGoWithTheMapSideOnly() throws {
        let r = try cli.textmill(["run", "p.yaml", "--records", "r.jsonl"])
        expectEqual(r.status, 2)
        #expect(r.stderr.contains("--records goes with --map-side"))
    }

    @Test func valuesGoWithTheMapSideOnly() throws {
        let r = try cli.textmill(["run", "p.yaml", "--values", "v.bin"])
        expectEqual(r.status, 2)
        #expect(r.stderr.contains("--values goes with --map-side"))
    }

    @Test func failuresAreReportedInBand() throws {
        let dir = TemporaryDirectory()
        let cfg = config(dir, "normalize")
        let stdin = "a.jsonl\t1\t{\"id\": \"ok\", \"text\": \"Fine.\"}\n" + "a.jsonl\t2\tnot json\n" + "a.jsonl\t3\t  \r\n"
            + "b.jsonl\t0\t\n" + "c.jsonl\t9:70000000\t\n" + "garbage\n" + "d.jsonl\t4\t{\"text\": \"No id.\"}\n"
        let map = try cli.textmill(["run", cfg, "--map-side", "--quiet"], stdin: stdin, in: dir.path)
        expectEqual(map.status, 1)
        let lines = fields(map.stdout)
        expectEqual(lines.map { $0[0] }, ["doc", "err", "err", "err", "err", "doc"])
        let ids = try lines.map { try JSONParser.parse($0[3]).objectValue?["id"]?.stringValue ?? "" }
        expectEqual(ids, ["ok", "a.jsonl#2", "b.jsonl", "c.jsonl#9", "stdin#6", "d.jsonl#4"])
        #expect(lines[2][3].contains("the file is empty"))
        #expect(lines[3][3].contains("line 9 is 66.8 MB, above the 64 MB limit"))
        #expect(lines[4][3].contains("is not PATH<TAB>LINE<TAB>RECORD"))
        #expect(lines[5][3].contains("\"source\":{\"path\":\"d.jsonl\",\"format\":\"jsonl\""))
        #expect(lines[5][3].contains("\"record\":4"))
        expectEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["p.yaml"], "no side files")
        // The summary names no side file: it said "0 duplicates to , 4 failed to ".
        let told = try cli.textmill(["run", cfg, "--map-side"], stdin: stdin, in: dir.path)
        expectEqual(told.stderr.split(separator: "\n").dropFirst().first, "  2 written, 4 failed, framed to stdout for the job", "\(told.stderr)")
    }

    /// A file whose reading failed part way (a truncated .gz) is framed as `PATH<TAB>LINE!<TAB>REASON`:
    /// the error record `textmill run` writes at that line, then the next file goes on.
    @Test func readFailureIsTheErrorTextmillRunWrites() throws {
        let dir = TemporaryDirectory()
        let cfg = config(dir, "normalize")
        let reason = "the gzip data ends too early (the file is truncated)"
        let stdin = "cut.jsonl.gz\t1\t{\"id\": \"a\", \"text\": \"Fine.\"}\n" + "cut.jsonl.gz\t2!\t\(reason)\n"
            + "next.jsonl\t1\t{\"id\": \"b\", \"text\": \"Also fine.\"}\n" + "x.jsonl\t-1!\toops\n"
        let map = try cli.textmill(["run", cfg, "--map-side", "--quiet"], stdin: stdin, in: dir.path)
        expectEqual(map.status, 1)
        let lines = fields(map.stdout)
        expectEqual(lines.map { $0[0] }, ["doc", "err", "doc", "err"])
        expectEqual(lines[1][3], "{\"id\":\"cut.jsonl.gz#2\",\"source\":{\"path\":\"cut.jsonl.gz\",\"format\":\"jsonl\"},"
            + "\"stage\":\"read\",\"reason\":\"\(reason)\",\"line\":2}")
        #expect(lines[3][3].contains("'-1!' is not a line number"))
    }

    /// A file the job could not open at all (a dangling link among the inputs) is framed as
    /// `PATH<TAB>0!<TAB>REASON`: the error record `textmill run` over the folder writes, naming
    /// the file alone (the job stopped with exit 3 before the framing had the form).
    @Test func aFileThatCannotBeOpenedIsTheErrorTextmillRunWrites() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.jsonl", "{\"id\": \"harbor-1\", \"text\": \"The council approved the harbor budget on Tuesday.\"}\n")
        try FileManager.default.createSymbolicLink(atPath: dir.file("in/b.jsonl"), withDestinationPath: "moved/b.jsonl")
        let cfg = config(dir, "normalize")
        let run = try cli.textmill(["run", cfg, "--input", "in", "--output", "out/corpus.jsonl", "--quiet"], in: dir.path)
        expectEqual(run.status, 1)
        let want = dir.read("out/corpus.errors.jsonl")
        expectEqual(want, "{\"id\":\"in/b.jsonl\",\"source\":{\"path\":\"in/b.jsonl\",\"format\":\"jsonl\"},\"stage\":\"read\","
            + "\"reason\":\"'in/b.jsonl' is a symbolic link to 'moved/b.jsonl', which does not exist: fix or remove the link\"}\n")
        let stdin = "in/a.jsonl\t1\t{\"id\": \"harbor-1\", \"text\": \"The council approved the harbor budget on Tuesday.\"}\n"
            + "in/b.jsonl\t0!\t'in/b.jsonl' is a symbolic link to 'moved/b.jsonl', which does not exist: fix or remove the link\n"
        let map = try cli.textmill(["run", cfg, "--map-side", "--quiet"], stdin: stdin, in: dir.path)
        expectEqual(map.status, 1)
        let lines = fields(map.stdout)
        expectEqual(lines.map { $0[0] }, ["doc", "err"])
        expectEqual(lines[1][3] + "\n", want)
    }

    /// The job frames a path with the bytes the file system gave it. A name that is not UTF-8
    /// (or holds a backslash) got U+FFFD (or a bare backslash) in its map-side ids, where
    /// `textmill run` over the folder spells it `\xHH` (and `\\`): the same file, other ids.
    @Test func aNameThatIsNotUTF8GetsTheIdsOfARunOverItsFolder() throws {
        let dir = TemporaryDirectory()
        let cfg = config(dir, "normalize, sentences")
        try FileManager.default.createDirectory(atPath: dir.file("in"), withIntermediateDirectories: true)
        let names: [[UInt8]] = [Array("in/caf".utf8) + [0xE9] + Array(".jsonl".utf8), Array("in/wire\\desk.jsonl".utf8)]
        var stdin: [UInt8] = []
        for (k, name) in names.enumerated() {
            let record = "{\"text\": \"Story \(k): the harbour reopens on Friday, the council said.\"}"
            let fd = (Array(dir.path.utf8) + [UInt8(ascii: "/")] + name + [0]).withUnsafeBufferPointer { p in
                p.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY | O_TRUNC, 0o644) }
            }
            #expect(fd >= 0)
            _ = Array((record + "\n").utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
            stdin += name + Array("\t1\t\(record)\n".utf8)
        }
        let run = try cli.textmill(["run", cfg, "-i", "in/", "-o", "out/corpus.jsonl", "-q"], in: dir.path)
        expectEqual(run.status, 0, "\(run.stderr)")
        let framedFile = dir.write("framed.txt", stdin)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        p.arguments = ["run", cfg, "--map-side", "--quiet"]
        p.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        p.standardInput = FileHandle(forReadingAtPath: framedFile)
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        expectEqual(p.terminationStatus, 0)
        let records = fields(stdout).map { $0[3] + "\n" }.joined()
        expectEqual(records, dir.read("out/corpus.jsonl"), "\(stdout)")
        #expect(records.contains("{\"id\":\"in/caf\\\\xE9.jsonl#1\",\"source\":{\"path\":\"in/caf\\\\xE9.jsonl\""))
        #expect(records.contains("{\"id\":\"in/wire\\\\\\\\desk.jsonl#1\""))
    }

    @Test func jobsDoNotChangeTheOutput() throws {
        let dir = TemporaryDirectory()
        let cfg = config(dir, "cleanup, normalize, sentences, dedup: {boilerplate: false}")
        let stdin = String(repeating: framed("input/wire/coastal-wire.jsonl"), count: 50)
        let one = try cli.textmill(["run", cfg, "--map-side", "--quiet", "--jobs", "1"], stdin: stdin)
        let two = try cli.textmill(["run", cfg, "--map-side", "--quiet", "--jobs", "2"], stdin: stdin)
        #expect(one.status == 0 && two.status == 0)
        expectEqual(one.stdout, two.stdout)
        expectEqual(fields(one.stdout).count, 200)
    }

    @Test func describeGivesTheJobTheDedupSettings() throws {
        let dir = TemporaryDirectory()
        let cfg = dir.write("p.yaml", "max_document_mb: 8\nstages: [normalize, dedup: {boilerplate: false, threshold: 0.85, action: mark}]\n")
        let r = try cli.textmill(["run", cfg, "--map-side", "--describe"])
        expectEqual(r.status, 0)
        let o = try #require(JSONParser.parse(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)).objectValue)
        expectEqual(o["max_document_bytes"]?.intValue, 8 << 20)
        expectEqual(o["stages"], .array([.string("normalize"), .string("dedup")]))
        let dedup = try #require(o["map_side"]?.objectValue)
        expectEqual(dedup["stage"]?.stringValue, "dedup")
        expectEqual(dedup["threshold"]?.doubleValue, 0.85)
        expectEqual(dedup["action"]?.stringValue, "mark")
        expectEqual(dedup["verify"]?.stringValue, "exact")
    }

    @Test(arguments: [
        ("normalize, dedup", "p.yaml:1:21: error: stage 'dedup' cannot run distributed: boilerplate removal is sequential"),
        ("normalize, dedup: {boilerplate: false}, sentences", "comes after 'dedup'"),
        ("normalize, dedup: {boilerplate: false, index: /tmp/x}", "keeps no dedup index across runs"),
    ])
    func refusesWhatCannotRunDistributed(stages: String, message: String) throws {
        let dir = TemporaryDirectory()
        let cfg = config(dir, stages)
        for args in [["--describe"], ["--quiet"]] {
            let r = try cli.textmill(["run", cfg, "--map-side"] + args, stdin: "", in: dir.path)
            expectEqual(r.status, 2)
            #expect(r.stderr.contains("cannot run as the map side of a distributed job"))
            #expect(r.stderr.contains(message), "\(r.stderr)")
        }
    }

    @Test func mapSideTakesNoInputOrOutput() throws {
        let r = try cli.textmill(["run", "--map-side", "--input", "input/"])
        expectEqual(r.status, 2)
        #expect(r.stderr.contains("leave out --input and --output"))
        expectEqual(try cli.textmill(["run", "--describe"]).status, 2)
    }

    @Test func keysTokenRoundTrips() throws {
        var fingerprinter = Fingerprinter()
        let fp = fingerprinter.fingerprint(Repo.bytes("input/rfe-kazakh-activists.txt"))
        for verification in Verification.allCases {
            let keys = DedupKeys(fp, verification: verification, hasher: fingerprinter.minHasher)
            expectEqual(DedupKeys(token: keys.token), keys)
            #expect(!keys.token.contains(0x09) && !keys.token.contains(0x0A))
        }
        let bare = DedupKeys(fp, hasher: fingerprinter.minHasher)
        #expect(DedupKeys(token: bare.token) == bare && bare.values == nil)
        expectEqual(DedupKeys(token: Array("zz,1,,".utf8)), nil)
        expectEqual(DedupKeys(token: bare.token + Array(",#12".utf8)), bare, "values in the values file")
        expectEqual(DedupKeys(token: bare.token + Array(",#x".utf8)), nil)
        expectEqual(DedupKeys(token: Array("00000000000000ff,1".utf8)), nil)
        // Exact verification carries the 64-bit shingle hashes textmill run verifies with.
        let keys = DedupKeys(fp, verification: .exact, hasher: fingerprinter.minHasher)
        expectEqual(keys.values, fp.shingleHashes)
        #expect(fp.shingleHashes.contains { $0 > UInt64(UInt32.max) })
        // 64-bit band keys whose low halves are the keys textmill run buckets by.
        expectEqual(keys.bandKeys.map { UInt32(truncatingIfNeeded: $0) }, fp.bandKeys)
        #expect(keys.bandKeys.contains { $0 > UInt64(UInt32.max) })
    }

    /// The base64 of 64-bit values reads back whatever its padding (8 bytes: one '=', 16: two,
    /// 24: none); anything else is refused.
    @Test func base64OfValuesRoundTrips() {
        let values: [UInt64] = [0x0123_4567_89ab_cdef, .max, 0, 0xfedc_ba98_7654_3210]
        for n in 0...values.count {
            var text: [UInt8] = []
            Base64.append(Array(values.prefix(n)), to: &text)
            expectEqual(Base64.decode64(text[...]), Array(values.prefix(n)))
            expectEqual(Data(base64Encoded: Data(text)).map { [UInt8]($0).count }, 8 * n, "standard base64")
        }
        for bad in ["AAAAAAAAAA=", "AAAAAAAAAAA", "AA=AAAAAAAA=", "AAAAAAAAAA==", "AAAA", "AAAAAAAA*AA="] {
            expectEqual(Base64.decode64(Array(bad.utf8)[...]), nil, "\(bad)")
        }
    }
}
