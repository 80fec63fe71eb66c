import Foundation
import Testing
@testable import TextMill

/// A WARC record names itself once (WARC 1.1, section 5.1: a named field other than
/// WARC-Concurrent-To is not repeated). Before session 36 a record with two WARC-Record-ID
/// headers took its id from the first, while the check that an id is UTF-8 read the last: an id
/// whose bytes are not UTF-8 became the document's, read with U+FFFD (two such records would be
/// one id), and a record with two good ids was read under the first without a word. Such a
/// record now fails alone, under `PATH#N` with its number and byte offset; the records around
/// it are read.
@Suite struct WARCRepeatedRecordIDTests {
    static let page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>The harbour ferry ran late on Monday.</p></body></html>"

    /// A response record with the WARC-Record-ID lines `ids`, as bytes (an id may hold a byte
    /// that is not UTF-8).
    static func record(ids: [[UInt8]]) -> [UInt8] {
        var head = Array("WARC/1.1\r\nWARC-Type: response\r\n".utf8)
        for id in ids { head += Array("WARC-Record-ID: <".utf8) + id + Array(">\r\n".utf8) }
        head += Array("WARC-Target-URI: https://harbour.example/ferry\r\nContent-Length: \(page.utf8.count)\r\n\r\n".utf8)
        return head + Array(page.utf8) + Array("\r\n\r\n".utf8)
    }

    @Test func aRecordWithTwoRecordIDsFailsAloneUnderItsNumber() throws {
        let dir = TemporaryDirectory()
        let good = Self.record(ids: [Array("urn:uuid:ferry-1".utf8)])
        let notUTF8First = Self.record(ids: [Array("urn:uuid:caf".utf8) + [0xE9], Array("urn:uuid:ferry-2".utf8)])
        let twoGood = Self.record(ids: [Array("urn:uuid:ferry-3a".utf8), Array("urn:uuid:ferry-3b".utf8)])
        let last = Self.record(ids: [Array("urn:uuid:ferry-4".utf8)])
        let path = dir.write("two-ids.warc", good + notUTF8First + twoGood + last)
        let reading = try WARCReaderTests.read(path)
        expectEqual(reading.documents.map(\.id), ["urn:uuid:ferry-1", "urn:uuid:ferry-4"])
        expectEqual(reading.failures.map(\.id), ["\(path)#2", "\(path)#3"])
        let why = "the record has 2 WARC-Record-ID headers, where a record has one (WARC 1.1, section 5.1), so no one of them is its id: fix the WARC writer, or keep one of the headers"
        expectEqual(reading.failures.map(\.reason), [
            "record 2 (at byte \(good.count) of the WARC): " + why,
            "record 3 (at byte \(good.count + notUTF8First.count) of the WARC): " + why,
        ])
        expectEqual(reading.failures.map(\.offset), [good.count, good.count + notUTF8First.count] as [Int?])
    }

    /// A record skipped for its type (a request) with two ids is skipped and counted as any
    /// request is: its id would name no document, and no document fails (exit 0). What every
    /// record needs to be passed over (its Content-Length, headers within bounds, the blank line
    /// after its block) fails any record; its id is checked only where it names a document.
    @Test func aSkippedRecordWithTwoRecordIDsIsSkipped() throws {
        let dir = TemporaryDirectory()
        let body = "GET /ferry HTTP/1.1\r\nHost: harbour.example\r\n\r\n"
        let request = "WARC/1.1\r\nWARC-Type: request\r\nWARC-Record-ID: <urn:uuid:ask-1>\r\nWARC-Record-ID: <urn:uuid:ask-2>\r\n"
            + "WARC-Target-URI: https://harbour.example/ferry\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body + "\r\n\r\n"
        dir.write("in/a.warc", Array(request.utf8) + Self.record(ids: [Array("urn:uuid:three".utf8)]))
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [cleanup]\n", in: dir)
        expectEqual(summary.written, 1)
        expectEqual(summary.failed, 0)
        expectEqual(summary.inputSkipped, ["warc_request": 1])
        expectEqual(summary.exitStatus, 0)
    }

    /// Through a run: every record is accounted for, in the output or the errors file (exit 1).
    @Test func aRunCountsTheRecordInTheErrorsFile() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.warc", Self.record(ids: [Array("urn:uuid:one".utf8), Array("urn:uuid:two".utf8)]) + Self.record(ids: [Array("urn:uuid:three".utf8)]))
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [cleanup]\n", in: dir)
        expectEqual(summary.written, 1)
        expectEqual(summary.failed, 1)
        expectEqual(try dir.records("out/corpus.jsonl").map { $0["id"]?.stringValue }, ["urn:uuid:three"])
        expectEqual(try dir.records("out/corpus.errors.jsonl").map { $0["id"]?.stringValue }, ["\(dir.file("in/a.warc"))#1"])
    }
}
