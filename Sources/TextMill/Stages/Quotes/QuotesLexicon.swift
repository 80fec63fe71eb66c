import Foundation

/// What the `quotes` stage knows about a word: the lists it is on.
struct WordFlags: OptionSet, Sendable {
    let rawValue: UInt64

    /// A form of a reporting verb ("said").
    static let cue = WordFlags(rawValue: 1 << 0)
    /// The verb reports belief or intention, not an utterance (indirect speech only).
    static let thought = WordFlags(rawValue: 1 << 1)
    /// The verb takes a hearer before the content ("told reporters that").
    static let takesObject = WordFlags(rawValue: 1 << 2)
    /// This form is also a common noun ("reports").
    static let nounForm = WordFlags(rawValue: 1 << 3)
    /// The verb never comes before its subject.
    static let noInvert = WordFlags(rawValue: 1 << 4)
    /// The -ing form ("saying").
    static let ingForm = WordFlags(rawValue: 1 << 5)
    /// The base form ("say"), only a cue after an auxiliary or "to".
    static let baseForm = WordFlags(rawValue: 1 << 6)
    /// The verb counts only with a particle after it ("pointed out").
    static let needsParticle = WordFlags(rawValue: 1 << 7)
    /// A past participle that is not also the simple past ("written", "known").
    static let participle = WordFlags(rawValue: 1 << 8)
    /// The past form ("said").
    static let pastForm = WordFlags(rawValue: 1 << 9)
    /// A noun phrase after the verb is the content ("denied the allegations").
    static let objectIsContent = WordFlags(rawValue: 1 << 10)
    /// The verb reports no content of its own ("spoke at a rally").
    static let intransitive = WordFlags(rawValue: 1 << 11)

    static let speakerNoun = WordFlags(rawValue: 1 << 12)
    static let title = WordFlags(rawValue: 1 << 13)
    static let honorific = WordFlags(rawValue: 1 << 14)
    static let namingVerb = WordFlags(rawValue: 1 << 15)
    static let workNoun = WordFlags(rawValue: 1 << 16)
    static let function = WordFlags(rawValue: 1 << 17)
    static let filler = WordFlags(rawValue: 1 << 18)
    static let time = WordFlags(rawValue: 1 << 19)
    static let pronoun = WordFlags(rawValue: 1 << 20)
    static let male = WordFlags(rawValue: 1 << 21)
    static let female = WordFlags(rawValue: 1 << 22)
    static let plural = WordFlags(rawValue: 1 << 23)
    static let thing = WordFlags(rawValue: 1 << 24)
    static let selfReference = WordFlags(rawValue: 1 << 25)
    static let relative = WordFlags(rawValue: 1 << 26)
    static let maleName = WordFlags(rawValue: 1 << 27)
    static let femaleName = WordFlags(rawValue: 1 << 28)
    /// First word of a source phrase ("according").
    static let sourcePhraseStart = WordFlags(rawValue: 1 << 29)
    /// First word of a label phrase ("so-called", "known").
    static let labelPhraseStart = WordFlags(rawValue: 1 << 30)
    static let determiner = WordFlags(rawValue: 1 << 31)
    /// A preposition that ties a speaker noun to its complement ("spokesman for …").
    static let nounLink = WordFlags(rawValue: 1 << 32)
    static let nameConnector = WordFlags(rawValue: 1 << 33)
    /// Opens reported content ("that", "whether").
    static let contentOpener = WordFlags(rawValue: 1 << 34)
    static let preposition = WordFlags(rawValue: 1 << 35)
    /// A body, publication or document ("embassy", "indictment"); also a speaker noun.
    static let organisation = WordFlags(rawValue: 1 << 36)
    /// A noun of saying that takes a that-clause ("claim", "statement").
    static let speechNoun = WordFlags(rawValue: 1 << 37)
    static let auxiliary = WordFlags(rawValue: 1 << 38)
    /// A relative pronoun that stands only for a person ("who", "whom").
    static let personal = WordFlags(rawValue: 1 << 39)
    /// A thing that cannot speak ("door", "reactions"): a common phrase with this head is no speaker.
    static let inanimate = WordFlags(rawValue: 1 << 40)
    /// A past participle not in -ed or -en ("seen", "sent", "said").
    static let irregularParticiple = WordFlags(rawValue: 1 << 41)
    /// A pronoun contracted with its auxiliary ("he’s", "they're"): `pronouns` `@contracted`.
    static let contracted = WordFlags(rawValue: 1 << 42)
    /// After a comma, opens the writer's own clause, which ends reported content ("while", "although").
    static let contentCloser = WordFlags(rawValue: 1 << 43)
    /// The verb reports a clause and nothing else: what follows it is its message (`@clause`, rule `bare-complement`).
    static let clauseFollows = WordFlags(rawValue: 1 << 44)
    /// A document or other text ("indictment", "report", "reply"): it speaks, but is no person
    /// or organisation (`document_nouns`; also `.organisation` and `.speakerNoun`).
    static let document = WordFlags(rawValue: 1 << 45)
    /// An account through which its owner speaks ("account", "feed"): `account_nouns`.
    static let account = WordFlags(rawValue: 1 << 46)
    /// First word of a quantity phrase ("at least"): `quantity_phrases`.
    static let quantityPhraseStart = WordFlags(rawValue: 1 << 47)
    /// A pronoun that stands for no one in particular ("everyone", "somebody"):
    /// `indefinite_pronouns`; as a speaker it is unresolved and never named.
    static let indefinite = WordFlags(rawValue: 1 << 48)
    /// Opens a subordinate clause ("while", "when", "after"): `subordinators`. A sentence that
    /// opens with one puts its main clause after the first comma that a clause follows.
    static let subordinator = WordFlags(rawValue: 1 << 49)
    /// A form of a verb of speaking whose topic a preposition names ("talked about"):
    /// `topic_verbs`, rule `speech-topic`.
    static let topicVerb = WordFlags(rawValue: 1 << 50)
    /// A form of a verb of asking (`topic_verbs` lines tagged `@question`): a hearer or an agent
    /// may stand before its topic, and a question may be the topic (rule `asked-question`).
    static let questionVerb = WordFlags(rawValue: 1 << 51)
    /// A form of a verb that casts its object as something ("portrays", "hailed", "refer to"):
    /// `casting_verbs`, rule `as-evaluation`.
    static let castingVerb = WordFlags(rawValue: 1 << 52)
    /// A verb of saying whose passive reports its subject ("The meeting was first reported by
    /// Politico"): `reporting_verbs` lines tagged `@passive`, rule `passive-report`.
    static let passiveReport = WordFlags(rawValue: 1 << 53)
    /// First word of a pro-form that stands for a whole message ("so", "the same"):
    /// `message_proforms`, rule `pro-form-message`.
    static let messageProformStart = WordFlags(rawValue: 1 << 54)
    /// A verb whose object is the message when a document is its subject ("The poll showed the
    /// mayor leading"): `reporting_verbs` lines tagged `@document`, rule `document-object`.
    static let documentObject = WordFlags(rawValue: 1 << 55)
    /// A verb of refusing ("declined", "refuses"): `refusal_verbs`, rule `refused-comment`.
    static let refusalVerb = WordFlags(rawValue: 1 << 56)
    /// An adverb that marks its clause as someone's report ("reportedly"): `hearsay_adverbs`,
    /// rule `hearsay-adverb`.
    static let hearsayAdverb = WordFlags(rawValue: 1 << 57)
    /// A transcript's label for a speaker it does not name ("Q:", "QUESTION:"): `turn_labels`
    /// `@anonymous`, rule `transcript-turn`; as a speaker it is unresolved and never named.
    static let anonymousTurn = WordFlags(rawValue: 1 << 58)
    /// A word in capitals that labels a section, not a speaker ("NOTE:", "UPDATE:"):
    /// `turn_labels` `@section`; no turn label holds one (rule `transcript-turn`).
    static let sectionLabel = WordFlags(rawValue: 1 << 59)
    /// An object pronoun ("him", "them"): `object_pronouns`, with its gender or number as a
    /// pronoun's. Not `.pronoun`, which the rules read as a clause's subject.
    static let objectPronoun = WordFlags(rawValue: 1 << 60)
    /// A demonstrative, alone or with its verb written onto it ("that", "that’s"):
    /// `demonstratives`; as the whole speaker it names no one (rule `demonstrative-speaker`).
    static let demonstrative = WordFlags(rawValue: 1 << 61)
}

/// The word lists of the `quotes` stage, parsed once into a table keyed by lower-case bytes.
///
/// Built from `QuotesLexiconData` plus whatever the config adds. Immutable and `Sendable`, so
/// one lexicon serves every thread.
public struct QuotesLexicon: Sendable {
    /// The names of the lists a user can extend, as used in the config.
    public static let listNames = [
        "reporting_verbs", "speech_nouns", "source_phrases", "speaker_nouns", "organisation_nouns", "document_nouns", "account_nouns", "role_synonyms", "titles", "honorifics", "label_phrases",
        "naming_verbs", "work_nouns", "function_words", "speaker_cue_fillers", "time_words",
        "pronouns", "object_pronouns", "demonstratives", "relative_pronouns", "first_names", "determiners", "noun_links", "name_connectors",
        "content_openers", "content_closers", "gendered_surname_endings", "prepositions", "auxiliaries", "inanimate_nouns", "irregular_participles",
        "quantity_phrases", "indefinite_pronouns", "subordinators", "topic_verbs", "casting_verbs",
        "message_proforms", "refusal_verbs", "hearsay_adverbs", "turn_labels",
    ]

    let table: QuoteWordTable
    /// The table's short ASCII words, for the tokenizer's hot path.
    let index: QuoteWordIndex
    /// Per word id: its flags.
    let flags: [WordFlags]
    /// Per word id: the particles the verb form needs (word ids), empty for most.
    let particles: [[Int32]]
    /// Per word id of a `topic_verbs` form: the prepositions that open its topic (word ids).
    let topicPrepositions: [Int32: [Int32]]
    /// The base forms of `topic_verbs` (each line's first form: "talk"), verbs only after an
    /// auxiliary, a pronoun or "to".
    let topicBaseForms: Set<Int32>
    /// Per word id of a `casting_verbs` form that takes its object after a preposition ("refer
    /// to X as"): that preposition's word id.
    let castingPrepositions: [Int32: Int32]
    /// Multi-word phrases, as word-id sequences.
    let sourcePhrases: [[Int32]]
    let labelPhrases: [[Int32]]
    /// Phrases that open a number in a noun phrase ("at least", "more than").
    let quantityPhrases: [[Int32]]
    /// Pro-forms that stand for a whole message ("so", "the same"), as word ids.
    let messageProforms: [[Int32]]
    /// Surname endings with the gender they tell (`.male` or `.female`).
    let surnameEndings: [(ending: [UInt8], gender: WordFlags)]
    /// Per word id of a `role_synonyms` entry: the number of its line (0, 1, …), so the words
    /// of one role share it.
    let roleSynonyms: [Int32: Int32]
    /// Ids of the few words the rules name directly.
    let words: KeyWords

    /// The built-in lexicon.
    public static let standard = try! QuotesLexicon(extra: [:])

    /// Builds the lexicon from the built-in lists plus extra entries per list name
    /// (`listNames`), each entry one line in the list's format.
    /// - Throws: `StageSetupError` for an unknown list name, or lists of more distinct words
    ///   than `maxWords` (tests lower it) or 2 GiB of them: the word table numbers its words in
    ///   26 bits and places their bytes by 32-bit offsets. Lists of 36 files of up to 64 MB each
    ///   reach both; past them a word's id wrapped into another word's, and the offsets trapped.
    public init(extra: [String: [String]], maxWords: Int = (1 << 26) - 2) throws {
        var builder = Builder()
        builder.table.maxKeys = min(maxWords, QuoteWordTable.maxKeys)
        /// A list's entries, cleaned (comments and blanks gone, empty lines left out): the
        /// built-in text's in one pass over its bytes, then the config's extra lines. Entries stay
        /// slices of the text: building the lexicon runs at every start of a run that has quotes,
        /// and a `String` a line and a word was most of its cost.
        func lines(_ name: String, _ builtIn: String) -> [Substring] {
            LexiconText.entries(builtIn).map(\.text) + (extra[name] ?? []).compactMap(Builder.clean)
        }
        for name in extra.keys where !Self.listNames.contains(name) {
            throw StageSetupError("unknown lexicon list \(MessageText.quoted(name)); valid lists: \(Self.listNames.joined(separator: ", "))", option: "lexicon")
        }
        builder.addVerbs(lines("reporting_verbs", QuotesLexiconData.reportingVerbs))
        builder.addWords(lines("speaker_nouns", QuotesLexiconData.speakerNouns), .speakerNoun)
        builder.addWords(lines("speech_nouns", QuotesLexiconData.speechNouns), .speechNoun)
        builder.addWords(lines("organisation_nouns", QuotesLexiconData.organisationNouns), [.speakerNoun, .organisation])
        for l in lines("document_nouns", QuotesLexiconData.documentNouns) {
            let parts = LexiconText.split(l, atTab: false)
            let verb = parts.contains("@verb")
            for w in parts where !Builder.marked(w, "@") { builder.add(w, verb ? .document : [.speakerNoun, .organisation, .document]) }
        }
        builder.addWords(lines("account_nouns", QuotesLexiconData.accountNouns), .account)
        var synonyms: [Int32: Int32] = [:]
        var role: Int32 = 0
        for l in lines("role_synonyms", QuotesLexiconData.roleSynonyms) {
            for w in LexiconText.split(l, atTab: false) { synonyms[builder.intern(w)] = role }
            role += 1
        }
        roleSynonyms = synonyms
        builder.addWords(lines("titles", QuotesLexiconData.titles), .title)
        builder.addTagged(lines("honorifics", QuotesLexiconData.honorifics), base: .honorific, names: true)
        builder.addWords(lines("naming_verbs", QuotesLexiconData.namingVerbs), .namingVerb)
        builder.addWords(lines("work_nouns", QuotesLexiconData.workNouns), .workNoun)
        builder.addWords(lines("function_words", QuotesLexiconData.functionWords), .function)
        builder.addWords(lines("speaker_cue_fillers", QuotesLexiconData.speakerCueFillers), .filler)
        builder.addWords(lines("time_words", QuotesLexiconData.timeWords), .time)
        builder.addTagged(lines("relative_pronouns", QuotesLexiconData.relativePronouns), base: .relative)
        builder.addTagged(lines("pronouns", QuotesLexiconData.pronouns), base: .pronoun)
        builder.addTagged(lines("object_pronouns", QuotesLexiconData.objectPronouns), base: .objectPronoun)
        builder.addWords(lines("demonstratives", QuotesLexiconData.demonstratives), .demonstrative)
        builder.addWords(lines("indefinite_pronouns", QuotesLexiconData.indefinitePronouns), .indefinite)
        builder.addTagged(lines("first_names", QuotesLexiconData.firstNames), base: [], names: true)
        builder.addTagged(lines("determiners", QuotesLexiconData.determiners), base: .determiner)
        builder.addWords(lines("noun_links", QuotesLexiconData.nounLinks), .nounLink)
        builder.addWords(lines("name_connectors", QuotesLexiconData.nameConnectors), .nameConnector)
        builder.addWords(lines("content_openers", QuotesLexiconData.contentOpeners), .contentOpener)
        builder.addWords(lines("content_closers", QuotesLexiconData.contentClosers), .contentCloser)
        builder.addWords(lines("subordinators", QuotesLexiconData.subordinators), .subordinator)
        builder.addWords(lines("refusal_verbs", QuotesLexiconData.refusalVerbs), .refusalVerb)
        builder.addWords(lines("hearsay_adverbs", QuotesLexiconData.hearsayAdverbs), .hearsayAdverb)
        builder.addTagged(lines("turn_labels", QuotesLexiconData.turnLabels), base: [])
        var topics: [Int32: [Int32]] = [:]
        var topicBases = Set<Int32>()
        for l in lines("topic_verbs", QuotesLexiconData.topicVerbs) {
            let parts = LexiconText.split(l, atTab: false)
            let prepositions = parts.filter { Builder.marked($0, "+") }.map { builder.intern($0.dropFirst()) }
            let flags: WordFlags = parts.contains("@question") ? [.topicVerb, .questionVerb] : .topicVerb
            for (k, form) in parts.filter({ !Builder.marked($0, "+") && !Builder.marked($0, "@") }).enumerated() {
                builder.add(form, flags)
                let id = builder.intern(form)
                topics[id, default: []] += prepositions
                if k == 0 { topicBases.insert(id) }
            }
        }
        topicPrepositions = topics
        topicBaseForms = topicBases
        var casting: [Int32: Int32] = [:]
        for l in lines("casting_verbs", QuotesLexiconData.castingVerbs) {
            let parts = LexiconText.split(l, atTab: false)
            let preposition = parts.first { Builder.marked($0, "+") }.map { builder.intern($0.dropFirst()) }
            for form in parts where !Builder.marked(form, "+") {
                builder.add(form, .castingVerb)
                if let preposition { casting[builder.intern(form)] = preposition }
            }
        }
        castingPrepositions = casting
        builder.addWords(lines("prepositions", QuotesLexiconData.prepositions), .preposition)
        builder.addWords(lines("auxiliaries", QuotesLexiconData.auxiliaries), .auxiliary)
        builder.addWords(lines("inanimate_nouns", QuotesLexiconData.inanimateNouns), .inanimate)
        builder.addWords(lines("irregular_participles", QuotesLexiconData.irregularParticiples), .irregularParticiple)
        var endings: [(ending: [UInt8], gender: WordFlags)] = []
        var gender: WordFlags = .male
        for l in lines("gendered_surname_endings", QuotesLexiconData.genderedSurnameEndings) {
            if l == "@male" { gender = .male } else if l == "@female" { gender = .female } else { endings.append((Array(l.lowercased().utf8), gender)) }
        }
        // Longest endings first, so "skaya" wins over "ina"-like shorter ones.
        surnameEndings = endings.sorted { $0.ending.count > $1.ending.count }
        for w in KeyWords.all { _ = builder.intern(Substring(w)) }
        let source = builder.addPhrases(lines("source_phrases", QuotesLexiconData.sourcePhrases), start: .sourcePhraseStart)
        let label = builder.addPhrases(lines("label_phrases", QuotesLexiconData.labelPhrases), start: .labelPhraseStart)
        let quantity = builder.addPhrases(lines("quantity_phrases", QuotesLexiconData.quantityPhrases), start: .quantityPhraseStart)
        let proforms = builder.addPhrases(lines("message_proforms", QuotesLexiconData.messageProforms), start: .messageProformStart)
        if builder.table.overflowed {
            throw StageSetupError("the lexicon lists hold more than \(builder.table.maxKeys) distinct words (or 2 GiB of them), the most the quotes word table can number "
                                  + "(a word's id is 26 bits): shorten the lists in lexicon_files", option: "lexicon_files")
        }
        table = builder.table
        index = QuoteWordIndex(builder.table, flags: builder.flags)
        flags = builder.flags
        particles = builder.particles
        sourcePhrases = source
        labelPhrases = label
        quantityPhrases = quantity
        messageProforms = proforms
        let t = builder.table
        words = KeyWords { w in
            var bytes = Array(w.utf8)
            return bytes.withUnsafeMutableBufferPointer { t.lookup(UnsafeBufferPointer($0), 0, $0.count) }
        }
    }

    /// The id of a word given as lower-case text, or -1.
    func id(_ word: String) -> Int32 {
        var bytes = Array(word.utf8)
        return bytes.withUnsafeMutableBufferPointer { table.lookup(UnsafeBufferPointer($0), 0, $0.count) }
    }

    /// Accumulates entries while the lexicon is built.
    struct Builder {
        var table = QuoteWordTable()
        var flags: [WordFlags] = []
        var particles: [[Int32]] = []

        /// Strips a comment and surrounding blanks; nil for an empty line.
        static func clean(_ line: String) -> Substring? {
            LexiconText.entries(line).first?.text
        }

        mutating func intern(_ word: Substring) -> Int32 {
            // The table folds ASCII letters itself, so an ASCII word (nearly all) goes in as its
            // bytes are, without the `String` that `lowercased()` makes; the others are folded by
            // `lowercased()` as before.
            let id = Self.isASCII(word) ? table.insert(Self.bytes(word)) : table.insert(Array(word.lowercased().utf8))
            while flags.count <= Int(id) { flags.append([]); particles.append([]) }
            return id
        }

        /// True when every byte of `word` is ASCII (read from its buffer: stepping through a
        /// `Substring`'s bytes one index at a time costs about a hundred instructions a byte).
        static func isASCII(_ word: Substring) -> Bool {
            word.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? word.utf8.allSatisfy { $0 < 0x80 }
        }

        /// The bytes of `word`, copied from its buffer.
        static func bytes(_ word: Substring) -> [UInt8] {
            word.utf8.withContiguousStorageIfAvailable { Array($0) } ?? Array(word.utf8)
        }

        /// `word.hasPrefix(String(mark))` for an ASCII mark ("@" of a tag, "+" of a particle),
        /// read from the first two bytes: the mark alone is the first `Character` unless a
        /// non-ASCII scalar (a combining mark) follows it, and only then is it compared by
        /// `Character`.
        static func marked(_ word: Substring, _ mark: Unicode.Scalar) -> Bool {
            let bytes = word.utf8
            guard let first = bytes.first, first == UInt8(mark.value) else { return false }
            let next = bytes.index(after: bytes.startIndex)
            if next == bytes.endIndex || bytes[next] < 0x80 { return true }
            return word.hasPrefix(String(mark))
        }

        /// `form.hasSuffix("ing")`, by bytes for an ASCII form.
        static func endsInIng(_ form: Substring) -> Bool {
            guard isASCII(form) else { return form.hasSuffix("ing") }
            return form.utf8.count >= 3 && form.utf8.suffix(3).elementsEqual("ing".utf8)
        }

        mutating func add(_ word: Substring, _ f: WordFlags) {
            let id = intern(word)
            flags[Int(id)].formUnion(f)
            // Words are folded to lower case by ASCII only, as the tokenizer reads them: a word
            // that starts with a non-ASCII letter ("Ümit", "Élodie") is also entered capitalized.
            if let first = word.utf8.first, first >= 0x80 {
                let capitalized = word.prefix(1).uppercased() + word.dropFirst().lowercased()
                let other = table.insert(Array(capitalized.utf8))
                while flags.count <= Int(other) { flags.append([]); particles.append([]) }
                flags[Int(other)].formUnion(f)
            }
        }

        mutating func addWords(_ lines: [Substring], _ f: WordFlags) {
            for w in lines { add(w, f) }
        }

        /// Lines of words with `@tag` words; a line holding only a tag switches the section.
        mutating func addTagged(_ lines: [Substring], base: WordFlags, names: Bool = false) {
            var section: WordFlags = []
            for l in lines {
                let parts = LexiconText.split(l, atTab: false)
                let tags = parts.filter { Builder.marked($0, "@") }.reduce(into: WordFlags()) { $0.formUnion(Self.tag($1)) }
                let words = parts.filter { !Builder.marked($0, "@") }
                if words.isEmpty { section = tags; continue }
                var f = tags.isEmpty ? section : tags
                if names {
                    f = (f.contains(.male) ? WordFlags.maleName : []).union(f.contains(.female) ? .femaleName : [])
                }
                for w in words { add(w, base.union(f)) }
            }
        }

        static func tag(_ t: Substring) -> WordFlags {
            switch t {
            case "@male": return .male
            case "@female": return .female
            case "@plural": return .plural
            case "@thing": return .thing
            case "@self": return .selfReference
            case "@person": return .personal
            case "@contracted": return .contracted
            case "@anonymous": return .anonymousTurn
            case "@section": return .sectionLabel
            default: return []
            }
        }

        /// "say says said saying [other forms] [+particle] [@tags]"
        mutating func addVerbs(_ lines: [Substring]) {
            for l in lines {
                let parts = LexiconText.split(l, atTab: false)
                var common: WordFlags = .cue
                var particleIDs: [Int32] = []
                var forms: [Substring] = []
                for p in parts {
                    if Builder.marked(p, "@") {
                        switch p {
                        case "@object": common.insert(.takesObject)
                        case "@thought": common.insert(.thought)
                        case "@noun": common.insert(.nounForm)
                        case "@noinvert": common.insert(.noInvert)
                        case "@np": common.insert(.objectIsContent)
                        case "@intransitive": common.insert(.intransitive)
                        case "@clause": common.insert(.clauseFollows)
                        case "@passive": common.insert(.passiveReport)
                        case "@document": common.insert(.documentObject)
                        default: break
                        }
                    } else if Builder.marked(p, "+") {
                        particleIDs.append(intern(p.dropFirst()))
                    } else {
                        forms.append(p)
                    }
                }
                if !particleIDs.isEmpty { common.insert(.needsParticle) }
                for (k, form) in forms.enumerated() {
                    var f = common
                    if k >= 2 { f.remove(.nounForm) }
                    switch k {
                    case 0: f.insert(.baseForm)
                    case 2: f.insert(.pastForm)
                    case 3: f.insert(.ingForm)
                    case 4...: f.insert(.participle)
                    default: break
                    }
                    // "-ing" forms written later in the line still count as -ing forms.
                    if k >= 3 && Self.endsInIng(form) { f.insert(.ingForm); f.remove(.participle) }
                    let id = intern(form)
                    let old = flags[Int(id)]
                    // A form that is a plain cue on one line and needs a particle on another
                    // (none today) stays a plain cue.
                    if old.contains(.cue) && !old.contains(.needsParticle) { f.remove(.needsParticle) }
                    if old.contains(.cue) && old.contains(.needsParticle) && !f.contains(.needsParticle) {
                        flags[Int(id)].remove(.needsParticle)
                    }
                    flags[Int(id)].formUnion(f)
                    if f.contains(.needsParticle) { particles[Int(id)] += particleIDs }
                }
            }
        }

        mutating func addPhrases(_ lines: [Substring], start: WordFlags) -> [[Int32]] {
            var out: [[Int32]] = []
            for l in lines {
                let words = LexiconText.split(l, atTab: false)
                let ids = words.map { intern($0) }
                flags[Int(ids[0])].insert(start)
                out.append(ids)
            }
            return out
        }
    }
}

/// One lexicon held by reference, so that the structs that read it per document (the analysis,
/// the tokenizer) copy a pointer instead of the lexicon's tables.
final class SharedQuotesLexicon: Sendable {
    let lexicon: QuotesLexicon

    init(_ lexicon: QuotesLexicon) {
        self.lexicon = lexicon
    }
}

/// Ids of words the rules test for by name.
struct KeyWords: Sendable {
    static let all = ["all", "both", "each", "there", "his", "from", "where", "nor",
                      "are", "were", "be", "been", "being", "that", "to", "by", "and", "or", "but", "as", "according", "it", "in", "on", "at", "of",
                      "for", "the", "a", "an", "is", "was", "said", "says", "adding", "saying", "told", "so", "not",
                      "like", "than", "there", "here", "which", "who", "whom", "what", "wrote", "reading"]
    let that, to, by, and, or, but, asWord, according, it, inWord, on, at, of, forWord, the, a, an, isWord, wasWord: Int32
    let adding, saying, not: Int32
    let are, were, be, been, being: Int32
    let all, both, each, there, his, from, whereWord, nor: Int32
    /// The relative pronouns that can stand for a thing inside the clause they open ("which",
    /// "who", "whom"; "that" is also a conjunction) and "what", a relative with no noun before it.
    let which, who, whom, what: Int32
    /// Words that join or lead into something else ("to", "and", "or", "but", "nor", "as"):
    /// they never open a bare message ("said to reporters", "said and did", "said as much").
    let joiners: [Int32]

    init(_ id: (String) -> Int32) {
        that = id("that"); to = id("to"); by = id("by"); and = id("and"); or = id("or"); but = id("but")
        asWord = id("as"); according = id("according"); it = id("it"); inWord = id("in"); on = id("on"); at = id("at")
        of = id("of"); forWord = id("for"); the = id("the"); a = id("a"); an = id("an"); isWord = id("is"); wasWord = id("was")
        adding = id("adding"); saying = id("saying"); not = id("not")
        are = id("are"); were = id("were"); be = id("be"); been = id("been"); being = id("being")
        all = id("all"); both = id("both"); each = id("each")
        there = id("there"); his = id("his"); from = id("from"); whereWord = id("where"); nor = id("nor")
        which = id("which"); who = id("who"); whom = id("whom"); what = id("what")
        joiners = [to, and, or, but, nor, asWord]
    }
}

/// An open-addressing hash table from lower-cased words (bytes) to dense ids.
///
/// Lookups hash the bytes as they are read, folding ASCII to lower case and ’ to ', so a
/// token never becomes a `String`. A slot holds the first eight bytes of its key, so a word of
/// up to eight ASCII bytes is found with one memory access.
struct QuoteWordTable: Sendable {
    /// Where a key's bytes are in `arena`, with its full hash.
    private struct Entry {
        var hash: UInt64
        var start: Int32
        var length: Int32
    }

    private struct Slot {
        /// The key's first eight bytes, little-endian, zero-padded.
        var prefix: UInt64 = 0
        /// The high 32 bits of the key's hash.
        var tag: UInt32 = 0
        /// (id + 1) << 6 | min(length, 63); 0 for an empty slot.
        var packed: UInt32 = 0

        var id: Int { Int(packed >> 6) - 1 }
        /// True when the key may have length `n` (exactly, below 63).
        func fits(_ n: Int) -> Bool { Int(packed & 63) == min(n, 63) }
    }

    private var slots = [Slot](repeating: Slot(), count: 1024)
    /// Per id.
    private var entries: [Entry] = []
    private var arena: [UInt8] = []

    /// Most keys a table can number: a slot packs its key's id + 1 in 26 bits (`Slot.packed`).
    static let maxKeys = (1 << 26) - 2
    /// Most keys this table takes; `insert` past it (or past 2 GiB of key bytes, the arena's
    /// 32-bit offsets) adds nothing, returns id 0 and sets `overflowed`.
    var maxKeys = QuoteWordTable.maxKeys
    private(set) var overflowed = false

    var count: Int { entries.count }

    /// The key of entry `id` (lower case, ’ as ').
    func key(_ id: Int32) -> [UInt8] {
        let e = entries[Int(id)]
        return Array(arena[Int(e.start)..<Int(e.start + e.length)])
    }

    /// Folds one key byte: ASCII upper case to lower case.
    @inline(__always) static func fold(_ c: UInt8) -> UInt8 { c &- 0x41 < 26 ? c | 0x20 : c }

    /// Adds one key byte to a running hash: a rotation and an exclusive or, so the chain from
    /// byte to byte costs two cycles; `finish` mixes the result.
    @inline(__always) static func mix(_ h: UInt64, _ c: UInt8) -> UInt64 { ((h &<< 5) | (h &>> 59)) ^ UInt64(c) }

    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The hash of a key from its running hash and its length (MurmurHash3's 64-bit finalizer).
    @inline(__always) static func finish(_ h: UInt64, _ n: Int) -> UInt64 {
        var x = h ^ (UInt64(truncatingIfNeeded: n) &* 0x9e37_79b9_7f4a_7c15)
        x ^= x &>> 33; x &*= 0xff51_afd7_ed55_8ccd
        x ^= x &>> 33; x &*= 0xc4ce_b9fe_1a85_ec53
        x ^= x &>> 33
        return x
    }

    /// Adds a key (already lower case) and returns its id; an existing key keeps its id.
    mutating func insert(_ key: [UInt8]) -> Int32 {
        let folded = Self.normalize(key)
        let found = folded.withUnsafeBufferPointer { lookup($0, 0, $0.count) }
        if found >= 0 { return found }
        if entries.count >= maxKeys || arena.count + folded.count > Int(Int32.max) {
            overflowed = true
            return 0
        }
        if (entries.count + 1) * 2 > slots.count { grow() }
        var h = Self.seed
        for c in folded { h = Self.mix(h, c) }
        h = Self.finish(h, folded.count)
        let id = Int32(entries.count)
        entries.append(Entry(hash: h, start: Int32(arena.count), length: Int32(folded.count)))
        arena.append(contentsOf: folded)
        place(id)
        return id
    }

    /// Lower case, and ’ (E2 80 99) as '.
    static func normalize(_ key: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(key.count)
        var i = 0
        while i < key.count {
            if key[i] == 0xE2, i + 2 < key.count, key[i + 1] == 0x80, key[i + 2] == 0x99 {
                out.append(0x27); i += 3
            } else {
                out.append(fold(key[i])); i += 1
            }
        }
        return out
    }

    private mutating func place(_ id: Int32) {
        let e = entries[Int(id)]
        var prefix: UInt64 = 0
        for k in 0..<min(Int(e.length), 8) { prefix |= UInt64(arena[Int(e.start) + k]) << (8 * k) }
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: e.hash) & mask
        while slots[s].packed != 0 { s = (s + 1) & mask }
        slots[s] = Slot(prefix: prefix, tag: UInt32(truncatingIfNeeded: e.hash >> 32),
                        packed: (UInt32(id) + 1) << 6 | UInt32(min(Int(e.length), 63)))
    }

    private mutating func grow() {
        slots = [Slot](repeating: Slot(), count: slots.count * 2)
        for id in entries.indices { place(Int32(id)) }
    }

    /// The id of the word `b[start..<end]`, or -1.
    func lookup(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int32 {
        guard end - start <= 48 else { return -1 }
        // Hash the folded key.
        var h = Self.seed
        var n = 0
        var i = start
        while i < end {
            let c = b[i]
            if c == 0xE2, i + 2 < end, b[i + 1] == 0x80, b[i + 2] == 0x99 {
                h = Self.mix(h, 0x27); i += 3
            } else {
                h = Self.mix(h, Self.fold(c)); i += 1
            }
            n += 1
        }
        return lookup(hash: h, length: n, b, start, end)
    }

    /// The id of the word `b[start..<end]` whose running hash (`mix` from `seed`) and folded
    /// length `n` the caller computed while reading it, or -1.
    @inline(__always)
    func lookup(hash running: UInt64, length n: Int, _ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int32 {
        let h = Self.finish(running, n)
        // A key of one byte per character and at most eight is compared in the slot alone.
        let short = end - start == n && n <= 8
        let prefix = short ? Self.foldedASCII(b, start, n) : 0
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var s = Int(truncatingIfNeeded: h) & mask
            let tag = UInt32(truncatingIfNeeded: h >> 32)
            while true {
                let slot = slots[s]
                if slot.packed == 0 { return -1 }
                if slot.tag == tag && slot.fits(n) {
                    if short {
                        if slot.prefix == prefix { return Int32(slot.id) }
                    } else if equal(slot.id, b, start, end) {
                        return Int32(slot.id)
                    }
                }
                s = (s + 1) & mask
            }
        }
    }

    /// `b[start..<start+n]` (ASCII, n <= 8) folded to lower case, as a little-endian word.
    @inline(__always)
    static func foldedASCII(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ n: Int) -> UInt64 {
        var w: UInt64 = 0
        if start + 8 <= b.count {
            w = UnsafeRawPointer(b.baseAddress! + start).loadUnaligned(as: UInt64.self).littleEndian
            if n < 8 { w &= (1 &<< UInt64(8 * n)) &- 1 }
        } else {
            w = bytesNearEnd(b, start, n)
        }
        // Per byte (all below 0x80): the high bit of +0x3F is set from 'A' up, of +0x25 from '[' up.
        let highs: UInt64 = 0x8080_8080_8080_8080
        let upper = (w &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(w &+ 0x2525_2525_2525_2525) & highs
        return w | (upper >> 2)
    }

    /// `b[start..<start+n]` as a little-endian word, byte by byte: fewer than eight bytes are
    /// left in the buffer. Out of line, as it is rare.
    @inline(never)
    static func bytesNearEnd(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ n: Int) -> UInt64 {
        var w: UInt64 = 0
        for k in 0..<n { w |= UInt64(b[start + k]) << (8 * k) }
        return w
    }

    /// True when the word `b[start..<end]`, folded, is the key of entry `id`.
    private func equal(_ id: Int, _ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let e = entries[id]
        return arena.withUnsafeBufferPointer { a in
            var j = Int(e.start)
            let last = j + Int(e.length)
            var i = start
            while i < end {
                guard j < last else { return false }
                let c = b[i]
                if c == 0xE2, i + 2 < end, b[i + 1] == 0x80, b[i + 2] == 0x99 {
                    if a[j] != 0x27 { return false }
                    i += 3
                } else {
                    if a[j] != Self.fold(c) { return false }
                    i += 1
                }
                j += 1
            }
            return j == last
        }
    }
}
