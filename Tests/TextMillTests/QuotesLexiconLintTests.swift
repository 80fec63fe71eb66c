import Foundation
import Testing
@testable import TextMill

/// A lint over the built-in word lists of `quotes` (`QuotesLexiconData`): no list holds an
/// entry twice, no word is both a person and an organisation, and every entry can match, that
/// is, the stage's own tokenizer reads each of its words as one token that finds the entry in
/// the table (a word with a letter the tokenizer splits on, or a space in a one-word list,
/// never matches anything).
@Suite struct QuotesLexiconLintTests {
    /// The lint itself is the library's (`QuotesLexiconLint`), which also checks what a config adds.
    static func problem(_ word: String, lexicon: QuotesLexicon) -> String? { QuotesLexiconLint.problem(word, lexicon: lexicon) }

    @Test(arguments: QuotesLexicon.listNames) func everyEntryCanMatchAndNoneIsRepeated(_ list: String) {
        #expect(!LexiconText.entries(QuotesLexiconData.list(list)).isEmpty, "\(list) is empty")
        for finding in QuotesLexiconLint.builtInFindings(list) {
            Issue.record("\(list) \(finding)")
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

    /// Entries a config adds to the quotes word lists went in unlinted: a repeat, a space in a
    /// one-word list, a word the tokenizer splits never matched, silently. The built-in lists'
    /// lint (`QuotesLexiconLint`) refuses them, naming the file and line, or the item.
    @Test func wordListEntriesAConfigAddsAreLinted() throws {
        let dir = TemporaryDirectory()
        dir.write("in/a.txt", "The harbor council approved the ferry budget on Tuesday. \"We kept the night boats,\" the mayor said.\n")
        dir.write("lists/titles.txt", "# our titles\nombudsman\nharbor master\nwharfinger\n")
        let inline = dir.write("inline.yaml", "input: in\noutput: '-'\nstages:\n  - sentences\n  - quotes:\n      lexicon: {speaker_nouns: [skipper, ferryman, Skipper]}\n")
        let file = dir.write("file.yaml", "input: in\noutput: '-'\nstages:\n  - sentences\n  - quotes:\n      lexicon_files:\n        titles: lists/titles.txt\n")
        let repeated = "textmill: the config is wrong:\n\(inline):6:32: error: stage 'quotes' cannot start: an entry added to the word list 'speaker_nouns' would never be used as written: item 3 of 'lexicon.speaker_nouns': 'skipper' repeats item 1 of 'lexicon.speaker_nouns' (fix or remove each, as the built-in lists are linted)\n  check its option 'lexicon.speaker_nouns'\n"
        let spaced = "textmill: the config is wrong:\n\(file):7:17: error: stage 'quotes' cannot start: an entry added to the word list 'titles' would never be used as written: 'lists/titles.txt' line 3: 'harbor master' holds a space, but the list matches one word (fix or remove each, as the built-in lists are linted)\n  check its option 'lexicon_files.titles'\n"
        for (config, message) in [(inline, repeated), (file, spaced)] {
            for command in [["run", config, "-q"], ["validate", config]] {
                let r = try CommandLineTests().textmill(command, in: dir.path)
                expectEqual(r.status, 2, "\(command): \(r.stderr)")
                expectEqual(r.stderr, message, "\(command)")
            }
        }
        // Fixed, and with an entry the built-in list holds already (allowed: it changes nothing).
        dir.write("lists/titles.txt", "# our titles\nombudsman\nharbormaster\nwharfinger\nmayor\n")
        let r = try CommandLineTests().textmill(["validate", file], in: dir.path)
        expectEqual(r.status, 0, "\(r.stderr)")
    }
}
