internal import CZlib

/// A corrupt gzip member that was skipped: reading resumes at the next member's header.
struct GzipMemberSkipped: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}

/// Decompresses a gzip file of one or many members (a `.warc.gz` has one member per record)
/// and survives a broken member: on corrupt data it throws `GzipMemberSkipped` once and goes on
/// from the next member header (`1f 8b 08`) in the compressed bytes, so one damaged record does
/// not cost the rest of the file. A file cut short throws a `ReadError` and ends.
final class MemberGzipStream: ByteStream {
    private var base: any ByteStream
    private var z = z_stream()
    private var input = [UInt8](repeating: 0, count: 1 << 16)
    private var inputCount = 0
    private var inputEnd = false
    private var finished = false
    private var betweenMembers = false
    private var pending: Error?

    init(_ base: any ByteStream) throws {
        self.base = base
        guard tm_inflateInit2(&z, 16 + 15) == Z_OK else { throw ReadError("cannot start gzip decompression") }
    }

    deinit { inflateEnd(&z) }

    /// The unread part of the input buffer, as an index.
    private var inputPosition: Int { inputCount - Int(z.avail_in) }

    private func refill() throws {
        let n = try input.withUnsafeMutableBytes { try base.read(into: $0) }
        if n == 0 { inputEnd = true; return }
        inputCount = n
        input.withUnsafeMutableBufferPointer { z.next_in = $0.baseAddress }
        z.avail_in = UInt32(n)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let error = pending { pending = nil; throw error }
        if finished || buffer.count == 0 { return 0 }
        while true {
            if z.avail_in == 0 && !inputEnd { try refill() }
            if betweenMembers && z.avail_in == 0 && inputEnd {
                finished = true
                return 0
            }
            z.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            z.avail_out = UInt32(buffer.count)
            let before = z.avail_in
            let status = inflate(&z, Z_NO_FLUSH)
            let produced = buffer.count - Int(z.avail_out)
            if z.avail_in != before { betweenMembers = false }
            switch status {
            case Z_STREAM_END:
                inflateReset(&z)
                betweenMembers = true
                if produced > 0 { return produced }
            case Z_OK, Z_BUF_ERROR:
                if produced > 0 { return produced }
                if inputEnd && z.avail_in == 0 {
                    finished = true
                    throw ReadError("the gzip data ends too early (the file is truncated)")
                }
            default:
                let why = z.msg.map { String(cString: $0) } ?? "code \(status)"
                let error = try resynchronize(after: "the gzip data is corrupt (\(why))")
                if produced > 0 { pending = error; return produced }
                throw error
            }
        }
    }

    /// Moves the input to the next gzip member header and resets the decompressor; the error to
    /// report for the skipped bytes.
    private func resynchronize(after reason: String) throws -> Error {
        inflateReset(&z)
        var position = inputPosition
        while true {
            let found: Int? = input.withUnsafeBufferPointer { b in
                var k = position
                while k + 2 < inputCount {
                    if b[k] == 0x1F && b[k + 1] == 0x8B && b[k + 2] == 0x08 { return k }
                    k += 1
                }
                return nil
            }
            if let k = found {
                input.withUnsafeMutableBufferPointer { z.next_in = $0.baseAddress! + k }
                z.avail_in = UInt32(inputCount - k)
                betweenMembers = true
                return GzipMemberSkipped(reason: reason + "; skipped to the next gzip member")
            }
            // Keep the last two bytes: a header may straddle two reads.
            let keep = max(0, min(2, inputCount - position))
            if keep > 0 {
                input.withUnsafeMutableBufferPointer { b in
                    for i in 0..<keep { b[i] = b[inputCount - keep + i] }
                }
            }
            let n = try input.withUnsafeMutableBytes { b in
                try base.read(into: UnsafeMutableRawBufferPointer(rebasing: b[keep...]))
            }
            if n == 0 {
                inputEnd = true
                finished = true
                z.avail_in = 0
                return ReadError(reason + "; no gzip member follows")
            }
            inputCount = keep + n
            position = 0
        }
    }
}
