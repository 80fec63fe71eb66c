import Foundation
import Testing
@testable import TextMill

/// JSONL files as Windows tools write them: a UTF-8 byte-order mark, CRLF line ends, UTF-16
/// with a mark. Each must give the same records as the plain UTF-8 file.
@Suite struct ReviewJSONLEncodingTests {
    /// The sample wire file plus a record with accents, CJK and an emoji (a surrogate pair in
    /// UTF-16), long enough that the UTF-16 file crosses several read chunks.
    static let lines: [String] = {
        var lines = Repo.text("input/wire/coastal-wire.jsonl").split(separator: "\n").map(String.init)
        let words = "Café owners in Zürich said 北京 trade talks 🚢 would resume; "
        lines.append(JSONValue.object(JSONObject([("id", "mixed"), ("text", .string(String(repeating: words, count: 3000)))])).jsonText)
        return lines
    }()

    /// The documents (id, text) and failures (id) a reader gives for the bytes of a JSONL file.
    func read(_ bytes: [UInt8], _ dir: TemporaryDirectory, name: String) throws -> [String] {
        let path = dir.write(name, bytes)
        var out: [String] = []
        try SourceReader().read(InputFile.classify(path)) { item in
            switch item {
            case .document(let d): out.append(d.id + " " + String(decoding: d.text, as: UTF8.self))
            case .failure(let e): out.append("failed " + e.id + ": " + e.reason)
            }
        }
        // A record without an id of its own is named after its file.
        return out.map { $0.replacingOccurrences(of: path + "#", with: "#") }
    }

    func utf16(_ text: String, littleEndian: Bool) -> [UInt8] {
        var out: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for u in text.utf16 { out += littleEndian ? [UInt8(u & 0xFF), UInt8(u >> 8)] : [UInt8(u >> 8), UInt8(u & 0xFF)] }
        return out
    }

    @Test func byteOrderMarksAndUTF16GiveTheSameRecords() throws {
        let dir = TemporaryDirectory()
        let plain = Self.lines.joined(separator: "\n") + "\n"
        let expected = try read(Array(plain.utf8), dir, name: "plain.jsonl")
        expectEqual(expected.count, 5)
        #expect(expected.allSatisfy { !$0.hasPrefix("failed") })
        let windows = Self.lines.joined(separator: "\r\n") + "\r\n"
        expectEqual(try read([0xEF, 0xBB, 0xBF] + Array(windows.utf8), dir, name: "bom.jsonl"), expected)
        expectEqual(try read(utf16(windows, littleEndian: true), dir, name: "le.jsonl"), expected)
        expectEqual(try read(utf16(plain, littleEndian: false), dir, name: "be.jsonl"), expected)
        // The same through gzip, and without a final line end ("\r\n" is one Character).
        let gz = GzipWriter()
        let packed = gz.compress(utf16(String(windows.dropLast()), littleEndian: true)) + gz.finish()
        let gzipped = try read(packed, dir, name: "le.jsonl.gz")
        expectEqual(gzipped, expected, "\(gzipped.map { $0.prefix(60) })")
    }

    /// Without a mark nothing changes: a file whose first bytes only look like text still fails
    /// where it is wrong.
    @Test func withoutAMarkBytesPassThrough() throws {
        let dir = TemporaryDirectory()
        let got = try read(Array("{\"id\": \"a\", \"text\": \"One.\"}\n\u{FEFF}{\"id\": \"b\", \"text\": \"Two.\"}\n".utf8), dir, name: "mid.jsonl")
        expectEqual(got.first, "a One.")
        expectEqual(got.last?.hasPrefix("failed"), true, "a mark in the middle of a file is not JSON")
    }
}
