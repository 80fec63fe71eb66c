import Foundation
import Testing
@testable import TextMill

/// Every WARC record is accounted for once: a record that fails is one line in the errors file,
/// whatever else was wrong with it, and it takes no other record down with it.
@Suite struct WARCRecordAccountingTests {
    static let page = "<html><body><p>The harbour board met on Tuesday to set the summer ferry timetable.</p></body></html>"
    static let block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page

    /// A response record's WARC headers, with a Content-Length of `length` (its true length when nil).
    static func headers(id: String, length: Int? = nil) -> String {
        "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <\(id)>\r\nWARC-Target-URI: https://harbour.example/ferry\r\n"
            + "Content-Length: \(length ?? block.utf8.count)\r\n\r\n"
    }

    /// A response record whose Content-Length is `length` (its true length when nil).
    static func response(id: String, length: Int? = nil) -> String {
        headers(id: id, length: length) + block + "\r\n\r\n"
    }

    /// A Content-Length too short to hold the HTTP headers failed the record twice ("the HTTP
    /// headers do not end" and "does not match its block"): one document, two error lines.
    @Test func aRecordWithATooShortContentLengthFailsOnce() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("short.warc", Self.response(id: "urn:uuid:short", length: 20) + Self.response(id: "urn:uuid:next"))
        let reading = try WARCReaderTests.read(path)
        #expect(reading.documents.map(\.id) == ["urn:uuid:next"])
        #expect(reading.failures.map(\.id) == ["urn:uuid:short"])
        #expect(reading.failures.map(\.reason) == [
            "record 1 (at byte 0 of the WARC): the record's Content-Length (20) does not match its block: it is not followed by the blank line that ends a record",
        ])
        #expect(reading.skipped == [:])
    }

    /// A Content-Length longer than its record swallowed the records inside the claimed block:
    /// they were in neither the output nor the errors file (3 records in, 2 accounted for). The
    /// block is read again, and a swallowed record is found at its 'WARC/' line.
    @Test func aRecordWhoseContentLengthIsTooLongDoesNotSwallowTheNext() throws {
        let dir = TemporaryDirectory()
        let length = Self.block.utf8.count + 200
        let middle = try WARCReaderTests.read(dir.write("middle.warc",
            Self.response(id: "urn:uuid:c", length: length) + Self.response(id: "urn:uuid:d") + Self.response(id: "urn:uuid:e")))
        #expect(middle.documents.map(\.id) == ["urn:uuid:d", "urn:uuid:e"])
        #expect(middle.documents.map(\.source.record) == [2, 3])
        #expect(middle.documents.map(\.string) == [Self.page, Self.page])
        #expect(middle.failures.map(\.id) == ["urn:uuid:c"])
        #expect(middle.failures.map(\.reason) == [
            "record 1 (at byte 0 of the WARC): the record's Content-Length (\(length)) does not match its block: it is not followed by the blank line that ends a record",
        ])
        // Past the end of the file: the record fails as truncated, and the one inside is read.
        let after = Self.block + "\r\n\r\n" + Self.response(id: "urn:uuid:d")
        let pastEnd = try WARCReaderTests.read(dir.write("past.warc", Self.headers(id: "urn:uuid:c", length: 1_000_000) + after))
        #expect(pastEnd.documents.map(\.id) == ["urn:uuid:d"])
        #expect(pastEnd.failures.map(\.reason) == [
            "record 1 (at byte 0 of the WARC): the file ends inside the record's block (\(after.utf8.count) of 1000000 bytes; it is truncated)",
        ])
    }

    /// Reading lying blocks again is bounded: in a file whose every record claims too long a
    /// block, each record read the rest of the file again (1,000 / 4,000 / 16,000 such records:
    /// 0.05 / 0.29 / 7.1 s, quadratic). A file may read again at most 4 times max_document_mb;
    /// past that a lying record's claimed block is skipped, and its failure says so.
    @Test func readingLyingBlocksAgainIsBounded() throws {
        let dir = TemporaryDirectory()
        let length = Self.block.utf8.count + 200
        let records = (1...12).map { Self.response(id: "urn:uuid:lie\($0)", length: length) }
        let reading = try WARCReaderTests.read(dir.write("lying.warc", records.joined() + Self.response(id: "urn:uuid:last")), limit: 1024)
        // 4 × 1024 bytes pay for eleven blocks of 344 read again; the twelfth's is skipped, and
        // with it the start of the record inside it.
        let starts = records.indices.map { n in records[..<n].reduce(0) { $0 + $1.utf8.count } }
        let mismatch = "the record's Content-Length (\(length)) does not match its block: it is not followed by the blank line that ends a record"
        #expect(reading.documents.map(\.id) == [])
        #expect(reading.failures.map(\.id) == (1...12).map { "urn:uuid:lie\($0)" })
        #expect(reading.failures.map(\.reason) == starts.enumerated().map { n, start in
            "record \(n + 1) (at byte \(start) of the WARC): " + mismatch
                + (n == 11 ? "; the records inside its claimed block are not read (this file's blocks read again reached 4 times max_document_mb)" : "")
        })
    }
}
