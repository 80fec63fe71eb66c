import Foundation
import Testing
@testable import TextMill

/// A line that never ends: an over-long JSONL line is skipped to its end, and a stream that never
/// ends a line (`/dev/zero` named as a `.jsonl` input) was read for ever, memory steady, the run
/// never finishing. Now the skip stops at 16 × the line limit and the file fails there.
@Suite struct EndlessLineTests {
    /// A stream of "a\n" and then `x` for ever.
    final class EndlessStream: ByteStream {
        var sent = 0
        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let bytes = buffer.bindMemory(to: UInt8.self)
            for i in 0..<bytes.count { bytes[i] = sent + i == 1 ? 0x0A : (sent + i == 0 ? 0x61 : 0x78) }
            sent += bytes.count
            return bytes.count
        }
    }

    @Test func anOverLongLineIsSkippedToItsEndButNotForEver() throws {
        let stream = EndlessStream()
        var lines = LineReader(stream, limit: 100, chunkSize: 64)
        expectEqual(lines.skipLimit, 1_600)
        guard case .line(let first)? = try lines.next() else { Issue.record("no first line"); return }
        expectEqual(first, [0x61])
        #expect(throws: ReadError.self) { _ = try lines.next() }
        // It stopped once the skip passed its bound, not later.
        #expect(stream.sent > 1_600 && stream.sent <= 1_600 + 2 * 64, "read \(stream.sent) bytes")
    }

    /// A line that ends within the bound is still one skipped line, and the next line is read.
    @Test func aLongLineThatEndsIsStillSkippedAndReported() throws {
        var bytes = [UInt8](repeating: 0x78, count: 1_500)
        bytes += Array("\n{\"text\": \"after\"}\n".utf8)
        var lines = LineReader(ShortDocumentPathTests.PiecewiseStream(bytes: bytes), limit: 100, chunkSize: 64)
        guard case .tooLong(let length)? = try lines.next() else { Issue.record("not skipped"); return }
        expectEqual(length, 1_500)
        guard case .line(let next)? = try lines.next() else { Issue.record("no next line"); return }
        expectEqual(String(decoding: next, as: UTF8.self), #"{"text": "after"}"#)
        #expect(try lines.next() == nil)
    }

    /// `/dev/zero` named as the input (through a link with a `.jsonl` name): the run ends with
    /// the file failed at line 1, saying why, instead of reading for ever.
    @Test func aDeviceNamedAsJSONLFailsInsteadOfReadingForEver() throws {
        let dir = TemporaryDirectory()
        try FileManager.default.createSymbolicLink(atPath: dir.file("zero.jsonl"), withDestinationPath: "/dev/zero")
        let summary = try runPipeline("""
            input: \(dir.file("zero.jsonl"))
            output: \(dir.file("out/corpus.jsonl"))
            max_document_mb: 1
            stages: [normalize]
            """, in: dir)
        expectEqual(summary.exitStatus, 1)
        expectEqual(try dir.records("out/corpus.jsonl").count, 0)
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.count, 1)
        expectEqual(errors.first?["line"]?.intValue, 1)
        expectEqual(errors.first?["reason"]?.stringValue,
                    "line 1 runs on past 16 MB without a line end, so the rest of the input was not read (the records before it were); is it a JSONL file? "
                    + "A stream that never ends a line, such as a device, cannot be read as JSONL")
    }
}
