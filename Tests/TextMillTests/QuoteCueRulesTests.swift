import Testing
@testable import TextMill

/// The cue-word rules of `quotes` (`QuoteRules.cueWords`, `Cues/`), each on sentences written
/// for the test. Every word of the `reporting_verbs` list is marked inline in the text: `[said]`
/// is a cue where it stands (`[pointed out]` with its particle), `[repeated|cue-after-determiner]`
/// is not, and the rule after the bar says why. The test strips the marks, asks the rules about
/// every word, writes the marks back from the answers and compares the whole text, so a word that
/// becomes a cue, or stops being one, fails.
@Suite struct QuoteCueRulesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var rule: String
        var marked: String
        /// Belief verbs count (as for indirect speech).
        var thoughts = false
        /// The rule only accepts words another rule would reject: the case shows the words it
        /// accepts beside those the next rule rejects where it does not apply.
        var acceptsOnly = false
        var testDescription: String { rule + (thoughts ? " (beliefs count)" : "") }
    }

    static let cases: [Case] = [
        Case(rule: "cue-in-capitals", marked: "HARBOR MAYOR [SAYS|cue-in-capitals] BRIDGE WILL CLOSE\n\nThe mayor [said] the bridge would close in May."),
        Case(rule: "cue-belief", marked: "The council member [believes|cue-belief] the bridge will close, the clerk [said]."),
        Case(rule: "cue-belief", marked: "The council member [believes] the bridge will close, the clerk [said].", thoughts: true),
        Case(rule: "cue-particle", marked: "The engineer [pointed|cue-particle] to the cracks and [pointed out] that the bridge was old."),
        Case(rule: "cue-opens-paragraph", marked: "[Say|cue-opens-paragraph] what you will about the toll.\n\n[Said] the mayor: “We will rebuild.”"),
        Case(rule: "cue-inside-name", marked: "Editors at The Harbor [Post|cue-inside-name] [said] the story was accurate."),
        // A quantity word opening its clause (after punctuation or "and") is the subject; before a noun form it is a determiner.
        Case(rule: "cue-quantity-subject", marked: "The ferry hall was full. Most [said] they would wait; many [told] the clerk the toll was too high, and many [complained] loudly. Many [claims|cue-after-determiner] about the toll were wrong.", acceptsOnly: true),
        // A ratio (a number, "in", a number word) is the subject; a number word alone before a noun form is a determiner.
        Case(rule: "cue-ratio-subject", marked: "In the ferry poll, two in three [said] they would take the night boat and one in four [told] the clerk the toll was too high. Three [reports|cue-after-determiner] came out.", acceptsOnly: true),
        Case(rule: "cue-after-determiner", marked: "The mayor’s [repeated|cue-after-determiner] [promises|cue-noun-subject] did not move the council, a [report|cue-after-determiner] [found|cue-belief]."),
        Case(rule: "cue-passive", marked: "The mayor was [told|cue-passive] about the cracks on Monday and [told] reporters nothing."),
        Case(rule: "cue-after-preposition", marked: "The engineer kept silent in [reply|cue-after-preposition] and, after [saying] little, left."),
        Case(rule: "cue-ing-clause", marked: "Protesters gathered, [chanting] slogans, beside a crowd [demanding|cue-ing-clause] [answers|cue-noun-subject]. He’s [claiming] the bridge is safe."),
        // After a noun, an -ing form before a clause is a cue: the noun speaks.
        Case(rule: "cue-ing-clause", marked: "A third of the drivers [saying] they use the bridge daily live nearby, not the crowd [demanding|cue-ing-clause] repairs."),
        // A negative contraction between subject and -ing form is a progressive with "not".
        Case(rule: "cue-ing-clause", marked: "The harbor master isn’t [saying] who will pay, and the crowd [demanding|cue-ing-clause] repairs is angry."),
        Case(rule: "cue-base-noun-subject", marked: "The Harbor Authority [report|cue-base-noun-subject] came out late. Residents [claim] the bridge sways."),
        // After "and", "or" or "but" a base form that is also a noun is a verb only when no noun
        // follows it: before one it modifies that noun.
        Case(rule: "cue-base-noun-subject", marked: "Local and [state|cue-base-noun-subject] officials [said] the levy would pass. But [state|cue-base-noun-subject] law requires a license. The captain will visit the port and [report] that the ferries are safe."),
        Case(rule: "cue-noun-subject", marked: "Despite new [claims|cue-noun-subject] of cracks, Mayor Lee [claims] the bridge is safe, but the ministry [claims] otherwise."),
        Case(rule: "cue-before-preposition", marked: "Mayor Lee [reports|cue-before-preposition] to the council every month."),
        Case(rule: "cue-base-subject", marked: "Voters got a [say|cue-after-determiner] on the toll, and residents [say] they got final [say|cue-base-subject] too."),
        // A clause after the base form makes it a verb whatever stands before it.
        // A subject and its verb after a verb that reports only clauses (`@clause`: say) make it a
        // verb whatever stands before it; the noun takes none.
        Case(rule: "cue-base-subject", marked: "In the harbor poll, 47% [say] the ferry should run all night and those surveyed [say] the tolls are too high, but the council got the final [say|cue-base-subject] on the toll."),
        Case(rule: "cue-base-subject", marked: "Aides to the mayor [say] she will sign the toll bill, and officials at City Hall [say] that it is fair, but the council got the final [say|cue-base-subject] on it."),
    ]

    /// The text without its marks.
    static func plain(_ marked: String) -> String {
        var out = ""
        var inRule = false
        for ch in marked {
            switch ch {
            case "[": continue
            case "|": inRule = true
            case "]": inRule = false
            default: if !inRule { out.append(ch) }
            }
        }
        return out
    }

    /// The text with every word of `reporting_verbs` marked as the cue-word rules decide.
    static func marks(_ text: String, thoughts: Bool) -> String {
        let bytes = Array(text.utf8)
        let paragraphs = Paragraphs.spans(in: bytes)
        var inserts: [(at: Int, text: String)] = []
        bytes.withUnsafeBufferPointer { b in
            let analysis = QuoteAnalysis(lexicon: .standard, text: b, paragraphs: paragraphs, sentences: paragraphs)
            for i in 0..<analysis.tokens.count {
                let start = Int(analysis.tokens[i].start)
                switch analysis.cueVerdict(at: i, thoughts: thoughts) {
                case .notACue: break
                case .cue(let end):
                    inserts += [(start, "["), (Int(analysis.tokens[end].end), "]")]
                case .rejected(let rule):
                    inserts += [(start, "["), (Int(analysis.tokens[i].end), "|" + rule.rule.name + "]")]
                }
            }
        }
        var out: [UInt8] = []
        var k = 0
        for (n, byte) in bytes.enumerated() {
            while k < inserts.count && inserts[k].at == n { out += Array(inserts[k].text.utf8); k += 1 }
            out.append(byte)
        }
        while k < inserts.count { out += Array(inserts[k].text.utf8); k += 1 }
        return String(decoding: out, as: UTF8.self)
    }

    @Test(arguments: cases) func theRuleDecidesItsWords(_ c: Case) {
        expectEqual(Self.marks(Self.plain(c.marked), thoughts: c.thoughts), c.marked)
        #expect(c.marked.contains("|" + c.rule + "]") || c.thoughts || c.acceptsOnly, "the case shows no word its rule rejects")
    }

    /// The explanation trace shows a cue word a rule rejected next to the candidate it was asked for.
    @Test func theTraceShowsACueWordRejectedForACandidate() throws {
        var doc = Document(id: "t", text: "Residents were told on Monday: “The bridge is safe and will reopen soon.”")
        doc.paragraphs = Paragraphs.spans(in: doc.text)
        var context = StageContext()
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        let explanation = QuoteExtractor().explain(in: doc.text, paragraphs: doc.paragraphs!, sentences: doc.sentences!)
        #expect(explanation.hasSuffix("""
        candidates: 1, quotations: 1

        “The bridge is safe and will reopen soon.”  [bytes 34..<74]
          + direct-clause            stands as a clause of its own: direct
          - cue-passive              “told” is no cue here
          => direct, no speaker, no cue

        """))
    }

    @Test func everyCueRuleHasACaseAndIsInTheRegistry() {
        let names = QuoteRules.cueWords.map(\.name)
        expectEqual(Set(Self.cases.map(\.rule)), Set(names))
        expectEqual(Array(QuoteRules.all.suffix(names.count)).map(\.name), names)
        #expect(names.allSatisfy { $0.hasPrefix("cue-") })
    }
}
