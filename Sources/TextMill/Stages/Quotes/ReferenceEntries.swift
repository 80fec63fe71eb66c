/// Reference entries: a line of a bibliography or a list of sources, where the marks hold the
/// title of a work (`Jin Noda - "The Kazakh Khanates between the Russian and Qing Empires" (2016)`,
/// `Smith, J. "Title of paper." Journal 3 (2001)`), not anyone's words.
extension QuoteAnalysis {
    /// How far the reference shape is looked for around a quotation, in tokens.
    enum ReferenceReach {
        /// The author part before the opening mark ("Smith, J.", "1. Jin Noda -").
        static let before = 16
        /// The publication part after the closing mark ("Journal 3 (2001), pp. 5-9.").
        static let after = 24
    }

    /// The quotation is the title in a line shaped like a reference entry: from the paragraph
    /// start to the opening mark only names, initials, numbering and "and"/"et al." ending in a
    /// dash, comma, period or colon; the title starts with a capital; after the closing mark, to
    /// the paragraph end, a short stretch with a year (1500–2099) and no reporting verb.
    func isReferenceEntry(_ q: Quotation) -> Bool {
        guard q.open >= 0, q.close >= 0, startsCapitalized(q) else { return false }
        let para = paragraphTokens[q.paragraph]
        guard q.open > para.lowerBound, q.open - para.lowerBound <= ReferenceReach.before,
              para.upperBound - (q.close + 1) <= ReferenceReach.after else { return false }
        return isAuthorPart(para.lowerBound, q.open) && isPublicationPart(q.close + 1, para.upperBound)
    }

    /// Tokens `lo..<hi` are an author part: at least one capitalized word, every word
    /// capitalized or a function word ("and", "et", "al."), and the last token a dash, comma,
    /// period or colon (or an initial such as "J.").
    private func isAuthorPart(_ lo: Int, _ hi: Int) -> Bool {
        var names = 0
        for i in lo..<hi {
            let t = tokens[i]
            switch t.kind {
            case .word:
                if t.flags.contains(.cue) || t.flags.contains(.pronoun) { return false }
                if t.shape.contains(.capitalized) { names += 1 } else if !t.flags.contains(.function) { return false }
            case .number, .dash, .openBracket, .closeBracket: break
            case .punct:
                // Names are listed with commas and periods, never with a sentence of their own.
                if !(t.isComma || t.isPunct(0x2E) || t.isPunct(0x3A) || t.isPunct(0x26)) { return false }
            case .mark: return false
            }
        }
        let last = tokens[hi - 1]
        let endsAuthor = last.kind == .dash || last.isComma || last.isPunct(0x2E) || last.isPunct(0x3A)
            || (last.kind == .word && last.shape.contains(.abbreviation))
        return names > 0 && endsAuthor
    }

    /// Tokens `lo..<hi` are a publication part: a year among them and no reporting verb.
    private func isPublicationPart(_ lo: Int, _ hi: Int) -> Bool {
        var year = false
        for i in lo..<hi {
            let t = tokens[i]
            if t.kind == .word && t.flags.contains(.cue) { return false }
            if t.kind == .mark { return false }
            if t.kind == .number && isYear(t) { year = true }
        }
        return year
    }

    /// A four-digit number from 1500 to 2099.
    private func isYear(_ t: Token) -> Bool {
        let s = Int(t.start), e = Int(t.end)
        guard e - s == 4 else { return false }
        var value = 0
        for b in text[s..<e] {
            guard b >= 0x30 && b <= 0x39 else { return false }
            value = value * 10 + Int(b - 0x30)
        }
        return value >= 1500 && value <= 2099
    }
}
