/// Letter and e-mail closings: a line holding only one of these and a comma (`Sincerely,`
/// before the signature `Nadia` on the next line) ends its sentence, where any other line
/// ending in a comma goes on.
enum LetterClosingLexicon {
    /// Closings that also end their sentence when the signature follows on the same line
    /// (`Sincerely, Nadia` is `Sincerely,` | `Nadia`), at a sentence start: none is a way to
    /// open an ordinary sentence before a name (`Thanks, John, for…` is not here).
    static let beforeName: [String] = [
        "sincerely", "yours sincerely", "sincerely yours", "yours truly", "regards", "best regards",
        "kind regards", "kindest regards", "warm regards", "warmest regards", "best wishes", "respectfully",
        "cordially",
    ]

    /// Closings that end their sentence only at the end of their line.
    static let lineEndOnly: [String] = [
        "yours", "best", "all the best", "cheers", "thanks", "many thanks", "thanks again", "thank you", "love",
        "take care", "with thanks", "with love",
    ]

    /// Payload of `table` for a closing of `beforeName`.
    static let endsBeforeName: UInt8 = 2

    /// Every closing as a table, matched in any capitalisation (payload `endsBeforeName` or 1), built once.
    static let table = WordTable(lineEndOnly.map { (Array($0.utf8), 1) } + beforeName.map { (Array($0.utf8), endsBeforeName) })

    /// For each byte, whether a `beforeName` closing can start with it (`table` folds ASCII
    /// letters, so both cases of a first letter): a quick test before the lookup.
    static let beforeNameFirstBytes: [Bool] = {
        var starts = [Bool](repeating: false, count: 256)
        for word in beforeName {
            guard let first = word.utf8.first else { continue }
            let c = WordTable.fold(first)
            starts[Int(c)] = true
            if c &- 0x61 < 26 { starts[Int(c - 0x20)] = true }
        }
        return starts
    }()

    /// Longest closing of `beforeName`, in bytes.
    static let longestBeforeName = beforeName.map(\.utf8.count).max() ?? 0

    /// The tables above as one object, built once, that a splitter holds: the scanner asks it
    /// at every sentence start without the check a global constant costs at each use.
    static let matcher = Matcher()

    /// Where a closing may stand, answered from the tables of `LetterClosingLexicon`.
    final class Matcher: Sendable {
        /// Every closing (`LetterClosingLexicon.table`).
        let table = LetterClosingLexicon.table
        /// `beforeNameFirstBytes`.
        let firstBytes = LetterClosingLexicon.beforeNameFirstBytes
        /// `longestBeforeName`.
        let longestBeforeName = LetterClosingLexicon.longestBeforeName
        /// How many bytes of a word `prefixes` holds: three, or the shortest closing's length.
        let prefixLength: Int
        /// The first `prefixLength` bytes of each `beforeName` closing, folded, packed into a
        /// word (byte `k` in bits `8k…8k+7`): `sin`, `you`, `reg`, … A sentence that opens with
        /// one of the first letters but another prefix (`But`, `Russia`, `We`) is answered
        /// without looking for a comma.
        let prefixes: [UInt32]

        init() {
            let shortest = LetterClosingLexicon.beforeName.map(\.utf8.count).min() ?? 0
            prefixLength = min(3, shortest)
            var keys: [UInt32] = []
            for word in LetterClosingLexicon.beforeName {
                let key = Self.key(Array(word.utf8).map(WordTable.fold), count: min(3, shortest))
                if !keys.contains(key) { keys.append(key) }
            }
            prefixes = keys
        }

        static func key(_ folded: [UInt8], count: Int) -> UInt32 {
            var key: UInt32 = 0
            for k in 0..<count { key |= UInt32(folded[k]) << (8 * UInt32(k)) }
            return key
        }

        /// False when no `beforeName` closing can begin at `s` (before `hi`): its first byte is
        /// none of theirs, or its first `prefixLength` bytes, folded, none of `prefixes`.
        @inline(__always)
        func mayOpenBeforeName(_ p: UnsafePointer<UInt8>, _ s: Int, _ hi: Int) -> Bool {
            guard firstBytes[Int(p[s])], s + prefixLength <= hi else { return false }
            var key: UInt32 = 0
            for k in 0..<prefixLength { key |= UInt32(WordTable.fold(p[s + k])) << (8 * UInt32(k)) }
            return prefixes.contains(key)
        }
    }
}
