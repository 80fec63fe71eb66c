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
/// - A mention by role only ("China's envoy", "the ambassador") joins the one named person
///   whose title or apposition is that role (rule `same-role`, `joinMentionsByRole`).
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
        /// The word the phrase is about ("envoy" in "China's envoy"; a name's last word).
        var head: Int
        /// A name (capitalized words or a handle) rather than a common noun phrase.
        var isName: Bool
        /// Its title or apposition ("Ambassador"), inclusive, or -1.
        var roleFirst = -1
        var roleLast = -1
    }

    let analysis: QuoteAnalysis

    /// How many fuller names holding one word are considered for a shorter name.
    static let candidatesPerWord = 64

    private var tokens: MeteredArray<Token> { analysis.tokens }

    /// Sets `speaker.entity` on the quotes the references point at. `people` are person names
    /// found anywhere in the text (first and last token; `QuoteAnalysis.personNames`, read here
    /// when nil): a speaker's entity may take its full name from one of them ("Ambassador Zhang
    /// Xiao hit out …" makes "Zhang" one "Zhang Xiao"). They are read only when a speaker is a
    /// name: a common noun phrase ("the embassy") never groups with a name.
    func assign(_ written: [Reference], to quotes: inout [Quote], people known: [(first: Int, last: Int)]? = nil) {
        guard !written.isEmpty else { return }
        // The arrays below are the document's buffers' (`QuoteBuffers`), given back at the end.
        let buffers = analysis.buffers
        var speakerList = QuoteBuffers.take(&buffers.speakers)
        for r in written { speakerList.append(ownerSpeaking(through: r, quotes: quotes) ?? personInside(r, quotes: quotes) ?? commonNoun(r, quotes: quotes) ?? r) }
        // Both read by `reference` below as constants (a captured variable is checked for
        // exclusive access at every read, a call into the runtime).
        let speakers = speakerList
        let people = known ?? (speakers.contains(where: { $0.isName }) ? analysis.personNames() : [])
        // The speakers, then the people, as references.
        let referenceCount = speakers.count + people.count
        func reference(_ r: Int) -> Reference {
            if r < speakers.count { return speakers[r] }
            let p = people[r - speakers.count]
            return Reference(quote: -1, first: p.first, last: p.last, head: p.last, isName: true)
        }
        // Distinct keys in order of first appearance; each reference points at its key. A key
        // is a sequence of integers: -1 for a name or -2 for a common phrase, then its words as
        // ids, so no string is made per name.
        // Room for every word of every reference (at most a word a token, and the bytes of
        // its span), so a document's keys are made without growing an array.
        var tokenCount = 0, byteCount = 0
        for r in 0..<referenceCount {
            let ref = reference(r)
            guard ref.last >= ref.first else { continue }
            tokenCount += ref.last - ref.first + 1
            byteCount += Int(tokens.elements[ref.last].end) - Int(tokens.elements[ref.first].start)
        }
        var words = SequenceInterner.reused(&buffers.words, reserving: tokenCount + referenceCount, elements: byteCount)
        var keys = SequenceInterner.reused(&buffers.keys, reserving: referenceCount, elements: tokenCount + 2 * referenceCount)
        // The references' keys one after the other (each interned from where it starts), so
        // the array is not emptied a reference: a key is its kind and at most one word a token
        // of its reference, or one word for a reference of none.
        var key = QuoteBuffers.take(&buffers.key)
        key.reserveCapacity(tokenCount + 2 * referenceCount)
        // Per key: the reference first written with it, and whether it is a person's name.
        var keyRef = QuoteBuffers.take(&buffers.keyRef)
        keyRef.reserveCapacity(referenceCount)
        var keyIsPersonName = QuoteBuffers.take(&buffers.keyIsPersonName)
        keyIsPersonName.reserveCapacity(referenceCount)
        var keyOf = QuoteBuffers.take(&buffers.keyOf)
        keyOf.reserveCapacity(referenceCount)
        for r in 0..<referenceCount {
            let ref = reference(r)
            // A reference with the same tokens as one just before it (a pronoun's quotes resolved
            // to one name, a speaker's name found again among the people) has that one's key:
            // its words are not read and interned again.
            var same = r - 1
            while same >= 0 && r - same <= Self.sameSpanLookback {
                let other = reference(same)
                if other.first == ref.first && other.last == ref.last && other.isName == ref.isName { break }
                same -= 1
            }
            if same >= 0 && r - same <= Self.sameSpanLookback {
                keyOf.append(keyOf[same])
                continue
            }
            let keyStart = key.count
            // A common phrase of two name words or more ("the State Department" as a source of
            // `according-to`) is keyed as the name it is.
            key.append(ref.isName || isNameAsCommonPhrase(ref) ? -1 : -2)
            appendKeyWords(ref, to: &key, words: &words)
            let (k, isNew) = key.withUnsafeBufferPointer { keys.intern(UnsafeBufferPointer(rebasing: $0[keyStart...])) }
            keyOf.append(k)
            if isNew {
                keyRef.append(r)
                keyIsPersonName.append(ref.isName && isPersonName(ref))
            } else if ref.isName && isInCapitals(reference(keyRef[k])) && !isInCapitals(ref) {
                // A transcript's label ("JOHN SMITH") gives way to the name as written in the
                // text ("John Smith"), which names the entity.
                keyRef[k] = r
            }
        }
        // The words of key `k`: a range of `keys.arena`, without the leading kind.
        let arena = keys.arena
        func wordsOf(_ k: Int) -> Range<Int> {
            let all = keys.range(k)
            return (all.lowerBound + 1)..<all.upperBound
        }
        // Each key's group: the key of the fuller name it belongs to, or itself. Fuller names
        // are looked up by the word they share (at most `candidatesPerWord` each, in order of
        // first appearance), so the work stays linear in the number of names however many
        // share a word. The lists are one array: word `w`'s is `candidates[listStart[w]..<listEnd[w]]`.
        // Most documents name no person with two words or more: then no name is grouped into another.
        var group = QuoteBuffers.take(&buffers.group)
        group.append(contentsOf: 0..<keys.count)
        let hasFullerName = (0..<keys.count).contains { keyIsPersonName[$0] && wordsOf($0).count > 1 }
        // The lists' tables are taken only then.
        if hasFullerName {
            let wordCount = words.count
            var listedFor = QuoteBuffers.take(&buffers.listedFor, filledWith: -1, count: wordCount)
            // The fuller names (person names of two words or more) that list word `w`, each once.
            func forEachListing(_ body: (_ w: Int, _ b: Int) -> Void) {
                for b in 0..<keys.count where keyIsPersonName[b] && wordsOf(b).count > 1 {
                    for j in wordsOf(b) {
                        let w = Int(arena[j])
                        guard listedFor[w] != b else { continue }
                        listedFor[w] = b
                        body(w, b)
                    }
                }
            }
            var listLength = QuoteBuffers.take(&buffers.listLength, filledWith: 0, count: wordCount)
            forEachListing { w, _ in listLength[w] = min(listLength[w] + 1, Self.candidatesPerWord) }
            var listStart = QuoteBuffers.take(&buffers.listStart, filledWith: 0, count: wordCount)
            var total = 0
            for w in 0..<wordCount {
                listStart[w] = total
                total += listLength[w]
            }
            var candidates = QuoteBuffers.take(&buffers.candidates, filledWith: 0, count: total)
            var listEnd = QuoteBuffers.take(&buffers.listEnd)
            listEnd.append(contentsOf: listStart)
            listedFor.refill(-1, count: wordCount)
            forEachListing { w, b in
                if listEnd[w] - listStart[w] < listLength[w] { candidates[listEnd[w]] = b; listEnd[w] += 1 }
            }
            for k in 0..<keys.count where reference(keyRef[k]).isName {
                let kw = wordsOf(k)
                var best = -1
                for c in listStart[Int(arena[kw.lowerBound])]..<listEnd[Int(arena[kw.lowerBound])] {
                    let b = candidates[c]
                    let bw = wordsOf(b)
                    guard b != k, bw.count > kw.count,
                          kw.count > 1 || arena[kw.lowerBound] == arena[bw.lowerBound] || arena[kw.lowerBound] == arena[bw.upperBound - 1],
                          isSubsequence(arena[kw], of: arena[bw]) else { continue }
                    if best < 0 || bw.count > wordsOf(best).count
                        || bw.count == wordsOf(best).count && isNearer(b, than: best, to: k, keys: keyRef, reference: reference) {
                        best = b
                    }
                }
                if best >= 0 { group[k] = best }
            }
            buffers.listedFor = listedFor
            buffers.listLength = listLength
            buffers.listStart = listStart
            buffers.listEnd = listEnd
            buffers.candidates = candidates
        }
        // Follow chains ("Trump" → "Donald Trump" → "Donald J. Trump"): each step adds words, so
        // a chain is at most a name long.
        for k in group.indices {
            var g = group[k], steps = 0
            while group[g] != g && steps < group.count { g = group[g]; steps += 1 }
            group[k] = g
        }
        joinMentionsByRole(speakers, keyOf: keyOf, keyIsPersonName: keyIsPersonName, group: &group, quotes: quotes)
        joinOrganisationsByName(speakers, keyOf: keyOf, keyIsPersonName: keyIsPersonName, group: &group, quotes: quotes)
        joinShortNames(speakers, keyOf: keyOf, group: &group, quotes: quotes)
        // Per group: its entity id (0 before its first speaker); per entity id - 1: its name. (The
        // names are a new array a document: emptying a kept array of strings cost more.)
        var ids = QuoteBuffers.take(&buffers.ids, filledWith: 0, count: keys.count)
        var names: [String] = []
        names.reserveCapacity(keys.count)
        for (r, ref) in speakers.enumerated() {
            let g = group[keyOf[r]]
            if ids[g] == 0 {
                names.append(displayName(reference(keyRef[g])))
                ids[g] = names.count
            }
            quotes[ref.quote].speaker?.entity = SpeakerEntity(id: ids[g], name: names[ids[g] - 1])
        }
        buffers.speakers = speakers
        buffers.words = words
        buffers.keys = keys
        buffers.key = key
        buffers.keyRef = keyRef
        buffers.keyIsPersonName = keyIsPersonName
        buffers.keyOf = keyOf
        buffers.group = group
        buffers.ids = ids
    }

    /// How many references before a reference are searched for one with the same first and
    /// last token and kind, whose key (made of only those) is the reference's: bounded, so the
    /// search stays linear in the number of references.
    static let sameSpanLookback = 8

    /// `same-role`: a common noun phrase that names a person by role only ("China's envoy",
    /// "the ambassador", "the company's spokeswoman": a singular title or speaker noun as its
    /// last word, not opened by "a"/"an" or a number) is the named person whose title or
    /// apposition holds that role ("Ambassador Zhang Xiao", "Ana Ferreira, a spokeswoman for the
    /// port") within `roleReachParagraphs` paragraphs before or after it. Roles compare by
    /// `role_synonyms` (envoy ~ ambassador), else by the word. Only when exactly one named
    /// person there holds the role: with two ambassadors, "the ambassador" stays apart; and a
    /// president named far away in a page of several stories is not "the country's president".
    private func joinMentionsByRole(_ speakers: [Reference], keyOf: [Int], keyIsPersonName: [Bool], group: inout [Int], quotes: [Quote]) {
        // The mentions by role only, first: most documents have none, and then no table of
        // role holders is made.
        var roleOnly: [(reference: Int, role: Int64)] = []
        for (r, ref) in speakers.enumerated() where !ref.isName {
            guard ref.head == ref.last, let role = roleKey(ref.head), !analysis.isPlural(ref.head) else { continue }
            let first = tokens[ref.first]
            let k = analysis.lexicon.words
            guard first.kind == .word, first.word != k.a, first.word != k.an else { continue }
            roleOnly.append((r, role))
        }
        guard !roleOnly.isEmpty else { return }
        // Per role: the named people holding it (group, paragraph), at most `candidatesPerWord`.
        var holders: [Int64: [(group: Int, paragraph: Int)]] = [:]
        for (r, ref) in speakers.enumerated() where ref.isName {
            guard keyIsPersonName[keyOf[r]], ref.roleFirst >= 0, ref.roleLast >= ref.roleFirst else { continue }
            let holder = (group: group[keyOf[r]], paragraph: Int(analysis.tokenParagraph[ref.first]))
            var i = ref.roleFirst
            // The role's own words: up to its first linking word ("director at Human Rights Watch").
            while i <= ref.roleLast && i - ref.roleFirst < QuoteReach.nameWords {
                let t = tokens[i]
                if t.flags.contains(.nounLink) || t.flags.contains(.preposition) { break }
                if let role = roleKey(i), holders[role, default: []].count < Self.candidatesPerWord {
                    holders[role, default: []].append(holder)
                }
                i += 1
            }
        }
        for (r, role) in roleOnly {
            let k = keyOf[r]
            guard group[k] == k, let list = holders[role] else { continue }
            let ref = speakers[r]
            let paragraph = Int(analysis.tokenParagraph[ref.first])
            var found = -1
            for h in list where abs(h.paragraph - paragraph) <= Self.roleReachParagraphs && h.group != found {
                if found >= 0 { found = -2; break }
                found = h.group
            }
            guard found >= 0 else { continue }
            group[k] = found
            analysis.note(QuoteRules.sameRole, quotes[ref.quote].span, analysis.words(ref.first, ref.last))
        }
    }

    /// `owner-speaks`: "The embassy's Twitter account", "the Chinese Embassy's account" (a common
    /// phrase whose last word is an account, `account_nouns`, with a possessive before it) is
    /// its owner speaking: it is grouped by the owner's words ("embassy", "Chinese Embassy").
    private func ownerSpeaking(through ref: Reference, quotes: [Quote]) -> Reference? {
        guard !ref.isName, ref.head == ref.last, tokens[ref.last].flags.contains(.account) else { return nil }
        var p = ref.last - 1
        while p >= ref.first && !tokens[p].shape.contains(.possessive) { p -= 1 }
        guard p >= ref.first else { return nil }
        var first = ref.first
        while first < p && analysis.isDeterminer(first) { first += 1 }
        let isName = analysis.isNameWord(p)
        if isName { while first < p && !analysis.isNameWord(first) { first += 1 } }
        if ref.quote >= 0 { analysis.note(QuoteRules.ownerSpeaks, quotes[ref.quote].span, analysis.words(first, p)) }
        return Reference(quote: ref.quote, first: first, last: p, head: p, isName: isName)
    }

    /// `organisation-by-name`: "the embassy" (a determiner and one organisation noun) is the one
    /// named organisation of the document whose name ends with that noun ("the Chinese
    /// Embassy"); with two such names ("the Chinese Embassy", "the U.S. Embassy") it stays apart.
    private func joinOrganisationsByName(_ speakers: [Reference], keyOf: [Int], keyIsPersonName: [Bool], group: inout [Int], quotes: [Quote]) {
        var named: [Int32: Int] = [:]   // organisation word → group, or -1 when two groups end with it
        for (r, ref) in speakers.enumerated() where ref.isName && !keyIsPersonName[keyOf[r]] {
            let word = wordWithoutPossessive(ref.last)
            guard word >= 0 else { continue }
            let flags = analysis.lexicon.flags[Int(word)]
            guard flags.contains(.organisation), !flags.contains(.document) else { continue }
            let g = group[keyOf[r]]
            if let h = named[word], h != g { named[word] = -1 } else { named[word] = g }
        }
        guard !named.isEmpty else { return }
        for (r, ref) in speakers.enumerated() where !ref.isName && ref.last == ref.first + 1 && analysis.isDeterminer(ref.first) {
            let t = tokens[ref.last]
            let k = keyOf[r]
            guard group[k] == k, t.word >= 0, t.flags.contains(.organisation), let g = named[t.word], g >= 0 else { continue }
            group[k] = g
            analysis.note(QuoteRules.organisationByName, quotes[ref.quote].span, analysis.words(ref.first, ref.last))
        }
    }

    /// `organisation-by-name` too: "the Times" or "The Post" ("the" and one name word) is the one
    /// name of the document's speakers written with "the" before it that ends with that word ("The
    /// New York Times", "The Washington Post"); with two such names it stays apart. Until
    /// session 33 "the Times" was an entity of its own beside "The New York Times" (PolNeAR train:
    /// 5 documents). Names of people are not written with "the", so they never join this way.
    private func joinShortNames(_ speakers: [Reference], keyOf: [Int], group: inout [Int], quotes: [Quote]) {
        let the = analysis.lexicon.words.the
        func withThe(_ ref: Reference) -> Bool { ref.isName && ref.last > ref.first && tokens[ref.first].word == the }
        guard speakers.contains(where: { withThe($0) && $0.last == $0.first + 1 }) else { return }
        func lastWord(_ ref: Reference) -> String {
            let t = tokens[ref.last]
            return String(decoding: analysis.text[Int(t.start)..<withoutPossessive(t)], as: UTF8.self)
        }
        var named: [String: Int] = [:]   // last word → group of the longer names, or -1 when two
        for (r, ref) in speakers.enumerated() where withThe(ref) && ref.last > ref.first + 1 {
            let w = lastWord(ref), g = group[keyOf[r]]
            if let h = named[w], h != g { named[w] = -1 } else { named[w] = g }
        }
        guard !named.isEmpty else { return }
        for (r, ref) in speakers.enumerated() where withThe(ref) && ref.last == ref.first + 1 {
            let k = keyOf[r]
            guard group[k] == k, let g = named[lastWord(ref)], g >= 0, g != k else { continue }
            group[k] = g
            analysis.note(QuoteRules.organisationByName, quotes[ref.quote].span, analysis.words(ref.first, ref.last))
        }
    }

    /// The lexicon id of token `i` without a possessive ending ("Embassy's" → "embassy"), or -1.
    private func wordWithoutPossessive(_ i: Int) -> Int32 {
        let t = tokens[i]
        guard t.shape.contains(.possessive) else { return t.word }
        return analysis.lexicon.table.lookup(analysis.text, Int(t.start), withoutPossessive(t))
    }

    /// How many paragraphs apart a mention by role only and the named holder of the role may be.
    static let roleReachParagraphs = 2

    /// The role token `i` names, if it is a title or a speaker noun for a person: its line of
    /// `role_synonyms`, else its own word.
    private func roleKey(_ i: Int) -> Int64? {
        let t = tokens[i]
        guard t.kind == .word, t.word >= 0, t.flags.contains(.title) || t.flags.contains(.speakerNoun),
              !t.flags.contains(.organisation), !t.flags.contains(.honorific) else { return nil }
        if let line = analysis.lexicon.roleSynonyms[t.word] { return Int64(line) }
        return Int64(t.word) + (1 << 32)
    }

    /// Appends the ids of the words that identify a name (name words without honorifics,
    /// titles or a possessive ending) or a common phrase (its lower-case words without leading
    /// determiners).
    private func appendKeyWords(_ ref: Reference, to out: inout [Int32], words: inout SequenceInterner<UInt8>) {
        let before = out.count
        var i = ref.first
        if !ref.isName { while i < ref.last && analysis.isDeterminer(i) { i += 1 } }
        while i <= ref.last {
            defer { i += 1 }
            let t = tokens[i]
            if ref.isName {
                guard analysis.isNameWord(i), !t.flags.contains(.honorific), !t.flags.contains(.title) || i == ref.last else { continue }
                // Whatever the case: a transcript's label in capitals ("PENCE", "JOHN SMITH") is
                // the name written earlier ("Mike Pence", "John Smith").
                out.append(wordID(Int(t.start), withoutPossessive(t), lowercased: true, &words))
            } else if t.kind == .word || t.kind == .number {
                out.append(wordID(Int(t.start), withoutPossessive(t), lowercased: true, &words))
            }
        }
        if out.count == before {
            let t = tokens[ref.first]
            out.append(wordID(Int(t.start), Int(t.end), lowercased: true, &words))
        }
    }

    /// The id of the word `text[start..<end]` (lower-cased when `lowercased`): two words get
    /// one id when their texts are equal as strings, a typographic apostrophe (’) read as "'". An ASCII word is its bytes (lower-cased by
    /// ASCII); a word with other bytes is its canonical (NFC) form after Unicode lower-casing,
    /// as `String` equality compares.
    private func wordID(_ start: Int, _ end: Int, lowercased: Bool, _ words: inout SequenceInterner<UInt8>) -> Int32 {
        let bytes = UnsafeBufferPointer(rebasing: analysis.text[start..<end])
        if !bytes.contains(where: { $0 >= 0x80 }) {
            if !lowercased { return Int32(words.intern(bytes).id) }
            // Lower-cased in a temporary buffer (on the stack for a word), not appended byte by
            // byte to an array.
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { lower in
                for k in bytes.indices { lower[k] = QuoteWordTable.fold(bytes[k]) }
                return Int32(words.intern(UnsafeBufferPointer(lower)).id)
            }
        }
        var word = String(decoding: bytes, as: UTF8.self)
        if lowercased { word = word.lowercased() }
        // A typographic apostrophe is the typewriter one: "O’Neill" is "O'Neill".
        if word.unicodeScalars.contains("\u{2019}") {
            word = String(String.UnicodeScalarView(word.unicodeScalars.map { $0 == "\u{2019}" ? "'" : $0 }))
        }
        // Most such words are in NFC already ("Ramírez", "O’Brien"): their bytes are their
        // canonical form, without Foundation's normalization (through an `NSString`: about
        // 8,000 instructions a word, and 500,000 the first time in a process).
        let canonical = Self.isInNFCAsWritten(word) ? Array(word.utf8) : Array(word.precomposedStringWithCanonicalMapping.utf8)
        return canonical.withUnsafeBufferPointer { Int32(words.intern($0).id) }
    }

    /// True when `word` is in NFC whatever its scalars are next to: each is below U+0300 (ASCII,
    /// Latin-1 and Latin Extended letters, accents precomposed) or general punctuation from
    /// U+2002 to U+206F (’ – “ …), scalars with no canonical decomposition and combining class 0
    /// that never end a composed pair. False does not mean it is not in NFC, only that it must be
    /// normalized to know (`QuoteGroupingNFCTests` compares every such scalar with Foundation's
    /// normalization).
    static func isInNFCAsWritten(_ word: String) -> Bool {
        word.unicodeScalars.allSatisfy { $0.value < 0x300 || (0x2002...0x206F).contains($0.value) }
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

    /// A common noun phrase whose words after its determiners are two name words or more
    /// ("the State Department"): the same entity as the name written as one.
    private func isNameAsCommonPhrase(_ ref: Reference) -> Bool {
        guard !ref.isName else { return false }
        var i = ref.first
        while i < ref.last && analysis.isDeterminer(i) { i += 1 }
        guard ref.last > i else { return false }
        for k in i...ref.last where !analysis.isNameWord(k) { return false }
        return true
    }

    /// A name written in capitals: a word of two or more capitals ("PENCE", "MS."), and no
    /// word of more than two letters that has lower-case ones ("JOHN Q. SMITH", not "John SMITH").
    private func isInCapitals(_ ref: Reference) -> Bool {
        var capitals = false
        for i in ref.first...ref.last where tokens[i].kind == .word {
            let t = tokens[i]
            if t.shape.contains(.allCaps) { capitals = true } else if t.end - t.start > 2 { return false }
        }
        return capitals
    }

    /// A name that can be grouped into: name words and honorifics only, no possessive inside,
    /// not ending in an organisation word.
    private func isPersonName(_ ref: Reference) -> Bool {
        let last = wordWithoutPossessive(ref.last)
        guard !tokens[ref.last].flags.contains(.organisation), last < 0 || !analysis.lexicon.flags[Int(last)].contains(.organisation) else { return false }
        for i in ref.first...ref.last {
            let t = tokens[i]
            if i < ref.last && t.shape.contains(.possessive) { return false }
            if !analysis.isNameWord(i) && !t.flags.contains(.honorific) { return false }
        }
        return true
    }

    private func isSubsequence(_ a: ArraySlice<Int32>, of b: ArraySlice<Int32>) -> Bool {
        var j = a.startIndex
        for w in b where j < a.endIndex && w == a[j] { j += 1 }
        return j == a.endIndex
    }

    /// True when key `a` was first written nearer before key `k` than key `b` was (a key
    /// written only after `k` is farther than any before it).
    private func isNearer(_ a: Int, than b: Int, to k: Int, keys: [Int], reference: (Int) -> Reference) -> Bool {
        let at = reference(keys[k]).first
        let pa = reference(keys[a]).first, pb = reference(keys[b]).first
        if (pa < at) != (pb < at) { return pa < at }
        return pa < at ? pa > pb : pa < pb
    }

    /// `common-noun-as-name`: name `ref` as the common phrase it is ("Police" opening its
    /// sentence is "police"), or nil.
    private func commonNoun(_ ref: Reference, quotes: [Quote]) -> Reference? {
        guard ref.isName, analysis.isCommonNounAsName(ref.first, ref.last) else { return nil }
        if ref.quote >= 0 { analysis.note(QuoteRules.commonNounAsName, quotes[ref.quote].span, analysis.words(ref.first, ref.last)) }
        var common = ref
        common.isName = false
        return common
    }

    /// The name of a group whose first mention is `ref`: its words as written (`writtenName`), a
    /// common noun capitalized at its sentence's start in lower case (`common-noun-as-name`).
    private func displayName(_ ref: Reference) -> String {
        let name = writtenName(ref)
        return !ref.isName && analysis.isCommonNounAsName(ref.first, ref.last) ? name.lowercased() : name
    }

    /// The text of the reference without a leading article, white space runs as one space.
    private func writtenName(_ ref: Reference) -> String {
        var first = ref.first
        let k = analysis.lexicon.words
        // Three tests, not a search of an array of the three (an array made and freed a name).
        while first < ref.last, analysis.isWord(first, k.the) || analysis.isWord(first, k.a) || analysis.isWord(first, k.an) { first += 1 }
        let span = analysis.span(first, ref.last)
        // An owner speaking through its account is named without the possessive ("embassy").
        let end = ref.head == ref.last && tokens[ref.last].shape.contains(.possessive) ? withoutPossessive(tokens[ref.last]) : span.end
        let bytes = UnsafeBufferPointer(rebasing: analysis.text[span.start..<end])
        // ASCII without a carriage return, where every byte is one character: the runs of
        // other bytes joined by single spaces, made on bytes.
        if !bytes.contains(where: { $0 >= 0x80 || $0 == 0x0D }) { return Self.collapsingBlanks(bytes) }
        // Else by characters ("\r\n" is one, and no blank; a space with a combining mark is none).
        let raw = String(decoding: bytes, as: UTF8.self)
        // The parts appended one by one: the library's `joined(separator:)` is not specialized
        // for them (a generic call that looks their types up at run time: about 260,000
        // instructions the first time in a process, 2,600 a name after).
        var name = ""
        for part in raw.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) {
            if !name.isEmpty { name.append(" ") }
            name.append(contentsOf: part)
        }
        return name
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
