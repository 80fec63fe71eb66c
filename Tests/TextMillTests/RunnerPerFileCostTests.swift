import Foundation
import Testing
@testable import TextMill

/// The runner's per-file work with a file a story (issue 17, sixth pass): a file's identity is
/// taken from the `fstat` of the reader's open descriptor when nothing compares identities
/// before the run (no `stat` a file in the plan), one walk's paths are not checked for
/// repeats, and dedup hashes an id (a file's path) over its bytes in place. Each gives what the
/// plain way gave.
@Suite struct RunnerPerFileCostTests {
    let yaml: (TemporaryDirectory) -> String = { dir in
        """
        input: \(dir.file("in"))
        output: \(dir.file("out/corpus.jsonl"))
        stages: [sentences]
        """
    }

    func store(_ dir: TemporaryDirectory) -> StateStore {
        StateStore(output: dir.file("out/corpus.jsonl"))
    }

    func files(_ dir: TemporaryDirectory) throws -> [InputFile] {
        var resolver = InputResolver()
        return try resolver.resolve([dir.file("in")])
    }

    @Test func aFirstRunLeavesIdentitiesToTheReaderAndALaterOneTakesThemFirst() throws {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts(count: 3)
        let inputs = try files(dir)
        // No manifest, no journal: nothing to compare, so no file is examined before the run.
        let first = RunPlan.make(files: inputs, store: store(dir), configHash: "c", force: false, readOnly: true, identitiesUpFront: false)
        #expect(first.identitiesAtOpen)
        expectEqual(first.toProcess.map(\.file.path), inputs.map(\.path))
        #expect(first.toProcess.allSatisfy { $0.identity == nil })
        // --progress wants the sizes first (and a dry run, the default, takes them too).
        let upFront = RunPlan.make(files: inputs, store: store(dir), configHash: "c", force: false, readOnly: true)
        #expect(!upFront.identitiesAtOpen)
        expectEqual(upFront.toProcess.map { $0.identity }, inputs.map { FileIdentity.of($0) })
        #expect(upFront.toProcess.allSatisfy { $0.identity != nil })
        // After a run there is a manifest: identities are compared with it, so taken first.
        _ = try runPipeline(yaml(dir), in: dir, jobs: 1)
        let later = RunPlan.make(files: inputs, store: store(dir), configHash: "c", force: true, readOnly: true, identitiesUpFront: false)
        #expect(later.full)
        #expect(later.identitiesAtOpen)
        let incremental = RunPlan.make(files: inputs, store: store(dir), configHash: try #require(store(dir).loadManifest()).config,
                                       force: false, readOnly: true, identitiesUpFront: false)
        #expect(!incremental.full)
        #expect(!incremental.identitiesAtOpen)
        expectEqual(incremental.kept.count, 3)
    }

    @Test(arguments: [1, 2])
    func theManifestHoldsEachFileAsOpenedAndASecondRunKeepsThemAll(jobs: Int) throws {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts(count: 4)
        dir.write("in/wire.jsonl", Repo.bytes("input/wire/coastal-wire.jsonl"))
        // A link that leads nowhere cannot be opened: its identity is a stat's, none, as before.
        try FileManager.default.createSymbolicLink(atPath: dir.file("in/gone.txt"), withDestinationPath: dir.file("nowhere.txt"))
        let first = try runPipeline(yaml(dir), in: dir, jobs: jobs)
        expectEqual(first.files, 6)
        let manifest = try #require(store(dir).loadManifest())
        expectEqual(manifest.files.count, 6)
        for entry in manifest.files {
            let identity = FileIdentity.of(entry.path)
            expectEqual(entry.size, (identity?.size ?? -1), "\(entry.path)")
            expectEqual(entry.mtime, (identity?.mtime ?? -1), "\(entry.path)")
        }
        expectEqual(manifest.files.first { $0.path.hasSuffix("gone.txt") }?.size, -1)
        let second = try runPipeline(yaml(dir), in: dir, jobs: jobs)
        // The dangling link has no identity to match, so it is read again (as before).
        expectEqual(second.files, 1)
        #expect(second.mode.hasSuffix(", 5 unchanged files"), "\(second.mode)")
    }

    @Test func anOpenedFileKnowsWhatAStatOfItsPathSays() throws {
        let dir = TemporaryDirectory()
        let text = "Officials in Almaty said on Tuesday that the talks would go on.\n"
        let path = dir.write("in/story.txt", text)
        let stream = try FileStream(path: path)
        expectEqual(stream.identity, FileIdentity.of(path))
        expectEqual(stream.identity?.size, text.utf8.count)
        expectEqual(FileStream(standardInput: ()).identity, nil)
    }

    /// Story text of a given length (whole sentences, then cut), multi-byte letters included.
    static func story(_ length: Int) -> [UInt8] {
        var text: [UInt8] = []
        let sentence = Array("Officials in Almaty said on Tuesday that the talks with Zürich’s envoy would go on. ".utf8)
        while text.count < length { text += sentence }
        return Array(text.prefix(length))
    }

    @Test(arguments: [1, 85, 4095, 65536, 65537, 300_001])
    func aFileIsReadWholeByItsSize(length: Int) throws {
        let dir = TemporaryDirectory()
        let bytes = Self.story(length)
        let path = dir.write("in/story.txt", bytes)
        expectEqual(try FileStream(path: path).readWhole(limit: 1 << 20), bytes)
        var plain = try FileStream(path: path)
        expectEqual(try plain.readAll(limit: 1 << 20), bytes)
    }

    @Test func aFileThatChangedAfterItsOpeningIsReadToItsEnd() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("in/story.txt", Self.story(1000))
        // Longer than fstat said at the opening: the bytes added are read too.
        let growing = try FileStream(path: path)
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(Self.story(5000)))
        try handle.close()
        expectEqual(try growing.readWhole(limit: 1 << 20), Self.story(1000) + Self.story(5000))
        // Shorter: what is left.
        let shrinking = try FileStream(path: path)
        expectEqual(truncate(path, 300), 0)
        expectEqual(try shrinking.readWhole(limit: 1 << 20), Self.story(300))
        // Emptied: nothing.
        let emptied = try FileStream(path: path)
        expectEqual(truncate(path, 0), 0)
        expectEqual(try emptied.readWhole(limit: 1 << 20), [])
    }

    @Test func aFileOverTheLimitIsRefusedAsBefore() throws {
        let dir = TemporaryDirectory()
        for length in [(1 << 20) + 1, 3 << 20] {
            let path = dir.write("in/big-\(length).txt", Self.story(length))
            var message: [String] = []
            for whole in [true, false] {
                do {
                    var stream = try FileStream(path: path)
                    _ = try whole ? stream.readWhole(limit: 1 << 20) : stream.readAll(limit: 1 << 20)
                    Issue.record("read over the limit")
                } catch {
                    message.append("\(error)")
                }
            }
            #expect(message.count == 2 && message[0] == message[1])
            expectEqual(message.first?.hasPrefix("the document is larger than the 1 MB limit"), true)
        }
        // Exactly the limit is read.
        let path = dir.write("in/exact.txt", Self.story(1 << 20))
        expectEqual(try FileStream(path: path).readWhole(limit: 1 << 20).count, 1 << 20)
    }

    @Test func oneWalkListsEachFileOnceAndSeveralWalksDropRepeats() throws {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts(count: 3)
        dir.write("in/more/wire.jsonl", Repo.bytes("input/wire/coastal-wire.jsonl"))
        let walked = try files(dir).map(\.path)
        expectEqual(walked.count, 4)
        expectEqual(Set(walked).count, 4)
        #expect(walked.contains(dir.file("in/more/wire.jsonl")))
        // A folder and a file inside it, and a glob whose matches overlap: each file once.
        var resolver = InputResolver()
        let twice = try resolver.resolve([dir.file("in"), dir.file("in/more/wire.jsonl"), dir.file("in")]).map(\.path)
        expectEqual(twice, walked)
        var globbing = InputResolver()
        let overlapping = try globbing.resolve([dir.file("in/**")]).map(\.path)
        expectEqual(overlapping, walked)
    }

    @Test func aFolderNameIsSpelledAsSwiftReadsIt() {
        let names: [[UInt8]] = [
            Array("story-0000001.txt".utf8), Array("Zürich — “Bericht”.txt".utf8), Array("日本語のニュース.html".utf8), [],
            Array("emoji 😀.txt".utf8), Array("a\\b.txt".utf8),
            [0x61, 0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x61, 0xE2, 0x80], [0xFF, 0x2E, 0x74], [0x80],
        ]
        for bytes in names {
            let (spelled, escaped) = FileName.spelling(bytes)
            if !bytes.contains(0x5C), let plain = String(validating: bytes, as: UTF8.self) {
                #expect(!escaped && spelled == plain && Array(spelled.utf8) == bytes, "\(bytes)")
            } else {
                #expect(escaped, "\(bytes)")
            }
        }
        expectEqual(FileName.spelling([0x61, 0xC0, 0x80]).0, "a\\xC0\\x80")
        expectEqual(FileName.spelling(Array("a\\b".utf8)).0, "a\\\\b")
    }

    @Test func anOutputIsKnownByTheNameAtTheEndOfItsPath() {
        let names = InputResolver.NameList(["corpus.jsonl", "corpus.errors.jsonl", "Zürich.jsonl", ""])
        let paths = ["out/corpus.jsonl", "corpus.jsonl", "/a/b/corpus.errors.jsonl", "out/Zürich.jsonl", "out/",
                     "out/corpus.jsonl.gz", "out/xcorpus.jsonl", "corpus.jsonl/x", "Zürich.json", ""]
        for path in paths {
            expectEqual(names.contains(lastComponentOf: path), names.contains(InputResolver.lastComponent(of: path)), "\(path)")
        }
        expectEqual(paths.filter { names.contains(lastComponentOf: $0) }, ["out/corpus.jsonl", "corpus.jsonl", "/a/b/corpus.errors.jsonl",
                                                                       "out/Zürich.jsonl", "out/", ""])
    }

    /// Dedup keeps id hashes in its index files: FNV-1a over the id's UTF-8 bytes, then
    /// `WordTokenizer.finish`. The values below were computed from that definition apart from
    /// the code (Python), so a change of the function fails here.
    @Test func dedupIDHashesAreThoseItsIndexFilesHold() {
        expectEqual(DedupIndex.idHash("news/2026/12/story-0000001.txt"), 0xfa7a_7bb5_f46e_6e84)
        expectEqual(DedupIndex.idHash("Zürich — “Bericht” #7"), 0x61af_1013_b4b9_84af)
        expectEqual(DedupIndex.idHash(""), 0xefd0_1f60_ba99_2926)
        // A substring's string (not native until copied) hashes as its bytes do.
        let line = "wire/stories.jsonl#12 and more"
        let id = String(line.prefix(21))
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in "wire/stories.jsonl#12".utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        expectEqual(DedupIndex.idHash(id), WordTokenizer.finish(h))
    }
}
