/// Finds, sixteen bytes at a time, the first byte the JSON parser's string scanner must look at:
/// a control byte (below 0x20), '"' or '\\'. Written with compares of two vectors only
/// (`Bytes16`: forms with a scalar operand compile a lane at a time). The writer's scan is
/// `tm_json_escape` (CShims).
enum JSONStringScan {
    /// The lane of the first byte at `p ..< p + 16` that ends a run of plain string bytes for the
    /// parser (a control byte, '"' or '\\'), or nil when there is none.
    @inline(__always)
    static func firstParserStop(_ p: UnsafeRawPointer) -> Int? {
        let space = SIMD16<UInt8>(repeating: 0x20), quote = SIMD16<UInt8>(repeating: 0x22), backslash = SIMD16<UInt8>(repeating: 0x5C)
        let v = p.loadUnaligned(as: SIMD16<UInt8>.self)
        let stops = (v .< space) .| (v .== quote) .| (v .== backslash)
        return Bytes16.firstLane(Bytes16.words(stops))
    }
}
