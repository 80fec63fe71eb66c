/// Links that lead from a summary to the rest of its story ("Read more…", "Continue reading »",
/// `CleanupLexicon.readMoreLinks`). A block that ends in one is a teaser's summary: the story it
/// sums up is on another page.
struct ReadMoreLinks: Sendable {
    /// The phrases as lower-cased letters without spaces ("readmore").
    private let phrases: Set<[UInt8]>
    /// Letters of the longest phrase: how far back from a block's end to look.
    private let longest: Int

    /// Phrases one a line (`#` starts a comment), compared on lower-cased ASCII letters.
    init(parsing lines: String) {
        var phrases = Set<[UInt8]>()
        for line in lines.split(separator: "\n") {
            let letters = line.utf8.prefix { $0 != UInt8(ascii: "#") }.filter(Self.isLetter).map { $0 | 0x20 }
            if !letters.isEmpty { phrases.insert(letters) }
        }
        self.phrases = phrases
        longest = phrases.map(\.count).max() ?? 0
    }

    /// Marks a block may end with after the phrase ("...", " »", "]", an arrow): at most this many bytes.
    static let trailingMarks = 8
    /// Spaces between a phrase's words: at most this many.
    static let phraseSpaces = 3

    /// Whether `text[start..<end]` ends with one of the phrases, as whole words, followed only by
    /// marks, and the phrase lies inside the block's last link (`link`; a sentence of the block's
    /// own that ends "… read on." is no such link).
    func endsBlock(_ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int, link: Range<Int>) -> Bool {
        guard !link.isEmpty, link.lowerBound >= start, !phrases.isEmpty else { return false }
        var i = end - 1
        while i > start && !Self.isLetter(text[i]) && end - i <= Self.trailingMarks { i -= 1 }
        guard i < link.upperBound else { return false }
        var letters: [UInt8] = []
        var spaces = 0
        while i >= start && letters.count < longest {
            let c = text[i]
            if Self.isLetter(c) {
                letters.append(c | 0x20)
            } else if c == 0x20 && !letters.isEmpty {
                spaces += 1
                if spaces > Self.phraseSpaces { return false }
            } else {
                return false
            }
            i -= 1
            // A phrase starts where a word does.
            if Self.isLetter(c) && (i < start || !Self.isLetter(text[i])) {
                let phrase = Array(letters.reversed())
                if phrases.contains(phrase) { return i + 1 >= link.lowerBound }
            }
        }
        return false
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
}
