import Testing
@testable import TextMill

/// `SequenceInterner`, which gives the speaker grouping's words and names their ids: room
/// reserved up front (`init(reserving:elements:)`, issue 17) changes no id, whether the
/// sequences fit in it or go past it and grow the table.
@Suite struct SequenceInternerTests {
    /// The words of a few speaker names, with repeats, as byte sequences.
    static let words: [[UInt8]] = "Zhang Xiao said Zhang the embassy The Embassy ministry officials Zhang Xiao Bapi Ermurat Bapi a spokeswoman for the port Ana Ferreira"
        .split(separator: " ").map { Array($0.utf8) }

    func ids(_ interner: inout SequenceInterner<UInt8>, _ sequences: [[UInt8]]) -> [Int] {
        sequences.map { s in s.withUnsafeBufferPointer { interner.intern($0).id } }
    }

    @Test func reservedRoomGivesTheSameIds() {
        // Enough sequences to grow a 16-slot table several times.
        var sequences = Self.words
        for n in 0..<60 { sequences.append(Array("word\(n % 45)".utf8)) }
        var plain = SequenceInterner<UInt8>()
        let expected = ids(&plain, sequences)
        // Ids count up in order of first appearance; repeats get their first id.
        expectEqual(expected.prefix(4), [0, 1, 2, 0])
        expectEqual(plain.count, Set(sequences).count)
        for (count, elements) in [(0, 0), (3, 10), (plain.count, plain.arena.count), (500, 4000)] {
            var reserved = SequenceInterner<UInt8>(reserving: count, elements: elements)
            expectEqual(ids(&reserved, sequences), expected, "reserving \(count)")
            expectEqual(reserved.arena, plain.arena)
            for id in 0..<plain.count { expectEqual(reserved.range(id), plain.range(id)) }
        }
    }

    /// An interner used for one document and reset for the next (`reset`, `reused`: the speaker
    /// grouping keeps its interners between documents) gives the ids and arena a new one gives,
    /// whether the last document's sequences were more or fewer than this one's.
    @Test func aResetInternerGivesTheIdsOfANewOne() {
        var many = Self.words
        for n in 0..<60 { many.append(Array("name\(n)".utf8)) }
        let few = Array(Self.words.reversed().prefix(5))
        var kept: SequenceInterner<UInt8>? = nil
        for sequences in [many, few, many, Self.words] {
            var fresh = SequenceInterner<UInt8>(reserving: 4, elements: 20)
            let expected = ids(&fresh, sequences)
            var reused = SequenceInterner.reused(&kept, reserving: 4, elements: 20)
            #expect(kept == nil)
            expectEqual(ids(&reused, sequences), expected)
            expectEqual(reused.count, fresh.count)
            expectEqual(reused.arena, fresh.arena)
            for id in 0..<fresh.count { expectEqual(reused.range(id), fresh.range(id)) }
            kept = reused
        }
    }
}
