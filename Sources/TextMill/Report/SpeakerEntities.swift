/// Which speaker entity each quotation of a document is counted for in the chart of most quoted
/// speakers: the `name` the quotes stage gave the speaker (its entity's fullest name: "China's
/// envoy" and "Zhang" both stand for "Zhang Xiao" there) when it gave one; no one for a speaker
/// it marked `unresolved` ("we", "Most said"); else, for a speaker without those fields (an
/// output of an earlier version, a plugin's speaker, a document that speaks), its text with its
/// white space folded, where a bare one-word name ("Zhang", "Duarte") that is the first or last
/// word of exactly one longer name in the same document counts for that name ("Zhang Xiao",
/// "Ines Duarte") and a pronoun names no one. Until session 36 the chart read the text alone:
/// "the embassy", "The embassy" and "the embassy's Twitter account" were three bars, where the
/// record names one speaker, "Chinese Embassy", and "Most" or "Activists" left unresolved were
/// bars of their own.
enum SpeakerEntities {
    /// Speakers that name no one (compared in lower case).
    static let pronouns: Set<String> = ["i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "her", "them", "one", "who"]

    /// The entity of each speaker (a quotation's `speaker` object), in order; nil for one left
    /// unresolved.
    static func entities(ofSpeakers speakers: [JSONObject]) -> [String?] {
        var result = [String?](repeating: nil, count: speakers.count)
        var texts: [(at: Int, text: String)] = []
        for (n, speaker) in speakers.enumerated() {
            if speaker["unresolved"] == .bool(true) { continue }
            if let name = speaker["name"]?.stringValue, !name.isEmpty {
                result[n] = folded(name)
            } else if let text = speaker["text"]?.stringValue {
                texts.append((n, text))
            }
        }
        for (entity, place) in zip(entities(of: texts.map(\.text)), texts) { result[place.at] = entity }
        return result
    }

    /// A name with each run of white space one space.
    static func folded(_ name: String) -> String { name.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }

    /// The entity of each name, in order; nil for a pronoun.
    static func entities(of names: [String]) -> [String?] {
        let folded = names.map(folded)
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
