import Foundation

/// The arrays one document's `QuoteAnalysis` fills (its tokens and the per-token and
/// per-sentence tables), kept from one document to the next so that their memory is allocated
/// once, not once a document. Each array is emptied (its capacity kept) before a document
/// fills it, so what one document leaves behind is never read by the next.
///
/// One document at a time uses a `QuoteBuffers`: `QuoteBufferPool` hands each out to one
/// caller until it is given back. So its arrays skip the run-time exclusivity checks (two
/// calls into the runtime per access, a few dozen accesses a document).
final class QuoteBuffers: @unchecked Sendable {
    @exclusivity(unchecked) var tokens: [Token] = []
    /// The buffer the tokenizer's sink writes into before the tokens go to `tokens`.
    let tokenSink = TokenSink.Buffer()
    @exclusivity(unchecked) var paragraphTokens: [Range<Int>] = []
    @exclusivity(unchecked) var tokenParagraph: [Int32] = []
    @exclusivity(unchecked) var sentenceTokens: [Range<Int>] = []
    @exclusivity(unchecked) var tokenSentence: [Int32] = []
    @exclusivity(unchecked) var quotations: [Quotation] = []
    @exclusivity(unchecked) var tokenQuotation: [Int32] = []
    @exclusivity(unchecked) var wordsBefore: [Int32] = []
    @exclusivity(unchecked) var nextQuoted: [Int32] = []
    @exclusivity(unchecked) var lastOpenBracket: [Int32] = []

    /// The passes' per-document tables, each taken for its pass (`take(_:filledWith:count:)`)
    /// and put back after it: per paragraph, whether it holds a quotation mark (`QuoteAnalysis`);
    /// per quotation, whether it was read as direct (`attributeQuotations`), its found quote
    /// (`inheritSpeakers`, `addIndirectSpeech`), whether it is a quote of its own
    /// (`addQuotedReports`), whether the content being read counted it (`addIndirectSpeech`);
    /// per found quote, where its own speaker and the speaker it carries come from
    /// (`inheritSpeakers`); per token, whether a direct quotation's cue starts there
    /// (`addIndirectSpeech`). A slot each, not a pool of arrays lent in turn: taking and putting
    /// back an array of a pool cost about a hundred instructions more, several times a document.
    @exclusivity(unchecked) var paragraphHasMarks: [Bool] = []
    @exclusivity(unchecked) var quotationWasDirect: [Bool] = []
    @exclusivity(unchecked) var quotationEntry: [Int] = []
    @exclusivity(unchecked) var quotationKept: [Bool] = []
    @exclusivity(unchecked) var quotationSeen: [Bool] = []
    @exclusivity(unchecked) var ownSpeakerFrom: [Int] = []
    @exclusivity(unchecked) var speakerUpTo: [Int] = []
    @exclusivity(unchecked) var cueUsed: [Bool] = []
    /// One paragraph's quotation pairing (`QuotationFinder.pair`): its quotations and its stack
    /// of open marks.
    @exclusivity(unchecked) var paragraphQuotations: [Quotation] = []
    @exclusivity(unchecked) var openMarks: [QuotationFinder.OpenMark] = []

    /// The speaker grouping's (`SpeakerGrouping.assign`): the speakers, the word and key
    /// interners, and the per-key and per-word tables.
    @exclusivity(unchecked) var speakers: [SpeakerGrouping.Reference] = []
    @exclusivity(unchecked) var words: SequenceInterner<UInt8>?
    @exclusivity(unchecked) var keys: SequenceInterner<Int32>?
    @exclusivity(unchecked) var key: [Int32] = []
    @exclusivity(unchecked) var keyRef: [Int] = []
    @exclusivity(unchecked) var keyIsPersonName: [Bool] = []
    @exclusivity(unchecked) var keyOf: [Int] = []
    @exclusivity(unchecked) var group: [Int] = []
    @exclusivity(unchecked) var listedFor: [Int] = []
    @exclusivity(unchecked) var listLength: [Int] = []
    @exclusivity(unchecked) var listStart: [Int] = []
    @exclusivity(unchecked) var listEnd: [Int] = []
    @exclusivity(unchecked) var candidates: [Int] = []
    @exclusivity(unchecked) var ids: [Int] = []

    /// Documents whose analysis these arrays have held (for tests: reuse is counted, not assumed).
    private(set) var documents = 0

    init() {}

    /// Counts one more document read with these arrays.
    func noteDocument() { documents += 1 }

    /// The most tokens a document may have for its arrays to be kept after it: a larger
    /// document's arrays are freed with it, so one long text does not hold its memory for the
    /// rest of the run (1 << 16 tokens: about 300 KB of text, 1.5 MB of tokens).
    static let keptTokens = 1 << 16

    /// True when the arrays are small enough to keep for the next document.
    var isWorthKeeping: Bool { tokens.capacity <= Self.keptTokens && speakers.capacity <= Self.keptTokens }

    /// The array `slot` holds, emptied (its capacity kept); `slot` is left empty, so the caller
    /// holds the only reference and fills it without a copy.
    static func take<Element>(_ slot: inout [Element]) -> [Element] {
        var array: [Element] = []
        swap(&array, &slot)
        array.clear()
        return array
    }

    /// The array `slot` holds, as it is, for a caller that `refill`s or `resize`s it before
    /// reading it (so it is not emptied first); `slot` is left empty.
    static func takeToRefill<Element>(_ slot: inout [Element]) -> [Element] {
        var array: [Element] = []
        swap(&array, &slot)
        return array
    }

    /// The same, filled with `count` copies of `value` (emptied once, not twice). The caller puts
    /// it back in `slot` when done with it, for the next document.
    static func take<Element>(_ slot: inout [Element], filledWith value: Element, count: Int) -> [Element] {
        var array: [Element] = []
        swap(&array, &slot)
        array.refill(value, count: count)
        return array
    }
}

/// Lends `QuoteBuffers` to the documents being read, one each, and takes them back for the
/// next ones: as many exist as documents were read at once (one a thread).
final class QuoteBufferPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [QuoteBuffers] = []

    init() {}

    /// Buffers no one else uses until they are given back.
    func borrow() -> QuoteBuffers {
        lock.lock()
        defer { lock.unlock() }
        return idle.popLast() ?? QuoteBuffers()
    }

    /// Takes back buffers from `borrow` once their document is done; too large ones are dropped.
    func giveBack(_ buffers: QuoteBuffers) {
        guard buffers.isWorthKeeping else { return }
        lock.lock()
        idle.append(buffers)
        lock.unlock()
    }
}

extension Array {
    /// Makes the array `count` copies of `value`, keeping its capacity. The elements it keeps
    /// are overwritten in place and only the missing ones appended: emptying it first
    /// (`removeAll(keepingCapacity:)`, a generic `replaceSubrange` of about 90 instructions)
    /// and appending every element cost more, for the per-token tables refilled every document.
    @inline(__always)
    mutating func refill(_ value: Element, count: Int) {
        if self.count > count { removeSubrange(count...) }
        let kept = self.count
        if kept > 0 { withUnsafeMutableBufferPointer { $0.update(repeating: value) } }
        if count > kept { append(contentsOf: repeatElement(value, count: count - kept)) }
    }

    /// Makes the array `count` elements long, keeping its capacity, for a caller that writes
    /// every element before it reads one: the elements it keeps are left as they are (no pass
    /// over them, as `refill` makes), the missing ones appended as `value`.
    @inline(__always)
    mutating func resize(to count: Int, appending value: Element) {
        if self.count > count { removeSubrange(count...) }
        if count > self.count { append(contentsOf: repeatElement(value, count: count - self.count)) }
    }

    /// Empties the array, keeping its capacity; an empty array is left as it is
    /// (`removeAll(keepingCapacity:)` costs about 90 instructions even then).
    @inline(__always)
    mutating func clear() {
        if !isEmpty { removeAll(keepingCapacity: true) }
    }
}
