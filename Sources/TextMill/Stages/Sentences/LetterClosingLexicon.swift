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
}
