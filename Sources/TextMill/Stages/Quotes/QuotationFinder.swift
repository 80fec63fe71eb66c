/// A stretch of text inside quotation marks, found by `QuotationFinder`.
struct Quotation: Sendable {
    /// Token index of the opening mark, or -1 when the stretch starts at its paragraph's start
    /// without a mark (the second piece of a quotation whose writer left out the reopening mark).
    var open: Int
    /// Token index of the closing mark, or -1 when the stretch runs to its paragraph's end.
    var close: Int
    /// First token inside the marks and one past the last.
    var first: Int
    var last: Int
    var paragraph: Int
    /// The words inside the marks (without them), trimmed of white space.
    var inner: Span
    /// The previous and next pieces of a quotation that runs over several paragraphs.
    var previousPiece: Int? = nil
    var nextPiece: Int? = nil
    /// A paragraph with no marks, presented as a quotation ("According to X:" before it).
    var isBlock = false

    var isOpenEnded: Bool { close < 0 }
}

/// Pairs quotation marks inside each paragraph.
///
/// Every mark is read as able to open, close, or both, from its glyph and from what stands
/// on either side of it (white space, punctuation, letters), then marks are paired with a stack
/// per paragraph, so a stray mark never reaches past its paragraph. Single marks only pair when
/// they cannot be apostrophes. A paragraph that opens a quotation without closing it continues
/// in the next paragraph when that one opens with a mark again (or closes one it never opened).
struct QuotationFinder {
    let tokens: MeteredArray<Token>
    let text: UnsafeBufferPointer<UInt8>

    /// An opening mark not closed yet.
    struct OpenMark {
        var token: Int
        var family: MarkGlyph.Family
        var glyph: MarkGlyph
    }

    /// Top-level quotations of one paragraph (`tokens[from..<to]`), in order, in `found`, and
    /// the unclosed opener at the paragraph end (if any) and the first closer that had nothing
    /// to close. `found` and `stack` (the open marks) are arrays the caller keeps from one
    /// paragraph to the next (both are emptied first), so that a paragraph allocates nothing.
    func pair(from: Int, to: Int, paragraph: Int, into found: inout [Quotation], stack: inout [OpenMark]) -> (unclosed: Int?, strayCloser: Int?) {
        found.clear()
        stack.clear()
        // How many openers of each family the stack holds: whether one can be closed, without a
        // scan. A vector, so a paragraph allocates nothing for it.
        var open = SIMD8<Int32>()
        var strayCloser: Int?
        var i = from
        while i < to {
            let t = tokens[i]
            guard t.kind == .mark else { i += 1; continue }
            let role = self.role(i, from: from, to: to)
            let family = t.mark.family
            let topFamily = stack.last?.family
            var closes = false
            switch role {
            case .close: closes = true
            case .open: closes = false
            case .either: closes = open[family.rawValue] > 0
            case .neither: i += 1; continue
            }
            if closes {
                if family == .single || family == .singleGuillemet {
                    // A single mark closes only the innermost open quotation; otherwise it is an apostrophe.
                    if topFamily == family, let opener = stack.popLast() {
                        open[family.rawValue] -= 1
                        record(opener.token, i, depth: stack.count, paragraph: paragraph, into: &found)
                    }
                } else if open[family.rawValue] > 0, let k = stack.lastIndex(where: { $0.family == family }) {
                    // The openers above the one closed go with it: each is passed over once.
                    let opener = stack[k]
                    for dropped in stack[k...] { open[dropped.family.rawValue] -= 1 }
                    stack.removeSubrange(k...)
                    record(opener.token, i, depth: k, paragraph: paragraph, into: &found)
                } else if family == .double && stack.isEmpty && strayCloser == nil {
                    strayCloser = i
                }
            } else {
                stack.append(OpenMark(token: i, family: family, glyph: t.mark))
                open[family.rawValue] += 1
            }
            i += 1
        }
        let unclosed = stack.first { $0.family == .double || $0.family == .guillemet || $0.family == .corner }?.token
        return (unclosed, strayCloser)
    }

    private func record(_ open: Int, _ close: Int, depth: Int, paragraph: Int, into found: inout [Quotation]) {
        guard depth == 0, close > open + 1 else { return }
        let q = Quotation(open: open, close: close, first: open + 1, last: close, paragraph: paragraph,
                          inner: Span(Int(tokens[open + 1].start), Int(tokens[close - 1].end)))
        // A top-level quotation closes after any it contains: drop those nested ones.
        while let lastFound = found.last, lastFound.open > open { found.removeLast() }
        found.append(q)
    }

    enum Role { case open, close, either, neither }

    /// Whether the mark at `i` can open or close a quotation.
    func role(_ i: Int, from: Int, to: Int) -> Role {
        let t = tokens[i]
        let prev = i > from ? tokens[i - 1] : nil
        let next = i + 1 < to ? tokens[i + 1] : nil
        // Open side: white space, an opening bracket, a dash, another mark or the paragraph start before it.
        let leftBound = t.shape.contains(.spaceBefore) || prev == nil || prev!.kind == .openBracket
            || prev!.kind == .dash || prev!.kind == .mark || (prev!.kind == .punct && (prev!.punct == 0x2C || prev!.punct == 0x3A || prev!.punct == 0x2F))
        // Close side: white space, punctuation, a closing bracket, a dash, another mark or the end after it.
        let rightBound = t.shape.contains(.spaceAfter) || next == nil || next!.kind == .punct
            || next!.kind == .closeBracket || next!.kind == .dash || next!.kind == .mark
        let canOpen = leftBound && next != nil && !t.shape.contains(.spaceAfter)
        let canClose = rightBound && prev != nil && !t.shape.contains(.spaceBefore)
        switch t.mark {
        case .straightDouble, .doubleApostrophe:
            // 6'3" is a measure, not a mark.
            if t.mark == .straightDouble, let p = prev, p.kind == .number, !t.shape.contains(.spaceBefore) { return .neither }
            if canOpen && !canClose { return .open }
            if canClose && !canOpen { return .close }
            return .either
        case .leftDouble, .lowDouble, .doubleBacktick, .leftGuillemet, .leftCorner, .leftSingleGuillemet:
            if t.mark == .leftDouble && canClose && !canOpen { return .either }
            return .open
        case .rightDouble, .rightGuillemet, .rightCorner, .rightSingleGuillemet:
            if canOpen && !canClose { return .either }
            return .close
        case .leftSingle, .lowSingle:
            return canOpen && !startsElision(next) ? .open : .neither
        case .straightSingle, .rightSingle:
            if canClose && !canOpen { return .close }
            if canOpen && !canClose {
                // An opening single mark stands before a word, not before digits ('90s) or an elision ('em).
                return startsElision(next) ? .neither : .open
            }
            return .neither
        case .none:
            return .neither
        }
    }

    /// "'90s", "'em", "'til", "'n'": an apostrophe at a word start, not a mark.
    private func startsElision(_ next: Token?) -> Bool {
        guard let n = next else { return true }
        if n.kind == .number { return true }
        guard n.kind == .word else { return false }
        let len = n.end - n.start
        if len <= 1 { return true }
        if len <= 3 {
            let w = text[Int(n.start)] | 0x20
            let w2 = text[Int(n.start) + 1] | 0x20
            // em, til, cause, bout, tis, twas: short lower-case elisions.
            if n.shape.contains(.lowercase) && ((w == 0x65 && w2 == 0x6D) || (w == 0x74 && (w2 == 0x69 || w2 == 0x77))) { return true }
        }
        return false
    }
}
