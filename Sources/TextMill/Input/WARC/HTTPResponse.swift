internal import CZlib
internal import CDeflate

/// The head of an HTTP response as a WARC `response` record stores it: status line and headers.
struct HTTPResponseHead: Sendable {
    var status: Int
    /// Header fields in order, names as sent.
    var fields: [(name: String, value: String)]
    /// Bytes of the status line and headers, with the blank line that ends them: the body starts here.
    var length: Int

    /// The last value of a header, by case-insensitive name.
    func value(_ name: String) -> String? {
        fields.last { $0.name.equalsIgnoringASCIICase(name) }?.value
    }

    /// Heads longer than this are refused (servers cap theirs at 8 to 64 KiB).
    static let maxLength = 1 << 16

    /// Parses the head at the start of `block`, or says what is wrong with it.
    static func parse(_ block: ArraySlice<UInt8>) -> Result<HTTPResponseHead, HTTPError> {
        guard block.starts(with: Array("HTTP/".utf8)) else { return .failure(.notHTTP) }
        let scope = block.prefix(maxLength)
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = scope.startIndex
        var bodyStart: Int?
        var i = scope.startIndex
        while i < scope.endIndex {
            if scope[i] == 0x0A {
                var line = scope[lineStart..<i]
                if line.last == 0x0D { line = line.dropLast() }
                lineStart = i + 1
                if line.isEmpty { bodyStart = i + 1; break }
                lines.append(line)
            }
            i += 1
        }
        guard let bodyStart else {
            return .failure(block.count > maxLength ? .headTooLong : .unterminatedHead)
        }
        let statusWords = String(decoding: lines[0], as: UTF8.self).split(separator: " ", maxSplits: 2)
        guard statusWords.count >= 2, let status = Int(statusWords[1]), (100...999).contains(status) else {
            return .failure(.badStatusLine(String(decoding: lines[0].prefix(80), as: UTF8.self)))
        }
        var fields: [(name: String, value: String)] = []
        for line in lines.dropFirst() {
            HeaderField.add(line, to: &fields)
        }
        return .success(HTTPResponseHead(status: status, fields: fields, length: bodyStart - block.startIndex))
    }
}

/// What is wrong with a stored HTTP response.
enum HTTPError: Error, Equatable {
    case notHTTP
    case headTooLong
    case unterminatedHead
    case badStatusLine(String)
    case badChunk(at: Int)
    case unsupportedEncoding(String)
    case corruptEncoding(String, String)
    case tooLarge(Int)

    var message: String {
        switch self {
        case .notHTTP: return "the response record does not hold an HTTP response"
        case .headTooLong: return "the HTTP headers are longer than \(HTTPResponseHead.maxLength >> 10) KiB"
        case .unterminatedHead: return "the HTTP headers do not end (no blank line before the record ends)"
        case .badStatusLine(let line): return "the HTTP status line is malformed (\(MessageText.quoted(line)))"
        case .badChunk(let at): return "the chunked HTTP body is malformed at byte \(at) of the body"
        case .unsupportedEncoding(let name): return "the HTTP body is in Content-Encoding \(MessageText.quoted(name)), which TextMill cannot undo (it reads gzip, deflate and identity)"
        case .corruptEncoding(let name, let why): return "the HTTP body's \(name) data is corrupt (\(why))"
        case .tooLarge(let limit): return "the decoded HTTP body is larger than the \(MessageText.megabytes(limit)) MB limit; raise max_document_mb in the config to read it"
        }
    }
}

/// A media type and its charset, from a `Content-Type` value.
struct MediaType: Equatable {
    /// Lower case, without parameters ("text/html").
    var type: String
    var charset: String?

    init(_ value: String) {
        let parts = value.split(separator: ";", omittingEmptySubsequences: false)
        type = (parts.first.map(String.init) ?? "").trimmingASCIISpace.lowercased()
        charset = nil
        for part in parts.dropFirst() {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingASCIISpace.lowercased() == "charset" else { continue }
            var v = String(kv[1]).trimmingASCIISpace
            if v.count >= 2 && (v.hasPrefix("\"") && v.hasSuffix("\"") || v.hasPrefix("'") && v.hasSuffix("'")) {
                v = String(v.dropFirst().dropLast())
            }
            if !v.isEmpty { charset = v }
        }
    }
}

/// Undoing the transfer and content codings of a stored HTTP body.
enum HTTPBody {
    /// Decodes `Transfer-Encoding: chunked`. Chunk extensions and trailers are ignored; a body
    /// that ends without the last (empty) chunk keeps what arrived, as browsers do. A body that
    /// does not start with a chunk-size line is taken as stored already decoded (`storedDechunked`),
    /// as warcio reads it: crawlers such as Common Crawl's wrote the decoded body under the header
    /// they received (it failed as "malformed at byte 0", or, with no line break, was an empty page).
    static func dechunk(_ body: ArraySlice<UInt8>, limit: Int) -> Result<[UInt8], HTTPError> {
        var out: [UInt8] = []
        var i = body.startIndex
        while i < body.endIndex {
            guard let nl = body[i...].firstIndex(of: 0x0A) else {
                if i == body.startIndex && HTTPBody.storedDechunked(body) { return .success(Array(body)) }
                break
            }
            var sizeField = body[i..<nl]
            if sizeField.last == 0x0D { sizeField = sizeField.dropLast() }
            if let semicolon = sizeField.firstIndex(of: UInt8(ascii: ";")) { sizeField = sizeField[..<semicolon] }
            let digits = String(decoding: sizeField, as: UTF8.self).trimmingASCIISpace
            // Hex digits only: `Int(_:radix:)` also reads a sign, and "-5" made a backwards range.
            guard !digits.isEmpty, digits.count <= 15, digits.utf8.allSatisfy(HTTPBody.isHexDigit), let size = Int(digits, radix: 16) else {
                if i == body.startIndex && HTTPBody.storedDechunked(body) { return .success(Array(body)) }
                return .failure(.badChunk(at: i - body.startIndex))
            }
            if size == 0 { return .success(out) }
            let dataStart = nl + 1
            let dataEnd = min(body.endIndex, dataStart + size)
            if out.count + (dataEnd - dataStart) > limit { return .failure(.tooLarge(limit)) }
            out.append(contentsOf: body[dataStart..<dataEnd])
            i = dataEnd
            // The CRLF after the chunk's data.
            if i < body.endIndex && body[i] == 0x0D { i += 1 }
            if i < body.endIndex && body[i] == 0x0A { i += 1 }
        }
        return .success(out)
    }

    /// 0-9, A-F, a-f.
    static func isHexDigit(_ c: UInt8) -> Bool { (0x30...0x39).contains(c) || (0x41...0x46).contains(c) || (0x61...0x66).contains(c) }

    /// The zlib window bits for each content coding TextMill undoes (nil: none to undo).
    static let codings: [String: Int32?] = [
        "": nil, "identity": nil, "none": nil,
        "gzip": 16 + 15, "x-gzip": 16 + 15,
        // "deflate" is meant to be zlib-wrapped; servers that send raw deflate are read too.
        "deflate": 15,
    ]

    /// Undoes a `Content-Encoding` (several comma-separated ones, last applied first). A body
    /// that fails to decode and does not start as that coding does (gzip's 1F 8B, a zlib header)
    /// is taken as stored already decoded, as warcio reads it: crawlers such as Common Crawl's
    /// wrote the decoded body under the header they received, and each such page failed as
    /// "gzip data is corrupt (incorrect header check)".
    static func decode(_ body: [UInt8], contentEncoding: String, limit: Int) -> Result<[UInt8], HTTPError> {
        var out = body
        let names = contentEncoding.split(separator: ",").map { $0.trimmingASCIISpace.lowercased() }
        for name in names.reversed() {
            guard let entry = codings[name] else { return .failure(.unsupportedEncoding(name)) }
            guard let windowBits = entry else { continue }
            switch inflate(out, windowBits: windowBits, limit: limit) {
            case .success(let bytes): out = bytes
            case .failure(let error):
                // Raw deflate, as some servers send for "deflate".
                if name == "deflate", case .success(let bytes) = inflate(out, windowBits: -15, limit: limit) {
                    out = bytes
                    continue
                }
                if case .corruptEncoding = error, !startsCoded(out, windowBits: windowBits), looksLikeText(out[...]) { continue }
                if case .corruptEncoding(_, let why) = error { return .failure(.corruptEncoding(name, why)) }
                return .failure(error)
            }
        }
        return .success(out)
    }

    /// True when the first 512 bytes hold no control byte but tab, line breaks, form feed and
    /// escape (ISO-2022's): a body taken as stored decoded must be text, not a stream in a coding
    /// TextMill does not know (brotli under a wrong header stays a failure).
    static func looksLikeText(_ bytes: ArraySlice<UInt8>) -> Bool {
        !bytes.prefix(512).contains { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20 && $0 != 0x1B) || $0 == 0x7F }
    }

    /// A body under `Transfer-Encoding: chunked` whose first line is no chunk size is taken as
    /// stored dechunked when it is text and does not end as a chunked body ends (the last, empty
    /// chunk: `0` and a blank line): one that does is chunked with a damaged size, and fails.
    static func storedDechunked(_ body: ArraySlice<UInt8>) -> Bool {
        guard looksLikeText(body) else { return false }
        var end = body.endIndex
        while end > body.startIndex && (body[end - 1] == 0x0D || body[end - 1] == 0x0A) { end -= 1 }
        let lastLine = body[..<end].lastIndex(of: 0x0A).map { body[($0 + 1)..<end] } ?? body[..<end]
        let size = lastLine.firstIndex(of: UInt8(ascii: ";")).map { lastLine[..<$0] } ?? lastLine
        let endsChunked = end < body.endIndex && HeaderField.trimmed(size).elementsEqual([UInt8(ascii: "0")])
        return !endsChunked
    }

    /// True when `bytes` start as a stream of the coding does: gzip's magic 1F 8B (window bits
    /// over 16), or a zlib header (deflate's 15: method 8, and the two bytes a multiple of 31).
    static func startsCoded(_ bytes: [UInt8], windowBits: Int32) -> Bool {
        guard bytes.count >= 2 else { return false }
        if windowBits > 16 { return bytes[0] == 0x1F && bytes[1] == 0x8B }
        return bytes[0] & 0x0F == 8 && (Int(bytes[0]) << 8 | Int(bytes[1])) % 31 == 0
    }

    /// Inflates bytes held in memory, refusing more than `limit` bytes of output. Concatenated
    /// gzip members are read on; a stream cut short keeps what it decoded (as browsers show a
    /// page whose download broke off). A whole, well-formed stream is decoded by libdeflate; zlib
    /// takes the rest.
    static func inflate(_ bytes: [UInt8], windowBits: Int32, limit: Int) -> Result<[UInt8], HTTPError> {
        if let whole = inflateWhole(bytes, windowBits: windowBits, limit: limit) { return whole }
        return inflateStreaming(bytes, windowBits: windowBits, limit: limit)
    }

    /// libdeflate's reading of one complete gzip (windowBits > 16), zlib (15) or raw (-15)
    /// stream that is all of `bytes`; nil when it is not one (zlib then decides).
    static func inflateWhole(_ bytes: [UInt8], windowBits: Int32, limit: Int) -> Result<[UInt8], HTTPError>? {
        guard !bytes.isEmpty, let d = libdeflate_alloc_decompressor() else { return nil }
        defer { libdeflate_free_decompressor(d) }
        var capacity = 4 * bytes.count + (1 << 12)
        if windowBits > 16 && bytes.count >= 18 {
            // The gzip trailer ends with the length of the text, modulo 2^32.
            let n = bytes.count
            let size = Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
            if size > 0 && size <= limit { capacity = size }
        }
        capacity = min(capacity, limit)
        while true {
            // Uninitialized: only the pages libdeflate writes cost memory. Zero-filled, the
            // output cost its whole size at once, and a gzip body cut short (its last four bytes
            // read as a length) claimed up to `limit` before libdeflate refused it.
            var used = 0
            var result = LIBDEFLATE_BAD_DATA
            let out = bytes.withUnsafeBytes { inBuf in
                [UInt8](unsafeUninitializedCapacity: capacity) { outBuf, initialized in
                    var produced = 0
                    switch windowBits {
                    case 17...: result = libdeflate_gzip_decompress_ex(d, inBuf.baseAddress!, inBuf.count, outBuf.baseAddress!, outBuf.count, &used, &produced)
                    case 15: result = libdeflate_zlib_decompress_ex(d, inBuf.baseAddress!, inBuf.count, outBuf.baseAddress!, outBuf.count, &used, &produced)
                    default: result = libdeflate_deflate_decompress_ex(d, inBuf.baseAddress!, inBuf.count, outBuf.baseAddress!, outBuf.count, &used, &produced)
                    }
                    initialized = result == LIBDEFLATE_SUCCESS ? produced : 0
                }
            }
            switch result {
            case LIBDEFLATE_SUCCESS where used == bytes.count:
                return .success(out)
            case LIBDEFLATE_INSUFFICIENT_SPACE:
                if capacity >= limit { return .failure(.tooLarge(limit)) }
                capacity = min(limit, capacity * 4)
            default:
                return nil
            }
        }
    }

    /// zlib's reading of `bytes`, fed to it at most `maxFeed` bytes at a time: zlib counts its
    /// input in 32 bits, and a body of 4 GiB or more, fed whole, trapped converting its length
    /// (a WARC record that big is only read with `max_document_mb` over 4095). Tests lower it.
    static func inflateStreaming(_ bytes: [UInt8], windowBits: Int32, limit: Int, maxFeed: Int = Int(UInt32.max)) -> Result<[UInt8], HTTPError> {
        var z = z_stream()
        guard tm_inflateInit2(&z, windowBits) == Z_OK else { return .failure(.corruptEncoding("deflate", "cannot start zlib")) }
        defer { inflateEnd(&z) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        let feed = max(1, min(maxFeed, Int(UInt32.max)))
        // zlib reads the body where it is (`next_in` is not const in zlib's header, but inflate
        // never writes through it): a copy held the body twice.
        return bytes.withUnsafeBufferPointer { inBuf -> Result<[UInt8], HTTPError> in
            // Bytes of `bytes` handed to zlib so far; `z.avail_in` of them not read yet.
            var fed = 0
            func feedFrom(_ position: Int) {
                let n = min(inBuf.count - position, feed)
                z.next_in = inBuf.baseAddress.map { UnsafeMutablePointer(mutating: $0 + position) }
                z.avail_in = UInt32(n)
                fed = position + n
            }
            feedFrom(0)
            while true {
                if z.avail_in == 0 && fed < inBuf.count { feedFrom(fed) }
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { outBuf -> (Int32, Int) in
                    z.next_out = outBuf.baseAddress
                    z.avail_out = UInt32(outBuf.count)
                    let status = CZlib.inflate(&z, Z_NO_FLUSH)
                    return (status, outBuf.count - Int(z.avail_out))
                }
                if out.count + produced > limit { return .failure(.tooLarge(limit)) }
                out.append(contentsOf: chunk[0..<produced])
                switch status {
                case Z_STREAM_END:
                    // Another gzip member may follow; anything else after the end is ignored.
                    let next = fed - Int(z.avail_in)
                    guard windowBits > 16, inBuf.count - next > 2, inBuf[next] == 0x1F, inBuf[next + 1] == 0x8B else { return .success(out) }
                    feedFrom(next)
                    inflateReset(&z)
                case Z_OK:
                    continue
                case Z_BUF_ERROR:
                    // No progress possible: the input ended inside the stream.
                    if out.isEmpty { return .failure(.corruptEncoding("gzip", "the data ends before any text")) }
                    return .success(out)
                default:
                    let why = z.msg.map { String(cString: $0) } ?? "code \(status)"
                    return .failure(.corruptEncoding(windowBits > 16 ? "gzip" : "deflate", why))
                }
            }
        }
    }
}

/// Header lines (`Name: value`) as WARC and HTTP write them.
enum HeaderField {
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

    /// The bytes without leading and trailing spaces and tabs.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var s = bytes.startIndex, e = bytes.endIndex
        while s < e && isSpace(bytes[s]) { s += 1 }
        while e > s && isSpace(bytes[e - 1]) { e -= 1 }
        return bytes[s..<e]
    }

    /// Adds one header line to `fields`: a new field, or the folded continuation of the last one.
    /// A line without a colon is ignored.
    static func add(_ line: ArraySlice<UInt8>, to fields: inout [(name: String, value: String)]) {
        if let first = line.first, isSpace(first), !fields.isEmpty {
            fields[fields.count - 1].value += " " + String(decoding: trimmed(line), as: UTF8.self)
            return
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        fields.append((String(decoding: trimmed(line[..<colon]), as: UTF8.self),
                       String(decoding: trimmed(line[(colon + 1)...]), as: UTF8.self)))
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces and tabs.
    var trimmingASCIISpace: String {
        String(decoding: HeaderField.trimmed(Array(utf8)[...]), as: UTF8.self)
    }

    /// True when both spell the same ASCII letters, ignoring their case (header names).
    func equalsIgnoringASCIICase(_ other: some StringProtocol) -> Bool {
        let a = utf8, b = other.utf8
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { x, y in
            x == y || (x ^ y == 0x20 && (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7A)
        }
    }
}
