/// The pieces of a reported speech's content (`QuoteAnalysis.ReportedSpeech.contents`): up to
/// `capacity` token ranges `(first, last)`, held in place.
///
/// A rule of reported speech answers with one piece or two ("CONTENT, according to X, CONTENT",
/// the relative pronoun and the clause after the cue); as an array, every answer allocated and
/// freed one (about 20,000 on 1,000 short stories). Written as an array literal (`[c]`,
/// `[before, after]`), appended to and read in order as one. The token indexes are kept as
/// `Int32` (a text has at most `Int32.max` bytes, so fewer tokens), so that an answer stays as
/// small as it was with the array: the rules hand it on through chains of optionals, and a
/// larger value is copied there by a call to `memcpy` (tried with four `Int` pairs: the stage
/// took 2.3 % more instructions).
struct ReportedContents: RandomAccessCollection, ExpressibleByArrayLiteral {
    /// The most pieces an answer holds (no rule gives more than two).
    static let capacity = 3

    private var pieces: ((Int32, Int32), (Int32, Int32), (Int32, Int32)) = ((0, -1), (0, -1), (0, -1))
    private var stored: UInt8 = 0

    /// No pieces.
    init() {}

    @inline(__always)
    init(arrayLiteral elements: (Int, Int)...) {
        for e in elements { append(e) }
    }

    /// How many pieces it holds.
    var count: Int { Int(stored) }
    var startIndex: Int { 0 }
    var endIndex: Int { Int(stored) }

    @inline(__always)
    subscript(position: Int) -> (Int, Int) {
        precondition(position >= 0 && position < count, "piece \(position) of \(count)")
        let p: (Int32, Int32)
        switch position {
        case 0: p = pieces.0
        case 1: p = pieces.1
        default: p = pieces.2
        }
        return (Int(p.0), Int(p.1))
    }

    /// Adds `piece` after the others. A rule never gives more than `capacity` (a rule that
    /// needs more raises `capacity`: here it is a programming error, not bad input).
    @inline(__always)
    mutating func append(_ piece: (Int, Int)) {
        precondition(count < Self.capacity, "a reported speech holds at most \(Self.capacity) pieces")
        let p = (Int32(truncatingIfNeeded: piece.0), Int32(truncatingIfNeeded: piece.1))
        switch stored {
        case 0: pieces.0 = p
        case 1: pieces.1 = p
        default: pieces.2 = p
        }
        stored += 1
    }

    /// The pieces of `a`, then those of `b`.
    static func + (a: ReportedContents, b: ReportedContents) -> ReportedContents {
        var out = a
        for piece in b { out.append(piece) }
        return out
    }
}
