/// Which speaker entity each quotation of a document is counted for in the chart of most quoted
/// speakers: the name with its white space folded; a bare one-word name ("Zhang", "Duarte") that
/// is the first or last word of exactly one longer name in the same document counts for that
/// name ("Zhang Xiao", "Ines Duarte"); a pronoun the quotes stage left unresolved names no one.
enum SpeakerEntities {
    /// Speakers that name no one (compared in lower case).
    static let pronouns: Set<String> = ["i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them", "one", "who"]

    /// The entity of each name, in order; nil for a pronoun.
    static func entities(of names: [String]) -> [String?] {
        let folded = names.map { $0.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }
        let longer = Set(folded.filter { $0.contains(" ") })
        return folded.map { name -> String? in
            if name.isEmpty || pronouns.contains(name.lowercased()) { return nil }
            guard !name.contains(" ") else { return name }
            let matches = longer.filter { full in
                let words = full.split(separator: " ")
                return words.first.map(String.init) == name || words.last.map(String.init) == name
            }
            return matches.count == 1 ? matches.first! : name
        }
    }
}
