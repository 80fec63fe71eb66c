/// Quotations, line breaks and lists: what keeps a sentence together or ends it beyond its stop.
extension SentenceScanner {
    // MARK: Quotations

    /// An opening quotation mark: with `quotations: whole`, when its closing mark comes later in
    /// the same paragraph, no sentence ends before it (`“A. B,” she said.` is one sentence).
    /// With `split` quotations are split like any text and nothing is recorded.
    mutating func handleQuote(_ i: Int) -> Int {
        guard splitter.quotations == .whole, i >= quoteEnd, let (kind, n) = C.openingQuote(p, i, lo, hi) else {
            return i + (p[i] < 0x80 ? 1 : 2)
        }
        if i < noCloserBefore[kind] { return i + n }
        let lead = C.closingQuoteLead(kind)
        var k = i + n
        // The closer is looked for up to the first paragraph end (a blank line of any line
        // terminators, or U+2029), where the search stops: a quotation never reaches past one
        // (`handleNewline` would cut inside it, which it cannot). Until session 35 it stopped
        // at a blank line of line feeds only and then looked back for another paragraph end
        // from the closer it found: each opening mark of paragraphs ended by "\r\r" read on to
        // a closer at the end of the text, time quadratic in the text.
        while true {
            k = C.firstOf(lead, orLineTerminator: p, from: k, hi)
            if k >= hi { break }
            let terminator = LineTerminators.length(p, k, hi)
            if terminator > 0 {
                if LineTerminators.paragraphEnd(p, from: k, to: k + 1, hi) != nil { break }
                k += terminator
            } else if C.closingQuoteLength(kind, p, k, hi) > 0 && (kind < 8 || k > i + n) {
                quoteStart = i
                quoteEnd = k
                quotationSearched += k - (i + n)
                return i + n
            } else {
                k += 1
            }
        }
        quotationSearched += k - (i + n)
        noCloserBefore[kind] = k
        return i + n
    }

    /// Skips white space from `cut` (noting a blank line as a paragraph break), sets the start
    /// of the next sentence, and steps over a list bullet or marker that opens it.
    mutating func beginSentence(at cut: Int) -> Int {
        let (spaceEnd, newlines) = skipSpace(from: cut)
        var s = spaceEnd
        if newlines >= 2 { newParagraph() }
        sentStart = s
        guard s < hi else { return s }
        // A letter closing and its comma before the signature on the same line: a sentence.
        while let closing = closingBeforeSignature(at: sentStart) {
            emit(sentStart, closing.end)
            sentStart = closing.next
        }
        s = sentStart
        // A bullet ("• ", "⁃", or "-"/"*" followed by a space) and then perhaps a numbered marker.
        var q = s
        let bullet = C.bulletLength(p, q, hi)
        if bullet > 0 {
            q += bullet
        } else if (p[q] == 0x2D || p[q] == 0x2A) && q + 1 < hi && p[q + 1] == 0x20 {
            q += 1
        }
        if q > s { while q < hi && (p[q] == 0x20 || p[q] == 0x09) { q += 1 } }
        if let m = Self.marker(p, at: q, hi) {
            listOpen = true
            listExpected = m.value + 1
            listStyle = m.style
            listLetters = m.letters
            return m.end
        }
        return q
    }

    /// The end of the white space from `k`, and its line ends (a paragraph separator counts two,
    /// as a blank line does: two or more is a paragraph break). Shared by `beginSentence` and
    /// `next(from:)`, which read what follows a cut and what follows a stop alike.
    @inline(__always)
    func skipSpace(from k: Int) -> (end: Int, newlines: Int) {
        var m = k
        var newlines = 0
        while m < hi {
            let n = C.spaceLength(p, m, hi)
            if n == 0 { break }
            let t = p[m] == 0x20 ? 0 : LineTerminators.length(p, m, hi)
            if t > 0 {
                newlines += LineTerminators.endsParagraph(p, m, length: t) ? 2 : 1
                m += t
            } else {
                m += n
            }
        }
        return (m, newlines)
    }

    /// Forgets paragraph state at a blank line.
    mutating func newParagraph() {
        paragraphFirst = out.count
        carry = -1
        listOpen = false
    }

    // MARK: Line breaks

    /// A blank line or a paragraph separator (U+2029) ends the paragraph; a single line break
    /// (any of `LineTerminators`, at `i`) is read as `lineBreaks` says.
    mutating func handleNewline(_ i: Int) -> Int {
        let length = LineTerminators.length(p, i, hi)
        // A paragraph end never falls inside a quotation (`handleQuote` stops at one), but should
        // a cut be refused there, the scan still moves past the terminator: never stands still.
        if LineTerminators.endsParagraph(p, i, length: length) { return max(boundary(at: i), i + length) }
        var m = i + length
        while m < hi && (p[m] == 0x20 || p[m] == 0x09) { m += 1 }
        if m >= hi { return m }
        if LineTerminators.length(p, m, hi) > 0 { return max(boundary(at: i), i + length) }
        if isInsideQuotation(i) { return i + length }
        switch splitter.lineBreaks {
        case .space:
            return i + length
        case .sentence:
            return boundary(at: i)
        case .auto:
            var k = i
            while k > sentStart && (p[k - 1] == 0x20 || p[k - 1] == 0x09 || p[k - 1] == 0x0D) { k -= 1 }
            if k <= sentStart { return i + length }
            // A line ending in a stop was decided by the stop's own rule.
            if Self.lineEndsWithStop(p, sentStart, k) { return i + length }
            // A letter closing alone on its line ("Sincerely,", "Best regards,") ends its sentence.
            if p[k - 1] == 0x2C && splitter.closings.table.lookup(p, sentStart, k - 1) != nil { return boundary(at: i) }
            // A line ending in a comma, semicolon, hyphen, dash, "&" or "/" goes on.
            switch p[k - 1] {
            case 0x2C, 0x3B, 0x2D, 0x26, 0x2F, 0x28: return i + length
            default: break
            }
            if k - 3 >= sentStart && C.dashLength(p, k - 3, k) == 3 { return i + length }
            // A lower-case next line carries on a sentence that began like one (wrapped prose);
            // lower-case lines after a lower-case start are items of a list.
            let (letter, _) = C.letter(p, m, hi)
            if letter == .lower && sentenceBeginsWithCapital() { return i + length }
            return boundary(at: i)
        }
    }

    /// True when the text ending at `k` ends in a stop, perhaps followed by closing marks.
    static func lineEndsWithStop(_ p: UnsafePointer<UInt8>, _ sentStart: Int, _ k: Int) -> Bool {
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
    mutating func sentenceBeginsWithCapital() -> Bool {
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
    static func marker(_ p: UnsafePointer<UInt8>, at q: Int, _ hi: Int) -> (value: Int, style: UInt8, letters: Bool, end: Int)? {
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

    /// While a list is open, a space followed by the next marker ("… bread 2. Buy milk…")
    /// starts the next item.
    mutating func handleListSpace(_ i: Int) -> Int {
        if i + 1 < hi, let m = Self.marker(p, at: i + 1, hi), m.value == listExpected, m.style == listStyle,
           m.letters == listLetters, i + 1 > sentStart {
            return boundary(at: i + 1)
        }
        return i + 1
    }
}
