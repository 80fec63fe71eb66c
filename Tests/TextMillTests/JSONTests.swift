import Testing
@testable import TextMill

@Suite struct JSONTests {
    @Test func roundTripsKeyOrderNumbersAndEscapes() throws {
        let line = #"{"id":"wire-1","n":1.50,"big":12345678901234567890,"ok":true,"none":null,"list":[1,"two",{"x":[]}],"s":"tab\there \"q\" \u00e9 \ud83d\ude00 \u2028"}"#
        let value = try JSONParser.parse(line)
        guard case .object(let o) = value else { Issue.record("not an object"); return }
        expectEqual(o.keys, ["id", "n", "big", "ok", "none", "list", "s"])
        expectEqual(o["n"], .number("1.50"))
        expectEqual(o["big"], .number("12345678901234567890"))
        expectEqual(o["s"]?.stringValue, "tab\there \"q\" é 😀 \u{2028}")
        // Written back: same keys, same numbers, escapes JSON needs.
        expectEqual(value.jsonText, #"{"id":"wire-1","n":1.50,"big":12345678901234567890,"ok":true,"none":null,"list":[1,"two",{"x":[]}],"s":"tab\there \"q\" é 😀 \u2028"}"#)
    }

    @Test(arguments: [
        (#"{"text": "a",}"#, "expected a quoted key"),
        (#"{"text": "unterminated}"#, "not closed"),
        (#"{"text": tru}"#, "expected 'true'"),
        (#"[1, 2"#, "not closed"),
        (#"{"a": 1} x"#, "unexpected text after"),
        (#"{"a": 01}"#, "expected ',' or '}'"),
    ])
    func reportsSyntaxErrors(input: String, message: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(input) }
        do { _ = try JSONParser.parse(input) } catch { #expect(error.message.contains(message), "\(error.message)") }
    }

    @Test func refusesInvalidUTF8InStrings() {
        var bytes = Array(#"{"text": "caf"#.utf8)
        bytes.append(0xE9)  // Latin-1 é, not UTF-8
        bytes += Array(#""}"#.utf8)
        do {
            _ = try JSONParser.parse(bytes)
            Issue.record("accepted invalid UTF-8")
        } catch {
            #expect(error.message.contains("invalid UTF-8"))
            expectEqual(error.offset, 13)
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(deep) }
    }

    @Test func writerEscapesControlCharacters() {
        var w = JSONWriter()
        w.string("a\u{0}b\u{1F}c\r\n\\")
        expectEqual(String(decoding: w.bytes, as: UTF8.self), #""a\u0000b\u001fc\r\n\\""#)
    }
}
