import Foundation
import Testing
@testable import TextMill

@Suite struct CleanupEncodingTests {
    func decode(_ bytes: [UInt8]) -> (String, TextDecoding.Source) {
        let (text, source) = TextDecoding.decode(bytes)
        #expect(UTF8Bytes.isValid(text))
        return (String(decoding: text, as: UTF8.self), source)
    }

    @Test func utf8ByteOrderMarkIsDroppedAndWinsOverMeta() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<meta charset=\"iso-8859-1\"><p>Café</p>".utf8)
        let (text, source) = decode(bytes)
        expectEqual(text, "<meta charset=\"iso-8859-1\"><p>Café</p>")
        expectEqual(source, .byteOrderMark("UTF-8"))
    }

    @Test func utf16ByteOrderMarks() {
        let s = "<p>Almaty – Алматы 😀</p>"
        var le: [UInt8] = [0xFF, 0xFE]
        var be: [UInt8] = [0xFE, 0xFF]
        for u in s.utf16 {
            le += [UInt8(u & 0xFF), UInt8(u >> 8)]
            be += [UInt8(u >> 8), UInt8(u & 0xFF)]
        }
        #expect(decode(le) == (s, .byteOrderMark("UTF-16LE")))
        #expect(decode(be) == (s, .byteOrderMark("UTF-16BE")))
    }

    @Test func declaredWindows1252AndLatin1() {
        // 0x93/0x94 are curly quotes in cp1252; WHATWG reads iso-8859-1 as windows-1252 too.
        let body: [UInt8] = Array("<p>".utf8) + [0x93, 0x43, 0x61, 0x66, 0xE9, 0x94, 0x20, 0x80] + Array("</p>".utf8)
        for head in ["<meta charset=windows-1252>", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"] {
            let (text, source) = decode(Array(head.utf8) + body)
            expectEqual(text, head + "<p>“Café” €</p>")
            expectEqual(source, .declared("windows-1252"))
        }
    }

    @Test func xmlDeclarationNamesTheEncoding() {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>".utf8) + [0xC5, 0x6C, 0x61, 0x6E, 0x64] + Array("</a>".utf8)
        expectEqual(decode(bytes).0, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>Åland</a>")
    }

    @Test func otherCharsetsGoThroughIconv() {
        // "Привет" in windows-1251.
        let bytes = Array("<meta charset=\"windows-1251\"><p>".utf8) + [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2] + Array("</p>".utf8)
        let (text, source) = decode(bytes)
        #expect(text.hasSuffix("<p>Привет</p>"))
        expectEqual(source, .declared("windows-1251"))
    }

    /// A declaration inside a comment is not the page's, as in a browser's prescan: before
    /// session 24 `<!-- <meta charset="utf-8"> -->` left over a windows-1251 page read its
    /// Cyrillic as UTF-8 with the cp1252 fallback ("Ïðèâåò"), and a commented-out koi8-r label
    /// won over the page's own windows-1251 one. An unclosed comment hides what follows it.
    @Test func aDeclarationInsideACommentIsNotThePages() {
        let privet: [UInt8] = [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]
        for head in ["<!-- <meta charset=\"utf-8\"> --><meta charset=\"windows-1251\">",
                     "<!-- old: <meta charset=koi8-r> -->\n<META http-equiv=Content-Type content=\"text/html; charset=windows-1251\">",
                     "<!--><meta charset=\"windows-1251\">", "<!---><!-- <meta charset=koi8-r> --><meta charset=\"windows-1251\">"] {
            let (text, source) = decode(Array("<html><head>\(head)</head><p>".utf8) + privet + Array("</p>".utf8))
            #expect(text.hasSuffix("<p>Привет</p>"), "\(head)")
            expectEqual(source, .declared("windows-1251"), "\(head)")
        }
        expectEqual(TextDecoding.declaredCharset(Array("<!-- <meta charset=koi8-r> <meta charset=windows-1251>".utf8)), nil)
        expectEqual(TextDecoding.declaredCharset(Array("<p>a <!-- x --> b</p><meta charset=koi8-r>".utf8)), "koi8-r")
        expectEqual(TextDecoding.declaredCharset(Array("<metA charset=koi8-r>".utf8)), "koi8-r")
    }

    /// A declaration read in ASCII cannot name an encoding that does not read ASCII as ASCII:
    /// it is ignored (as a browser ignores a label it does not know), not obeyed. Obeyed, these
    /// ASCII pages came out as U+FFFD (UTF-32, UCS-4) or as EBCDIC's reading (cp037), under exit 0;
    /// UTF-7 (until session 24) read "C++ and 1+1=2" as CJK soup, and "+ADw-b+AD4-" as "<b>".
    @Test func aDeclarationOfAnEncodingThatIsNotASCIIBasedIsIgnored() {
        for label in ["utf-32", "UTF-32LE", "ucs-4", "cp037", "utf-7", "UTF-7-IMAP"] {
            for head in ["<meta charset=\"\(label)\">", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=\(label)\">",
                         "<?xml version=\"1.0\" encoding=\"\(label)\"?>"] {
                let page = head + "<p>The council met on Monday to vote on the C++ budget (1+1=2, +ADw-b+AD4-) of AT&amp;T.</p>"
                let (text, source) = decode(Array(page.utf8))
                expectEqual(text, page, "\(label)")
                expectEqual(source, .utf8, "\(label)")
            }
        }
        // With a protocol's charset (HTTP's Content-Type), that one is used instead.
        let page = Array("<meta charset=\"utf-32\"><p>".utf8) + [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2] + Array("</p>".utf8)
        let (text, source) = TextDecoding.decode(page, transportCharset: "windows-1251")
        expectEqual(String(decoding: text, as: UTF8.self), "<meta charset=\"utf-32\"><p>Привет</p>")
        expectEqual(source, .declared("windows-1251"))
        // A protocol's charset of that kind is ignored too (no browser knows these labels).
        let plain = "<p>The council met on Monday.</p>"
        let (read, from) = TextDecoding.decode(Array(plain.utf8), transportCharset: "utf-32")
        expectEqual(String(decoding: read, as: UTF8.self), plain)
        expectEqual(from, .utf8)
    }

    /// ASCII-based encodings keep their declarations: the probe reads as itself in each.
    @Test func asciiBasedEncodingsReadASCIIAsASCII() {
        for label in ["utf-8", "iso-8859-1", "windows-1251", "koi8-r", "shift_jis", "euc-jp", "gb18030", "big5", "euc-kr", "iso-2022-jp", "tis-620"] {
            #expect(TextDecoding.Charset(label: label).readsASCIIAsASCII, "\(label)")
        }
        for label in ["utf-32", "utf-32be", "ucs-4", "cp037", "utf-7", "utf-7-imap", "no-such-charset"] {
            #expect(!TextDecoding.Charset(label: label).readsASCIIAsASCII, "\(label)")
        }
    }

    @Test func undeclaredInvalidUTF8FallsBackToCP1252PerByte() {
        // Valid UTF-8 "é" next to a stray cp1252 byte 0x92 (’).
        let bytes = Array("<p>café".utf8) + [0x92] + Array("s</p>".utf8)
        #expect(decode(bytes) == ("<p>café’s</p>", .utf8WithCP1252Fallback))
        #expect(decode(Array("<p>plain ascii</p>".utf8)) == ("<p>plain ascii</p>", .utf8))
    }

    @Test func mislabelledLatin1ThatIsReallyUTF8() {
        let bytes = Array("<meta charset=\"iso-8859-1\"><p>Zürich – “quoted”</p>".utf8)
        expectEqual(decode(bytes).0, "<meta charset=\"iso-8859-1\"><p>Zürich – “quoted”</p>")
    }

    @Test func controlCharactersAndNULAreRemoved() {
        let bytes = Array("<p>a".utf8) + [0x00, 0x01, 0x1B] + Array("b\tc</p>".utf8)
        expectEqual(decode(bytes).0, "<p>a   b\tc</p>")
    }

    @Test func declaredEncodingReachesTheText() throws {
        // End to end: a cp1252 page whose meta libxml2 must not act on a second time.
        let bytes = Array("<html><head><meta charset=windows-1252></head><body><p>".utf8) + [0x93, 0x48, 0x69, 0x94, 0x20, 0xE9]
            + Array(" and a long enough sentence to be an article paragraph here.</p></body></html>".utf8)
        let doc = try CleanupFixtures.cleanHTML(bytes)
        expectEqual(doc.string, "“Hi” é and a long enough sentence to be an article paragraph here.")
    }
}
