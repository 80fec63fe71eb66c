extension Array where Element: FixedWidthInteger {
    /// An array of integers written in place by `body`, which gets room for `capacity` values
    /// (zeroed) and sets how many it wrote: what `init(unsafeUninitializedCapacity:initializingWith:)`
    /// does, without its allocation.
    ///
    /// That initializer allocates through a standard-library function that is not specialized
    /// for the element type, so every call looks up the array storage's generic type metadata
    /// at run time: 400–800 instructions a call under callgrind. The storage here comes from
    /// `reserveCapacity`, which is specialized, and is zeroed by a loop of about one
    /// instruction a value: worth it for the few hundred values of a dedup fingerprint's arrays,
    /// not for a kilobyte of bytes (a record's text on input, a file's bytes: tried, the
    /// zeroing cost what the lookup saved, so those keep the standard initializer).
    ///
    /// - Parameters:
    ///   - capacity: the room `body` may write into (at least 0).
    ///   - body: writes the values from the buffer's start and sets `count` (0 to `capacity`;
    ///     it starts at 0); values past `count` are dropped (the capacity stays).
    @inline(__always)
    init(filledUpTo capacity: Int, _ body: (UnsafeMutableBufferPointer<Element>, inout Int) throws -> Void) rethrows {
        self = []
        try refill(upTo: capacity, body)
    }

    /// Replaces the array's values with what `body` writes, as `init(filledUpTo:_:)` does, in
    /// the memory the array holds when it is large enough and not shared: a buffer kept from
    /// one document to the next is allocated once, not once a document.
    @inline(__always)
    mutating func refill(upTo capacity: Int, _ body: (UnsafeMutableBufferPointer<Element>, inout Int) throws -> Void) rethrows {
        removeAll(keepingCapacity: true)
        reserveCapacity(capacity)
        append(contentsOf: repeatElement(0, count: capacity))
        var count = 0
        try withUnsafeMutableBufferPointer { try body($0, &count) }
        precondition(count >= 0 && count <= capacity, "filled past the room given")
        removeLast(capacity - count)
    }
}
