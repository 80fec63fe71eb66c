import Foundation
import Testing
@testable import TextMill

/// `textmill explain quotes FILE`: the explanation trace of one document as a user runs it, and
/// its exit statuses (DESIGN.md): 0 explained, 1 the document cannot be explained, 2 the command
/// line is wrong.
@Suite struct ExplainQuotesCommandTests {
    /// A short news article written for the test: indirect speech before its cue, a direct
    /// quotation with its speaker after it, a pronoun, a mixed fragment, and a label inside reported
    /// speech ("mocked what they called the “bridge to nowhere.”": `quoted-report`).
    static let article = """
        Harbor Bridge to close for repairs

        The Harbor Bridge will close for six weeks in May, city officials said on Tuesday.

        “The cracks are deeper than we thought,” said Dana Ruiz, the city engineer. She added that the work would cost $4 million.

        Mayor Tom Okafor called the closure “painful but necessary.” Some residents mocked what they called the “bridge to nowhere.”
        """

    func textmill(_ args: [String], in dir: TemporaryDirectory) throws -> CommandLineTests.Result {
        try CommandLineTests().textmill(args, in: dir.path)
    }

    @Test func explainsEveryCandidateOfATextFile() throws {
        let dir = TemporaryDirectory()
        dir.write("bridge.txt", Self.article)
        let r = try textmill(["explain", "quotes", "bridge.txt"], in: dir)
        expectEqual(r.status, 0)
        expectEqual(r.stderr, "")
        expectEqual(r.stdout, """
            document: bridge.txt
            stages: cleanup → normalize → sentences → quotes

            rules, in the order they apply:
              1   heading                  rejects     a paragraph that is only a quotation in title case is a section heading
              2   single-mark-heading      rejects     a paragraph that is only a short quotation in single marks: a section heading
              3   stage-direction          rejects     only words in brackets (CROSSTALK): a transcript's stage direction, not speech
              4   work-title               rejects     after a work noun (the podcast, the book) the marks hold a title
              5   label-phrase             rejects     after a naming phrase (so-called, known as, titled) the marks hold a term
              6   clause-before-quotation  accepts     after a reported clause and its comma (said the plan had failed, “…”): a fragment of that clause, mixed
              7   writers-clause-comma     accepts     lower case after a comma that no attribution reaches (…, costing $2 million, “which …”): a fragment, mixed
              8   whole-complement         accepts     right after its cue and running to the sentence end: the cue's whole complement, direct
              9   direct-clause            accepts     stands as a clause of its own: direct
              10  attribution-after        attributes  speaker and cue right after the closing mark
              11  participle-after         rejects     an -ing cue after the closing mark (…,” claiming that): the reporter's participle clause, no attribution; the content ends at the mark
              12  attribution-before       attributes  speaker and cue before the opening mark
              13  transcript-turn          attributes  a label in capitals and a colon opens the quotation or its paragraph (WALLACE:, MS. PSAKI:, Q:): the label speaks the words after it
              14  reference-entry          rejects     names before, a year after, no cue: the title in a reference entry
              15  byline-title             rejects     no cue, and by with a name after the closing mark: a title and its author
              16  signature-line           attributes  a closing piece that is only a name (and role): the quotation's speaker, not quoted words
              17  unsaid-title-case        rejects     title case and no one says it: a title, not speech
              18  fragment                 accepts     a fragment of the reporter's sentence: mixed
              19  naming-evaluation        accepts     what a naming verb calls its object (calling him a “…”): the speaker's evaluation, mixed
              20  naming-label             rejects     right after a naming verb (called, dubbed), after it and 'the', or after a passive one: a label
              21  title-fragment           rejects     every word capitalized, no sentence punctuation: a name or title
              22  shared-attribution       attributes  next to the fragment before it: shares its speaker and cue
              23  as-evaluation            attributes  a verb, its object and as before the marks (blasted the levy as a “…”): the object and quoted words are the content
              24  according-to             accepts     a source phrase (according to) names the speaker; the rest of the sentence is indirect
              25  colon-speaker            accepts     a name and a colon open the sentence: what follows is indirect
              26  headline-colon           accepts     in a headline, a name and a colon open the sentence: what follows is indirect
              27  headline-says            accepts     in a title-case headline, a name and a capitalized verb of saying (Says, Claims): what follows is indirect
              28  claim-noun               accepts     a possessive, a noun of saying and that: the that-clause is indirect
              29  cue-then-content         accepts     speaker, cue, then a that-clause or a clause: indirect
              30  infinitive-cue           attributes  a cue and 'to' with a verb of saying after it are one cue (continued to say)
              31  quoted-content-after-that attributes  a content read for quoted words later in it starts after a that past the cue's hearer and adjuncts
              32  relative-subject         accepts     a relative pronoun before speaker and cue is the reported clause's subject
              33  bare-complement          accepts     a verb that reports only clauses (say, argue): what follows it is the message
              34  relative-pronoun-piece   accepts     a relative pronoun before speaker and cue (which he said the city should pay for): a piece of the reported clause
              35  contact-relative-piece   accepts     a noun phrase right before speaker and cue, the clause going on with a be-form (a probe the police said was open): a piece of the reported clause
              36  pro-form-message         accepts     a word for a whole message after the cue (said so, said no, the same): the content
              37  document-object          accepts     a document that shows or finds something (the poll showed X leading): its object is indirect
              38  as-attribution           accepts     as, a speaker and a cue, then a comma: what follows is indirect
              39  split-content            accepts     an attribution between commas splits the reported words: both pieces are indirect
              40  split-before-quotation   accepts     an attribution between commas and a quotation after it: the piece before is indirect
              41  content-then-cue         accepts     content, a comma, then speaker and cue close the sentence: indirect
              42  that-after-adjuncts      accepts     a cue, words of where, when or to whom (no verb), then that and a clause: the clause is indirect
              43  inverted-cue             accepts     content, a comma, then the cue before its speaker: indirect
              44  subject-of-clause        accepts     no speaker right before the cue, a that-clause or clause after: indirect, the clause's subject speaks
              45  speech-topic             accepts     a verb of speaking and the preposition of its topic (talked about, commented on): the topic is indirect
              46  asked-question           accepts     a verb of asking past its hearer, agent and adjuncts: the topic or question asked is indirect
              47  passive-report           accepts     a passive verb of saying (was first reported by X): its subject is indirect, the agent speaks
              48  refused-comment          accepts     a verb of refusing, to and a verb of saying (declined to comment): the infinitive is indirect
              49  hearsay-adverb           accepts     an adverb of report (reportedly): the clause around it is indirect, no speaker named
              50  next-attribution         attributes  a content ends before a second speaker and cue of saying with a clause of their own
              51  group-answer             attributes  a content ends before a second group's answer (but six in 10 said, compared with 40 percent who say)
              52  relative-clause-end      attributes  a content in a relative clause between commas ends where the clause does, before the main clause's verb
              53  subordinate-clause-end   attributes  a content in a subordinate clause (while, after, when …) ends at the comma before the main clause
              54  nearer-cue               attributes  a fragment with its own cue inside reported content: its own cue's complement is its content; the content before ends at that attribution
              55  reported-content         attributes  inside reported speech: takes its speaker, cue and content (kept even if short)
              56  scare-quote              rejects     three words or fewer and no one says it: a scare quote
              57  quoted-report            accepts     reported speech holding quoted words left out as a term or label: a mixed quotation of those words
              58  fragment-clause          attributes  a fragment after its cue takes the cue's complement, to the clause end, as content
              59  block-introduction       accepts     a paragraph introduced by a source and a colon: direct
              60  marked-blockquote        accepts     a paragraph the page marked as a block quotation: direct
              61  floating-speaker         attributes  no cue of its own: the speaker of the paragraphs before
              62  dateline                 attributes  a place or heading in capitals opening a paragraph before a dash is a dateline: the subject follows the dash
              63  pronoun-resolution       attributes  a pronoun stands for the nearest compatible speaker or person named before
              64  surname-resolution       attributes  a bare surname stands for the latest full name ending with it
              65  relative-resolution      attributes  a relative pronoun stands for the noun phrase before it
              66  who-is-a-person          rejects     who/whom after something that is no person stands for nothing found
              67  relative-never-speaks    rejects     a relative pronoun is never a speaker by itself
              68  things-never-speak       rejects     a phrase headed by a thing (door, reactions) is no speaker
              69  object-pronoun-speaker   attributes  an object pronoun as the speaker (according to him) stands for someone named before, or is unresolved: never a name
              70  unresolved-pronoun       attributes  a pronoun that stands for no one named: unresolved, no name
              71  title-alone              attributes  a title or honorific alone (said Mr.) names no one: unresolved, no name
              72  demonstrative-speaker    attributes  a demonstrative as the whole speaker (That's not to suggest) names no one: unresolved, no name
              73  indefinite-speaker       attributes  everyone, nobody, most: a speaker that is no one in particular is unresolved, no name
              74  grammar-word-speaker     rejects     a speaker of only grammar words (Throughout, the past, this month) is no speaker
              75  document-speaker         attributes  a document (the indictment, a UN report) speaks but is no person or organisation: no entity, no name
              76  same-role                attributes  a mention by role only (China's envoy) is the one named speaker with that role (Ambassador Zhang Xiao)
              77  owner-speaks             attributes  an account after a possessive (the embassy's Twitter account) is its owner speaking
              78  person-in-name           attributes  a person's name with a place after 'of' or an owner before it (Ted Cruz of Texas, the Post's Dana Hale) is that person's entity
              79  common-noun-as-name      attributes  a common noun capitalized at its sentence's start (Police said) is that noun: one entity with police, named in lower case
              80  organisation-by-name     attributes  the embassy is the one named organisation ending with that word (the Chinese Embassy)
              81  speaker-entity           attributes  the speaker's entity: shared by all mentions of one person, with the fullest name
              82  cue-in-capitals          rejects     a cue word in capitals (SAYS) is a heading's word, not a cue
              83  cue-belief               rejects     a belief verb (believes) is no cue for quoted words
              84  cue-particle             rejects     a verb listed with a particle (pointed out) needs the particle
              85  cue-opens-paragraph      accepts     opening a paragraph: a cue unless a bare base form (Say)
              86  cue-inside-name          rejects     capitalized after a name word or 'the' (the United States): part of a name
              87  cue-quantity-subject     accepts     a quantity word opening its clause (Most said, Many told) is the subject: a cue
              88  cue-ratio-subject        accepts     a ratio (two in three, one in four) before the word is its subject: a cue
              89  cue-after-determiner     rejects     right after a determiner or possessive (Stumpf’s repeated emphasis): no verb
              90  cue-passive              rejects     a past form after be (was told): a passive, its subject says nothing
              91  cue-after-preposition    rejects     after a preposition only -ing (by calling) or to + base (to say) is a verb
              92  cue-ing-clause           accepts     -ing: a cue as a participle clause, progressive or adverbial, not after a noun
              93  cue-base-noun-subject    rejects     a base form that is also a noun (claim) needs a plural subject or an auxiliary
              94  cue-noun-subject         rejects     a present form that is also a noun (reports) needs a subject right before it
              95  cue-before-preposition   rejects     a present form that is also a noun, before a preposition (reports about): a noun
              96  cue-base-subject         rejects     a base form (say) needs a subject that takes it, an auxiliary or 'to'

            candidates: 6, quotations: 5

            “The Harbor Bridge will close for six weeks in May”  [bytes 36..<85]
              + content-then-cue         speaker: city officials, cue: said
              = speaker-entity           entity 1: city officials
              => indirect, speaker "city officials" entity 1 "city officials", cue "said"

            “The cracks are deeper than we thought,”  [bytes 123..<161]
              + direct-clause            stands as a clause of its own: direct
              = attribution-after        speaker: Dana Ruiz, cue: said
              = speaker-entity           entity 2: Dana Ruiz
              => direct, speaker "Dana Ruiz" entity 2 "Dana Ruiz", cue "said"

            “the work would cost $4 million”  [bytes 215..<245]
              + cue-then-content         speaker: She, cue: added
              = pronoun-resolution       She → Dana Ruiz
              = speaker-entity           entity 2: Dana Ruiz
              => indirect, speaker "Dana Ruiz" (from "She") entity 2 "Dana Ruiz", cue "added"

            “painful but necessary.”  [bytes 287..<309]
              + fragment                 it does not open a clause
              + naming-evaluation        cue: called
              = attribution-before       speaker: Tom Okafor, cue: called
              + cue-then-content         content: the closure “painful but necessary.”
              = reported-content         speaker: Tom Okafor, cue: called
              = speaker-entity           entity 3: Tom Okafor
              => mixed, speaker "Tom Okafor" entity 3 "Tom Okafor", cue "called"

            “what they called the “bridge to nowhere.””  [bytes 335..<380]
              + cue-then-content         speaker: Some residents, cue: mocked
              => dropped

            “bridge to nowhere.”  [bytes 359..<377]
              - cue-particle             “called” is no cue here
              + fragment                 it does not open a clause
              - naming-label             right after a naming verb (called, dubbed), after it and 'the', or after a passive one: a label
              + quoted-report            content: what they called the “bridge to nowhere.”
              = speaker-entity           entity 4: Some residents
              => mixed, speaker "Some residents" entity 4 "Some residents", cue "mocked"

            """)
    }

    @Test func picksARecordOfAJSONLFileByItsId() throws {
        let dir = TemporaryDirectory()
        dir.write("news.jsonl", """
        {"id": "weather", "text": "Rain is expected on Friday."}
        {"id": "bridge", "text": "The Harbor Bridge will close for six weeks in May, city officials said on Tuesday."}

        """)
        let r = try textmill(["explain", "quotes", "news.jsonl", "--id", "bridge"], in: dir)
        expectEqual(r.status, 0)
        #expect(r.stdout.hasPrefix("document: bridge\nstages: cleanup → normalize → sentences → quotes\n\nrules, in the order they apply:\n"))
        #expect(r.stdout.hasSuffix("""
        candidates: 1, quotations: 1

        “The Harbor Bridge will close for six weeks in May”  [bytes 0..<49]
          + content-then-cue         speaker: city officials, cue: said
          = speaker-entity           entity 1: city officials
          => indirect, speaker "city officials" entity 1 "city officials", cue "said"

        """))
    }

    /// The trace shows the document's id and words with their control characters escaped, as
    /// messages show names: before session 24 an id or a quotation holding ESC [2J cleared the
    /// terminal it was printed on, and a carriage return overwrote the line (a config without
    /// `normalize` keeps them in the text). The carriage return sits inside the quotation: since
    /// session 34 a lone one ends a line for the sentence splitter too (`LineTerminators`), and
    /// "said Dana⏎Ruiz" made the speaker "Dana", as "said Dana\nRuiz" does.
    @Test func controlCharactersOfTheDocumentAreEscaped() throws {
        let dir = TemporaryDirectory()
        dir.write("news.jsonl", #"{"id": "bridge\u001b[2J", "text": "\u201cThe cracks are deeper \u001b]0;owned\u0007than\rwe thought,\u201d said Dana Ruiz, the city engineer."}"# + "\n")
        dir.write("p.yaml", "input: in/\noutput: out/corpus.jsonl\nstages:\n  - sentences\n  - quotes\n")
        let r = try textmill(["explain", "quotes", "news.jsonl", "--config", "p.yaml"], in: dir)
        expectEqual(r.status, 0, "\(r.stderr)")
        #expect(!r.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0 == "\r" })
        #expect(r.stdout.hasPrefix("document: bridge\\u{1B}[2J\nstages: sentences → quotes\n"))
        #expect(r.stdout.hasSuffix("""
        candidates: 1, quotations: 1

        “The cracks are deeper \\u{1B}]0;owned\\u{7}than\\rwe thought,”  [bytes 3..<51]
          + direct-clause            stands as a clause of its own: direct
          = attribution-after        speaker: Dana Ruiz, cue: said
          = speaker-entity           entity 1: Dana Ruiz
          => direct, speaker "Dana Ruiz" entity 1 "Dana Ruiz", cue "said"

        """), "\(r.stdout.suffix(600))")
    }

    @Test func runsTheConfigsStagesUpToQuotesWithItsWordLists() throws {
        let dir = TemporaryDirectory()
        dir.write("bridge.txt", "The engineer harrumphed that the bridge was older than the city.\n")
        dir.write("p.yaml", """
        input: in/
        output: out/corpus.jsonl
        stages:
          - normalize
          - sentences
          - quotes: {lexicon: {reporting_verbs: ["harrumph harrumphs harrumphed harrumphing"]}}
          - dedup

        """)
        let r = try textmill(["explain", "quotes", "bridge.txt", "--config", "p.yaml"], in: dir)
        expectEqual(r.status, 0)
        #expect(r.stdout.contains("stages: normalize → sentences → quotes\n"))
        #expect(r.stdout.contains("=> indirect, speaker \"The engineer\" entity 1 \"engineer\", cue \"harrumphed\""))
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")), "explain writes nothing")
    }

    /// A wrong command line exits 2, a document that cannot be explained 1; each says what went
    /// wrong, where, and what to do.
    @Test func failuresSayWhatWentWrongWithTheirStatus() throws {
        let dir = TemporaryDirectory()
        dir.write("two.jsonl", "{\"id\": \"a\", \"text\": \"Rain is expected.\"}\n{\"id\": \"b\", \"text\": \"Snow is not.\"}\n")
        dir.write("de.txt", "Der Bürgermeister sagte am Dienstag, dass die Brücke im Mai für sechs Wochen geschlossen wird. Die Risse sind tiefer als gedacht, sagte die Ingenieurin der Stadt, und die Arbeiten würden vier Millionen Euro kosten.\n")
        dir.write("empty.txt", "")
        // Ids a wire feed's export made 70,000 characters long: the message lists the first 100 characters of each.
        let slug = String(repeating: "harbor-bridge-", count: 5_000)
        dir.write("long-ids.jsonl", "{\"id\": \"a-\(slug)\", \"text\": \"Rain is expected.\"}\n{\"id\": \"b-\(slug)\", \"text\": 7}\n")
        let shortSlug = String(slug.prefix(98)) + "…"
        dir.write("no-quotes.yaml", "input: in/\noutput: out.jsonl\nstages: [normalize, sentences]\n")
        let cases: [(args: [String], status: Int32, message: String)] = [
            (["missing.txt"], 2, "textmill: missing.txt: no such file (looked for in \(dir.path)): give the path of a text, HTML or JSONL file\n"),
            (["two.jsonl"], 2, "textmill: two.jsonl holds several records: pick one with --id (its ids are 'a', 'b')\n"),
            (["two.jsonl", "--id", "c"], 2, "textmill: two.jsonl: no record with id 'c'; its ids are 'a', 'b'\n"),
            (["de.txt"], 1, "textmill: de.txt: the document does not read as English (too few common English words at its start): quotes reads English only and gives it no quotes; if it is English, put 'language' before 'quotes' in the config\n"),
            (["long-ids.jsonl"], 2, "textmill: long-ids.jsonl holds several records: pick one with --id (its ids are 'a-\(shortSlug)', 'b-\(shortSlug)')\n"),
            (["long-ids.jsonl", "--id", "c"], 2, "textmill: long-ids.jsonl: no record with id 'c'; its ids are 'a-\(shortSlug)', 'b-\(shortSlug)'\n"),
            (["long-ids.jsonl", "--id", "b-\(slug)"], 1, "textmill: long-ids.jsonl: cannot read 'b-\(shortSlug)' (line 2): line 2: \"text\" must be a string, not number\n"),
            (["empty.txt"], 1, "textmill: empty.txt: cannot read 'empty.txt': the file is empty\n"),
            (["two.jsonl", "--id", "a", "--config", "no-quotes.yaml"], 2, "textmill: no-quotes.yaml: no 'quotes' stage to explain: add '- quotes' after '- sentences', or leave out --config\n"),
        ]
        for c in cases {
            let r = try textmill(["explain", "quotes"] + c.args, in: dir)
            expectEqual(r.status, c.status, "\(c.args)")
            expectEqual(r.stderr, c.message)
            expectEqual(r.stdout, "")
        }
    }
}
