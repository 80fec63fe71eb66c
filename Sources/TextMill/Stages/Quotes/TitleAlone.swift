extension QuoteRules {
    /// `title-alone`: a speaker that is only a title or an honorific ("…,” said Mr.", "said
    /// Sen.", where a story was cut after the title) names no one: it keeps its words but is
    /// unresolved, with no entity and no name. Before session 34 "Mr." and "Rep." were entities
    /// (208 and 116 quotes of the generated short news).
    public static let titleAlone = QuoteRule(name: "title-alone", effect: .attributes,
        summary: "a title or honorific alone (said Mr.) names no one: unresolved, no name")
}

extension QuoteAnalysis {
    /// Whether every word of tokens `first...last` is a title or an honorific (`titles`,
    /// `honorifics`), with punctuation between them only. Rule `title-alone`.
    func isTitleAlone(_ first: Int, _ last: Int) -> Bool {
        var words = 0
        for k in first...last {
            let t = tokens[k]
            if t.kind == .punct { continue }
            guard t.kind == .word, t.flags.contains(.title) || t.flags.contains(.honorific) else { return false }
            words += 1
        }
        return words > 0
    }
}
