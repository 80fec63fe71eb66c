import Foundation
import Testing
@testable import TextMill

/// One expected segmentation from a fixture file.
struct SentenceCase: Sendable, CustomTestStringConvertible {
    let id: String
    let text: String
    let sentences: [String]
    var testDescription: String { id }

    /// Loads `Fixtures/sentences/NAME` (a JSON array of objects with id, text, sentences).
    static func load(_ name: String) -> [SentenceCase] {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)?
                .appendingPathComponent("sentences/\(name)"),
              let data = try? Data(contentsOf: url),
              let array = try? JSONParser.parse([UInt8](data)).arrayValue else { return [] }
        return array.compactMap { v in
            guard let o = v.objectValue, let id = o["id"]?.stringValue, let text = o["text"]?.stringValue,
                  let s = o["sentences"]?.arrayValue?.compactMap(\.stringValue) else { return nil }
            return SentenceCase(id: id, text: text, sentences: s)
        }
    }
}

/// The sentences of a text with the built-in lexicons.
func sentences(_ text: String, _ splitter: SentenceSplitter = .standard) -> [String] {
    splitter.sentences(text)
}

/// White-space runs collapsed to one space.
func collapsed(_ s: String) -> String {
    s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}

@Suite struct SentenceSplitterTests {
    // MARK: Golden rules and other specs

    @Test func fixturesLoad() {
        expectEqual(SentenceCase.load("other_scripts.json").count, 13)
    }

    /// CJK full stops (no space after them), full-width "？" "！", the full-width decimal point
    /// "３．２９", corner-bracket quotations, and the Devanagari danda.
    @Test(arguments: SentenceCase.load("other_scripts.json"))
    func otherScripts(_ example: SentenceCase) {
        expectEqual(sentences(example.text), example.sentences)
    }

    // MARK: Abbreviations (sample corpus)

    @Test func usBeforeANameAndMidSentence() {
        // input/rfe-chinese-envoy-undiplomatic.txt
        expectEqual(sentences("U.S. President Donald Trump has used the term \"Chinese virus\" several times during White House briefings on the coronavirus, despite China's objections to use of the term. And Secretary of State Mike Pompeo has called it the \"Wuhan virus\" to cite the city where the pandemic first broke out in December."), [
            "U.S. President Donald Trump has used the term \"Chinese virus\" several times during White House briefings on the coronavirus, despite China's objections to use of the term.",
            "And Secretary of State Mike Pompeo has called it the \"Wuhan virus\" to cite the city where the pandemic first broke out in December.",
        ])
        expectEqual(sentences("The following day, Zhang took to Facebook to criticize the U.S. State Department for presenting the Women of Courage Award to Sayragul Sauytbay, an ethnic Kazakh from China whose testimony has helped expose the so-called \"reeducation camps\" in northwestern China.").count, 1)
        // The headline of input/rfe-chinese-envoy-undiplomatic.txt: a hyphenated prefix.
        expectEqual(sentences("Rather 'Undiplomatic': Chinese Envoy To Kazakhstan Courts Controversy With Anti-U.S. Posts").count, 1)
        expectEqual(sentences("In a series of tweets, the embassy mentioned the crisis along the U.S.-Mexico border, including the time when U.S. border agents separated some children from their parents after they were detained for illegally crossing the border.").count, 1)
    }

    @Test func etcEndsASentenceAndLatinAbbreviationsDoNot() {
        // input/kazakhstan-after-the-uprising.txt
        expectEqual(sentences("Over the past few years, the economic situation has been worsening, especially after the pandemic, very high inflation, corruption, etc. Also, there has been a lot of selling and renting our lands to China."), [
            "Over the past few years, the economic situation has been worsening, especially after the pandemic, very high inflation, corruption, etc.",
            "Also, there has been a lot of selling and renting our lands to China.",
        ])
        expectEqual(sentences("There is an analogy with the 2014 Maidan [i.e., the protests in Kiev], where the defense was organized both spontaneously by the crowd and with the participation of radical organized groups that joined in.").count, 1)
        // input/wikipedia-china-kazakhstan-relations.txt
        expectEqual(sentences("By 2016, Chinese companies (e.g. China National Petroleum Corporation, Sinopec and other) invested more than US$20 billion in the petroleum sector of Kazakhstan.").count, 1)
    }

    /// Titles, initials, a.m./p.m. and an abbreviation that opens a sentence
    /// (`SentenceRuleKindTests` covers the other kinds of rule).
    @Test func titlesInitialsAndTimes() {
        let s = sentences("At 6 a.m. Mr. Haddad fed the goats. He milked them at 5 P.M. Mr. Haddad then locked the barn.")
        expectEqual(s, ["At 6 a.m. Mr. Haddad fed the goats.", "He milked them at 5 P.M.", "Mr. Haddad then locked the barn."])
        expectEqual(sentences("The last two left were Ruth and I. Have you seen Omar B. Fitch since then?"), [
            "The last two left were Ruth and I.", "Have you seen Omar B. Fitch since then?",
        ])
        // An abbreviation opening its sentence is not all of it, unless it is a word ("No.").
        expectEqual(sentences("Q. Who built the dam? A. It was built by Hector P. Lund."), [
            "Q. Who built the dam?", "A. It was built by Hector P. Lund.",
        ])
        expectEqual(sentences("No. That is not what I said.").count, 2)
        expectEqual(sentences("No. 10 Downing Street said nothing.").count, 1)
    }

    @Test func newsAbbreviationsFromTheLexicon() {
        // Every built-in title keeps the name after it; every "final" entry ends a sentence before a capital.
        for entry in AbbreviationLexicon.builtin where entry.kind == .title {
            let text = "The statement was signed by \(entry.word). Tokayev in Astana."
            expectEqual(sentences(text).count, 1, "\(entry.word)")
        }
        for entry in AbbreviationLexicon.builtin where entry.kind == .final {
            expectEqual(sentences("Net profit rose to 5 \(entry.word). Analysts had expected less.").count, 2, "\(entry.word)")
            expectEqual(sentences("Net profit rose to 5 \(entry.word). 6 analysts had expected less.").count, 1, "\(entry.word)")
        }
    }

    // MARK: Numbers, addresses, file names

    @Test func numbersMoneyAndPercentages() {
        // input/kazakhstan-after-the-uprising.txt
        let text = "He owns ForteBank, whose net income for 2020 “amounted to 53.2 billion tenge” ($121 million), as well as the major stakes in the major mobile operators, 65% of the gold mining company RG Gold and a bunch of other assets. In 2021, his fortune increased by $600 million. The second Kim owns one of the main Kazakh banks."
        expectEqual(sentences(text).count, 3)
        // input/rfe-chinese-envoy-undiplomatic.txt: a period plus an ellipsis ends the sentence.
        expectEqual(sentences("\"See for yourself. The United States today owes the United Nations $491 million.... The United States, the largest developed world power remains the UN's largest debtor, forcing the organization to curtail its activities to save money.”"), [
            "\"See for yourself.",
            "The United States today owes the United Nations $491 million....",
            "The United States, the largest developed world power remains the UN's largest debtor, forcing the organization to curtail its activities to save money.”",
        ])
    }

    @Test func footnoteMarkAfterTheStop() {
        // input/kazakhstan-after-the-uprising.txt: the footnote "3" glued to "2019."
        let s = sentences("It started after the banner action that Beibarys Tolymbekov and Asya Tulesova carried out at the city marathon in 2019.3 They were jailed for 15 days and it started a big wave of attention.")
        expectEqual(s, ["It started after the banner action that Beibarys Tolymbekov and Asya Tulesova carried out at the city marathon in 2019.3",
                      "They were jailed for 15 days and it started a big wave of attention."])
        // A decimal before an ordinary word is not a footnote.
        expectEqual(sentences("The economy grew 3.1 Percent, officials said.").count, 1)
    }

    @Test func doubleHyphensDoNotBreakSentences() {
        // input/rfe-kazakh-activists.txt
        expectEqual(sentences("RFE/RL reviewed court materials brought against the activists -- who are part of Naghyz Atazhurt, an unregistered advocacy group that works with families who have relatives missing in Xinjiang -- that show that Kazakh government investigators cited the diplomatic note as a key justification for opening a criminal case. ALMATY, Kazakhstan -- Documents seen by RFE/RL highlight Chinese government pressure.").count, 2)
    }

    @Test func urlsAndFileNames() {
        // input/npr-kazakhstan-stories.txt and input/wikipedia-china-kazakhstan-relations.txt
        expectEqual(sentences("<iframe src=\"https://www.npr.org/player/embed/764153179/768167031\" width=\"100%\" height=\"290\" frameborder=\"0\" scrolling=\"no\" title=\"NPR embedded audio player\">").count, 1)
        expectEqual(sentences("- Map: China Kazakhstan Locator.png\n- Filetype: png\n- Mission1: Chinese Embassy, Astana"), [
            "- Map: China Kazakhstan Locator.png", "- Filetype: png", "- Mission1: Chinese Embassy, Astana",
        ])
    }

    // MARK: Ellipses, quotations, ?! runs

    @Test func ellipses() {
        // input/kazakhstan-after-the-uprising.txt: "…" after a closing quote, then a new sentence.
        expectEqual(sentences("President Tokayev has concentrated more power in his hands, invited foreign military, ordered his troops to “shoot without warning”… But Kazakhstanis are not used to government brutality."), [
            "President Tokayev has concentrated more power in his hands, invited foreign military, ordered his troops to “shoot without warning”…",
            "But Kazakhstanis are not used to government brutality.",
        ])
        // input/rfe-chinese-envoy-undiplomatic.txt: "..." with no space after it stays inside.
        expectEqual(sentences("\"This is the account of an embassy in Kazakhstan...Americans don’t read it,\" Assem Zhapisheva, an activist and journalist, replied to the ambassador's critical post against the United States.").count, 1)
    }

    @Test func closingQuotesStayWithTheirSentence() throws {
        // input/rfe-kazakh-activists.txt
        let text = "“Kazakh authorities should withdraw the criminal charges against the Atajurt activists and release those in detention immediately,” said Maya Wang, deputy Asia director at Human Rights Watch. “Instead of aiding China’s repression, the Kazakh government should press the Chinese government to stop its crimes against humanity in Xinjiang.” Since Beijing’s crackdown accelerated in 2017, more than 1 million Uyghurs have been put into camps."
        expectEqual(sentences(text), [
            "“Kazakh authorities should withdraw the criminal charges against the Atajurt activists and release those in detention immediately,” said Maya Wang, deputy Asia director at Human Rights Watch.",
            "“Instead of aiding China’s repression, the Kazakh government should press the Chinese government to stop its crimes against humanity in Xinjiang.”",
            "Since Beijing’s crackdown accelerated in 2017, more than 1 million Uyghurs have been put into camps.",
        ])
        // With `quotations: whole` a quotation that closes in the paragraph is never cut:
        // several sentences of it and the attribution after it make one sentence
        // (input/rfe-chinese-envoy-undiplomatic.txt).
        let whole = try SentenceSplitter(quotations: .whole)
        let envoy = "“Foreign full of prejudice and it’s not the first time it’s spreading misinformation. They always cover certain events in an arrogant and biased manner. They have long lost the trust of the public,” it wrote. Zhang took to Facebook."
        expectEqual(sentences(envoy, whole), [
            "“Foreign full of prejudice and it’s not the first time it’s spreading misinformation. They always cover certain events in an arrogant and biased manner. They have long lost the trust of the public,” it wrote.",
            "Zhang took to Facebook.",
        ])
        // input/rfe-kazakh-activists.txt: a two-sentence quotation standing alone.
        let consulate = "\"The Chinese side has expressed serious concerns regarding the incident. [China's] Consulate General expressed hope that the action will be properly investigated.\" The provision carries up to 10 years’ imprisonment."
        expectEqual(sentences(consulate, whole).count, 2)
        // A quotation left open (it goes on in the next paragraph, as news quotations do) is cut as usual.
        expectEqual(sentences("“Stop the pressure and injustice against Kazakh and Uyghur peoples. Down with Xi Jinping!\n\nThey were detained.”").count, 3)
        // A stop inside the quotation and a lower-case attribution after it: one sentence.
        expectEqual(sentences("The protest \"negatively impacted the two nations' friendship,\" an Kazakh indictment seen by RFE/RL said. \"The Chinese side has expressed serious concerns regarding the incident.\" it added.").count, 2)
        // French spacing: the closing guillemet after a space stays with its words.
        expectEqual(sentences("Il a dit : « Je pars. » Puis il est parti."), ["Il a dit : « Je pars. »", "Puis il est parti."])
    }

    /// By default (`quotations: split`) a quotation of several sentences is split into its
    /// sentences; the last one keeps the closing mark and the attribution. `whole` keeps the
    /// quotation and its attribution in one sentence.
    @Test func multiSentenceQuotationsSplitByDefault() throws {
        let text = "“The river rose two metres overnight. Nobody in the village had seen anything like it,” the mayor said on Tuesday. Crews worked until dawn."
        let split = [
            "“The river rose two metres overnight.",
            "Nobody in the village had seen anything like it,” the mayor said on Tuesday.",
            "Crews worked until dawn.",
        ]
        expectEqual(sentences(text), split)
        expectEqual(sentences(text, try SentenceSplitter(quotations: .split)), split)
        expectEqual(sentences(text, try SentenceSplitter(quotations: .whole)), [
            "“The river rose two metres overnight. Nobody in the village had seen anything like it,” the mayor said on Tuesday.",
            "Crews worked until dawn.",
        ])
        // A lower-case attribution after a closing mark still stays with its quotation.
        expectEqual(sentences("\"We will rebuild.\" she said. The rain stopped."), ["\"We will rebuild.\" she said.", "The rain stopped."])
        // A quotation that a colon introduces, three sentences, standing alone.
        expectEqual(sentences("The note read: “We are safe. The roads are closed. Do not come.” Nobody answered it."), [
            "The note read: “We are safe.", "The roads are closed.", "Do not come.”", "Nobody answered it.",
        ])
    }

    // MARK: Footnote marks, lower-case starts, letter closings

    @Test func bracketedFootnoteMarksStayWithTheSentenceTheyFollow() {
        expectEqual(sentences("The painter settled in Naples (1834). [12] His later letters mention the move only once."), [
            "The painter settled in Naples (1834). [12]", "His later letters mention the move only once.",
        ])
        // After a closing quote, several marks, and at the end of the paragraph.
        expectEqual(sentences("She called it \"a house of echoes.\" [3][4] The name stuck. It was sold in 1902. [5]"), [
            "She called it \"a house of echoes.\" [3][4]", "The name stuck.", "It was sold in 1902. [5]",
        ])
        // A bare number before a sentence starter, as textbooks print footnotes.
        expectEqual(sentences("Turnout fell in every district. 7 However, the council kept its majority."), [
            "Turnout fell in every district. 7", "However, the council kept its majority.",
        ])
        // A number that begins the next sentence is not a mark.
        expectEqual(sentences("The fund was closed. 12 investors lost money."), ["The fund was closed.", "12 investors lost money."])
    }

    @Test func lowerCaseStartAfterAStop() {
        expectEqual(sentences("the shop reopens monday at 9. you can call them at 555-0142. they close early on fridays."), [
            "the shop reopens monday at 9.", "you can call them at 555-0142.", "they close early on fridays.",
        ])
        expectEqual(sentences("so where did you study? paris? i thought it was lyon!"), [
            "so where did you study?", "paris?", "i thought it was lyon!",
        ])
        // Not after an abbreviation or an initial, not before a word that carries the sentence
        // on, not after a closing mark.
        expectEqual(sentences("We met at 10 a.m. you were late.").count, 1)
        expectEqual(sentences("Parts from Acme Inc. are cheap. It works."), ["Parts from Acme Inc. are cheap.", "It works."])
        expectEqual(sentences("Is it ready? and when?").count, 1)
        // After a word too long for an abbreviation, any lower-case word but a continuation;
        // after a short unknown word ("amb."), only a word that begins sentences.
        expectEqual(sentences("He sold the boat. the buyer was a friend. and paid cash."), [
            "He sold the boat.", "the buyer was a friend. and paid cash.",
        ])
        expectEqual(sentences("He met the amb. the next day.").count, 1)
    }

    @Test func letterClosingEndsItsLine() {
        expectEqual(sentences("Let me know if the dates work.\nBest regards,\nMarta"), [
            "Let me know if the dates work.", "Best regards,", "Marta",
        ])
        expectEqual(sentences("Thanks,\nTom"), ["Thanks,", "Tom"])
        // Any other line ending in a comma goes on.
        expectEqual(sentences("We bought apples,\nPears and plums.").count, 1)
    }

    /// A closing that is only ever a closing (`Sincerely,`, `Best regards,`) ends its sentence
    /// before a signature on the same line too; `Thanks,` before a name goes on (`Thanks, John,
    /// for the ride.` is a sentence).
    @Test func letterClosingBeforeTheSignatureOnItsLine() {
        expectEqual(sentences("I look forward to seeing you all in May.\n\nSincerely, Anna Ruiz"), [
            "I look forward to seeing you all in May.", "Sincerely,", "Anna Ruiz",
        ])
        expectEqual(sentences("Please review the draft before Monday. Kindest regards, Paul Weber Legal Department"), [
            "Please review the draft before Monday.", "Kindest regards,", "Paul Weber Legal Department",
        ])
        expectEqual(sentences("Thanks, John, for the ride home.").count, 1)
        expectEqual(sentences("Regards, as he put it, were sent to all.").count, 1)
        expectEqual(sentences("Best regards, everyone.").count, 1)
    }

    /// E-mail headers run together on one line: the date-and-time stamp is a sentence of its
    /// own after a name or an address, and a capitalised word after it starts the next one.
    @Test func emailHeaderStampsEndSentences() {
        expectEqual(sentences("Maria Lopez 03/14/2002 09:30 AM Please send me the final budget before Friday."), [
            "Maria Lopez", "03/14/2002 09:30 AM", "Please send me the final budget before Friday.",
        ])
        expectEqual(sentences("\"Chen, Wei\" <wei.chen@example.com> 7/2/01 4:05:12 PM hi all, the call moved to noon."), [
            "\"Chen, Wei\" <wei.chen@example.com>", "7/2/01 4:05:12 PM", "hi all, the call moved to noon.",
        ])
        // After a lower-case word the stamp stays with its sentence; the next one starts after it.
        expectEqual(sentences("Forwarded by Tom Reyes on 11/02/2003 04:15:22 PM The numbers are attached."), [
            "Forwarded by Tom Reyes on 11/02/2003 04:15:22 PM", "The numbers are attached.",
        ])
        // In prose, a date and a time before a lower-case word are not a header.
        expectEqual(sentences("The hearing moved to 10/12/2004 10:00 AM at the main courthouse.").count, 1)
        expectEqual(sentences("Scores: 10/12 3:1 in the final.").count, 1)
    }

    /// Links written one after another with a space between: each is a sentence.
    @Test func aLinkAfterALinkStartsASentence() {
        expectEqual(sentences("More photos of the parade: http://example.org/parade/1.html http://example.org/parade/2.html https://www.example.org/parade/3"), [
            "More photos of the parade: http://example.org/parade/1.html", "http://example.org/parade/2.html", "https://www.example.org/parade/3",
        ])
        // A link after a word, and a word after a link, go on.
        expectEqual(sentences("Read http://example.org/a.html and http://example.org/b.html first.").count, 1)
    }

    @Test func exclamationRuns() {
        // input/kazakhstan-after-the-uprising.txt
        expectEqual(sentences("And the main thing is that Kazakhstani authorities with no shame openly state that radical demonstrators dressed up as the police and the soldiers (!!!) Now any atrocity of the punishers can be attributed to the revolutionaries themselves. Maybe the protesters were shot by those “in disguise”?"), [
            "And the main thing is that Kazakhstani authorities with no shame openly state that radical demonstrators dressed up as the police and the soldiers (!!!)",
            "Now any atrocity of the punishers can be attributed to the revolutionaries themselves.",
            "Maybe the protesters were shot by those “in disguise”?",
        ])
    }

    // MARK: Lists, headlines, line breaks

    @Test func bulletedAndNumberedLists() {
        // input/rfe-kazakh-activists.txt (raw, bullets on their own lines)
        let summary = "  • China appears to have pressured Kazakhstan to prosecute 19 activists who protested Beijing’s mass detention of Uyghurs and other Muslim minorities in Xinjiang.\n  • Kazakh authorities used a Chinese diplomatic note as key evidence to charge the activists with “inciting ethnic discord,” a crime carrying up to 10 years in prison."
        let s = sentences(summary)
        expectEqual(s.count, 2)
        #expect(s.allSatisfy { $0.hasPrefix("• ") })
        // Bullets inside one line start new items too.
        expectEqual(sentences("• Download • Transcript"), ["• Download", "• Transcript"])
        // input/kazakhstan-after-the-uprising.txt: a numbered item.
        expectEqual(sentences("2) Authoritarian rule has not disappeared. President Tokayev has concentrated more power in his hands."), [
            "2) Authoritarian rule has not disappeared.", "President Tokayev has concentrated more power in his hands.",
        ])
    }

    @Test func headlinesAndLinesWithoutStops() {
        // input/npr-kazakhstan-stories.txt (raw), input/rfe-kazakh-activists.txt
        expectEqual(sentences("Kazakhstan Kazakhstan\nStories About\n\nKazakhstan"), ["Kazakhstan Kazakhstan", "Stories About", "Kazakhstan"])
        expectEqual(sentences("SEE ALSO: Kazakhstan Is Building A Surveillance State. Will China Be Its Model?"), [
            "SEE ALSO: Kazakhstan Is Building A Surveillance State.", "Will China Be Its Model?",
        ])
    }

    @Test func lineBreakModes() throws {
        let wrapped = "The parcel was sent\nto the wrong street in town."
        let list = "tools\nsaw and hammer\nnails, glue"
        expectEqual(sentences(wrapped).count, 1)
        expectEqual(sentences(list).count, 3)
        let space = try SentenceSplitter(lineBreaks: .space)
        expectEqual(sentences(list, space).count, 1)
        let sentence = try SentenceSplitter(lineBreaks: .sentence)
        expectEqual(sentences(wrapped, sentence).count, 2)
        // A line ending in a comma or a hyphen always goes on.
        expectEqual(sentences("Kazakh authorities used a Chinese diplomatic note as key evidence,\nA crime carrying up to 10 years in prison.").count, 1)
    }

    @Test func otherScriptsInsideEnglish() {
        // input/wikipedia-china-kazakhstan-relations.txt
        expectEqual(sentences("During the rule of Emperor Wu of Han, Zhang Qian was the official dispatched to the Western Regions (西域 xiyu) to help the Wusun against the Xiongnu (which were also one of the ancestors of modern Kazakhs). Since the Wusun did not want to cooperate with the Xiongnu, they allied with the Han dynasty.").count, 2)
    }

    // MARK: Extension

    @Test func extraAbbreviationsAndStarters() throws {
        let text = "She works for the U.S. Government in Ohio. We bought the mill from Dale, Hart & Co. It cost too much."
        expectEqual(sentences(text).count, 3)
        let custom = try SentenceSplitter(abbreviations: ["Co. title"], sentenceStarters: ["Government"])
        expectEqual(sentences(text, custom), [
            "She works for the U.S.", "Government in Ohio.",
            "We bought the mill from Dale, Hart & Co. It cost too much.",
        ])
        #expect(throws: LexiconError.self) { try SentenceSplitter(abbreviations: ["Co. sometimes"]) }
        #expect(throws: LexiconError.self) { try SentenceSplitter(sentenceStarters: ["Amid between words"]) }
    }

    @Test func lexiconFilesParse() throws {
        let entries = try AbbreviationLexicon.parse("# company suffixes\nGmbH.\nsp. inner   # species\n\n", source: "test")
        expectEqual(entries, [AbbreviationLexicon.Entry(word: "GmbH", kind: .general, capitalOnly: true),
                            AbbreviationLexicon.Entry(word: "sp", kind: .inner, capitalOnly: false)])
        #expect(throws: LexiconError.self) { try AbbreviationLexicon.parse("Gen. title extra", source: "test") }
        #expect(AbbreviationLexicon.builtin.count > 150)
        #expect(SentenceStarterLexicon.builtin.contains { $0.word == "At" && $0.kind == .preposition })
    }

    // MARK: Spans

    @Test func spansStayInsideTheRangeAndAreTrimmed() {
        let text = Array("  First one. Second one.  \n\n  Third one.  ".utf8)
        let all = SentenceSplitter.standard.split(text)
        expectEqual(all.map { String(decoding: text[$0.start..<$0.end], as: UTF8.self) }, ["First one.", "Second one.", "Third one."])
        // A range that cuts the text in the middle of a sentence.
        let part = text.withUnsafeBufferPointer { SentenceSplitter.standard.split($0, in: Span(8, 20)) }
        #expect(part.allSatisfy { $0.start >= 8 && $0.end <= 20 })
        expectEqual(part.map { String(decoding: text[$0.start..<$0.end], as: UTF8.self) }, ["one.", "Second"])
    }

    @Test func neverASentenceOfPunctuationOnly() {
        expectEqual(sentences("He said: “Stop.” ” And then he left."), ["He said: “Stop.” ”", "And then he left."])
        expectEqual(sentences("* * *\n\nThe end."), ["The end."])
        #expect(sentences("— “Why?” — Because.").allSatisfy { s in s.unicodeScalars.contains { $0.properties.isAlphabetic } })
    }
}
