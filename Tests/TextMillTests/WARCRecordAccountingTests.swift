import Foundation
import Testing
@testable import TextMill

/// Every WARC record is accounted for once: a record that fails is one line in the errors file,
/// whatever else was wrong with it.
@Suite struct WARCRecordAccountingTests {
    static let page = "<html><body><p>The harbour board met on Tuesday to set the summer ferry timetable.</p></body></html>"

    /// A response record whose Content-Length is `length` (its true length when nil).
    static func response(id: String, length: Int? = nil) -> String {
        let block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
        return "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <\(id)>\r\nWARC-Target-URI: https://harbour.example/ferry\r\n"
            + "Content-Length: \(length ?? block.utf8.count)\r\n\r\n\(block)\r\n\r\n"
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
}
