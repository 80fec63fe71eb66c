/// How far the quote rules look, in tokens: the limits that keep the stage linear in its
/// document's length whatever the text is (one sentence of a megabyte, a name of a thousand
/// capitalized words). Real text stays well inside them, so they change nothing there.
enum QuoteReach {
    /// A sentence longer than this is read as several: the rules look no further than one
    /// sentence around a quotation or cue, so this bounds the work per quotation and per cue.
    static let sentenceTokens = 320
    /// A long sentence is cut after a comma, semicolon, colon or dash once it has this many
    /// tokens, else hard at `sentenceTokens`.
    static let clauseCutTokens = 240
    /// A dash inside reported content closes an aside opened by another within this many tokens
    /// ("troop strength - around 166,000 in April - already lags").
    static let dashAsideTokens = 16
    /// A source phrase after "according to" runs on at most this many tokens past the speaker's
    /// name before its comma ("the officer in charge of the base that night,").
    static let sourcePhraseTokens = 24
    /// A headline's speaker has at most this many name words ("Pat Caddell:", "NY Daily News:",
    /// "Port Authority Claims …"; rules `headline-colon` and `headline-says`).
    static let headlineNameWords = 4
    /// At most this many words make one name ("Ministry of Foreign Affairs of Kazakhstan").
    static let nameWords = 16
    /// At most this many words make the speaker phrase after a cue ("said the deputy director …").
    static let speakerPhraseTokens = 40
    /// A clause's subject is read over at most this many tokens ("the program, run by …, has").
    static let subjectTokens = 32
    /// A relative pronoun stands at most this many tokens after the comma that opens its
    /// clause, past the noun phrase of an apposition ("…, a group that critics say …"; rule
    /// `relative-clause-end`).
    static let relativeHeadTokens = 8
    /// At most this many fillers and time words stand between a cue and its speaker ("also
    /// repeatedly", "on Tuesday").
    static let fillers = 12
    /// The cue whose reported clause a colon or comma before a quotation closes stands at most
    /// this many tokens before that mark (rule `clause-before-quotation`).
    static let clauseBeforeQuotationTokens = 40
    /// The topic after a verb of speaking and its preposition ("talked about …", rule
    /// `speech-topic`) runs at most this many tokens before its punctuation.
    static let topicTokens = 40
    /// A dateline ("GREENPORT, May 3 (Harbor Wire) —") reaches its dash within this many tokens
    /// (rule `dateline`).
    static let datelineTokens = 16
    /// A dateline's place, or a run-in heading before a dash, has at most this many words in
    /// capitals ("NEW YORK", "CONGRESS HAS INVESTIGATED HIM"; rule `dateline`).
    static let datelineWords = 4
}

/// Counts the work of the quote rules: every read of per-token data (a token, its paragraph,
/// sentence or quotation) and of a quotation is one step. Tests count steps at N and 4N to check
/// that the stage's work grows linearly with its document. Only debug builds count; in release
/// builds a metered read is a plain array read.
final class QuoteWorkMeter: @unchecked Sendable {
    /// Reads made so far.
    private(set) var steps = 0

    init() {}

    /// True when this build counts (debug builds).
    static var counts: Bool {
        #if DEBUG
        return true
        #else
        return false
        #endif
    }

    @inline(__always) func step() {
        #if DEBUG
        steps &+= 1
        #endif
    }

    /// The meter of a document whose work no one counts (`QuoteExtractor.quotes(in:…)`): a new
    /// one in a debug build, where the steps are counted; in a release build, where `step()` does
    /// nothing, one shared meter, so a document allocates none.
    static var uncounted: QuoteWorkMeter {
        #if DEBUG
        return QuoteWorkMeter()
        #else
        return shared
        #endif
    }

    /// The meter `uncounted` gives in a release build.
    private static let shared = QuoteWorkMeter()
}

/// An array whose reads are counted by a `QuoteWorkMeter` (see there). Only debug builds hold
/// the meter: in a release build the array is the array alone, so the analysis that keeps five
/// of them has five references fewer to retain and release where it is copied or freed.
struct MeteredArray<Element> {
    private(set) var elements: [Element]
    #if DEBUG
    let meter: QuoteWorkMeter
    #endif

    init(_ elements: [Element] = [], meter: QuoteWorkMeter) {
        self.elements = elements
        #if DEBUG
        self.meter = meter
        #endif
    }

    subscript(i: Int) -> Element {
        @inline(__always) get {
            #if DEBUG
            meter.step()
            #endif
            return elements[i]
        }
        set { elements[i] = newValue }
    }

    var count: Int { elements.count }
    var indices: Range<Int> { elements.indices }
    var isEmpty: Bool { elements.isEmpty }

    mutating func append(_ e: Element) { elements.append(e) }

    /// Empties the array (its capacity kept) and fills it with `count` copies of `value`.
    mutating func refill(_ value: Element, count: Int) { elements.refill(value, count: count) }

    /// The elements, leaving the array empty (so that the caller holds the only reference).
    mutating func takeElements() -> [Element] {
        var out: [Element] = []
        swap(&out, &elements)
        return out
    }
}
