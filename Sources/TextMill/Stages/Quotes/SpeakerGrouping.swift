/// Groups a document's speakers into entities, so that all mentions of one person or
/// organisation share an id and one name ("Zhang" and "Zhang Xiao" are one entity named
/// "Zhang Xiao"), and `GROUP BY name` counts people, not spellings.
///
/// - A name groups with a fuller name that holds all its words in order, when the fuller name
///   is a person's (name words only, no possessive, no lower-case connector, not an
///   organisation): a one-word name only with the fuller name's first or last word ("Zhang" →
///   "Zhang Xiao", "Bapi" → "Ermurat Bapi", not "Kazakhstan" → "Kazakhstan’s Interior Ministry").
///   Of several fuller names, the longest wins, then the nearest one before the mention.
/// - A common noun phrase ("the embassy", "officials") groups with the same words, whatever
///   their case.
/// - The entity's name is its fullest mention (most words, then the first written), without a
///   leading article and with white space runs as one space. Ids count from 1 in order of first
///   appearance.
struct SpeakerGrouping {
    /// One named speaker: the tokens of the name it stands for (after resolution).
    struct Reference {
        /// The index of its quote in the stage's output.
        var quote: Int
        var first: Int
        var last: Int
        /// A name (capitalized words or a handle) rather than a common noun phrase.
        var isName: Bool
    }

    let analysis: QuoteAnalysis

    /// How many fuller names holding one word are considered for a shorter name.
    static let candidatesPerWord = 64

    private var tokens: MeteredArray<Token> { analysis.tokens }

    /// Sets `speaker.entity` on the quotes the references point at. `people` are person names
    /// found anywhere in the text (first and last token): a speaker's entity may take its full
    /// name from one of them ("Ambassador Zhang Xiao hit out …" makes "Zhang" one "Zhang Xiao").
    func assign(_ speakers: [Reference], to quotes: inout [Quote], people: [(first: Int, last: Int)] = []) {
        guard !speakers.isEmpty else { return }
        let references = speakers + people.map { Reference(quote: -1, first: $0.first, last: $0.last, isName: true) }
        // Distinct keys in order of first appearance; each reference points at its key.
        var keyIndex: [String: Int] = [:]
        var keys: [(words: [String], ref: Int, isPersonName: Bool)] = []
        var keyOf: [Int] = []
        keyOf.reserveCapacity(references.count)
        for (r, ref) in references.enumerated() {
            let words = keyWords(ref)
            let key = (ref.isName ? "N " : "C ") + words.joined(separator: " ")
            if let k = keyIndex[key] { keyOf.append(k); continue }
            keyIndex[key] = keys.count
            keyOf.append(keys.count)
            keys.append((words, r, ref.isName && isPersonName(ref)))
        }
        // Each key's group: the key of the fuller name it belongs to, or itself. Fuller names
        // are looked up by the word they share (at most `candidatesPerWord` each), so the work
        // stays linear in the number of names however many share a word.
        var containing: [String: [Int]] = [:]
        for (b, other) in keys.enumerated() where other.isPersonName && other.words.count > 1 {
            for w in Set(other.words) where containing[w, default: []].count < Self.candidatesPerWord { containing[w, default: []].append(b) }
        }
        let keyRefs = keys.map(\.ref)
        var group = Array(keys.indices)
        for (k, key) in keys.enumerated() where references[key.ref].isName {
            var best = -1
            for b in containing[key.words[0]] ?? [] {
                let other = keys[b]
                guard b != k, other.words.count > key.words.count,
                      key.words.count > 1 || key.words[0] == other.words[0] || key.words[0] == other.words[other.words.count - 1],
                      isSubsequence(key.words, of: other.words) else { continue }
                if best < 0 || other.words.count > keys[best].words.count
                    || other.words.count == keys[best].words.count && isNearer(b, than: best, to: k, keys: keyRefs, references: references) {
                    best = b
                }
            }
            if best >= 0 { group[k] = best }
        }
        // Follow chains ("Trump" → "Donald Trump" → "Donald J. Trump"): each step adds words, so
        // a chain is at most a name long.
        for k in group.indices {
            var g = group[k], steps = 0
            while group[g] != g && steps < group.count { g = group[g]; steps += 1 }
            group[k] = g
        }
        var ids: [Int: Int] = [:]
        var names: [Int: String] = [:]
        for (r, ref) in speakers.enumerated() {
            let g = group[keyOf[r]]
            let id: Int
            if let known = ids[g] { id = known } else { id = ids.count + 1; ids[g] = id }
            let name = names[g] ?? displayName(references[keys[g].ref])
            names[g] = name
            quotes[ref.quote].speaker?.entity = SpeakerEntity(id: id, name: name)
        }
    }

    /// The words that identify a name (name words without honorifics, titles or a possessive
    /// ending) or a common phrase (its lower-case words without leading determiners).
    private func keyWords(_ ref: Reference) -> [String] {
        var out: [String] = []
        var i = ref.first
        if !ref.isName { while i < ref.last && analysis.isDeterminer(i) { i += 1 } }
        while i <= ref.last {
            defer { i += 1 }
            let t = tokens[i]
            if ref.isName {
                guard analysis.isNameWord(i), !t.flags.contains(.honorific), !t.flags.contains(.title) || i == ref.last else { continue }
                out.append(withoutPossessive(i))
            } else if t.kind == .word || t.kind == .number {
                out.append(analysis.word(i).lowercased())
            }
        }
        return out.isEmpty ? [analysis.word(ref.first).lowercased()] : out
    }

    private func withoutPossessive(_ i: Int) -> String {
        let w = analysis.word(i)
        guard tokens[i].shape.contains(.possessive) else { return w }
        for ending in ["'s", "\u{2019}s", "'S", "\u{2019}S"] where w.hasSuffix(ending) { return String(w.dropLast(ending.count)) }
        return w
    }

    /// A name that can be grouped into: name words and honorifics only, no possessive inside,
    /// not ending in an organisation word.
    private func isPersonName(_ ref: Reference) -> Bool {
        guard !tokens[ref.last].flags.contains(.organisation) else { return false }
        for i in ref.first...ref.last {
            let t = tokens[i]
            if i < ref.last && t.shape.contains(.possessive) { return false }
            if !analysis.isNameWord(i) && !t.flags.contains(.honorific) { return false }
        }
        return true
    }

    private func isSubsequence(_ a: [String], of b: [String]) -> Bool {
        var j = 0
        for w in b where j < a.count && w == a[j] { j += 1 }
        return j == a.count
    }

    /// True when key `a` was first written nearer before key `k` than key `b` was (a key
    /// written only after `k` is farther than any before it).
    private func isNearer(_ a: Int, than b: Int, to k: Int, keys: [Int], references: [Reference]) -> Bool {
        let at = references[keys[k]].first
        let pa = references[keys[a]].first, pb = references[keys[b]].first
        if (pa < at) != (pb < at) { return pa < at }
        return pa < at ? pa > pb : pa < pb
    }

    /// The text of the reference without a leading article, white space runs as one space.
    private func displayName(_ ref: Reference) -> String {
        var first = ref.first
        let k = analysis.lexicon.words
        while first < ref.last, [k.the, k.a, k.an].contains(where: { analysis.isWord(first, $0) }) { first += 1 }
        let span = analysis.span(first, ref.last)
        let raw = String(decoding: UnsafeBufferPointer(rebasing: analysis.text[span.start..<span.end]), as: UTF8.self)
        return raw.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }
}
