import Foundation
import Testing
@testable import TextMill

/// A WARC record whose headers fail (a line over 64 KiB, headers over 1 MB, the file ends inside
/// them) is named by its WARC-Record-ID when the id was read whole before the failure, and by
/// `PATH#N` when it was not (round 3 named every such record `PATH#N`).
@Suite struct WARCHeaderFailureIDTests {
    static let longValue = String(repeating: "harbour-ferry-timetable-", count: 70 << 10 / 24)
    static let next = WARCRecordAccountingTests.response(id: "urn:uuid:next")

    /// Headers up to the failure: the version line, then `lines`, each ended by CRLF.
    static func head(_ lines: [String]) -> String { "WARC/1.1\r\n" + lines.map { $0 + "\r\n" }.joined() }

    /// Another field came between the id and the long line: the id was read whole.
    @Test func anOverlongLineAfterTheIDFailsUnderTheID() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("long.warc", Self.head(["WARC-Type: response", "WARC-Record-ID: <urn:uuid:long-line>", "WARC-Date: 2026-03-02T10:00:00Z",
                                                      "WARC-Target-URI: https://harbour.example/\(Self.longValue)", "Content-Length: 10", ""])
                                            + "0123456789\r\n\r\n" + Self.next)
        let reading = try WARCReaderTests.read(path)
        expectEqual(reading.failures.map(\.id), ["urn:uuid:long-line"])
        expectEqual(reading.failures.map(\.reason), ["record 1 (at byte 0 of the WARC): a WARC header line is longer than 64 KiB"])
        expectEqual(reading.documents.map(\.id), ["urn:uuid:next"])
    }

    /// The long line right after the id may be its folded continuation: the id is not known whole.
    @Test func anOverlongLineRightAfterTheIDFailsUnderThePath() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("folded.warc", Self.head(["WARC-Type: response", "WARC-Record-ID: <urn:uuid:folded>",
                                                        " \(Self.longValue)", "Content-Length: 10", ""])
                                              + "0123456789\r\n\r\n" + Self.next)
        let reading = try WARCReaderTests.read(path)
        expectEqual(reading.failures.map(\.id), [path + "#1"])
        expectEqual(reading.documents.map(\.id), ["urn:uuid:next"])
    }

    @Test func anOverlongLineBeforeTheIDFailsUnderThePath() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("early.warc", Self.head(["WARC-Type: response", "WARC-Target-URI: https://harbour.example/\(Self.longValue)",
                                                       "WARC-Record-ID: <urn:uuid:early>", "Content-Length: 10", ""])
                                             + "0123456789\r\n\r\n" + Self.next)
        let reading = try WARCReaderTests.read(path)
        expectEqual(reading.failures.map(\.id), [path + "#1"])
        expectEqual(reading.documents.map(\.id), ["urn:uuid:next"])
    }

    @Test func headersOverOneMBFailUnderTheID() throws {
        let dir = TemporaryDirectory()
        let filler = (0..<20).map { "X-Harbour-Note-\($0): \(String(Self.longValue.prefix(60 << 10)))" }
        let path = dir.write("big.warc", Self.head(["WARC-Type: response", "WARC-Record-ID: <urn:uuid:big-headers>"] + filler + ["Content-Length: 10", ""])
                                           + "0123456789\r\n\r\n" + Self.next)
        let reading = try WARCReaderTests.read(path)
        expectEqual(reading.failures.map(\.id), ["urn:uuid:big-headers"])
        expectEqual(reading.failures.map(\.reason), ["record 1 (at byte 0 of the WARC): the WARC headers are longer than 1 MB"])
        expectEqual(reading.documents.map(\.id), ["urn:uuid:next"])
    }

    /// The file ends inside the id's line: what was read of it is not the id.
    @Test func aFileEndingInsideTheIDLineFailsUnderThePath() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("cut.warc", Self.next + "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:cu")
        let reading = try WARCReaderTests.read(path)
        expectEqual(reading.documents.map(\.id), ["urn:uuid:next"])
        expectEqual(reading.failures.map(\.id), [path + "#2"])
        expectEqual(reading.failures.map(\.reason).first?.hasSuffix("the file ends inside the record's WARC headers (it is truncated)"), true)
    }

    @Test func aFileEndingAfterTheIDFailsUnderTheID() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("cut-later.warc", Self.next + "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:cut-later>\r\nContent-Length: 1")
        let reading = try WARCReaderTests.read(path)
        expectEqual(reading.failures.map(\.id), ["urn:uuid:cut-later"])
    }
}
