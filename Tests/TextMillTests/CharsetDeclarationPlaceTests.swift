import Foundation
import Testing
@testable import TextMill

/// Where a page's charset declaration is looked for, and which wins. A `<meta charset>` is
/// looked for through the page's head, up to its `<body>`, within 64 KiB (it was the first 4 KiB:
/// a head of styles and scripts hid it, and the page was read as UTF-8 with cp1252 for each
/// invalid byte); for a page read as HTML its `<meta>` wins over an XML declaration, as in a
/// browser (the declaration had won), while an XML file's declaration wins over a `<meta>`.
@Suite struct CharsetDeclarationPlaceTests {
    /// ISO-8859-2 bytes of Polish text (ASCII and the letters below).
    static func latin2(_ s: String) -> [UInt8] {
        let table: [Character: UInt8] = ["ą": 0xB1, "ę": 0xEA, "ł": 0xB3, "ś": 0xB6, "ż": 0xBF, "ó": 0xF3, "ź": 0xBC, "ć": 0xE6,
                                         "ń": 0xF1, "Ś": 0xA6, "Ż": 0xAF, "Ł": 0xA3]
        return s.map { c in table[c] ?? UInt8(c.asciiValue!) }
    }

    /// windows-1251 bytes of Russian text (ASCII and А–я).
    static func cp1251(_ s: String) -> [UInt8] {
        s.unicodeScalars.map { u in (0x410...0x44F).contains(u.value) ? UInt8(u.value - 0x350) : UInt8(u.value) }
    }

    static let polish = "<p>Rząd przyjął w środę projekt ustawy o żegludze śródlądowej. Łodzie z Gdańska popłyną dalej.</p>"
    static let russian = "<p>Правительство одобрило в среду проект закона о речном судоходстве.</p>"

    @Test func aMetaCharsetAfterALongHeadIsObeyed() {
        let style = "<style>\n" + String(repeating: ".article-body p { margin: 0 0 1em; line-height: 1.5; }\n", count: 120) + "</style>\n"
        #expect(style.utf8.count > 6000)
        let page = "<!DOCTYPE html><html><head><title>Żegluga</title>\n" + style + "<meta charset=\"iso-8859-2\">\n</head><body>" + Self.polish + "</body></html>"
        let (text, source) = TextDecoding.decode(Self.latin2(page))
        expectEqual(String(decoding: text, as: UTF8.self), page)
        expectEqual(source, .declared("iso-8859-2"))
    }

    /// Past the head (`<body>`) or past 64 KiB, a `<meta>` is no declaration of the page: the
    /// page is read as UTF-8, each invalid byte as cp1252.
    @Test func aMetaCharsetInTheBodyOrPast64KiBIsNotThePages() {
        let inBody = "<html><head><title>Notes</title></head><body><pre>&lt;meta charset=koi8-r&gt;</pre>\n<meta charset=\"koi8-r\"><p>Caf\u{E9} cr\u{E8}me.</p></body></html>"
        let bytes = Array(inBody.unicodeScalars.map { UInt8($0.value) })
        let (text, source) = TextDecoding.decode(bytes)
        expectEqual(String(decoding: text, as: UTF8.self), inBody)
        expectEqual(source, .utf8WithCP1252Fallback)
        let script = "<script>\n" + String(repeating: "var lines = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];\n", count: 1000) + "</script>\n"
        #expect(script.utf8.count > 65_536)
        let far = "<html><head>" + script + "<meta charset=\"iso-8859-2\"></head><body>" + Self.polish + "</body></html>"
        expectEqual(TextDecoding.decode(Self.latin2(far)).source, .utf8WithCP1252Fallback)
    }

    @Test func aPagesMetaWinsOverItsXMLDeclarationAndAnXMLFilesDeclarationWins() {
        let head = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">\n"
        let page = head + "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\" /><title>Судоходство</title></head><body>" + Self.russian + "</body></html>"
        let bytes = Self.cp1251(page)
        let (text, source) = TextDecoding.decode(bytes)
        expectEqual(String(decoding: text, as: UTF8.self), page)
        expectEqual(source, .declared("windows-1251"))
        // The declaration alone is still obeyed; in an XML file it comes first.
        let declarationOnly = head + "<html><body><p>Caf\u{E9} cr\u{E8}me br\u{FB}l\u{E9}e.</p></body></html>"
        expectEqual(TextDecoding.decode(declarationOnly.unicodeScalars.map { UInt8($0.value) }).source, .declared("windows-1252"))
        let xmlText = TextDecoding.decodeXML(bytes)
        #expect(String(decoding: xmlText, as: UTF8.self).contains("<title>\u{D1}\u{F3}\u{E4}\u{EE}\u{F5}\u{EE}\u{E4}\u{F1}\u{F2}\u{E2}\u{EE}</title>"))
    }
}
