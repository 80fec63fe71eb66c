/// One run of the sentence splitter over a range of text.
///
/// The main loop skips every byte the scan table does not mark (letters, digits, most
/// punctuation) and stops at stops, line terminators (`LineTerminators`) and a few multi-byte
/// characters. Each stop is
/// decided from a bounded look at the word before it and the text after it, so the whole run is
/// linear in the input whatever the text (a 10 MB line of dots and letters included).
///
/// The look-around helpers are declared `mutating` although they only read: the scanner is a
/// large struct, and a non-mutating call from a mutating method copies it at every stop.
struct SentenceScanner {
    typealias C = SentenceCharacters

    let p: UnsafePointer<UInt8>
    var lo: Int
    var hi: Int
    let splitter: SentenceSplitter
    var out: [Span]

    /// Where the current sentence begins.
    var sentStart: Int
    /// Index in `out` of the first sentence of the current paragraph (merges never cross it).
    var paragraphFirst: Int
    /// Start of a punctuation-only piece waiting to join the next sentence (-1: none), and how
    /// far it is known to hold no content.
    var carry = -1
    var carryChecked = -1

    /// An open numbered list: the marker the next item will carry.
    var listOpen = false
    var listExpected = 0
    var listStyle: UInt8 = 0
    var listLetters = false

    /// The quotation being read: no sentence ends between its opening mark and `quoteEnd`,
    /// the position of its closing mark in the same paragraph (-1: none).
    var quoteStart = -1
    var quoteEnd = -1
    /// Per quotation kind, a position before which no closing mark exists (so an opening mark
    /// there needs no second look, and unclosed quotations cost one look per paragraph).
    var noCloserBefore = SIMD16<Int>(repeating: -1)
    /// The bytes the searches for closing marks have read (`handleQuote`), for the test that
    /// holds them linear in the text (`SentenceSplitter.quotationSearchWork`).
    var quotationSearched = 0

    /// Longest word looked at before a stop; longer tokens are ordinary words.
    static let maxToken = 40
    /// How far around a stop a URL or e-mail address is looked for.
    static let addressReach = 64

    init(p: UnsafePointer<UInt8>, lo: Int, hi: Int, splitter: SentenceSplitter, out: [Span]) {
        self.p = p
        self.lo = lo
        self.hi = hi
        self.splitter = splitter
        self.out = out
        self.sentStart = lo
        self.paragraphFirst = out.count
    }

    /// Points the scanner at another range of the same text, with fresh paragraph state
    /// (one scanner serves every paragraph of a document).
    mutating func reset(lo: Int, hi: Int) {
        self.lo = lo
        self.hi = hi
        sentStart = lo
        paragraphFirst = out.count
        carry = -1
        listOpen = false
        quoteStart = -1
        quoteEnd = -1
        noCloserBefore = SIMD16<Int>(repeating: -1)
    }

    // MARK: Main loop

    mutating func run() {
        C.scanTable.withUnsafeBufferPointer { plain in
            C.listScanTable.withUnsafeBufferPointer { list in
                var i = beginSentence(at: lo)
                while i < hi {
                    let table = listOpen ? list : plain
                    if !listOpen { i = C.skipPlainASCII(p, from: i, hi) }
                    if i >= hi { break }
                    var cls = table[Int(p[i])]
                    while cls == C.none {
                        i += 1
                        if i >= hi { break }
                        let c = p[i]
                        cls = table[Int(c)]
                        // Past the bytes of a multi-byte character, back to the wide skip.
                        if c < 0x80 && !listOpen { break }
                    }
                    if i >= hi { break }
                    if cls == C.none { continue }
                    switch cls {
                    case C.period: i = handleDots(i)
                    case C.bang: i = handleBang(i)
                    case C.newline: i = handleNewline(i)
                    case C.space: i = handleListSpace(i)
                    // NEL (0xC2 0x85) and U+2028/U+2029 (0xE2 0x80 0xA8/0xA9) end a line as a
                    // line feed does (`LineTerminators`); until session 34 they ended nothing.
                    case C.quote: i = p[i] == 0xC2 && LineTerminators.length(p, i, hi) > 0 ? handleNewline(i) : handleQuote(i)
                    case C.colon: i = handleColon(i)
                    default: i = p[i] == 0xE2 && LineTerminators.length(p, i, hi) > 0 ? handleNewline(i) : handleLead(i)
                    }
                }
            }
        }
        emit(sentStart, hi)
    }

    /// Ends the current sentence at `cut` and starts the next one; returns where to scan on.
    mutating func boundary(at cut: Int) -> Int {
        if isInsideQuotation(cut) { return cut }
        emit(sentStart, cut)
        return beginSentence(at: cut)
    }

    /// True when `cut` lies inside the quotation being read, before or at its closing mark.
    @inline(__always)
    func isInsideQuotation(_ cut: Int) -> Bool { cut > quoteStart && cut <= quoteEnd }

    // MARK: Emitting

    /// Adds `[s, e)` trimmed of white space. A piece with no content (only punctuation) joins
    /// the previous sentence of the paragraph, or the next one when it comes first.
    mutating func emit(_ s: Int, _ e: Int) {
        var a = s
        var checkFrom = s
        if carry >= 0 {
            a = carry
            checkFrom = max(carryChecked, carry)
            carry = -1
        }
        while a < e {
            let n = C.spaceLength(p, a, e)
            if n == 0 { break }
            a += n
        }
        var b = e
        while b > a {
            let n = C.spaceLength(p, before: b, a)
            if n == 0 { break }
            b -= n
        }
        guard a < b else { return }
        let from = max(a, checkFrom)
        // Most sentences open with a letter or a digit: content without the full test.
        let opensWithWord = from < b && (C.isLetter(p[from]) || C.isDigit(p[from]))
        if !opensWithWord && !Self.hasContent(p, from, b) {
            if out.count > paragraphFirst {
                out[out.count - 1].end = b
            } else {
                carry = a
                carryChecked = b
            }
            return
        }
        out.append(Span(a, b))
    }

    static func hasContent(_ p: UnsafePointer<UInt8>, _ a: Int, _ b: Int) -> Bool {
        var k = a
        while k < b {
            let (content, n) = C.isContent(p, k, b)
            if content { return true }
            k += n
        }
        return false
    }
}
