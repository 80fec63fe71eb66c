import Testing
@testable import TextMill

/// The byte searches the markup scanners share (`UTF8Bytes.after`, `startsCaseless`, `firstIndex`).
@Suite struct UTF8BytesSearchTests {
    let page = Array("<p>Mayor</p><script>var s = \"</p>\";</SCRIPT ><p>Council</p><!-- note --><p>end</p>".utf8)

    @Test func afterFindsTheFirstCloserFromTheStart() {
        let script = UTF8Bytes.after(page, "<script", from: 0)!
        expectEqual(UTF8Bytes.after(page, "</p>", from: script), script + 14)
        expectEqual(UTF8Bytes.after(page, "-->", from: 0).map { String(decoding: page[..<$0], as: UTF8.self).hasSuffix("<!-- note -->") }, true)
        expectEqual(UTF8Bytes.after(page, "</div>", from: 0), nil)
        expectEqual(UTF8Bytes.after(page, "</p>", from: page.count), nil)
        expectEqual(UTF8Bytes.after(page, "</p>", from: -3), 12)
    }

    @Test func caselessMatchesLettersInEitherCaseOnly() {
        let script = UTF8Bytes.after(page, "<script", from: 0)!
        let end = UTF8Bytes.after(page, "</script", from: script, caseless: true)!
        expectEqual(String(decoding: page[end...].prefix(4), as: UTF8.self), " ><p")
        expectEqual(UTF8Bytes.after(page, "</script", from: script), nil)
        // Built at run time, as the stripper does for the element it skips.
        expectEqual(UTF8Bytes.after(page, Array("</script".utf8), from: script, caseless: true), end)
    }

    @Test func aControlByteNeverMatchesPunctuation() {
        // 0x0D | 0x20 is "-" and 0x1A | 0x20 is ":": folding by OR took these for the header name.
        let forged: [UInt8] = Array("WARC".utf8) + [0x0D] + Array("Record".utf8) + [0x0D] + Array("ID".utf8) + [0x1A] + Array(" <urn:x>".utf8)
        #expect(!UTF8Bytes.startsCaseless(forged, 0, "warc-record-id:"))
        #expect(UTF8Bytes.startsCaseless(Array("WARC-Record-ID: <urn:x>".utf8), 0, "warc-record-id:"))
        let hidden: [UInt8] = Array("<script>x".utf8) + [0x0F] + Array("script>y</script>z".utf8)
        expectEqual(UTF8Bytes.after(hidden, "</script", from: 8, caseless: true), hidden.count - 2)
        #expect(UTF8Bytes.asciiLower(0x0D) == 0x0D && UTF8Bytes.asciiLower(0x41) == 0x61 && UTF8Bytes.asciiLower(0x5B) == 0x5B)
    }

    /// `firstIndex` answers in the slice's own indices, from `start` on, within the slice only.
    @Test func firstIndexFindsTheFirstNeedleInASliceByItsIndices() {
        let p = Array("</p>".utf8)
        expectEqual(UTF8Bytes.firstIndex(of: p, in: page[...], from: 0), 8)
        expectEqual(UTF8Bytes.firstIndex(of: p, in: page[...], from: 9), 29)
        expectEqual(UTF8Bytes.firstIndex(of: p, in: page[20...], from: 0), 29)
        expectEqual(UTF8Bytes.firstIndex(of: p, in: page[..<29], from: 9), nil)
        expectEqual(UTF8Bytes.firstIndex(of: p, in: page[...], from: page.count), nil)
        expectEqual(UTF8Bytes.firstIndex(of: [], in: page[...], from: 0), nil)
        // A needle of one letter less than the text, at every place: linear, and not found.
        let text = [UInt8](repeating: 0x61, count: 4_000)
        expectEqual(UTF8Bytes.firstIndex(of: Array(text[1...]) + [0x62], in: text[...], from: 0), nil)
        expectEqual(UTF8Bytes.firstIndex(of: Array(text[1...]), in: text[...], from: 0), 0)
    }
}
