/// Block quotations that the markup marked (`<blockquote>` paragraphs, from `cleanup`).
extension QuoteAnalysis {
    /// A paragraph that was a block quotation in the page and has no quotation marks of its own
    /// is a direct quotation of the whole paragraph. Its speaker is the one an introduction
    /// ending in a colon named (`addBlockQuotations` attributes those), else the last speaker of
    /// up to `paragraphs` paragraphs before it, as for floating quotations.
    func addMarkedBlockQuotations(_ found: inout [FoundQuote], blockParagraphs: Set<Int>, paragraphs lookBack: Int) {
        guard !blockParagraphs.isEmpty else { return }
        var added = false
        // The quotes found so far are in text order; the furthest end among the first n of them
        // tells in one step whether any of them overlaps a paragraph.
        let before = found.count
        var reach: [Int] = []
        reach.reserveCapacity(before)
        for f in found { reach.append(max(reach.last ?? Int.min, f.span.end)) }
        for p in blockParagraphs.sorted() where p < paragraphTokens.count {
            let range = paragraphTokens[p]
            guard !range.isEmpty, !isHeadline(p) else { continue }
            let start = Int(tokens[range.lowerBound].start), end = Int(tokens[range.upperBound - 1].end)
            // Marks inside: the quotation (or the reporter's text around it) is already handled.
            if range.contains(where: { tokens[$0].kind == .mark }) { continue }
            // The quotes found before that start before the paragraph ends (those added here are
            // other paragraphs): none may reach into it.
            var lo = 0, hi = before
            while lo < hi { let mid = (lo + hi) / 2; if found[mid].span.start < end { lo = mid + 1 } else { hi = mid } }
            if lo > 0 && reach[lo - 1] > start { continue }
            var quote = FoundQuote(span: span(range.lowerBound, range.upperBound - 1), kind: .direct, speaker: nil,
                                   cue: nil, content: nil, quotation: -1)
            // The last speaker named shortly before, outside headlines: the block quotations
            // added here (latest first), then the quotes found before the paragraph (all end
            // before it, as none overlaps it), latest first.
            let addedHere = found.count - before
            for step in 0..<(addedHere + lo) {
                let m = step < addedHere ? found.count - 1 - step : lo - 1 - (step - addedHere)
                let mp = Int(tokenParagraph[tokenIndex(at: found[m].span.start)])
                if mp < p - lookBack { break }
                if isHeadline(mp) { continue }
                if let s = found[m].speaker {
                    quote.speaker = s
                    quote.inherited = true
                    break
                }
            }
            found.append(quote)
            added = true
        }
        if added { found.sort { $0.span.start < $1.span.start } }
    }

    /// The index of the paragraph of each span in `spans` that is exactly one of the paragraphs.
    func paragraphIndexes(of spans: [Span], paragraphs: [Span]) -> Set<Int> {
        // Most documents mark no block quotation: then nothing is sorted (a sort of an empty
        // array still cost about 200 instructions a document).
        guard !spans.isEmpty else { return [] }
        var out: Set<Int> = []
        var k = 0
        for s in spans.sorted() {
            while k < paragraphs.count && paragraphs[k].end <= s.start { k += 1 }
            if k < paragraphs.count && paragraphs[k].start < s.end { out.insert(k) }
        }
        return out
    }
}
