import Foundation
import Testing
@testable import TextMill

/// Every named rule of `quotes` (`QuoteRules.all`) on a real sentence (the sample corpus in
/// `input/`, and constructions of news English written for the test): the explanation trace
/// shows the rule applied to the candidate, and the candidate comes out as the rule says.
@Suite struct QuoteRulesTests {
    /// One rule on one text: the candidate whose words start with `candidate`, and what comes
    /// out ("direct Maya Wang" as kind and speaker name, "mixed -" with no speaker, "dropped").
    struct Case: Sendable, CustomTestStringConvertible {
        var rule: String
        var text: String
        var candidate: String
        var outcome: String
        /// Byte ranges of paragraphs the page marked as block quotations, by paragraph number.
        var blockParagraphs: [Int] = []
        /// The words the quote starts with where the rule cut the candidate's start off (a
        /// turn's label); nil: the candidate's.
        var quoteStart: String? = nil
        var testDescription: String { rule }
    }

    static let cases: [Case] = [
        Case(rule: "heading", text: "The site's reports continued.\n\n'No Americans Here'\n\nThe soldiers left at dawn.",
             candidate: "No Americans Here", outcome: "dropped"),
        Case(rule: "work-title", text: "According to the avtonom.org podcast, “Trends of order and chaos,”",
             candidate: "Trends of order", outcome: "dropped"),
        Case(rule: "label-phrase", text: "Sayragul Sauytbay's testimony has helped expose the so-called \"reeducation camps\" in northwestern China.",
             candidate: "reeducation camps", outcome: "dropped"),
        Case(rule: "clause-before-quotation", text: "The harbor board said the new ferries would arrive in May, “weather and shipyards permitting.”",
             candidate: "weather and shipyards", outcome: "mixed harbor board"),
        Case(rule: "writers-clause-comma", text: "As the harbor master explained, the fares were frozen for a year, costing the port $2 million, “which is less than it sounds.”",
             candidate: "which is less", outcome: "mixed harbor master"),
        Case(rule: "whole-complement", text: "Protesters interrupted the mayor on Friday, shouting “the toll stays, we go!”",
             candidate: "the toll stays", outcome: "direct protesters"),
        Case(rule: "direct-clause", text: "“Kazakh authorities should withdraw the criminal charges against the Atajurt activists,” said Maya Wang, deputy Asia director at Human Rights Watch.",
             candidate: "Kazakh authorities", outcome: "direct Maya Wang"),
        Case(rule: "attribution-after", text: "“Kazakh authorities should withdraw the criminal charges against the Atajurt activists,” said Maya Wang, deputy Asia director at Human Rights Watch.",
             candidate: "Kazakh authorities", outcome: "direct Maya Wang"),
        Case(rule: "participle-after", text: "The mayor said the tunnel was “a done deal,” citing the signed contract with the builders.",
             candidate: "a done deal", outcome: "mixed mayor"),
        Case(rule: "attribution-before", text: "Twitter user @qoshpendi wrote that his account was blocked for this reaction: \"So much hysteria on an official account, perhaps it's been hacked.\"",
             candidate: "So much hysteria", outcome: "direct @qoshpendi"),
        Case(rule: "transcript-turn", text: "Chris Wallace questioned the mayor on Sunday.\n\n\"WALLACE: Do you think the harbor tunnel will open in May?\"",
             candidate: "WALLACE: Do you think", outcome: "direct Chris Wallace", quoteStart: "Do you think"),
        Case(rule: "reference-entry", text: "Aliya Serik - \"Grain markets and the nomads of the steppe\" (2019), Almaty University Press.",
             candidate: "Grain markets", outcome: "dropped"),
        Case(rule: "byline-title", text: "READING LIST:\n\n—“Harbor ferries will run all night from May,” by the Gazette's Ana Ruiz: http://example.com/ferries",
             candidate: "Harbor ferries will run", outcome: "dropped"),
        Case(rule: "signature-line", text: "The harbor director sent a statement.\n\n“The fund has been insufficient to the task of repairing the seawall.\n\nAna Ruiz, deputy harbor director.”",
             candidate: "Ana Ruiz", outcome: "dropped"),
        Case(rule: "single-mark-heading", text: "The mayor spoke for an hour.\n\n– ‘Who cares?’ –\n\nHer rival conceded on Tuesday.",
             candidate: "Who cares", outcome: "dropped"),
        Case(rule: "stage-direction", text: "Partial transcript as follows:\n\n\"HALE: We will reopen the dock in June.\n\n\"(CROSSTALK.)\n\n\"RUIZ: The dock stays shut.",
             candidate: "(CROSSTALK.)", outcome: "dropped"),
        Case(rule: "unsaid-title-case", text: "- Nurlan, Kenzheakhmet. \"The Qazaq Khanate as Documented in Ming Dynasty Sources\"",
             candidate: "The Qazaq Khanate", outcome: "dropped"),
        Case(rule: "fragment", text: "Ermurat Bapi, an independent Kazakh lawmaker, called the charges against the group “too harsh.\"",
             candidate: "too harsh", outcome: "mixed Ermurat Bapi"),
        Case(rule: "naming-evaluation", text: "The mayor dismissed the audit on Monday, calling it a “political stunt by the harbor board.”",
             candidate: "political stunt", outcome: "mixed mayor"),
        Case(rule: "naming-label", text: "Secretary of State Mike Pompeo has called it the \"Wuhan virus\" to cite the city where the pandemic first broke out.",
             candidate: "Wuhan virus", outcome: "dropped"),
        Case(rule: "title-fragment", text: "The senator wrote in an opinion piece for “The Wall Street Journal” that the plan would fail.",
             candidate: "The Wall Street Journal", outcome: "dropped"),
        Case(rule: "shared-attribution", text: "Many Kazakhs on social media hit back at him by calling the comments \"misplaced\" and \"undiplomatic.\"",
             candidate: "undiplomatic", outcome: "mixed Many Kazakhs"),
        Case(rule: "as-evaluation", text: "Councillor Ines Park blasted the harbor levy as a “tax on commuters” Tuesday.",
             candidate: "tax on commuters", outcome: "mixed Ines Park"),
        Case(rule: "according-to", text: "According to the harbor authority, the tunnel will stay closed until the end of May.",
             candidate: "the tunnel will stay", outcome: "indirect harbor authority"),
        Case(rule: "colon-speaker", text: "Mayor Dana Whitcomb: The harbor tunnel will not open before the summer.",
             candidate: "The harbor tunnel", outcome: "indirect Dana Whitcomb"),
        Case(rule: "headline-colon", text: "Whitcomb: Harbor Tunnel Will Stay Shut Until June\n\nMayor Whitcomb closed the tunnel in March.",
             candidate: "Harbor Tunnel Will", outcome: "indirect Whitcomb"),
        Case(rule: "headline-says", text: "Mayor Whitcomb Says Harbor Tunnel Will Open in June\n\nMayor Whitcomb closed the tunnel in March.",
             candidate: "Harbor Tunnel Will", outcome: "indirect Whitcomb"),
        Case(rule: "claim-noun", text: "The councillor rejected the mayor’s claim that the ferry had carried more passengers than ever.",
             candidate: "the ferry had carried", outcome: "indirect mayor"),
        Case(rule: "cue-then-content", text: "Relatives say Turghanbai was detained while in China for work.",
             candidate: "Turghanbai was detained", outcome: "indirect relatives"),
        Case(rule: "infinitive-cue", text: "Even after the audit was published, the harbor master continued to say the cranes were safe.",
             candidate: "the cranes were safe", outcome: "indirect harbor master"),
        Case(rule: "quoted-content-after-that", text: "The mayor tells reporters outside the harbor office in Greenport that “the ferries will run on time.”",
             candidate: "the ferries will run", outcome: "mixed mayor"),
        Case(rule: "relative-subject", text: "The harbor fund approved new loans, which the treasurer said were tied to strict conditions.",
             candidate: "were tied to strict", outcome: "indirect treasurer"),
        Case(rule: "relative-pronoun-piece", text: "The council finally opened the new ferry dock, which the mayor said the city should have built ten years ago.",
             candidate: "which", outcome: "indirect mayor"),
        Case(rule: "contact-relative-piece", text: "The inquiry into the fire is a probe the harbor police said was open until the end of March.",
             candidate: "a probe", outcome: "indirect harbor police"),
        Case(rule: "content-then-cue", text: "The bridge will reopen in May, the transport minister said.",
             candidate: "The bridge will reopen", outcome: "indirect transport minister"),
        Case(rule: "as-attribution", text: "As the newspaper noted, the harbor tunnel has been closed for most of the year.",
             candidate: "the harbor tunnel", outcome: "indirect newspaper"),
        Case(rule: "split-content", text: "At one point, the treasurer said, the fund was considering a second bond issue.",
             candidate: "At one point", outcome: "indirect treasurer"),
        Case(rule: "split-before-quotation", text: "If the levy fails, the mayor said, “we will close two libraries next year.”",
             candidate: "If the levy fails", outcome: "indirect mayor"),
        Case(rule: "bare-complement", text: "The governor said states like Ohio and Iowa will decide the race first.",
             candidate: "states like Ohio", outcome: "indirect governor"),
        Case(rule: "pro-form-message", text: "Lee will back the levy, and the mayor said she would.",
             candidate: "she would", outcome: "indirect mayor"),
        Case(rule: "document-object", text: "The latest harbor poll showed the mayor leading the field with 31 percent of the vote.",
             candidate: "the mayor leading", outcome: "indirect document"),
        Case(rule: "subject-of-clause", text: "Her campaign workers here said they have been knocking on doors since the spring.",
             candidate: "they have been knocking", outcome: "indirect Her campaign workers"),
        Case(rule: "inverted-cue", text: "Repairs to the seawall are running two months late, said Tom Ferris, a city engineer.",
             candidate: "Repairs to the seawall", outcome: "indirect Tom Ferris"),
        Case(rule: "speech-topic", text: "The harbor master talked about the cost of dredging the channel.",
             candidate: "the cost of dredging", outcome: "indirect harbor master"),
        Case(rule: "asked-question", text: "A ferry captain asked the harbor master about the cost of dredging the channel.",
             candidate: "the cost of dredging", outcome: "indirect ferry captain"),
        Case(rule: "passive-report", text: "The closure of the harbor tunnel was first reported by the Harbor Gazette.",
             candidate: "The closure", outcome: "indirect Harbor Gazette"),
        Case(rule: "refused-comment", text: "The audit was published on Monday. The port director declined to comment.",
             candidate: "to comment", outcome: "indirect port director"),
        Case(rule: "hearsay-adverb", text: "The harbor board is reportedly weighing a second ferry contract.",
             candidate: "weighing a second", outcome: "indirect -"),
        Case(rule: "next-attribution", text: "Most ferry riders said the new timetable works well but the harbor workers said the night boats would run too late.",
             candidate: "the new timetable works well", outcome: "indirect Most ferry riders"),
        Case(rule: "group-answer", text: "In the harbor poll, one in three said the ferry fares were too high, but one in four said they were fair.",
             candidate: "the ferry fares were too high", outcome: "indirect unresolved"),
        Case(rule: "relative-clause-end", text: "The harbor board, which said on Friday that the night ferries would run until May, has not set a date for the tunnel.",
             candidate: "the night ferries would run until May", outcome: "indirect harbor board"),
        Case(rule: "that-after-adjuncts", text: "The port director told the council, in a private session on Monday, that the cranes would be replaced.",
             candidate: "the cranes would be replaced", outcome: "indirect port director"),
        Case(rule: "subordinate-clause-end", text: "However, while the harbor board says the new ferries are safe, the inspectors are not convinced.",
             candidate: "the new ferries are safe", outcome: "indirect harbor board"),
        Case(rule: "nearer-cue", text: "The two leaders met on Friday, with Mayor Ana Ruiz saying she was “very hopeful” and Governor Tom Hale calling the plan a “fair deal for the harbor.”",
             candidate: "fair deal", outcome: "mixed Tom Hale"),
        Case(rule: "reported-content", text: "China says the camps in the western Xinjiang Province are used for \"vocational education and training.\"",
             candidate: "vocational education", outcome: "mixed China"),
        Case(rule: "scare-quote", text: "The comment referred to China's crackdown on Uyghurs, forcing them to live in \"reeducation camps.\"",
             candidate: "reeducation camps", outcome: "dropped"),
        Case(rule: "quoted-report", text: "The harbor master said the new lease was a so-called “sweetheart deal” for the builders.",
             candidate: "sweetheart deal", outcome: "mixed harbor master"),
        Case(rule: "fragment-clause", text: "Dana Ruiz closed the hearing by urging drivers to plan for “weeks of delays and detours.”",
             candidate: "weeks of delays", outcome: "mixed Dana Ruiz"),
        Case(rule: "block-introduction", text: "According to Anarchist Fighter:\n\nThe journalist Maksim Kurnikov said some very interesting things on Ekho Moskvy’s morning broadcast.",
             candidate: "The journalist Maksim Kurnikov", outcome: "direct Anarchist Fighter"),
        Case(rule: "marked-blockquote", text: "The embassy posted a statement on Facebook.\n\nWe regret the misunderstanding and value the friendship between our peoples.",
             candidate: "We regret the misunderstanding", outcome: "direct -", blockParagraphs: [1]),
        Case(rule: "floating-speaker", text: """
             Erlan Zhetibaev, a spokesman from Kazakhstan's Foreign Ministry, confirmed to RFE/RL that "the ministry held a regular meeting with the Chinese Ambassador" in November.

             SEE ALSO: Relatives Of Kazakhs Missing In Xinjiang Silenced As China's Xi Visits

             "During the meeting, in addition to bilateral issues, the incident that occurred in the Uyghur district of the Almaty region was discussed."
             """, candidate: "During the meeting", outcome: "direct Erlan Zhetibaev"),
        Case(rule: "dateline", text: "GREENPORT, May 3 (Harbor Wire) — The harbor master defended the new toll, saying: “The ferries pay for themselves.”",
             candidate: "The ferries pay", outcome: "direct harbor master"),
        Case(rule: "pronoun-resolution", text: "The man told us that he was at the protests from the very beginning.\n\n“Now,” he said, “They are shooting combatants.”",
             candidate: "Now,", outcome: "direct man"),
        Case(rule: "surname-resolution", text: "Ermurat Bapi, an independent Kazakh lawmaker, spoke at the rally.\n\n\"Such actions have nothing to do with state-related ties,\" Bapi said.",
             candidate: "Such actions", outcome: "direct Ermurat Bapi"),
        Case(rule: "relative-resolution", text: "RFE/RL obtained a diplomatic note sent by the Chinese Consulate General, which describes the protest as “an open provocation against the dignity of the People’s Republic of China.\"",
             candidate: "an open provocation", outcome: "mixed document"),
        Case(rule: "who-is-a-person", text: "It all started with the economic demands of workers in western Kazakhstan, who were protesting the sharp hike in gas prices.",
             candidate: "the sharp hike", outcome: "indirect -"),
        Case(rule: "relative-never-speaks", text: "It all started with the economic demands of workers in western Kazakhstan, who were protesting the sharp hike in gas prices.",
             candidate: "the sharp hike", outcome: "indirect -"),
        Case(rule: "things-never-speak", text: "Downtown Almaty on January 5. The sign on the door says “We are with people.”",
             candidate: "We are with people", outcome: "direct -"),
        Case(rule: "object-pronoun-speaker", text: "Tom Hale ran the harbor ferry for a decade before the city sold it.\n\nAccording to him, the old boats never made money.",
             candidate: "the old boats", outcome: "indirect Tom Hale"),
        Case(rule: "demonstrative-speaker", text: "The mayor said on Monday that the ferry would run all night.\n\nThat’s not to suggest that the fares will fall.",
             candidate: "the fares will fall", outcome: "indirect unresolved"),
        Case(rule: "grammar-word-speaker", text: "Beck, who has in the past described the mayor as “a reckless gambler,” endorsed her rival.",
             candidate: "a reckless gambler", outcome: "mixed -"),
        Case(rule: "common-noun-as-name", text: "Police said the ferry had been searched twice.\n\nThe harbor stayed closed for an hour, police said.",
             candidate: "the ferry had been searched", outcome: "indirect police"),
        Case(rule: "unresolved-pronoun", text: "We offered the protesters hot tea. They showed us injuries from rubber bullets and warned us that soon there would be serious shooting.",
             candidate: "soon there would be", outcome: "indirect unresolved"),
        Case(rule: "title-alone", text: "The ferry board voted to keep the late boat.\n\n“We will keep the night boat for another summer,” said Mr.",
             candidate: "We will keep the night boat", outcome: "direct unresolved"),
        Case(rule: "indefinite-speaker", text: "Many feared the troops would stay. Everyone I know agrees that this is an occupation.",
             candidate: "this is an occupation", outcome: "indirect unresolved"),
        Case(rule: "document-speaker", text: "The protest \"negatively impacted the two nations' friendship,\" an indictment seen by RFE/RL said.",
             candidate: "negatively impacted", outcome: "mixed document"),
        Case(rule: "same-role", text: "In thinly veiled criticism on social media, China's envoy in Kazakhstan recently seemed to ridicule the U.S. government's \"inability\" to contain the virus.\n\nAmbassador Zhang Xiao hit out at an unnamed country on Facebook for wasting \"valuable time\" in the early days of the crisis.",
             candidate: "inability", outcome: "mixed Zhang Xiao"),
        Case(rule: "owner-speaks", text: "The embassy posted the link on Monday.\n\nThe embassy's Twitter account shared it, captioning it: \"USA, the biggest source of the ideological virus.\"",
             candidate: "USA, the biggest", outcome: "direct embassy"),
        Case(rule: "person-in-name", text: "Senator Ana Ruiz of Ohio said on Monday that the harbor bill was dead.\n\n\"We will not vote for it,\" Ana Ruiz told reporters.",
             candidate: "the harbor bill was dead", outcome: "indirect Ana Ruiz"),
        Case(rule: "organisation-by-name", text: "The Chinese Embassy said on Monday that the post was \"a private opinion.\"\n\nThe embassy later said it \"regrets any misunderstanding.\"",
             candidate: "regrets any", outcome: "mixed Chinese Embassy"),
        Case(rule: "speaker-entity", text: "Ambassador Zhang Xiao hit out at an unnamed country on Facebook.\n\nThe virus had \"spread to all its states,\" Zhang wrote.",
             candidate: "spread to all its states", outcome: "mixed Zhang Xiao"),
    ]

    /// The trace of a text: its quotes, and the rules applied to each candidate.
    func trace(_ c: Case) throws -> (steps: [QuoteTrace.Step], quotes: [Quote], text: [UInt8]) {
        var doc = Document(id: "t", text: c.text)
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        let blocks = c.blockParagraphs.map { doc.paragraphs![$0] }
        let (steps, quotes) = QuoteExtractor().traced(in: doc.text, paragraphs: doc.paragraphs!, sentences: doc.sentences!, blockquotes: blocks)
        return (steps, quotes, doc.text)
    }

    @Test(arguments: cases) func theRuleAppliesToItsSentence(_ c: Case) throws {
        let (steps, quotes, text) = try trace(c)
        func words(_ s: Span) -> String { String(decoding: text[s.start..<s.end], as: UTF8.self) }
        let mine = steps.filter { words($0.candidate).hasPrefix(c.candidate) }
        #expect(!mine.isEmpty, "no candidate starts with \(c.candidate)")
        #expect(mine.contains { $0.rule.name == c.rule }, "\(c.rule) not among \(mine.map(\.rule.name))")
        let q = quotes.first { words($0.span).hasPrefix(c.quoteStart ?? c.candidate) }
        let outcome = q.map { q -> String in
            let who = q.speaker.map { s in s.entity.map { $0.isDocument ? "document" : $0.isUnresolved ? "unresolved" : $0.name! } ?? words(s.span) } ?? "-"
            return "\(q.kind.rawValue) \(who)"
        } ?? "dropped"
        expectEqual(outcome, c.outcome)
    }

    @Test func aFragmentAfterItsCueTakesTheCuesComplementAsContent() throws {
        let c = Self.cases.first { $0.rule == "fragment-clause" }!
        let (_, quotes, text) = try trace(c)
        expectEqual(quotes.count, 1)
        let content = try #require(quotes.first?.content)
        expectEqual(String(decoding: text[content.start..<content.end], as: UTF8.self), "drivers to plan for “weeks of delays and detours.”")
    }

    @Test func everyRuleHasACaseAndNamesAreUnique() {
        let names = QuoteRules.all.map(\.name)
        expectEqual(Set(names).count, names.count)
        // The cue-word rules decide words, not candidates: QuoteCueRulesTests has theirs.
        expectEqual(Set(Self.cases.map(\.rule)), Set(names).subtracting(QuoteRules.cueWords.map(\.name)))
    }

    @Test func theExplanationListsTheRulesAndEachCandidateWithItsOutcome() throws {
        let text = "Downtown Almaty on January 5. The sign on the door says “We are with people.”\n\nShe was forced to live in \"reeducation camps.\""
        var doc = Document(id: "t", text: text)
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        let explanation = QuoteExtractor().explain(in: doc.text, paragraphs: doc.paragraphs!, sentences: doc.sentences!)
        let candidates = explanation.components(separatedBy: "\ncandidates:").last ?? ""
        expectEqual(candidates, """
         2, quotations: 1

        “We are with people.”  [bytes 59..<78]
          + direct-clause            stands as a clause of its own: direct
          = attribution-before       speaker: the door, cue: says
          - things-never-speak       the door
          => direct, no speaker, cue "says"

        “reeducation camps.”  [bytes 110..<128]
          + fragment                 it does not open a clause
          - scare-quote              three words or fewer and no one says it: a scare quote
          => dropped

        """)
        #expect(explanation.hasPrefix("rules, in the order they apply:\n  1   heading "))
    }
}
