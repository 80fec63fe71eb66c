/// A byte stream read as UTF-8 text whatever its byte-order mark says: a UTF-8 mark is dropped,
/// and UTF-16 with a mark (what Windows tools such as PowerShell write) is converted to UTF-8 as
/// it streams. Without a mark the bytes pass through untouched. JSONL files are read through it,
/// so their first record does not fail on the mark and UTF-16 files give their records.
struct UTF8Stream: ByteStream {
    private enum Encoding { case undecided, utf8, utf16(littleEndian: Bool) }

    private var base: any ByteStream
    private var encoding = Encoding.undecided
    /// Bytes ready to hand out: read ahead while looking for a mark, or converted from UTF-16.
    private var ready: [UInt8] = []
    private var readyStart = 0
    /// UTF-16 bytes held back for the next chunk: an odd byte, or a high surrogate whose low
    /// half has not arrived yet.
    private var carry: [UInt8] = []
    private var atEnd = false
    /// A UTF-16 file's odd last byte, which the stream does not hand out; noted in `ending` when
    /// the stream says it is over, so a reader has had every complete line before it sees it.
    private var oddLastByte: UInt8? = nil
    let ending: UTF16Ending

    init(_ base: any ByteStream, ending: UTF16Ending = UTF16Ending()) {
        self.base = base
        self.ending = ending
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if case .undecided = encoding { try decide() }
        if readyStart == ready.count, case .utf16(let littleEndian) = encoding {
            try convertMore(littleEndian: littleEndian)
        }
        if readyStart < ready.count {
            let n = min(buffer.count, ready.count - readyStart)
            ready.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + readyStart, byteCount: n) }
            readyStart += n
            if readyStart == ready.count { ready.removeAll(keepingCapacity: true); readyStart = 0 }
            return n
        }
        if case .utf8 = encoding { return try base.read(into: buffer) }
        ending.oddLastByte = oddLastByte
        return 0
    }

    /// Reads the first bytes (at least three, unless the stream is shorter) and looks for a mark.
    private mutating func decide() throws {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while ready.count < 3 {
            let n = try chunk.withUnsafeMutableBytes { try base.read(into: $0) }
            if n == 0 { atEnd = true; break }
            ready += chunk[0..<n]
        }
        if ready.starts(with: [0xEF, 0xBB, 0xBF]) {
            ready.removeFirst(3)
            encoding = .utf8
        } else if ready.starts(with: [0xFF, 0xFE]) || ready.starts(with: [0xFE, 0xFF]) {
            let littleEndian = ready[0] == 0xFF
            encoding = .utf16(littleEndian: littleEndian)
            carry = Array(ready.dropFirst(2))
            ready = []
        } else {
            encoding = .utf8
        }
    }

    /// Converts the next chunk of UTF-16 into `ready` (leaves it empty only at the end).
    private mutating func convertMore(littleEndian: Bool) throws {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while ready.isEmpty {
            var bytes = carry
            carry = []
            if !atEnd {
                let n = try chunk.withUnsafeMutableBytes { try base.read(into: $0) }
                if n == 0 { atEnd = true } else { bytes += chunk[0..<n] }
            }
            if bytes.isEmpty { return }
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var i = 0
            while i + 1 < bytes.count {
                units.append(littleEndian ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1]))
                i += 2
            }
            if !atEnd {
                carry = Array(bytes[i...])
                if let last = units.last, (0xD800...0xDBFF).contains(last) {
                    units.removeLast()
                    carry = Array(bytes[(i - 2)...])
                }
            }
            // A lone surrogate is kept as bytes no UTF-8 check takes (`UTF16Text`): the JSON
            // parser fails its line at its column, naming it, as it fails invalid UTF-8 (it was
            // U+FFFD, silently). An odd last byte is noted for the reader to fail its line (it
            // was U+FFFD, silently).
            UTF16Text.appendUTF8(units, to: &ready)
            if atEnd && i < bytes.count {
                oddLastByte = bytes[i]
                if ready.isEmpty { return }
            }
        }
    }
}

/// The end of a UTF-16 stream as `UTF8Stream` found it: the last byte of a file of an odd number
/// of bytes (half a code unit), noted when the stream has handed out every other byte. Shared, so a reader
/// holding the stream inside a `LineReader` can see it.
final class UTF16Ending {
    var oddLastByte: UInt8? = nil
}
