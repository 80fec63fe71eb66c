import Foundation
import Testing
@testable import TextMill

/// A lint over the built-in word lists of `quotes` (`QuotesLexiconData`): no list holds an
/// entry twice, no word is both a person and an organisation, and every entry can match, that
/// is, the stage's own tokenizer reads each of its words as one token that finds the entry in
/// the table (a word with a letter the tokenizer splits on, or a space in a one-word list,
/// never matches anything).
@Suite struct QuotesLexiconLintTests {
    /// How a list's lines are read.
    enum Format { case words, verbs, tagged, phrases, endings }

    static func format(_ list: String) -> Format {
        switch list {
        case "reporting_verbs", "topic_verbs", "casting_verbs": return .verbs
        case "pronouns", "relative_pronouns", "first_names", "honorifics", "determiners": return .tagged
        // One role a line, each word an entry of its own: a word in two roles repeats.
        case "role_synonyms": return .tagged
        case "document_nouns": return .tagged
        case "source_phrases", "label_phrases", "quantity_phrases", "message_proforms": return .phrases
        case "gendered_surname_endings": return .endings
        default: return .words
        }
    }

    /// The words an entry is matched by (tags and section lines left out; a verb's particles
    /// without their `+`).
    static func words(of entry: LexiconText.Entry, _ format: Format) -> [String] {
        let fields = entry.fields.map(String.init)
        switch format {
        case .words: return [String(entry.text)]
        case .verbs: return fields.filter { !$0.hasPrefix("@") }.map { $0.hasPrefix("+") ? String($0.dropFirst()) : $0 }
        case .tagged, .phrases: return fields.filter { !$0.hasPrefix("@") }
        case .endings: return fields.filter { !$0.hasPrefix("@") }
        }
    }

    /// The reasons a word can never match, if any.
    static func problem(_ word: String, lexicon: QuotesLexicon) -> String? {
        var bytes = Array(word.utf8)
        var tokens: [Token] = []
        bytes.withUnsafeMutableBufferPointer { b in
            QuoteTokenizer(lexicon: lexicon).tokenize(UnsafeBufferPointer(b), 0, b.count, into: &tokens)
        }
        guard tokens.count == 1, tokens[0].start == 0, Int(tokens[0].end) == bytes.count else {
            return "the tokenizer reads it as \(tokens.count) tokens"
        }
        let t = tokens[0]
        // Punctuation entries (a dash, a colon) are matched by kind, not by the table.
        if t.kind != .word && t.kind != .number { return nil }
        if t.word < 0 || t.word != lexicon.id(word) { return "the tokenizer's word is not found in the table" }
        return nil
    }

    @Test(arguments: QuotesLexicon.listNames) func everyEntryCanMatchAndNoneIsRepeated(_ list: String) {
        let lexicon = QuotesLexicon.standard
        let format = Self.format(list)
        let entries = LexiconText.entries(QuotesLexiconData.list(list))
        #expect(!entries.isEmpty, "\(list) is empty")
        var seen: [String: Int] = [:]
        for entry in entries {
            let words = Self.words(of: entry, format)
            if words.isEmpty { continue }   // a section line ("@male")
            if format == .words && entry.fields.count > 1 {
                Issue.record("\(list) line \(entry.line): '\(entry.text)' holds a space, but the list matches one word")
                continue
            }
            if format == .endings {
                for w in words where !w.utf8.allSatisfy({ ($0 | 0x20) &- 0x61 < 26 }) {
                    Issue.record("\(list) line \(entry.line): ending '\(w)' is not ASCII letters, so it never matches")
                }
            } else {
                for w in words {
                    if let why = Self.problem(w, lexicon: lexicon) {
                        Issue.record("\(list) line \(entry.line): '\(w)' can never match: \(why)")
                    }
                }
            }
            // A phrase is one entry; a verb form counts with its particles ("went" and "went on"
            // differ); every other entry's words are entries of their own.
            var keys = words.map { $0.lowercased() }
            if format == .phrases { keys = [keys.joined(separator: " ")] }
            if format == .verbs {
                let particles = entry.fields.filter { $0.hasPrefix("+") }.joined()
                keys = entry.fields.filter { !$0.hasPrefix("+") && !$0.hasPrefix("@") }.map { $0.lowercased() + particles }
            }
            // Irregular forms repeat inside one entry ("read reads read reading"): counted once.
            var inEntry = Set<String>()
            keys = keys.filter { inEntry.insert($0).inserted }
            for key in keys {
                if let earlier = seen[key] {
                    Issue.record("\(list) line \(entry.line): '\(key)' repeats line \(earlier)")
                } else {
                    seen[key] = entry.line
                }
            }
        }
    }

    @Test func noWordIsBothAPersonAnOrganisationOrADocument() {
        let people = Set(LexiconText.entries(QuotesLexiconData.speakerNouns).map { $0.text.lowercased() })
        let bodies = Set(LexiconText.entries(QuotesLexiconData.organisationNouns).map { $0.text.lowercased() })
        let documents = Set(LexiconText.entries(QuotesLexiconData.documentNouns).map { String($0.fields[0]).lowercased() })
        expectEqual(people.intersection(bodies).sorted(), [])
        expectEqual(people.intersection(documents).sorted(), [])
        expectEqual(bodies.intersection(documents).sorted(), [])
    }

    /// A role synonym that is neither a title nor a speaker noun for a person could never be a
    /// role (`same-role` reads roles from those words only).
    @Test func everyRoleSynonymIsARoleWord() {
        let lexicon = QuotesLexicon.standard
        for entry in LexiconText.entries(QuotesLexiconData.roleSynonyms) {
            for word in entry.fields.map(String.init) {
                let flags = lexicon.flags[Int(lexicon.id(word.lowercased()))]
                #expect((flags.contains(.title) || flags.contains(.speakerNoun)) && !flags.contains(.organisation) && !flags.contains(.honorific),
                        "role_synonyms line \(entry.line): '\(word)' is no title or speaker noun for a person")
            }
        }
        expectEqual(lexicon.roleSynonyms[lexicon.id("envoy")], lexicon.roleSynonyms[lexicon.id("ambassador")])
        #expect(lexicon.roleSynonyms[lexicon.id("envoy")] != lexicon.roleSynonyms[lexicon.id("spokesman")])
    }

    /// The lint itself: a doubled entry, a space in a one-word list and a word the tokenizer
    /// splits are each caught.
    @Test func theLintCatchesWhatItLooksFor() {
        let lexicon = QuotesLexicon.standard
        expectEqual(Self.problem("spokesman", lexicon: lexicon), nil)
        expectEqual(Self.problem("vice president", lexicon: lexicon), "the tokenizer reads it as 2 tokens")
        expectEqual(Self.problem("notaword", lexicon: lexicon), "the tokenizer's word is not found in the table")
        // Entries the config adds go through the same check.
        let extended = try! QuotesLexicon(extra: ["first_names": ["@female", "Ümit", "Zoë"], "titles": ["naïve"]])
        for word in ["Ümit", "ümit", "Zoë", "zoë", "naïve"] {
            expectEqual(Self.problem(word, lexicon: extended), nil, "\(word)")
        }
        #expect(extended.flags[Int(extended.id("Ümit"))].contains(.femaleName))
    }
}
