import Foundation
import Testing
@testable import TextMill

/// A lone UTF-16 surrogate is no character. In a UTF-16 `.txt` or `.jsonl` file, or as a JSON
/// escape in a field a JSONL record is read from (`text`, `html`, `meta`, `metadata`), it fails
/// its file or line at its place, naming it, as invalid UTF-8 does. Before, each became U+FFFD
/// silently, under exit 0.
@Suite struct LoneSurrogateInputTests {
    /// UTF-16 bytes with a mark, of the given code units (a lone surrogate among them).
    func utf16(_ units: [UInt16], littleEndian: Bool) -> [UInt8] {
        var out: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for u in units { out += littleEndian ? [UInt8(u & 0xFF), UInt8(u >> 8)] : [UInt8(u >> 8), UInt8(u & 0xFF)] }
        return out
    }

    /// The documents (id, text) and failures (id, reason, line, column) a reader gives for a file.
    func read(_ bytes: [UInt8], _ dir: TemporaryDirectory, name: String) throws -> [String] {
        let path = dir.write(name, bytes)
        var out: [String] = []
        try SourceReader().read(InputFile.classify(path)) { item in
            switch item {
            case .document(let d): out.append(d.id + " " + String(decoding: d.text, as: UTF8.self))
            case .failure(let e): out.append("failed \(e.id) at \(e.line.map(String.init) ?? "-"):\(e.column.map(String.init) ?? "-"): \(e.reason)")
            }
        }
        return out.map { $0.replacingOccurrences(of: path, with: "FILE") }
    }

    @Test func aLoneSurrogateFailsAUTF16TextFileAtItsPlace() throws {
        let dir = TemporaryDirectory()
        let good = "The ferry ran late on Monday.\nTickets cost ", rest = " more, the harbor office said.\n"
        let paired = Array(good.utf16) + [0xD83D, 0xDEA2] + Array(rest.utf16)
        expectEqual(try read(utf16(paired, littleEndian: true), dir, name: "paired.txt"), ["FILE " + good + "🚢" + rest])
        for (name, unit, littleEndian) in [("high.txt", UInt16(0xD83D), true), ("low.txt", UInt16(0xDEA2), false)] {
            let lone = Array(good.utf16) + [unit] + Array(rest.utf16)
            expectEqual(try read(utf16(lone, littleEndian: littleEndian), dir, name: name), [
                "failed FILE at 2:14: invalid UTF-16 (a lone surrogate, U+\(String(unit, radix: 16, uppercase: true)), at line 2, column 14): "
                    + "it is half of a character whose other half is missing, so the file is damaged; repair it at its source, "
                    + "or convert it dropping what cannot be read, e.g. iconv -c -f utf-16 -t utf-8",
            ])
        }
    }

    @Test func aLoneSurrogateFailsItsLineOfAUTF16JSONLFile() throws {
        let dir = TemporaryDirectory()
        let first = #"{"id":"r1","text":"The harbor reopened "# , second = #"{"id":"r2","text":"Tickets cost "#, end = #" more."}"# + "\n"
        for littleEndian in [true, false] {
            let units = Array(first.utf16) + [0xD83D, 0xDEA2] + Array(end.utf16) + Array(second.utf16) + [0xD83D] + Array(end.utf16)
            expectEqual(try read(utf16(units, littleEndian: littleEndian), dir, name: "wire.jsonl"), [
                "r1 The harbor reopened 🚢 more.",
                "failed FILE#2 at 2:33: line 2 is not valid JSON: a lone UTF-16 surrogate (U+D83D) in a JSON string, which is no character (column 33)",
            ])
        }
    }

    /// A lone surrogate escape in a field the record is read from fails it with its column; in a
    /// field written back as the text it came in, it stays as it came (no character is lost).
    @Test func aLoneSurrogateEscapeFailsTheRecordWhereItWouldBeReplaced() throws {
        let dir = TemporaryDirectory()
        let lines = [
            #"{"id":"t","text":"Tickets cost \ud83d more."}"#,
            #"{"id":"h","html":"<p>Tickets cost \udea2 more.</p>"}"#,
            #"{"id":"m","text":"Tickets cost more.","meta":{"title":"Fares \ud800"}}"#,
            #"{"id":"d","text":"Tickets cost more.","metadata":{"title":"Fares \ud800"}}"#,
            #"{"id":"k","text":"Tickets cost more.","note":"\ud800 as it came"}"#,
            #"{"id":"p","text":"Tickets cost \ud83d\udea2 more."}"#,
        ]
        let got = try read(Array((lines.joined(separator: "\n") + "\n").utf8), dir, name: "escapes.jsonl")
        func failure(_ id: String, _ line: Int, _ column: Int, _ key: String) -> String {
            "failed \(id) at \(line):\(column): line \(line), column \(column): \"\(key)\" holds a lone UTF-16 surrogate escape (such as \\ud800), "
                + "which is no character: read as U+FFFD the record would not say what the line says; write it in valid Unicode "
                + "(a surrogate pair such as \\ud83d\\ude00 is one character)"
        }
        expectEqual(got, [
            failure("t", 1, 32, "text"), failure("h", 2, 35, "html"), failure("m", 3, 62, "meta"), failure("d", 4, 66, "metadata"),
            "k Tickets cost more.", "p Tickets cost 🚢 more.",
        ])
    }

    /// A lone surrogate escape in a field's name fails the record at its column: a name is
    /// written anew, and as U+FFFD it would not be what the line says ("\ud800" and "\udc00"
    /// one name). In a key of `meta` or `metadata` it fails the record as one in their values
    /// does; in a key inside a field written back as the text it came in, it stays as it came.
    @Test func aLoneSurrogateEscapeInAKeyFailsTheRecordWhereItWouldBeReplaced() throws {
        let dir = TemporaryDirectory()
        let lines = [
            #"{"id":"n","text":"Tickets cost more.","fare\ud800":"two euros"}"#,
            #"{"id":"mk","text":"Tickets cost more.","meta":{"fare\udc00":"two euros"}}"#,
            #"{"id":"dk","text":"Tickets cost more.","metadata":{"\ud83d fare":"two euros"}}"#,
            #"{"id":"two","text":"Tickets cost more.","\ud800":"one","\udc00":"two"}"#,
            #"{"id":"ok","text":"Tickets cost more.","fares":{"\ud800":"two euros"}}"#,
        ]
        let got = try read(Array((lines.joined(separator: "\n") + "\n").utf8), dir, name: "keys.jsonl")
        func inName(_ id: String, _ line: Int, _ column: Int) -> String {
            "failed \(id) at \(line):\(column): line \(line), column \(column): a field's name holds a lone UTF-16 surrogate escape (such as \\ud800), "
                + "which is no character: read as U+FFFD the record would not say what the line says (names are written anew); write it in "
                + "valid Unicode (a surrogate pair such as \\ud83d\\ude00 is one character)"
        }
        func inValue(_ id: String, _ line: Int, _ column: Int, _ key: String) -> String {
            "failed \(id) at \(line):\(column): line \(line), column \(column): \"\(key)\" holds a lone UTF-16 surrogate escape (such as \\ud800), "
                + "which is no character: read as U+FFFD the record would not say what the line says; write it in valid Unicode "
                + "(a surrogate pair such as \\ud83d\\ude00 is one character)"
        }
        expectEqual(got, [
            inName("n", 1, 44), inValue("mk", 2, 53, "meta"), inValue("dk", 3, 53, "metadata"), inName("two", 4, 42),
            "ok Tickets cost more.",
        ])
    }
}

/// A UTF-16 file of an odd number of bytes ends in half a code unit: it was cut short or
/// damaged. A `.txt` file fails whole and a `.jsonl` file its last line, at the byte's place,
/// as a lone surrogate does. Before, `.txt` dropped the byte silently and `.jsonl` read it as
/// U+FFFD, under exit 0.
@Suite struct OddLengthUTF16InputTests {
    let reading = LoneSurrogateInputTests()

    func reason(_ byte: String, _ line: Int, _ column: Int) -> String {
        "invalid UTF-16 (an odd number of bytes: the last, \(byte) at line \(line), column \(column), is half a character): "
            + "the file was cut short or damaged; fetch it again, or drop its last byte, e.g. head -c -1 FILE > FIXED"
    }

    @Test func anOddLastByteFailsAUTF16TextFileAtItsPlace() throws {
        let dir = TemporaryDirectory()
        let text = "The ferry ran late on Monday.\nTickets cost two euros more, the harbor office saïd"
        for littleEndian in [true, false] {
            let whole = reading.utf16(Array(text.utf16), littleEndian: littleEndian)
            expectEqual(try reading.read(whole, dir, name: "whole.txt"), ["FILE " + text])
            // The file cut in the middle of its last "d" (0x64 0x00 or 0x00 0x64).
            let cut = Array(whole.dropLast())
            expectEqual(try reading.read(cut, dir, name: "cut.txt"), [
                "failed FILE at 2:51: " + reason(littleEndian ? "0x64" : "0x00", 2, 51),
            ])
        }
    }

    @Test func anOddLastByteFailsTheLastLineOfAUTF16JSONLFile() throws {
        let dir = TemporaryDirectory()
        let first = #"{"id":"r1","text":"The harbor reopened on Monday."}"# + "\n"
        let second = #"{"id":"r2","text":"Tickets cost more."}"#
        for littleEndian in [true, false] {
            // Cut in the middle of the second record's closing brace: that line fails, at the brace.
            let cut = Array(reading.utf16(Array((first + second).utf16), littleEndian: littleEndian).dropLast())
            expectEqual(try reading.read(cut, dir, name: "cut.jsonl"), [
                "r1 The harbor reopened on Monday.",
                "failed FILE#2 at 2:39: " + reason(littleEndian ? "0x7D" : "0x00", 2, 39),
            ])
            // One stray byte after the last line's newline: a line of its own fails.
            let stray = reading.utf16(Array((first + second + "\n").utf16), littleEndian: littleEndian) + [0x0A]
            expectEqual(try reading.read(stray, dir, name: "stray.jsonl"), [
                "r1 The harbor reopened on Monday.", "r2 Tickets cost more.",
                "failed FILE#3 at 3:1: " + reason("0x0A", 3, 1),
            ])
        }
        // Over many reads (the stream converts 64 KiB at a time, lines are read 1 MiB at a time):
        // every complete line is read, the cut one fails.
        let many = (1...30_000).map { #"{"id":"n\#($0)","text":"Ferry \#($0) left."}"# }.joined(separator: "\n")
        let got = try reading.read(Array(reading.utf16(Array(many.utf16), littleEndian: true).dropLast()), dir, name: "many.jsonl")
        expectEqual(got.count, 30_000)
        expectEqual(got[29_998], "n29999 Ferry 29999 left.")
        expectEqual(got[29_999], "failed FILE#30000 at 30000:42: " + reason("0x7D", 30_000, 42))
    }
}
