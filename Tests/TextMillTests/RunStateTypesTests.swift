import Foundation
import Testing
@testable import TextMill

/// The run state's value types read what earlier versions wrote, and refuse what they cannot trust.
@Suite struct RunStateTypesTests {
    @Test func aManifestWrittenBeforeTheFilteredOutputReadsWithAnEmptyOne() throws {
        // The shape TextMill wrote with three outputs (sizes, ranges and counts of three).
        let old = """
            {"format":2,"tool":"0.1.0","config":"abc","generation":3,"sizes":[120,40,0],"stages":{},"files":[
            {"path":"in/a.txt","size":10,"mtime":5,"sha256":"00","records":1,"counts":[1,0,0],"ranges":[[0,120],[0,0],[0,0]]},
            {"path":"in/b.txt","size":11,"mtime":6,"sha256":"01","records":0,"counts":[0,1,0],"ranges":[[120,0],[0,40],[0,0]]}
            ]}

            """
        let manifest = try #require(Manifest(bytes: Array(old.utf8)))
        expectEqual(manifest.sizes, PerOutput(output: 120, errors: 40, duplicates: 0, filtered: 0))
        expectEqual(manifest.files.map(\.ranges.filtered), [.empty, .empty])
        expectEqual(manifest.files.map(\.counts), [PerOutput(output: 1, errors: 0, duplicates: 0, filtered: 0),
                                                 PerOutput(output: 0, errors: 1, duplicates: 0, filtered: 0)])
        // Written again, it carries four of each, and reads back the same.
        let again = try #require(Manifest(bytes: manifest.bytes))
        #expect(String(decoding: manifest.bytes, as: UTF8.self).contains(#""sizes":[120,40,0,0]"#))
        expectEqual(again.files.map(\.ranges), manifest.files.map(\.ranges))
    }

    @Test func arraysOfAnyOtherLengthAreRefused() {
        expectEqual(PerOutput<Int>(json: .array([1, 2].map { JSONValue($0) })), nil)
        expectEqual(PerOutput<Int>(json: .array([1, 2, 3, 4, 5].map { JSONValue($0) })), nil)
        expectEqual(PerOutput<Int>(json: .array([.string("1"), JSONValue(2), JSONValue(3)])), nil)
        expectEqual(PerOutput<Int>(json: .array([1, 2, 3, 4].map { JSONValue($0) }))?.values, [1, 2, 3, 4])
    }

    @Test func idsOfForgottenFilesThatCannotBeReadBackStopTheRun() throws {
        let dir = TemporaryDirectory()
        dir.write("out/corpus.jsonl", "{\"id\":\"a\"}\n")
        let store = StateStore(output: dir.file("out/corpus.jsonl"))
        let readable = FileEntry(path: "in/a.txt", size: 1, mtime: 1, sha256: "", records: 1,
                                 ranges: PerOutput(output: ByteRange(offset: 0, length: 11), errors: .empty, duplicates: .empty, filtered: .empty))
        expectEqual(try RunPlan.documents(of: [readable], store: store).map(\.id), ["a"])
        // The output was cut short by hand: forgetting nothing would leave ghosts in dedup's index.
        var beyond = readable
        beyond.ranges.output = ByteRange(offset: 11, length: 30)
        #expect(throws: StateError.self) { try RunPlan.documents(of: [beyond], store: store) }
    }

    /// The part sink appends every record to `buffers[kind]`: a subscript that got and set the
    /// array copied the whole buffer (up to a megabyte) on every record.
    @Test func appendingThroughAKindDoesNotCopyTheValue() {
        var buffers = PerOutput<[UInt8]>(repeating: [])
        buffers[.errors].reserveCapacity(1 << 16)
        let before = buffers.errors.withUnsafeBufferPointer { $0.baseAddress }
        for _ in 0..<1000 { buffers[.errors].append(contentsOf: [1, 2, 3]) }
        expectEqual(buffers.errors.withUnsafeBufferPointer { $0.baseAddress }, before)
        expectEqual(buffers.errors.count, 3000)
    }
}
