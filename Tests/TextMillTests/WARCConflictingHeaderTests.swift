import Foundation
import Testing
@testable import TextMill

/// Where a WARC record ends (Content-Length) and what it is (WARC-Type) come from one header
/// each. Before session 37 a record giving either twice took the first value: "Content-Length:
/// 10" before the true length failed the record, the true length before "10" read it, so which
/// records a file held depended on the order of two lines, and a reader taking the other value
/// would split the file differently. Such a record now fails, whatever the order; the records
/// after it are read.
@Suite struct WARCConflictingHeaderTests {
    static let page = WARCRepeatedRecordIDTests.page

    /// A response record with `extra` header lines after its own Content-Length.
    static func record(id: String, type: String = "response", before: String = "", after: String = "") -> [UInt8] {
        Array(("WARC/1.1\r\nWARC-Type: \(type)\r\nWARC-Record-ID: <\(id)>\r\nWARC-Target-URI: https://harbour.example/ferry\r\n"
            + before + "Content-Length: \(page.utf8.count)\r\n" + after + "\r\n" + page + "\r\n\r\n").utf8)
    }

    @Test func twoContentLengthsFailTheRecordInEitherOrder() throws {
        let dir = TemporaryDirectory()
        let shortFirst = Self.record(id: "urn:uuid:ferry-1", before: "Content-Length: 10\r\n")
        let shortLast = Self.record(id: "urn:uuid:ferry-2", after: "Content-Length: 10\r\n")
        let same = Self.record(id: "urn:uuid:ferry-3", after: "content-length: \(Self.page.utf8.count)\r\n")
        let good = Self.record(id: "urn:uuid:ferry-4")
        let path = dir.write("two-lengths.warc", shortFirst + shortLast + same + good)
        let reading = try WARCReaderTests.read(path)
        // The same length given twice is one length.
        expectEqual(reading.documents.map(\.id), ["urn:uuid:ferry-3", "urn:uuid:ferry-4"])
        let n = Self.page.utf8.count
        expectEqual(reading.failures.map(\.reason), [
            "record 1 (at byte 0 of the WARC): the record gives its Content-Length header 2 values ('10', '\(n)'), where a record has one (WARC 1.1, section 5.1), so it could be read more than one way: fix the WARC writer, or keep one of the headers",
            "record 2 (at byte \(shortFirst.count) of the WARC): the record gives its Content-Length header 2 values ('\(n)', '10'), where a record has one (WARC 1.1, section 5.1), so it could be read more than one way: fix the WARC writer, or keep one of the headers",
        ])
    }

    @Test func twoTypesFailTheRecordAndTheNextIsRead() throws {
        let dir = TemporaryDirectory()
        let twoTypes = Self.record(id: "urn:uuid:ferry-1", after: "WARC-Type: request\r\n")
        let sameTypeTwice = Self.record(id: "urn:uuid:ferry-2", after: "WARC-Type: Response\r\n")
        let good = Self.record(id: "urn:uuid:ferry-3")
        let path = dir.write("two-types.warc", twoTypes + sameTypeTwice + good)
        let reading = try WARCReaderTests.read(path)
        expectEqual(reading.documents.map(\.id), ["urn:uuid:ferry-2", "urn:uuid:ferry-3"])
        expectEqual(reading.failures.map(\.reason), [
            "record 1 (at byte 0 of the WARC): the record gives its WARC-Type header 2 values ('response', 'request'), where a record has one (WARC 1.1, section 5.1), so it could be read more than one way: fix the WARC writer, or keep one of the headers",
        ])
    }
}
