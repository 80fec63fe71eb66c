import Testing
@testable import TextMill

/// The cheaper paths of cleanup (plain text), normalize and sentences for short news (issue 17):
/// each gives what the general path gives.
@Suite struct ShortNewsFastPathTests {
    // MARK: cleanup: the headline test from bytes

    func quick(_ line: String) -> (isHeadline: Bool, trimmed: Range<Int>)? {
        Array(line.utf8).withUnsafeBufferPointer { CleanupStage.quickHeadline($0) }
    }

    /// Lines the byte test judges and lines it hands to the test by characters, with the title
    /// each gives as the first line of a story.
    @Test func headlineFromBytesAgreesWithTheTestByCharacters() {
        let cases: [(line: String, title: String?, quick: Bool)] = [
            ("China’s Diplomatic Pressure Looms Over “Case” Against Activists",
             "China’s Diplomatic Pressure Looms Over “Case” Against Activists", true),
            ("  Café owners protest new rules in Almaty \t", "Café owners protest new rules in Almaty", true),
            ("Protests spread across the region’s capital.", nil, true),
            ("2024 budget — what changed", "2024 budget — what changed", true),
            ("Ab—", "Ab—", true),
            ("Ab", nil, true),
            ("42 — 17", nil, false),
            ("Council approves € 3 million for the “harbor” plan", "Council approves € 3 million for the “harbor” plan", true),
            (String(repeating: "Word ", count: 50) + "“end”", nil, true),
            ("“Quoted headline opens with a mark”", nil, true),
            ("Élan returns to the capital", "Élan returns to the capital", false),
            ("Re\u{301}sume\u{301} fraud trial opens", "Re\u{301}sume\u{301} fraud trial opens", false),
            ("Budget vote delayed\u{00A0}", "Budget vote delayed", false),
            ("Привет, the Almaty desk", "Привет, the Almaty desk", false),
            ("–– ——", nil, true),
            ("¹ Footnote heading", "¹ Footnote heading", false),
        ]
        for c in cases {
            let text = Array((c.line + "\n\nThe story begins here. It goes on.").utf8)
            expectEqual(CleanupStage.headline(text), c.title, "\(c.line)")
            let q = quick(c.line)
            expectEqual((q != nil), c.quick, "\(c.line)")
            expectEqual(CleanupStage.fullHeadline(ArraySlice(c.line.utf8)), c.title, "\(c.line)")
        }
    }

    // MARK: TextEditor: nothing copied until the first change

    let sentence = "Zhang continued that the unnamed country was probably engaged in “geopolitical games”."

    @Test func editorWithoutChangesGivesTheTextBack() {
        let bytes = Array(sentence.utf8)
        var editor = TextEditor(bytes)
        editor.copy(to: 5)
        #expect(editor.written == Array("Zhang".utf8) && editor.writtenCount == 5)
        editor.copy(to: 20)
        editor.replace(to: 20, with: EmptyCollection<UInt8>())   // an empty replacement of nothing changes nothing
        let edit = editor.finish()
        #expect(!editor.changed)
        expectEqual(edit.text, bytes)
        expectEqual(edit.map.remap(Span(6, 15)), Span(6, 15))
        expectEqual(edit.map.remap(Span(0, bytes.count)), Span(0, bytes.count))
    }

    @Test func editorChangeAfterCopiesKeepsWhatCameBefore() {
        let bytes = Array(sentence.utf8)
        var editor = TextEditor(bytes)
        editor.copy(to: 15)                                   // "Zhang continued"
        expectEqual(editor.written, Array("Zhang continued".utf8))
        editor.replace(to: 20, with: Array(" it was said that".utf8))  // " that" → " it was said that"
        #expect(editor.written == Array("Zhang continued it was said that".utf8) && editor.writtenCount == 32)
        editor.copy(to: 45)
        editor.delete(to: 54)                                 // "probably "
        let edit = editor.finish()
        #expect(String(decoding: edit.text, as: UTF8.self)
                == "Zhang continued it was said that the unnamed country was engaged in “geopolitical games”.")
        // "unnamed country" moves by the 12 bytes inserted; "probably" vanishes.
        expectEqual(edit.map.remap(Span(25, 40)), Span(37, 52))
        expectEqual(edit.map.remap(Span(45, 53)), nil)
    }

    // MARK: normalize: line widths and runs left as they are

    /// The widths as the byte loop before issue 17 counted them: scalars up to 101, and those of
    /// the first word among them.
    func referenceWidths(_ line: String) -> (Int, Int) {
        var length = 0, firstWord = 0, inFirst = true
        for c in line.utf8 where length <= TextNormalizer.maxWrapWidth {
            guard !UTF8.isContinuation(c) else { continue }
            length += 1
            if inFirst { if c == 0x20 { inFirst = false } else { firstWord += 1 } }
        }
        return (length, firstWord)
    }

    @Test func lineWidthsCountScalarsUpToTheWrapWidth() {
        let lines: [(String, Int, Int)] = [
            ("Привет мир", 10, 6),
            ("The council met on Monday.", 26, 3),
            ("", 0, 0),
            ("word", 4, 4),
            (String(repeating: "a", count: 150) + " tail", 101, 101),
            (String(repeating: "é", count: 99) + " x", 101, 99),
            (String(repeating: "日本", count: 60), 101, 101),
            (String(repeating: "😀", count: 30) + " " + String(repeating: "b", count: 200), 101, 30),
            ("Wire story " + String(repeating: "ü", count: 120), 101, 4),
        ]
        for (line, length, firstWord) in lines {
            let bytes = Array(line.utf8)
            let got = bytes.withUnsafeBufferPointer { TextNormalizer.widths($0, 0, $0.count) }
            #expect(got.length == length && got.firstWord == firstWord, "\(line.prefix(20))")
            #expect(referenceWidths(line) == (length, firstWord), "\(line.prefix(20))")
        }
    }

    /// The text's bytes after normalize (compared as bytes: `String` equality would hide a
    /// composition left undone) and whether the stage counted a change.
    func normalize(_ s: String, _ options: [String: JSONValue] = [:]) throws -> (text: [UInt8], changed: Bool) {
        let stage = try NormalizeStage(options: .defaults(NormalizeStage.options, options))
        var doc = Document(id: "t", text: s)
        var context = StageContext()
        try stage.process(&doc, &context)
        return (doc.text, context.counters["documents changed"] == 1)
    }

    @Test func runsThatNeedNoCleaningStayAndOthersAreCleaned() throws {
        let plain = "He said “no” to the café’s plan — twice… Zürich’s 5 € fee stays."
        #expect(try normalize(plain) == (Array(plain.utf8), false))
        #expect(try normalize("The cafÃ© opened near the Ã¼ber-busy station.") == (Array("The café opened near the über-busy station.".utf8), true))
        #expect(try normalize("Ame\u{301}lie’s story") == (Array("Amélie’s story".utf8), true))
        #expect(try normalize("soft\u{AD}ware “quoted”") == (Array("software “quoted”".utf8), true))
        #expect(try normalize("He said “no” — twice.", ["fold_quotes": true]) == (Array("He said \"no\" — twice.".utf8), true))
        #expect(try normalize("He said “no” — twice.", ["fold_dashes": true]) == (Array("He said “no” - twice.".utf8), true))
        #expect(try normalize("ﬁne ½ ²", ["form": "NFKC"]) == (Array("fine 1⁄2 2".utf8), true))
        // White space at every offset of the blocks the scan skips at once.
        for offset in 1..<40 {
            for gap in ["  ", " \t", "\t", " \u{A0}", "\u{7F}"] {
                let word = String(repeating: "x", count: offset)
                let tail = String(repeating: "y", count: 40)
                let expected = gap == "\u{7F}" ? word + tail : word + " " + tail
                #expect(try normalize(word + gap + tail) == (Array(expected.utf8), true), "\(offset) \(gap.unicodeScalars.map(\.value))")
            }
        }
    }

    // MARK: stage counters

    @Test func countersAddUpByNameInTheOrderFirstCounted() {
        var context = StageContext()
        context.count("text documents")
        context.count("paragraphs", 3)
        context.count("text documents")
        context.count("residue lines removed", 0)
        var other = StageContext()
        other.count("paragraphs", 2)
        other.count("html documents")
        context.merge(other)
        expectEqual(context.counters, ["text documents": 2, "paragraphs": 5, "residue lines removed": 0, "html documents": 1])
        expectEqual(context.list.slots.map(\.name), ["text documents", "paragraphs", "residue lines removed", "html documents"])
    }

    // MARK: sentences: the scan for stops, sixteen bytes at a time

    /// Every byte value at every offset of a block: the scan stops at the first stop byte, ASCII
    /// control up to the carriage return (0x00–0x0D: the line terminators LF, VT, FF, CR among
    /// them, since session 34) or non-ASCII byte, or where fewer than eight bytes are left, as
    /// the byte loop expects.
    @Test func scanStopsAtTheFirstStopByteWhereverItIs() {
        let stops = Set<UInt8>([0x2E, 0x3F, 0x21, 0x22, 0x27, 0x60, 0x3A] + Array(UInt8(0x00)...UInt8(0x0D)))
        let filler = Array("the council met on monday and agreed to a budget for the harbor ".utf8)
        for length in [7, 8, 15, 16, 17, 31, 40] {
            for position in 0..<length {
                for value in 0...255 {
                    var bytes = Array(filler.prefix(length))
                    bytes[position] = UInt8(value)
                    let isStop = stops.contains(UInt8(value)) || value >= 0x80
                    let expected = isStop && position < length / 8 * 8 ? position : length / 8 * 8
                    let got = bytes.withUnsafeBufferPointer { SentenceCharacters.skipPlainASCII($0.baseAddress!, from: 0, length) }
                    if got != expected { Issue.record("length \(length), byte \(value) at \(position): \(got), expected \(expected)") }
                }
            }
        }
    }

    /// The punctuation block answered without the category table agrees with the table.
    @Test func generalPunctuationIsNoContent() {
        for value in UInt32(0x2010)...0x2027 {
            let bytes = Array(String(Unicode.Scalar(value)!).utf8)
            let (content, length) = bytes.withUnsafeBufferPointer { SentenceCharacters.isContent($0.baseAddress!, 0, $0.count) }
            #expect(!content && length == 3, "U+\(String(value, radix: 16))")
            let category = Unicode.Scalar(value)!.properties.generalCategory
            #expect([.dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation]
                        .contains(category), "U+\(String(value, radix: 16))")
        }
        expectEqual(SentenceSplitter.standard.sentences("“Yes.” — “No.” ‘Maybe’ … he said."), ["“Yes.”", "— “No.”", "‘Maybe’ … he said."])
    }

    // MARK: sentences: the closing test behind a first-byte table

    @Test func closingsBeforeTheSignatureInAnyCase() {
        let splitter = SentenceSplitter.standard
        expectEqual(splitter.sentences("We met on Monday. YOURS TRULY, Anna Ruiz"), ["We met on Monday.", "YOURS TRULY,", "Anna Ruiz"])
        expectEqual(splitter.sentences("We met on Monday. Warm Regards, Anna Ruiz"), ["We met on Monday.", "Warm Regards,", "Anna Ruiz"])
        expectEqual(splitter.sentences("We met on Monday. Cordially, Anna Ruiz"), ["We met on Monday.", "Cordially,", "Anna Ruiz"])
        expectEqual(splitter.sentences("We met on Monday. Thanks, Anna, for the notes."), ["We met on Monday.", "Thanks, Anna, for the notes."])
        #expect(LetterClosingLexicon.beforeNameFirstBytes.enumerated().filter(\.element).map { Character(Unicode.Scalar(UInt8($0.offset))) }
                == ["B", "C", "K", "R", "S", "W", "Y", "b", "c", "k", "r", "s", "w", "y"])
    }
}
