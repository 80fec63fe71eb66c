import Foundation
internal import CZlib
internal import CDeflate

/// A corrupt gzip member that was skipped: reading resumes at the next member's header.
struct GzipMemberSkipped: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}

/// Decompresses a gzip file of one or many members (a `.warc.gz` has one member per record)
/// and survives a broken member: on corrupt data it throws `GzipMemberSkipped` once and goes on
/// from the next member header (`1f 8b 08`) in the compressed bytes, so one damaged record does
/// not cost the rest of the file. A file cut short throws a `ReadError` and ends.
///
/// Members that fit in the input window (4 MB compressed, 64 MB decompressed) are decompressed
/// whole by libdeflate, two to three times faster than zlib; a larger member (a WARC gzipped as
/// one stream), or one libdeflate refuses, is streamed through zlib, which also tells a
/// truncated member from a corrupt one and keeps what decoded before the damage.
final class MemberGzipStream: ByteStream {
    private var base: any ByteStream
    /// Asked when the data ends inside a member (`GzipStream.stillWritten`).
    var stillWritten: (() -> Bool)?
    private var z = z_stream()
    private let decompressor: OpaquePointer
    /// Compressed bytes: `input[position..<inputEnd]` are unread.
    private var input: [UInt8]
    private var position = 0
    private var inputEnd = 0
    private var baseEnded = false
    /// Decompressed bytes of the last whole member: `output[outputStart..<outputEnd]` are unread.
    private var output: [UInt8] = []
    private var outputStart = 0
    private var outputEnd = 0
    /// True while a member is being streamed through zlib.
    private var streaming = false
    /// Where the member being streamed starts in `input`, while it is still there (kept up to
    /// half a window back): a member cut short is followed by the next one's header, which zlib
    /// reads on into as if it were the cut member's data, so the next header is looked for from
    /// here rather than from where zlib found the damage.
    private var memberStart: Int?
    private var finished = false
    private var pending: Error?

    static let window = 4 << 20
    static let maxWholeOutput = 64 << 20

    init(_ base: any ByteStream) throws {
        self.base = base
        guard let d = libdeflate_alloc_decompressor() else { throw ReadError("cannot start gzip decompression (out of memory)") }
        decompressor = d
        input = [UInt8](repeating: 0, count: MemberGzipStream.window)
        guard tm_inflateInit2(&z, 16 + 15) == Z_OK else {
            libdeflate_free_decompressor(d)
            throw ReadError("cannot start gzip decompression")
        }
    }

    deinit {
        inflateEnd(&z)
        libdeflate_free_decompressor(decompressor)
    }

    /// Moves the unread input to the front and reads until the window is full or the file ends.
    private func fillWindow() throws {
        if let m = memberStart, position - m > MemberGzipStream.window / 2 { memberStart = nil }
        let keep = memberStart ?? position
        if keep > 0 {
            let unread = inputEnd - keep
            if unread > 0 {
                input.withUnsafeMutableBytes { b in _ = memmove(b.baseAddress!, b.baseAddress! + keep, unread) }
            }
            position -= keep
            memberStart = memberStart.map { $0 - keep }
            inputEnd = unread
        }
        while !baseEnded && inputEnd < input.count {
            let n = try input.withUnsafeMutableBytes { b in
                try base.read(into: UnsafeMutableRawBufferPointer(rebasing: b[inputEnd...]))
            }
            if n == 0 { baseEnded = true } else { inputEnd += n }
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if let error = pending { pending = nil; throw error }
        if buffer.count == 0 { return 0 }
        while true {
            if outputStart < outputEnd {
                let n = min(buffer.count, outputEnd - outputStart)
                output.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + outputStart, byteCount: n) }
                outputStart += n
                return n
            }
            if finished { return 0 }
            if streaming { return try readStreaming(into: buffer) }
            // Topped up when low; a member longer than what is left gets a full window below.
            if inputEnd - position < MemberGzipStream.window / 8 { try fillWindow() }
            if position == inputEnd { finished = true; return 0 }
            var done = decompressWholeMember()
            if !done && !baseEnded && (position > 0 || inputEnd < input.count) {
                try fillWindow()
                done = decompressWholeMember()
            }
            if !done {
                streaming = true
                memberStart = position
                inflateReset(&z)
            }
        }
    }

    /// Decompresses the member at `position` into `output` with libdeflate; false when it cannot
    /// (the member is larger than the window or corrupt): zlib streams it instead.
    private func decompressWholeMember() -> Bool {
        var capacity = max(output.count, 1 << 20)
        while true {
            if output.count < capacity { output = [UInt8](repeating: 0, count: capacity) }
            var used = 0, produced = 0
            let result = input.withUnsafeBytes { inBuf in
                output.withUnsafeMutableBytes { outBuf in
                    libdeflate_gzip_decompress_ex(decompressor, inBuf.baseAddress! + position, inputEnd - position,
                                                  outBuf.baseAddress!, outBuf.count, &used, &produced)
                }
            }
            switch result {
            case LIBDEFLATE_SUCCESS:
                position += used
                outputStart = 0
                outputEnd = produced
                return true
            case LIBDEFLATE_INSUFFICIENT_SPACE where capacity < MemberGzipStream.maxWholeOutput:
                capacity = min(capacity * 4, MemberGzipStream.maxWholeOutput)
            default:
                return false
            }
        }
    }

    /// Streams the current member through zlib, from `position`.
    private func readStreaming(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            if position == inputEnd {
                try fillWindow()
                if position == inputEnd {
                    finished = true
                    throw ReadError(GzipEnd.early(stillWritten: stillWritten?() ?? false))
                }
            }
            let available = min(inputEnd - position, Int(UInt32.max))
            let (status, consumed, produced) = input.withUnsafeMutableBufferPointer { inBuf -> (Int32, Int, Int) in
                z.next_in = inBuf.baseAddress! + position
                z.avail_in = UInt32(available)
                // zlib counts in 32 bits: at most 4 GiB − 1 in or out a call (the reader's
                // buffer grows to a huge record's size), the rest on the next call.
                let room = min(buffer.count, Int(UInt32.max))
                z.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
                z.avail_out = UInt32(room)
                let status = inflate(&z, Z_NO_FLUSH)
                return (status, available - Int(z.avail_in), room - Int(z.avail_out))
            }
            position += consumed
            switch status {
            case Z_STREAM_END:
                // The member is done; the next one goes the fast way again.
                streaming = false
                memberStart = nil
                return produced > 0 ? produced : try read(into: buffer)
            case Z_OK, Z_BUF_ERROR:
                if produced > 0 { return produced }
            default:
                let why = z.msg.map { String(cString: $0) } ?? "code \(status)"
                let error = try resynchronize(after: "the gzip data is corrupt (\(why))")
                if produced > 0 { pending = error; return produced }
                throw error
            }
        }
    }

    /// Moves the input to the next gzip member header; the error to report for the skipped bytes.
    private func resynchronize(after reason: String) throws -> Error {
        streaming = false
        var from = memberStart.map { $0 + 1 } ?? position
        memberStart = nil
        while true {
            let found: Int? = input.withUnsafeBufferPointer { b in
                var k = from
                while k + 2 < inputEnd {
                    if b[k] == 0x1F && b[k + 1] == 0x8B && b[k + 2] == 0x08 { return k }
                    k += 1
                }
                return nil
            }
            if let k = found {
                position = k
                return GzipMemberSkipped(reason: reason + "; skipped to the next gzip member")
            }
            // Keep the last two bytes: a header may straddle two reads.
            position = max(position, inputEnd - 2)
            let before = inputEnd - position
            try fillWindow()
            from = position
            if inputEnd - position == before {
                finished = true
                position = inputEnd
                return ReadError(reason + "; no gzip member follows")
            }
        }
    }
}
