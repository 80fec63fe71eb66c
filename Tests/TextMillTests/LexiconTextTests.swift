import Testing
@testable import TextMill

/// `LexiconText` reads entries and their fields from bytes, as the `Character`-based reading it
/// replaced read them (start-up reads every built-in lexicon with it).
@Suite struct LexiconTextTests {
    /// Words as a `Character` split gives them; `split(_:atTab:)` must give the same.
    static func characterSplit(_ text: Substring, atTab: Bool) -> [Substring] {
        atTab ? text.split(whereSeparator: { $0 == " " || $0 == "\t" }) : text.split(separator: " ")
    }

    @Test(arguments: [
        "said", "say says said saying +out @object", "  two  spaces\tand\ta tab ", "\t", " ",
        "Ümit Zoë naïve", "@female Ümit", "Zoë\tnaïve", "a \u{301}b", "x \u{301}", "\u{301} y",
        "e\u{301} \u{0301}", "tab\t\u{301}x", "r\r n", "日本 語",
    ])
    func aFieldSplitIsTheCharacterSplit(_ text: String) {
        let entry = Substring(text)
        for atTab in [true, false] {
            expectEqual(LexiconText.split(entry, atTab: atTab), Self.characterSplit(entry, atTab: atTab), "\(text.unicodeScalars.map { $0.value }) tab \(atTab)")
        }
        // A piece of a longer text (a substring that does not start at the text's start).
        let padded = "##" + text + "##"
        let inner = padded.dropFirst(2).dropLast(2)
        expectEqual(LexiconText.split(inner, atTab: true), Self.characterSplit(inner, atTab: true))
    }

    @Test func entriesKeepTheirLineNumbersAndLeaveOutCommentsAndBlanks() {
        let text = "# a comment\nMr title\n\n  Gen.  title # rank\r\n\t\nZoë\n#\nlast"
        let entries = LexiconText.entries(text)
        expectEqual(entries.map(\.line), [2, 4, 6, 8])
        expectEqual(entries.map { String($0.text) }, ["Mr title", "Gen.  title", "Zoë", "last"])
        expectEqual(entries[1].fields, ["Gen.", "title"])
        #expect(LexiconText.entries("").isEmpty && LexiconText.entries("\n\n# only\n").isEmpty)
        expectEqual(LexiconText.entries("one\n").map(\.line), [1])
    }

    /// The quotes lexicon's builder reads a tag or particle mark and an -ing ending from bytes
    /// where that is what a `Character` comparison reads, and by `Character` where it is not.
    @Test(arguments: ["@object", "+out", "@", "+", "say", "@\u{301}x", "+\u{301}", "Ümit", "@Ümit", "x@", "",
                      "saying", "sing", "ing", "ng", "Élodieing", "sayin\u{301}g", "saying\u{301}", "INGing"])
    func theQuotesBuilderReadsMarksAsCharactersDo(_ word: String) {
        let w = Substring(word)
        expectEqual(QuotesLexicon.Builder.marked(w, "@"), w.hasPrefix("@"), "\(word)")
        expectEqual(QuotesLexicon.Builder.marked(w, "+"), w.hasPrefix("+"), "\(word)")
        expectEqual(QuotesLexicon.Builder.endsInIng(w), w.hasSuffix("ing"), "\(word)")
        expectEqual(QuotesLexicon.Builder.isASCII(w), w.utf8.allSatisfy { $0 < 0x80 })
        expectEqual(QuotesLexicon.Builder.bytes(w), Array(word.utf8))
    }

    /// Words the config adds, with tags, particles and non-ASCII letters, land with the flags the
    /// lists give them.
    @Test func extraEntriesGetTheirFlags() throws {
        let lexicon = try QuotesLexicon(extra: [
            "reporting_verbs": ["blurt blurts blurted blurting +out @object  # a verb with a particle"],
            "first_names": ["@female", "Ümit  Zoë", "@male", "Élodie"],
            "titles": ["  Brigadier  "],
        ])
        let blurted = lexicon.id("blurted")
        #expect(blurted >= 0)
        #expect(lexicon.flags[Int(blurted)].isSuperset(of: [.cue, .pastForm, .takesObject, .needsParticle]))
        expectEqual(lexicon.particles[Int(blurted)], [lexicon.id("out")])
        #expect(lexicon.flags[Int(lexicon.id("blurting"))].contains(.ingForm))
        #expect(lexicon.flags[Int(lexicon.id("Ümit"))].contains(.femaleName))
        #expect(lexicon.flags[Int(lexicon.id("ümit"))].contains(.femaleName))
        #expect(lexicon.flags[Int(lexicon.id("Élodie"))].contains(.maleName))
        #expect(lexicon.flags[Int(lexicon.id("brigadier"))].contains(.title))
        #expect(lexicon.id("@object") < 0 && lexicon.id("+out") < 0)
    }
}
