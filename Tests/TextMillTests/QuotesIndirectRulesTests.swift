import Testing
@testable import TextMill

/// The named rules of reported speech (`QuoteRules`, section 2; `Stages/Quotes/Indirect*.swift`),
/// each on sentences of news English written for the test. `[[…]]` marks every indirect quote
/// the text must give, and nothing else may come out: each case pins the document's full list
/// of quotes (kind, words, speaker) and that the rule named made the first marked one.
@Suite struct QuotesIndirectRulesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var rule: String
        /// The text with each expected indirect quote between `[[` and `]]`.
        var marked: String
        /// The speaker's entity name of each marked quote, in order ("-" for none).
        var speakers: [String]
        var testDescription: String { "\(rule): \(marked.prefix(40))" }
    }

    static let cases: [Case] = [
        Case(rule: "according-to", marked: "According to the harbor authority, [[the tunnel will stay closed until the end of May]].",
             speakers: ["harbor authority"]),
        Case(rule: "according-to", marked: "[[The ferry will run every twenty minutes]], according to the city transport office.",
             speakers: ["city transport office"]),
        // The source runs on past its name to the comma; what looked like its apposition is the content.
        Case(rule: "according-to", marked: "According to the mayor's budget plan, [[the city faces a deficit of two million dollars next year]].",
             speakers: ["mayor's budget plan"]),
        Case(rule: "according-to", marked: "But, according to the survey, [[most voters remain undecided about the levy]].",
             speakers: ["the survey"]),
        // A long source phrase, past fourteen tokens after its head, up to its comma.
        Case(rule: "according-to", marked: "According to early results of the exit polls conducted for the two television networks by a polling firm, [[most voters in the harbor district backed the levy]].",
             speakers: ["results"]),
        // A source that is no speaker phrase: the words up to the sentence end.
        Case(rule: "according-to", marked: "[[The harbor ferry carried more passengers than ever last year]], according to recent data from the ferry office.",
             speakers: ["recent data from the ferry office"]),
        // A source inside the sentence splits the content in two, when what follows its comma goes
        // on from the first piece (a verb) or is a clause of its own.
        Case(rule: "according-to", marked: "[[The cost of the harbor tunnel repairs]], according to the budget office, [[would double by the end of the decade]].",
             speakers: ["budget office", "budget office"]),
        Case(rule: "according-to", marked: "[[Over the next ten years]], according to the budget office, [[the harbor fund will run a deficit every year]].",
             speakers: ["budget office", "budget office"]),
        // An apposition of the source after its comma is no second piece.
        Case(rule: "according-to", marked: "[[The ferry carried more passengers than ever last year]], according to Ana Ruiz, a port analyst, in a report on Monday.",
             speakers: ["Ana Ruiz"]),
        Case(rule: "colon-speaker", marked: "Mayor Dana Whitcomb: [[The harbor tunnel will not open before the summer]].",
             speakers: ["Dana Whitcomb"]),
        Case(rule: "headline-colon", marked: "Whitcomb: [[Harbor Tunnel Will Stay Shut Until June]]\n\nThe Latest: crews found cracks in the harbor tunnel, and Mayor Whitcomb closed it on Monday.",
             speakers: ["Whitcomb"]),
        Case(rule: "headline-says", marked: "Mayor Whitcomb Says [[Harbor Tunnel Will Open in June]]\n\nCrews found cracks in the harbor tunnel, and Mayor Whitcomb closed it on Monday.",
             speakers: ["Whitcomb"]),
        // A comma ends the content: what follows is a second headline.
        Case(rule: "headline-says", marked: "Port Authority Claims [[Ferry Fares Will Fall Next Year]], Calls Toll Plan Unfair",
             speakers: ["Port Authority"]),
        // The attribution closing the headline after its last comma, with a hearer or without.
        Case(rule: "headline-says", marked: "[[Harbor Tunnel Will Open in June]], Mayor Whitcomb Says\n\nCrews found cracks in the harbor tunnel, and Mayor Whitcomb closed it on Monday.",
             speakers: ["Whitcomb"]),
        Case(rule: "headline-says", marked: "[[Ferry Fares Will Fall Next Year]], Port Director Tells City Council\n\nThe port director spoke to the council on Monday.",
             speakers: ["Port Director"]),
        Case(rule: "claim-noun", marked: "The councillor rejected the mayor’s claim that [[the ferry had carried more passengers than ever]].",
             speakers: ["mayor"]),
        Case(rule: "cue-then-content", marked: "The port director said [[the cranes would be replaced next year]].",
             speakers: ["port director"]),
        // A comma and a second finite cue end the first content: each cue reports its own.
        Case(rule: "cue-then-content", marked: "The mayor, who said [[the project was vetted by the city's lawyers]], said [[he was unaware of any disagreement]].",
             speakers: ["mayor", "mayor"]),
        // A quantity word opening its clause is the speaker (cue rule `cue-quantity-subject`).
        Case(rule: "cue-then-content", marked: "The ferry hall was full. Most said [[they would wait for the next boat]]. Many told the clerk [[the toll was too high]].",
             speakers: ["Most", "Many"]),
        // The relative pronoun is the reported clause's subject: the content's first piece.
        Case(rule: "relative-subject", marked: "The harbor fund approved new loans, [[which]] the treasurer said [[were tied to strict conditions]].",
             speakers: ["treasurer", "treasurer"]),
        Case(rule: "relative-subject", marked: "The council blamed the ferry strike, [[which]] union leaders have repeatedly said [[was a last resort]].",
             speakers: ["union leaders", "union leaders"]),
        // The relative pronoun is the object of the reported clause, which has its own subject
        // after the cue: the pronoun is the content's first piece.
        Case(rule: "relative-pronoun-piece", marked: "The council finally opened the new ferry dock, [[which]] the mayor said [[the city should have built ten years ago]].",
             speakers: ["mayor", "mayor"]),
        // Its subject, when the words after the cue start with a verb `bare-complement` reads.
        Case(rule: "relative-pronoun-piece", marked: "The union backed the new levy, [[which]] its leaders argue [[spreads the cost of the ferries fairly]].",
             speakers: ["its leaders", "its leaders"]),
        // "what" is no piece, but the be-form after the cue starts its clause.
        Case(rule: "relative-pronoun-piece", marked: "The ferry company has struggled to keep up with what its director said [[was a sudden rush of weekend riders]].",
             speakers: ["its director"]),
        // A relative clause with no relative word: the noun phrase before the speaker is the
        // subject of the reported clause when a be-form or auxiliary follows the cue.
        Case(rule: "contact-relative-piece", marked: "The inquiry into the fire is [[a probe]] the harbor police said [[was open until the end of March]].",
             speakers: ["harbor police", "harbor police"]),
        Case(rule: "contact-relative-piece", marked: "The new contract is [[a deal]] the union leaders argue [[will keep the ferries running all winter]].",
             speakers: ["union leaders", "union leaders"]),
        // A negative contraction between speaker and cue is an auxiliary with "not"
        // (`speaker_cue_fillers`): the cue stays a verb and the contraction no word of the name.
        Case(rule: "cue-then-content", marked: "The ferry stopped running in March. The harbor master wouldn’t say [[when the ferry would run again]].",
             speakers: ["harbor master"]),
        Case(rule: "cue-then-content", marked: "The port director didn't say [[whether the cranes would be replaced next year]]. The mayor hasn’t said [[who will pay for the new cranes]].",
             speakers: ["port director", "mayor"]),
        // A progressive with a negative contraction (cue rule `cue-ing-clause`): "isn’t saying".
        Case(rule: "cue-then-content", marked: "The cranes are old. The harbor master isn’t saying [[who will pay for the new cranes]].",
             speakers: ["harbor master"]),
        // "and" before a base form that is also a noun ("federal and state law") does not end the content.
        Case(rule: "cue-then-content", marked: "The harbor board says that [[the toll plan breaks federal and state law on public ferries]].",
             speakers: ["harbor board"]),
        // Verbs of praise, blame and note take their object as the message (`@np`), as PolNeAR's
        // annotators mark it: criticize, praise, note, repeat, recount, condemn, mock, ridicule
        // (not dismiss: "dismissing the First Secretary" removes him from office).
        Case(rule: "cue-then-content", marked: "Councillor Ines Park criticized [[the harbor board's plan to raise ferry fares]].",
             speakers: ["Ines Park"]),
        Case(rule: "cue-then-content", marked: "The port director noted [[a steep rise in freight traffic since the spring]].",
             speakers: ["port director"]),
        Case(rule: "cue-then-content", marked: "Councillor Park condemned [[the attack on the ferry crew]].",
             speakers: ["Park"]),
        // What is warned against, with whom it is warned, is the message (`@np`; issue 14, round 26).
        Case(rule: "cue-then-content", marked: "The port director warned [[the council against a toll on the old bridge]].",
             speakers: ["port director"]),
        Case(rule: "cue-then-content", marked: "Residents at the meeting mocked [[the idea of a toll on the old bridge]].",
             speakers: ["Residents at the meeting"]),
        // So do verbs of attacking, praising and turning down (issue 14, the census of misses by
        // the gold's cue): what is lambasted, assailed, rebuked or congratulated, with
        // the "for"/"of"/"on" phrase that says why; the accused and what they are accused of;
        // what is questioned, recalled or expressed.
        Case(rule: "cue-then-content", marked: "Councillor Ines Park lambasted [[the harbor board for raising ferry fares twice in one year]].",
             speakers: ["Ines Park"]),
        Case(rule: "cue-then-content", marked: "The dock workers’ union accused [[the port director of hiding the cost of the new cranes]].",
             speakers: ["union"]),
        Case(rule: "cue-then-content", marked: "At the hearing, the mayor rebuked [[the council for selling the old ferry]].",
             speakers: ["mayor"]),
        Case(rule: "cue-then-content", marked: "Mayor Dana Whitcomb congratulated [[the ferry crews on a year without accidents]].",
             speakers: ["Dana Whitcomb"]),
        Case(rule: "cue-then-content", marked: "Councillor Park questioned [[the cost of the new ferry]].",
             speakers: ["Park"]),
        Case(rule: "cue-then-content", marked: "The port director expressed [[confidence that the cranes would be ready by May]].",
             speakers: ["port director"]),
        Case(rule: "cue-then-content", marked: "The old harbor master recalled [[the winter the ferry froze in the bay]].",
             speakers: ["old harbor master"]),
        Case(rule: "infinitive-cue", marked: "Even after the audit was published, the harbor master continued to say [[the cranes were safe]].",
             speakers: ["harbor master"]),
        Case(rule: "as-attribution", marked: "As the newspaper noted, [[the harbor tunnel has been closed for most of the year]].",
             speakers: ["newspaper"]),
        Case(rule: "split-content", marked: "[[At one point]], the treasurer said, [[the fund was considering a second bond issue]].",
             speakers: ["treasurer", "treasurer"]),
        // Two words after the attribution are a piece of their own.
        Case(rule: "split-content", marked: "[[This year]], the harbor master says, [[is different]].",
             speakers: ["harbor master", "harbor master"]),
        Case(rule: "content-then-cue", marked: "[[The bridge will reopen in May]], the transport minister said.",
             speakers: ["transport minister"]),
        // A hearer with only adjuncts after it still closes the attribution.
        Case(rule: "content-then-cue", marked: "The port director spoke first. [[The county was only doing what forty other counties already do]], Lopez told the court in her filing.",
             speakers: ["Lopez"]),
        // A semicolon ends the attribution as a sentence end does.
        Case(rule: "content-then-cue", marked: "[[To reopen the tunnel, the city probably needs another forty million dollars]], engineers say; in 2012, the repairs cost half as much.",
             speakers: ["engineers"]),
        // ", while …" (`content_closers`) opens the writer's own clause: the content ends before it.
        Case(rule: "cue-then-content", marked: "In the poll, 1,409 teachers said [[they wanted to back the levy]], while 95 members opposed it.",
             speakers: ["1,409 teachers"]),
        // A cue inside a subordinate clause that opens the sentence (`subordinators`): the content
        // ends where the main clause starts.
        Case(rule: "cue-then-content", marked: "While the mayor has said [[the harbor budget is sound]], the council wants an audit of the fund.",
             speakers: ["mayor"]),
        Case(rule: "cue-then-content", marked: "When the port director announced that [[the cranes would be replaced]], the dock workers stopped work for a day.",
             speakers: ["port director"]),
        // "and" and a verb of saying start the reporting clause's second verb phrase; "and" and
        // another verb go on with the content.
        Case(rule: "cue-then-content", marked: "The port director said [[the cranes were old]] and asked the council for money.",
             speakers: ["port director"]),
        Case(rule: "cue-then-content", marked: "The port director said [[the cranes were old and needed to be replaced before the winter]].",
             speakers: ["port director"]),
        // A pair of dashes holds an aside inside the content.
        Case(rule: "cue-then-content", marked: "Local fire officials said [[they recently found the old - and previously unreported - reports in a basement]].",
             speakers: ["officials"]),
        // A verb that reports only clauses (`@clause`): what follows is the message even when it
        // does not read as a clause (a subject that looks like a verb; no verb at all).
        Case(rule: "bare-complement", marked: "The governor said [[states like Ohio and Iowa will decide the race first]].",
             speakers: ["governor"]),
        Case(rule: "bare-complement", marked: "Most voters in the district said [[the same of the harbor levy]].",
             speakers: ["Most voters in the district"]),
        // A word for the whole message, or a clause cut short to its subject and auxiliary.
        Case(rule: "pro-form-message", marked: "Port officials acknowledged [[as much]] in a letter to the council.",
             speakers: ["Port officials"]),
        Case(rule: "pro-form-message", marked: "The harbor master backed a night ferry last year, and the council member said [[the same]].",
             speakers: ["council member"]),
        Case(rule: "pro-form-message", marked: "Lee will back the levy, and the mayor said [[she would]].",
             speakers: ["mayor"]),
        // A document that shows or finds something reports its object, however the words look.
        Case(rule: "document-object", marked: "The latest harbor poll showed [[the mayor leading the field with 31 percent of the vote]].",
             speakers: ["The latest harbor poll"]),
        Case(rule: "document-object", marked: "A survey of ferry riders found [[Mayor Ruiz with a lead of 48 percent to 41 percent]].",
             speakers: ["A survey of ferry riders"]),
        Case(rule: "document-object", marked: "Recent polls have shown [[the mayor leading the field in every harbor district]].",
             speakers: ["Recent polls"]),
        Case(rule: "document-object", marked: "Ruiz cheered a new poll, which shows [[the levy passing with room to spare]].",
             speakers: ["a new poll"]),
        Case(rule: "document-object", marked: "The council met on Monday. Polls show [[the ferry levy losing by a wide margin]].",
             speakers: ["polls"]),
        // A content opening with a preposition is a clause when it has an auxiliary of its own.
        Case(rule: "content-then-cue", marked: "[[About 270 families have now been moved to new homes]], officials said.",
             speakers: ["officials"]),
        // A closing attribution whose subject the speaker grammar does not read whole: the stretch
        // between the comma and the cue is the subject (a name at its end speaks, the words before
        // it are its role).
        Case(rule: "content-then-cue", marked: "[[The night ferry will stop running in March]], the news site Harbor Daily reported.",
             speakers: ["Harbor Daily"]),
        Case(rule: "content-then-cue", marked: "[[The mayor will not run for a third term]], a source close to him said.",
             speakers: ["source close to him"]),
        Case(rule: "content-then-cue", marked: "[[Support for the levy is strongest among dock workers]], teachers and union officials told the paper.",
             speakers: ["teachers and union officials"]),
        Case(rule: "content-then-cue", marked: "[[The band's new record is almost finished]], frontman Dale Brooks told the radio station.",
             speakers: ["Dale Brooks"]),
        Case(rule: "inverted-cue", marked: "[[Repairs to the seawall are running two months late]], said Tom Ferris, a city engineer.",
             speakers: ["Tom Ferris"]),
        // After content that opens with a subordinate clause, the words between its two commas
        // hold an auxiliary: a clause, no apposition of a speaker before the cue (issue 14, round 26).
        Case(rule: "inverted-cue", marked: "[[If the ferry stopped running, most islanders would find other ways to reach the mainland]], said Rowan Pike.",
             speakers: ["Rowan Pike"]),
        Case(rule: "inverted-cue", marked: "[[When the tunnel closed, the night boats were full every evening]], said Ada Lund, a harbor pilot.",
             speakers: ["Ada Lund"]),
        // A second attribution after a comma, "and" or "but" ends the first content: each cue
        // reports its own (`next-attribution`).
        Case(rule: "next-attribution", marked: "Most ferry riders said [[the new timetable works well]] but the harbor workers said [[the night boats would run too late]].",
             speakers: ["Most ferry riders", "harbor workers"]),
        Case(rule: "next-attribution", marked: "Many council members have said [[they will not back the levy]] and others have said [[they are still undecided]].",
             speakers: ["Many council members", "others"]),
        // A second group's answer after a comma, "and" or "but", a ratio or a number and "who",
        // ends the first content: each group's cue reports its own (`group-answer`).
        Case(rule: "group-answer", marked: "In the harbor poll, one in three said [[the ferry fares were too high]], but one in four said [[they were fair]].",
             speakers: ["three", "four"]),
        Case(rule: "group-answer", marked: "Most islanders say [[they back the new toll]], compared with 40 percent who say [[the same of the tunnel levy]].",
             speakers: ["Most islanders", "40 percent"]),
        Case(rule: "group-answer", marked: "One in three riders said [[the night ferry was often late]] and one in five said [[it had never come at all]].",
             speakers: ["three riders", "five"]),
        // A cue in a relative clause set off by a comma: its content ends where the clause does,
        // before the main clause's verb (`relative-clause-end`); the relative pronoun may be the
        // speaker, or follow the noun phrase an apposition opens with.
        Case(rule: "relative-clause-end", marked: "The harbor board, which said on Friday that [[the night ferries would run until May]], has not set a date for the tunnel.",
             speakers: ["harbor board"]),
        Case(rule: "relative-clause-end", marked: "Ana Ruiz, a captain who told reporters [[the old ferries were unsafe]], was dismissed on Monday.",
             speakers: ["captain"]),
        // Words of where, when or to whom between the cue and "that" (an apposition, a comma, a
        // name), no verb among them (`that-after-adjuncts`).
        Case(rule: "that-after-adjuncts", marked: "A ferry captain wrote the island paper, The Gull Island Tide, that [[the night crossings were unsafe]].",
             speakers: ["ferry captain"]),
        Case(rule: "that-after-adjuncts", marked: "The port director told the council, in a private session on Monday, that [[the cranes would be replaced]].",
             speakers: ["port director"]),
        // A cue in a subordinate clause opened inside the sentence (after a sentence adverb and
        // its comma, after "and", after a time phrase): its content ends at the first comma a
        // clause follows, before the writer's main clause (`subordinate-clause-end`).
        Case(rule: "subordinate-clause-end", marked: "However, while the harbor board says [[the new ferries are safe]], the inspectors are not convinced.",
             speakers: ["harbor board"]),
        Case(rule: "subordinate-clause-end", marked: "The tunnel reopened in May, and while the mayor said [[the ferries would run all winter]], the timetable has no night boats.",
             speakers: ["mayor"]),
        Case(rule: "subordinate-clause-end", marked: "A few weeks after the port director announced that [[the old cranes would be replaced]], the crews walked off the job.",
             speakers: ["port director"]),
        // An infinitive after the hearer is the content, and ends at the comma too.
        Case(rule: "subordinate-clause-end", marked: "The cranes stood idle, and a week after the mayor asked the crews [[to wait for the new parts]], the union has gone on strike.",
             speakers: ["mayor"]),
        // A comma inside the clause that no clause follows leaves the content going on.
        Case(rule: "subordinate-clause-end", marked: "Years after the mayor claimed that [[the tunnel, like the bridge, was sound]], the crews have started to repair its walls.",
             speakers: ["mayor"]),
        // "as" before the cue is a preposition here and opens no subordinate clause: the content
        // goes on past its commas.
        Case(rule: "subject-of-clause", marked: "Ana Ruiz came to the harbor as a young pilot and says [[the ferries were safer then, the crews were bigger and the fares were lower]].",
             speakers: ["-"]),
        // So does the clause after the cue of `relative-subject`.
        Case(rule: "relative-subject", marked: "The new toll, [[which]] the mayor said [[was needed for two ferries]], will not apply to buses.",
             speakers: ["mayor", "mayor"]),
        // A comma before no verb (a list) stays in the content; so does a comma before a verb when
        // the cue stands in no relative clause.
        Case(rule: "relative-subject", marked: "The council approved the levy, [[which]] the mayor said [[was needed for new ferries, docks and a tunnel]].",
             speakers: ["mayor", "mayor"]),
        Case(rule: "cue-then-content", marked: "The mayor said [[the ferry fund, set up in 2019, will run out in May]].",
             speakers: ["mayor"]),
        // Not after an opening subordinate clause of the content: "if the levy passes" is no clause of its own.
        Case(rule: "cue-then-content", marked: "The mayor said [[if the levy passes, she would ask the council to fund the night ferry]].",
             speakers: ["mayor"]),
        // A relative clause about the speaker after an inverted cue still closes the attribution.
        Case(rule: "inverted-cue", marked: "[[The harbor tunnel will not reopen before the summer]], said two engineers who inspected it on Monday.",
             speakers: ["two engineers"]),
        Case(rule: "subject-of-clause", marked: "Her campaign workers here said [[they have been knocking on doors since the spring]].",
             speakers: ["Her campaign workers"]),
        // A cue opening its sentence: the content ends before the main clause, whose subject speaks.
        Case(rule: "subject-of-clause", marked: "Asked [[whether the levy would pass]], the mayor said [[she was not going to guess]].",
             speakers: ["mayor", "mayor"]),
        // Not `inverted-cue`: "the chamber" goes on as a clause, so it is the content's subject.
        Case(rule: "subject-of-clause", marked: "Senator Ann Ruiz of Ohio, the No. 2 Democrat in the Senate, said [[the chamber will most likely vote on four measures on Monday]].",
             speakers: ["Ann Ruiz"]),
        // A verb of speaking and the preposition of its topic: the topic is the content, to its
        // clause's punctuation (`speech-topic`, `topic_verbs`).
        Case(rule: "speech-topic", marked: "At the town hall, the harbor master talked about [[the cost of dredging the channel]].",
             speakers: ["harbor master"]),
        Case(rule: "speech-topic", marked: "The port authority declined to comment on [[the audit of its ferry contracts]], and the mayor was away.",
             speakers: ["port authority"]),
        Case(rule: "speech-topic", marked: "Councillor Ana Ruiz railed against [[the new toll on the harbor bridge]]. Then she left.",
             speakers: ["Ana Ruiz"]),
        // The subject past auxiliaries and "not"; a participle after a comma takes the cue's speaker before it.
        Case(rule: "speech-topic", marked: "The port authority has not commented on [[the audit of its ferry contracts]].",
             speakers: ["port authority"]),
        Case(rule: "speech-topic", marked: "The mayor spoke for an hour on Monday, referring to [[the two harbor bridges]].",
             speakers: ["mayor"]),
        // A verb of asking past the one asked, an agent or adjuncts: the topic or question asked
        // (`asked-question`, `topic_verbs` `@question`); the one asking speaks, no one for a
        // passive with no agent.
        Case(rule: "asked-question", marked: "At the hearing, Councillor Ana Ruiz asked the harbor master about [[the cost of dredging the channel]].",
             speakers: ["Ana Ruiz"]),
        Case(rule: "asked-question", marked: "The mayor was asked by a radio host [[whether the tunnel would reopen before the summer]].",
             speakers: ["radio host"]),
        Case(rule: "asked-question", marked: "When asked at the briefing on Monday about [[the audit of the ferry contracts]], the mayor said [[she had not read it yet]].",
             speakers: ["-", "mayor"]),
        // A ratio before the cue is its subject (cue rule `cue-ratio-subject`); the speaker phrase
        // is read as the ratio's last number word.
        Case(rule: "cue-then-content", marked: "In the harbor poll, two in three said [[they would take the night ferry]].",
             speakers: ["three"]),
        // The subject of a passive verb of saying is the content, the agent after "by" the speaker.
        Case(rule: "passive-report", marked: "[[The closure of the harbor tunnel]] was first reported by the Harbor Gazette.",
             speakers: ["Harbor Gazette"]),
        Case(rule: "passive-report", marked: "The council approved the ferry contract, [[which]] was announced on Monday.",
             speakers: ["-"]),
        // With a dummy "it", the that-clause; after "said", the infinitive is a second piece.
        Case(rule: "passive-report", marked: "It was widely reported that [[the mayor had sold her ferry company]].",
             speakers: ["-"]),
        Case(rule: "passive-report", marked: "[[Two harbor pilots]] are said [[to be leaving the port authority at the end of the year]].",
             speakers: ["-", "-"]),
        Case(rule: "passive-report", marked: "[[Some ferry captains and harbor pilots]] are reported [[to have left]].",
             speakers: ["-", "-"]),
        // A belief in the passive (`expect` is tagged `@passive`) is no one's: both pieces, no speaker.
        Case(rule: "passive-report", marked: "[[The harbor board]] is expected [[to approve the new ferry contract on Monday]].",
             speakers: ["-", "-"]),
        // A verb of refusing, "to" and a verb of saying or speaking: the infinitive is the content,
        // the verb of refusing the cue.
        Case(rule: "refused-comment", marked: "The audit was published on Monday. The port director declined [[to comment]].",
             speakers: ["port director"]),
        Case(rule: "refused-comment", marked: "The harbor master has refused [[to answer questions from the council]].",
             speakers: ["harbor master"]),
        // An adverb of report: the clause before it (the subject with its modifiers, a relative
        // clause and the auxiliaries) and the clause after it, no speaker named.
        Case(rule: "hearsay-adverb", marked: "[[The harbor board is]] reportedly [[weighing a second ferry contract]].",
             speakers: ["-", "-"]),
        Case(rule: "hearsay-adverb", marked: "[[Veteran ferry captain Ana Ruiz]] reportedly [[turned down the harbor master's job twice]].",
             speakers: ["-", "-"]),
        Case(rule: "hearsay-adverb", marked: "[[The pilot who steered the night ferry has]] reportedly [[left the port authority]].",
             speakers: ["-", "-"]),
        // Opening the sentence, the clause after its comma; in an opening prepositional phrase,
        // the clause ends before the main clause; after "and" with only an auxiliary, no subject.
        Case(rule: "hearsay-adverb", marked: "Reportedly, [[the harbor board will sign the ferry contract on Monday]].",
             speakers: ["-"]),
        Case(rule: "hearsay-adverb", marked: "With [[the mayor]] reportedly [[weighing a run for governor]], the council put off the vote.",
             speakers: ["-", "-"]),
        Case(rule: "hearsay-adverb", marked: "The captain ran the night ferry for ten years and was reportedly [[offered a job in Greenport]].",
             speakers: ["-"]),
    ]

    /// The quotes of `text`, each as "kind [words] speaker-name", and the trace's steps.
    static func quotesOf(_ text: String) throws -> (quotes: [String], steps: [QuoteTrace.Step]) {
        var doc = Document(id: "t", text: text)
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        let (steps, quotes) = QuoteExtractor().traced(in: doc.text, paragraphs: doc.paragraphs!, sentences: doc.sentences!)
        func words(_ s: Span) -> String { String(decoding: doc.text[s.start..<s.end], as: UTF8.self) }
        let got = quotes.map { q in
            "\(q.kind.rawValue) [\(words(q.span))] \(q.speaker.map { s in s.entity?.name ?? words(s.span) } ?? "-")"
        }
        return (got, steps)
    }

    /// `split-before-quotation`: the piece before a mid-sentence attribution is indirect, the
    /// quotation after it direct; a piece that only sets the scene is no content.
    @Test func splitBeforeQuotationReadsThePieceBeforeTheAttribution() throws {
        let said = try Self.quotesOf("If the levy fails, the mayor said, “we will close two libraries next year.”")
        expectEqual(said.quotes, ["indirect [If the levy fails] mayor", "direct [we will close two libraries next year.] mayor"])
        #expect(said.steps.contains { $0.rule.name == "split-before-quotation" })
        let scene = try Self.quotesOf("In a statement on Friday, the mayor said, “we will close two libraries next year.”")
        expectEqual(scene.quotes, ["direct [we will close two libraries next year.] mayor"])
    }

    /// `subject-of-clause` after "to": a verb of saying reports the clause after it when its
    /// subject is a pronoun or the verb reports only clauses (`@clause`); a verb of belief after
    /// "to" still needs "that" or a content opener.
    @Test func aVerbOfSayingAfterToReportsAClause() throws {
        expectEqual(try Self.quotesOf("Voters in the harbor district were more likely to say they would take the night ferry.").quotes,
                    ["indirect [they would take the night ferry] voters"])
        expectEqual(try Self.quotesOf("The port director went on the radio to say the ferries would run again by Friday.").quotes,
                    ["indirect [the ferries would run again by Friday] port director"])
        expectEqual(try Self.quotesOf("The mayor was quick to say the levy would pass.").quotes,
                    ["indirect [the levy would pass] mayor"])
        // Not a belief, and not a noun phrase read as a clause after a verb that is no `@clause`.
        expectEqual(try Self.quotesOf("Few voters are ready to believe the tunnel will open in June.").quotes, [])
        expectEqual(try Self.quotesOf("The council met to confirm the harbor pilots on the list.").quotes, [])
    }

    /// "report" (`@np`): the noun phrase after the verb is the message ("reported a loss"); a
    /// noun form before a preposition stays a noun.
    @Test func reportTakesANounPhraseAsItsMessage() throws {
        expectEqual(try Self.quotesOf("The ferry company reported a loss of two million dollars last year.").quotes,
                    ["indirect [a loss of two million dollars last year] ferry company"])
        expectEqual(try Self.quotesOf("The port reported a steep drop in cargo last month.").quotes,
                    ["indirect [a steep drop in cargo last month] port"])
        expectEqual(try Self.quotesOf("Reports about the ferry fund were short.").quotes, [])
    }

    /// A number before a bracket or a period marks a list item and is no speaker ("1) Said …");
    /// a number before its verb is a quantity that speaks ("43 said …").
    @Test func aListItemNumberIsNoSpeaker() throws {
        expectEqual(try Self.quotesOf("Reasons the council gave:\n\n1) Said the levy was too high.\n\n2) Said the ferry was always late.").quotes,
                    ["indirect [the levy was too high] -", "indirect [the ferry was always late] -"])
        expectEqual(try Self.quotesOf("Of the 50 council members, 43 said the levy should pass.").quotes,
                    ["indirect [the levy should pass] 43"])
    }

    /// "has since said": a filler after an auxiliary is an adverb, so the cue after it is a verb
    /// (`cue-after-preposition` reads "since" as the preposition only elsewhere).
    @Test func aCueAfterAnAuxiliaryAndSinceIsAVerb() throws {
        expectEqual(try Self.quotesOf("The mayor has since said she would back the levy.").quotes,
                    ["indirect [she would back the levy] mayor"])
        expectEqual(try Self.quotesOf("Since reports of the audit, the ferry office has been quiet.").quotes, [])
    }

    /// "asked for" (`topic_verbs`: ask `+for`): what was asked for is the content.
    @Test func whatWasAskedForIsIndirect() throws {
        expectEqual(try Self.quotesOf("The port director asked for a delay of the vote on the ferry contract.").quotes,
                    ["indirect [a delay of the vote on the ferry contract] port director"])
    }

    /// What `speech-topic` must not read: a noun form after a determiner, a possessive or a
    /// preposition, a base form with no auxiliary, pronoun or "to" before it, a headline in title
    /// case, a verb with no subject, a topic with quoted words (left to the rules of quotations), a clause after the verb
    /// (read by `cue-then-content` first).
    @Test func speechTopicReadsOnlyAVerbAndItsTopic() throws {
        expectEqual(try Self.quotesOf("The talk about the harbor levy went on for hours.").quotes, [])
        expectEqual(try Self.quotesOf("The mayor's reply to the auditors was short.").quotes, [])
        expectEqual(try Self.quotesOf("The clerk left a note for comment on the ferry timetable.").quotes, [])
        expectEqual(try Self.quotesOf("There was tough talk about the harbor levy.").quotes, [])
        expectEqual(try Self.quotesOf("The Mayor Talked About Harbor Tolls at Length").quotes, [])
        expectEqual(try Self.quotesOf("Talking about the harbor levy at dinner is not easy.").quotes, [])
        #expect(try Self.quotesOf("The mayor complained about “a circus of delays” at the port.").quotes
            == ["mixed [a circus of delays] mayor"])
        #expect(try Self.quotesOf("The mayor talked about how the night ferry would be funded.").quotes
            == ["indirect [how the night ferry would be funded] mayor"])
    }

    /// What `passive-report` must not read: a passive "asked" or "told" (the hearer, not the
    /// message), a dummy "it" with no that-clause, a phrase after "by" inside a longer subject.
    @Test func passiveReportReadsOnlyTheSubjectOfAPassiveOfSaying() throws {
        expectEqual(try Self.quotesOf("The harbor master was asked to resign by the council.").quotes, [])
        expectEqual(try Self.quotesOf("The ferry crews were told to wait at the pier.").quotes, [])
        expectEqual(try Self.quotesOf("A year after it was announced, the ferry plan had no money.").quotes, [])
        expectEqual(try Self.quotesOf("The hacking of the ferry computers by a foreign group was first reported in May.").quotes, [])
    }

    /// What `asked-question` must not read: a noun form ("the ask"), a bare base form opening the
    /// sentence, an active verb with no subject, a question verb with no topic or
    /// question after the one asked, a clause between them.
    @Test func askedQuestionReadsOnlyAVerbOfAskingAndItsTopic() throws {
        expectEqual(try Self.quotesOf("The ask about the harbor levy was modest.").quotes, [])
        expectEqual(try Self.quotesOf("Ask the clerk about the audit of the ferries.").quotes, [])
        expectEqual(try Self.quotesOf("The harbor board asked the mayor for a new ferry.").quotes, [])
        expectEqual(try Self.quotesOf("The clerk asked the mayor, who was leaving, about the audit.").quotes, [])
    }

    /// What `headline-colon` must not read: a colon in a paragraph that is no headline, a section
    /// label the article never names again, a function word before the colon, quoted words after it.
    @Test func headlineColonReadsOnlyANamedSpeakersHeadline() throws {
        let body = "\n\nCrews found cracks in the harbor tunnel, and Mayor Whitcomb closed it on Monday."
        #expect(try Self.quotesOf("Whitcomb: Harbor Tunnel Will Stay Shut Until June" + body).quotes
            == ["indirect [Harbor Tunnel Will Stay Shut Until June] Whitcomb"])
        expectEqual(try Self.quotesOf("Breaking: Harbor Tunnel Will Stay Shut Until June" + body).quotes, [])
        expectEqual(try Self.quotesOf("The Latest: Harbor Tunnel Will Stay Shut Until June" + body).quotes, [])
        expectEqual(try Self.quotesOf("Tunnel news\n\nWhitcomb: Harbor Tunnel Will Stay Shut Until June" + body).quotes, [])
    }

    /// What `headline-says` must not read: a base form after a name ("What Voters Say"), a belief
    /// verb, a sentence that is not in title case (left to the other rules).
    @Test func headlineSaysReadsOnlyTitleCaseHeadlines() throws {
        expectEqual(try Self.quotesOf("What Harbor Voters Say About the Tunnel Levy").quotes, [])
        expectEqual(try Self.quotesOf("Mayor Whitcomb Believes Harbor Tunnel Will Open in June").quotes, [])
        expectEqual(try Self.quotesOf("Mayor Whitcomb Says the tunnel will open in June").quotes, [])
    }

    /// "and" and a verb that is no verb of saying go on with an indirect content, but end the
    /// content of quoted words (their clause) as `fragment-clause` does.
    @Test func aSecondVerbEndsTheClauseOfQuotedWordsOnly() throws {
        let text = "The port director said the plan was “reckless” and encouraged voters to reject the levy."
        var doc = Document(id: "t", text: text)
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        let quotes = QuoteExtractor().quotes(in: doc.text, paragraphs: doc.paragraphs!, sentences: doc.sentences!)
        func words(_ s: Span) -> String { String(decoding: doc.text[s.start..<s.end], as: UTF8.self) }
        #expect(quotes.map { "\($0.kind.rawValue) [\(words($0.span))] [\($0.content.map(words) ?? "-")]" }
            == ["mixed [reckless] [the plan was “reckless”]"])
    }

    /// `refused-comment` is tried last and reads only a verb of saying or speaking right after the
    /// refusal and "to": a topic stays `speech-topic`'s, quoted words stay the quotation rules',
    /// and a refusal to do anything else reports no speech.
    @Test func refusedCommentOnlyAfterARefusalToSpeak() throws {
        #expect(try Self.quotesOf("The port director declined to comment on the audit.").quotes
            == ["indirect [the audit] port director"])
        expectEqual(try Self.quotesOf("The council refused to pay the harbor bill. The mayor declined the invitation to comment.").quotes, [])
        // A refusal to believe is no refusal to speak (`@thought`).
        expectEqual(try Self.quotesOf("People heard the sirens all night. I refused to believe it.").quotes, [])
        let cue = try Self.quotesOf("The port director declined to comment.")
        #expect(cue.steps.contains { $0.rule.name == "refused-comment" && $0.note.contains("cue: declined") })
    }

    /// `hearsay-adverb` reads a clause around the adverb only: before a verb of saying that verb
    /// is the cue (`cue-then-content`), and after a comma, a relative pronoun or a preposition
    /// the adverb is the writer's aside; a clause holding quoted words is left to the quotation rules.
    @Test func hearsayAdverbOnlyInAClauseOfItsOwn() throws {
        let told = try Self.quotesOf("The mayor reportedly told the council that the ferries would run on time.")
        expectEqual(told.quotes, ["indirect [the ferries would run on time] mayor"])
        #expect(!told.steps.contains { $0.rule.name == "hearsay-adverb" })
        expectEqual(try Self.quotesOf("The council met for an hour, reportedly arguing about the ferry fares.").quotes, [])
        expectEqual(try Self.quotesOf("The captain, who reportedly ran the night ferry for years, retired in May.").quotes, [])
        expectEqual(try Self.quotesOf("The fares at the harbor reportedly rose again in May.").quotes,
                    ["indirect [The fares at the harbor] -", "indirect [rose again in May] -"])
        expectEqual(try Self.quotesOf("The ferry crews reportedly painted “open the bridge” on the harbor wall.").quotes.filter { $0.hasPrefix("indirect") }, [])
    }

    /// `group-answer` (issue 14, session 36) cuts only before a group that answers: a ratio or a
    /// number and "who", a finite verb of saying (not a belief), and a clause or pro-form after
    /// it, at most three words of comparison after the boundary; a belief's group and one
    /// further away leave the content as it was.
    @Test func groupAnswerOnlyBeforeAGroupThatAnswers() throws {
        expectEqual(try Self.quotesOf("In the harbor poll, one in three said the ferry fares were too high, but one in four think they are fair.").quotes,
                    ["indirect [the ferry fares were too high, but one in four think they are fair] three"])
        let far = try Self.quotesOf("Most islanders say they back the new toll, a figure well above the 40 percent who said so in May.")
        #expect(!far.steps.contains { $0.rule.name == "group-answer" })
    }

    /// Verbs of saying a guess or a proposal (`reporting_verbs`: hint, opine, posit, theorize, muse,
    /// forecast, float; `topic_verbs`: hint at), issue 14 round 30: what they report is indirect,
    /// and their forms that are also nouns ("forecast", "floats", "hints") are no cue without a
    /// subject before them.
    @Test func guessesAndProposalsAreVerbsOfSaying() throws {
        let cases: [(String, [String])] = [
            ("The harbor master hinted that the night ferry could return in the spring.",
             ["indirect [the night ferry could return in the spring] harbor master"]),
            ("Councillor Ines Park mused that the bridge toll might fall next year.",
             ["indirect [the bridge toll might fall next year] Ines Park"]),
            ("A harbor pilot, Ada Lund, posited that the channel had silted up over the winter.",
             ["indirect [the channel had silted up over the winter] Ada Lund"]),
            ("The old poet opined that the harbor had lost its charm.",
             ["indirect [the harbor had lost its charm] old poet"]),
            ("The port director floated a plan to run the night ferry twice a week.",
             ["indirect [a plan to run the night ferry twice a week] port director"]),
            ("Budget analysts forecast a steep drop in freight traffic next year.",
             ["indirect [a steep drop in freight traffic next year] Budget analysts"]),
            ("The mayor hinted at a new toll on the old bridge.",
             ["indirect [a new toll on the old bridge] mayor"]),
            ("The weather forecast calls for rain. Parade floats lined the harbor road, and the hints of spring were everywhere.",
             []),
        ]
        for (text, expected) in cases {
            expectEqual(try Self.quotesOf(text).quotes, expected)
        }
    }

    /// What `relative-subject` must not read: a relative pronoun that is the object of the verb,
    /// with an adverb, not a verb, after it ("the port that we know now, with …").
    @Test func relativeSubjectNeedsAVerbAfterTheCue() throws {
        expectEqual(try Self.quotesOf("The harbor will become like the old port that we know now, with its rusted cranes and empty piers.").quotes, [])
    }

    /// What `relative-pronoun-piece` must not read: a relative pronoun a preposition governs, the
    /// conjunction "that", "what" (which holds its own antecedent) and a pronoun before an
    /// infinitive. Each gives the content after the cue, if any, and no piece before the speaker.
    @Test func relativePronounPieceNeedsAPronounOfTheClause() throws {
        #expect(try Self.quotesOf("The council met in the old ferry hall, in which the mayor said the levy would pass easily.").quotes
            == ["indirect [the levy would pass easily] mayor"])
        #expect(try Self.quotesOf("The audit made it clear that the treasurer said the fund was short of money.").quotes
            == ["indirect [the fund was short of money] treasurer"])
        #expect(try Self.quotesOf("The harbor pilots have seen the cranes, but not what the port authority says they can lift.").quotes
            == ["indirect [they can lift] port authority"])
        #expect(try Self.quotesOf("Engineers studied the new tunnel, which the city has estimated to cost about two billion dollars.").quotes
            == ["indirect [to cost about two billion dollars] city"])
    }

    /// What `contact-relative-piece` must not read: a noun phrase before the speaker when the
    /// words after the cue are no be-form or auxiliary (an object gap, a past tense), and a time
    /// word before the speaker. Each gives the content after the cue, if any, and no piece.
    @Test func contactRelativePieceNeedsABeFormAfterTheCue() throws {
        #expect(try Self.quotesOf("The port sold the old ferry the mayor said the city should have kept for the island run.").quotes
            == ["indirect [the city should have kept for the island run] mayor"])
        #expect(try Self.quotesOf("Every winter the harbor master says the night ferries are the first to stop.").quotes
            == ["indirect [the night ferries are the first to stop] harbor master"])
        #expect(try Self.quotesOf("Last week the harbor master said was the busiest week of the year for the port.").quotes
            == ["indirect [the busiest week of the year for the port] harbor master"])
    }

    /// `infinitive-cue`: a cue and an infinitive of saying right after it are one cue; with words
    /// between them the cue stays the first verb.
    @Test func infinitiveCueIsTheWholeChain() throws {
        let text = "Even after the audit was published, the harbor master continued to say the cranes were safe. "
            + "The mayor went on to explain that the ferry would run all night. "
            + "The treasurer continued on Monday to say the fund was short."
        var doc = Document(id: "t", text: text)
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        let quotes = QuoteExtractor().quotes(in: doc.text, paragraphs: doc.paragraphs!, sentences: doc.sentences!)
        func words(_ s: Span) -> String { String(decoding: doc.text[s.start..<s.end], as: UTF8.self) }
        expectEqual(quotes.map { "\($0.kind.rawValue) [\(words($0.span))] cue: \($0.cue.map { words($0.span) } ?? "-")" }, [
            "indirect [the cranes were safe] cue: continued to say",
            "indirect [the ferry would run all night] cue: went on to explain",
            "indirect [the fund was short] cue: continued",
        ])
    }

    /// What `bare-complement` and `content-then-cue` must not read: an adjunct alone after the cue,
    /// a verb without `@clause` and its object, an adverbial whose auxiliary is a relative clause's;
    /// nor `pro-form-message` a pro-form the clause goes on after ("said so many things").
    @Test func bareComplementAndAdverbialsReadNoSpeechWhereNoneIs() throws {
        let none = try Self.quotesOf("The mayor said in a statement. The treasurer added a new line to the budget. "
            + "In a statement that was released Friday, officials said. The mayor said so many things.")
        expectEqual(none.quotes, [])
    }

    /// What the stretch before a closing cue (`content-then-cue`) must not be read as: a stretch
    /// opening with a conjunction, one holding a verb, one whose attribution goes on after a
    /// comma, and a noun with a relative clause without "that" after it.
    @Test func closingSubjectStretchReadsNoSpeechWhereNoneIs() throws {
        let none = try Self.quotesOf("The ferry was late again, yet the harbor master said nothing. "
            + "The pier was closed for a week, the crew worked nights and the mayor said. "
            + "The harbor was quiet on Sunday, the news site Harbor Daily reported, and the ferry ran late. "
            + "The council doubled the ferry toll, an increase the harbor board has criticized. "
            + "The toll is a tax on commuters, a phrase Whitcomb then repeated.")
        expectEqual(none.quotes, [])
    }

    /// What `document-object` must not read: a subject that is no document, a document passive,
    /// an object of one word, a preposition after the verb.
    @Test func thatAfterAdjunctsReadsNoRelativeClause() throws {
        // After a common noun, "that" opens its relative clause, not the cue's content.
        let none = try Self.quotesOf("The mayor answered the same way that her rival did on Monday.")
        expectEqual(none.quotes, [])
    }

    @Test func documentObjectReadsNoSpeechWhereNoneIs() throws {
        let none = try Self.quotesOf("The inspector found the cranes unsafe. The old survey was found in a drawer at the harbor office. "
            + "The video showed it. The harbor study found in its last pages a list of names.")
        expectEqual(none.quotes, [])
    }

    /// The verbs of attacking and praising read as verbs only where they stand as one: not as a
    /// noun ("a rebuke", "the trash"), not in a passive, and not with no object ("slammed into").
    @Test func evaluationVerbsReadNoSpeechWhereNoneIs() throws {
        let none = try Self.quotesOf("The harbor board answered with a sharp rebuke. A crew took out the trash on Monday. "
            + "The old ferry plan was denounced by the council. A wave slammed into the harbor wall.")
        expectEqual(none.quotes, [])
    }

    @Test(arguments: cases) func theRuleReadsExactlyTheMarkedSpeech(_ c: Case) throws {
        let (text, spans, _) = QuoteListing.unmark(c.marked)
        var doc = Document(id: "t", text: text)
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        let (steps, quotes) = QuoteExtractor().traced(in: doc.text, paragraphs: doc.paragraphs!, sentences: doc.sentences!)
        func words(_ s: Span) -> String { String(decoding: doc.text[s.start..<s.end], as: UTF8.self) }
        let got = quotes.map { q in
            "\(q.kind.rawValue) [\(words(q.span))] \(q.speaker.map { s in s.entity?.name ?? words(s.span) } ?? "-")"
        }
        let want = zip(spans, c.speakers).map { "indirect [\(words($0.0))] \($0.1)" }
        expectEqual(got, want)
        // The rule read the first marked span; every marked span was read by a rule of reported speech.
        #expect(steps.contains { $0.candidate == spans[0] && $0.rule.name == c.rule }, "\(c.rule) did not read [\(words(spans[0]))]")
        for s in spans {
            #expect(steps.contains { $0.candidate == s && $0.rule.effect == .accepts }, "no rule read [\(words(s))]")
        }
    }
}
