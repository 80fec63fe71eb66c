import Foundation
import Testing
@testable import TextMill

/// The second round of cheaper paths for short news (issue 17) in cleanup (plain text),
/// normalize and sentences: each gives what the general path gives.
@Suite struct ShortNewsStageCostTests {
    let story = "Protesters gather in Almaty’s main square\n\nOrganizers said 300 people came. Police watched.\n\n“We will return,” said Aliya Nurova, a teacher.\n"

    // MARK: normalize: a trailing line break is cut in place

    @Test func trailingLineBreakIsACutNotAnEdit() throws {
        let normalizer = TextNormalizer()
        let bytes = Array(story.utf8)
        guard case .truncated(let end) = try normalizer.normalized(bytes) else {
            Issue.record("a story file's trailing line break should be a cut")
            return
        }
        expectEqual(end, bytes.count - 1)
        // The public answer is still the edit it always was.
        let edit = try #require(try normalizer.normalize(bytes))
        expectEqual(edit.text, Array(bytes.dropLast()))
        expectEqual(edit.map.remap(Span(0, bytes.count)), Span(0, bytes.count - 1))
        guard case .unchanged = try normalizer.normalized(Array(bytes.dropLast())) else {
            Issue.record("a story without the line break needs nothing")
            return
        }
        guard case .edited = try normalizer.normalized(Array("Two  spaces here.\n".utf8)) else {
            Issue.record("a change before the end is an edit")
            return
        }
    }

    @Test func stageCutsTheTrailingLineBreakAndFindsTheParagraphs() throws {
        let stage = try NormalizeStage(options: .defaults(NormalizeStage.options, [:]))
        var doc = Document(id: "t", text: story)
        doc.paragraphs = [Span(0, 5)]   // whatever came before is found again
        var context = StageContext()
        try stage.process(&doc, &context)
        expectEqual(doc.string, String(story.dropLast()))
        expectEqual(doc.paragraphs, [Span(0, 43), Span(45, 93), Span(95, 146)])
        expectEqual(context.counters["documents changed"], 1)
    }

    @Test func spansMadeBeforeAreCarriedThroughTheCut() throws {
        let stage = try NormalizeStage(options: .defaults(NormalizeStage.options, [:]))
        var doc = Document(id: "t", text: story + "  \n\n")
        doc.sentences = [Span(45, 77), Span(78, 93), Span(95, 149)]   // the last one into the white space cut
        var context = StageContext()
        try stage.process(&doc, &context)
        expectEqual(doc.string, String(story.dropLast()))
        expectEqual(doc.sentences, [Span(45, 77), Span(78, 93), Span(95, 146)])
    }

    // MARK: normalize: lines measured only where they may be joined

    @Test func linesAreMeasuredOnlyInBlocksOfSeveralLines() throws {
        let bytes = Array("A single line paragraph that is long enough to count.\n\nshort".utf8)
        let lines = bytes.withUnsafeBufferPointer { b -> [TextNormalizer.Line] in
            var scanner = TextNormalizer.LineScanner(b)
            var lines: [TextNormalizer.Line] = []
            while let line = scanner.next() { lines.append(line) }
            return lines
        }
        #expect(lines.map(\.contentStart) == [0, 54, 55] && lines.map(\.contentEnd) == [53, 54, 60])
        #expect(lines.allSatisfy { $0.length == 0 && $0.firstWord == 0 && !$0.startsWithListMarker })
        // Hard-wrapped prose is still joined, a list is not.
        let wrapped = "The council met on Monday to discuss the new budget for the\nharbor, which was approved after a long debate in the\nevening.\n\n- first item of the list\n- second item"
        let edit = try #require(try TextNormalizer().normalize(Array(wrapped.utf8)))
        #expect(String(decoding: edit.text, as: UTF8.self)
                == "The council met on Monday to discuss the new budget for the harbor, which was approved after a long debate in the evening.\n\n- first item of the list\n\n- second item")
    }

    // MARK: normalize: the sixteen-byte skips

    @Test func lineBreaksAreFoundAtEveryOffsetOfTheWideSkip() throws {
        let breaks = ["\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"]
        for offset in 1..<40 {
            let word = String(repeating: "x", count: offset)
            let tail = String(repeating: "y", count: 40)
            for lineBreak in breaks {
                let edit = try TextNormalizer().normalize(Array((word + lineBreak + tail).utf8))
                expectEqual(edit.map { String(decoding: $0.text, as: UTF8.self) }, word + "\n\n" + tail,
                        "\(offset) \(lineBreak.unicodeScalars.map(\.value))")
            }
            // Characters that share a lead byte with a line break but are none stay as they are.
            for same in ["’", "—"] {
                #expect(try TextNormalizer().normalize(Array((word + same + tail).utf8)) == nil, "\(offset) \(same)")
            }
        }
    }

    @Test func spacesAndControlsAreFoundAtEveryLaneOfTheWideSkip() throws {
        // (inserted, expected in its place): the cases the byte rule decides by the byte after a space.
        let cases: [(String, String)] = [
            ("  ", " "), (" \t", " "), ("\t", " "), (" \u{A0}", " "), ("\u{7F}", ""), ("\u{01}", ""),
            (" ’", " ’"), (" é", " é"), (" \u{7F}", " "),
        ]
        for offset in 0..<34 {
            let head = String(repeating: "h", count: offset)
            let tail = "ends here with a few more words"
            for (inserted, expected) in cases {
                let text = "A" + head + inserted + tail
                let want = "A" + head + expected + tail
                let got = try TextNormalizer().normalize(Array(text.utf8)).map { String(decoding: $0.text, as: UTF8.self) } ?? text
                expectEqual(got, want, "\(offset) \(inserted.unicodeScalars.map(\.value))")
            }
        }
    }

    // MARK: cleanup: residue rules behind gates

    func cleaner() throws -> ResidueCleaner {
        ResidueCleaner(rules: try ResidueRules.parse(ResidueLexicon.rules, origin: "built-in"))
    }

    func shape(_ text: String, previous: Range<Int>? = nil) -> ResidueGate.Shape {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { b in
            let line = ResidueCleaner.lines(b)[0]
            return ResidueGate.Shape(line, b, previous: previous)
        }
    }

    @Test func storyLinesPassFewBuiltInGates() throws {
        let residue = try cleaner()
        // Lines up to 60 bytes that open with a letter may be a name over an author card, a line
        // that opens with a digit may be time stamps; no other built-in rule is tried.
        let expected: [(String, [ResidueRule.Kind])] = [
            ("Protesters gather in Almaty’s main square", [.authorCard]),
            ("Organizers said 300 people came. Police watched.", [.authorCard]),
            ("“We will return,” said Aliya Nurova, a teacher.", []),
            ("Police watched the square from early morning until the crowd left at noon.", []),
            ("300 people came to the square on Sunday, the organizers said afterwards.", [.timestamps]),
        ]
        for (line, kinds) in expected {
            let s = shape(line)
            expectEqual(residue.gates.indices.filter { residue.gates[$0].admits(s) }.map { residue.rules[$0].kind }, kinds, "\(line)")
        }
    }

    @Test func aLineIsTriedOnlyOnTheRulesItsFirstByteAllows() throws {
        let residue = try cleaner()
        func rules(_ first: Character) -> [String] {
            let c = Int(first.asciiValue ?? 0)
            return (residue.candidateStarts[c]..<residue.candidateStarts[c + 1]).map { j in
                let rule = residue.rules[residue.candidates[j]]
                return (rule.kind.rawValue + " " + String(decoding: rule.pattern, as: UTF8.self)).trimmingCharacters(in: .whitespaces)
            }
        }
        expectEqual(rules("p"), ["line please wait", "caption hide caption", "repeated", "author-card"])
        expectEqual(rules("s"), ["line share", "caption hide caption", "prefix see also:", "line skip to main content",
                               "line skip to content", "line skip to navigation", "repeated", "author-card"])
        expectEqual(rules("="), ["caption hide caption", "repeated", "wiki-heading"])
        expectEqual(rules("1"), ["timestamps", "caption hide caption", "line 16x9 image", "repeated"])
        expectEqual(rules("<"), ["markup", "caption hide caption", "repeated"])
        // A line that opens with a curly quote (0xE2): only the rules that look at its end or length.
        let curly = Int(0xE2)
        #expect((residue.candidateStarts[curly]..<residue.candidateStarts[curly + 1]).map { residue.rules[residue.candidates[$0]].kind }
                == [.caption, .repeated])
    }

    @Test func everyLineARuleRemovesPassesItsGate() throws {
        let residue = try cleaner()
        let lines = ["Download", "DOWNLOAD", "toggle caption", "16x9 Image", "SEE ALSO: more stories", "read more: the archive",
                     "<iframe src=\"x\"></iframe>", "0:00 0:01:00 0:00", "== History ==", "Infobox",
                     "A man waves a flag. Emily Feng/NPR hide caption", "To find out more, click here."]
        for line in lines {
            let s = shape(line)
            let bytes = Array(line.utf8)
            let matching = bytes.withUnsafeBufferPointer { b in
                residue.rules.indices.filter { residue.matchesForTest(k: $0, line: ResidueCleaner.lines(b), b) }
            }
            #expect(!matching.isEmpty, "\(line)")
            for k in matching { #expect(residue.gates[k].admits(s) && residue.gates[k].mayAdmit(first: s.first), "\(line) rule \(k)") }
        }
        // A repeated standfirst: the same length as the line before.
        let standfirst = "Thousands marched in the capital on Sunday"
        let twice = standfirst + "\n" + standfirst
        expectEqual(residue.clean(Array(twice.utf8))?.edit.text, Array((standfirst + "\n").utf8))
        // An author card: a name, then a paragraph that starts with it and " is ".
        let card = "Story text.\n\nAliya Nurova\n\nAliya Nurova is a reporter in Almaty."
        expectEqual(residue.clean(Array(card.utf8))?.edit.text, Array("Story text.\n\n".utf8))
    }

    // MARK: sentences: back to the wide skip after a multi-byte character

    @Test func stopsAfterMultiByteCharactersAreFoundAtEveryOffset() {
        let splitter = SentenceSplitter.standard
        for offset in 0..<40 {
            let gap = String(repeating: "w", count: offset)
            for mark in ["’s", "é", "—", "日本", "😀"] {
                let first = "The women\(mark) day \(gap) ended."
                let text = first + " Then it rained. “Home,” she said."
                expectEqual(splitter.sentences(text), [first, "Then it rained.", "“Home,” she said."], "\(offset) \(mark)")
            }
        }
    }
}

extension ResidueCleaner {
    /// Whether rule `k` matches the first line of `lines` (for the gate tests).
    func matchesForTest(k: Int, line lines: [Line], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        matches(rules[k], lines[0], lines, 0, b, previous: nil)
    }
}
