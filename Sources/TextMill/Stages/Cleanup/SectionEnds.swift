/// The lines that start a part of a page that is not the article (reader comments, teasers of
/// other stories): `CleanupLexicon.sectionEnds` plus the `section_ends` options. Compared on
/// lower-cased letters only, so punctuation, digits ("12 Comments") and spacing do not matter.
struct SectionEnds: Sendable {
    /// How an entry compares with a block.
    enum Match: String, Sendable {
        /// The whole block is the phrase.
        case line
        /// The block starts with the phrase.
        case prefix
    }

    private var lines: Set<[UInt8]> = []
    private var prefixes: [[UInt8]] = []

    /// Blocks longer than this (bytes) are never a section's label.
    static let maxLabel = 100

    init() {}

    /// Parses `KIND PHRASE` lines (`#` comments). Throws on a line with an unknown kind or no phrase.
    init(parsing text: String, origin: String) throws {
        try add(parsing: text, origin: origin)
    }

    mutating func add(parsing text: String, origin: String) throws {
        for entry in LexiconText.entries(text) {
            let fields = entry.fields
            guard fields.count >= 2, let kind = Match(rawValue: String(fields[0])) else {
                throw StageSetupError("\(origin), line \(entry.line): expected 'line PHRASE' or 'prefix PHRASE' (e.g. 'line Reader comments'), got \(MessageText.quoted(entry.text))")
            }
            let key = Self.key(Array(fields.dropFirst().joined(separator: " ").utf8)[...])
            guard !key.isEmpty else { throw StageSetupError("\(origin), line \(entry.line): the phrase has no letters") }
            switch kind {
            case .line: lines.insert(key)
            case .prefix: prefixes.append(key)
            }
        }
    }

    /// Whether a block of text is the label of a comments or related-stories section.
    func starts(_ block: ArraySlice<UInt8>) -> Bool {
        guard block.count <= Self.maxLabel else { return false }
        let key = Self.key(block)
        guard !key.isEmpty else { return false }
        if lines.contains(key) { return true }
        return prefixes.contains { key.starts(with: $0) }
    }

    /// Lower-cased ASCII letters; other bytes (digits, punctuation, spaces) left out, and so are
    /// the marks that decorate labels ("Comments »", "› Related stories", "▼ More news"):
    /// Latin-1 punctuation (U+00A0–U+00BF), general punctuation (U+2000–U+206F), arrows
    /// (U+2190–U+21FF) and geometric shapes (U+25A0–U+25FF). Other non-ASCII text is kept.
    static func key(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let c = bytes[i]
            if c >= 0x80 {
                let skip = decorationLength(bytes, i)
                if skip > 0 { i += skip; continue }
                out.append(c)
                i += 1
                continue
            }
            let l = c | 0x20
            if l >= 0x61 && l <= 0x7A { out.append(l) }
            i += 1
        }
        return out
    }

    /// Bytes of the decoration mark starting at `i` (see `key`), or 0 when none starts there.
    private static func decorationLength(_ bytes: ArraySlice<UInt8>, _ i: Int) -> Int {
        let c = bytes[i]
        guard i + 1 < bytes.endIndex else { return 0 }
        let c1 = bytes[i + 1]
        if c == 0xC2 && c1 >= 0xA0 && c1 <= 0xBF { return 2 }
        guard c == 0xE2, i + 2 < bytes.endIndex else { return 0 }
        switch c1 {
        case 0x80, 0x81, 0x86, 0x87, 0x96, 0x97: return 3
        default: return 0
        }
    }
}
