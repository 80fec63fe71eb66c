import Testing
@testable import TextMill

/// A folder's names sorted by the eight bytes after the start they all share (issue 17,
/// session 16: a file a story's walk), in the byte order the walk has always given.
@Suite struct FolderSortKeyTests {
    /// Names sharing a long start, names equal over the eight bytes after it, names that are
    /// the start of others and bytes past ASCII come back in byte order.
    @Test func namesSharingAStartAreListedInByteOrder() throws {
        let dir = TemporaryDirectory()
        let names = ["story-000010.txt", "story-000009.txt", "story-0000100.txt", "story-00001.txt", "story-000010.txt.gz",
                     "story-00001000-a.txt", "story-00001000-b.txt", "story-00001000", "story-é.txt", "story-Z.txt", "story-",
                     "story-00001000-a.txt.bak"]
        for name in names { dir.write(name, "x") }
        let listed = try #require(InputResolver.entries(Array(dir.path.utf8)))
        let expected = names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        expectEqual(listed.map { $0.0 }, expected)
        let one = TemporaryDirectory()
        one.write("only.txt", "x")
        expectEqual(try #require(InputResolver.entries(Array(one.path.utf8))).map { $0.0 }, ["only.txt"])
    }

    @Test func keysFollowTheBytesAfterTheSharedStart() {
        let names = ["story-12.txt", "story-3.txt", "story-123456789.txt"]
        var bytes: [UInt8] = []
        var found: [(start: Int, count: Int, type: UInt8, key: UInt64)] = []
        for name in names {
            found.append((bytes.count, name.utf8.count, 0, 0))
            bytes += Array(name.utf8)
        }
        bytes.withUnsafeBufferPointer { InputResolver.sortKeys(&found, $0.baseAddress!) }
        func packed(_ s: String) -> UInt64 {
            let b = Array(s.utf8) + Array(repeating: 0, count: 8)
            return b.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
        }
        expectEqual(found.map(\.key), [packed("12.txt"), packed("3.txt"), packed("12345678")])
    }
}
