/// One run of the sentence splitter over a range of text.
///
/// The main loop skips every byte the scan table does not mark (letters, digits, most
/// punctuation) and stops at stops, line breaks and a few multi-byte characters. Each stop is
/// decided from a bounded look at the word before it and the text after it, so the whole run is
/// linear in the input whatever the text (a 10 MB line of dots and letters included).
struct SentenceScanner {
    typealias C = SentenceCharacters

    let p: UnsafePointer<UInt8>
    let lo: Int
    let hi: Int
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

    // MARK: Main loop

    mutating func run() {
        C.scanTable.withUnsafeBufferPointer { plain in
            C.listScanTable.withUnsafeBufferPointer { list in
                var i = beginSentence(at: lo)
                while i < hi {
                    let table = listOpen ? list : plain
                    var cls = table[Int(p[i])]
                    while cls == C.none {
                        i += 1
                        if i >= hi { break }
                        cls = table[Int(p[i])]
                    }
                    if i >= hi { break }
                    switch cls {
                    case C.period: i = handleDots(i)
                    case C.bang: i = handleBang(i)
                    case C.newline: i = handleNewline(i)
                    case C.space: i = handleListSpace(i)
                    default: i = handleLead(i)
                    }
                }
            }
        }
        emit(sentStart, hi)
    }

    /// Ends the current sentence at `cut` and starts the next one; returns where to scan on.
    mutating func boundary(at cut: Int) -> Int {
        emit(sentStart, cut)
        return beginSentence(at: cut)
    }

    /// Skips white space from `cut` (noting a blank line as a paragraph break), sets the start
    /// of the next sentence, and steps over a list bullet or marker that opens it.
    mutating func beginSentence(at cut: Int) -> Int {
        var s = cut
        var newlines = 0
        while s < hi {
            let n = C.spaceLength(p, s, hi)
            if n == 0 { break }
            if p[s] == 0x0A { newlines += 1 }
            s += n
        }
        if newlines >= 2 { newParagraph() }
        sentStart = s
        guard s < hi else { return s }
        // A bullet ("• ", "⁃", or "-"/"*" followed by a space) and then perhaps a numbered marker.
        var q = s
        let bullet = C.bulletLength(p, q, hi)
        if bullet > 0 {
            q += bullet
        } else if (p[q] == 0x2D || p[q] == 0x2A) && q + 1 < hi && p[q + 1] == 0x20 {
            q += 1
        }
        if q > s { while q < hi && (p[q] == 0x20 || p[q] == 0x09) { q += 1 } }
        if let m = marker(at: q) {
            listOpen = true
            listExpected = m.value + 1
            listStyle = m.style
            listLetters = m.letters
            return m.end
        }
        return q
    }

    /// Forgets paragraph state at a blank line.
    mutating func newParagraph() {
        paragraphFirst = out.count
        carry = -1
        listOpen = false
    }

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
        if !hasContent(max(a, checkFrom), b) {
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

    func hasContent(_ a: Int, _ b: Int) -> Bool {
        var k = a
        while k < b {
            let (content, n) = C.isContent(p, k, b)
            if content { return true }
            k += n
        }
        return false
    }

    // MARK: What follows a stop

    /// What comes after a stop, once white space and opening quotes or brackets are skipped.
    struct Next {
        enum Kind { case end, paragraphEnd, lower, upper, uncased, digit, continuing, other }
        var kind: Kind
        /// The capitalised ASCII word, for the sentence-starter lexicon.
        var wordStart = 0
        var wordEnd = 0
        var newline = false
        var quote = false
        var bracket = false
    }

    func next(from k: Int) -> Next {
        var m = k
        var newlines = 0
        while m < hi {
            let n = C.spaceLength(p, m, hi)
            if n == 0 { break }
            if p[m] == 0x0A { newlines += 1 }
            m += n
        }
        if m >= hi { return Next(kind: .end) }
        if newlines >= 2 { return Next(kind: .paragraphEnd) }
        var result = Next(kind: .other, newline: newlines > 0)
        let c = p[m]
        switch c {
        case 0x2C, 0x3B, 0x3A, 0x29, 0x5D, 0x7D, 0x25, 0x26: result.kind = .continuing; return result   // , ; : ) ] } % &
        default: break
        }
        var openers = 0
        while m < hi && openers < 3 {
            let (n, isQuote) = C.openerLength(p, m, hi)
            if n == 0 { break }
            if isQuote { result.quote = true } else { result.bracket = true }
            m += n
            openers += 1
        }
        if m >= hi { return result }
        let (letter, _) = C.letter(p, m, hi)
        switch letter {
        case .lower: result.kind = .lower
        case .digit: result.kind = .digit
        case .uncased: result.kind = .uncased
        case .other: result.kind = .other
        case .upper:
            result.kind = .upper
            var w = m
            while w < hi && w - m < WordTable.maxLength && C.isLetter(p[w]) { w += 1 }
            result.wordStart = m
            result.wordEnd = w
        }
        return result
    }

    /// Steps over closing quotation marks and brackets after a stop, including a spaced closing
    /// guillemet or curly quote (French « … . »), so every quotation mark stays with its words.
    func closers(from j: Int) -> Int {
        var k = j
        while k < hi {
            let n = C.closerLength(p, k, hi)
            if n == 0 { break }
            k += n
        }
        // "… fin. »" : one space, then », › or ” standing alone.
        let s = k < hi ? C.spaceLength(p, k, hi) : 0
        if s > 0 && p[k] != 0x0A {
            let q = k + s
            if q + 1 < hi {
                var n = 0
                if p[q] == 0xC2 && p[q + 1] == 0xBB { n = 2 }
                else if q + 2 < hi && p[q] == 0xE2 && p[q + 1] == 0x80 && (p[q + 2] == 0xBA || p[q + 2] == 0x9D) { n = 3 }
                if n > 0 && (q + n >= hi || C.spaceLength(p, q + n, hi) > 0) { return q + n }
            }
        }
        return k
    }

    // MARK: Periods and ellipses

    /// A run of periods and "…" starting at `i`: one period, an ellipsis ("...", "…", ". . .")
    /// or a period plus an ellipsis ("....", ". . . .").
    mutating func handleDots(_ i: Int) -> Int {
        var j = i
        var dots = 0
        while j < hi {
            if p[j] == 0x2E { dots += 1; j += 1 } else if C.isEllipsis(p, j, hi) { dots += 3; j += 3 } else { break }
        }
        var spaced = false
        if dots == 1 && j + 3 < hi && p[j] == 0x20 && p[j + 1] == 0x2E && p[j + 2] == 0x20 && p[j + 3] == 0x2E {
            spaced = true
            while j + 1 < hi && p[j] == 0x20 && p[j + 1] == 0x2E { dots += 1; j += 2 }
        }
        // "[...]" and "(…)" mark an omission inside a quotation.
        if dots >= 3 && i > lo && (p[i - 1] == 0x5B || p[i - 1] == 0x28) && j < hi && (p[j] == 0x5D || p[j] == 0x29) {
            return j + 1
        }
        let k = closers(from: j)
        if k < hi && C.spaceLength(p, k, hi) == 0 {
            // Something follows directly: "3.5", "U.S.-based", "Jr.'s", or "world.Today".
            if dots == 1 && k == j && j + 1 < hi && C.isUpper(p[j]) && C.isLower(p[j + 1]) && joinedSentenceEnds(at: i) {
                return boundary(at: j)
            }
            return k
        }
        let after = next(from: k)
        if after.kind == .end { return k }
        if after.kind == .paragraphEnd { return boundary(at: k) }
        if dots >= 3 {
            let capital = after.kind == .upper || after.kind == .uncased
            if spaced {
                // ". . ." inside a sentence is an omission; four dots end the sentence. A period
                // attached to the word ends it and the spaced ellipsis opens the next one.
                guard dots >= 4 && capital else { return k }
                let attached = i > sentStart && C.spaceLength(p, before: i, sentStart) == 0
                return boundary(at: attached ? i + 1 : k)
            }
            return capital ? boundary(at: k) : k
        }
        // After closing marks ("U.S.” He") the stop is read as an ordinary one.
        let token = k > j ? (class: TokenClass.regular, start: i) : tokenClass(before: i)
        return endsSentence(token.class, after, tokenStart: token.start) ? boundary(at: k) : k
    }

    /// How the word before a period behaves.
    enum TokenClass {
        /// An ordinary word or number: the period ends the sentence before a capital or a digit.
        case regular
        case abbreviation(AbbreviationKind)
    }

    /// Classifies the word that ends just before the period at `i`, and where it starts.
    func tokenClass(before i: Int) -> (class: TokenClass, start: Int) {
        let floor = max(lo, sentStart)
        var s = i
        while s > floor && i - s <= Self.maxToken && C.spaceLength(p, before: s, floor) == 0 { s -= 1 }
        if i - s > Self.maxToken { return (.regular, s) }
        // Opening quotes and brackets are not part of the word.
        while s < i {
            let (n, _) = C.openerLength(p, s, i)
            if n == 0 { break }
            s += n
        }
        guard s < i else { return (.regular, s) }
        let last = p[i - 1]
        guard last >= 0x80 || C.isLetter(last) else { return (.regular, s) }
        if let payload = splitter.abbreviations.lookup(p, s, i) {
            let capital = C.isUpper(p[s]) || (p[s] >= 0x80 && C.letter(p, s, i).0 == .upper)
            let raw = capital ? payload & 0x0F : payload >> 4
            if let kind = AbbreviationKind(rawValue: raw) { return (.abbreviation(kind), s) }
        }
        // Shape: one letter (an initial), or one- and two-letter parts joined by periods ("U.S", "Ph.D").
        let (letter, n) = C.letter(p, s, i)
        if s + n == i { return letter == .upper || letter == .lower || letter == .uncased ? (.abbreviation(.general), s) : (.regular, s) }
        var part = 0
        var parts = 1
        var k = s
        while k < i {
            let c = p[k]
            if c == 0x2E {
                if part == 0 { return (.regular, s) }
                part = 0
                parts += 1
            } else if C.isLetter(c) {
                part += 1
                if part > 2 { return (.regular, s) }
            } else {
                return (.regular, s)
            }
            k += 1
        }
        return parts >= 2 && part > 0 ? (.abbreviation(.general), s) : (.regular, s)
    }

    /// Whether a stop after a word of this class ends the sentence, given what follows.
    func endsSentence(_ token: TokenClass, _ after: Next, tokenStart: Int) -> Bool {
        switch after.kind {
        case .end, .paragraphEnd: return true
        case .lower, .continuing: return false
        default: break
        }
        switch token {
        case .regular:
            return true
        case .abbreviation(.title), .abbreviation(.inner):
            return false
        case .abbreviation(.final):
            return after.kind != .digit
        case .abbreviation(.general):
            switch after.kind {
            case .uncased: return true
            case .upper:
                if after.newline || after.quote { return true }
                guard let starter = splitter.starters.lookup(p, after.wordStart, after.wordEnd), starter != 0 else { return false }
                return !isFrontedPhrase(before: tokenStart)
            default:
                return false
            }
        }
    }

    /// True when the sentence so far is a short phrase opened by a preposition ("At 5 a.m.",
    /// "In the U.S."): its subject is still to come, so an abbreviation here does not end it.
    func isFrontedPhrase(before tokenStart: Int) -> Bool {
        var a = sentStart
        while a < tokenStart {
            let (n, _) = C.openerLength(p, a, tokenStart)
            if n == 0 { break }
            a += n
        }
        guard tokenStart - a <= 60 else { return false }
        var w = a
        while w < tokenStart && C.isLetter(p[w]) { w += 1 }
        guard w > a, splitter.starters.lookup(p, a, w) == StarterKind.preposition.rawValue else { return false }
        var words = 1
        var k = a
        while k + 1 < tokenStart {
            if p[k] == 0x20 && p[k + 1] != 0x20 { words += 1 }
            k += 1
        }
        return words <= 3
    }

    /// "world.Today", "1,000.That": a period between a word (or number) and a capitalised word
    /// with no space ends a sentence, unless the token is an address, a file name or an abbreviation.
    func joinedSentenceEnds(at i: Int) -> Bool {
        let (token, start) = tokenClass(before: i)
        guard case .regular = token, i - start >= 2 else { return false }
        let last = p[i - 1]
        guard C.isLower(last) || C.isDigit(last) else { return false }
        // The whole white-space-delimited token must not be an address ("Jane.Doe@example.com").
        var k = i - 1
        while k >= lo && i - k <= Self.addressReach && C.spaceLength(p, k, hi) == 0 {
            if p[k] == 0x40 || p[k] == 0x2F { return false }
            k -= 1
        }
        k = i + 1
        while k < hi && k - i <= Self.addressReach && C.spaceLength(p, k, hi) == 0 {
            let c = p[k]
            if c == 0x40 || c == 0x2F { return false }
            // "Example.Com.au": another period inside the word after.
            if c == 0x2E && k + 1 < hi && C.isLetter(p[k + 1]) { return false }
            k += 1
        }
        return true
    }

    // MARK: Question and exclamation marks, other scripts

    /// A run of "?", "!" (and "‼", "؟", "।", …), then closing marks: ends the sentence unless a
    /// lower-case word or a comma follows ("Yahoo! in", "“Why?” she asked").
    mutating func handleBang(_ i: Int) -> Int {
        var j = i
        while j < hi {
            let n = C.bangLength(p, j, hi)
            if n == 0 { break }
            j += n
        }
        let k = closers(from: j)
        if k < hi && C.spaceLength(p, k, hi) == 0 { return k }
        let after = next(from: k)
        switch after.kind {
        case .end: return k
        case .lower, .continuing: return k
        default: return boundary(at: k)
        }
    }

    /// CJK stops ("。", "！", "？") end a sentence with or without space after them.
    mutating func handleUnspacedStop(_ i: Int, _ length: Int) -> Int {
        var j = i + length
        while j < hi {
            if let (_, n) = C.stop(p, j, hi) { j += n; continue }
            let n = C.bangLength(p, j, hi)
            if n == 0 { break }
            j += n
        }
        let k = closers(from: j)
        if k >= hi { return k }
        let after = next(from: k)
        switch after.kind {
        case .end: return k
        case .continuing: return k
        default: return boundary(at: k)
        }
    }

    /// A multi-byte character the table marked: "…", a bullet, or a stop of another script.
    mutating func handleLead(_ i: Int) -> Int {
        if p[i] == 0xE2 {
            if C.isEllipsis(p, i, hi) { return handleDots(i) }
            let bullet = C.bulletLength(p, i, hi)
            if bullet > 0 {
                // A bullet after white space inside a sentence starts a new item.
                if i > sentStart && C.spaceLength(p, before: i, sentStart) > 0 { return boundary(at: i) }
                return i + bullet
            }
        }
        if let (kind, n) = C.stop(p, i, hi) {
            return kind == .spaced ? handleBang(i) : handleUnspacedStop(i, n)
        }
        return i + 1
    }

    // MARK: Line breaks

    /// A blank line ends the paragraph; a single line break is read as `lineBreaks` says.
    mutating func handleNewline(_ i: Int) -> Int {
        var m = i + 1
        while m < hi && (p[m] == 0x20 || p[m] == 0x09 || p[m] == 0x0D) { m += 1 }
        if m >= hi { return m }
        if p[m] == 0x0A { return boundary(at: i) }
        switch splitter.lineBreaks {
        case .space:
            return i + 1
        case .sentence:
            return boundary(at: i)
        case .auto:
            var k = i
            while k > sentStart && (p[k - 1] == 0x20 || p[k - 1] == 0x09 || p[k - 1] == 0x0D) { k -= 1 }
            if k <= sentStart { return i + 1 }
            // A line ending in a stop was decided by the stop's own rule.
            if lineEndsWithStop(k) { return i + 1 }
            // A line ending in a comma, semicolon, hyphen, dash, "&" or "/" goes on.
            switch p[k - 1] {
            case 0x2C, 0x3B, 0x2D, 0x26, 0x2F, 0x28: return i + 1
            default: break
            }
            if k - 3 >= sentStart && C.dashLength(p, k - 3, k) == 3 { return i + 1 }
            // A lower-case next line carries on a sentence that began like one (wrapped prose);
            // lower-case lines after a lower-case start are items of a list.
            let (letter, _) = C.letter(p, m, hi)
            if letter == .lower && sentenceBeginsWithCapital() { return i + 1 }
            return boundary(at: i)
        }
    }

    /// True when the text ending at `k` ends in a stop, perhaps followed by closing marks.
    func lineEndsWithStop(_ k: Int) -> Bool {
        var e = k
        var steps = 0
        while e > sentStart && steps < 4 {
            if C.closerLength(p, e - 1, e) == 1 { e -= 1 } else if e - 2 >= sentStart && C.closerLength(p, e - 2, e) == 2 { e -= 2 } else if e - 3 >= sentStart && C.closerLength(p, e - 3, e) == 3 { e -= 3 } else { break }
            steps += 1
        }
        guard e > sentStart else { return false }
        let c = p[e - 1]
        if c == 0x2E || c == 0x3F || c == 0x21 { return true }
        if e - 3 >= sentStart && (C.isEllipsis(p, e - 3, e) || C.stop(p, e - 3, e) != nil) { return true }
        if e - 2 >= sentStart && C.stop(p, e - 2, e) != nil { return true }
        return false
    }

    /// True when the current sentence's first letter is not lower case (skipping quotes,
    /// brackets, bullets and list markers).
    func sentenceBeginsWithCapital() -> Bool {
        var k = sentStart
        while k < hi && k - sentStart < 32 {
            let (letter, n) = C.letter(p, k, hi)
            switch letter {
            case .lower: return false
            case .upper, .uncased, .digit: return true
            case .other: k += n
            }
        }
        return true
    }

    // MARK: Lists

    /// A list marker at `q`: "1." "1)" "1.)" "(1)" or "a." "a)" "(a)", followed by white space.
    func marker(at q: Int) -> (value: Int, style: UInt8, letters: Bool, end: Int)? {
        var k = q
        guard k < hi else { return nil }
        var paren = false
        if p[k] == 0x28 { paren = true; k += 1 }
        var value = 0
        var letters = false
        let digitsStart = k
        while k < hi && C.isDigit(p[k]) && k - digitsStart < 3 {
            value = value * 10 + Int(p[k] - 0x30)
            k += 1
        }
        if k == digitsStart {
            guard k < hi && C.isLower(p[k]) else { return nil }
            value = Int(p[k] - 0x60)
            letters = true
            k += 1
        } else if k < hi && C.isDigit(p[k]) {
            return nil
        }
        guard k < hi else { return nil }
        var style: UInt8
        if paren {
            guard p[k] == 0x29 else { return nil }
            style = 3
            k += 1
        } else if p[k] == 0x2E {
            k += 1
            if k < hi && p[k] == 0x29 { style = 2; k += 1 } else { style = 0 }
        } else if p[k] == 0x29 {
            style = 1
            k += 1
        } else {
            return nil
        }
        guard k < hi, C.spaceLength(p, k, hi) > 0 else { return nil }
        return (value, style, letters, k)
    }

    /// While a list is open, a space followed by the next marker ("… item 2. The second…")
    /// starts the next item.
    mutating func handleListSpace(_ i: Int) -> Int {
        if i + 1 < hi, let m = marker(at: i + 1), m.value == listExpected, m.style == listStyle,
           m.letters == listLetters, i + 1 > sentStart {
            return boundary(at: i + 1)
        }
        return i + 1
    }
}
