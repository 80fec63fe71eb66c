import Foundation
import Testing
@testable import TextMill

/// Lexicon files written with Windows line ends ("\r\n") read as the same entries as with "\n".
/// Split by `Character`, "\r\n" is one character and no "\n": such a file was read as one entry,
/// and every word in it was lost without a word (an abbreviations file of two entries split the
/// sentences as if it were empty).
@Suite struct LexiconLineEndTests {
    @Test func entriesAreTheSameWithEitherLineEnd() {
        let lf = "# extra titles\nZorp.\n  Quix. TITLE # a comment\n\n\tBlah\n"
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        for text in [lf, crlf] {
            let entries = LexiconText.entries(text)
            expectEqual(entries.map(\.line), [2, 3, 5])
            expectEqual(entries.map { String($0.text) }, ["Zorp.", "Quix. TITLE", "Blah"])
        }
    }

    @Test(arguments: ["\n", "\r\n"])
    func anAbbreviationsFileHoldsItsAbbreviations(lineEnd: String) throws {
        let dir = TemporaryDirectory()
        let path = dir.write("abbrev.txt", ["# our newsroom's", "Zorp.", "Quix.", ""].joined(separator: lineEnd))
        let stage = try SentencesStage(options: .defaults(SentencesStage.options, ["abbreviations_file": .string(path)]))
        var doc = Document(id: "a", text: "He met the Zorp. Smith team. Then Quix. Jones left.")
        var context = StageContext()
        try stage.process(&doc, &context)
        expectEqual(doc.sentences?.map { doc.string($0) }, ["He met the Zorp. Smith team.", "Then Quix. Jones left."])
    }

    @Test(arguments: ["\n", "\r\n"])
    func aQuotesLexiconFileHoldsItsWords(lineEnd: String) throws {
        let dir = TemporaryDirectory()
        let path = dir.write("verbs.txt", ["# verbs of our wire", "message messages messaged messaging", ""].joined(separator: lineEnd))
        let stage = try QuotesStage(options: .defaults(QuotesStage.options, ["lexicon_files": .object(JSONObject([("reporting_verbs", .string(path))]))]))
        var doc = Document(id: "t", text: "Another independent journalist, Makhambet Abjan, messaged that on January 5, police came to his apartment.")
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        try stage.process(&doc, &context)
        let quotes = doc.quotes ?? []
        expectEqual(quotes.map { doc.string($0.span) }, ["on January 5, police came to his apartment"])
        expectEqual(quotes.map { $0.cue.map { doc.string($0.span) } }, ["messaged"])
    }

    @Test(arguments: ["\n", "\r\n"])
    func aResidueFileHoldsItsRules(lineEnd: String) throws {
        let dir = TemporaryDirectory()
        let path = dir.write("residue.txt", ["# our site's furniture", "prefix photo gallery:", "line share this story", ""].joined(separator: lineEnd))
        #expect(try ResidueRules.parse(dir.read("residue.txt"), origin: "residue.txt").map { String(decoding: $0.pattern, as: UTF8.self) }
                == ["photo gallery:", "share this story"])
        var doc = Document(id: "t", text: "Story text here.\n\nPHOTO GALLERY: twelve pictures\n\nShare this story\n\nMore text.")
        var context = StageContext()
        try CleanupFixtures.stage(["residue_file": .string(path)]).process(&doc, &context)
        expectEqual(doc.string, "Story text here.\n\nMore text.")
    }
}
