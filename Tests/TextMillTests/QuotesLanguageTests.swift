import Foundation
import Testing
@testable import TextMill

/// `quotes` reads English only (issue 14, part 3): a document in another language is skipped
/// and counted (`quotes skipped, not English`), not misread. Short news paragraphs written for
/// the test, each with quotation marks and a cue of its own language.
@Suite struct QuotesLanguageTests {
    static let german = """
    Die Regierung in Berlin hat am Dienstag neue Regeln für den Kohleausstieg vorgestellt. „Wir werden die Kraftwerke schneller abschalten, als viele glauben“, sagte die Ministerin vor Journalisten. Die Opposition nannte den Plan „zu spät und zu teuer“ und kündigte Widerstand im Bundestag an.
    """
    static let french = """
    Le maire de Lyon a présenté lundi un plan pour réduire la circulation dans le centre-ville. « Nous voulons rendre les rues aux piétons et aux cyclistes », a déclaré l’élu lors d’une conférence de presse. Les commerçants craignent une baisse de leur chiffre d’affaires pendant les travaux.
    """
    static let spanish = """
    El Gobierno de Chile anunció el martes un aumento del salario mínimo para el próximo año. "Es una medida justa que beneficiará a millones de trabajadores", dijo la ministra del Trabajo en una entrevista con la radio local. Los empresarios advirtieron que el cambio podría afectar a las pequeñas empresas.
    """
    static let english = """
    The city council in Leeds voted on Tuesday to close two libraries at the end of the year. "We have no money left for buildings that nobody visits," said council leader Mary Hollis after the vote. Residents who had campaigned against the plan said they would take the decision to court.
    """

    /// Runs sentences then quotes; the quotes as "kind: words — speaker", and the counters.
    func run(_ text: String, meta: JSONObject = JSONObject()) throws -> (quotes: [String], counters: [String: Int]) {
        var doc = Document(id: "t", text: text)
        doc.meta = meta
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        try QuotesStage(options: .defaults(QuotesStage.options)).process(&doc, &context)
        expectEqual(doc.firstInvalidSpan(), nil)
        let quotes = (doc.quotes ?? []).map { q in
            "\(q.kind.rawValue): \(doc.string(q.span)) — \(q.speaker?.entity?.name ?? "none")"
        }
        return (quotes, context.counters)
    }

    @Test(arguments: [("German", german), ("French", french), ("Spanish", spanish)])
    func aNewsParagraphInAnotherLanguageIsSkippedAndCounted(_ language: String, _ text: String) throws {
        let result = try run(text)
        expectEqual(result.quotes, [], "\(language)")
        expectEqual(result.counters[QuotesStage.skippedCounter], 1, "\(language)")
        #expect(result.counters["quotes direct"] == nil && result.counters["quotes mixed"] == nil, "\(language)")
    }

    @Test func anEnglishParagraphIsRead() throws {
        let result = try run(Self.english)
        expectEqual(result.quotes, [
            "direct: We have no money left for buildings that nobody visits, — Mary Hollis",
            "indirect: they would take the decision to court — residents",
        ])
        expectEqual(result.counters[QuotesStage.skippedCounter], nil)
    }

    /// With `meta.language` from the `language` stage, its code decides; "un" (no language
    /// found) leaves it to the text.
    @Test func theLanguageStagesCodeDecides() throws {
        func meta(_ code: String) -> JSONObject {
            JSONObject([("language", .object(JSONObject([("code", .string(code)), ("score", JSONValue(0.98))])))])
        }
        expectEqual(try run(Self.english, meta: meta("de")).counters[QuotesStage.skippedCounter], 1)
        expectEqual(try run(Self.english, meta: meta("en")).quotes.count, 2)
        expectEqual(try run(Self.english, meta: meta("un")).quotes.count, 2)
        expectEqual(try run(Self.german, meta: meta("un")).counters[QuotesStage.skippedCounter], 1)
    }

    /// A text too short to judge (a headline, a one-line note) is read.
    @Test func aShortTextIsNotJudged() throws {
        let result = try run("\"We will win,\" Garcia said.")
        expectEqual(result.quotes, ["direct: We will win, — Garcia"])
    }

    /// The check reads a bounded start of the text: a long English article whose end is in
    /// another language is English, and the reverse is not.
    @Test func onlyTheStartOfTheTextIsRead() {
        let check = EnglishCheck.standard
        let long = String(repeating: Self.english + "\n\n", count: 5)
        let germanLong = String(repeating: Self.german + "\n\n", count: 5)
        #expect(check.looksEnglish(Array((long + germanLong).utf8)))
        #expect(!check.looksEnglish(Array((germanLong + long).utf8)))
    }

    /// The marker list holds no entry twice and no word of the other languages it must not
    /// count ("in", "a", "die", …).
    @Test func theMarkerListIsClean() {
        let words = LexiconText.entries(QuotesLexiconData.englishMarkerWords).map { String($0.text) }
        expectEqual(Set(words).count, words.count)
        #expect(Set(words).isDisjoint(with: ["in", "a", "an", "was", "die", "on", "is", "so", "no", "de", "i"]))
    }

    /// Marker words are matched whole and whatever their case, short ones through their packed
    /// keys and longer ones byte by byte: a word that only starts like a marker, or that holds a
    /// marker, is no marker. The share is counted exactly at the threshold.
    @Test func markersMatchWholeWordsOfAnyLength() {
        let check = EnglishCheck(words: "the\nwith\nnevertheless")
        // 25 words: 3 markers (The, WITH, Nevertheless) is 0.12 of 25, the threshold.
        let hits = "The harbor WITH Nevertheless"
        let misses = "theory withheld nevertheles bathe them others without thereby"
        let filler = (1...13).map { _ in "quay" }.joined(separator: " ")
        let text = [hits, misses, filler].joined(separator: " ")
        expectEqual(text.split(separator: " ").count, 25)
        #expect(check.looksEnglish(Array(text.utf8)))
        // One marker fewer falls below it.
        #expect(!check.looksEnglish(Array(text.replacingOccurrences(of: "WITH", with: "from").utf8)))
        // The long marker alone counts too: swap the two short ones for non-markers and add two
        // more long ones in place of filler.
        let longOnly = text.replacingOccurrences(of: "The harbor WITH", with: "Nevertheless harbor nevertheless")
        #expect(check.looksEnglish(Array(longOnly.utf8)))
    }

    /// Only the first `englishCheckWords` words are read; a word is a run of letters, where a
    /// digit or punctuation ends it and a non-ASCII byte (’, é) is part of it.
    @Test func wordsAreRunsOfLettersAndOnlyTheFirstOnesCount() {
        let check = EnglishCheck(words: "the")
        let limit = QuotesLexiconData.englishCheckWords
        // No marker among the first words: markers after them change nothing.
        let late = Array(repeating: "quay", count: limit) + Array(repeating: "the", count: 3 * limit)
        #expect(!check.looksEnglish(Array(late.joined(separator: " ").utf8)))
        // "the2the,the’s": three words, two markers ("the’s" is one word, no marker); with 22
        // more words that is 2 of 25, below the threshold of 0.12; one marker more reaches it.
        let glued = "the2the,the’s" + String(repeating: " quay", count: 22)
        #expect(!check.looksEnglish(Array(glued.utf8)))
        let oneMore = "the2the,the’s THE" + String(repeating: " quay", count: 21)
        #expect(check.looksEnglish(Array(oneMore.utf8)))
        // A word that goes on past eight letters is no eight-letter marker.
        let long = EnglishCheck(words: "although")
        let words = ["although"] + Array(repeating: "quay", count: 3) + ["althoughs"] + Array(repeating: "quay", count: 20)
        #expect(!long.looksEnglish(Array(words.joined(separator: " ").utf8)))
        #expect(long.looksEnglish(Array((["although", "although", "ALTHOUGH"] + Array(repeating: "quay", count: 22)).joined(separator: " ").utf8)))
    }
}
