/// Block quotations that the markup marked (`<blockquote>` paragraphs, from `cleanup`).
extension QuoteAnalysis {
    /// A paragraph that was a block quotation in the page and has no quotation marks of its own
    /// is a direct quotation of the whole paragraph. Its speaker is the one an introduction
    /// ending in a colon named (`addBlockQuotations` attributes those), else the last speaker of
    /// up to `paragraphs` paragraphs before it, as for floating quotations.
    func addMarkedBlockQuotations(_ found: inout [FoundQuote], blockParagraphs: Set<Int>, paragraphs lookBack: Int) {
        guard !blockParagraphs.isEmpty else { return }
        var added = false
        for p in blockParagraphs.sorted() where p < paragraphTokens.count {
            let range = paragraphTokens[p]
            guard !range.isEmpty, !isHeadline(p) else { continue }
            let start = Int(tokens[range.lowerBound].start), end = Int(tokens[range.upperBound - 1].end)
            // Marks inside: the quotation (or the reporter's text around it) is already handled.
            if range.contains(where: { tokens[$0].kind == .mark }) { continue }
            if found.contains(where: { $0.span.start < end && $0.span.end > start }) { continue }
            var quote = FoundQuote(span: span(range.lowerBound, range.upperBound - 1), kind: .direct, speaker: nil,
                                   cue: nil, content: nil, quotation: -1)
            // The last speaker named shortly before, outside headlines.
            for m in found.indices.reversed() where found[m].span.end <= start {
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
        var out: Set<Int> = []
        var k = 0
        for s in spans.sorted() {
            while k < paragraphs.count && paragraphs[k].end <= s.start { k += 1 }
            if k < paragraphs.count && paragraphs[k].start < s.end { out.insert(k) }
        }
        return out
    }
}
