import Foundation

/// Reads a byte stream by lines and by byte counts through one buffer, counting the bytes
/// consumed: the framing layer under the WARC reader. A read error of the stream (a corrupt gzip
/// member) leaves the reader usable: what was buffered stays, and reading goes on from wherever
/// the stream resumes.
struct BufferedByteReader {
    private var stream: any ByteStream
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var ended = false
    /// Bytes consumed so far (the position of the next byte in the stream).
    private(set) var offset = 0

    init(_ stream: any ByteStream, chunkSize: Int = 1 << 18) {
        self.stream = stream
        buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    /// A line read by `readLine`.
    enum Line {
        /// The line without its "\n" (and "\r").
        case line([UInt8])
        /// A line over the limit: skipped, never buffered whole.
        case tooLong
    }

    /// Reads more bytes after those buffered; false at the end of the stream.
    private mutating func fill() throws -> Bool {
        if ended { return false }
        if start > 0 {
            if start < end {
                buffer.withUnsafeMutableBytes { b in
                    _ = memmove(b.baseAddress!, b.baseAddress! + start, end - start)
                }
            }
            end -= start
            start = 0
        }
        if end == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
        let n = try buffer.withUnsafeMutableBytes { b in
            try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: b[end...]))
        }
        if n == 0 { ended = true; return false }
        end += n
        return true
    }

    /// The next line, or nil at the end. A line longer than `limit` is consumed and reported as
    /// `tooLong`.
    mutating func readLine(limit: Int) throws -> Line? {
        var searched = 0
        var tooLong = false
        while true {
            let from = start + searched
            let found: Int? = from < end ? buffer.withUnsafeBufferPointer { b in
                guard let p = memchr(b.baseAddress! + from, 0x0A, end - from) else { return nil }
                return b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
            } : nil
            if let nl = found {
                let line = start..<nl
                offset += nl + 1 - start
                start = nl + 1
                if tooLong || line.count > limit { return .tooLong }
                var bytes = Array(buffer[line])
                if bytes.last == 0x0D { bytes.removeLast() }
                return .line(bytes)
            }
            if end - start > limit {
                // Drop what is buffered of the long line; keep reading to its end.
                offset += end - start
                start = end
                tooLong = true
            }
            searched = end - start
            if try !fill() {
                guard end > start || tooLong else { return nil }
                let line = start..<end
                offset += end - start
                start = end
                if tooLong || line.count > limit { return .tooLong }
                return .line(Array(buffer[line]))
            }
        }
    }

    /// Up to `count` bytes: fewer only at the end of the stream.
    mutating func read(_ count: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(count, 1 << 26))
        while out.count < count {
            if start == end, try !fill() { break }
            let n = min(count - out.count, end - start)
            out.append(contentsOf: buffer[start..<(start + n)])
            start += n
            offset += n
        }
        return out
    }

    /// Skips up to `count` bytes without keeping them; returns how many were skipped.
    mutating func skip(_ count: Int) throws -> Int {
        var skipped = 0
        while skipped < count {
            if start == end, try !fill() { break }
            let n = min(count - skipped, end - start)
            start += n
            offset += n
            skipped += n
        }
        return skipped
    }

    /// Bytes `unread` may still put back. A reader's rescans are bounded: in a file whose every
    /// record claims too long a block, each record would otherwise read the rest of the file
    /// again (quadratic time, minutes for a few MB).
    var unreadBudget = 0

    /// Puts bytes just read back in front of the buffered ones, to be read again (the block of a
    /// record whose Content-Length lied may hold the records after it); false, and nothing put
    /// back, once `unreadBudget` cannot pay for them.
    mutating func unread(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty else { return true }
        guard bytes.count <= unreadBudget else { return false }
        unreadBudget -= bytes.count
        var joined = bytes
        joined.append(contentsOf: buffer[start..<end])
        let count = joined.count
        if count < buffer.count { joined.append(contentsOf: repeatElement(0, count: buffer.count - count)) }
        buffer = joined
        start = 0
        end = count
        offset -= bytes.count
        return true
    }

    /// Drops the buffered bytes (those of a gzip member that turned out corrupt), counting them
    /// as consumed.
    mutating func discardBuffered() {
        offset += end - start
        start = end
    }

    /// The next `count` bytes (fewer at the end), without consuming them.
    mutating func peek(_ count: Int) throws -> ArraySlice<UInt8> {
        while end - start < count, try fill() {}
        return buffer[start..<min(end, start + count)]
    }
}
