import Testing
@testable import TextMill

@Suite struct NormalizeTests {
    func normalize(_ s: String, _ opts: [String: JSONValue] = [:]) throws -> Document {
        let stage = try NormalizeStage(options: .defaults(NormalizeStage.options, opts))
        var doc = Document(id: "t", text: s)
        var ctx = StageContext()
        try stage.process(&doc, &ctx)
        return doc
    }

    @Test func joinsHardWrappedLinesAndKeepsParagraphs() throws {
        let text = """
        The provision, widely criticized by rights groups as vague and prone to
        abuse, carries up to 10 years' imprisonment. The severe sentencing ahead
        of a January 21 trial has seen the prosecution escalate.

        SEE ALSO: A Movement Against China's Internment Camps
        """
        let doc = try normalize(text)
        expectEqual(doc.string, "The provision, widely criticized by rights groups as vague and prone to abuse, carries up to 10 years' imprisonment. The severe sentencing ahead of a January 21 trial has seen the prosecution escalate.\n\nSEE ALSO: A Movement Against China's Internment Camps")
        expectEqual(doc.paragraphs?.count, 2)
    }

    @Test func keepsShortLinesApart() throws {
        let doc = try normalize("Kazakhstan Kazakhstan\nStories About\n\n\nKazakhstan\r\n")
        expectEqual(doc.string, "Kazakhstan Kazakhstan\n\nStories About\n\nKazakhstan")
    }

    @Test func cleansCharacters() throws {
        let doc = try normalize("  Caf\u{65}\u{301}\u{200B} \t said\u{00A0}\u{00A0}“hi”\u{0007} â€™ ")
        expectEqual(doc.string, "Café said “hi” ’")
    }

    @Test func nfkcAndFolding() throws {
        let doc = try normalize("ﬁne ½ “quote” – dash", ["form": "NFKC", "fold_quotes": true, "fold_dashes": true])
        expectEqual(doc.string, "fine 1⁄2 \"quote\" - dash")
    }

    @Test func carriesSpansThroughTheEdit() throws {
        var doc = Document(id: "t", text: "Hello  world.\u{200B} Next\tone.")
        doc.sentences = [Span(0, 13), Span(17, 26)]
        let stage = try NormalizeStage(options: .defaults(NormalizeStage.options))
        var ctx = StageContext()
        try stage.process(&doc, &ctx)
        expectEqual(doc.string, "Hello world. Next one.")
        expectEqual(doc.sentences!.map { doc.string($0) }, ["Hello world.", "Next one."])
    }
}

/// The eight-bytes-at-a-time path must see what the byte path sees, wherever it falls.
@Suite struct NormalizeFastPathTests {
    @Test(arguments: ["\u{7F}", "\u{01}", "  ", "\t", "\u{A0}", " \u{200B}"])
    func everyPositionOfAnOddCharacterIsCleaned(odd: String) throws {
        let stage = try NormalizeStage(options: .defaults(NormalizeStage.options))
        let sentence = "The Chinese Embassy in Kazakhstan is known for frequently using social media."
        for k in stride(from: 4, to: 40, by: 1) {
            var text = sentence
            text.insert(contentsOf: odd, at: text.index(text.startIndex, offsetBy: k))
            var doc = Document(id: "t", text: text)
            var ctx = StageContext()
            try stage.process(&doc, &ctx)
            let expected = odd.contains(" ") || odd == "\t" || odd == "\u{A0}"
                ? String(text.replacingOccurrences(of: odd, with: " ").split(separator: " ", omittingEmptySubsequences: true).joined(separator: " "))
                : sentence
            expectEqual(doc.string, expected, "odd \(odd.unicodeScalars.map { $0.value }) at \(k)")
        }
    }

    /// Lines are read one at a time (never gathered): every kind of line break still ends one,
    /// and a paragraph separator (U+2029) still stands for a blank line after it.
    @Test func everyKindOfLineBreakEndsALine() throws {
        let doc = try NormalizeTests().normalize("The council met on Monday.\u{2029}The mayor spoke next.\u{2028}She said little.\u{85}Then the vote came.\r\nIt passed.\rNobody left.\u{0C}The end came late.\u{0B}\n\n\nLast line.\n")
        expectEqual(doc.string, "The council met on Monday.\n\nThe mayor spoke next.\n\nShe said little.\n\nThen the vote came.\n\nIt passed.\n\nNobody left.\n\nThe end came late.\n\nLast line.")
        expectEqual(doc.paragraphs, [Span(0, 26), Span(28, 49), Span(51, 67), Span(69, 88), Span(90, 100), Span(102, 114), Span(116, 134), Span(136, 146)])
    }
}

