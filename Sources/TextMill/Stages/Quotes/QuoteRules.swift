/// The named rules of the `quotes` stage, in the order they apply (`all`). Each rule's words
/// are in `QuotesLexiconData`; docs/quotes.md ("How it decides") gives the reasoning.
///
/// 1. Candidates in quotation marks (`QuotationAttribution.swift`): rejected as headings, titles
///    or labels, accepted as `direct` or `mixed`, attributed, or dropped as scare quotes.
/// 2. Reported speech (`IndirectSpeech.swift` tries the `Indirect*.swift` rules in order at each
///    word): indirect quotes, and the content of fragments (`FragmentClause.swift` for fragments
///    after their cue that reported speech left without one).
/// 3. Block quotations (`QuotationAttribution.swift`, `MarkedBlockQuotations.swift`) and
///    speakers carried over paragraphs.
/// 4. Speakers (`SpeakerResolver.swift`, `SpeakerRules.swift`, `SpeakerGrouping.swift`):
///    resolution, speakers that cannot be, and entities.
/// 5. Cue words (`Cues/`, one file per rule, each with its `QuoteRule`): whether a word of
///    `reporting_verbs` is a cue where it stands, asked by every step above that looks for a
///    cue (`cueWords`, in the order they apply to a word).
public enum QuoteRules {
    // MARK: 1. Candidates in quotation marks

    /// A paragraph that is only a quotation in title case is a section heading ('No Americans Here').
    public static let heading = QuoteRule(name: "heading", effect: .rejects,
        summary: "a paragraph that is only a quotation in title case is a section heading")
    /// After a work noun ("the podcast, “Trends of order and chaos”") the marks hold a title (`work_nouns`).
    public static let workTitle = QuoteRule(name: "work-title", effect: .rejects,
        summary: "after a work noun (the podcast, the book) the marks hold a title")
    /// After a naming phrase ("so-called", "known as", "titled", a banner "reading") the marks
    /// hold a term or a sign's text (`label_phrases`).
    public static let labelPhrase = QuoteRule(name: "label-phrase", effect: .rejects,
        summary: "after a naming phrase (so-called, known as, titled) the marks hold a term")
    /// A quotation that stands as a clause of its own is `direct`: before it only a cue and a
    /// colon or comma (or a dash after a cue), after it only punctuation or an attribution.
    public static let directClause = QuoteRule(name: "direct-clause", effect: .accepts,
        summary: "stands as a clause of its own: direct")
    /// A cue and speaker right after the closing mark ("…,” said Maya Wang"), in the next
    /// sentence ("…?” he asked"), or after a dash ("― Maya Wang").
    public static let attributionAfter = QuoteRule(name: "attribution-after", effect: .attributes,
        summary: "speaker and cue right after the closing mark")
    /// A speaker and cue before the opening mark ("The embassy said: “…”", "called the charges “…”").
    public static let attributionBefore = QuoteRule(name: "attribution-before", effect: .attributes,
        summary: "speaker and cue before the opening mark")
    /// The title in a line shaped like a reference entry, with no cue: names and initials ending in
    /// a dash, comma or period before the marks, a year after them (`Jin Noda - "The Kazakh Khanates
    /// between the Russian and Qing Empires" (2016)`, `Smith, J. "Title of paper." Journal 3 (2001)`).
    /// Bibliographies quote titles, not speech (`ReferenceEntries.swift`).
    public static let referenceEntry = QuoteRule(name: "reference-entry", effect: .rejects,
        summary: "names before, a year after, no cue: the title in a reference entry")
    /// A direct quotation in title case that no one is reported saying is a title (a list of references).
    public static let unsaidTitleCase = QuoteRule(name: "unsaid-title-case", effect: .rejects,
        summary: "title case and no one says it: a title, not speech")
    /// A quotation inside the reporter's own sentence is a fragment: `mixed`.
    public static let fragment = QuoteRule(name: "fragment", effect: .accepts,
        summary: "a fragment of the reporter's sentence: mixed")
    /// A fragment right after a naming verb ("what lawmakers called “fraud”"), after it and "the"
    /// ("calling it the “Chinese virus”"), or after a passive one ("is called a “…”") is a label
    /// (`naming_verbs`); what an active one calls its object otherwise is `naming-evaluation`
    /// (`NamingEvaluation.swift`).
    public static let namingLabel = QuoteRule(name: "naming-label", effect: .rejects,
        summary: "right after a naming verb (called, dubbed), after it and 'the', or after a passive one: a label")
    /// A fragment with every word capitalized and no sentence punctuation is a name or title
    /// (“The Wall Street Journal”).
    public static let titleFragment = QuoteRule(name: "title-fragment", effect: .rejects,
        summary: "every word capitalized, no sentence punctuation: a name or title")
    /// A fragment next to the one before it in the sentence shares its attribution
    /// ("calling the comments “misplaced” and “undiplomatic”").
    public static let sharedAttribution = QuoteRule(name: "shared-attribution", effect: .attributes,
        summary: "next to the fragment before it: shares its speaker and cue")
    /// A fragment of three words or fewer that no one is reported saying is a scare quote
    /// ("forcing them to live in “reeducation camps”").
    public static let scareQuote = QuoteRule(name: "scare-quote", effect: .rejects,
        summary: "three words or fewer and no one says it: a scare quote")

    // MARK: 2. Reported speech

    /// "According to X, CONTENT." and "CONTENT, according to X." (`IndirectAccordingTo.swift`).
    public static let accordingTo = QuoteRule(name: "according-to", effect: .accepts,
        summary: "a source phrase (according to) names the speaker; the rest of the sentence is indirect")
    /// "Mayor: Harbor Tunnel Won’t Open in May": a speaker and a colon open the sentence (`IndirectColonSpeaker.swift`).
    public static let colonSpeaker = QuoteRule(name: "colon-speaker", effect: .accepts,
        summary: "a name and a colon open the sentence: what follows is indirect")
    /// "Pence: Flowers Won’t Be at the Debate": in a headline, any name and a colon open the
    /// sentence (`IndirectHeadlineColon.swift`).
    public static let headlineColon = QuoteRule(name: "headline-colon", effect: .accepts,
        summary: "in a headline, a name and a colon open the sentence: what follows is indirect")
    /// "Mayor Whitcomb Says Harbor Tunnel Will Open in June": a headline in title case, a name and
    /// a capitalized verb of saying open the sentence (`IndirectHeadlineSays.swift`).
    public static let headlineSays = QuoteRule(name: "headline-says", effect: .accepts,
        summary: "in a title-case headline, a name and a capitalized verb of saying (Says, Claims): what follows is indirect")
    /// "the mayor’s claim that CONTENT": a noun of saying after a possessive (`IndirectClaimNoun.swift`).
    public static let claimNoun = QuoteRule(name: "claim-noun", effect: .accepts,
        summary: "a possessive, a noun of saying and that: the that-clause is indirect")
    /// "X said (that) CONTENT.", "X told reporters that …", "X asked whether …" (`IndirectCueThenContent.swift`).
    public static let cueThenContent = QuoteRule(name: "cue-then-content", effect: .accepts,
        summary: "speaker, cue, then a that-clause or a clause: indirect")
    /// "X said CONTENT" for a verb that reports a clause and nothing else (`@clause`), whatever
    /// the words after it look like: "said about half of the adjustment reflected …", "said the
    /// same of Sanders" (`IndirectBareComplement.swift`).
    public static let bareComplement = QuoteRule(name: "bare-complement", effect: .accepts,
        summary: "a verb that reports only clauses (say, argue): what follows it is the message")
    /// "The candidate said no.", "26 percent said the same.", "acknowledged as much": a pro-form
    /// that stands for a whole message (`message_proforms`) is the content
    /// (`IndirectProFormMessage.swift`).
    public static let proFormMessage = QuoteRule(name: "pro-form-message", effect: .accepts,
        summary: "a word for a whole message after the cue (said so, said no, the same): the content")
    /// "The latest poll showed the mayor leading": a document (`document_nouns`) and a verb
    /// tagged `@document` (show, find); the object after the verb is the content
    /// (`IndirectDocumentObject.swift`).
    public static let documentObject = QuoteRule(name: "document-object", effect: .accepts,
        summary: "a document that shows or finds something (the poll showed X leading): its object is indirect")
    /// "continued to say he had …": a cue and an infinitive of saying right after it are one cue
    /// (`IndirectInfinitiveCue.swift`).
    public static let infinitiveCue = QuoteRule(name: "infinitive-cue", effect: .attributes,
        summary: "a cue and 'to' with a verb of saying after it are one cue (continued to say)")
    /// "The port director told the council, in a private session on Monday, that CONTENT": a cue,
    /// words naming where, when or to whom it was said, and "that" with a clause
    /// (`IndirectThatAfterAdjuncts.swift`).
    public static let thatAfterAdjuncts = QuoteRule(name: "that-after-adjuncts", effect: .accepts,
        summary: "a cue, words of where, when or to whom (no verb), then that and a clause: the clause is indirect")
    /// "loans, which she said were tied to conditions": the relative pronoun and the clause after
    /// the cue are the content's two pieces (`IndirectRelativeSubject.swift`).
    public static let relativeSubject = QuoteRule(name: "relative-subject", effect: .accepts,
        summary: "a relative pronoun before speaker and cue is the reported clause's subject")
    /// "CONTENT, X said." and "CONTENT, X said, CONTENT." (`IndirectContentThenCue.swift`).
    public static let contentThenCue = QuoteRule(name: "content-then-cue", effect: .accepts,
        summary: "content, a comma, then speaker and cue close the sentence: indirect")
    /// "As the paper noted, CONTENT." (`IndirectAsAttribution.swift`).
    public static let asAttribution = QuoteRule(name: "as-attribution", effect: .accepts,
        summary: "as, a speaker and a cue, then a comma: what follows is indirect")
    /// "Instead, Axelrod said, CONTENT.": both pieces around the attribution (`IndirectSplitContent.swift`).
    public static let splitContent = QuoteRule(name: "split-content", effect: .accepts,
        summary: "an attribution between commas splits the reported words: both pieces are indirect")
    /// "In other words, he said, “…”": the piece before an attribution that a direct quotation
    /// follows is indirect (`IndirectSplitBeforeQuotation.swift`).
    public static let splitBeforeQuotation = QuoteRule(name: "split-before-quotation", effect: .accepts,
        summary: "an attribution between commas and a quotation after it: the piece before is indirect")
    /// "Two in three said they …": no speaker phrase before the cue, a clear content after (`IndirectSubjectOfClause.swift`).
    public static let subjectOfClause = QuoteRule(name: "subject-of-clause", effect: .accepts,
        summary: "no speaker right before the cue, a that-clause or clause after: indirect, the clause's subject speaks")
    /// "CONTENT, said X." (`IndirectInvertedCue.swift`).
    public static let invertedCue = QuoteRule(name: "inverted-cue", effect: .accepts,
        summary: "content, a comma, then the cue before its speaker: indirect")
    /// "The mayor talked about the harbor tunnel": a verb of speaking and the preposition of its
    /// topic (`topic_verbs`); the topic is the content (`IndirectSpeechTopic.swift`).
    public static let speechTopic = QuoteRule(name: "speech-topic", effect: .accepts,
        summary: "a verb of speaking and the preposition of its topic (talked about, commented on): the topic is indirect")
    /// "The meeting was first reported by Politico": the subject of a passive verb of saying
    /// (`@passive`) is reported content, the agent its speaker (`IndirectPassiveReport.swift`).
    public static let passiveReport = QuoteRule(name: "passive-report", effect: .accepts,
        summary: "a passive verb of saying (was first reported by X): its subject is indirect, the agent speaks")
    /// "The clerk asked the mayor about the ferry contract", "When asked whether …": a verb of
    /// asking (`topic_verbs` `@question`) past its hearer, agent and adjuncts; the topic or
    /// question is indirect (`IndirectAskedQuestion.swift`).
    public static let askedQuestion = QuoteRule(name: "asked-question", effect: .accepts,
        summary: "a verb of asking past its hearer, agent and adjuncts: the topic or question asked is indirect")
    /// "The port declined to comment.": a verb of refusing (`refusal_verbs`), "to" and a verb of
    /// saying or speaking; the infinitive is indirect, the verb of refusing its cue
    /// (`IndirectRefusedComment.swift`).
    public static let refusedComment = QuoteRule(name: "refused-comment", effect: .accepts,
        summary: "a verb of refusing, to and a verb of saying (declined to comment): the infinitive is indirect")
    /// "The harbor board is reportedly weighing a second contract": an adverb that marks its
    /// clause as someone's report (`hearsay_adverbs`); the subject and what follows the adverb
    /// are indirect, with no speaker (`IndirectHearsayAdverb.swift`).
    public static let hearsayAdverb = QuoteRule(name: "hearsay-adverb", effect: .accepts,
        summary: "an adverb of report (reportedly): the clause around it is indirect, no speaker named")
    /// "Many said they would stay, and others have said they are leaving": a content after its cue
    /// ends before a second attribution with a clause of its own (`ContentNextAttribution.swift`).
    public static let nextAttribution = QuoteRule(name: "next-attribution", effect: .attributes,
        summary: "a content ends before a second speaker and cue of saying with a clause of their own")
    /// "About three in 10 said they want a change, but six in 10 said they do not": a content
    /// after its cue ends before a second group's answer, a ratio or a number and "who"
    /// (`ContentGroupAnswer.swift`).
    public static let groupAnswer = QuoteRule(name: "group-answer", effect: .attributes,
        summary: "a content ends before a second group's answer (but six in 10 said, compared with 40 percent who say)")
    /// "The levy, which the mayor said would pay for the ferries, was approved": a content after a
    /// cue in a relative clause set off by a comma ends before the main clause's verb
    /// (`ContentRelativeClauseEnd.swift`).
    public static let relativeClauseEnd = QuoteRule(name: "relative-clause-end", effect: .attributes,
        summary: "a content in a relative clause between commas ends where the clause does, before the main clause's verb")
    /// "However, while the board says the ferries are safe, the inspectors are not convinced": a
    /// content after a cue in a subordinate clause opened inside the sentence ends before the
    /// main clause (`ContentSubordinateClauseEnd.swift`).
    public static let subordinateClauseEnd = QuoteRule(name: "subordinate-clause-end", effect: .attributes,
        summary: "a content in a subordinate clause (while, after, when …) ends at the comma before the main clause")
    /// A fragment inside reported speech takes its cue and speaker, and the clause as `content`.
    public static let reportedContent = QuoteRule(name: "reported-content", effect: .attributes,
        summary: "inside reported speech: takes its speaker, cue and content (kept even if short)")

    // MARK: 3. Block quotations and speakers over paragraphs

    /// A paragraph after one ending in a colon after a source ("According to Anarchist Fighter:").
    public static let blockIntroduction = QuoteRule(name: "block-introduction", effect: .accepts,
        summary: "a paragraph introduced by a source and a colon: direct")
    /// A paragraph the page marked as `<blockquote>`.
    public static let markedBlockquote = QuoteRule(name: "marked-blockquote", effect: .accepts,
        summary: "a paragraph the page marked as a block quotation: direct")
    /// A quotation with no cue takes the last speaker of up to `floating_paragraphs` paragraphs before.
    public static let floatingSpeaker = QuoteRule(name: "floating-speaker", effect: .attributes,
        summary: "no cue of its own: the speaker of the paragraphs before")

    // MARK: 4. Speakers

    /// "he"/"she"/"it"/"they" → the nearest earlier speaker or person they can stand for.
    public static let pronounResolution = QuoteRule(name: "pronoun-resolution", effect: .attributes,
        summary: "a pronoun stands for the nearest compatible speaker or person named before")
    /// "Bapi", "Mr. Bown" → the latest full name that ends with the same word.
    public static let surnameResolution = QuoteRule(name: "surname-resolution", effect: .attributes,
        summary: "a bare surname stands for the latest full name ending with it")
    /// "which"/"who"/"that" → the noun phrase before it.
    public static let relativeResolution = QuoteRule(name: "relative-resolution", effect: .attributes,
        summary: "a relative pronoun stands for the noun phrase before it")
    /// "who"/"whom" stand only for a person (`relative_pronouns` `@person`): after a place or an
    /// organisation ("workers in western Kazakhstan, who") they stand for nothing found.
    public static let whoIsAPerson = QuoteRule(name: "who-is-a-person", effect: .rejects,
        summary: "who/whom after something that is no person stands for nothing found")
    /// A relative pronoun with nothing it stands for is no speaker.
    public static let relativeNeverSpeaks = QuoteRule(name: "relative-never-speaks", effect: .rejects,
        summary: "a relative pronoun is never a speaker by itself")
    /// A common noun phrase headed by a thing ("the door", "angry reactions") is no speaker (`inanimate_nouns`).
    public static let thingsNeverSpeak = QuoteRule(name: "things-never-speak", effect: .rejects,
        summary: "a phrase headed by a thing (door, reactions) is no speaker")
    /// "we", "I", "you", or a pronoun with no antecedent: kept as written, marked unresolved, named no one.
    public static let unresolvedPronoun = QuoteRule(name: "unresolved-pronoun", effect: .attributes,
        summary: "a pronoun that stands for no one named: unresolved, no name")
    /// A speaker that is an indefinite pronoun alone ("Everyone I know agrees that …",
    /// `indefinite_pronouns`) or a quantity word alone ("Most said …", `determiners` `@plural`)
    /// stands for no one in particular: unresolved, no entity, no name.
    public static let indefiniteSpeaker = QuoteRule(name: "indefinite-speaker", effect: .attributes,
        summary: "everyone, nobody, most: a speaker that is no one in particular is unresolved, no name")
    /// A common noun phrase headed by a document or other text ("the indictment", "a UN report",
    /// `document_nouns`) keeps its words as the speaker but names no one: no entity, no name.
    public static let documentSpeaker = QuoteRule(name: "document-speaker", effect: .attributes,
        summary: "a document (the indictment, a UN report) speaks but is no person or organisation: no entity, no name")
    /// All mentions of one person or organisation share an entity with its fullest name.
    public static let speakerEntity = QuoteRule(name: "speaker-entity", effect: .attributes,
        summary: "the speaker's entity: shared by all mentions of one person, with the fullest name")
    /// A mention by role only ("China's envoy", "the spokeswoman") joins the one named speaker
    /// of the document whose title or apposition is that role (`role_synonyms`: envoy ~
    /// ambassador): "Ambassador Zhang Xiao" (`SpeakerGrouping.swift`).
    public static let sameRole = QuoteRule(name: "same-role", effect: .attributes,
        summary: "a mention by role only (China's envoy) is the one named speaker with that role (Ambassador Zhang Xiao)")
    /// "The embassy's Twitter account shared …": an account (`account_nouns`) after a possessive
    /// is its owner speaking, grouped by the owner's words (`SpeakerGrouping.swift`).
    public static let ownerSpeaks = QuoteRule(name: "owner-speaks", effect: .attributes,
        summary: "an account after a possessive (the embassy's Twitter account) is its owner speaking")
    /// "the embassy" is the one named organisation of the document ending with that noun ("the
    /// Chinese Embassy") (`SpeakerGrouping.swift`).
    public static let organisationByName = QuoteRule(name: "organisation-by-name", effect: .attributes,
        summary: "the embassy is the one named organisation ending with that word (the Chinese Embassy)")

    // MARK: 5. Cue words

    /// The cue-word rules, in the order they apply to a word (`CueRule`); each is defined and
    /// decided in its own file in `Cues/`.
    public static var cueWords: [QuoteRule] { CueRule.inOrder.map(\.rule) }

    /// Every rule: the rules on candidates in the order the stage applies them, then the
    /// cue-word rules those consult.
    public static let all: [QuoteRule] = [
        heading, singleMarkHeading, stageDirection, workTitle, labelPhrase, clauseBeforeQuotation, writersClauseComma, wholeComplement, directClause, attributionAfter, participleAfter, attributionBefore,
        transcriptTurn, referenceEntry, bylineTitle, signatureLine, unsaidTitleCase,
        fragment, namingEvaluation, namingLabel, titleFragment, sharedAttribution, asEvaluation,
        accordingTo, colonSpeaker, headlineColon, headlineSays, claimNoun, cueThenContent, infinitiveCue, quotedContentAfterThat, relativeSubject, bareComplement, relativePronounPiece, contactRelativePiece, proFormMessage, documentObject, asAttribution, splitContent, splitBeforeQuotation, contentThenCue, thatAfterAdjuncts,
        invertedCue, subjectOfClause, speechTopic, askedQuestion, passiveReport, refusedComment, hearsayAdverb, nextAttribution,
        groupAnswer,
        relativeClauseEnd, subordinateClauseEnd,
        nearerCue, reportedContent, scareQuote, quotedReport, fragmentClause,
        blockIntroduction, markedBlockquote, floatingSpeaker, dateline,
        pronounResolution, surnameResolution, relativeResolution, whoIsAPerson, relativeNeverSpeaks,
        thingsNeverSpeak, objectPronounSpeaker, unresolvedPronoun, titleAlone, demonstrativeSpeaker, indefiniteSpeaker, grammarWordSpeaker, documentSpeaker,
        sameRole, ownerSpeaks, personInName, commonNounAsName, organisationByName, speakerEntity,
    ] + cueWords
}
