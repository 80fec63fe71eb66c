import Testing
@testable import TextMill

/// Mixed quotations and the `content` they are scored on (issue 14): what a naming verb calls
/// its object (`naming-evaluation`), the labels it still names (`naming-label`), and what a verb
/// casts its object as (`as-evaluation`), and a quotation that goes on with the reported clause
/// before its comma (`clause-before-quotation`) or the writer's words before it
/// (`writers-clause-comma`). Each case is
/// news English written for the test and pins the document's full list of quotes: kind, quoted
/// words, speaker entity name ("-" for none) and content ("-" for none).
@Suite struct QuotesMixedContentTests {
    /// Every quote of `text` as "kind | words | speaker | content".
    static func quotes(_ text: String) throws -> [String] { try QuoteListing.lines(text, last: .content) }

    @Test func whatANamingVerbCallsItsObjectIsTheSpeakersEvaluation() throws {
        expectEqual(try Self.quotes("Senator Ada Kerr called the ferry contract a “gift to the shipyards.”"), [
            "mixed | gift to the shipyards. | Ada Kerr | the ferry contract a “gift to the shipyards.”",
        ])
    }

    @Test func aPronounObjectAndADeterminerBeforeTheQuotedWords() throws {
        expectEqual(try Self.quotes("The mayor dismissed the audit on Monday, calling it a “political stunt.”"), [
            "mixed | political stunt. | mayor | it a “political stunt.”",
        ])
    }

    @Test func aPossessiveBeforeTheQuotedWordsStillEvaluates() throws {
        expectEqual(try Self.quotes("Dana Ruiz, the city engineer, called the repairs their “most urgent job in the harbor.”"), [
            "mixed | most urgent job in the harbor. | Dana Ruiz | the repairs their “most urgent job in the harbor.”",
        ])
    }

    @Test func aNamingVerbRightBeforeTheDeterminerStillNamesAThing() throws {
        // The label is no evaluation of its own, but the reported speech holding it quotes the
        // residents' words (`quoted-report`).
        expectEqual(try Self.quotes("Residents mocked what they called the “bridge to nowhere.”"), [
            "mixed | bridge to nowhere. | residents | what they called the “bridge to nowhere.”",
        ])
    }

    @Test func theDefiniteArticleAfterAnObjectMakesAName() throws {
        expectEqual(try Self.quotes("The senator kept calling it the “harbor giveaway” in his speeches."), [])
    }

    @Test func aPassiveNamingVerbStillNamesAThing() throws {
        expectEqual(try Self.quotes("The levy, which is called the “harbor tax” by residents, will rise again in May."), [])
    }

    @Test func wordsRightAfterANamingVerbAreALabel() throws {
        expectEqual(try Self.quotes("The council shelved what critics call “harbor relief” until the spring."), [])
    }

    @Test func aVerbItsObjectAndAsBeforeTheMarksGiveTheContent() throws {
        expectEqual(try Self.quotes("Councillor Ines Park blasted the harbor levy as a “tax on commuters” Tuesday."), [
            "mixed | tax on commuters | Ines Park | the harbor levy as a “tax on commuters”",
        ])
    }

    @Test func quotedWordsThatGoOnIntoTheClauseTakeItToItsEnd() throws {
        expectEqual(try Self.quotes("The survey portrayed the ferry plan as a “harbor-first” strategy for the whole city."), [
            "mixed | harbor-first | The survey | the ferry plan as a “harbor-first” strategy for the whole city",
        ])
    }

    @Test func aCastingVerbOfTheListWithItsPrepositionGivesTheContent() throws {
        expectEqual(try Self.quotes("Councillor Ines Park refers to the harbor levy as a “tax on commuters.”"), [
            "mixed | tax on commuters. | Ines Park | the harbor levy as a “tax on commuters.”",
        ])
    }

    @Test func anEvaluationInCapitalsIsNoTitle() throws {
        expectEqual(try Self.quotes("The mayor hailed the ferry captain as “The Pride of the Harbor.”"), [
            "mixed | The Pride of the Harbor. | mayor | the ferry captain as “The Pride of the Harbor.”",
        ])
    }

    @Test func afterARelativePronounTheContentStartsAtAs() throws {
        expectEqual(try Self.quotes("The council approved the levy, which Councillor Ines Park described as “a tax on commuters.”"), [
            "mixed | a tax on commuters. | Ines Park | as “a tax on commuters.”",
        ])
    }

    @Test func aNounRightBeforeAsIsPartOfTheObject() throws {
        expectEqual(try Self.quotes("The mayor portrayed the attacks as “cowardly and senseless.”"), [
            "mixed | cowardly and senseless. | mayor | the attacks as “cowardly and senseless.”",
        ])
    }

    @Test func aNamingPhraseWithAsStillNamesAThing() throws {
        expectEqual(try Self.quotes("The bill, known as the “Harbor Act,” passed in May."), [])
    }

    @Test func anObjectThatStartsWithAPrepositionIsNoObject() throws {
        expectEqual(try Self.quotes("Critics kept going after the mayor as “soft on crime” all summer."), [])
    }

    @Test func andWithASubjectAfterTheQuotedWordsEndsTheContent() throws {
        expectEqual(try Self.quotes("Dana Ruiz closed the hearing by urging drivers to plan for “weeks of delays” and she thanked the crews."), [
            "mixed | weeks of delays | Dana Ruiz | drivers to plan for “weeks of delays”",
        ])
    }

    @Test func andWithMoreOfTheObjectGoesOnWithTheContent() throws {
        expectEqual(try Self.quotes("Dana Ruiz closed the hearing by urging drivers to plan for “weeks of delays” and long detours."), [
            "mixed | weeks of delays | Dana Ruiz | drivers to plan for “weeks of delays” and long detours",
        ])
    }

    // `clause-before-quotation`: a comma that closes a reported clause, then the quotation.

    @Test func aQuotationAfterAReportedClauseAndACommaGoesOnWithTheClause() throws {
        expectEqual(try Self.quotes("The harbor board said the new ferries would arrive in May, “weather and shipyards permitting.”"), [
            "mixed | weather and shipyards permitting. | harbor board | the new ferries would arrive in May, “weather and shipyards permitting.”",
        ])
    }

    @Test func aThatClauseBeforeTheCommaAlsoGoesOnIntoTheQuotation() throws {
        expectEqual(try Self.quotes("Mayor Ann Lee said that once the tunnel reopens, “the buses will run every ten minutes again.”"), [
            "mixed | the buses will run every ten minutes again. | Ann Lee | once the tunnel reopens, “the buses will run every ten minutes again.”",
        ])
    }

    @Test func theClauseOfAnEarlierCueWhenTheNearestCueHasNone() throws {
        // "asks" takes an object and an infinitive, no clause: the clause is said's.
        expectEqual(try Self.quotes("The senator said he rarely asks colleagues to campaign for him, “except for old friends from the harbor.”"), [
            "mixed | except for old friends from the harbor. | senator | he rarely asks colleagues to campaign for him, “except for old friends from the harbor.”",
        ])
    }

    @Test func aCueWithOnlyAHearerOrAnAdjunctBeforeTheCommaIntroducesADirectQuotation() throws {
        expectEqual(try Self.quotes("Dana Ruiz spoke after the vote, telling reporters, “We will reopen the ferry dock in June.”"), [
            "direct | We will reopen the ferry dock in June. | Dana Ruiz | -",
        ])
        expectEqual(try Self.quotes("The mayor said on Tuesday, “The tunnel stays closed until the inspectors are done.”"), [
            "direct | The tunnel stays closed until the inspectors are done. | mayor | -",
        ])
    }

    @Test func aSecondCueWithNothingReportedIntroducesTheQuotationWhateverTheFirstReported() throws {
        expectEqual(try Self.quotes("Ines Park said the levy had passed and added, “Now the real work on the seawall starts.”"), [
            "indirect | the levy had passed | Ines Park | -",
            "direct | Now the real work on the seawall starts. | Ines Park | -",
        ])
    }

    @Test func aPhraseAfterAVerbThatTakesAHearerIsNoClause() throws {
        expectEqual(try Self.quotes("She told the dock workers who gathered at the gate, “Nobody here will lose a job.”"), [
            "direct | Nobody here will lose a job. | She | -",
        ])
    }

    @Test func aColonAfterAReportedClauseLeavesTheQuotationDirect() throws {
        // Writers put whole utterances after such a colon: the rule reads commas only.
        expectEqual(try Self.quotes("The treasurer said the fund was short again: “We cannot pay for the seawall this year.”"), [
            "direct | We cannot pay for the seawall this year. | treasurer | -",
        ])
    }

    // `writers-clause-comma`: lower case after a comma that no attribution reaches.

    @Test func lowerCaseAfterACommaThatClosesTheWritersWordsIsAFragment() throws {
        expectEqual(try Self.quotes("As the harbor master explained, the fares were frozen for a year, costing the port $2 million, “which is less than it sounds.”"), [
            "indirect | the fares were frozen for a year | harbor master | -",
            "mixed | which is less than it sounds. | harbor master | the fares were frozen for a year, costing the port $2 million, “which is less than it sounds.”",
        ])
    }

    @Test func lowerCaseAfterTheSubordinateClauseOfAReportedClauseIsAFragment() throws {
        expectEqual(try Self.quotes("Ana Ruiz said because the ferries are old, “they break down every winter.”"), [
            "mixed | they break down every winter. | Ana Ruiz | because the ferries are old, “they break down every winter.”",
        ])
    }

    @Test func lowerCaseAfterAnAttributionStaysDirect() throws {
        expectEqual(try Self.quotes("“The voters are angry,” Ana Ruiz said, “and they are not wrong.”"), [
            "direct | The voters are angry, | Ana Ruiz | -",
            "direct | and they are not wrong. | Ana Ruiz | -",
        ])
        // A participle of the attribution is still the attribution's.
        expectEqual(try Self.quotes("“Every time you say that,” Councillor Park said, referring to the audit, “you hand the builders another excuse.”"), [
            "direct | Every time you say that, | Park | -",
            "indirect | the audit | Park | -",
            "direct | you hand the builders another excuse. | Park | -",
        ])
        expectEqual(try Self.quotes("The mayor told reporters on Friday, “we will reopen the dock in June.”"), [
            "direct | we will reopen the dock in June. | mayor | -",
        ])
    }

    // `as-evaluation` with an aside in the object, or a longer object.

    @Test func anAsideBetweenCommasBeforeAsIsPartOfTheObject() throws {
        expectEqual(try Self.quotes("The ads portrayed the new ferries, in particular, as “floating coffins” on every channel."), [
            "mixed | floating coffins | ads | the new ferries, in particular, as “floating coffins” on every channel",
        ])
    }

    @Test func anAsideInBracketsBeforeAsIsPartOfTheObject() throws {
        expectEqual(try Self.quotes("The mayor often referred to Councillor Ada Kerr (D-Harbor) as “Madam Seawall” at rallies."), [
            "indirect | Councillor Ada Kerr | mayor | -",
            "mixed | Madam Seawall | mayor | Councillor Ada Kerr (D-Harbor) as “Madam Seawall” at rallies",
        ])
    }

    @Test func anObjectOfEightWordsBeforeAs() throws {
        expectEqual(try Self.quotes("The mayor has hailed the council’s vote to rebuild the old seawall as “historic,” telling reporters the work starts in May."), [
            "mixed | historic, | mayor | the council’s vote to rebuild the old seawall as “historic,”",
            "indirect | the work starts in May | mayor | -",
        ])
    }

    @Test func aFragmentWithItsOwnVerbAndAsSharesNoAttribution() throws {
        // "Chris" is what Hale calls the mayor, not the mayor's evaluation of the governor.
        expectEqual(try Self.quotes("Mayor Lee refers to the governor, who is supposedly an old friend, as “Mr. Hale,” while Hale refers to the mayor as “Dana.”"), [
            "indirect | the governor | Lee | -",
            "mixed | Mr. Hale, | Lee | the governor, who is supposedly an old friend, as “Mr. Hale,”",
            "mixed | Dana. | Hale | the mayor as “Dana.”",
        ])
    }

    @Test func anAsideAfterTheVerbIsNoObject() throws {
        // The commas close the writer's clause, not an aside in an object: no evaluation.
        expectEqual(try Self.quotes("After the storm Dana Ruiz emailed her thanks, addressing him warmly as “Captain” and wishing him well."), [])
    }

    // Work nouns (`work_nouns`): the marks after one and a comma hold a title, not speech.

    @Test func aTitleAfterAMemoirOrAnAdIsNoQuotation() throws {
        expectEqual(try Self.quotes("Her memoir, “Harbor Years,” comes out in May."), [])
        expectEqual(try Self.quotes("The campaign began with a 30-second Web ad, “Bridge Out,” in which children close a toy bridge."), [])
        expectEqual(try Self.quotes("He also stars in the harbor drama, “Low Tide,” on public television."), [])
    }

    @Test func aQuotationAfterAMemoirAndASentenceEndIsStillSpeech() throws {
        expectEqual(try Self.quotes("She wrote about the strike in her memoir. “We never expected the port to close,” she wrote."), [
            "direct | We never expected the port to close, | she | -",
        ])
    }

    // A fragment with a cue of its own inside reported speech (`nearer-cue`).

    @Test func aFragmentWithItsOwnCueInsideReportedSpeechTakesThatCuesComplement() throws {
        expectEqual(try Self.quotes("The two leaders met on Friday, with Mayor Ana Ruiz saying she was “very hopeful” and Governor Tom Hale calling the plan a “fair deal for the harbor.”"), [
            "mixed | very hopeful | Ana Ruiz | she was “very hopeful”",
            "mixed | fair deal for the harbor. | Tom Hale | the plan a “fair deal for the harbor.”",
        ])
    }

    @Test func theWordsBeforeANearerAttributionAreReportedSpeechOfTheirOwn() throws {
        expectEqual(try Self.quotes("Port officials said the ferry contract was flawed, with Councillor Ines Park calling it a “giveaway to the shipyards.”"), [
            "indirect | the ferry contract was flawed | Port officials | -",
            "mixed | giveaway to the shipyards. | Ines Park | it a “giveaway to the shipyards.”",
        ])
    }

    @Test func aBeliefInsideReportedSpeechIsNoNearerAttribution() throws {
        expectEqual(try Self.quotes("The mayor said residents believe the levy is “a tax on commuters.”"), [
            "mixed | a tax on commuters. | mayor | residents believe the levy is “a tax on commuters.”",
        ])
    }

    // `quoted-content-after-that`: the hearer and where or when it was said are the reporter's
    // words; the content starts after "that".
    @Test func theContentOfQuotedWordsStartsAfterThatPastTheHearerAndAdjuncts() throws {
        expectEqual(try Self.quotes("The mayor tells reporters outside the harbor office in Greenport that “the ferries will run on time.”"), [
            "mixed | the ferries will run on time. | mayor | “the ferries will run on time.”",
        ])
    }

    @Test func aVerbOrACommonNounBeforeThatKeepsTheLooseContent() throws {
        // "that" after a verb ("had waited") or a common noun ("the letter that") is no that-clause of the cue.
        expectEqual(try Self.quotes("The mayor told crews at the dock who had waited for hours that the fares were “too high.”"), [
            "mixed | too high. | mayor | crews at the dock who had waited for hours that the fares were “too high.”",
        ])
        expectEqual(try Self.quotes("Dana Ruiz told the board the letter that the crews sent was “a fair warning.”"), [
            "mixed | a fair warning. | Dana Ruiz | the board the letter that the crews sent was “a fair warning.”",
        ])
    }
}
