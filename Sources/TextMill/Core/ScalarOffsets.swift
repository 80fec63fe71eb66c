/// Converts UTF-8 byte offsets to Unicode scalar offsets (what DESIGN.md's records carry) and back.
///
/// Conversion happens once, at the edge: sort the offsets, walk the text forward once counting
/// bytes that are not continuation bytes. ASCII texts (the common case) skip the walk.
public struct ScalarOffsets {
    private let text: [UInt8]
    private let isASCII: Bool

    public init(_ text: [UInt8]) {
        self.text = text
        self.isASCII = text.withUnsafeBufferPointer { UTF8Bytes.isASCII($0) }
    }

    /// Scalar offsets for the given byte offsets, keyed by byte offset.
    public func scalarOffsets(for byteOffsets: [Int]) -> [Int: Int] {
        var result: [Int: Int] = [:]
        result.reserveCapacity(byteOffsets.count)
        if isASCII {
            for o in byteOffsets { result[o] = o }
            return result
        }
        let sorted = Array(Set(byteOffsets)).sorted()
        text.withUnsafeBufferPointer { b in
            var byte = 0, scalars = 0
            for target in sorted {
                let t = min(max(target, 0), b.count)
                while byte < t {
                    if !UTF8.isContinuation(b[byte]) { scalars += 1 }
                    byte += 1
                }
                result[target] = scalars
            }
        }
        return result
    }

    /// One byte offset to a scalar offset (linear; use `scalarOffsets(for:)` for many).
    public func scalarOffset(_ byteOffset: Int) -> Int {
        scalarOffsets(for: [byteOffset])[byteOffset] ?? byteOffset
    }

    /// Byte offsets for the given scalar offsets (for reading annotated data such as benchmark sets).
    public func byteOffsets(forScalarOffsets offsets: [Int]) -> [Int: Int] {
        var result: [Int: Int] = [:]
        if isASCII {
            for o in offsets { result[o] = min(max(o, 0), text.count) }
            return result
        }
        let sorted = Array(Set(offsets)).sorted()
        text.withUnsafeBufferPointer { b in
            var byte = 0, scalars = 0
            for target in sorted {
                while scalars < target && byte < b.count {
                    byte += 1
                    while byte < b.count && UTF8.isContinuation(b[byte]) { byte += 1 }
                    scalars += 1
                }
                result[target] = byte
            }
        }
        return result
    }
}

extension Document {
    /// A plain-text document, for tests and code that builds documents directly.
    public init(id: String, text: String) {
        self.init(id: id, source: SourceInfo(path: id, format: .text, sha256: ""), text: Array(text.utf8), content: .plain)
    }
}
