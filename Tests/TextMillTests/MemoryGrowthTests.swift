import Foundation
import Testing
@testable import TextMill

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The README's promise on one large document: memory grows in step with the document, as
/// steeply as its "Bad input" row says. `quotes` once took 70× on news prose full of quotations,
/// `explain quotes` 225×, `normalize` 87× on a text of millions of one-letter lines. Each test
/// runs the `textmill` binary (the debug build beside the tests) as a child on a document of N
/// and of 4N bytes and compares the growth of its peak memory (the child's own anonymous memory
/// at its peak: `peakMemory`) with the growth of the document: no clock.
@Suite(.serialized) struct MemoryGrowthTests {
    /// Sizes of the two documents: the difference (768 KB) takes the debug build a few seconds.
    static let small = 256 << 10
    static let large = 1 << 20

    /// Growth a byte of `quotes` (and `explain quotes`) on prose that is mostly quotations: the
    /// README gives 13× on news and 19× on text all quotations (release build); the debug build
    /// measured 21–23 on this text at 1 and 4 MB.
    static let quotesBound = 30.0

    /// Real-looking news: paragraphs of reported speech with speakers, roles, cues and quotation
    /// marks, numbers varied so that no two paragraphs are alike.
    static func news(bytes: Int) -> String {
        let speakers = ["Maria Lopez", "James Chen", "Aisha Bello", "Tom Fischer", "Nadia Karimova", "Peter Olsen"]
        let roles = ["a spokeswoman for the union", "the city's finance director", "a senior analyst at the institute",
                     "the mayor", "a lawyer for the families", "an opposition councillor"]
        var out = "Harbor City council passes budget after a night of debate\n\n"
        var n = 0
        while out.utf8.count < bytes {
            n += 1
            let s = speakers[n % speakers.count], r = roles[(n / 6) % roles.count]
            let surname = s.split(separator: " ").last!
            switch n % 5 {
            case 0:
                out += "“We will not accept a budget that cuts \(n % 90 + 10) teaching posts,” said \(s), \(r). “Families were promised better than this.”\n\n"
            case 1:
                out += "The council voted \(n % 7 + 5) to \(n % 4 + 1) on Tuesday after a debate that ran past midnight. \(s) said the city had already lost \(n % 300) classroom assistants since 2019.\n\n"
            case 2:
                out += "According to \(s), \(r), the deficit will reach $\(n % 50 + 3) million next year unless the port fees are raised. \(surname) told reporters the figure was “a conservative estimate.”\n\n"
            case 3:
                out += "\(s) described the plan as “fair to everyone who pays for it” and added that the vote on \(n % 28 + 1) March would decide the rest.\n\n"
            default:
                out += "“This protects the services people use every day,” \(surname) said. “It is not the budget we wanted, but it is the one we can pay for.”\n\n"
            }
        }
        return out
    }

    /// A text of one-letter lines: each becomes a paragraph of its own after `normalize`.
    static func letterLines(bytes: Int) -> String { String(repeating: "a\n", count: bytes / 2) }

    /// The peak anonymous memory (bytes) of `textmill` run with `arguments`, and its exit status,
    /// from `Fixtures/memory/anonymous_peak.py`: RssAnon read at each of the run's system calls
    /// and at its exit, under ptrace (anonymous memory only shrinks by a system call, so the
    /// largest reading is its peak). The peak resident memory (`ru_maxrss`) it measured before
    /// also counted about 28 MB of the binary's and libraries' pages, which the kernel maps more
    /// or fewer of as memory on the machine comes and goes: `quotes` once measured 39 against the
    /// bound 30 under load (20–23 alone); with the small run's file pages reclaimed as it ran
    /// (`process_madvise(MADV_PAGEOUT)`) it measured 29.8 by `ru_maxrss`, 20.3 by this. Where
    /// the system refuses ptrace the script gives `ru_maxrss`, as before.
    static func peakMemory(_ arguments: [String]) throws -> (bytes: Int, status: Int32) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Repo.path("Tests/TextMillTests/Fixtures/memory/anonymous_peak.py"), CommandLineTests.binary] + arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let answer = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let fields = answer.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
        guard p.terminationStatus == 0, fields.count == 3, let status = Int32(fields[0]),
              let kilobytes = Int(fields[1]) else {
            throw DocumentError("anonymous_peak.py answered '\(answer)' (exit status \(p.terminationStatus))")
        }
        return (kilobytes * 1024, status)
    }

    /// Peak memory of `arguments(path)` on `small` and `large` documents made by `make`; returns
    /// the growth of the peak per byte of growth of the document.
    static func growth(_ make: (Int) -> String, _ arguments: (String, TemporaryDirectory) -> [String]) throws -> Double {
        let dir = TemporaryDirectory()
        var peaks: [Int] = []
        var sizes: [Int] = []
        for size in [small, large] {
            let text = make(size)
            let path = dir.write("doc-\(size).txt", text)
            let (peak, status) = try peakMemory(arguments(path, dir))
            expectEqual(status, 0, "textmill \(arguments(path, dir).joined(separator: " ")) exited with \(status)")
            peaks.append(peak)
            sizes.append(text.utf8.count)
        }
        return Double(peaks[1] - peaks[0]) / Double(sizes[1] - sizes[0])
    }

    /// `textmill run` with `stages` on one document.
    static func run(_ stages: [String]) -> (String, TemporaryDirectory) -> [String] {
        { path, dir in
            let name = (path as NSString).lastPathComponent
            let config = dir.write("\(name).yaml", "input: \(path)\noutput: \(dir.file("out-\(name)/corpus.jsonl"))\nstages: [\(stages.joined(separator: ", "))]\n")
            return ["run", config, "--jobs", "1", "--quiet"]
        }
    }

    @Test func quotesOnNewsGrowsWithinTheReadmeBound() throws {
        let perByte = try Self.growth(Self.news, Self.run(["sentences", "quotes"]))
        #expect(perByte <= Self.quotesBound, "peak memory grew \(perByte) bytes a byte of news")
    }

    @Test func explainQuotesKeepsABoundedTrace() throws {
        let perByte = try Self.growth(Self.news) { path, _ in ["explain", "quotes", path] }
        #expect(perByte <= Self.quotesBound, "peak memory grew \(perByte) bytes a byte of news")
    }

    @Test func normalizeOnMillionsOfOneLetterLines() throws {
        let perByte = try Self.growth(Self.letterLines, Self.run(["normalize"]))
        #expect(perByte <= MemoryGrowthTests.letterLinesBound, "peak memory grew \(perByte) bytes a byte of one-letter lines")
    }

    /// What a text of one-letter lines needs under `normalize`: its record holds a paragraph
    /// span, about 34 bytes of JSON, for every 2 bytes of text (README, "Bad input": 30×; it
    /// was 83×).
    static let letterLinesBound = 45.0

    /// Words of 2 to 10 random letters (a fixed generator), as many as fill `bytes`: the text
    /// that makes the filter's per-word tables largest for its size (few repeats, short words).
    static func randomWords(bytes: Int) -> String {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33) % n
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes + 12)
        while out.count < bytes {
            for _ in 0..<(2 + next(9)) { out.append(UInt8(ascii: "a") + UInt8(next(26))) }
            out.append(0x20)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `filter` on random words: every character is kept as a scalar with its class, every word
    /// as a range, a hash and two prefix sums, and each n-gram rule counts in a table of a slot
    /// or two a word (README, "Bad input"). It took 27× in the release build from 4 to 16 MB
    /// (16 MB: 455 MB): each class took 4 bytes, the words with content were kept as a second
    /// array of ranges, and the n-gram table was up to 4 slots (64 bytes) a word.
    @Test func filterOnRandomWordsGrowsWithinTheReadmeBound() throws {
        let perByte = try Self.growth(Self.randomWords, Self.run(["filter"]))
        #expect(perByte <= Self.filterBound, "peak memory grew \(perByte) bytes a byte of random words")
    }

    /// What `filter` may take a byte of random words in the debug build, 256 KB → 1 MB: the
    /// README's 17× (release, 4 → 16 MB) with some room. Measured as the anonymous peak: 15.2
    /// (`/usr/bin/time`'s peak RSS of the same runs: 15.0). The 4.9 first written here was a
    /// `ru_maxrss` reading inside the test process, which counts the binary's file pages and
    /// read low; before the tables were made smaller (session 19) the release build took 27×.
    static let filterBound = 20.0

    /// A record of a megabyte or more goes to its output on its own rather than through the
    /// writer's buffer (where it was held twice): it lands in its place among the others, in the
    /// output file and on stdout alike.
    @Test func aLargeRecordIsWrittenInItsPlace() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "The council met on Tuesday.\n")
        dir.write("in/b.txt", Self.news(bytes: 1_200_000))
        dir.write("in/c.txt", "The vote was delayed until March.\n")
        let config = dir.write("p.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [normalize]\n")
        let run = try CommandLineTests().textmill(["run", config, "--jobs", "1", "--quiet"])
        expectEqual(run.status, 0)
        let piped = try CommandLineTests().textmill(["run", config, "--jobs", "1", "--quiet", "--output", "-"])
        expectEqual(piped.status, 0)
        let records = try dir.records("out/corpus.jsonl")
        expectEqual(records.map { $0["id"]?.stringValue }, ["a.txt", "b.txt", "c.txt"].map { dir.file("in/" + $0) })
        #expect(records.map { $0["text"]?.stringValue?.utf8.count ?? 0 }[1] > 1 << 20)
        expectEqual(piped.stdout, dir.read("out/corpus.jsonl"))
    }

    /// `explain quotes` keeps the steps of the first `QuoteTrace.keptCandidates` candidates and
    /// says how many steps of later ones it left out.
    @Test func explainKeepsTheFirstCandidatesAndSaysWhatItLeftOut() {
        let paragraph = "“We will not accept this budget,” said Maria Lopez, a spokeswoman for the union."
        let count = QuoteTrace.keptCandidates + 100
        let text = Array(Array(repeating: paragraph, count: count).joined(separator: "\n\n").utf8)
        let trace = QuoteExtractor().explain(in: text, paragraphs: Paragraphs.spans(in: text), sentences: [])
        #expect(trace.contains("\ncandidates: \(QuoteTrace.keptCandidates), quotations: \(count)\n"))
        #expect(trace.contains("\nleft out: 300 steps of the candidates met after the first 2000 (the trace keeps that many, so a long document is explained in bounded memory); to see them, explain a part of the document\n"))
        expectEqual(trace.components(separatedBy: "  => direct, speaker \"Maria Lopez\"").count - 1, QuoteTrace.keptCandidates)
    }
}
