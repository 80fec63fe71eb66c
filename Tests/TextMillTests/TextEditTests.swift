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
        #expect(doc.string == "Zhang went on that the unnamed country was, instead, most probably engaged in \"geopolitical games\".")
        #expect(doc.sentences!.map { doc.string($0) } == words)
    }

    @Test func spanInsideDeletedTextVanishes() {
        var doc = Document(id: "t", text: "toggle caption\n\nThe protest continued.")
        doc.sentences = [Span(0, 14), Span(16, 38)]
        var editor = TextEditor(doc.text)
        editor.delete(to: 16)
        doc.apply(editor.finish())
        #expect(doc.sentences!.map { doc.string($0) } == ["The protest continued."])
    }

    @Test func spanEndingInsideAReplacementKeepsTheReplacement() {
        // "e" + combining acute becomes "é": a span that ended after the accent still ends after it.
        var doc = Document(id: "t", text: "Cafe\u{301} open")
        doc.sentences = [Span(0, 6)]
        var editor = TextEditor(doc.text)
        editor.copy(to: 3)
        editor.replace(to: 6, with: Array("é".utf8))
        doc.apply(editor.finish())
        #expect(doc.string(doc.sentences![0]) == "Café")
    }
}
