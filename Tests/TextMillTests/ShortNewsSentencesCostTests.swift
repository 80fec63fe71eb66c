import Testing
@testable import TextMill

/// What the `sentences` stage does once a document beyond its scan (issue 17, session 16): the
/// counters of a fresh context, the splitter's tables the scanner holds, and the quick test a
/// sentence start passes before the letter closings are looked for. Each gives what the
/// longer way gave.
@Suite struct ShortNewsSentencesCostTests {
    // MARK: counters: the first name inline

    @Test func oneNameIsCountedWithoutAListAndAddsUpWhenMerged() {
        var total = StageContext()
        for amount in [3, 0, 5] {
            var context = StageContext()
            context.count("sentences", amount)
            expectEqual(context.list.slots.map(\.name), ["sentences"])
            expectEqual(context.counters, ["sentences": amount])
            total.merge(context)
        }
        expectEqual(total.counters, ["sentences": 8])
        #expect(StageContext().list.isEmpty)
        #expect(StageContext().counters.isEmpty)
    }

    /// Sixteen names in order (the inline first one among them), the rest by name; merged into a
    /// context that counted other names first, every amount still adds up.
    @Test func namesPastTheListStillAddUp() {
        var context = StageContext()
        let names = (1...20).map { "counter \($0)" }
        for (k, name) in names.enumerated() { context.count(name, k + 1) }
        context.count("counter 1", 100)
        context.count("counter 20", 100)
        expectEqual(context.list.slots.map(\.name), Array(names.prefix(CounterList.slotLimit)))
        expectEqual(context.list.overflow.keys.sorted(), names.suffix(names.count - CounterList.slotLimit).sorted())
        var expected = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, $0.offset + 1) })
        expected["counter 1"]! += 100
        expected["counter 20"]! += 100
        expectEqual(context.counters, expected)
        var other = StageContext()
        other.count("paragraphs", 7)
        other.count("counter 2", 1)
        other.merge(context)
        expected["paragraphs"] = 7
        expected["counter 2"]! += 1
        expectEqual(other.counters, expected)
        expectEqual(other.list.slots.first.map(\.name), "paragraphs")
    }

    // MARK: the splitter's tables

    /// A copy of the splitter (the scanner makes one a document) holds the same tables, not
    /// copies of their arrays.
    @Test func aSplitterCopySharesItsTables() {
        let splitter = SentenceSplitter.standard
        let copy = splitter
        #expect(copy.abbreviations === splitter.abbreviations)
        #expect(copy.starters === splitter.starters)
        #expect(copy.closings === LetterClosingLexicon.matcher)
        #expect(splitter.abbreviations.count > 100 && splitter.starters.count > 100)
    }

    // MARK: letter closings: the prefix test before the comma scan

    func mayOpen(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { LetterClosingLexicon.matcher.mayOpenBeforeName($0.baseAddress!, 0, $0.count) }
    }

    /// Every closing of `beforeName`, in any capitalisation, passes; sentence openings that share
    /// only a first letter with one do not (they were scanned for a comma before).
    @Test func everyClosingPassesThePrefixTestAndOrdinaryOpeningsDoNot() {
        for closing in LetterClosingLexicon.beforeName {
            let capitalised = closing.prefix(1).uppercased() + closing.dropFirst()
            for form in [closing, capitalised, closing.uppercased()] {
                #expect(mayOpen(form + ", Anna Ruiz"), "\(form)")
                #expect(mayOpen(form), "\(form)")
            }
        }
        for opening in ["But the council", "Russia said", "We met", "Company shares", "Kiev", "Board members", "Yesterday",
                        "With love,", "Thanks, Anna", "The minister", "Si", "S", "“Sincerely,"] {
            #expect(!mayOpen(opening), "\(opening)")
        }
        expectEqual(LetterClosingLexicon.matcher.prefixLength, 3)
        expectEqual(LetterClosingLexicon.matcher.prefixes.count, 8)
    }

    /// The splitter's answers at closings and at openings the prefix test now turns away.
    @Test func closingsAndTheirLookalikesSplitAsBefore() {
        let splitter = SentenceSplitter.standard
        expectEqual(splitter.sentences("We met on Monday. Kind regards, Anna Ruiz"), ["We met on Monday.", "Kind regards,", "Anna Ruiz"])
        expectEqual(splitter.sentences("We met on Monday. SINCERELY YOURS, Anna Ruiz"), ["We met on Monday.", "SINCERELY YOURS,", "Anna Ruiz"])
        expectEqual(splitter.sentences("We met on Monday. Respectfully, Anna Ruiz"), ["We met on Monday.", "Respectfully,", "Anna Ruiz"])
        expectEqual(splitter.sentences("We met on Monday. Best wishes, Anna Ruiz"), ["We met on Monday.", "Best wishes,", "Anna Ruiz"])
        expectEqual(splitter.sentences("We met on Monday. Kindness, Anna said, matters."), ["We met on Monday.", "Kindness, Anna said, matters."])
        expectEqual(splitter.sentences("We met on Monday. Regardless, Anna Ruiz left."), ["We met on Monday.", "Regardless, Anna Ruiz left."])
        expectEqual(splitter.sentences("We met on Monday. Russia, Anna said, agreed."), ["We met on Monday.", "Russia, Anna said, agreed."])
        expectEqual(splitter.sentences("We met on Monday.\nYours truly,\nAnna Ruiz"), ["We met on Monday.", "Yours truly,", "Anna Ruiz"])
    }
}
