extension QuoteRules {
    /// `quoted-report`: reported speech that holds words in quotation marks the earlier rules
    /// left out as a term or label ("The harbor master said the lease was a so-called
    /// “sweetheart deal” for the builders", "Aides said Park had branded the plan “in homage
    /// to” the old port") quotes its speaker's words inside the reporter's clause: a `mixed`
    /// quotation of the quoted words, its content the reported clause, its speaker and cue the
    /// reported speech's. A name or title in marks (`title-fragment`, `work-title`: "said she had
    /// read “Harbor Years” twice") is nobody's words and leaves the reported speech indirect.
    public static let quotedReport = QuoteRule(name: "quoted-report", effect: .accepts,
        summary: "reported speech holding quoted words left out as a term or label: a mixed quotation of those words")
}

extension QuoteAnalysis {
    /// Turns each indirect quote of `found` whose content holds a quotation that is no quote of
    /// its own into a mixed quote of that quotation's words (one per such quotation, sharing the
    /// content), kept in text order.
    func addQuotedReports(_ found: inout [FoundQuote]) {
        guard found.contains(where: { $0.kind == .indirect }) else { return }
        // The quotations that are quotes of their own, by index (no hashing: a document has
        // few); the document's buffers'.
        var kept = QuoteBuffers.take(&buffers.quotationKept, filledWith: false, count: quotations.count)
        defer { buffers.quotationKept = kept }
        for f in found where f.quotation >= 0 && f.quotation < kept.count { kept[f.quotation] = true }
        // The quotes with the new mixed ones, made only once a first one is found (most
        // documents have none): the quotes before it are copied then.
        var out: [FoundQuote]? = nil
        for (n, f) in found.enumerated() {
            guard f.kind == .indirect else { out?.append(f); continue }
            var k = firstQuotation(startingAtOrAfter: f.span.start)
            var made = false
            while k < quotations.count, quotations[k].inner.start < f.span.end {
                let inner = quotations[k].inner
                // A name or title ("read “Harbor Years” twice") is no one's words, reported or not.
                if !kept[k] && inner.end > inner.start && !isTitle(quotations[k], lo: frameStart(k)) {
                    if out == nil {
                        out = []
                        out!.reserveCapacity(found.count + 1)
                        out!.append(contentsOf: found[..<n])
                    }
                    out!.append(FoundQuote(span: inner, kind: .mixed, speaker: f.speaker, cue: f.cue, content: f.span, quotation: k))
                    note(QuoteRules.quotedReport, inner, "content: " + spanText(f.span))
                    made = true
                }
                k += 1
            }
            if !made { out?.append(f) }
        }
        if let out {
            // Stable: quotes that start together keep their order.
            found = out.enumerated().sorted { ($0.element.span.start, $0.offset) < ($1.element.span.start, $1.offset) }.map(\.element)
        }
    }

    /// The index of the first quotation whose words start at or after byte `start` (binary search;
    /// quotations are in text order).
    private func firstQuotation(startingAtOrAfter start: Int) -> Int {
        var lo = 0, hi = quotations.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if quotations[mid].inner.start < start { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The text of byte span `s`, for trace notes.
    private func spanText(_ s: Span) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: text[s.start..<s.end]), as: UTF8.self)
    }
}
