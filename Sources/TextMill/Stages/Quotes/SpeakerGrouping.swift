import Foundation

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
        // Distinct keys in order of first appearance; each reference points at its key. A key
        // is its words as ids (`SpeakerWordIDs`), so no string is made per name.
        var vocabulary = SpeakerWordIDs(text: analysis.text)
        var keyIndex: [SpeakerKey: Int] = [:]
        var keys: [(words: [Int32], ref: Int, isPersonName: Bool)] = []
        var keyOf: [Int] = []
        keyOf.reserveCapacity(references.count)
        keyIndex.reserveCapacity(references.count)
        for (r, ref) in references.enumerated() {
            let key = SpeakerKey(isName: ref.isName, words: keyWords(ref, &vocabulary))
            if let k = keyIndex[key] { keyOf.append(k); continue }
            keyIndex[key] = keys.count
            keyOf.append(keys.count)
            keys.append((key.words, r, ref.isName && isPersonName(ref)))
        }
        // Each key's group: the key of the fuller name it belongs to, or itself. Fuller names
        // are looked up by the word they share (at most `candidatesPerWord` each), so the work
        // stays linear in the number of names however many share a word.
        var containing = [[Int]](repeating: [], count: vocabulary.count)
        // The last key each word was listed for, so a word twice in one name lists it once.
        var listedFor = [Int](repeating: -1, count: vocabulary.count)
        for (b, other) in keys.enumerated() where other.isPersonName && other.words.count > 1 {
            for w in other.words {
                let w = Int(w)
                guard listedFor[w] != b else { continue }
                listedFor[w] = b
                if containing[w].count < Self.candidatesPerWord { containing[w].append(b) }
            }
        }
        let keyRefs = keys.map(\.ref)
        var group = Array(keys.indices)
        for (k, key) in keys.enumerated() where references[key.ref].isName {
            var best = -1
            for b in containing[Int(key.words[0])] {
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
    /// ending) or a common phrase (its lower-case words without leading determiners), as ids.
    private func keyWords(_ ref: Reference, _ vocabulary: inout SpeakerWordIDs) -> [Int32] {
        var out: [Int32] = []
        var i = ref.first
        if !ref.isName { while i < ref.last && analysis.isDeterminer(i) { i += 1 } }
        while i <= ref.last {
            defer { i += 1 }
            let t = tokens[i]
            if ref.isName {
                guard analysis.isNameWord(i), !t.flags.contains(.honorific), !t.flags.contains(.title) || i == ref.last else { continue }
                out.append(vocabulary.id(Int(t.start), withoutPossessive(t), lowercased: false))
            } else if t.kind == .word || t.kind == .number {
                out.append(vocabulary.id(Int(t.start), Int(t.end), lowercased: true))
            }
        }
        if out.isEmpty {
            let t = tokens[ref.first]
            out.append(vocabulary.id(Int(t.start), Int(t.end), lowercased: true))
        }
        return out
    }

    /// Where token `t` ends without a possessive ending ("'s", "’s", any case).
    private func withoutPossessive(_ t: Token) -> Int {
        let end = Int(t.end)
        guard t.shape.contains(.possessive) else { return end }
        let text = analysis.text
        let length = end - Int(t.start)
        guard length >= 2, text[end - 1] | 0x20 == 0x73 else { return end }
        if text[end - 2] == 0x27 { return end - 2 }
        if length >= 4 && text[end - 4] == 0xE2 && text[end - 3] == 0x80 && text[end - 2] == 0x99 { return end - 4 }
        return end
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

    private func isSubsequence(_ a: [Int32], of b: [Int32]) -> Bool {
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
        let bytes = UnsafeBufferPointer(rebasing: analysis.text[span.start..<span.end])
        // ASCII without a carriage return, where every byte is one character: the runs of
        // other bytes joined by single spaces, made on bytes.
        if !bytes.contains(where: { $0 >= 0x80 || $0 == 0x0D }) { return Self.collapsingBlanks(bytes) }
        // Else by characters ("\r\n" is one, and no blank; a space with a combining mark is none).
        let raw = String(decoding: bytes, as: UTF8.self)
        return raw.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// ASCII text with its runs of spaces, tabs and line feeds as one space, none at either end.
    static func collapsingBlanks(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            var n = 0
            var blank = false
            for c in bytes {
                if c == 0x20 || c == 0x0A || c == 0x09 {
                    blank = n > 0
                    continue
                }
                if blank { out[n] = 0x20; n += 1; blank = false }
                out[n] = c
                n += 1
            }
            return n
        }
    }
}

/// A speaker key: whether it is a name, and its words as `SpeakerWordIDs` ids.
private struct SpeakerKey: Hashable {
    var isName: Bool
    var words: [Int32]
}

/// Dense ids for the words of one document's speaker keys, read from the text's bytes: two
/// words get one id when their texts are equal as strings (a lower-cased word: after Unicode
/// lower-casing). An ASCII word is compared by its bytes (lower-cased by ASCII); a word with
/// other bytes by its canonical (NFC) form, as `String` equality compares.
struct SpeakerWordIDs {
    let text: UnsafeBufferPointer<UInt8>
    /// Open addressing: per slot, id + 1 (0 for empty). Grows at half full.
    private var slots = [Int32](repeating: 0, count: 64)
    /// Per id: its hash and where its bytes are in `arena`.
    private var entries: [(hash: UInt64, start: Int, count: Int)] = []
    private var arena: [UInt8] = []
    /// The bytes of the word being looked up.
    private var scratch: [UInt8] = []

    init(text: UnsafeBufferPointer<UInt8>) { self.text = text }

    /// How many distinct words have ids.
    var count: Int { entries.count }

    /// The id of the word `text[start..<end]`, lower-cased when `lowercased`; a new id for a
    /// word not seen before.
    mutating func id(_ start: Int, _ end: Int, lowercased: Bool) -> Int32 {
        scratch.removeAll(keepingCapacity: true)
        var ascii = true
        for i in start..<end {
            let c = text[i]
            if c >= 0x80 { ascii = false; break }
            scratch.append(lowercased ? QuoteWordTable.fold(c) : c)
        }
        if !ascii {
            // Rare: Unicode lower-casing and the canonical form, as `String` compares.
            var word = String(decoding: UnsafeBufferPointer(rebasing: text[start..<end]), as: UTF8.self)
            if lowercased { word = word.lowercased() }
            scratch = Array(word.precomposedStringWithCanonicalMapping.utf8)
        }
        var h = QuoteWordTable.seed
        for c in scratch { h = QuoteWordTable.mix(h, c) }
        h = QuoteWordTable.finish(h, scratch.count)
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while slots[s] != 0 {
            let id = Int(slots[s]) - 1
            let e = entries[id]
            if e.hash == h && e.count == scratch.count && arena[e.start..<(e.start + e.count)].elementsEqual(scratch) {
                return Int32(id)
            }
            s = (s + 1) & mask
        }
        let id = Int32(entries.count)
        entries.append((h, arena.count, scratch.count))
        arena.append(contentsOf: scratch)
        slots[s] = id + 1
        if entries.count * 2 > slots.count { grow() }
        return id
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, e) in entries.enumerated() {
            var s = Int(truncatingIfNeeded: e.hash) & mask
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = Int32(id + 1)
        }
    }
}
