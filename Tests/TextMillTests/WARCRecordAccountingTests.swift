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
        expectEqual(reading.documents.map(\.id), ["urn:uuid:next"])
        expectEqual(reading.failures.map(\.id), ["urn:uuid:short"])
        expectEqual(reading.failures.map(\.reason), [
            "record 1 (at byte 0 of the WARC): the record's Content-Length (20) does not match its block: it is not followed by the blank line that ends a record",
        ])
        expectEqual(reading.skipped, [:])
    }

    /// A Content-Length longer than its record swallowed the records inside the claimed block:
    /// they were in neither the output nor the errors file (3 records in, 2 accounted for). The
    /// block is read again, and a swallowed record is found at its 'WARC/' line.
    @Test func aRecordWhoseContentLengthIsTooLongDoesNotSwallowTheNext() throws {
        let dir = TemporaryDirectory()
        let length = Self.block.utf8.count + 200
        let middle = try WARCReaderTests.read(dir.write("middle.warc",
            Self.response(id: "urn:uuid:c", length: length) + Self.response(id: "urn:uuid:d") + Self.response(id: "urn:uuid:e")))
        expectEqual(middle.documents.map(\.id), ["urn:uuid:d", "urn:uuid:e"])
        expectEqual(middle.documents.map(\.source.record), [2, 3])
        expectEqual(middle.documents.map(\.string), [Self.page, Self.page])
        expectEqual(middle.failures.map(\.id), ["urn:uuid:c"])
        expectEqual(middle.failures.map(\.reason), [
            "record 1 (at byte 0 of the WARC): the record's Content-Length (\(length)) does not match its block: it is not followed by the blank line that ends a record",
        ])
        // Past the end of the file: the record fails as truncated, and the one inside is read.
        let after = Self.block + "\r\n\r\n" + Self.response(id: "urn:uuid:d")
        let pastEnd = try WARCReaderTests.read(dir.write("past.warc", Self.headers(id: "urn:uuid:c", length: 1_000_000) + after))
        expectEqual(pastEnd.documents.map(\.id), ["urn:uuid:d"])
        expectEqual(pastEnd.failures.map(\.reason), [
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
        expectEqual(reading.documents.map(\.id), [])
        expectEqual(reading.failures.map(\.id), (1...12).map { "urn:uuid:lie\($0)" })
        expectEqual(reading.failures.map(\.reason), starts.enumerated().map { n, start in
            "record \(n + 1) (at byte \(start) of the WARC): " + mismatch
                + (n == 11 ? "; the records inside its claimed block are not read (this file's blocks read again reached 4 times max_document_mb)" : "")
        })
    }

    /// A response larger than a document may be, in a file that ends inside its block: its error
    /// said "a skipped record's block" of a record that was not skipped for its type but failed
    /// for its size. The note now says what was passed over and why, for either kind of record.
    @Test func aTooLargeResponseInATruncatedFileSaysItsBlockWasPassedOver() throws {
        let dir = TemporaryDirectory()
        let after = Self.block + "\r\n\r\n" + Self.response(id: "urn:uuid:d")
        let reading = try WARCReaderTests.read(dir.write("cut.warc", Self.headers(id: "urn:uuid:big", length: 2000) + after), limit: 1024)
        expectEqual(reading.documents.map(\.id), [])
        expectEqual(reading.failures.map(\.id), ["urn:uuid:big"])
        expectEqual(reading.failures.map(\.reason), [
            "record 1 (at byte 0 of the WARC): the file ends inside the record's block (\(after.utf8.count) of 2000 bytes; it is truncated); the records inside its claimed block are not read (a block larger than max_document_mb is passed over unread)",
        ])
    }

    /// A request record, skipped unread, that claims too long a block.
    static func request(id: String, length: Int) -> String {
        let block = "GET /ferry HTTP/1.1\r\nHost: harbour.example\r\n\r\n"
        return "WARC/1.1\r\nWARC-Type: request\r\nWARC-Record-ID: <\(id)>\r\nContent-Length: \(length)\r\n\r\n" + block + "\r\n\r\n"
    }

    /// A record skipped unread (a request) whose Content-Length is too long hid the records in its
    /// claimed block: they were in neither the output nor the errors file. A skipped block no
    /// larger than max_document_mb is now read and read again like a document's; a larger one is
    /// still passed over unread, and its error says the records inside it are not read.
    @Test func aSkippedRecordWhoseContentLengthIsTooLongDoesNotSwallowTheNext() throws {
        let dir = TemporaryDirectory()
        let reading = try WARCReaderTests.read(dir.write("request.warc",
            Self.request(id: "urn:uuid:q", length: 400) + Self.response(id: "urn:uuid:d") + Self.response(id: "urn:uuid:e")), limit: 1024)
        expectEqual(reading.documents.map(\.id), ["urn:uuid:d", "urn:uuid:e"])
        expectEqual(reading.documents.map(\.string), [Self.page, Self.page])
        expectEqual(reading.failures.map(\.reason), [
            "record 1 (at byte 0 of the WARC): the record's Content-Length (400) does not match its block: it is not followed by the blank line that ends a record",
        ])
        // Claimed larger than a document may be: passed over unread (the records that start
        // inside the claimed 2,000 bytes are lost), and said so.
        let request = Self.request(id: "urn:uuid:q", length: 2000)
        let responses = (1...9).map { Self.response(id: "urn:uuid:r\($0)") }
        let blockStart = request.utf8.count - 46 - 4  // the request's block (46 bytes) and trailer
        let starts = responses.indices.map { n in request.utf8.count + responses[..<n].reduce(0) { $0 + $1.utf8.count } }
        let large = try WARCReaderTests.read(dir.write("large.warc", request + responses.joined()), limit: 1024)
        expectEqual(large.documents.map(\.id), responses.indices.filter { starts[$0] >= blockStart + 2000 }.map { "urn:uuid:r\($0 + 1)" })
        expectEqual(large.documents.count, 2)
        expectEqual(large.failures.map(\.reason), [
            "record 1 (at byte 0 of the WARC): the record's Content-Length (2000) does not match its block: it is not followed by the blank line that ends a record; the records inside its claimed block are not read (a block larger than max_document_mb is passed over unread)",
        ])
    }
}
