import Testing
@testable import TextMill

/// Speaker names users can count (issue 14, part 3; session 33): words that are no person or
/// organisation taken as a speaker's name on PolNeAR and short news. Sentences written for these
/// tests; each pins the document's full list of quotes ("kind | words | entity name or speaker
/// words | cue") and how each speaker is counted.
@Suite struct QuoteSpeakerNamesTests {
    let entities = QuoteSpeakerEntityTests()

    func check(_ text: String, quotes: [String], speakers: [String]) throws {
        let lines = try QuoteListing.lines(text, last: .cue)
        expectEqual(lines, quotes)
        let doc = try entities.run(text)
        expectEqual(entities.speakers(doc), speakers)
    }

    /// A participle clause's speaker is its sentence's subject, after an opening adverbial that
    /// ends at a comma: a function word ("Instead,"), a subordinator ("Once she was mayor,") or a
    /// participle and its preposition ("Chastened by the audit,"). Before: the speakers were
    /// "Instead", "Once" and "Chastened", each an entity of its own.
    @Test func anOpeningAdverbialIsNoSpeaker() throws {
        try check("""
        The harbor board met on Monday to weigh the ferry plan.

        Instead, the harbor master is sticking to his plan, hoping to avoid a fight with the council.

        Once she was mayor, Dana Hale made the ferry a priority, announcing that the service would double.

        Once in her first term, when the ferry broke down, she laughed and said that the fares would fall.

        Chastened by the audit, the mayor revised her budget, promising that the ferry would run all night.
        """, quotes: [
            "indirect | to avoid a fight with the council | harbor master | hoping",
            "indirect | the service would double | Dana Hale | announcing",
            "indirect | the fares would fall | Dana Hale | said",
            "indirect | the ferry would run all night | mayor | promising",
        ], speakers: [
            "the harbor master → 1: harbor master",
            "Dana Hale → 2: Dana Hale",
            "she → 2: Dana Hale",
            "the mayor → 3: mayor",
        ])
    }

    /// A headline in title case ends a person's name at its verb ("Says", "Calls"): the name is
    /// "Lindsey Moore", and "Moore" and "Hale" later are those people. Before: the entity was
    /// named "Lindsey Moore Says Ferry Tolls", and "Hale" stayed apart from "Dana Hale Calls Out
    /// Tom Reyes".
    @Test func aHeadlineVerbEndsAPersonsName() throws {
        try check("""
        Lindsey Moore Says Ferry Tolls Will Rise.

        The toll on the harbor ferry will rise in May, Moore told the council on Tuesday.

        "We cannot run the boats at a loss," she said.
        """, quotes: [
            "indirect | Ferry Tolls Will Rise | Lindsey Moore | Says",
            "indirect | The toll on the harbor ferry will rise in May | Lindsey Moore | told",
            "direct | We cannot run the boats at a loss, | she | said",
        ], speakers: [
            "Lindsey Moore → 1: Lindsey Moore",
            "Moore → 1: Lindsey Moore",
            "she → unresolved",
        ])
        try check("""
        Dana Hale Calls Out Tom Reyes Over Ferry Delays

        The harbor board had "failed the riders," Hale said on Monday.

        "They knew the engines were old," Hale said.
        """, quotes: [
            "mixed | failed the riders, | Dana Hale | said",
            "direct | They knew the engines were old, | Dana Hale | said",
        ], speakers: [
            "Hale → 1: Dana Hale",
            "Hale → 1: Dana Hale",
        ])
    }

    /// A number with no noun after it ("Six in 10 say", "43 said", "At least 40 told") counts
    /// people and names no one: unresolved (`indefinite-speaker`), like "Most said". Before: the
    /// entities "10", "43" and "At least 40".
    @Test func aNumberAloneIsNoOneInParticular() throws {
        try check("""
        Six in 10 say the ferry should run all night, and 43 said the fares were too high.

        At least 40 told the council that the boats were late.
        """, quotes: [
            "indirect | the ferry should run all night | 10 | say",
            "indirect | the fares were too high | 43 | said",
            "indirect | the boats were late | At least 40 | told",
        ], speakers: [
            "10 → unresolved",
            "43 → unresolved",
            "At least 40 → unresolved",
        ])
    }

    /// "The Times" and "The Post" are the one name with "the" before it that ends with that word
    /// (`organisation-by-name`); with two such names the short one stays apart. Before: "Times"
    /// and "Post" were entities of their own beside "New York Times" and "Washington Post".
    @Test func theShortNameOfAnOrganisationIsItsFullName() throws {
        try check("""
        The New York Times reported on Monday that the ferry would close.

        The Times said the closure would last a month.

        The Washington Post said on Tuesday that the mayor had agreed. The Post added that the fares would rise.
        """, quotes: [
            "indirect | the ferry would close | New York Times | reported",
            "indirect | the closure would last a month | New York Times | said",
            "indirect | the mayor had agreed | Washington Post | said",
            "indirect | the fares would rise | Washington Post | added",
        ], speakers: [
            "The New York Times → 1: New York Times",
            "The Times → 1: New York Times",
            "The Washington Post → 2: Washington Post",
            "The Post → 2: Washington Post",
        ])
        try check("""
        The Washington Post said on Tuesday that the mayor had agreed. The Denver Post said the fares would rise.

        The Post added that the ferry would run all night.
        """, quotes: [
            "indirect | the mayor had agreed | Washington Post | said",
            "indirect | the fares would rise | Denver Post | said",
            "indirect | the ferry would run all night | Post | added",
        ], speakers: [
            "The Washington Post → 1: Washington Post",
            "The Denver Post → 2: Denver Post",
            "The Post → 3: Post",
        ])
    }

    /// A wire story's dateline ("GREENPORT, May 3 (Harbor Wire) —", "PORTLAND —") is no subject
    /// (rule `dateline`): a participle cue takes the subject after the dash. Before: the
    /// speakers were "GREENPORT" and "PORTLAND", each an entity of its own.
    @Test func aDatelineIsNoSpeaker() throws {
        try check("""
        GREENPORT, May 3 (Harbor Wire) — The harbor master defended the new toll, saying it would pay for the ferries.

        PORTLAND — Ana Ruiz (D-Harbor) backed the plan, saying: “We cannot wait another winter.”

        NEW YORK — The city council met on Monday.
        """, quotes: [
            "indirect | it would pay for the ferries | harbor master | saying",
            "direct | We cannot wait another winter. | Ana Ruiz | saying",
        ], speakers: [
            "The harbor master → 1: harbor master",
            "Ana Ruiz → 2: Ana Ruiz",
        ])
    }

    /// A title or honorific alone ("said Mr.", "said Sen.": a story cut after the title) names no
    /// one (rule `title-alone`): unresolved, no name. Before: "Mr." and "Sen." were entities. A
    /// title before a name stays the name's ("said Sen. Ana Ruiz").
    @Test func aTitleAloneNamesNoOne() throws {
        try check("""
        “We will keep the night boat,” said Mr.

        “The fares stay frozen,” said Sen.

        “The tolls will rise,” said Sen. Ana Ruiz.
        """, quotes: [
            "direct | We will keep the night boat, | Mr. | said",
            "direct | The fares stay frozen, | Sen. | said",
            "direct | The tolls will rise, | Ana Ruiz | said",
        ], speakers: [
            "Mr. → unresolved",
            "Sen. → unresolved",
            "Ana Ruiz → 1: Ana Ruiz",
        ])
    }

    /// "Something", "nothing", "everything", "anything" stand for no one (`indefinite_pronouns`,
    /// rule `indefinite-speaker`): "Something tells me …" keeps its words but is unresolved and
    /// named no one. Before: the speakers were "Something" and "Nothing", each an entity of its own.
    @Test func somethingIsNoSpeaker() throws {
        try check("""
        Something tells me the harbor board will raise the fares again.

        Nothing says summer like a late ferry.

        The captain says the ferry will be late.
        """, quotes: [
            "indirect | the harbor board will raise the fares again | Something | tells",
            "indirect | summer like a late ferry | Nothing | says",
            "indirect | the ferry will be late | captain | says",
        ], speakers: [
            "Something → unresolved",
            "Nothing → unresolved",
            "The captain → 1: captain",
        ])
    }

    /// A speaker of session 37's round (docs/quotes.md, round 36): a text, the document's full list
    /// of quotes and how each speaker is counted.
    struct NoOneCase: Sendable, CustomTestStringConvertible {
        var rule: String
        var text: String
        var quotes: [String]
        var speakers: [String]
        var testDescription: String { rule }
    }

    static let noOneCases: [NoOneCase] = [
        // An object pronoun as the speaker ("according to him", `object_pronouns`) stands for the
        // person named before it, or is unresolved when no one it can stand for was named
        // ("according to them" before any group, "according to her" before any woman); never a
        // name. After a verb it is the object, not the speaker ("calling him “…”": Hale speaks).
        // Before: the speakers were "him", "them" and "her", each an entity of its own.
        NoOneCase(rule: "object-pronoun-speaker", text: """
            Tom Hale ran the harbor ferry for a decade before the city sold it.

            According to him, the old boats never made money.

            At a rally on Monday, Hale went after the mayor, calling him “a reckless gambler.”

            The night crews walked out in May. According to them, the engines had failed twice.

            According to her, the ferry will run again in June.
            """,
            quotes: ["indirect | the old boats never made money | Tom Hale | According to", "mixed | a reckless gambler. | Tom Hale | calling",
                     "indirect | the engines had failed twice | them | According to", "indirect | the ferry will run again in June | her | According to"],
            speakers: ["him → 1: Tom Hale", "Hale → 1: Tom Hale", "them → unresolved", "her → unresolved"]),
        // A demonstrative as the whole speaker ("That’s not to suggest …", `demonstratives`) names
        // no one: unresolved; so does a number word read as the speaker ("one in five say …",
        // `indefinite-speaker`). Before: "That" and "five" were entities.
        NoOneCase(rule: "demonstrative-speaker", text: """
            The mayor said on Monday that the ferry would run all night.

            That’s not to suggest that the fares will fall.

            About one in five say they would never take the night boat.
            """,
            quotes: ["indirect | the ferry would run all night | mayor | said", "indirect | the fares will fall | That’s | suggest",
                     "indirect | they would never take the night boat | five | say"],
            speakers: ["The mayor → 1: mayor", "That’s → unresolved", "five → unresolved"]),
        // A common noun capitalized because it opens its sentence ("Police said …") is the entity
        // of "police" later in the story, named in lower case; a one-word name that is no common
        // noun ("Hale said") stays a name. Before: "Police" and "police" were two entities.
        NoOneCase(rule: "common-noun-as-name", text: """
            Police said the ferry had been searched twice.

            The harbor stayed closed for an hour, police said.

            Hale said the dock would reopen on Friday.
            """,
            quotes: ["indirect | the ferry had been searched twice | police | said", "indirect | The harbor stayed closed for an hour | police | said",
                     "indirect | the dock would reopen on Friday | Hale | said"],
            speakers: ["Police → 1: police", "police → 1: police", "Hale → 2: Hale"]),
        // A speaker of only grammar words ("who has in the past described …", "Throughout the
        // 1990s, …") is no speaker. Before: "past" and "Throughout" were entities.
        NoOneCase(rule: "grammar-word-speaker", text: """
            Beck, who has in the past described the mayor as “a reckless gambler,” endorsed her rival.

            Throughout the 1990s, Democrats in Congress, fearing the electoral consequences, repeatedly failed to unite behind the ferry bills.
            """,
            quotes: ["mixed | a reckless gambler, | - | described",
                     "indirect | the electoral consequences, repeatedly failed to unite behind the ferry bills | - | fearing"],
            speakers: ["none", "none"]),
    ]

    @Test(arguments: noOneCases) func aSpeakerThatIsNoOneIsNeverNamed(_ c: NoOneCase) throws {
        try check(c.text, quotes: c.quotes, speakers: c.speakers)
    }
}
