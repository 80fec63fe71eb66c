internal import CShims

/// Appends compact JSON to a byte buffer. Strings are written straight from UTF-8 bytes.
public struct JSONWriter {
    public var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    @inline(__always) public mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    @inline(__always) public mutating func byte(_ c: UInt8) { bytes.append(c) }

    /// Writes `"key":`.
    public mutating func key(_ k: String) {
        string(k)
        bytes.append(UInt8(ascii: ":"))
    }

    public mutating func string(_ s: String) {
        string(s, after: "")
    }

    /// Writes `prefix` (JSON text, as `,"path":`, at most 32 bytes) and then the string `s`: in one
    /// append when `s` is short and needs no escape (`quotedShort`), else as `raw(prefix)` and
    /// `string(s)` would. A native string's bytes are read in place (no copy of the string, so
    /// no retain and release of its storage).
    public mutating func string(_ s: String, after prefix: StaticString) {
        let written: Void? = s.utf8.withContiguousStorageIfAvailable { b in
            if !quotedShort(b, after: prefix) { string(utf8: b, after: prefix) }
        }
        if written == nil {
            var s = s
            s.withUTF8 { b in
                if !quotedShort(b, after: prefix) { string(utf8: b, after: prefix) }
            }
        }
    }

    /// Longest string `quotedShort` writes (ids, paths, hashes, names: most strings besides texts).
    static let shortString = 128

    /// Writes a string of at most `shortString` bytes that needs no escape (no byte below 0x20,
    /// '"', '\\', 0xC2 or 0xE2) with its quotes, after `prefix` (at most 32 bytes), in one append;
    /// false, writing nothing, for any other. The bytes are checked and copied sixteen at a time
    /// (`tm_json_quote_plain`) into a buffer on the stack.
    @inline(__always)
    mutating func quotedShort(_ b: UnsafeBufferPointer<UInt8>, after prefix: StaticString = "") -> Bool {
        let n = b.count
        guard n <= JSONWriter.shortString, let base = b.baseAddress else { return false }
        // 128 + 32 + 2 bytes: the longest string, the longest prefix and the quotes.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 162) { buffer in
            let p = buffer.baseAddress!
            let m = JSONWriter.put(prefix, at: p)
            let q = tm_json_quote_plain(base, n, p + m)
            guard q > 0 else { return false }
            bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: m + q))
            return true
        }
    }

    /// Writes a JSON string from valid UTF-8 bytes, escaping what JSON requires, plus the C1
    /// controls U+0080–U+009F (U+0085, NEL, is a line break to Python's `str.splitlines` and
    /// other line readers) and U+2028 and U+2029 (line breaks to JavaScript and `splitlines`):
    /// no line of JSONL is ever split by a reader.
    public mutating func string(utf8 b: UnsafeBufferPointer<UInt8>) {
        string(utf8: b, after: "")
    }

    /// Writes `prefix` (JSON text, as `,"text":`, at most 32 bytes) and then a JSON string from
    /// valid UTF-8 bytes, as `raw(prefix)` and `string(utf8: b)` would. The string is escaped by
    /// `tm_json_escape` (sixteen bytes at a time, runs copied whole) into a buffer on the stack,
    /// appended a buffer at a time: a 1 KB story costs two appends.
    public mutating func string(utf8 b: UnsafeBufferPointer<UInt8>, after prefix: StaticString) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: JSONWriter.escapeBuffer) { buffer in
            let p = buffer.baseAddress!
            var w = JSONWriter.put(prefix, at: p)
            p[w] = UInt8(ascii: "\"")
            w += 1
            var i = 0
            let n = b.count
            if let base = b.baseAddress {
                while i < n {
                    var consumed = 0
                    w += tm_json_escape(base + i, n - i, &consumed, p + w, JSONWriter.escapeBuffer - w)
                    i += consumed
                    if i < n {
                        if bytes.count + w > bytes.capacity && n - i >= JSONWriter.measuredRest {
                            reserveForEscaped(base + i, n - i, pending: w)
                        }
                        bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: w))
                        w = 0
                    }
                }
            }
            // Room for the closing quote: the escape always leaves at least one byte of its room.
            p[w] = UInt8(ascii: "\"")
            bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: w + 1))
        }
    }

    /// Room for the escaped rest of a string (`n` bytes at `s`), `pending` bytes of it still to
    /// append, and an eighth more for what follows, reserved at once: left to the array's
    /// doubling, a text that escapes to several times its size (each control character is 6
    /// bytes, `\u0001`) grew through buffers of twice the size, each copied, the old one held
    /// beside the new (a 50 MB text of controls peaked at 12 times its size). The rest is
    /// escaped once to be measured; only strings whose escape outgrew the record's estimate
    /// get here.
    private mutating func reserveForEscaped(_ s: UnsafePointer<UInt8>, _ n: Int, pending: Int) {
        var rest = 0
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: JSONWriter.escapeBuffer) { scratch in
            var i = 0
            while i < n {
                var consumed = 0
                rest += tm_json_escape(s + i, n - i, &consumed, scratch.baseAddress!, JSONWriter.escapeBuffer)
                i += consumed
            }
        }
        let needed = bytes.count + pending + rest + 1
        bytes.reserveCapacity(needed + needed / 8)
    }

    /// The shortest rest of a string whose escaped size is measured before the writer's buffer
    /// grows for it (shorter ones grow as arrays do).
    static let measuredRest = 1 << 16

    /// Bytes of the stack buffer `string(utf8:after:)` escapes into (larger temporary
    /// allocations are not always on the stack).
    static let escapeBuffer = 1024

    public mutating func string(utf8 bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBufferPointer { string(utf8: $0) }
    }

    public mutating func int(_ v: Int) {
        if v >= 0 && v < 10 { bytes.append(UInt8(ascii: "0") + UInt8(v)); return }
        // Into a buffer on the stack (20 bytes hold any Int), then one append.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            let p = buffer.baseAddress!
            bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: JSONWriter.decimal(v, at: p)))
        }
    }

    /// Writes `{"start":S,"end":E}` (a span) with one append.
    public mutating func startEnd(_ start: Int, _ end: Int) {
        numbers("{\"start\":", start, ",\"end\":", end, "}")
    }

    /// Writes `a`, the number `x`, `b`, the number `y` and `c` with one append (JSON text around
    /// two integers, as `,"start":S,"end":E`). Each static string is at most 32 bytes.
    /// (Inlined, so the strings' lengths are constants and each is copied without a call.)
    @inline(__always)
    public mutating func numbers(_ a: StaticString, _ x: Int, _ b: StaticString, _ y: Int, _ c: StaticString = "") {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 144) { buffer in
            let p = buffer.baseAddress!
            var n = JSONWriter.put(a, at: p)
            n += JSONWriter.decimal(x, at: p + n)
            n += JSONWriter.put(b, at: p + n)
            n += JSONWriter.decimal(y, at: p + n)
            n += JSONWriter.put(c, at: p + n)
            bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        }
    }

    /// Writes `a`, the number `x` and `b` with one append (each static string at most 32 bytes).
    @inline(__always)
    public mutating func number(_ a: StaticString, _ x: Int, _ b: StaticString = "") {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 96) { buffer in
            let p = buffer.baseAddress!
            var n = JSONWriter.put(a, at: p)
            n += JSONWriter.decimal(x, at: p + n)
            n += JSONWriter.put(b, at: p + n)
            bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        }
    }

    /// Writes `[A,B]` with one append.
    public mutating func pair(_ a: Int, _ b: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            let p = buffer.baseAddress!
            p[0] = UInt8(ascii: "[")
            var n = 1 + JSONWriter.decimal(a, at: p + 1)
            p[n] = UInt8(ascii: ",")
            n += 1 + JSONWriter.decimal(b, at: p + n + 1)
            p[n] = UInt8(ascii: "]")
            bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n + 1))
        }
    }

    /// Copies `s` to `p`; returns its length.
    @inline(__always) static func put(_ s: StaticString, at p: UnsafeMutablePointer<UInt8>) -> Int {
        p.update(from: s.utf8Start, count: s.utf8CodeUnitCount)
        return s.utf8CodeUnitCount
    }

    /// Writes `v` in decimal at `p` (at most 20 bytes); returns how many bytes it took. Two
    /// digits a step (one division by 100 and a copy from `digitPairs`), from the right.
    @inline(__always) static func decimal(_ v: Int, at p: UnsafeMutablePointer<UInt8>) -> Int {
        var m = v.magnitude
        var sign = 0
        if v < 0 { p[0] = UInt8(ascii: "-"); sign = 1 }
        var digits = 1
        var rest = m
        while rest >= 10 { rest /= 10; digits += 1 }
        var k = sign + digits
        let pairs = digitPairs.utf8Start
        while m >= 100 {
            let pair = Int(truncatingIfNeeded: m % 100)
            m /= 100
            k -= 2
            p[k] = pairs[2 * pair]
            p[k + 1] = pairs[2 * pair + 1]
        }
        if m >= 10 {
            p[k - 2] = pairs[2 * Int(m)]
            p[k - 1] = pairs[2 * Int(m) + 1]
        } else {
            p[k - 1] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: m)
        }
        return sign + digits
    }

    /// "00", "01", … "99": the two digits of every value below 100.
    static let digitPairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    public mutating func double(_ v: Double) {
        bytes.append(contentsOf: JSONValue.format(v).utf8)
    }

    public mutating func value(_ v: JSONValue) {
        switch v {
        case .null: raw("null")
        case .bool(let b): if b { raw("true") } else { raw("false") }
        case .number(let n): bytes.append(contentsOf: n.utf8)
        case .string(let s): string(s)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (k, item) in items.enumerated() {
                if k > 0 { bytes.append(UInt8(ascii: ",")) }
                value(item)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let o): object(o)
        }
    }

    public mutating func object(_ o: JSONObject) {
        bytes.append(UInt8(ascii: "{"))
        var first = true
        for (k, v) in o {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            key(k)
            value(v)
        }
        bytes.append(UInt8(ascii: "}"))
    }
}

extension JSONValue {
    /// Compact JSON text of the value.
    public var jsonText: String {
        var w = JSONWriter()
        w.value(self)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
