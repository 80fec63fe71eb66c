import Foundation
import Testing
@testable import TextMill

/// The `quotes` stage on real sentences from the sample corpus (`input/`), one test per
/// construction named in issue 6, including each failure mode of textacy it lists.
@Suite struct QuotesTests {
    /// Runs sentences then quotes on a text whose paragraphs are separated by blank lines.
    func run(_ text: String, _ options: [String: JSONValue] = [:]) throws -> Document {
        var doc = Document(id: "t", text: text)
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        try QuotesStage(options: .defaults(QuotesStage.options, options)).process(&doc, &context)
        expectEqual(doc.firstInvalidSpan(), nil)
        return doc
    }

    /// The quote whose words start with `prefix`.
    func quote(_ doc: Document, _ prefix: String) -> Quote? {
        doc.quotes?.first { doc.string($0.span).hasPrefix(prefix) }
    }

    func speaker(_ doc: Document, _ q: Quote?) -> String? { q?.speaker.map { doc.string($0.span) } }
    func role(_ doc: Document, _ q: Quote?) -> String? { q?.speaker?.role.map { doc.string($0) } }
    func resolvedFrom(_ doc: Document, _ q: Quote?) -> String? { q?.speaker?.resolvedFrom.map { doc.string($0) } }
    func cue(_ doc: Document, _ q: Quote?) -> String? { q?.cue.map { doc.string($0.span) } }

    // MARK: Direct quotations and their attribution

    @Test func saidSpeakerWithAppositionAndTheNextQuoteOfTheParagraph() throws {
        let doc = try run("“Kazakh authorities should withdraw the criminal charges against the Atajurt activists and release those in detention immediately,” said Maya Wang, deputy Asia director at Human Rights Watch. “Instead of aiding China’s repression, the Kazakh government should press the Chinese government to stop its crimes against humanity in Xinjiang.”")
        let first = quote(doc, "Kazakh authorities should withdraw")
        expectEqual(first?.kind, .direct)
        #expect(doc.string(first!.span).hasSuffix("immediately,"))
        expectEqual(speaker(doc, first), "Maya Wang")
        expectEqual(role(doc, first), "deputy Asia director at Human Rights Watch")
        expectEqual(cue(doc, first), "said")
        let second = quote(doc, "Instead of aiding")
        expectEqual(second?.kind, .direct)
        expectEqual(speaker(doc, second), "Maya Wang")
    }

    @Test func cueAndColonBeforeTheQuoteWithADocumentAsSource() throws {
        let doc = try run("Twitter user @kamaluga tweeted a screenshot of his reply to the ambassador's post and said he was blocked too. The reply said: \"Your statement is disgusting and, moreover, it doesn’t do any justice to China’s image. Besides, stop killing Muslims in China.\"")
        let q = quote(doc, "Your statement is disgusting")
        expectEqual(q?.kind, .direct)
        expectEqual(speaker(doc, q), "The reply")
        expectEqual(cue(doc, q), "said")
    }

    @Test func socialHandleIsTheSpeakerAndTheUserIsItsRole() throws {
        let doc = try run("Twitter user @qoshpendi wrote that his account was blocked for this reaction: \"So much hysteria on an official account, perhaps it's been hacked.\"")
        let q = quote(doc, "So much hysteria")
        expectEqual(q?.kind, .direct)
        expectEqual(speaker(doc, q), "@qoshpendi")
        expectEqual(role(doc, q), "Twitter user")
    }

    @Test func participleCueTakesTheSubjectOfTheClause() throws {
        let doc = try run("The embassy's Twitter account shared the link to the post, captioning it: \"USA, the biggest source of the ideological virus.\"")
        let q = quote(doc, "USA, the biggest source")
        expectEqual(speaker(doc, q), "The embassy's Twitter account")
        expectEqual(cue(doc, q), "captioning")
    }

    @Test func floatingQuoteTakesTheSpeakerOfTheParagraphsBefore() throws {
        let doc = try run("""
        Erlan Zhetibaev, a spokesman from Kazakhstan's Foreign Ministry, confirmed to RFE/RL that "the Ministry of Foreign Affairs of the Republic of Kazakhstan held a regular meeting with the Chinese Ambassador to Kazakhstan" in November, but did not comment on the note sent by China's consulate.

        SEE ALSO: Relatives Of Kazakhs Missing In Xinjiang Silenced As China's Xi Visits

        "During the meeting, in addition to bilateral issues, the incident that occurred in the Uyghur district of the Almaty region on November 13, 2025, was discussed, and the Chinese side was informed of the measures taken by law enforcement agencies of the Republic of Kazakhstan in connection with this incident."
        """)
        let mixed = quote(doc, "the Ministry of Foreign Affairs")
        expectEqual(mixed?.kind, .mixed)
        expectEqual(speaker(doc, mixed), "Erlan Zhetibaev")
        expectEqual(role(doc, mixed), "a spokesman from Kazakhstan's Foreign Ministry")
        expectEqual(cue(doc, mixed), "confirmed")
        let floating = quote(doc, "During the meeting")
        expectEqual(floating?.kind, .direct)
        expectEqual(speaker(doc, floating), "Erlan Zhetibaev")
        expectEqual(floating?.cue, nil)
    }

    @Test func documentSeenBySomeoneIsTheSourceOfTwoQuotes() throws {
        let doc = try run("The protest \"negatively impacted the two nations' friendship,\" an Kazakh indictment seen by RFE/RL said. \"The Chinese side has expressed serious concerns regarding the incident. [China's] Consulate General expressed hope that the action will be properly investigated.\"")
        let fragment = quote(doc, "negatively impacted")
        expectEqual(fragment?.kind, .mixed)
        expectEqual(speaker(doc, fragment), "an Kazakh indictment seen by RFE/RL")
        let next = quote(doc, "The Chinese side")
        expectEqual(next?.kind, .direct)
        expectEqual(speaker(doc, next), "an Kazakh indictment seen by RFE/RL")
    }

    @Test func dashAttributionAndTheQuestionOfAReply() throws {
        let doc = try run("Twitter user @anubeck wrote that he was blocked for replying, \"Isn’t it clear where the virus came from?\"")
        let q = quote(doc, "Isn’t it clear")
        expectEqual(q?.kind, .direct)
        expectEqual(speaker(doc, q), "@anubeck")
    }

    // MARK: Mixed quotations and what is not a quotation

    @Test func evaluationAfterCallIsAQuoteButANameAfterCallingItTheIsNot() throws {
        let doc = try run("""
        Ermurat Bapi, an independent Kazakh lawmaker, called the charges against the group “too harsh."

        Zhang continued that the unnamed country was, instead, probably engaged in "geopolitical games" and mud-slinging against China, calling it the "Chinese virus" until the coronavirus "spread to all its states," Zhang wrote.
        """)
        let harsh = quote(doc, "too harsh")
        expectEqual(harsh?.kind, .mixed)
        expectEqual(speaker(doc, harsh), "Ermurat Bapi")
        expectEqual(role(doc, harsh), "an independent Kazakh lawmaker")
        expectEqual(cue(doc, harsh), "called")
        expectEqual(quote(doc, "Chinese virus"), nil)
        expectEqual(quote(doc, "geopolitical games")?.kind, .mixed)
        expectEqual(speaker(doc, quote(doc, "geopolitical games")), "Zhang")
        let states = quote(doc, "spread to all its states")
        expectEqual(speaker(doc, states), "Zhang")
        expectEqual(cue(doc, states), "wrote")
    }

    @Test func termsLabelsAndScareQuotesAreNotQuotations() throws {
        let doc = try run("""
        U.S. President Donald Trump has used the term "Chinese virus" several times during White House briefings on the coronavirus, despite China's objections to use of the term. And Secretary of State Mike Pompeo has called it the "Wuhan virus" to cite the city where the pandemic first broke out in December.

        The following day, Zhang took to Facebook to criticize the U.S. State Department for presenting the Women of Courage Award to Sayragul Sauytbay, an ethnic Kazakh from China whose testimony has helped expose the so-called "reeducation camps" in northwestern China.

        The latter comment was an apparent reference to reports about China’s crackdown on hundreds of thousands of ethnic Uyghurs and other Muslim minorities, forcing them to live in "reeducation camps."

        On April 21, Asya Tulesova and Beibarys Tolymbekov were jailed for 15 days, charged with violating Kazakhstan’s law regarding public assembly after hanging a banner along the marathon route in Almaty, reading “You can’t run from the truth”—a comment on the presidential elections.
        """)
        expectEqual(doc.quotes?.isEmpty, true)
    }

    @Test func titlesOfWorksAndHeadingsInMarksAreNotQuotations() throws {
        let doc = try run("""
        According to the avtonom.org podcast, “Trends of order and chaos,”

        'No Americans Here'

        In a talk with China's Kazakhstan ambassador Zhang Xiao on 14 April 2020, the Kazakh Foreign Ministry expressed discontent with an article on Chinese website Sohu titled 'Why Is Kazakhstan Eager To Get Back to China?'.
        """)
        expectEqual(quote(doc, "Trends of order"), nil)
        expectEqual(quote(doc, "No Americans Here"), nil)
        expectEqual(quote(doc, "Why Is Kazakhstan"), nil)
    }

    @Test func titlesInAListOfReferencesAreNotSpeech() throws {
        let doc = try run("""
        - Nurlan, Kenzheakhmet. "The Qazaq Khanate as Documented in Ming Dynasty Sources"

        According to Fravel, "China needed cooperation with its neighbors to prevent the spread of pan-Islamic and pan-Turkic forces to the region."
        """)
        expectEqual(quote(doc, "The Qazaq Khanate"), nil)
        let q = quote(doc, "China needed cooperation")
        expectEqual(q?.kind, .direct)
        expectEqual(speaker(doc, q), "Fravel")
        expectEqual(cue(doc, q), "According to")
    }

    @Test func accordingToGivesTheSourceOfMixedAndIndirectSpeech() throws {
        let doc = try run("""
        According to the indictment, the activists “premeditatively gathered” and used social media and other media to disseminate materials allegedly aimed at inciting interethnic hostility and insulting the “national dignity and honor” of Chinese nationals.

        According to Kazakhstan’s Interior Ministry, nearly 8000 people were arrested during the demonstrations, and at least 164 people killed.
        """)
        let fragment = quote(doc, "premeditatively gathered")
        expectEqual(fragment?.kind, .mixed)
        expectEqual(speaker(doc, fragment), "the indictment")
        expectEqual(cue(doc, fragment), "According to")
        expectEqual(fragment?.speaker?.role, nil)
        expectEqual(speaker(doc, quote(doc, "national dignity and honor")), "the indictment")
        let indirect = quote(doc, "nearly 8000 people")
        expectEqual(indirect?.kind, .indirect)
        expectEqual(speaker(doc, indirect), "Kazakhstan’s Interior Ministry")
        expectEqual(doc.string(indirect!.span), "nearly 8000 people were arrested during the demonstrations, and at least 164 people killed")
    }

    @Test func aClauseAfterAccordingToIsTheContentNotAnApposition() throws {
        // Written for this test in the shape of wire copy: the clause after the source has an
        // auxiliary, or is joined to the next one by ", and"; neither is an apposition.
        let doc = try run("""
        According to exit polls, the senator had a ten-point lead among older voters in 2012, but still lost the election.

        According to police, officers saw the driver get out of a car with a handgun, and they ordered him to drop it.
        """)
        expectEqual(doc.quotes?.map { "\($0.kind.rawValue) \(doc.string($0.span)) | \(doc.string($0.speaker!.span))" }, [
            "indirect the senator had a ten-point lead among older voters in 2012, but still lost the election | exit polls",
            "indirect officers saw the driver get out of a car with a handgun | police",
        ])
        expectEqual(doc.quotes?.allSatisfy { $0.speaker?.role == nil }, true)
    }

    // MARK: Indirect speech

    @Test func indirectSpeechToldThatAndSaidWithoutThat() throws {
        let doc = try run("""
        Activists told RFE/RL they have faced increased police monitoring and pressure since the protest.

        Relatives say Turghanbai was detained while in China for work.
        """)
        let told = quote(doc, "they have faced")
        expectEqual(told?.kind, .indirect)
        expectEqual(speaker(doc, told), "Activists")
        expectEqual(cue(doc, told), "told")
        let say = quote(doc, "Turghanbai was detained")
        expectEqual(speaker(doc, say), "Relatives")
        expectEqual(doc.string(say!.span), "Turghanbai was detained while in China for work")
    }

    @Test func mixedQuoteCarriesTheReportedContentItBelongsTo() throws {
        let doc = try run("The latter comment was an apparent reference to reports about China’s crackdown. China says the camps in the western Xinjiang Province are used for \"vocational education and training.\"")
        let q = quote(doc, "vocational education")
        expectEqual(q?.kind, .mixed)
        expectEqual(speaker(doc, q), "China")
        expectEqual(q?.content.map { doc.string($0) }, "the camps in the western Xinjiang Province are used for \"vocational education and training.\"")
    }

    // MARK: Speakers that stand for someone named before

    @Test func relativePronounIsNotTheSpeaker() throws {
        let doc = try run("RFE/RL obtained a diplomatic note sent by the Chinese Consulate General in Almaty to the Kazakh Foreign Ministry, which describes a November 13 protest organized by the activists as “an open provocation against the dignity of the People’s Republic of China and an insult to the image of the Communist Party of China and China’s leader,\" and calls for Kazakh authorities \"to seriously investigate [the incident.]\"")
        let q = quote(doc, "an open provocation")
        expectEqual(q?.kind, .mixed)
        expectEqual(resolvedFrom(doc, q), "which")
        expectEqual(speaker(doc, q)?.hasPrefix("a diplomatic note"), true)
    }

    @Test func heAndSheResolveToTheNearestCompatibleNamedSpeaker() throws {
        let doc = try run("""
        "This is the account of an embassy in Kazakhstan...Americans don’t read it," Assem Zhapisheva, an activist and journalist, replied to the ambassador's critical post against the United States. Zhapisheva went on to say that such a post was inappropriate for a diplomat to share with the public.

        She later posted a screenshot showing that the ambassador had blocked her account. Zhapisheva wrote that she stood by her criticism. "He is a diplomat, he should exercise some self-restraint," she wrote. "The words he uses remind one of the Soviet-era propaganda."
        """)
        let q = quote(doc, "He is a diplomat")
        expectEqual(speaker(doc, q), "Assem Zhapisheva")
        expectEqual(resolvedFrom(doc, q), "she")
        expectEqual(role(doc, q), "an activist and journalist")
        expectEqual(speaker(doc, quote(doc, "The words he uses")), "Assem Zhapisheva")
        let indirect = quote(doc, "she stood by her criticism")
        expectEqual(speaker(doc, indirect), "Assem Zhapisheva")
        expectEqual(resolvedFrom(doc, indirect), "Zhapisheva")
    }

    @Test func sheLinksToTheNearestWomanNamedNotToAManOrAGroup() throws {
        // input/harbor-city-council-budget.html, as cleanup gives it.
        let doc = try run("""
        Opponents, most of them residents of the Old Docks neighbourhood, said the wall would cut them off from the water and that the council had not studied cheaper options. Councillor James Whitfield, who voted against the budget, told the Ledger that the city had “rushed a generational decision into a single evening.”

        “The Old Docks flooded four times last year. My shop was closed for eleven weeks. I am not against a wall — I am against a wall that nobody asked us about.”

        That was Maria Costa, who runs a bakery on Wharf Lane, speaking during the public comment period. She said residents would keep pressing for a say in the design.

        Ruiz promised a series of public meetings in April. “Nobody will wake up one morning to find a wall outside their window,” she said.
        """)
        let pressing = quote(doc, "residents would keep pressing")
        expectEqual(speaker(doc, pressing), "Maria Costa")
        expectEqual(resolvedFrom(doc, pressing), "She")
        let nobody = quote(doc, "Nobody will wake up")
        expectEqual(speaker(doc, nobody), "Ruiz")
        expectEqual(resolvedFrom(doc, nobody), "she")
        expectEqual(speaker(doc, quote(doc, "rushed a generational")), "James Whitfield")
        expectEqual(role(doc, quote(doc, "rushed a generational")), "Councillor")
    }

    @Test func surnameLinksToTheFullNameIntroducedEarlier() throws {
        let doc = try run("""
        Ermurat Bapi, an independent Kazakh lawmaker, called the charges against the group “too harsh."

        "Such actions have nothing to do with state-related ties or policies, they are just examples of civic activities, social protests," Bapi said to RFE/RL, adding that the maximum punishment for the action could be just administrative fines, not criminal charges.
        """)
        let q = quote(doc, "Such actions have nothing")
        expectEqual(q?.kind, .direct)
        expectEqual(speaker(doc, q), "Ermurat Bapi")
        expectEqual(resolvedFrom(doc, q), "Bapi")
        expectEqual(cue(doc, q), "said")
        let adding = quote(doc, "the maximum punishment")
        expectEqual(adding?.kind, .indirect)
        expectEqual(speaker(doc, adding), "Ermurat Bapi")
    }

    @Test func resolutionCanBeTurnedOff() throws {
        let doc = try run("Ermurat Bapi, an independent Kazakh lawmaker, called the charges against the group “too harsh.\"\n\n\"Such actions have nothing to do with state-related ties or policies,\" Bapi said to RFE/RL.",
                          ["resolve_speakers": false])
        let q = quote(doc, "Such actions")
        expectEqual(speaker(doc, q), "Bapi")
        expectEqual(q?.speaker?.resolvedFrom, nil)
    }

    // MARK: Marks: unbalanced, nested, over paragraphs, blocks

    @Test func anUnbalancedMarkSpoilsOnlyItsOwnParagraph() throws {
        // The first paragraph is cut off after an opening mark (as the capture has it).
        let doc = try run("""
        From the beginning of the fighting, both Kazakh and foreign media made claims regarding the identities of the protesters. The definitions ranged from “protesters,” “aggressive youth,” and “marauders” all the way to “nationalist squads,” “20,000 bandits attacking Almaty,” and “I

        “Kazakh authorities should withdraw the criminal charges against the Atajurt activists and release those in detention immediately,” said Maya Wang, deputy Asia director at Human Rights Watch.
        """)
        expectEqual(quote(doc, "I"), nil)
        let q = quote(doc, "Kazakh authorities should withdraw")
        expectEqual(q?.kind, .direct)
        expectEqual(speaker(doc, q), "Maya Wang")
    }

    @Test func aQuotationOverParagraphsReopensItsMarks() throws {
        // Real paragraphs of one quotation; each paragraph reopens the mark, as the convention has it.
        let doc = try run("""
        From Anarchist Fighter:

        “The current uprising in Kazakhstan began with the protests in Zhanaozen. The same dynamic is playing out today: the demands are social and economic.

        “And in January 2022, Zhanaozen rose again. The first city in the country to go on strike was Zhanaozen.

        “Kazakhstan’s rebellious culture has much to learn from. We, too, must keep the memory of our martyrs alive.”
        """)
        let pieces = (doc.quotes ?? []).filter { $0.kind == .direct }
        expectEqual(pieces.count, 3)
        for piece in pieces { expectEqual(speaker(doc, piece), "Anarchist Fighter") }
        #expect(doc.string(pieces[1].span).hasPrefix("And in January 2022"))
    }

    @Test func aQuotationOverParagraphsWithoutReopenedMarks() throws {
        // As the sample capture has it: opened once, closed two paragraphs later.
        let doc = try run("""
        “The current uprising in Kazakhstan began with the protests in Zhanaozen. The same dynamic is playing out today.

        And in January 2022, Zhanaozen rose again. The first city in the country to go on strike was Zhanaozen.

        Kazakhstan’s rebellious culture has much to learn from. We, too, must keep the memory of our martyrs alive.”
        """)
        expectEqual((doc.quotes ?? []).filter { $0.kind == .direct }.count, 3)
        #expect(quote(doc, "And in January 2022") != nil)
    }

    @Test func blockQuotationAfterAnIntroductionWithAColon() throws {
        let doc = try run("""
        According to Anarchist Fighter:

        The journalist Maksim Kurnikov said some very interesting things on Ekho Moskvy’s morning broadcast.
        """)
        let q = quote(doc, "The journalist Maksim Kurnikov")
        expectEqual(q?.kind, .direct)
        expectEqual(speaker(doc, q), "Anarchist Fighter")
    }

    /// Sections of Fixtures/quotes/constructions.txt (see SOURCE.md there), by title prefix.
    func construction(_ title: String) throws -> String {
        let text = try String(contentsOfFile: Repo.path("Tests/TextMillTests/Fixtures/quotes/constructions.txt"), encoding: .utf8)
        for section in text.components(separatedBy: "### ").dropFirst() where section.hasPrefix(title) {
            return section.split(separator: "\n", maxSplits: 1).last.map(String.init) ?? ""
        }
        throw DocumentError("no fixture section \(title)")
    }

    @Test func reopenedMarksOverParagraphsAfterAnIntroduction() throws {
        let doc = try run(try construction("reopened marks"))
        let first = quote(doc, "In a sign of how thin")
        let second = quote(doc, "Without those groups")
        #expect(first?.kind == .direct && second?.kind == .direct)
        #expect(doc.string(first!.span).hasSuffix("opposed the terminal outright."))
        expectEqual(speaker(doc, first), "The Harbor Ledger")
        expectEqual(speaker(doc, second), "The Harbor Ledger")
        expectEqual(cue(doc, first), "reports")
    }

    @Test func nestedSingleMarksStayInsideTheirQuotation() throws {
        let doc = try run(try construction("nested single marks"))
        expectEqual(doc.quotes?.count, 1)
        let q = doc.quotes?.first
        expectEqual(q.map { doc.string($0.span) }, "It feels like, 'Fine, the water still runs, we can wait another year,'")
        expectEqual(q?.kind, .direct)
        expectEqual(resolvedFrom(doc, q), "she")
        expectEqual(speaker(doc, q), "Ms. Varga")
    }

    @Test func newswireDoubleApostrophesAreMarks() throws {
        let doc = try run(try construction("newswire double apostrophes"))
        let q = quote(doc, "There's a whole new layer of paperwork")
        expectEqual(q?.kind, .direct)
        expectEqual(speaker(doc, q), "Mr. Lindqvist")
        expectEqual(cue(doc, q), "said")
    }

    @Test func headlinesQuoteSpeechInSingleMarks() throws {
        let doc = try run(try construction("headline with single marks"))
        let q = quote(doc, "deliberate act")
        expectEqual(q?.kind, .mixed)
        expectEqual(speaker(doc, q), "Lindgren")
        expectEqual(cue(doc, q), "says")
    }

    @Test func guillemetsAndLowNineMarksPairLikeEnglishMarks() throws {
        // The sample sentence as French and German editions print its marks.
        let french = try run("« Kazakh authorities should withdraw the criminal charges against the Atajurt activists and release those in detention immediately », said Maya Wang, deputy Asia director at Human Rights Watch.")
        expectEqual(speaker(french, quote(french, "Kazakh authorities")), "Maya Wang")
        let german = try run("„Kazakh authorities should withdraw the criminal charges against the Atajurt activists and release those in detention immediately“, said Maya Wang, deputy Asia director at Human Rights Watch.")
        let q = quote(german, "Kazakh authorities")
        expectEqual(q?.kind, .direct)
        #expect(german.string(q!.span).hasSuffix("immediately"))
        expectEqual(speaker(german, q), "Maya Wang")
    }

    @Test func apostrophesAreNotMarks() throws {
        let doc = try run("""
        The provision, widely criticized by rights groups as vague and prone to abuse, carries up to 10 years’ imprisonment .

        China's Diplomatic Pressure Looms Over Case Against Xinjiang Activists In Kazakhstan

        The protest "negatively impacted the two nations' friendship," an Kazakh indictment seen by RFE/RL said.
        """)
        expectEqual(doc.quotes?.count, 1)
        expectEqual(doc.quotes.map { doc.string($0[0].span) }, "negatively impacted the two nations' friendship,")
    }

    // MARK: Lexicons from the config, and the whole sample corpus

    @Test func reportingVerbsExtendFromTheConfig() throws {
        let text = "Another independent journalist, Makhambet Abjan, messaged that on January 5, police came to his apartment; now he is missing."
        expectEqual(try run(text).quotes?.isEmpty, true)
        let doc = try run(text, ["lexicon": .object(JSONObject([("reporting_verbs", ["message messages messaged messaging"])]))])
        let q = quote(doc, "on January 5")
        expectEqual(q?.kind, .indirect)
        expectEqual(q.map { doc.string($0.span) }, "on January 5, police came to his apartment")
        expectEqual(speaker(doc, q), "Makhambet Abjan")
        expectEqual(role(doc, q), "Another independent journalist")
        expectEqual(cue(doc, q), "messaged")
    }

    @Test func lexiconListsComeFromTheYAMLConfigAndBadNamesAreRefused() throws {
        let config = try ConfigLoader().parse("""
            input: input/
            output: "-"
            stages:
              - sentences
              - quotes:
                  lexicon: {reporting_verbs: ["message messages messaged messaging"], titles: [ombudsman]}
            """, path: "pipeline/test.yaml")
        let quotes = try #require(config.stages.last)
        expectEqual(quotes.options.group("lexicon").strings("titles"), ["ombudsman"])
        let stage = try QuotesStage(options: quotes.options)
        var doc = Document(id: "t", text: "Another independent journalist, Makhambet Abjan, messaged that on January 5, police came to his apartment.")
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        try stage.process(&doc, &context)
        expectEqual(doc.quotes?.first?.cue.map { doc.string($0.span) }, "messaged")
        #expect(throws: ConfigError.self) {
            _ = try ConfigLoader().parse("input: input/\noutput: \"-\"\nstages: [sentences, {quotes: {lexicon: {reporting_verb: [message]}}}]", path: "x.yaml")
        }
    }

    @Test func aMissingLexiconFileIsASetupError() {
        #expect(throws: StageSetupError.self) {
            _ = try QuotesStage(options: .defaults(QuotesStage.options, ["lexicon_files": .object(JSONObject([("titles", "no/such/file.txt")]))]))
        }
    }

    @Test func recordsCarryTheQuotesAndMatchTheSchema() throws {
        let parsed = try run("""
        Ermurat Bapi, an independent Kazakh lawmaker, called the charges against the group “too harsh."

        "Such actions have nothing to do with state-related ties or policies," Bapi said to RFE/RL.
        """)
        var doc = parsed
        doc.source.sha256 = String(repeating: "0", count: 64)
        let record = try JSONParser.parse(RecordEncoder.encode(doc))
        let schema = try SchemaValidator(path: Repo.path("schema/record.schema.json"))
        expectEqual(schema.validate(record), [])
        let quotes = record.objectValue?["quotes"]?.arrayValue ?? []
        expectEqual(quotes.count, 2)
        expectEqual(quotes.first?.objectValue?["content"]?.objectValue?["text"]?.stringValue, "the charges against the group “too harsh.\"")
        expectEqual(quotes.last?.objectValue?["speaker"]?.objectValue?["resolved_from"]?.objectValue?["text"]?.stringValue, "Bapi")
        // Read back (the exec protocol), the quotes come out as they went in.
        var back = doc
        back.quotes = nil
        try RecordDecoder.apply(record.objectValue!, to: &back)
        expectEqual(back.quotes, doc.quotes)
    }

    /// Pieces of real sentences and every kind of mark, shuffled: whatever the order, the stage
    /// must not trap and every span must stay on the text's character boundaries.
    @Test func shuffledMarksAndWordsNeverBreakTheStage() throws {
        let pieces = ["“", "”", "\"", "'", "’", "‘", "''", "«", "»", "„", "—", " -- ", ", ", ". ", "? ", ": ", "; ", "\n\n", "\n",
                      "(", ")", "said", "says", "told RFE/RL", "according to", "Maya Wang", "she", "he", "which", "Bapi",
                      "the embassy", "Mr.", "Twitter user @kamaluga", "so-called", "calling it the", "wrote that", "adding",
                      "Ermurat Bapi, an independent Kazakh lawmaker,", "Zhang", "U.S.", "Кто", "中国", "é", "6'3\"", "'90s",
                      "reeducation camps", "is", "was told", "the ", "a ", "and", "Foreign Ministry spokesman",
                      "He’s", "it's", "(D-Mo.)", "R-Ky.,", "a.m.", "3,000", "9/11", "who", "the book", "called", "Mr. Bapi",
                      "‚", "‹", "›", "「", "」", "``", "…", "?”", "!", ":\n\n", "according to the indictment,", "in a statement"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let stage = try QuotesStage(options: .defaults(QuotesStage.options))
        let sentences = try SentencesStage(options: .defaults(SentencesStage.options))
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<(5 + next() % 60) { text += pieces[next() % pieces.count] + (next() % 3 == 0 ? "" : " ") }
            var doc = Document(id: "fuzz", text: text)
            doc.paragraphs = Paragraphs.spans(in: doc.text)
            var context = StageContext()
            try sentences.process(&doc, &context)
            try stage.process(&doc, &context)
            expectEqual(doc.firstInvalidSpan(), nil, "\(text)")
        }
    }

    /// One enormous paragraph of quotations and attributions (as a capture without line breaks
    /// gives): every quotation is still found; searches back are bounded, so the work stays linear.
    @Test func oneEnormousParagraph() throws {
        let unit = "“Such actions have nothing to do with state-related ties,” Bapi said. “Instead of aiding China’s repression, the government should press Beijing.” Mr. Bapi agrees, saying "
        let doc = try run(String(repeating: unit, count: 600))
        expectEqual(doc.quotes?.filter { $0.kind == .direct }.count, 1200)
    }

    @Test func everySampleDocumentGivesValidSpans() throws {
        let input = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../input")
        let files = try FileManager.default.contentsOfDirectory(atPath: input.path).filter { $0.hasSuffix(".txt") }
        #expect(files.count >= 5)
        var total = 0
        for file in files {
            let text = try String(contentsOf: input.appendingPathComponent(file), encoding: .utf8)
            var doc = Document(id: file, text: text)
            var context = StageContext()
            try NormalizeStage(options: .defaults(NormalizeStage.options)).process(&doc, &context)
            try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
            try QuotesStage(options: .defaults(QuotesStage.options)).process(&doc, &context)
            expectEqual(doc.firstInvalidSpan(), nil, "\(file)")
            for q in doc.quotes ?? [] {
                // Direct and mixed spans never start or end with a quotation mark.
                if q.kind != .indirect {
                    let s = doc.string(q.span)
                    #expect(!s.hasPrefix("“") && !s.hasPrefix("\"") && !s.hasSuffix("”"), "\(file): \(s)")
                }
                if let speaker = q.speaker {
                    let w = doc.string(speaker.span).lowercased()
                    #expect(!["which", "who", "that"].contains(w), "\(file): relative pronoun as speaker")
                    // Every speaker has an entity; a name is never a pronoun, and only pronouns
                    // (personal or indefinite: "Everyone I know agrees") are unresolved.
                    let entity = try #require(speaker.entity, "\(file): \(w) has no entity")
                    let name = entity.name?.lowercased() ?? ""
                    let pronouns = ["we", "i", "you", "they", "he", "she", "it", "everyone", "everybody", "someone", "somebody", "anyone", "anybody", "nobody", "most", "many", "some", "several", "both", "all", "few"]
                    #expect(!(["which", "who", "that"] + pronouns).contains(name), "\(file): \(name)")
                    expectEqual(entity.isUnresolved, pronouns.contains(w), "\(file): \(w)")
                }
            }
            total += doc.quotes?.count ?? 0
        }
        #expect(total > 100)
    }
}
