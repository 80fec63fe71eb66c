/// The lint of the `quotes` word lists, one mechanism for the built-in lists
/// (`QuotesLexiconLintTests`) and the entries a config adds (`lexicon`, `lexicon_files`, checked
/// when the stage starts): no list holds an entry twice, and every entry can match, that is,
/// the stage's own tokenizer reads each of its words as one token that finds the entry in the
/// table (a word with a character the tokenizer splits on, or a space in a one-word list, never
/// matches anything). An entry a config adds that repeats a built-in one is allowed: it changes
/// nothing, and a list written for an older TextMill keeps working once the word is built in.
public enum QuotesLexiconLint {
    /// How a list's lines are read.
    enum Format { case words, verbs, tagged, phrases, endings }

    static func format(_ list: String) -> Format {
        switch list {
        case "reporting_verbs", "topic_verbs", "casting_verbs": return .verbs
        case "pronouns", "object_pronouns", "relative_pronouns", "first_names", "honorifics", "determiners": return .tagged
        // One role a line, each word an entry of its own: a word in two roles repeats.
        case "role_synonyms": return .tagged
        case "document_nouns", "turn_labels": return .tagged
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
        case .tagged, .phrases, .endings: return fields.filter { !$0.hasPrefix("@") }
        }
    }

    /// The reason a word can never match, if any.
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

    /// One thing the lint found: the entry's line (in its list's text or file) and what is wrong.
    public struct Finding: Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// What is wrong with `entries` of the list `list` as `lexicon` (which holds them) reads
    /// them. `seen`, the keys of entries linted before with where each was (`place` of its
    /// line: "line 12", "item 2", "'lists/t.txt' line 4"), is carried from one call to the next,
    /// so that a repeat across two sources of one list is found.
    static func findings(list: String, entries: [LexiconText.Entry], lexicon: QuotesLexicon,
                         seen: inout [String: String], place: (Int) -> String = { "line \($0)" }) -> [Finding] {
        let format = Self.format(list)
        var out: [Finding] = []
        for entry in entries {
            let words = Self.words(of: entry, format)
            if words.isEmpty { continue }   // a section line ("@male")
            if format == .words && entry.fields.count > 1 {
                out.append(Finding(line: entry.line, message: "'\(entry.text)' holds a space, but the list matches one word"))
                continue
            }
            if format == .endings {
                for w in words where !w.utf8.allSatisfy({ ($0 | 0x20) &- 0x61 < 26 }) {
                    out.append(Finding(line: entry.line, message: "ending '\(w)' is not ASCII letters, so it never matches"))
                }
            } else {
                for w in words {
                    if let why = Self.problem(w, lexicon: lexicon) {
                        out.append(Finding(line: entry.line, message: "'\(w)' can never match: \(why)"))
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
                    out.append(Finding(line: entry.line, message: "'\(key)' repeats \(earlier)"))
                } else {
                    seen[key] = place(entry.line)
                }
            }
        }
        return out
    }

    /// The findings of a built-in list (`QuotesLexiconData`) as the built-in lexicon reads it.
    static func builtInFindings(_ list: String) -> [Finding] {
        var seen: [String: String] = [:]
        return findings(list: list, entries: LexiconText.entries(QuotesLexiconData.list(list)), lexicon: .standard, seen: &seen)
    }

    /// Entries a config adds to one list from one place: the items of `lexicon: {LIST: [...]}`
    /// (`file` nil, each entry's line its item's number) or a file `lexicon_files` names.
    struct AddedEntries {
        var list: String
        var option: String
        var file: String?
        var entries: [LexiconText.Entry]

        /// Where an entry of this source is: "item 2" of the option, or the file's line.
        func place(_ line: Int) -> String {
            file.map { "\(MessageText.quoted($0)) line \(line)" } ?? "item \(line) of \(MessageText.quoted(option))"
        }
    }

    /// The most findings one message lists.
    static let findingsShown = 5

    /// Refuses what a config adds to the word lists when the lint finds it wrong (an entry that
    /// can never match, one the config gives twice), naming the option (so the config error
    /// points at its line) and each entry's file and line, or item: such an entry was taken
    /// silently and never matched anything. `added` is in config order; `lexicon` holds them.
    static func check(_ added: [AddedEntries], lexicon: QuotesLexicon) throws(StageSetupError) {
        var seen: [String: [String: String]] = [:]
        for source in added {
            var listSeen = seen[source.list] ?? [:]
            let found = findings(list: source.list, entries: source.entries, lexicon: lexicon, seen: &listSeen, place: source.place)
            seen[source.list] = listSeen
            guard !found.isEmpty else { continue }
            let shown = found.prefix(findingsShown).map { "\(source.place($0.line)): \($0.message)" }
            let more = found.count > findingsShown ? "; and \(found.count - findingsShown) more" : ""
            throw StageSetupError("an entry added to the word list \(MessageText.quoted(source.list)) would never be used as written: "
                                  + shown.joined(separator: "; ") + more + " (fix or remove each, as the built-in lists are linted)",
                                  option: source.option)
        }
    }
}
