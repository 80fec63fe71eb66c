import Foundation
import Testing
@testable import TextMill

/// The third pass on the runner's cost a document (issue 17): JSON strings are escaped and
/// unescaped through a stage on the stack (`StagedBytes`), a JSONL record's fallback id is made
/// only when it has none, and dedup's default shingle size runs unrolled. Each gives exactly what
/// the plain definitions give, also where a string crosses the stage's capacity.
@Suite struct StagedEscapingTests {
    /// A news text long enough to fill the stage more than once, with every kind of escape.
    static let story: String = {
        let paragraphs = [
            "ALMATY, Jan. 6 (Reuters) - “We will not leave,” said Dana Abenova, 34, a teacher.",
            "Tokayev said: \"The uprising was an attempted coup\" \\ a claim rights groups dispute.",
            "Protesters\tgathered\ron the square;\u{2028}police fired tear gas\u{2029}at dawn.",
            "Control bytes \u{01}\u{1F}\u{08}\u{0C} and an em dash — and ’quotes’ stay as they are.",
        ]
        var text = ""
        for k in 0..<40 { text += paragraphs[k % paragraphs.count] + (k % 3 == 0 ? "\n\n" : "\n") }
        return text
    }()

    /// JSON string escaping the slow, obvious way: one scalar at a time.
    static func escapedByHand(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u00" + (hex.count == 1 ? "0" + hex : hex)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    @Test(arguments: [0, 1, 7, 100, 255, 256, 257, 1023, 1024, 1025, 2049, 6000])
    func writerEscapesAsByHandAtEveryLength(length: Int) {
        // Cut on a character boundary near `length` bytes, so runs and escapes land on every
        // side of the stage's capacity (1024) and of a direct run (256).
        var text = ""
        for c in Self.story where text.utf8.count + String(c).utf8.count <= length { text.append(c) }
        var w = JSONWriter()
        w.raw("[")
        w.string(text)
        w.raw("]")
        expectEqual(String(decoding: w.bytes, as: UTF8.self), "[" + Self.escapedByHand(text) + "]")
    }

    @Test func writerWritesALongPlainRunWhole() {
        let run = String(repeating: "Officials in Almaty said on Tuesday. ", count: 200)
        var w = JSONWriter()
        w.string(run + "\n" + run)
        expectEqual(String(decoding: w.bytes, as: UTF8.self), "\"" + run + "\\n" + run + "\"")
    }

    @Test func parserUnescapesALongStringAsWritten() throws {
        // Written by the writer, read back: the same text, through the parser's staged path.
        var w = JSONWriter()
        w.raw("{\"text\":")
        w.string(Self.story)
        w.raw("}")
        let value = try JSONParser.parse(w.bytes)
        expectEqual(value.objectValue?["text"]?.stringValue, Self.story)
        let (_, kept) = try w.bytes.withUnsafeBufferPointer { try JSONParser.parseObject($0, keepingBytesOf: ["text"]) }
        expectEqual(kept[0], Array(Self.story.utf8))
    }

    @Test func parserDecodesUnicodeEscapesAcrossTheStage() throws {
        // 700 escapes of 6 to 12 bytes each: the decoded bytes cross the stage several times.
        var line = "{\"text\":\""
        var expected = ""
        for k in 0..<700 {
            switch k % 5 {
            case 0: line += "\\u00e9"; expected += "é"
            case 1: line += "\\ud83d\\ude00"; expected += "😀"
            case 2: line += "\\ud83d x"; expected += "\u{FFFD} x"
            case 3: line += "\\u2014\\/"; expected += "—/"
            default: line += "\\u0041\\n"; expected += "A\n"
            }
        }
        line += "\"}"
        let value = try JSONParser.parse(line)
        expectEqual(value.objectValue?["text"]?.stringValue, expected)
    }

    @Test func parserErrorsInEscapedStringsKeepTheirOffsets() {
        let cases: [(String, String, Int)] = [
            (#"{"text":"a\nb"#, "the JSON string is not closed", 8),
            (#"{"text":"a\nb\q"}"#, "unknown escape '\\q' in a JSON string", 13),
            // A backslash before a character of several bytes, or a control: its code, where the
            // first byte was shown as a character of its own ('\â' for U+2028, '\Â' for U+0085).
            ("{\"text\":\"a\\\u{2028}b\"}", "unknown escape '\\' before U+2028 in a JSON string", 10),
            ("{\"text\":\"a\\\u{85}b\"}", "unknown escape '\\' before U+0085 in a JSON string", 10),
            ("{\"text\":\"a\\\u{1F600}b\"}", "unknown escape '\\' before U+1F600 in a JSON string", 10),
            ("{\"text\":\"a\\\u{1B}b\"}", "unknown escape '\\' before 0x1B in a JSON string", 10),
            ("{\"text\":\"a\\nb\u{01}\"}", "control character 0x01 inside a JSON string (it must be escaped)", 13),
            (#"{"text":"a\n\u12"}"#, "\\u needs four hex digits", 16),
        ]
        for (input, message, offset) in cases {
            do {
                _ = try JSONParser.parse(input)
                Issue.record("accepted \(input)")
            } catch {
                expectEqual(error.message, message)
                expectEqual(error.offset, offset, "\(input)")
            }
        }
        // Invalid UTF-8 after an escape: found in the decoded bytes, as before.
        let bad = Array(#"{"text":"a\nb"#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        do {
            _ = try JSONParser.parse(bad)
            Issue.record("accepted invalid UTF-8")
        } catch {
            expectEqual(error.message, "invalid UTF-8 in a JSON string")
            expectEqual(error.offset, 12)
        }
    }

    @Test func jsonlRecordsWithoutAnIdGetThePathAndLine() throws {
        let reader = JSONLReader(file: InputFile(path: "wire/day.jsonl", format: .jsonl), limit: 1 << 20)
        guard case .document(let d) = reader.decode(Array(#"{"text":"Officials said."}"#.utf8), line: 12) else {
            Issue.record("not read")
            return
        }
        expectEqual(d.id, "wire/day.jsonl#12")
        guard case .document(let n) = reader.decode(Array(#"{"id":1907,"text":"Officials said."}"#.utf8), line: 13) else {
            Issue.record("not read")
            return
        }
        expectEqual(n.id, "1907")
        guard case .failure(let e) = reader.decode(Array(#"{"text":"Officials said."#.utf8), line: 14) else {
            Issue.record("a broken line was read")
            return
        }
        expectEqual(e.id, "wire/day.jsonl#14")
        let stdin = JSONLReader(file: InputFile(path: "-", format: .jsonl), limit: 1 << 20)
        guard case .failure(let s) = stdin.decode(Array(#"{"id":[1],"text":"x"}"#.utf8), line: 2) else {
            Issue.record("an array id was read")
            return
        }
        expectEqual(s.id, "stdin#2")
        expectEqual(s.reason, "line 2: \"id\" must be a string or a number, not array")
    }

    @Test func jsonlFieldsTextMillOwnsAreStillMovedUnderInput() throws {
        let reader = JSONLReader(file: InputFile(path: "wire/day.jsonl", format: .jsonl), limit: 1 << 20)
        let line = #"{"id":"a","text":"Officials said.","sentences":[1],"feed":"wire","input":{"x":1},"meta":{"title":"T"}}"#
        guard case .document(let d) = reader.decode(Array(line.utf8), line: 1) else {
            Issue.record("not read")
            return
        }
        expectEqual(d.extra.keys, ["feed", "input"])
        expectEqual(d.extra["input"], .object(JSONObject([("sentences", .array([.number("1")])), ("input", .object(JSONObject([("x", .number("1"))])))])))
        expectEqual(d.meta["title"], .string("T"))
    }

    /// Shingle hashes the obvious way: every run of `size` words, hashed, sorted, distinct.
    static func shinglesByHand(_ tokens: [UInt64], size: Int) -> [UInt64] {
        guard !tokens.isEmpty else { return [] }
        let k = min(size, tokens.count)
        var out: [UInt64] = []
        for i in 0...(tokens.count - k) {
            var x = tokens[i]
            for j in 1..<k { x = (x &* 0x9e37_79b9_7f4a_7c15) ^ tokens[i + j] }
            out.append(x &* 0xd6e8_feb8_6659_fd93)
        }
        return Array(Set(out)).sorted()
    }

    @Test(arguments: [1, 3, 4, 5, 6, 9])
    func shingleHashesAreEveryRunOfWords(size: Int) {
        var tokenizer = WordTokenizer()
        var tokens: [UInt64] = []
        let text = Array(Self.story.utf8)
        text.withUnsafeBufferPointer { tokenizer.tokenize($0, from: 0, to: $0.count, into: &tokens) }
        for count in [0, 1, 4, 5, 6, tokens.count] {
            let words = Array(tokens.prefix(count))
            let hashes = Fingerprinter.shingleHashes(words, size: size)
            expectEqual(hashes, Self.shinglesByHand(words, size: size), "\(count) words")
            var halves: [UInt32] = []
            for h in hashes where halves.last != UInt32(h >> 32) { halves.append(UInt32(h >> 32)) }
            expectEqual(Fingerprinter.highHalves(hashes), halves)
        }
    }

    @Test func fileNamesGetTheFormatTheirExtensionSays() {
        let cases: [(String, SourceFormat, Bool)] = [
            ("input/wire/story-12.txt", .text, false), ("a/B/Page.HTML", .html, false), ("x.htm", .html, false),
            ("feeds/world.Rss", .xml, false), ("f.atom.gz", .xml, true), ("day.JSONL.GZ", .jsonl, true),
            ("cc/segment.warc.wet.gz", .warc, true), ("x.ndjson", .jsonl, false), ("notes", .text, false),
            (".html", .text, false), ("dir/.gz", .text, true), ("a.gz", .text, true), ("a..xml", .xml, false),
            ("trailing.", .text, false), ("folder.html/", .text, false), ("x.shtml", .html, false), ("x.xhtml", .html, false),
            // Extensions read as one word: a longer or shorter name than a known one is no match.
            ("x.NDJSON", .jsonl, false), ("x.ndjsonl", .text, false), ("x.html5", .text, false), ("x.ht", .text, false),
            ("x.WET", .warc, false), ("x.averylongextension", .text, false), ("x.xml.GZ", .xml, true), ("a/b.c/d", .text, false),
            // Names with other characters take the Unicode path, with the same answers.
            ("ニュース/記事.html", .html, false), ("café.TXT.gz", .text, true), ("straße.XML", .xml, false),
            ("новости.NDJSON.gz", .jsonl, true), ("über.wet", .warc, false), ("é.xhtml", .html, false), ("é.html5", .text, false),
        ]
        for (path, format, gzip) in cases {
            let file = InputFile.classify(path)
            expectEqual(file.path, path)
            expectEqual(file.format, format, "\(path)")
            expectEqual(file.gzip, gzip, "\(path)")
        }
    }

    /// A folder's names come back in byte order (a prefix first, upper case before lower,
    /// UTF-8 after ASCII), each spelled as `FileName` spells it, with its bytes only when the
    /// spelling differs, and whether it is a folder.
    @Test func aFolderIsListedInByteOrderOfItsNames() throws {
        let dir = TemporaryDirectory()
        let names = ["b.txt", "a", "ab", "B", "é.txt", "a.txt", "aa", "story-10.txt", "story-9.txt", "story-1.txt", "back\\slash"]
        for name in names { dir.write(name, "x") }
        try FileManager.default.createDirectory(atPath: dir.file("sub"), withIntermediateDirectories: false)
        let listed = try #require(InputResolver.entries(Array(dir.path.utf8)))
        let expected = (names + ["sub"]).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        expectEqual(listed.map { $0.0 }, expected.map { FileName.spelling(Array($0.utf8)).0 })
        expectEqual(listed.map { $0.1 }, expected.map { $0.contains("\\") ? Array($0.utf8) : nil })
        expectEqual(listed.map { $0.2 }, expected.map { Optional($0 == "sub") })
        #expect(InputResolver.entries(Array(dir.file("none").utf8)) == nil)
        let empty = dir.file("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: false)
        #expect(try #require(InputResolver.entries(Array(empty.utf8))).isEmpty)
    }

    /// A walk's child paths are the folder's prefix and the name, byte for byte as `+` made them.
    @Test func aChildPathIsThePrefixAndTheName() {
        let prefixes = ["", "docs/", "in/wire/2024/", "ニュース/", "a long folder name past fifteen bytes/"]
        let names = ["a.txt", "é.txt", "story-0000001.txt", "記事.html", "x", "back\\slash\\x80"]
        for prefix in prefixes {
            for name in names {
                let joined = InputResolver.joined(prefix, name)
                expectEqual(joined, prefix + name)
                expectEqual(Array(joined.utf8), Array(prefix.utf8) + Array(name.utf8))
            }
        }
    }

    @Test func folderEntriesAreInByteOrder() {
        let names: [[UInt8]] = [Array("b".utf8), Array("a".utf8), Array("ab".utf8), [], Array("B".utf8), [0xC3, 0xA9], Array("a.txt".utf8), Array("aa".utf8)]
        for x in names {
            for y in names {
                expectEqual(InputResolver.bytesPrecede(x, y), x.lexicographicallyPrecedes(y), "\(x) \(y)")
            }
        }
    }
}
