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
                throw StageSetupError("\(origin), line \(entry.line): expected 'line PHRASE' or 'prefix PHRASE' (e.g. 'line Reader comments'), got '\(entry.text)'")
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

    /// Lower-cased ASCII letters; other bytes (digits, punctuation, spaces) left out, non-ASCII kept.
    static func key(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for c in bytes {
            if c >= 0x80 { out.append(c); continue }
            let l = c | 0x20
            if l >= 0x61 && l <= 0x7A { out.append(l) }
        }
        return out
    }
}
