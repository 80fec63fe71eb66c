internal import CShims

/// A JSON syntax error with the byte offset where it was found.
public struct JSONSyntaxError: Error, Sendable, CustomStringConvertible {
    public let message: String
    /// Byte offset into the parsed bytes.
    public let offset: Int
    public var description: String { message }
}

/// A strict JSON parser over UTF-8 bytes (RFC 8259), built for JSONL: one value per call,
/// key order and number text kept, errors with a byte offset.
public struct JSONParser {
    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0
    private var depth = 0
    private static let maxDepth = 512
    /// Pairs the outermost object has room for at first (a JSONL record has a few fields).
    private static let objectReserve = 8
    /// Keys of the outermost object whose string values `parseObject(_:keepingBytesOf:)` keeps
    /// as bytes, and those bytes (the last value of each key, as for the object).
    private var bytesKeys: [String] = []
    private var keptBytes: [[UInt8]?] = []
    /// With `parseRecord`: the keys of the outermost object whose written text is not kept, and
    /// the texts kept for the other keys.
    private var verbatimExcept: [String]? = nil
    private var verbatim: [(key: String, text: String?)] = []
    /// Lone UTF-16 surrogate escapes (`"\ud800"`) read so far, each as U+FFFD; the offset of the
    /// first in the value of the outermost object being read; and the keys of the outermost
    /// object whose values held one, each with the offset of its first (`parseRecord`).
    private var loneSurrogates = 0
    private var firstLoneSurrogate: Int? = nil
    private var loneSurrogateKeys: [(key: String, offset: Int)] = []
    /// The offset of the first lone surrogate escape in a key of the outermost object (a name
    /// the writer writes anew, as U+FFFD), with `parseRecord`.
    private var loneSurrogateName: Int? = nil
    /// With `parseRecord`: the keys of the outermost object given more than once (each earlier
    /// value is gone: the object keeps the last), and the keys of the outermost object whose
    /// values hold an object with a key given more than once (`repeatedInside`); each listed
    /// once. `repeatInside` is set when an object inside the value being read has a key given
    /// twice (a flag, not the key's name kept for every field: a retain and a release a field).
    private var repeated: [String] = []
    private var repeatedInside: [String] = []
    private var repeatInside = false

    /// Parses exactly one JSON value filling the whole buffer (white space around it allowed).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        var p = JSONParser(b: bytes)
        p.skipSpace()
        let v = try p.value()
        p.skipSpace()
        if p.i < bytes.count { throw p.error("unexpected text after the JSON value") }
        return v
    }

    /// Parses one JSON value like `parse`, but the string values of the given keys of the
    /// outermost object (a JSONL record's long `text`) come back as UTF-8 bytes, checked like
    /// any string, without being made into a `String` first; in the object they stand as the
    /// empty string. `bytes[k]` is the last string value of `keys[k]`, nil when it had none.
    static func parseObject(_ bytes: UnsafeBufferPointer<UInt8>, keepingBytesOf keys: [String])
        throws(JSONSyntaxError) -> (value: JSONValue, bytes: [[UInt8]?]) {
        let r = try parseRecord(bytes, keepingBytesOf: keys, verbatimExcept: nil)
        return (r.value, r.bytes)
    }

    /// Parses a JSONL record like `parseObject`, and keeps the text each value of the outermost
    /// object was written in, for every key but those of `verbatimExcept`, when the writer would
    /// write that value otherwise (`JSONWriter` escapes anew and writes no white space; a string
    /// without escapes, a number or a literal comes out as it came and keeps no text) and the
    /// text is safe on a JSONL line as it stands (no control byte but tab, no raw C1 control
    /// U+0080–U+009F, NEL among them, no raw U+2028 or U+2029: the writer escapes all these).
    /// A passthrough field is then written back as the very text it came in. A key given again
    /// without a text to keep is listed again with none (its last value wins).
    /// `loneSurrogates` lists the keys of the outermost object whose values held a lone UTF-16
    /// surrogate escape, which the value holds as U+FFFD (`"\ud800"` and `"\udc00"` read alike),
    /// each with the offset of its first such escape; `loneSurrogateName` is the offset of the
    /// first such escape in a key of the outermost object (its name holds U+FFFD).
    /// `repeated` lists the keys of the outermost object given more than once, and
    /// `repeatedInside` those whose values hold an object with a key given more than once: the
    /// value keeps the last, so the earlier ones are gone unless the value's text is kept.
    static func parseRecord(_ bytes: UnsafeBufferPointer<UInt8>, keepingBytesOf keys: [String], verbatimExcept: [String]?)
        throws(JSONSyntaxError) -> (value: JSONValue, bytes: [[UInt8]?], verbatim: [(key: String, text: String?)], loneSurrogates: [(key: String, offset: Int)],
                                    loneSurrogateName: Int?, repeated: [String], repeatedInside: [String]) {
        var p = JSONParser(b: bytes)
        p.verbatimExcept = verbatimExcept
        p.bytesKeys = keys
        p.keptBytes = keys.map { _ in nil }
        p.skipSpace()
        let v = try p.value()
        p.skipSpace()
        if p.i < bytes.count { throw p.error("unexpected text after the JSON value") }
        return (v, p.keptBytes, p.verbatim, p.loneSurrogateKeys, p.loneSurrogateName, p.repeated, p.repeatedInside)
    }

    /// Parses one JSON value from bytes.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(JSONSyntaxError) in try parse(buffer) }
    }

    /// Parses one JSON value from a string.
    public static func parse(_ string: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(string.utf8))
    }

    private init(b: UnsafeBufferPointer<UInt8>) { self.b = b }

    private func error(_ message: String, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(message: message, offset: offset ?? i)
    }

    private mutating func skipSpace() {
        while i < b.count {
            let c = b[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1 } else { break }
        }
    }

    private mutating func value() throws(JSONSyntaxError) -> JSONValue {
        guard i < b.count else { throw error("the JSON ends too early") }
        switch b[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default:
            throw error("expected a JSON value, found \(describe(b[i]))")
        }
    }

    /// The escape a backslash makes with the character at `p`, for a message: `'\q'` for a
    /// printable ASCII character, else the backslash before the character's code (`'\' before
    /// U+2028`, `'\' before 0x1B`, `'\' before 0xFF` for a byte that starts no UTF-8 character).
    /// The first byte of a character was shown as a character of its own (`'\â'` for U+2028).
    private func escapeName(at p: Int) -> String {
        let c = b[p]
        if c >= 0x20 && c < 0x7F { return "'\\\(Character(Unicode.Scalar(c)))'" }
        if c >= 0x80 {
            var bytes = b[p..<min(b.count, p + 4)].makeIterator()
            var decoder = UTF8()
            if case .scalarValue(let scalar) = decoder.decode(&bytes) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                return "'\\' before U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }
        }
        return "'\\' before " + String(format: c)
    }

    private func describe(_ c: UInt8) -> String {
        c >= 0x20 && c < 0x7F ? "'\(Character(Unicode.Scalar(c)))'" : String(format: c)
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let n = word.utf8CodeUnitCount
        guard i + n <= b.count else { throw error("expected \(MessageText.quoted(word))") }
        let p = word.utf8Start
        for k in 0..<n where b[i + k] != p[k] { throw error("expected \(MessageText.quoted(word))") }
        i += n
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > JSONParser.maxDepth { throw error("JSON nested deeper than \(JSONParser.maxDepth) levels") }
    }

    private mutating func object() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        i += 1
        var obj = JSONObject()
        skipSpace()
        if i < b.count && b[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return .object(obj) }
        if depth == 1 { obj.reserveCapacity(JSONParser.objectReserve) }
        while true {
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw error("expected a quoted key in the JSON object") }
            let key: String
            if let known = knownKey() { key = known } else {
                let surrogatesBeforeKey = loneSurrogates
                if depth == 1 { firstLoneSurrogate = nil }
                key = try string()
                if depth == 1, loneSurrogates != surrogatesBeforeKey, loneSurrogateName == nil { loneSurrogateName = firstLoneSurrogate }
            }
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: ":") else { throw error("expected ':' after the key \"\(key)\"") }
            i += 1
            skipSpace()
            let surrogatesBefore = loneSurrogates
            if depth == 1 { firstLoneSurrogate = nil }
            let pairsBefore = obj.count
            if depth == 1, !bytesKeys.isEmpty, i < b.count, b[i] == UInt8(ascii: "\""), let k = bytesKeys.firstIndex(of: key) {
                keptBytes[k] = try stringBytes()
                obj[key] = .string("")
            } else if depth == 1, let except = verbatimExcept {
                let start = i
                let v = try value()
                // The value's kind first: most fields (plain strings, numbers) keep no text, and
                // their keys are not compared with the exceptions.
                if let text = writtenText(of: v, from: start), !except.contains(key) {
                    verbatim.append((key, text))
                } else if !verbatim.isEmpty, verbatim.contains(where: { $0.key == key }) {
                    verbatim.append((key, nil))
                }
                obj[key] = v
            } else {
                let v = try value()
                obj[key] = v
            }
            if depth == 1 {
                // A key given again: its last value is the one kept, and only it is noted.
                if !loneSurrogateKeys.isEmpty { loneSurrogateKeys.removeAll { $0.key == key } }
                if loneSurrogates != surrogatesBefore, let at = firstLoneSurrogate { loneSurrogateKeys.append((key, at)) }
                if obj.count == pairsBefore && !repeated.contains(key) { repeated.append(key) }
                if repeatInside {
                    repeatInside = false
                    if !repeatedInside.contains(key) { repeatedInside.append(key) }
                }
            } else if obj.count == pairsBefore {
                repeatInside = true
            }
            skipSpace()
            guard i < b.count else { throw error("the JSON object is not closed") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "}") { i += 1; break }
            throw error("expected ',' or '}' in the JSON object, found \(describe(b[i]))")
        }
        depth -= 1
        return .object(obj)
    }

    /// The key at `i` (its opening quote) when it is one most records have, written without an
    /// escape (`id`, `text`, `html`, `meta`): the string literal, past the key's closing quote, not
    /// a string made anew for every record. Nil, reading nothing, for any other key.
    @inline(__always)
    private mutating func knownKey() -> String? {
        guard i + 6 <= b.count, let base = b.baseAddress else { return nil }
        if b[i + 1] == UInt8(ascii: "i") && b[i + 2] == UInt8(ascii: "d") && b[i + 3] == UInt8(ascii: "\"") {
            i += 4
            return "id"
        }
        guard b[i + 5] == UInt8(ascii: "\"") else { return nil }
        let key: String
        // The four bytes after the quote as one little-endian word.
        switch UInt32(littleEndian: UnsafeRawPointer(base + i + 1).loadUnaligned(as: UInt32.self)) {
        case 0x7478_6574: key = "text"
        case 0x6C6D_7468: key = "html"
        case 0x6174_656D: key = "meta"
        default: return nil
        }
        i += 6
        return key
    }

    /// The text `v` was written in, from `start` to here, when the writer would write `v`
    /// otherwise and the text is safe on a JSONL line as it stands; else nil.
    private func writtenText(of v: JSONValue, from start: Int) -> String? {
        switch v {
        case .null, .bool, .number: return nil
        case .string(let s) where i - start == s.utf8.count + 2: return nil
        case .string, .array, .object: break
        }
        let text = UnsafeBufferPointer(rebasing: b[start..<i])
        var k = 0
        while k < text.count {
            let c = text[k]
            if c < 0x20 && c != 0x09 { return nil }
            if c == 0xC2, k + 1 < text.count, text[k + 1] >= 0x80 && text[k + 1] <= 0x9F { return nil }
            if c == 0xE2, k + 2 < text.count, text[k + 1] == 0x80, text[k + 2] == 0xA8 || text[k + 2] == 0xA9 { return nil }
            k += 1
        }
        return String(decoding: text, as: UTF8.self)
    }

    private mutating func array() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if i < b.count && b[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            guard i < b.count else { throw error("the JSON array is not closed") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            if b[i] == UInt8(ascii: "]") { i += 1; break }
            throw error("expected ',' or ']' in the JSON array, found \(describe(b[i]))")
        }
        depth -= 1
        return .array(items)
    }

    private mutating func number() throws(JSONSyntaxError) -> JSONValue {
        let start = i
        if b[i] == UInt8(ascii: "-") { i += 1 }
        func digits(_ p: inout JSONParser) -> Int {
            let s = p.i
            while p.i < p.b.count, p.b[p.i] >= 0x30, p.b[p.i] <= 0x39 { p.i += 1 }
            return p.i - s
        }
        guard i < b.count else { throw error("a number needs digits") }
        if b[i] == UInt8(ascii: "0") { i += 1 } else if digits(&self) == 0 { throw error("a number needs digits") }
        if i < b.count && b[i] == UInt8(ascii: ".") {
            i += 1
            if digits(&self) == 0 { throw error("a number needs digits after '.'") }
        }
        if i < b.count && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
            if digits(&self) == 0 { throw error("a number needs digits in its exponent") }
        }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self))
    }

    /// Parses a string starting at the opening quote; validates UTF-8 and escapes.
    private mutating func string() throws(JSONSyntaxError) -> String {
        try string(plain: { String(decoding: $0, as: UTF8.self) }, escaped: { String(decoding: $0, as: UTF8.self) })
    }

    /// Parses a string like `string()`, as its UTF-8 bytes. A string that is valid UTF-8 with
    /// only two-byte escapes (`\n`, `\"`, …: a JSONL record's text) is checked and decoded in
    /// one pass of `tm_json_string_read` into an array with room for the rest of the input (as
    /// the long way reserves, at most `escapedReserve`; a longer rest is measured first by
    /// `tm_json_string_scan` and decoded into an array of its length); any other string is read
    /// by `string(plain:escaped:)`, which finds what is wrong with it.
    private mutating func stringBytes() throws(JSONSyntaxError) -> [UInt8] {
        if let bytes = simpleStringBytes() { return bytes }
        return try string(plain: { Array($0) }, escaped: { JSONParser.givingBackRoom($0, reserved: $0.capacity) })
    }

    /// `bytes`, copied to its size when more than `keptSlack` of the room reserved for it is
    /// unused: a record's text lives as long as its document, and so would the room.
    @inline(__always)
    private static func givingBackRoom(_ bytes: [UInt8], reserved: Int) -> [UInt8] {
        reserved - bytes.count > keptSlack ? bytes.withUnsafeBufferPointer { Array($0) } : bytes
    }

    /// The bytes of the string at `i` (its opening quote) when the fast path takes it, with `i`
    /// past its closing quote; nil, reading nothing, otherwise.
    private mutating func simpleStringBytes() -> [UInt8]? {
        guard let base = b.baseAddress else { return nil }
        let start = i + 1
        let rest = b.count - start
        if rest > 0 && rest <= JSONParser.escapedReserve {
            var end = -1
            let bytes = [UInt8](unsafeUninitializedCapacity: rest) { buffer, count in
                var decoded = 0
                end = tm_json_string_read(base + start, rest, buffer.baseAddress!, &decoded)
                count = end >= 0 ? decoded : 0
            }
            guard end >= 0 else { return nil }
            i = start + end + 1
            // Room left over past a few KB (a text followed by a long `html` or `meta`) is given back.
            return JSONParser.givingBackRoom(bytes, reserved: rest)
        }
        var decoded = 0
        let end = tm_json_string_scan(base + start, b.count - start, &decoded)
        guard end >= 0 else { return nil }
        i = start + end + 1
        if decoded == end { return Array(UnsafeBufferPointer(start: base + start, count: end)) }
        return [UInt8](unsafeUninitializedCapacity: decoded) { buffer, count in
            tm_json_string_decode(base + start, end, buffer.baseAddress!, decoded)
            count = decoded
        }
    }

    /// Parses a string starting at the opening quote; validates UTF-8 and escapes. The result is
    /// made by `plain` from the bytes of a string without escapes, else by `escaped` from the
    /// decoded bytes.
    @inline(__always)
    private mutating func string<R>(plain: (UnsafeBufferPointer<UInt8>) -> R, escaped: ([UInt8]) -> R) throws(JSONSyntaxError) -> R {
        i += 1
        let start = i
        // Fast path: no escapes.
        i = plainRunEnd(from: i)
        if i < b.count && b[i] == UInt8(ascii: "\"") {
            let run = UnsafeBufferPointer(rebasing: b[start..<i])
            if let bad = UTF8Bytes.firstInvalidOffset(run) { throw invalidUTF8(at: start + bad) }
            i += 1
            return plain(run)
        }
        if i < b.count && b[i] < 0x20 { throw error("control character \(String(format: b[i])) inside a JSON string (it must be escaped)") }
        // Slow path with escapes: the runs between them and the decoded escapes are staged on
        // the stack (`StagedBytes`) and appended a chunk at a time.
        var out: [UInt8] = []
        out.reserveCapacity(min(b.count - start, JSONParser.escapedReserve))
        let failure = StagedBytes.staging(into: &out) { stage, out -> JSONSyntaxError? in
            stage.put(UnsafeBufferPointer(rebasing: b[start..<i]), into: &out)
            do throws(JSONSyntaxError) {
                try escapedRest(of: start, &stage, &out)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
        if let bad = out.withUnsafeBufferPointer({ UTF8Bytes.firstInvalidOffset($0) }) {
            throw invalidUTF8(at: start + bad)
        }
        return escaped(out)
    }

    /// Most bytes reserved at once for a string with escapes (it is at most the rest of the
    /// input long; a longer one grows as an array does).
    private static let escapedReserve = 1 << 16
    /// The most unused room a string read in one pass keeps (else it is copied to its size).
    private static let keptSlack = 4096

    /// Decodes the rest of the string whose bytes begin at `start`, from `i` to past its
    /// closing quote, into `stage`; throws where the string is bad.
    private mutating func escapedRest(of start: Int, _ stage: inout StagedBytes, _ out: inout [UInt8]) throws(JSONSyntaxError) {
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return
            }
            if c < 0x20 { throw error("control character \(String(format: c)) inside a JSON string (it must be escaped)") }
            if c != UInt8(ascii: "\\") {
                let runStart = i
                i = plainRunEnd(from: i + 1)
                stage.put(UnsafeBufferPointer(rebasing: b[runStart..<i]), into: &out)
                continue
            }
            i += 1
            guard i < b.count else { break }
            let e = b[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): stage.put(0x22, into: &out)
            case UInt8(ascii: "\\"): stage.put(0x5C, into: &out)
            case UInt8(ascii: "/"): stage.put(0x2F, into: &out)
            case UInt8(ascii: "b"): stage.put(0x08, into: &out)
            case UInt8(ascii: "f"): stage.put(0x0C, into: &out)
            case UInt8(ascii: "n"): stage.put(0x0A, into: &out)
            case UInt8(ascii: "r"): stage.put(0x0D, into: &out)
            case UInt8(ascii: "t"): stage.put(0x09, into: &out)
            case UInt8(ascii: "u"):
                let escapeAt = i - 2
                var scalar = try hex4()
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    // A high surrogate must be followed by a low one; a lone one becomes U+FFFD.
                    if i + 1 < b.count && b[i] == UInt8(ascii: "\\") && b[i + 1] == UInt8(ascii: "u") {
                        let save = i
                        i += 2
                        let low = try hex4()
                        if low >= 0xDC00 && low < 0xE000 {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            scalar = 0xFFFD
                            noteLoneSurrogate(at: escapeAt)
                            i = save
                        }
                    } else {
                        scalar = 0xFFFD
                        noteLoneSurrogate(at: escapeAt)
                    }
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    scalar = 0xFFFD
                    noteLoneSurrogate(at: escapeAt)
                }
                JSONParser.put(scalar, &stage, &out)
            default:
                throw error("unknown escape \(escapeName(at: i - 1)) in a JSON string", at: i - 2)
            }
        }
        throw error("the JSON string is not closed", at: start - 1)
    }

    /// The error for the invalid UTF-8 at `offset` of a string: a surrogate written as UTF-8
    /// bytes (ED A0 80 to ED BF BF, what a lone surrogate of a UTF-16 file reads as, see
    /// `UTF16Text`) is named as such, any other as invalid UTF-8.
    private func invalidUTF8(at offset: Int) -> JSONSyntaxError {
        if let unit = UTF16Text.surrogate(in: b, at: offset) {
            return error("a lone UTF-16 surrogate (\(UTF16Text.name(unit))) in a JSON string, which is no character", at: offset)
        }
        return error("invalid UTF-8 in a JSON string", at: offset)
    }

    /// Counts a lone surrogate escape whose backslash is at `offset`, noting the first of the
    /// value being read.
    private mutating func noteLoneSurrogate(at offset: Int) {
        loneSurrogates += 1
        if firstLoneSurrogate == nil { firstLoneSurrogate = offset }
    }

    /// Stages the UTF-8 bytes of a scalar (at most U+10FFFF).
    @inline(__always)
    private static func put(_ scalar: UInt32, _ stage: inout StagedBytes, _ out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            stage.put(UInt8(scalar), into: &out)
        case 0x80..<0x800:
            stage.put(UInt8(0xC0 | scalar >> 6), into: &out)
            stage.put(UInt8(0x80 | scalar & 0x3F), into: &out)
        case 0x800..<0x10000:
            stage.put(UInt8(0xE0 | scalar >> 12), into: &out)
            stage.put(UInt8(0x80 | (scalar >> 6) & 0x3F), into: &out)
            stage.put(UInt8(0x80 | scalar & 0x3F), into: &out)
        default:
            stage.put(UInt8(0xF0 | scalar >> 18), into: &out)
            stage.put(UInt8(0x80 | (scalar >> 12) & 0x3F), into: &out)
            stage.put(UInt8(0x80 | (scalar >> 6) & 0x3F), into: &out)
            stage.put(UInt8(0x80 | scalar & 0x3F), into: &out)
        }
    }

    /// The offset of the first byte at or after `from` that ends a plain run inside a string: a
    /// quote, a backslash or a control byte (`b.count` when there is none). Eight bytes at a time.
    @inline(__always)
    private func plainRunEnd(from: Int) -> Int {
        var k = from
        let n = b.count
        if let base = b.baseAddress {
            // Sixteen bytes at a time (the lane found is the stop itself), then eight near the end.
            while k + 16 <= n {
                if let lane = JSONStringScan.firstParserStop(base + k) { return k + lane }
                k += 16
            }
            while k + 8 <= n && !JSONParser.endsPlainRun(UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)) { k += 8 }
        }
        while k < n {
            let c = b[k]
            if c == 0x22 || c == 0x5C || c < 0x20 { return k }
            k += 1
        }
        return k
    }

    /// True when some byte of the word is '"', '\\' or below 0x20 (SWAR test: the borrow tricks
    /// can mark the wrong byte, never a word without such a byte; the caller finds the byte itself).
    @inline(__always)
    static func endsPlainRun(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        let below20 = (w &- 0x2020_2020_2020_2020) & ~w & highs
        return (below20 | hasZero(w ^ (ones &* 0x22)) | hasZero(w ^ (ones &* 0x5C))) != 0
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard i + 4 <= b.count else { throw error("\\u needs four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw error("\\u needs four hex digits")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }
}

extension String {
    /// "0x1F"-style description of a byte.
    init(format byte: UInt8) {
        let hex = String(byte, radix: 16, uppercase: true)
        self = "0x" + (hex.count == 1 ? "0" + hex : hex)
    }
}
