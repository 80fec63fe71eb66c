import Foundation
import Testing
@testable import TextMill

/// WARC and WET input read by TextMill, checked record by record against what warcio reads from
/// the same files (`Fixtures/warc/make_warc.py` recorded them from a local HTTP server with
/// warcio's capture_http and wrote warcio's reading to `expected.json`).
@Suite struct WARCReaderTests {
    static let folder = "Tests/TextMillTests/Fixtures/warc/"

    /// What a file reads as: documents, skip counters and failures, in order.
    struct Reading {
        var documents: [Document] = []
        var skipped: [String: Int] = [:]
        var failures: [ErrorRecord] = []
        var sha: String?
    }

    static func read(_ path: String, limit: Int = PipelineConfig.defaultMaxDocumentBytes) throws -> Reading {
        let file = InputFile.classify(path)
        let reader = SourceReader(settings: ReadSettings(maxDocumentBytes: limit))
        var out = Reading()
        out.sha = try reader.scan(file) { scanned in
            switch scanned {
            case .raw(let raw):
                switch reader.decode(raw) {
                case .document(let d): out.documents.append(d)
                case .failure(let e): out.failures.append(e)
                }
            case .item(.document(let d)): out.documents.append(d)
            case .item(.failure(let e)): out.failures.append(e)
            case .skipped(let name): out.skipped[name, default: 0] += 1
            }
        }
        return out
    }

    /// warcio's reading of each fixture, from `expected.json`.
    static func expected(_ name: String) throws -> [JSONObject] {
        let all = try JSONParser.parse(Repo.bytes(folder + "expected.json"))
        return try #require(all.objectValue?[name]?.arrayValue).map { try #require($0.objectValue) }
    }

    /// The records warcio reads that TextMill makes documents of: 2xx HTML or text responses,
    /// text resource and conversion records.
    static func isDocument(_ r: JSONObject) -> Bool {
        let type = r["type"]?.stringValue ?? ""
        let media = (r["content_type"]?.stringValue ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let text = ["text/html", "text/plain"].contains(media)
        switch type {
        case "response": return text && (200..<300).contains(r["status"]?.intValue ?? 0)
        case "resource", "conversion": return text
        default: return false
        }
    }

    static let crawlSkips = ["warc_warcinfo": 1, "warc_request": 9, "warc_metadata": 1, "warc_revisit": 1,
                             "warc_response_not_text": 1, "warc_response_not_2xx": 2]

    @Test(arguments: ["crawl.warc.gz", "crawl.warc", "crawl-onestream.warc.gz", "crawl.warc.wet"])
    func readsWhatWarcioReads(_ name: String) throws {
        let reading = try Self.read(Repo.path(Self.folder + name))
        let expected = try Self.expected(name)
        let documents = expected.filter(Self.isDocument)
        #expect(reading.failures.isEmpty, "\(reading.failures)")
        expectEqual(reading.documents.count, documents.count)
        for (doc, want) in zip(reading.documents, documents) {
            let id = try #require(want["id"]?.stringValue)
            expectEqual("<" + doc.id + ">", id)
            expectEqual(doc.meta["url"], want["url"])
            expectEqual(doc.meta["date"], want["date"])
            expectEqual(String(decoding: doc.text, as: UTF8.self), want["text"]?.stringValue, "\(id)")
            #expect(doc.source.format == .warc && doc.source.path.hasSuffix(name))
            let media = want["content_type"]?.stringValue ?? ""
            expectEqual(doc.content, (media.hasPrefix("text/html") ? .html : .plain))
        }
        // Every record is accounted for: a document or a skip counter.
        expectEqual(reading.documents.count + reading.skipped.values.reduce(0, +), expected.count)
        if name == "crawl.warc.wet" {
            expectEqual(reading.skipped, ["warc_warcinfo": 1])
            expectEqual(reading.documents.count, 5)
        } else {
            expectEqual(reading.skipped, Self.crawlSkips)
            // Six 2xx text responses (one legacy-charset, one chunked, one gzip, one deflate) and a resource.
            expectEqual(reading.documents.map { $0.source.record }, [2, 4, 6, 8, 10, 12, 22])
        }
        // The file's stored bytes are hashed for incremental runs.
        expectEqual(reading.sha, SHA256.hex(Repo.bytes(Self.folder + name)))
    }

    @Test func legacyCharsetComesFromHTTPAndChunkedAndGzipBodiesAreUndone() throws {
        let docs = try Self.read(Repo.path(Self.folder + "crawl.warc.gz")).documents
        func text(_ suffix: String) -> String {
            String(decoding: docs.first { $0.meta["url"]?.stringValue?.hasSuffix(suffix) == true }?.text ?? [], as: UTF8.self)
        }
        #expect(text("/legacy.html").contains("В среду городской совет обсудил новый парк у реки."))
        #expect(text("/chunked.html").contains("<p>Operators said a second train would follow in the autumn if demand held.</p></body></html>"))
        #expect(text("/gzip.html").contains("“They weigh every carrot,” their teacher said."))
        #expect(text("/deflate.html").contains("signed by 3,000 readers"))
        expectEqual(text("/notes.txt"), "Council meeting notes, 4 March.\nItems: the bridge repairs; the bus timetable; the spring fair.\nNext meeting: 1 April.\n")
        expectEqual(docs.first?.id.hasPrefix("urn:uuid:"), true)
    }

    @Test func truncatedGzipFailsTheCutRecordAndKeepsTheOnesBefore() throws {
        let reading = try Self.read(Repo.path(Self.folder + "truncated.warc.gz"))
        expectEqual(reading.documents.compactMap { $0.meta["url"]?.stringValue?.split(separator: "/").last.map(String.init) }, ["article.html", "legacy.html"])
        expectEqual(reading.skipped, ["warc_warcinfo": 1, "warc_request": 2])
        expectEqual(reading.failures.count, 1)
        let failure = try #require(reading.failures.first)
        expectEqual(failure.record, 6)
        #expect(failure.reason.contains("record 6 (at byte ") && failure.reason.contains("truncated"))
        #expect(failure.path.hasSuffix("truncated.warc.gz"))
        // The file was read to its end: as stored it is complete, and an incremental run need not read it again.
        expectEqual(reading.sha, SHA256.hex(Repo.bytes(Self.folder + "truncated.warc.gz")))
    }

    @Test func brokenGzipMemberFailsAloneAndTheRestIsRead() throws {
        let reading = try Self.read(Repo.path(Self.folder + "broken-member.warc.gz"))
        let expected = try Self.expected("crawl.warc.gz")
        // The legacy page's response (record 4) is damaged; every other record reads as before.
        expectEqual(reading.failures.count, 1)
        let failure = try #require(reading.failures.first)
        #expect(failure.record == 4 && failure.reason.contains("gzip data is corrupt"))
        expectEqual(reading.documents.map { "<" + $0.id + ">" }, expected.filter(Self.isDocument).map { $0["id"]?.stringValue ?? "" }.filter { !$0.isEmpty }.enumerated().filter { $0.offset != 1 }.map(\.element))
        expectEqual(reading.skipped, Self.crawlSkips)
    }

    @Test func wrongContentLengthFailsThatRecordOnly() throws {
        let reading = try Self.read(Repo.path(Self.folder + "bad-length.warc"))
        let expected = try Self.expected("crawl.warc")
        let chunked = try #require(expected.first { $0["type"] == "response" && $0["url"]?.stringValue?.hasSuffix("/chunked.html") == true })
        expectEqual(reading.failures.count, 1)
        let failure = try #require(reading.failures.first)
        expectEqual("<" + failure.id + ">", chunked["id"]?.stringValue)
        #expect(failure.record == 6 && failure.reason.contains("Content-Length"))
        expectEqual(reading.documents.count, 6)
        expectEqual(reading.skipped, Self.crawlSkips)
    }

    @Test func recordsOverTheLimitFailAloneUnread() throws {
        // 600 bytes: the larger pages (the article, the chunked page) are over it, the rest is not.
        let reading = try Self.read(Repo.path(Self.folder + "crawl.warc.gz"), limit: 600)
        #expect(reading.failures.allSatisfy { $0.reason.contains("above the 0 MB limit; raise max_document_mb") })
        expectEqual(reading.documents.count + reading.failures.count, 7)
        #expect(!reading.failures.isEmpty && !reading.documents.isEmpty)
        expectEqual(reading.skipped, Self.crawlSkips)
    }

    /// A record written by hand, for the cases a real server does not produce.
    static func record(_ type: String, id: String = "<urn:uuid:00000000-0000-0000-0000-000000000001>", contentType: String = "application/http; msgtype=response", block: String) -> String {
        "WARC/1.1\r\nWARC-Type: \(type)\r\nWARC-Record-ID: \(id)\r\nWARC-Date: 2026-03-04T05:06:07Z\r\n"
            + "WARC-Target-URI: https://news.example/a\r\nContent-Type: \(contentType)\r\nContent-Length: \(block.utf8.count)\r\n\r\n\(block)\r\n\r\n"
    }

    /// An empty WARC-Record-ID (`<>`, or nothing after the colon) is no id: such a record is
    /// `PATH#N`, as one without the field. It was the document's id "", which no `--id` names and
    /// under which every such record was one.
    @Test func anEmptyRecordIDIsNoID() throws {
        let dir = TemporaryDirectory()
        let page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>The mayor said the bridge would reopen in May.</p></body></html>"
        let warc = Self.record("response", id: "<>", block: page) + Self.record("response", id: "", block: page)
            + Self.record("response", id: "<urn:uuid:c>", block: page)
        let path = dir.write("empty-ids.warc", warc)
        let reading = try Self.read(path)
        expectEqual(reading.documents.map(\.id), ["\(path)#1", "\(path)#2", "urn:uuid:c"])
        #expect(reading.failures.isEmpty)
    }

    @Test func brokenHTTPBodiesFailAloneWithAReason() throws {
        let dir = TemporaryDirectory()
        let page = "<html><body><p>Fine.</p></body></html>"
        let warc = Self.record("response", id: "<urn:uuid:a>", block: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n\r\nxxxx")
            + Self.record("response", id: "<urn:uuid:b>", block: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n")
            + Self.record("response", id: "<urn:uuid:c>", block: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\nnot gzip at all")
            + Self.record("response", id: "<urn:uuid:d>", block: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page)
            + "this line is not a record\r\n"
            + Self.record("response", id: "<urn:uuid:e>", block: "HTTP/1.1 200 OK\r\n\r\n<!DOCTYPE html>" + page)
            + Self.record("response", id: "<urn:uuid:f>", block: "HTTP/1.1 204 No Content\r\n\r\n")
            + Self.record("response", id: "<urn:uuid:g>", block: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
            + Self.record("resource", id: "<urn:uuid:h>", contentType: "image/jpeg", block: "\u{FF}")
            + Self.record("response", id: "<urn:uuid:i>", contentType: "text/dns", block: "20260304 example.com. 300 IN A 192.0.2.1")
        let reading = try Self.read(dir.write("hand.warc", warc))
        // c's body does not start as gzip does: it is taken as stored already decoded, as warcio
        // reads it (WARCStoredDecodedBodyTests); it failed as "gzip data is corrupt" before.
        expectEqual(reading.documents.map(\.id), ["urn:uuid:c", "urn:uuid:d", "urn:uuid:e"])
        expectEqual(reading.documents.first.map { String(decoding: $0.text, as: UTF8.self) }, "not gzip at all")
        expectEqual(reading.failures.map(\.id), ["urn:uuid:a", "urn:uuid:b", "\(dir.file("hand.warc"))#5"])
        #expect(reading.failures[0].reason.hasSuffix("the HTTP body is in Content-Encoding 'br', which TextMill cannot undo (it reads gzip, deflate and identity)"))
        #expect(reading.failures[1].reason.hasSuffix("the chunked HTTP body is malformed at byte 0 of the body"))
        #expect(reading.failures[2].reason.contains("are not a WARC record"))
        expectEqual(reading.skipped, ["warc_response_not_text": 1, "warc_response_empty": 1, "warc_resource_not_text": 1, "warc_response_not_http": 1])
    }

    /// A WARC-Record-ID that is not UTF-8 was read with U+FFFD for its bad bytes, so records
    /// whose ids differed only there had one id. Such a record now fails under `path#N`; a real
    /// U+FFFD in an id is an id like any other, and a skipped record is skipped as before.
    @Test func aRecordIdThatIsNotUTF8FailsItsRecordAlone() throws {
        let dir = TemporaryDirectory()
        let page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>The ferry ran late.</p></body></html>"
        func bytes(_ record: String, badByte: UInt8? = nil) -> [UInt8] {
            let b = Array(record.utf8)
            guard let badByte, let at = b.firstIndex(of: UInt8(ascii: "#")) else { return b }
            return Array(b[..<at]) + [badByte] + Array(b[(at + 1)...])
        }
        let warc = bytes(Self.record("response", id: "<urn:uuid:#>", block: page), badByte: 0xFF)
            + bytes(Self.record("response", id: "<urn:uuid:#>", block: page), badByte: 0xFE)
            + bytes(Self.record("response", id: "<urn:uuid:\u{FFFD}>", block: page))
            + bytes(Self.record("request", id: "<urn:uuid:#>", contentType: "application/http; msgtype=request", block: "GET / HTTP/1.1\r\n\r\n"), badByte: 0xFF)
            + bytes(Self.record("response", id: "<urn:uuid:ok>", block: page))
        let path = dir.write("ids.warc", warc)
        let reading = try Self.read(path)
        expectEqual(reading.documents.map(\.id), ["urn:uuid:\u{FFFD}", "urn:uuid:ok"])
        expectEqual(reading.failures.map(\.id), ["\(path)#1", "\(path)#2"])
        expectEqual(reading.failures.first?.reason, "record 1 (at byte 0 of the WARC): the record's WARC-Record-ID is not valid UTF-8, so it cannot be the document's id (read with U+FFFD for its bad bytes, two such ids would be one): fix the WARC writer, or rewrite the header")
        expectEqual(reading.skipped, ["warc_request": 1])
    }

    /// A chunk size with a sign ("-5") was read by `Int(_:radix:)` as -5, and the chunk's
    /// backwards range crashed the run. Only hex digits make a chunk size now: the record fails
    /// alone as malformed, and the records around it are read.
    @Test func aChunkSizeWithASignFailsItsRecordAlone() throws {
        let dir = TemporaryDirectory()
        let page = "<html><body><p>The ferry ran late on Monday.</p></body></html>"
        let chunked = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
        let warc = Self.record("response", id: "<urn:uuid:minus>", block: chunked + "-5\r\n" + page + "\r\n0\r\n\r\n")
            + Self.record("response", id: "<urn:uuid:plus>", block: chunked + "+3e\r\n" + page + "\r\n0\r\n\r\n")
            + Self.record("response", id: "<urn:uuid:ext>", block: chunked + String(page.utf8.count, radix: 16, uppercase: true) + ";name=value\r\n" + page + "\r\n0\r\n\r\n")
        let reading = try Self.read(dir.write("chunks.warc", warc))
        expectEqual(reading.documents.map(\.id), ["urn:uuid:ext"])
        expectEqual(reading.documents.first.map { String(decoding: $0.text, as: UTF8.self) }, page)
        expectEqual(reading.failures.map(\.id), ["urn:uuid:minus", "urn:uuid:plus"])
        #expect(reading.failures.allSatisfy { $0.reason.hasSuffix("the chunked HTTP body is malformed at byte 0 of the body") })
    }

    /// A `.warc.gz` whose third member (one record) is cut short, the next member right after it:
    /// zlib read on from the cut member into the next one's header, the search for the next member
    /// began past it, so the rest of the file was lost ("no gzip member follows", untrue), and the
    /// failure was put on the record before, which was also in the output under that id. Now the
    /// cut record fails alone, as record 3 with no id, and the record after it is read.
    @Test func aGzipMemberCutShortLosesOnlyItsRecord() throws {
        let dir = TemporaryDirectory()
        func member(_ id: String, _ words: String) -> [UInt8] {
            let writer = GzipWriter()
            let record = Self.record("response", id: "<urn:uuid:\(id)>", block: "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>\(words)</p></body></html>")
            return writer.compress(Array(record.utf8)) + writer.finish()
        }
        let cut = Array(member("c", "The third story was cut short by the crawler.").prefix(60))
        let warc = member("a", "The ferry ran late on Monday.") + member("b", "The council met on Tuesday.") + cut
            + member("d", "Fishermen say the quota came too late.")
        let path = dir.write("cut.warc.gz", warc)
        let reading = try Self.read(path)
        expectEqual(reading.documents.map(\.id), ["urn:uuid:a", "urn:uuid:b", "urn:uuid:d"])
        expectEqual(reading.failures.map(\.id), ["\(path)#3"])
        expectEqual(reading.failures.first?.record, 3)
        expectEqual(reading.failures.first?.reason.hasPrefix("record 3 (at byte "), true)
        expectEqual(reading.failures.first?.reason.hasSuffix("skipped to the next gzip member"), true, "\(reading.failures)")
    }

    @Test func aGzipBombIsStoppedAtTheLimit() throws {
        let dir = TemporaryDirectory()
        let writer = GzipWriter()
        var bomb = writer.compress([UInt8](repeating: 0x41, count: 4 << 20))
        bomb += writer.finish()
        let head = Array("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\n\r\n".utf8)
        let block = head + bomb
        let warc = Array("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:bomb>\r\nContent-Length: \(block.count)\r\n\r\n".utf8) + block + Array("\r\n\r\n".utf8)
        let reading = try Self.read(dir.write("bomb.warc", warc), limit: 1 << 20)
        #expect(reading.documents.isEmpty)
        expectEqual(reading.failures.map(\.reason), ["record 1 (at byte 0 of the WARC): the decoded HTTP body is larger than the 1 MB limit; raise max_document_mb in the config to read it"])
    }

    @Test func aGzipStreamLargerThanTheWindowIsStreamed() throws {
        // One gzip member of about 5 MB compressed (a WARC gzipped whole), beyond libdeflate's
        // 4 MB window: zlib streams it.
        let dir = TemporaryDirectory()
        var noise = [UInt8](repeating: 0, count: 5 << 20)
        var x: UInt32 = 2463534242
        for i in noise.indices {
            x ^= x << 13; x ^= x >> 17; x ^= x << 5
            noise[i] = UInt8(truncatingIfNeeded: x)
        }
        let image = Array("WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:img>\r\nContent-Type: image/png\r\nContent-Length: \(noise.count)\r\n\r\n".utf8) + noise + Array("\r\n\r\n".utf8)
        let text = Array(Self.record("resource", id: "<urn:uuid:txt>", contentType: "text/plain; charset=utf-8", block: "The ferry runs again from Monday.\n").utf8)
        let writer = GzipWriter(level: 1)
        let gz = writer.compress(image + text) + writer.finish()
        #expect(gz.count > MemberGzipStream.window)
        let reading = try Self.read(dir.write("whole.warc.gz", gz))
        #expect(reading.failures.isEmpty)
        expectEqual(reading.skipped, ["warc_resource_not_text": 1])
        expectEqual(reading.documents.map { String(decoding: $0.text, as: UTF8.self) }, ["The ferry runs again from Monday.\n"])
        expectEqual(reading.documents.first?.id, "urn:uuid:txt")
    }

    @Test func runEndToEndCountsSkipsAndReadsIncrementally() throws {
        let dir = TemporaryDirectory()
        for name in ["crawl.warc.gz", "crawl.warc.wet"] { dir.write("in/" + name, Repo.bytes(Self.folder + name)) }
        let config = dir.write("web.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [cleanup]\n")
        let cli = CommandLineTests()
        let first = try cli.textmill(["run", config, "--quiet"])
        expectEqual(first.status, 0, "\(first.stderr)")
        let out = try dir.records("out/corpus.jsonl")
        expectEqual(out.count, 7 + 5)
        #expect(dir.read("out/corpus.errors.jsonl").isEmpty)
        let article = try #require(out.first { $0["meta"]?.objectValue?["url"]?.stringValue?.hasSuffix("/article.html") == true })
        expectEqual(article["text"]?.stringValue?.contains("“We lost the bakery’s ovens, the flour, everything,” said María Ortega"), true)
        #expect(article["source"]?.objectValue?["format"] == "warc" && article["source"]?.objectValue?["record"] == 2)
        expectEqual(article["id"]?.stringValue?.hasPrefix("urn:uuid:"), true)
        let legacy = try #require(out.first { $0["meta"]?.objectValue?["url"]?.stringValue?.hasSuffix("/legacy.html") == true })
        expectEqual(legacy["text"]?.stringValue?.contains("Жители попросили больше скамеек и деревьев."), true)
        let stats = try #require(StateStore.readJSON(dir.file("out/corpus.stats.json"))?.objectValue?["run"]?.objectValue)
        expectEqual(stats["input_skipped"], .object(JSONObject([
            ("warc_metadata", 1), ("warc_request", 9), ("warc_response_not_2xx", 2), ("warc_response_not_text", 1),
            ("warc_revisit", 1), ("warc_warcinfo", 2),
        ])))
        // A second run finds both files unchanged: their stored bytes were hashed on the first.
        let second = try cli.textmill(["run", config])
        #expect(second.stderr.contains("0 new, 0 changed, 0 deleted, 2 unchanged files"), "\(second.stderr)")
    }

    @Test func aTruncatedFileFailsItsCutRecordInTheErrorsFile() throws {
        let dir = TemporaryDirectory()
        // Untouched for an hour: not a file its writer may still be writing (`GzipStillWrittenTests`).
        GzipStillWrittenTests.anHourAgo(dir.write("in/truncated.warc.gz", Repo.bytes(Self.folder + "truncated.warc.gz")))
        let config = dir.write("web.yaml", "input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [cleanup]\n")
        let run = try CommandLineTests().textmill(["run", config, "--quiet"])
        expectEqual(run.status, 1)
        expectEqual(try dir.records("out/corpus.jsonl").count, 2)
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.count, 1)
        let error = try #require(errors.first)
        expectEqual(error["id"]?.stringValue, dir.file("in/truncated.warc.gz") + "#6")
        expectEqual(error["source"], .object(JSONObject([("path", .string(dir.file("in/truncated.warc.gz"))), ("format", "warc"), ("record", 6)])))
        expectEqual(error["offset"], 3293)
        expectEqual(error["reason"], "record 6 (at byte 3293 of the WARC): the gzip data ends too early (the file is truncated)")
    }
}
