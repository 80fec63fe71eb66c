import Testing
@testable import TextMill

@Suite struct TextEditTests {
    /// A real sentence from the sample corpus, edited the way normalize and boilerplate removal edit.
    let original = "Zhang continued that the unnamed country was, instead,  probably engaged in \"geopolitical games\"."

    @Test func spansFollowDeletionsInsertionsAndReplacements() {
        var doc = Document(id: "t", text: original)
        let words = ["Zhang", "unnamed country", "probably engaged", "geopolitical games"]
        let spans = words.map { w -> Span in
            let r = original.utf8.firstRange(of: w.utf8)!
            return Span(original.utf8.distance(from: original.utf8.startIndex, to: r.lowerBound),
                        original.utf8.distance(from: original.utf8.startIndex, to: r.upperBound))
        }
        doc.sentences = spans
        var editor = TextEditor(doc.text)
        editor.copy(to: 5)                                     // "Zhang"
        editor.replace(to: 15, with: Array(" went on".utf8))   // " continued" → " went on"
        editor.copy(to: 55)
        editor.delete(to: 56)                                   // double space → single
        editor.insert(Array("most ".utf8))                      // insertion before "probably"
        doc.apply(editor.finish())
        expectEqual(doc.string, "Zhang went on that the unnamed country was, instead, most probably engaged in \"geopolitical games\".")
        expectEqual(doc.sentences!.map { doc.string($0) }, words)
    }

    @Test func spanInsideDeletedTextVanishes() {
        var doc = Document(id: "t", text: "toggle caption\n\nThe protest continued.")
        doc.sentences = [Span(0, 14), Span(16, 38)]
        var editor = TextEditor(doc.text)
        editor.delete(to: 16)
        doc.apply(editor.finish())
        expectEqual(doc.sentences!.map { doc.string($0) }, ["The protest continued."])
    }

    @Test func spanEndingInsideAReplacementKeepsTheReplacement() {
        // "e" + combining acute becomes "é": a span that ended after the accent still ends after it.
        var doc = Document(id: "t", text: "Cafe\u{301} open")
        doc.sentences = [Span(0, 6)]
        var editor = TextEditor(doc.text)
        editor.copy(to: 3)
        editor.replace(to: 6, with: Array("é".utf8))
        doc.apply(editor.finish())
        expectEqual(doc.string(doc.sentences![0]), "Café")
    }

    /// A copy, an insertion, then another copy: the second copy keeps a segment of its own (the
    /// insertion leaves none, and the copies must not merge over it).
    @Test func aCopyAfterAnInsertionIsNotMergedWithTheCopyBeforeIt() {
        var doc = Document(id: "t", text: "Harbor City council")
        doc.sentences = [Span(0, 6), Span(7, 11), Span(12, 19)]
        var editor = TextEditor(doc.text)
        editor.copy(to: 7)
        editor.insert(Array("old ".utf8))
        editor.copy(to: 19)
        doc.apply(editor.finish())
        expectEqual(doc.string, "Harbor old City council")
        expectEqual(doc.sentences!.map { doc.string($0) }, ["Harbor", "City", "council"])
    }

    /// An editor that keeps no offset map (a text with no span to carry) makes the same text.
    @Test func anEditorWithoutAMapMakesTheSameText() {
        func edit(_ editor: inout TextEditor) -> [UInt8] {
            editor.copy(to: 5)
            editor.replace(to: 15, with: Array(" went on".utf8))
            editor.copy(to: 55)
            editor.delete(to: 56)
            editor.insert(Array("most ".utf8))
            return editor.finish().text
        }
        var mapped = TextEditor(Array(original.utf8))
        var unmapped = TextEditor(Array(original.utf8), mapsOffsets: false)
        expectEqual(edit(&unmapped), edit(&mapped))
        var doc = Document(id: "t", text: original)
        doc.paragraphs = nil
        var editor = TextEditor(doc.text, mapsOffsets: false)
        editor.copy(to: 5)
        editor.delete(to: 15)
        doc.apply(editor.finish())
        expectEqual(doc.string, "Zhang that the unnamed country was, instead,  probably engaged in \"geopolitical games\".")
    }
}
