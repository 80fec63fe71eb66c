/// How the scanner decides at a stop: what follows it, the word before it, ellipses,
/// question and exclamation marks, and the stops of other scripts.
extension SentenceScanner {
    // MARK: What follows a stop

    /// What comes after a stop, once white space and opening quotes or brackets are skipped.
    struct Next {
        enum Kind { case end, paragraphEnd, lower, upper, uncased, digit, continuing, other }
        var kind: Kind
        /// The ASCII word (capitalised or lower case), for the sentence-starter lexicons.
        var wordStart = 0
        var wordEnd = 0
        var newline = false
        var quote = false
        var bracket = false
    }

    mutating func next(from k: Int) -> Next {
        let (spaceEnd, newlines) = skipSpace(from: k)
        var m = spaceEnd
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
        case .digit: result.kind = .digit
        case .uncased: result.kind = .uncased
        case .other: result.kind = .other
        case .upper, .lower:
            result.kind = letter == .upper ? .upper : .lower
            var w = m
            while w < hi && w - m < WordTable.maxLength && C.isLetter(p[w]) { w += 1 }
            result.wordStart = m
            result.wordEnd = w
        }
        return result
    }

    /// Steps over closing quotation marks and brackets after a stop, including a spaced closing
    /// guillemet or curly quote (French « … . »), so every quotation mark stays with its words.
    mutating func closers(from j: Int) -> Int {
        var k = j
        while k < hi {
            let n = C.closerLength(p, k, hi)
            if n == 0 { break }
            k += n
        }
        // "… fin. »" : one space, then », › or ” standing alone.
        let s = k < hi ? C.spaceLength(p, k, hi) : 0
        if s > 0 && LineTerminators.length(p, k, hi) == 0 {
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
        let closed = closers(from: j)
        if closed < hi && C.spaceLength(p, closed, hi) == 0 {
            // Something follows directly: "3.5", "U.S.-based", "Jr.'s", or "world.Today".
            if dots == 1 && closed == j && j + 1 < hi && C.isUpper(p[j]) && C.isLower(p[j + 1]) && joinedSentenceEnds(at: i) {
                return boundary(at: j)
            }
            if dots == 1 && closed == j && C.isDigit(p[j]), let end = footnoteEnd(period: i) { return boundary(at: end) }
            return closed
        }
        // A footnote mark after the stop ("(1821). [22] His") stays with the sentence it follows.
        let k = footnoteMarkEnd(after: closed) ?? closed
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
        let token = closed > j ? (class: TokenClass.regular, start: i) : tokenClass(before: i)
        if after.kind == .lower {
            return closed == j && lowerCaseStartEnds(after: token, period: i, after) ? boundary(at: k) : k
        }
        return endsSentence(token.class, after, tokenStart: token.start) ? boundary(at: k) : k
    }

    /// How the word before a period behaves.
    enum TokenClass {
        /// An ordinary word or number: the period ends the sentence before a capital or a digit.
        case regular
        /// An abbreviation, initial or multi-period shape. `word` is true for lexicon entries
        /// written in lower case ("no", "etc"), which can make a sentence on their own ("No.").
        case abbreviation(AbbreviationKind, word: Bool)
    }

    /// Classifies the word that ends just before the period at `i`, and where it starts.
    mutating func tokenClass(before i: Int) -> (class: TokenClass, start: Int) {
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
        // After a hyphen or slash only the last part counts ("Anti-U.S.", "D-Ill.").
        var h = i - 1
        while h > s && p[h] != 0x2D && p[h] != 0x2F { h -= 1 }
        if h > s { s = h + 1 }
        if let payload = splitter.abbreviations.lookup(p, s, i) {
            let capital = C.isUpper(p[s]) || (p[s] >= 0x80 && C.letter(p, s, i).0 == .upper)
            // A two-letter word in capitals is an acronym ("RT", "FT"), not the title "Rt." or "Ft.".
            let acronym = i - s == 2 && C.isUpper(p[s]) && C.isUpper(p[s + 1])
            let capitalKind = capital && !acronym && payload & 0x0F != payload >> 4
            let raw = capital && !acronym ? payload & 0x0F : payload >> 4
            if let kind = AbbreviationKind(rawValue: raw) { return (.abbreviation(kind, word: !capitalKind), s) }
        }
        // Shape: one letter (an initial), or one- and two-letter parts joined by periods ("U.S", "Ph.D").
        let (letter, n) = C.letter(p, s, i)
        if s + n == i { return letter == .upper || letter == .lower || letter == .uncased ? (.abbreviation(.general, word: false), s) : (.regular, s) }
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
        return parts >= 2 && part > 0 ? (.abbreviation(.general, word: false), s) : (.regular, s)
    }

    /// Whether a stop after a word of this class ends the sentence, given what follows.
    mutating func endsSentence(_ token: TokenClass, _ after: Next, tokenStart: Int) -> Bool {
        switch after.kind {
        case .end, .paragraphEnd: return true
        case .lower, .continuing: return false
        default: break
        }
        switch token {
        case .regular:
            return true
        case .abbreviation(.title, _), .abbreviation(.inner, _):
            return false
        case .abbreviation(.final, _):
            return after.kind != .digit
        case .abbreviation(.general, let word):
            // An abbreviation or initial that opens the sentence is not all of it ("Q. What…",
            // "St. Michael's…"); a lower-case lexicon word can be ("No. That is wrong.").
            if !word && isFirstWord(tokenStart) { return false }
            switch after.kind {
            case .upper:
                if after.newline || after.quote { return true }
                // A word in capitals is an acronym or a headline ("U.S. STOCKS FALL"), not a starter.
                if after.wordEnd - after.wordStart >= 2 && C.isUpper(p[after.wordStart + 1]) { return false }
                guard let starter = splitter.starters.lookup(p, after.wordStart, after.wordEnd), starter != 0 else { return false }
                return !isFrontedPhrase(before: tokenStart)
            default:
                return false
            }
        }
    }

    /// True when only opening quotes or brackets stand between the sentence start and `tokenStart`.
    mutating func isFirstWord(_ tokenStart: Int) -> Bool {
        var a = sentStart
        while a < tokenStart && a - sentStart < 16 {
            let (n, _) = C.openerLength(p, a, tokenStart)
            if n == 0 { break }
            a += n
        }
        return a >= tokenStart
    }

    /// True when the sentence so far is a short phrase opened by a preposition ("At 7 a.m.",
    /// "In the U.S."): its subject is still to come, so an abbreviation here does not end it.
    mutating func isFrontedPhrase(before tokenStart: Int) -> Bool {
        var a = sentStart
        while a < tokenStart && a - sentStart < 16 {
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
    mutating func joinedSentenceEnds(at i: Int) -> Bool {
        let (token, start) = tokenClass(before: i)
        guard case .regular = token, i - start >= 2 else { return false }
        let last = p[i - 1]
        guard C.isLower(last) || C.isDigit(last) else { return false }
        // The whole white-space-delimited token must not be an address ("tom.baker@example.org").
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

    /// A footnote mark glued to the stop ("…abuses.12 They", "…marathon in 2019.3 They"): one to
    /// three digits after a period that follows a word or a year, then a sentence starter. The
    /// sentence ends after the mark; returns that position.
    mutating func footnoteEnd(period i: Int) -> Int? {
        var e = i + 1
        while e < hi && C.isDigit(p[e]) && e - i <= 3 { e += 1 }
        guard e < hi, e - i <= 3, C.spaceLength(p, e, hi) > 0 else { return nil }
        let (token, start) = tokenClass(before: i)
        guard case .regular = token, i > start else { return nil }
        var digits = 0
        var letters = 0
        for k in start..<i {
            if C.isDigit(p[k]) { digits += 1 } else if C.isLetter(p[k]) { letters += 1 } else if p[k] < 0x80 { return nil }
        }
        guard (digits == 0 && letters >= 2 && C.isLower(p[i - 1])) || (letters == 0 && digits == 4) else { return nil }
        let after = next(from: e)
        guard after.kind == .upper, !after.quote, !after.bracket,
              let starter = splitter.starters.lookup(p, after.wordStart, after.wordEnd), starter != 0 else { return nil }
        return e
    }

    /// Whether a period before a lower-case word ends the sentence ("…at 303-832-8160. they
    /// haven't…"): the word before is an ordinary word, not an abbreviation or an initial, and
    /// either the word after is one that begins sentences (`LowerCaseStartLexicon.periodStarters`)
    /// or the word before is too long for an abbreviation (`LowerCaseStartLexicon.longWord`
    /// bytes or more, ending in a lower-case letter or a digit) and the word after does not
    /// carry the sentence on (`LowerCaseStartLexicon.continuations`).
    mutating func lowerCaseStartEnds(after token: (class: TokenClass, start: Int), period i: Int, _ after: Next) -> Bool {
        guard case .regular = token.class, after.wordEnd > after.wordStart else { return false }
        if LowerCaseStartLexicon.periodStarterTable.lookup(p, after.wordStart, after.wordEnd) != nil { return true }
        guard i - token.start >= LowerCaseStartLexicon.longWord, C.isLower(p[i - 1]) || C.isDigit(p[i - 1]) else { return false }
        return LowerCaseStartLexicon.continuationTable.lookup(p, after.wordStart, after.wordEnd) == nil
    }

    /// Footnote marks after a stop and its closing marks, which stay with the sentence they
    /// follow: one space, then bracketed references (`[22]`, `[3][4]`, `[3, 4]`, `[5-7]`), or one
    /// or two bare digits before a capitalised sentence starter (`…minority rights. 4 Even
    /// though…`). Returns where the marks end, or nil when none follow.
    mutating func footnoteMarkEnd(after k: Int) -> Int? {
        guard k + 2 < hi, p[k] == 0x20 else { return nil }
        var m = k + 1
        var end = -1
        var marks = 0
        while m < hi && p[m] == 0x5B && marks < 4 {
            var q = m + 1
            var digits = 0
            while q < hi && q - m <= 12 && (C.isDigit(p[q]) || p[q] == 0x2C || p[q] == 0x20 || p[q] == 0x2D) {
                if C.isDigit(p[q]) { digits += 1 }
                q += 1
            }
            guard q < hi, p[q] == 0x5D, digits > 0 else { break }
            m = q + 1
            end = m
            marks += 1
        }
        if end < 0 {
            // Bare digits: "rights. 4 Even though…", never "in 2019. 5 of them…" (no starter).
            var q = k + 1
            while q < hi && C.isDigit(p[q]) && q - k <= 3 { q += 1 }
            guard q > k + 1, q - k <= 3, q + 1 < hi, p[q] == 0x20, C.isUpper(p[q + 1]) else { return nil }
            var w = q + 1
            while w < hi && w - q <= WordTable.maxLength && C.isLetter(p[w]) { w += 1 }
            guard w - q >= 3, C.isLower(p[w - 1]), let kind = splitter.starters.lookup(p, q + 1, w), kind != 0 else { return nil }
            return q
        }
        guard end >= hi || C.spaceLength(p, end, hi) > 0 else { return nil }
        return end
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
        let closed = closers(from: j)
        if closed < hi && C.spaceLength(p, closed, hi) == 0 { return closed }
        let k = footnoteMarkEnd(after: closed) ?? closed
        let after = next(from: k)
        switch after.kind {
        case .end: return k
        case .continuing: return k
        case .lower:
            // "which bus goes there? the red one?": a new sentence unless the word carries the
            // sentence on, a closing mark stands between ("“Why?” she asked") or the word
            // before is a name with its own "!" ("Yahoo! in").
            guard closed == j, LowerCaseStartLexicon.continuationTable.lookup(p, after.wordStart, after.wordEnd) == nil,
                  !(j == i + 1 && p[i] == 0x21 && exclamationName(before: i) != nil) else { return k }
            return boundary(at: k)
        default:
            // A name with its own "!" ("Yahoo! Research") is looked up like an abbreviation.
            if j == i + 1 && k == j && p[i] == 0x21, let (kind, start) = exclamationName(before: i) {
                return endsSentence(.abbreviation(kind, word: true), after, tokenStart: start) ? boundary(at: k) : k
            }
            return boundary(at: k)
        }
    }

    /// The lexicon kind of the word ending in the "!" at `i` when the lexicon lists it with
    /// its "!" ("Yahoo!", "Jeopardy!"), and where the word starts.
    mutating func exclamationName(before i: Int) -> (AbbreviationKind, Int)? {
        let floor = max(lo, sentStart)
        var s = i
        while s > floor && i - s < WordTable.maxLength && C.isLetter(p[s - 1]) { s -= 1 }
        guard s < i, s == floor || !C.isLetter(p[s - 1]),
              let payload = splitter.abbreviations.lookup(p, s, i + 1) else { return nil }
        let raw = C.isUpper(p[s]) ? payload & 0x0F : payload >> 4
        return AbbreviationKind(rawValue: raw).map { ($0, s) }
    }

    /// CJK stops ("。", "！", "？") end a sentence with or without space after them.
    mutating func handleUnspacedStop(_ i: Int, _ length: Int) -> Int {
        // A full-width point between digits is a decimal point ("３．２９").
        if p[i + 2] == 0x8E && i + length < hi && C.letter(p, i + length, hi).0 == .digit {
            let before = i > lo && p[i - 1] < 0x80 ? i - 1 : i - 3
            if before >= lo && C.letter(p, before, i).0 == .digit { return i + length }
        }
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
        let c = p[i]
        if c == 0xE2 || c == 0xE3, i + 2 < hi, p[i + 1] == 0x80,
           p[i + 2] == 0x9C || p[i + 2] == 0x9E || (c == 0xE3 && (p[i + 2] == 0x8C || p[i + 2] == 0x8E)) {
            return handleQuote(i)
        }
        if c == 0xE2 {
            if C.isEllipsis(p, i, hi) { return handleDots(i) }
            let bullet = C.bulletLength(p, i, hi)
            if bullet > 0 {
                // A bullet after white space inside a sentence starts a new item.
                if i > sentStart && !isInsideQuotation(i) && C.spaceLength(p, before: i, sentStart) > 0 { return boundary(at: i) }
                return i + bullet
            }
        }
        if let (kind, n) = C.stop(p, i, hi) {
            return kind == .spaced ? handleBang(i) : handleUnspacedStop(i, n)
        }
        return i + 1
    }

}
