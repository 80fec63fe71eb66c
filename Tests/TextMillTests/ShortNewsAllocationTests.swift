import Testing
@testable import TextMill

/// Dedup's per-document costs on short news (issue 17, session 16): its arrays of integers
/// filled in place without the standard library's unspecialized allocation, and its prepared
/// work as one reference.
@Suite struct ShortNewsAllocationTests {
    // MARK: arrays filled in place

    @Test(arguments: [0, 1, 7, 16, 170, 4096])
    func anArrayHoldsWhatItsBodyWroteAndNoMore(capacity: Int) {
        for written in Set([0, capacity / 2, capacity]) {
            let values = [UInt32](filledUpTo: capacity) { buffer, count in
                expectEqual(buffer.count, capacity)
                #expect(buffer.allSatisfy { $0 == 0 })
                for k in 0..<written { buffer[k] = UInt32(k * 7 + 1) }
                count = written
            }
            let expected: [UInt32] = (0..<written).map { k in UInt32(k * 7 + 1) }
            expectEqual(values, expected)
            #expect(values.capacity >= capacity)
        }
    }

    @Test func aThrowingBodyLeavesNothingBehind() {
        struct Failed: Error {}
        #expect(throws: Failed.self) {
            _ = try [UInt8](filledUpTo: 64) { buffer, count in
                count = 3
                throw Failed()
            }
        }
    }

    // MARK: dedup: the prepared work as one reference

    @Test func preparedWorkIsTakenBackByTheStage() throws {
        let stage = try DedupStage(options: .defaults(DedupStage.options, ["index": .string("memory")]))
        var context = StageContext()
        var first = Document(id: "a", text: "The council approved the harbor budget on Monday after a long debate.\n\nMore follows.")
        try stage.prepare(&first, &context)
        #expect(first.scratch[DedupPrepared.key] is DedupPrepared)
        try stage.process(&first, &context)
        #expect(first.scratch[DedupPrepared.key] == nil)
        expectEqual(first.duplicate, .some(nil))
        var second = Document(id: "b", text: first.string)
        try stage.prepare(&second, &context)
        try stage.process(&second, &context)
        expectEqual(second.duplicate??.of, "a")
        expectEqual(context.counters["exact duplicates"], 1)
    }
}
