/// The lines a blog writes under a post to file it ("This entry was posted on … and is filed
/// under …", "Posted in: News | comments", "Filed under: Pop", "Tags: …"): `CleanupLexicon.filingLines`.
/// A block of the article after its first paragraph that starts with one of these phrases goes
/// (before the first paragraph such a line may be the article's header, glued to its text).
///
/// Compared on words: lower-cased ASCII letters and digits, any other bytes between them one
/// word break, and the phrase must end where a word ends ("Posted in" matches "Posted in: News"
/// but not "Posted inside").
struct FilingLines: Sendable {
    /// Each phrase as its words joined by one space.
    private var phrases: [[UInt8]] = []
    /// The longest phrase: only that many bytes of a block's words are ever compared.
    private var longest = 0

    init() {}

    /// Parses one phrase a line (`#` comments). Throws on a line with no letters or digits.
    init(parsing text: String, origin: String) throws {
        for entry in LexiconText.entries(text) {
            let words = Self.words(entry.text.utf8, limit: Int.max)
            guard !words.isEmpty else {
                throw StageSetupError("\(origin), line \(entry.line): the phrase has no letters or digits")
            }
            phrases.append(words)
            longest = max(longest, words.count)
        }
    }

    /// Whether a block of text starts with one of the phrases, ending at a word end.
    func starts<Bytes: Collection<UInt8>>(_ block: Bytes) -> Bool {
        guard !phrases.isEmpty else { return false }
        // One byte more than the longest phrase shows whether the phrase ends at a word end.
        let head = Self.words(block, limit: longest + 1)
        return phrases.contains { phrase in
            head.starts(with: phrase) && (head.count == phrase.count || head[phrase.count] == 0x20)
        }
    }

    /// The words of `bytes`: lower-cased ASCII letters and digits, one space between words, at
    /// most `limit` bytes.
    static func words<Bytes: Collection<UInt8>>(_ bytes: Bytes, limit: Int) -> [UInt8] {
        var out: [UInt8] = []
        var pendingBreak = false
        for c in bytes {
            if out.count >= limit { break }
            let l = c | 0x20
            let isWordByte = (l >= 0x61 && l <= 0x7A) || (c >= 0x30 && c <= 0x39)
            guard isWordByte else { pendingBreak = !out.isEmpty; continue }
            if pendingBreak { out.append(0x20); pendingBreak = false; if out.count >= limit { break } }
            out.append(c >= 0x30 && c <= 0x39 ? c : l)
        }
        return out
    }
}
