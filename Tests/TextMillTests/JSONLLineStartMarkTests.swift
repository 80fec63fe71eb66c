import Testing
@testable import TextMill

/// A UTF-8 byte-order mark at the start of a JSONL line other than the file's first (two files
/// joined with `cat`, the second written with a mark) fails that line with a reason that names
/// the mark and how to remove it. Until session 33 it read "expected a JSON value, found 0xEF
/// (column 1)": an invisible byte, and no word of what to do.
@Suite struct JSONLLineStartMarkTests {
    @Test func aMarkInsideTheFileIsNamed() throws {
        let dir = TemporaryDirectory()
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        let first = Array("{\"id\": \"a\", \"text\": \"The ferry left on time.\"}\n".utf8)
        let second = Array("{\"id\": \"b\", \"text\": \"The council met on Monday.\"}\n".utf8)
        let third = Array("{\"id\": \"c\", \"text\": \"Tickets cost two euros.\"}\n".utf8)
        // The file's own mark, before its first line, is dropped as ever.
        dir.write("in/joined.jsonl", mark + first + mark + second + third)
        let summary = try runPipeline("""
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages: [sentences]
            """, in: dir)
        expectEqual(summary.exitStatus, 1)
        expectEqual(try dir.records("out/corpus.jsonl").map { $0["id"]?.stringValue }, ["a", "c"])
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.count, 1)
        expectEqual(errors.first?["id"]?.stringValue?.hasSuffix("in/joined.jsonl#2"), true)
        expectEqual(errors.first?["reason"]?.stringValue, "line 2 is not valid JSON: it starts with a UTF-8 byte-order mark (bytes EF BB BF), which only a file's first line may carry: a file joined to another (cat a.jsonl b.jsonl) keeps its mark inside; remove it, e.g. sed '1!s/^\\xEF\\xBB\\xBF//' FILE > FIXED (column 1)")
        expectEqual(errors.first?["line"]?.intValue, 2)
        expectEqual(errors.first?["column"]?.intValue, 1)
    }
}
