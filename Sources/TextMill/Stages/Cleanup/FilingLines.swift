/// The lines a blog writes under a post to file it ("This entry was posted on … and is filed
/// under …", "Posted in: News | comments", "Filed under: Pop", "Tags: …"): `CleanupLexicon.filingLines`
/// and `.filingLabels`. A block of the article after its first paragraph that starts with one of
/// these phrases goes (before the first paragraph such a line may be the article's header, glued
/// to its text). A label ("Tags", "Posted in") can also open a sentence of the article ("Tags
/// were fixed to 40 sharks.", "Posted in Berlin since 2019, the envoy …"): it files the post only
/// in a line that does not read as one, `labelLine`.
///
/// Compared on words: lower-cased ASCII letters and digits, any other bytes between them one
/// word break, and the phrase must end where a word ends ("Posted in" matches "Posted in: News"
/// but not "Posted inside").
struct FilingLines: Sendable {
    /// Each phrase as its words joined by one space, and whether it is a label (`labelLine`).
    private var phrases: [(words: [UInt8], label: Bool)] = []
    /// The longest phrase: only that many bytes of a block's words are ever compared.
    private var longest = 0

    init() {}

    /// Parses one phrase a line (`#` comments): `lines`, phrases that open only filing lines,
    /// and `labels`, phrases that file a post only in a line that does not read as a sentence.
    /// Throws on a line with no letters or digits.
    init(parsing lines: String, labels: String = "", origin: String) throws {
        for (text, label) in [(lines, false), (labels, true)] {
            for entry in LexiconText.entries(text) {
                let words = Self.words(entry.text.utf8, limit: Int.max)
                guard !words.isEmpty else {
                    throw StageSetupError("\(origin), line \(entry.line): the phrase has no letters or digits")
                }
                phrases.append((words, label))
                longest = max(longest, words.count)
            }
        }
    }

    /// A line a label files a post in: at most `labelSentenceWords` words, or not ending as a
    /// sentence or a paragraph of prose ends (`stops`, then closing quotes or brackets). "Tags:
    /// ferry, harbour" and "Filed under news." are labels; "Tags were fixed to the fins of 40
    /// sharks." is prose.
    static func labelLine<Bytes: Collection<UInt8>>(_ block: Bytes) -> Bool {
        var words = 0
        var inWord = false
        for c in block {
            let isSpace = c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D
            if !isSpace && !inWord { words += 1 }
            inWord = !isSpace
        }
        if words <= labelSentenceWords { return true }
        var end = Array(block)
        while let c = end.last, c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D { end.removeLast() }
        while let closer = closers.first(where: { end.count >= $0.count && end.suffix($0.count).elementsEqual($0) }) {
            end.removeLast(closer.count)
        }
        guard !end.isEmpty else { return true }
        return !stops.contains { end.count >= $0.count && end.suffix($0.count).elementsEqual($0) }
    }

    /// Words a label line may hold even when it ends with a stop ("Filed under news.").
    static let labelSentenceWords = 4
    /// The last marks of a sentence or of a paragraph of prose: . ! ? … and the colon that opens
    /// a list or a quotation below it ("Tagged onto the bill were three riders:").
    private static let stops: [[UInt8]] = [[0x2E], [0x21], [0x3F], [0x3A], [0xE2, 0x80, 0xA6]]
    /// Closing quotes and brackets that may follow a sentence's stop: " ' ) ] ” ’ ».
    private static let closers: [[UInt8]] = [[0x22], [0x27], [0x29], [0x5D], [0xE2, 0x80, 0x9D], [0xE2, 0x80, 0x99], [0xC2, 0xBB]]

    /// Whether a block of text starts with one of the phrases, ending at a word end.
    func starts<Bytes: Collection<UInt8>>(_ block: Bytes) -> Bool {
        guard !phrases.isEmpty else { return false }
        // One byte more than the longest phrase shows whether the phrase ends at a word end.
        let head = Self.words(block, limit: longest + 1)
        return phrases.contains { phrase in
            head.starts(with: phrase.words) && (head.count == phrase.words.count || head[phrase.words.count] == 0x20)
                && (!phrase.label || Self.labelLine(block))
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
