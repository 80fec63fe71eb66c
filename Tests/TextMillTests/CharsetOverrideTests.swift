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
            #expect(decoded == "<html><head><meta charset=\(charset)></head><body><p>\(text)</p></body></html>")
            #expect(source == .overridden(charset))
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
        #expect(decode(page("windows-1251", Array("plain".utf8))).1 == .declared("windows-1251"))
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
        #expect(summary.exitStatus == 0)
        let texts = try dir.records("out/corpus.jsonl").map { $0["text"]?.stringValue }
        #expect(texts == [Self.russian + sentence, Self.russian + sentence])
        let stats = try JSONParser.parse(dir.read("out/corpus.stats.json"))
        let cleanup = stats.objectValue?["stages"]?.arrayValue?.first?.objectValue
        #expect(cleanup?["counts"]?.objectValue?["charset_overridden"]?.intValue == 1)
    }
}
