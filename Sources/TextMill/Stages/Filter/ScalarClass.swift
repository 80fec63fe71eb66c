/// What the filter's tokenizer and rules need to know about one character, as bit flags: a
/// table for ASCII, computed from Unicode properties and `EnglishWordLexicon` for the rest.
/// Two bytes: `ClassifiedText` keeps one for every character of a document.
struct ScalarClass: OptionSet, Sendable {
    let rawValue: UInt16

    /// White space (Python's `str.isspace`).
    static let space = ScalarClass(rawValue: 1 << 0)
    /// Split off the front of a word.
    static let prefix = ScalarClass(rawValue: 1 << 1)
    /// Split off the end of a word.
    static let suffix = ScalarClass(rawValue: 1 << 2)
    /// A quotation mark or bracket.
    static let quote = ScalarClass(rawValue: 1 << 3)
    /// A currency sign.
    static let currency = ScalarClass(rawValue: 1 << 4)
    /// A letter (general category L*, Python's `str.isalpha`).
    static let letter = ScalarClass(rawValue: 1 << 5)
    static let lower = ScalarClass(rawValue: 1 << 6)
    static let upper = ScalarClass(rawValue: 1 << 7)
    /// A decimal digit.
    static let digit = ScalarClass(rawValue: 1 << 8)
    /// Punctuation as datatrove counts it (a word of only these is a symbol, not a word).
    static let datatrovePunctuation = ScalarClass(rawValue: 1 << 9)
    /// General category P* (a token of only these is punctuation to the sentence counter).
    static let punctuationCategory = ScalarClass(rawValue: 1 << 10)
    /// Ends a sentence (Unicode Sentence_Terminal).
    static let sentenceEnd = ScalarClass(rawValue: 1 << 11)
    /// A pictograph or other symbol (So), split off anywhere.
    static let icon = ScalarClass(rawValue: 1 << 12)
    static let hyphen = ScalarClass(rawValue: 1 << 13)
    /// `:<>=/`, split between a letter or digit and a letter.
    static let joiner = ScalarClass(rawValue: 1 << 14)
    /// `+-*^`, split between digits.
    static let arithmetic = ScalarClass(rawValue: 1 << 15)
    /// Split off a word's end as punctuation, quote or a dash: the characters `suffix` has (both
    /// were always set together), one bit so that a class fits in two bytes.
    static let punctuationList = suffix

    /// The classes of every scalar of the Basic Multilingual Plane (U+0000–U+FFFF; none for
    /// surrogates), computed on first use: `ClassifiedText` reads them by index.
    static let basicPlane: [ScalarClass] = (0..<0x10000).map { v in Unicode.Scalar(UInt32(v)).map(compute) ?? [] }

    static func compute(_ c: Unicode.Scalar) -> ScalarClass {
        typealias L = EnglishWordLexicon
        var f: ScalarClass = []
        let p = c.properties
        if Characters.isSpace(c) { f.insert(.space) }
        let category = p.generalCategory
        switch category {
        case .uppercaseLetter: f.formUnion([.letter, .upper])
        case .lowercaseLetter: f.formUnion([.letter, .lower])
        case .titlecaseLetter, .modifierLetter, .otherLetter: f.insert(.letter)
        case .decimalNumber: f.insert(.digit)
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: f.insert(.punctuationCategory)
        case .otherSymbol: if c.value >= 0xA6 { f.insert(.icon) }
        default: break
        }
        if p.isSentenceTerminal { f.insert(.sentenceEnd) }
        if Characters.isPunctuation(c) { f.insert(.datatrovePunctuation) }
        if L.quotes.contains(c) { f.insert(.quote) }
        if L.currency.contains(c) { f.insert(.currency) }
        if L.hyphens.contains(c) { f.insert(.hyphen) }
        if L.joiners.contains(c) { f.insert(.joiner) }
        if L.arithmetic.contains(c) { f.insert(.arithmetic) }
        let listed = L.punctuation.contains(c) || L.quotes.contains(c) || f.contains(.icon)
        if listed || L.prefixOnly.contains(c) || f.contains(.currency) { f.insert(.prefix) }
        if listed || L.suffixOnly.contains(c) { f.insert(.suffix) }
        return f
    }
}
