import Foundation
import Testing
@testable import TextMill

/// The end of a run waits for the disk (issue 17, session 18): the part files are synced at once
/// (`CheckedIO.startSync`), while dedup saves its state, and the kernel is asked to write each
/// megabyte of the parts and of dedup's records as it comes (`CheckedIO.startWriteback`), so the
/// syncs find most of it written. None of it may change a byte of the outputs or a failure's report.
@Suite struct PartSyncTests {
    /// `count` stories a line, each of its own words (drawn from a news vocabulary by a fixed
    /// generator, so no two are near copies for dedup): about 800 bytes a line.
    func stories(_ count: Int) -> String {
        let words = ["harbour", "authority", "said", "Tuesday", "night", "crossings", "islands", "would", "resume",
                     "ferry", "crews", "timetable", "director", "fishermen", "port", "blocked", "quay", "January",
                     "spokeswoman", "regional", "council", "budget", "service", "reviewed", "spring", "minister",
                     "talks", "capital", "protesters", "police", "officials", "election", "votes", "counted",
                     "border", "trade", "tariffs", "farmers", "prices", "storm", "coast", "rescue", "hikers",
                     "court", "ruling", "appeal", "company", "shares", "fell", "market", "workers", "strike",
                     "hospital", "doctors", "school", "teachers", "bridge", "repairs", "train", "delays"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var out = ""
        for n in 1...count {
            var paragraphs: [String] = []
            for _ in 0..<4 {
                var sentence = (0..<14).map { _ in words[next() % words.count] }.joined(separator: " ")
                sentence = sentence.prefix(1).uppercased() + sentence.dropFirst() + "."
                paragraphs.append(sentence)
            }
            let text = "Story \(n)\n\n" + paragraphs.joined(separator: "\n\n")
            out += "{\"id\":\"story-\(n)\",\"text\":\(JSONValue.string(text).jsonText)}\n"
        }
        return out
    }

    @Test func recordsOverManyWritebacksAreTheOnesWrittenWithoutState() throws {
        // 6,000 stories: about 2.5 MB of records and more of dedup's, so each part is flushed (and its writeback asked
        // for) several times, and dedup's record store passes megabyte after megabyte.
        let dir = TemporaryDirectory()
        _ = dir.write("in/news.jsonl", stories(6000))
        for jobs in [1, 2] {
            let yaml = "input: \(dir.file("in"))\noutput: \(dir.file("out-\(jobs)/corpus.jsonl"))\nstages: [normalize, sentences, dedup]\n"
            let config = try ConfigLoader().parse(yaml, path: dir.file("pipeline.yaml"))
            let summary = try Runner(config: config, options: RunOptions(jobs: jobs)).run()
            #expect(summary.written == 6000 && summary.failed == 0 && summary.duplicates == 0)
            // The same run keeping no state writes its records straight to the outputs.
            let direct = "input: \(dir.file("in"))\noutput: \(dir.file("direct-\(jobs)/corpus.jsonl"))\nstages: [normalize, sentences, dedup]\n"
            _ = try Runner(config: try ConfigLoader().parse(direct, path: dir.file("direct.yaml")),
                           options: { var o = RunOptions(jobs: jobs); o.keepState = false; return o }()).run()
            let kept = dir.read("out-\(jobs)/corpus.jsonl")
            #expect(kept.utf8.count > 2 << 20)
            expectEqual(kept, dir.read("direct-\(jobs)/corpus.jsonl"))
            let records = try dir.records("out-\(jobs)/corpus.jsonl")
            expectEqual(records.map { $0["id"]?.stringValue ?? "" }, (1...6000).map { "story-\($0)" })
        }
        expectEqual(dir.read("out-1/corpus.jsonl"), dir.read("out-2/corpus.jsonl"))
    }

    @Test func syncingFilesAtOnceReportsTheFirstThatFailedInOrder() throws {
        let dir = TemporaryDirectory()
        let a = dir.write("a.jsonl", "{\"id\":\"a\"}\n")
        let b = dir.write("b.jsonl", "{\"id\":\"b\"}\n")
        let fa = open(a, O_WRONLY), fb = open(b, O_WRONLY)
        defer { close(fa); close(fb) }
        try CheckedIO.startSync([(fd: fa, path: a), (fd: fb, path: b)]).wait()
        // -1 is no descriptor: its sync fails with EBADF, and the first such file in the list is named.
        do {
            try CheckedIO.startSync([(fd: fa, path: a), (fd: -1, path: "second.jsonl"), (fd: -1, path: "third.jsonl"), (fd: fb, path: b)]).wait()
            Issue.record("a sync of no descriptor did not fail")
        } catch let e as WriteError {
            #expect(e.path == "second.jsonl" && e.action == "sync" && e.code == EBADF)
            expectEqual("\(e)", "cannot sync 'second.jsonl': Bad file descriptor")
        }
    }

    /// A write call that takes no bytes and sets no error is reported as what it is: it looped
    /// for ever in `CheckedIO.write`, and the dedup index's own loop reported whatever `errno`
    /// an earlier call had left.
    @Test func aWriteThatTakesNoBytesIsReportedAsSuch() throws {
        var calls = 0
        do {
            try CheckedIO.writeAll(Array("{\"id\":\"a\"}\n".utf8), path: "corpus.jsonl") { _, done, count in
                calls += 1
                return done == 0 ? 4 : 0
            }
            Issue.record("a write that took no bytes did not fail")
        } catch let e as WriteError {
            expectEqual(calls, 2)
            expectEqual("\(e)", "cannot write 'corpus.jsonl': the system wrote 0 of 7 bytes and gave no error")
            expectEqual(e.fix, "fix the cause")
        }
        // Short writes and EINTR go on to the end.
        var written: [UInt8] = []
        var interrupted = false
        try CheckedIO.writeAll(Array("hello".utf8), path: "x") { base, done, count in
            if !interrupted { interrupted = true; errno = EINTR; return -1 }
            written.append(base.load(fromByteOffset: done, as: UInt8.self))
            return 1
        }
        expectEqual(written, Array("hello".utf8))
    }

    @Test func aWritebackTheSystemRefusesIsOnlyAHint() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("part.output", String(repeating: "{\"id\":\"x\"}\n", count: 1000))
        let fd = open(path, O_WRONLY)
        defer { close(fd) }
        #expect(CheckedIO.startWriteback(fd, from: 0, length: 11_000))
        // A pipe has no pages to write back: refused (ESPIPE), which the writers take as "stop asking".
        var fds: [Int32] = [0, 0]
        expectEqual(pipe(&fds), 0)
        defer { close(fds[0]); close(fds[1]) }
        #expect(!CheckedIO.startWriteback(fds[1], from: 0, length: 10))
    }
}
