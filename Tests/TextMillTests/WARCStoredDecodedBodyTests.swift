import Foundation
import Testing
@testable import TextMill

/// Crawlers that decode what they fetch (Common Crawl's, for years) stored the decoded body under
/// the HTTP headers they received: `Content-Encoding: gzip` over plain HTML, `Transfer-Encoding:
/// chunked` over a body with no chunk lines. Such a page is read as stored, as warcio reads it:
/// it failed as "gzip data is corrupt (incorrect header check)" or "chunked HTTP body is
/// malformed at byte 0", and a dechunked body without a line break became an empty page ("empty
/// HTML document", at cleanup). A body that starts as its coding does and is damaged still fails.
@Suite struct WARCStoredDecodedBodyTests {
    static let page = "<html><head><title>Ferry timetable</title></head><body><article><p>The winter ferry to Gull Island leaves the harbour at seven and returns at noon, the port office said on Monday.</p></article></body></html>"
    static let text = "The winter ferry to Gull Island leaves the harbour at seven and returns at noon, the port office said on Monday."

    /// A response record with the extra HTTP header lines and the body as given.
    static func record(id: String, headers: String, body: [UInt8]) -> [UInt8] {
        let http = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\(headers)\r\n".utf8) + body
        let head = "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:\(id)>\r\nWARC-Date: 2026-03-02T10:00:00Z\r\n"
            + "WARC-Target-URI: https://harbour.example/\(id)\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: \(http.count)\r\n\r\n"
        return Array(head.utf8) + http + Array("\r\n\r\n".utf8)
    }

    @Test func aBodyStoredDecodedUnderItsCodingHeadersIsReadAsStored() throws {
        let body = Array(Self.page.utf8)
        // A first chunk of 9 bytes, then a size line that is no number: damaged past its start.
        let chunked = Array("9\r\n<html><he\r\nzz\r\n".utf8) + Array(body.dropFirst(9))
        let dir = TemporaryDirectory()
        dir.write("in/crawl.warc", Self.record(id: "gzip-decoded", headers: "Content-Encoding: gzip\r\n", body: body)
                  + Self.record(id: "deflate-decoded", headers: "Content-Encoding: deflate\r\n", body: body)
                  + Self.record(id: "dechunked", headers: "Transfer-Encoding: chunked\r\n", body: body)
                  + Self.record(id: "dechunked-lines", headers: "Transfer-Encoding: chunked\r\n", body: Array("\n\n".utf8) + body)
                  + Self.record(id: "both", headers: "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n", body: body)
                  + Self.record(id: "gzip-damaged", headers: "Content-Encoding: gzip\r\n", body: [0x1F, 0x8B, 0x08, 0x00] + Array(repeating: 0xFF, count: 40))
                  + Self.record(id: "chunk-damaged", headers: "Transfer-Encoding: chunked\r\n", body: chunked))
        let config = dir.write("p.yaml", """
            input: \(dir.file("in"))
            output: \(dir.file("out/web.jsonl"))
            stages:
              - cleanup
            """)
        let r = try CommandLineTests().textmill(["run", config, "--quiet"])
        expectEqual(r.status, 1, "\(r.stderr)")
        let documents = try dir.records("out/web.jsonl").map { "\($0["id"]?.stringValue ?? "-"): \($0["text"]?.stringValue ?? "-")" }
        expectEqual(documents, ["gzip-decoded", "deflate-decoded", "dechunked", "dechunked-lines", "both"].map { "urn:uuid:\($0): \(Self.text)" })
        let failures = try dir.records("out/web.errors.jsonl").map { "\($0["id"]?.stringValue ?? "-"): \($0["reason"]?.stringValue ?? "-")" }
        expectEqual(failures, [
            "urn:uuid:gzip-damaged: record 6 (at byte \(try offset(of: 6, in: dir)) of the WARC): the HTTP body's gzip data is corrupt (invalid block type)",
            "urn:uuid:chunk-damaged: record 7 (at byte \(try offset(of: 7, in: dir)) of the WARC): the chunked HTTP body is malformed at byte 14 of the body",
        ])
    }

    /// The byte offset of the N-th 'WARC/1.1' line of the file.
    func offset(of n: Int, in dir: TemporaryDirectory) throws -> Int {
        let bytes = [UInt8](FileManager.default.contents(atPath: dir.file("in/crawl.warc")) ?? Data())
        let marker = Array("WARC/1.1\r\n".utf8)
        var found = 0
        for i in 0...(bytes.count - marker.count) where bytes[i..<(i + marker.count)].elementsEqual(marker) {
            found += 1
            if found == n { return i }
        }
        throw DocumentError("no record \(n)")
    }
}
