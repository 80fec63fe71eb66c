import Testing
@testable import TextMill

/// Work the quotes stage skips without changing what it finds: the sentence-opening rules asked
/// only where the sentence holds what they need (`openingRulesSpeech`), and the person-name scan
/// that skips to capitalized words (`nextCapitalizedWord`). Each answers what the plain path
/// answers (the three rules asked at every sentence; every token read) on texts written to trip
/// them: headlines with and without a colon or a capitalized verb of saying, cue words at
/// paragraph starts, in capitals and inside names, names at the very end, across paragraph
/// breaks and in capitals, handles, documents read one after another with the same buffers.
@Suite struct QuotesSkippedWorkTests {
    static let texts: [String] = [
        "Critics repeated that the toll was high, and the mayor said so.",
        "The repeated promises failed. Said the mayor: “We will rebuild.”\n\nSay what you will.",
        "HARBOR MAYOR SAYS BRIDGE WILL CLOSE\n\nThe engineer pointed to the cracks and pointed out that the bridge was old, officials said.",
        "Editors at The Harbor Post said the story was accurate; the Post reported it first. In reply, after saying little, she left.",
        "“The bridge is safe,” said Ana Ferreira, a spokeswoman. “It will reopen,” she added, claiming the repairs were done, as @harborwatch noted.",
        "Most said they would wait; many told the clerk the toll was too high. Two in three said so. Three reports came out.",
        "Mr. Bown believes the ferry is late, Ramírez says, and Ambassador Zhang Xiao hit out at the claims. Zhang said: “No.”",
        "said said said\n\nSAID\n\n“said,” said said.",
        "",
        "…",
        "The Harbor Authority report came out late. Residents claim the bridge sways, and state officials said the levy would pass, but state law requires a license.",
    ]

    /// `body` on the analysis of `text` (its sentences from the `sentences` stage), made with `buffers`.
    static func analysing<T>(_ text: String, buffers: QuoteBuffers, _ body: (QuoteAnalysis) -> T) -> T {
        var doc = Document(id: "t", text: text)
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        do { try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context) } catch {
            Issue.record("sentences failed: \(error)")
        }
        let bytes = doc.text
        let paragraphs = doc.paragraphs ?? []
        let sentences = doc.sentences ?? paragraphs
        return bytes.withUnsafeBufferPointer { b in
            var analysis = QuoteAnalysis(lexicon: .standard, text: b, paragraphs: paragraphs, sentences: sentences, buffers: buffers)
            let result = body(analysis)
            analysis.recycle()
            return result
        }
    }

    /// The sentence-opening rules asked only where the sentence holds what they need
    /// (`openingRulesSpeech`): at every sentence of hostile texts (headlines with and without a
    /// colon or a capitalized verb of saying, colons and capitalized cue words in every place,
    /// sentences of one to three words), the same reported speech as the three rules asked in
    /// turn, and the whole list of what they read pinned.
    @Test func openingRulesAskedWhereNeededReadWhatAllThreeRead() {
        let texts = Self.texts + [
            "Whitcomb: Harbor Tunnel Will Stay Shut Until June\n\nMayor Whitcomb closed the tunnel in March.",
            "Mayor Whitcomb Says Harbor Tunnel Will Open in June\n\nMayor Whitcomb closed the tunnel in March.",
            "Harbor Tunnel Will Open in June, Mayor Whitcomb Says\n\nThe mayor spoke: the tunnel opens. Mayor Dana Whitcomb: The harbor tunnel will not open before the summer.",
            "Says Who\n\nPOLL: MOST SAY TOLL TOO HIGH\n\nPoll: Most residents say the toll is too high. Said: no. A: b. Critics Claim Ferry Fares Will Fall.",
            ":\n\nSays\n\nWhitcomb:",
        ]
        func described(_ a: QuoteAnalysis, _ r: QuoteAnalysis.ReportedSpeech?) -> String {
            guard let r else { return "-" }
            let speaker = r.speaker.map { a.words($0.first, $0.last) } ?? "none"
            return "\(r.rule.name): \(speaker) / \(a.words(r.cue.first, r.cue.last)) / " + r.contents.map { a.words($0.0, $0.1) }.joined(separator: " | ")
        }
        var read: [String] = []
        var sentences = 0
        let buffers = QuoteBuffers()
        for text in texts {
            Self.analysing(text, buffers: buffers) { a in
                for sentence in a.sentenceTokens where !sentence.isEmpty {
                    sentences += 1
                    let asked = described(a, a.openingRulesSpeech(sentence: sentence))
                    let plain = described(a, a.colonSpeakerSpeech(sentence: sentence) ?? a.headlineColonSpeech(sentence: sentence)
                                          ?? a.headlineSaysSpeech(sentence: sentence))
                    expectEqual(asked, plain, "\(a.words(sentence.lowerBound, sentence.upperBound - 1))")
                    if asked != "-" { read.append(asked) }
                }
            }
        }
        #expect(sentences > 30)
        expectEqual(read, [
            "headline-colon: Whitcomb / : / Harbor Tunnel Will Stay Shut Until June",
            "headline-says: Whitcomb / Says / Harbor Tunnel Will Open in June",
            "headline-says: Whitcomb / Says / Harbor Tunnel Will Open in June",
            "colon-speaker: Dana Whitcomb / : / The harbor tunnel will not open before the summer",
            "colon-speaker: POLL / : / MOST SAY TOLL TOO HIGH",
            "colon-speaker: Poll / : / Most residents say the toll is too high",
        ])
    }

    /// The person names the scan finds are those of a scan that tests every token, on the texts
    /// above and on names at the very end, across paragraph breaks, in capitals and with handles.
    @Test func personNamesAreThoseOfAScanOfEveryToken() {
        let more = [
            "Ambassador Zhang Xiao hit out. Mayor Ana Ferreira\n\nJohn Smith",
            "THE MAYOR ANA FERREIRA SAID NO\n\n@harbor_watch John said Élise Durand and Mr. Bown agreed with Dr. Ramírez",
            "Ana",
            // A handle opens a run of name words: the run is no person, and "Ana Ferreira" inside it is none either.
            "Thanks to @harbor Ana Ferreira, the mayor said.",
        ]
        let buffers = QuoteBuffers()
        var found: [[String]] = []
        for text in Self.texts + more {
            Self.analysing(text, buffers: buffers) { a in
                let names = a.personNames()
                let plain = Self.plainPersonNames(a)
                expectEqual(names.map { [$0.first, $0.last] }, plain.map { [$0.first, $0.last] }, "\(text.prefix(40))")
                found.append(names.map { a.words($0.first, $0.last) })
            }
        }
        // Titles are not part of a person's name; a handle, "said" and a name in capitals end a run.
        expectEqual(found.flatMap { $0 }, ["Ana Ferreira", "Mr. Bown", "Zhang Xiao", "Zhang Xiao", "Ana Ferreira", "John Smith", "Mr. Bown", "Dr. Ramírez"])
    }

    /// `personNames` as it read every token before the scan skipped to capitalized words.
    static func plainPersonNames(_ a: QuoteAnalysis) -> [(first: Int, last: Int)] {
        var out: [(first: Int, last: Int)] = []
        var i = 0
        let n = a.tokens.count
        while i < n {
            let t = a.tokens[i]
            guard t.kind == .word, t.shape.contains(.capitalized) || t.shape.contains(.handle), a.isNameWord(i) else { i += 1; continue }
            var j = i
            while j + 1 < n && j + 1 - i < QuoteReach.nameWords && a.isNameWord(j + 1) && a.tokenParagraph[j + 1] == a.tokenParagraph[i] { j += 1 }
            var first = i
            while first < j && a.tokens[first].flags.contains(.title) && !a.tokens[first].flags.contains(.honorific) { first += 1 }
            let f = a.tokens[first]
            if j > first && (f.flags.contains(.maleName) || f.flags.contains(.femaleName) || f.flags.contains(.honorific)) { out.append((first, j)) }
            i = j + 1
        }
        return out
    }
}
