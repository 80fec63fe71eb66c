import Foundation
import Testing
@testable import TextMill

/// DESIGN.md "Bad input": each case gets a clear entry in errors.jsonl, the other documents are
/// processed, the run exits 1 and every input document is accounted for.
@Suite struct BadInputTests {
    /// A real document from the sample corpus, as the good input next to each bad one.
    let good = Repo.bytes("input/rfe-chinese-envoy-undiplomatic.txt")

    func run(_ dir: TemporaryDirectory, extra: String = "") throws -> (RunSummary, [JSONObject], [JSONObject]) {
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            \(extra)
            stages:
              - normalize
            """, in: dir)
        return (summary, try dir.records("out/corpus.jsonl"), try dir.records("out/corpus.errors.jsonl"))
    }

    func expectOneFailure(_ dir: TemporaryDirectory, _ fragment: String, id: String? = nil, line: Int? = nil, extra: String = "") throws {
        let (summary, records, errors) = try run(dir, extra: extra)
        expectEqual(summary.exitStatus, 1)
        expectEqual(records.count, 1, "the good document is still processed")
        expectEqual(records.first?["id"]?.stringValue?.hasSuffix("in/good.txt"), true)
        expectEqual(errors.count, 1)
        let reason = errors.first?["reason"]?.stringValue ?? ""
        #expect(reason.contains(fragment), "reason was: \(reason)")
        expectEqual(errors.first?["stage"]?.stringValue, "read")
        if let id { expectEqual(errors.first?["id"]?.stringValue?.hasSuffix(id), true) }
        if let line { expectEqual(errors.first?["line"]?.intValue, line) }
    }

    @Test func emptyFile() throws {
        let dir = TemporaryDirectory()
        dir.write("in/good.txt", good)
        dir.write("in/empty.txt", [])
        try expectOneFailure(dir, "the file is empty", id: "in/empty.txt")
    }

    /// A .gz file of 0 bytes said "the gzip data ends too early (the file is truncated)". (A
    /// JSONL file's read failures are its lines': PATH#1.)
    @Test(arguments: [("in/empty.txt.gz", "in/empty.txt.gz"), ("in/empty.jsonl.gz", "in/empty.jsonl.gz#1")])
    func emptyCompressedFile(name: String, id: String) throws {
        let dir = TemporaryDirectory()
        dir.write("in/good.txt", good)
        dir.write(name, [])
        try expectOneFailure(dir, "the file is empty (0 bytes: not even a gzip header)", id: id)
    }

    /// Bytes after a whole gzip member that start no other member said "the gzip data is
    /// corrupt (incorrect header check)", as if the compressed text were damaged.
    @Test func bytesAfterTheGzipDataAreNamedTrailingGarbage() throws {
        let dir = TemporaryDirectory()
        dir.write("in/good.txt", good)
        let gzip = GzipWriter()
        dir.write("in/tail.txt.gz", gzip.compress(good) + gzip.finish() + Array("<!-- saved by a proxy -->\n".utf8))
        try expectOneFailure(dir, "the gzip data is followed by bytes that are not gzip (trailing garbage, which gzip -d warns about and drops): reading stops there; cut them off, e.g. gzip -dc FILE | gzip > FIXED.gz", id: "in/tail.txt.gz")
    }

    /// A second gzip member (`cat a.gz b.gz`) whose header reads but whose compressed data is
    /// damaged is a damaged member, not bytes after the data: it was named trailing garbage
    /// (with the advice to cut it off), since its header and its damage came in one call.
    @Test func aDamagedSecondGzipMemberIsNamedCorruptNotTrailingGarbage() throws {
        let dir = TemporaryDirectory()
        dir.write("in/good.txt", good)
        let first = GzipWriter(), second = GzipWriter()
        var damaged = second.compress(good) + second.finish()
        damaged[10] = 0x07  // the first block's type: 3, which deflate does not have
        dir.write("in/two.txt.gz", first.compress(good) + first.finish() + damaged)
        try expectOneFailure(dir, "the gzip data is corrupt (invalid block type)", id: "in/two.txt.gz")
    }

    /// In a JSONL file the records before the trailing garbage are written and the failure is
    /// the line after them, so its message must not say the file fails whole (it said "the file
    /// fails whole rather than be read in part" under two records written).
    @Test func aJSONLFileKeepsItsRecordsBeforeTrailingGarbage() throws {
        let dir = TemporaryDirectory()
        let gzip = GzipWriter()
        let lines = "{\"text\":\"Rain fell on Tuesday.\"}\n{\"text\":\"The mill opened.\"}\n"
        dir.write("in/wire.jsonl.gz", gzip.compress(Array(lines.utf8)) + gzip.finish() + Array("<!-- saved by a proxy -->\n".utf8))
        let (summary, records, errors) = try run(dir)
        expectEqual(summary.exitStatus, 1)
        expectEqual(records.map { $0["text"]?.stringValue }, ["Rain fell on Tuesday.", "The mill opened."])
        expectEqual(errors.count, 1)
        expectEqual(errors.first?["line"]?.intValue, 3)
        expectEqual(errors.first?["reason"]?.stringValue, "the gzip data is followed by bytes that are not gzip (trailing garbage, which gzip -d warns about and drops): reading stops there; cut them off, e.g. gzip -dc FILE | gzip > FIXED.gz")
    }

    /// Zero bytes after the gzip data are padding (tar and block-sized writes leave it), which
    /// gzip -d and Python's gzip (the Spark job's reader) read past: they failed the file as
    /// trailing garbage, "which gzip -d warns about" (it does not), and the Spark job wrote the
    /// records textmill run failed. Padding after the second member too, and more than one read.
    @Test func zeroPaddingAfterTheGzipDataIsRead() throws {
        let dir = TemporaryDirectory()
        dir.write("in/good.txt", good)
        let first = GzipWriter(), second = GzipWriter()
        dir.write("in/wire.jsonl.gz", first.compress(Array("{\"text\":\"Rain fell on Tuesday.\"}\n".utf8)) + first.finish()
                  + [UInt8](repeating: 0, count: 512)
                  + second.compress(Array("{\"text\":\"The mill opened.\"}\n".utf8)) + second.finish()
                  + [UInt8](repeating: 0, count: 200_000))
        let (summary, records, errors) = try run(dir)
        #expect(errors.isEmpty, "\(errors)")
        expectEqual(summary.exitStatus, 0)
        expectEqual(records.count, 3, "the good document and both records")
        #expect(records.contains { $0["text"]?.stringValue == "Rain fell on Tuesday." })
        #expect(records.contains { $0["text"]?.stringValue == "The mill opened." })
    }

    @Test func invalidUTF8() throws {
        let dir = TemporaryDirectory()
        dir.write("in/good.txt", good)
        // The same real text saved as cp1252: its curly apostrophes are single bytes now.
        let cp1252 = Array(String(decoding: good, as: UTF8.self).unicodeScalars.map { s -> UInt8 in
            s == "’" ? 0x92 : s == "“" ? 0x93 : s == "”" ? 0x94 : UInt8(truncatingIfNeeded: s.value)
        })
        dir.write("in/latin.txt", cp1252)
        let (summary, records, errors) = try run(dir)
        expectEqual(summary.exitStatus, 1)
        expectEqual(records.count, 1)
        let reason = errors.first?["reason"]?.stringValue ?? ""
        #expect(reason.contains("invalid UTF-8") && reason.contains("iconv"))
        expectEqual(errors.first?["line"]?.intValue, 28)  // the first ’ of the capture is on line 28
    }

    @Test func binaryFile() throws {
        let dir = TemporaryDirectory()
        dir.write("in/good.txt", good)
        dir.write("in/photo.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00] + Array(repeating: 0x00, count: 500))
        try expectOneFailure(dir, "binary file (JPEG image)", id: "in/photo.jpg")
    }

    @Test func binaryBytesInATextFile() throws {
        let dir = TemporaryDirectory()
        dir.write("in/good.txt", good)
        dir.write("in/corrupt.txt", Array(good.prefix(300)) + [0, 0, 0, 0] + Array(good.dropFirst(300)))
        try expectOneFailure(dir, "NUL byte", id: "in/corrupt.txt")
    }

    @Test func jsonlLineThatIsNotJSON() throws {
        let dir = TemporaryDirectory()
        dir.write("in/good.txt", good)
        let text = String(decoding: good.prefix(400), as: UTF8.self)
        let ok = JSONValue.object(JSONObject([("id", "a"), ("text", .string(text))])).jsonText
        dir.write("in/records.jsonl", ok + "\n" + #"{"id": "b", "text": "unterminated"# + "\n")
        let (summary, records, errors) = try run(dir)
        expectEqual(summary.exitStatus, 1)
        let ids = records.compactMap { $0["id"]?.stringValue }
        #expect(ids.count == 2 && ids[0].hasSuffix("in/good.txt") && ids[1] == "a", "\(ids)")
        expectEqual(errors.count, 1)
        expectEqual(errors.first?["id"]?.stringValue?.hasSuffix("records.jsonl#2"), true)
        expectEqual(errors.first?["line"]?.intValue, 2)
        expectEqual(errors.first?["reason"]?.stringValue?.contains("not valid JSON"), true)
    }

    @Test func jsonlRecordWithoutText() throws {
        let dir = TemporaryDirectory()
        dir.write("in/good.txt", good)
        dir.write("in/records.jsonl", #"{"id": "x", "body": "the text is in the wrong field"}"# + "\n"
            + #"{"body": "no id and no text either"}"# + "\n")
        let (_, _, errors) = try run(dir)
        // The record's own id names it in the errors file, as in the output (it was records.jsonl#1,
        // though the record says it is "x"); a record without one is PATH#LINE.
        expectEqual(errors.map { [$0["id"]?.stringValue, $0["reason"]?.stringValue, $0["line"]?.intValue.map(String.init)] }, [
            ["x", "line 1 has neither a \"text\" nor an \"html\" string field (fields: id, body)", "1"],
            [dir.file("in/records.jsonl#2"), "line 2 has neither a \"text\" nor an \"html\" string field (fields: body)", "2"],
        ])
    }

    /// A link that leads nowhere was reported as "the file vanished before it could be read":
    /// nothing vanished, and the message did not say where the link points. (This replaces
    /// `fileThatVanishesMidRun`, which used such a link to stand for a vanished file; a file
    /// deleted between listing and reading is `fileDeletedAfterListing`, still "vanished".)
    @Test func aSymbolicLinkThatLeadsNowhere() throws {
        let dir = TemporaryDirectory()
        dir.write("in/good.txt", good)
        try FileManager.default.createSymbolicLink(atPath: dir.file("in/moved.txt"), withDestinationPath: "../archive/moved.txt")
        let (_, records, errors) = try run(dir)
        expectEqual(records.count, 1)
        expectEqual(errors.map { $0["reason"]?.stringValue }, [
            "'\(dir.file("in/moved.txt"))' is a symbolic link to '../archive/moved.txt', which does not exist: fix or remove the link",
        ])
    }

    @Test func fileDeletedAfterListing() throws {
        let dir = TemporaryDirectory()
        dir.write("in/good.txt", good)
        let doomed = dir.write("in/doomed.txt", good)
        var resolver = InputResolver()
        let files = try resolver.resolve([dir.file("in")])
        try FileManager.default.removeItem(atPath: doomed)
        var items: [InputItem] = []
        for f in files { try SourceReader().read(f) { items.append($0) } }
        expectEqual(items.count, 2)
        guard case .failure(let e) = items[0] else { Issue.record("expected a failure first"); return }
        #expect(e.reason.contains("vanished"))
        guard case .document = items[1] else { Issue.record("expected the good document"); return }
    }

    @Test func enormousSingleLine() throws {
        let dir = TemporaryDirectory()
        dir.write("in/good.txt", good)
        // 12 MB on one line, made of the real text with its line breaks turned into spaces.
        let line = String(decoding: good, as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
        let big = String(repeating: line, count: 12_000_000 / line.utf8.count + 1)
        dir.write("in/huge.txt", big)
        let jsonl = JSONValue.object(JSONObject([("text", .string(big))])).jsonText
        dir.write("in/huge.jsonl", jsonl + "\n")
        // Under the limit both are processed; over it both fail cleanly with the limit named.
        let (summary, records, _) = try run(dir)
        expectEqual(summary.exitStatus, 0)
        expectEqual(records.count, 3)
        let limited = TemporaryDirectory()
        limited.write("in/good.txt", good)
        limited.write("in/huge.txt", big)
        limited.write("in/huge.jsonl", jsonl + "\n")
        let (s2, r2, e2) = try run(limited, extra: "max_document_mb: 8")
        expectEqual(s2.exitStatus, 1)
        expectEqual(r2.count, 1)
        expectEqual(e2.count, 2)
        #expect(e2.allSatisfy { $0["reason"]?.stringValue?.contains("max_document_mb") == true })
    }

    @Test func everyInputIsAccountedFor() throws {
        let dir = TemporaryDirectory()
        dir.writeSampleTexts()
        dir.write("in/empty.txt", [])
        dir.write("in/records.jsonl", #"{"text": "One good record."}"# + "\nnot json\n" + #"{"text": "Another."}"# + "\n")
        let (summary, records, errors) = try run(dir)
        expectEqual(records.count + errors.count, summary.items)
        expectEqual(records.count, 7)
        expectEqual(errors.count, 2)
    }
}

/// Bad markup, read through cleanup.
@Suite struct BadMarkupTests {
    func run(_ dir: TemporaryDirectory) throws -> (RunSummary, [JSONObject], [JSONObject]) {
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages: [cleanup, normalize]
            """, in: dir)
        return (summary, try dir.records("out/corpus.jsonl"), try dir.records("out/corpus.errors.jsonl"))
    }

    @Test func brokenHTMLStillYieldsItsText() throws {
        let dir = TemporaryDirectory()
        // The sample page cut off in the middle of a tag, with unclosed elements.
        let page = Repo.bytes("input/harbor-city-council-budget.html")
        let cut = String(decoding: page, as: UTF8.self).range(of: "<h2>A wall")!.lowerBound
        let broken = String(String(decoding: page, as: UTF8.self)[..<cut]) + "<h2>A wall, two pumps and a pro"
        dir.write("in/broken.html", broken)
        let (summary, records, errors) = try run(dir)
        expectEqual(summary.exitStatus, 0, "\(errors)")
        expectEqual(records.first?["text"]?.stringValue?.contains("voted 7–4 shortly before midnight"), true)
    }

    /// A page with no visible text at all (scripts and styles are never text) is an error. A page
    /// whose only text is a menu gives that text: cleanup falls back rather than give up (issue 13).
    @Test func htmlWithNothingUsableIsAnError() throws {
        let dir = TemporaryDirectory()
        dir.write("in/good.html", Repo.bytes("input/harbor-city-council-budget.html"))
        dir.write("in/empty-shell.html", "<html><head><title></title><script>var x = 1;</script><style>p{}</style></head><body><div>  </div></body></html>")
        let (summary, records, errors) = try run(dir)
        expectEqual(summary.exitStatus, 1)
        expectEqual(records.count, 1)
        expectEqual(errors.first?["id"]?.stringValue?.hasSuffix("empty-shell.html"), true)
        expectEqual(errors.first?["stage"]?.stringValue, "cleanup")
    }

    @Test func xmlThatIsNotWellFormed() throws {
        let dir = TemporaryDirectory()
        // The sample feed, truncated inside its second item.
        let feed = String(decoding: Repo.bytes("input/feeds/coastal-news.rss"), as: UTF8.self)
        let cut = feed.range(of: "<dc:creator>Lena Ibrahim")!.lowerBound
        dir.write("in/feed.rss", String(feed[..<cut]))
        dir.write("in/garbage.xml", "<?xml version=\"1.0\"?>\n<<<< not xml at all >>>>\n")
        let (summary, records, errors) = try run(dir)
        expectEqual(summary.exitStatus, 1)
        // What recover mode kept is in the output, and the damage is reported with its place.
        #expect(records.contains { $0["text"]?.stringValue?.contains("Gull Island") == true })
        let feedError = try #require(errors.first { $0["id"]?.stringValue?.hasSuffix("feed.rss") == true })
        expectEqual(feedError["reason"]?.stringValue?.contains("not well formed"), true)
        #expect(feedError["line"]?.intValue != nil)
        let garbage = try #require(errors.first { $0["id"]?.stringValue?.hasSuffix("garbage.xml") == true })
        expectEqual(garbage["line"]?.intValue, 2)
    }
}

/// Inputs named directly that are no regular file.
@Suite struct SpecialFileInputTests {
    /// A Unix socket named as the input: open(2) fails with ENXIO, and the errors file said
    /// "cannot open 'PATH': No such device or address", which names no cause. Now it says what
    /// the path is and what to name instead.
    @Test func aSocketNamedAsTheInputIsNamedAsASocket() throws {
        let dir = TemporaryDirectory()
        let path = dir.file("feed.txt")
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        try #require(bytes.count < MemoryLayout.size(ofValue: address.sun_path))
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0)
        let summary = try runPipeline("""
            input: \(path)
            output: \(dir.file("out/corpus.jsonl"))
            stages: [normalize]
            """, in: dir)
        expectEqual(summary.exitStatus, 1)
        expectEqual(try dir.records("out/corpus.errors.jsonl").map { $0["reason"]?.stringValue },
                    ["'\(path)' is a socket, which cannot be opened to be read: name a file or a pipe"])
    }
}
