import Foundation
import Testing
@testable import TextMill

/// `ReorderBuffer` hands items out strictly by sequence number, each once, to however many
/// takers wait on it, whatever order they were put in and from however many threads (the
/// scheduler's hand-offs between the reader, each segment's workers and the writer).
@Suite struct ReorderBufferTests {
    /// Puts `count` items from `putters` threads, each its share in a scrambled order, with
    /// `takers` threads taking; returns the sequence numbers each taker got, in its order.
    func run(count: Int, putters: Int, takers: Int) -> [[Int]] {
        let buffer = ReorderBuffer<Int>()
        let results = ResultsBox(takers)
        let group = DispatchGroup()
        for t in 0..<takers {
            group.enter()
            Thread {
                var got: [Int] = []
                while let (seq, item) = buffer.takeNumbered() {
                    // The item put under its number (-1 marks one that was not).
                    got.append(item == seq * 3 ? seq : -1)
                }
                results.set(t, got)
                group.leave()
            }.start()
        }
        let putting = DispatchGroup()
        for p in 0..<putters {
            putting.enter()
            Thread {
                // This thread's numbers, in blocks of 7 reversed: later numbers often come first.
                let mine = Array(stride(from: p, to: count, by: putters))
                var k = 0
                while k < mine.count {
                    for seq in mine[k..<min(k + 7, mine.count)].reversed() { buffer.put(seq, seq * 3) }
                    k += 7
                }
                putting.leave()
            }.start()
        }
        putting.wait()
        buffer.close()
        group.wait()
        return results.all
    }

    final class ResultsBox: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [[Int]]
        init(_ n: Int) { values = Array(repeating: [], count: n) }
        func set(_ i: Int, _ v: [Int]) { lock.lock(); values[i] = v; lock.unlock() }
        var all: [[Int]] { lock.lock(); defer { lock.unlock() }; return values }
    }

    @Test(arguments: [(1, 1), (1, 2), (3, 2), (4, 4)])
    func everyItemOnceInOrderAtNAndFourN(putters: Int, takers: Int) {
        for count in [2_000, 8_000] {
            let taken = run(count: count, putters: putters, takers: takers)
            expectEqual(taken.flatMap { $0 }.sorted(), Array(0..<count), "each number taken once, none lost")
            for got in taken { expectEqual(got, got.sorted(), "each taker gets rising numbers") }
        }
    }
}
