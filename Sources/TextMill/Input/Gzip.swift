internal import CZlib

/// What a gzip stream whose data ends inside a member says: a file cut short, or one whose
/// writer has not closed the member yet (a crawler writing a `.jsonl.gz` as the run reads it).
enum GzipEnd {
    /// The reason given; `stillWritten` when the file may still be being written
    /// (`FileStream.mayStillBeWritten`).
    static func early(stillWritten: Bool) -> String {
        stillWritten ? "the gzip data ends too early (the file is truncated, or still being written: the next run reads it again once it changes)"
                     : "the gzip data ends too early (the file is truncated)"
    }
}

/// Decompresses a gzip stream (several concatenated members allowed, as `cat a.gz b.gz` makes).
public final class GzipStream: ByteStream {
    private var base: any ByteStream
    /// Asked when the data ends inside a member: true when the file may still be being written
    /// (`GzipEnd`); nil: it is not.
    var stillWritten: (() -> Bool)?
    private var z = z_stream()
    private var input = [UInt8](repeating: 0, count: 1 << 16)
    private var inputEnd = false
    /// Whether the stored file held any byte (a .gz of 0 bytes is empty, not truncated).
    private var readAny = false
    private var finished = false
    /// True right after a member ended and before the next one started.
    private var betweenMembers = false
    /// Why reading stopped, when the gzip data itself is damaged (cut short inside a member,
    /// corrupt, or followed by bytes that are not gzip), as the error thrown says; nil while it
    /// is whole, and after a failure of the stream beneath it. A reader that shows what it could
    /// read (`textmill report`) tells the two apart by it.
    public private(set) var damage: String?

    public init(_ base: any ByteStream) throws {
        self.base = base
        // 16 + MAX_WBITS: gzip header expected.
        guard tm_inflateInit2(&z, 16 + 15) == Z_OK else { throw ReadError("cannot start gzip decompression") }
    }

    deinit { inflateEnd(&z) }

    /// Whether `count` bytes at `bytes` could start a gzip member (1f 8b; one byte 1f when that
    /// is all there is yet). A damaged second member (`cat a.gz b.gz`) whose header and damage
    /// inflate met in one call was named trailing garbage, with the advice to cut it off.
    private static func startsWithMagic(_ bytes: UnsafeMutablePointer<UInt8>?, _ count: Int) -> Bool {
        guard let bytes, count > 0, bytes[0] == 0x1F else { return false }
        return count == 1 || bytes[1] == 0x8B
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if finished || buffer.count == 0 { return 0 }
        return try input.withUnsafeMutableBufferPointer { inBuf -> Int in
            while true {
                if z.avail_in == 0 && !inputEnd {
                    let n = try base.read(into: UnsafeMutableRawBufferPointer(inBuf))
                    if n == 0 { inputEnd = true } else {
                        readAny = true
                        z.next_in = inBuf.baseAddress
                        z.avail_in = UInt32(n)
                    }
                }
                if betweenMembers {
                    // Zero bytes after a member are padding (tar and block-sized writes leave
                    // it): gzip -d reads past them without a word, and so does Python's gzip,
                    // which the Spark job reads with. They failed the file as trailing garbage.
                    while z.avail_in > 0 && z.next_in[0] == 0 {
                        z.next_in += 1
                        z.avail_in -= 1
                    }
                    if z.avail_in == 0 && !inputEnd { continue }
                }
                if betweenMembers && z.avail_in == 0 && inputEnd {
                    finished = true
                    return 0
                }
                // zlib counts its output room in 32 bits: a read into 4 GiB or more (the WARC
                // reader's buffer grown for one huge record) fills its first 4 GiB − 1.
                let room = min(buffer.count, Int(UInt32.max))
                z.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
                z.avail_out = UInt32(room)
                let before = z.avail_in
                // Bytes after a whole member that do not start with gzip's magic number are no
                // member at all; a member that starts with it and fails is a damaged member.
                let startsGarbage = betweenMembers && !Self.startsWithMagic(z.next_in, Int(z.avail_in))
                let status = inflate(&z, Z_NO_FLUSH)
                let produced = room - Int(z.avail_out)
                if z.avail_in != before { betweenMembers = false }
                switch status {
                case Z_STREAM_END:
                    // Another member may follow (cat a.gz b.gz).
                    inflateReset(&z)
                    betweenMembers = true
                    if produced > 0 { return produced }
                case Z_OK, Z_BUF_ERROR:
                    if produced > 0 { return produced }
                    if inputEnd && z.avail_in == 0 {
                        guard readAny else { throw ReadError("the file is empty (0 bytes: not even a gzip header)") }
                        throw damaged(GzipEnd.early(stillWritten: stillWritten?() ?? false))
                    }
                default:
                    let why = z.msg.map { String(cString: $0) } ?? "code \(status)"
                    // Bytes after a whole member that start no other: what `gzip -d` calls
                    // trailing garbage (it warns and drops them). They said "corrupt (incorrect
                    // header check)", as if the compressed text were damaged.
                    if startsGarbage {
                        throw damaged("the gzip data is followed by bytes that are not gzip (trailing garbage, which gzip -d warns about and drops): reading stops there; cut them off, e.g. gzip -dc FILE | gzip > FIXED.gz")
                    }
                    throw damaged("the gzip data is corrupt (\(why))")
                }
            }
        }
    }

    /// The error for damaged gzip data, noted as `damage`.
    private func damaged(_ reason: String) -> ReadError {
        damage = reason
        return ReadError(reason)
    }
}

/// Compresses bytes into gzip format, chunk by chunk.
public final class GzipWriter {
    private var z = z_stream()
    private var out = [UInt8](repeating: 0, count: 1 << 16)

    public init(level: Int32 = 6) {
        _ = tm_deflateInit2(&z, level, 16 + 15)
    }

    deinit { deflateEnd(&z) }

    /// Compresses `bytes`; returns the compressed bytes ready so far.
    public func compress(_ bytes: [UInt8]) -> [UInt8] { run(bytes, flush: Z_NO_FLUSH) }

    /// Flushes so everything written so far can be decompressed (a sync point, used at checkpoints).
    public func sync() -> [UInt8] { run([], flush: Z_SYNC_FLUSH) }

    /// Ends the stream; returns the last compressed bytes.
    public func finish() -> [UInt8] { run([], flush: Z_FINISH) }

    /// A gzip member of no bytes (20 bytes): what a `.gz` output holding no record is. A file of
    /// 0 bytes is no gzip data at all: `gzip -t` and `zcat` refuse it ("unexpected end of file").
    public static let emptyMember: [UInt8] = GzipWriter(level: 4).finish()

    /// Most bytes handed to zlib at once: it counts its input in 32 bits, and a record line of
    /// 4 GiB or more (a text of 716 MB of control characters, each written `\u0001`, makes
    /// one), handed whole, trapped converting its length. Tests lower it.
    var maxFeed = Int(UInt32.max)

    private func run(_ bytes: [UInt8], flush: Int32) -> [UInt8] {
        var result: [UInt8] = []
        let feed = max(1, min(maxFeed, Int(UInt32.max)))
        // zlib reads the caller's bytes where they are: `next_in` is not const in zlib's header,
        // but deflate never writes through it. (A copy held every record line twice while it was
        // compressed: 8.4 GB for a line of 4.3 GB.)
        bytes.withUnsafeBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                var fed = 0
                repeat {
                    let n = min(inBuf.count - fed, feed)
                    z.next_in = inBuf.baseAddress.map { UnsafeMutablePointer(mutating: $0 + fed) }
                    z.avail_in = UInt32(n)
                    fed += n
                    // The flush (a sync point, the end) only once the last piece is in.
                    let step = fed == inBuf.count ? flush : Z_NO_FLUSH
                    repeat {
                        z.next_out = outBuf.baseAddress
                        z.avail_out = UInt32(outBuf.count)
                        deflate(&z, step)
                        result.append(contentsOf: outBuf[0..<(outBuf.count - Int(z.avail_out))])
                    } while z.avail_out == 0 || (step == Z_FINISH && z.avail_in > 0)
                } while fed < inBuf.count
            }
        }
        return result
    }
}
