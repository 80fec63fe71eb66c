import Foundation
import Testing
@testable import TextMill

/// A page that declares a legacy charset but is valid UTF-8 is read as UTF-8 and counted
/// (`charset_overridden`); real legacy bytes still decode with the declared charset.
@Suite struct CharsetOverrideTests {
    static let russian = "Правозащитники требуют освободить активистов"
    static let japanese = "日本語のニュース記事です"

    func page(_ charset: String, _ body: [UInt8]) -> [UInt8] {
        Array("<html><head><meta charset=\(charset)></head><body><p>".utf8) + body + Array("</p></body></html>".utf8)
    }

    func decode(_ bytes: [UInt8]) -> (String, TextDecoding.Source) {
        let (text, source) = TextDecoding.decode(bytes)
        return (String(decoding: text, as: UTF8.self), source)
    }

    @Test func utf8UnderLegacyLabelsIsReadAsUTF8() {
        for (charset, text) in [("windows-1251", Self.russian), ("shift_jis", Self.japanese), ("koi8-r", Self.russian), ("gbk", Self.japanese)] {
            let (decoded, source) = decode(page(charset, Array(text.utf8)))
            expectEqual(decoded, "<html><head><meta charset=\(charset)></head><body><p>\(text)</p></body></html>")
            expectEqual(source, .overridden(charset))
        }
    }

    @Test func realLegacyBytesKeepTheirCharset() {
        // "Правозащитники" in cp1251, "日本語" in Shift_JIS: neither is valid UTF-8.
        let cp1251: [UInt8] = [0xCF, 0xF0, 0xE0, 0xE2, 0xEE, 0xE7, 0xE0, 0xF9, 0xE8, 0xF2, 0xED, 0xE8, 0xEA, 0xE8]
        #expect(decode(page("windows-1251", cp1251)) == ("<html><head><meta charset=windows-1251></head><body><p>Правозащитники</p></body></html>",
                                                         .declared("windows-1251")))
        let shiftJIS: [UInt8] = [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA]
        #expect(decode(page("shift_jis", shiftJIS)) == ("<html><head><meta charset=shift_jis></head><body><p>日本語</p></body></html>",
                                                        .declared("shift_jis")))
        // Only ASCII: nothing to override.
        expectEqual(decode(page("windows-1251", Array("plain".utf8))).1, .declared("windows-1251"))
    }

    @Test func runCountsOverriddenPagesInStats() throws {
        let dir = TemporaryDirectory()
        let sentence = " — заявили в организации в понедельник, добавив, что суд назначен на январь."
        dir.write("in/mislabelled.html", page("windows-1251", Array((Self.russian + sentence).utf8)))
        let cp1251 = Array((Self.russian + sentence).unicodeScalars.map { s -> UInt8 in
            switch s.value {
            case 0x410...0x44F: return UInt8(s.value - 0x410 + 0xC0)
            case 0x2014: return 0x97
            default: return UInt8(s.value)
            }
        })
        dir.write("in/legacy.html", page("windows-1251", cp1251))
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages: [cleanup]
            """, in: dir)
        expectEqual(summary.exitStatus, 0)
        let texts = try dir.records("out/corpus.jsonl").map { $0["text"]?.stringValue }
        expectEqual(texts, [Self.russian + sentence, Self.russian + sentence])
        let stats = try JSONParser.parse(dir.read("out/corpus.stats.json"))
        let cleanup = stats.objectValue?["stages"]?.arrayValue?.first?.objectValue
        expectEqual(cleanup?["counts"]?.objectValue?["charset_overridden"]?.intValue, 1)
    }

    /// `text` in UTF-16, without a byte-order mark.
    static func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
        text.utf16.flatMap { u in bigEndian ? [UInt8(u >> 8), UInt8(u & 0xFF)] : [UInt8(u & 0xFF), UInt8(u >> 8)] }
    }

    @Test func utf16NamedByHTTPIsObeyedForABodyWithoutAMark() {
        let page = "<html><head><title>Ферри</title></head><body><p>\(Self.russian), said the mayor.</p></body></html>"
        for (label, bigEndian) in [("utf-16le", false), ("utf-16", false), ("UTF-16BE", true), ("utf-16", true), ("utf-16le", true)] {
            // The NUL bytes' side decides the order when the label says otherwise ("utf-16" of a big-endian body).
            let (text, source) = TextDecoding.decode(Self.utf16(page, bigEndian: bigEndian), transportCharset: label)
            expectEqual(String(decoding: text, as: UTF8.self), page, "\(label), big-endian \(bigEndian)")
            expectEqual(source, .declared(bigEndian ? "UTF-16BE" : "UTF-16LE"))
        }
        // Plain text (text/plain; charset=utf-16le) too.
        let plain = TextDecoding.decode(Self.utf16("Ферри terminal opened.\n", bigEndian: false), transportCharset: "utf-16le", markup: false)
        expectEqual(String(decoding: plain.text, as: UTF8.self), "Ферри terminal opened.\n")
    }

    @Test func utf16NamedByHTTPOverAUTF8BodyIsALie() {
        // Valid UTF-8 with no NUL byte is no UTF-16: read as UTF-8, as before.
        let page = "<html><body><p>\(Self.russian), said the mayor.</p></body></html>"
        let (text, source) = TextDecoding.decode(Array(page.utf8), transportCharset: "utf-16le")
        expectEqual(String(decoding: text, as: UTF8.self), page)
        expectEqual(source, .declared("UTF-8"))
        // A page's own <meta charset=utf-16> was read in ASCII: still UTF-8.
        let declared = "<html><head><meta charset=utf-16></head><body><p>\(Self.russian)</p></body></html>"
        expectEqual(String(decoding: TextDecoding.decode(Array(declared.utf8)).text, as: UTF8.self), declared)
    }

    @Test func aWARCResponseInUTF16WithoutAMarkGivesItsText() throws {
        let dir = TemporaryDirectory()
        let page = "<html><head><title>Ферри</title></head><body><p>The ferry terminal opened on Monday, said the mayor.</p></body></html>"
        let body = Self.utf16(page, bigEndian: false)
        let http = Array("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-16le\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
        let warc = Array("WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Target-URI: http://example.com/ferry\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: \(http.count)\r\n\r\n".utf8) + http + Array("\r\n\r\n".utf8)
        dir.write("in/crawl.warc", warc)
        let summary = try runPipeline("input: \(dir.file("in"))\noutput: \(dir.file("out/corpus.jsonl"))\nstages: [cleanup]\n", in: dir)
        expectEqual(summary.exitStatus, 0)
        let records = try dir.records("out/corpus.jsonl")
        expectEqual(records.map { $0["text"]?.stringValue }, ["The ferry terminal opened on Monday, said the mayor."])
        expectEqual(records.first?["meta"]?.objectValue?["title"]?.stringValue, "Ферри")
    }
}
