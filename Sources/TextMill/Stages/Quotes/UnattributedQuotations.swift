/// The checks on a quotation that no cue attributes, as one ordered list of named rules.
///
/// After a candidate is classified (`direct-clause` or `fragment`) and its own attribution
/// looked for, a quotation still without a cue may be no speech at all (a title in a reference
/// entry or above its byline, a heading in title case), the signature of the quotation before
/// it, or a fragment that takes its attribution from its neighbour or from the verb that casts
/// its object as it. `attributeQuotations` applies `UnattributedQuotationRule.inOrder` to it,
/// in order, each rule only on the branches it names and only while the quotation has no cue;
/// the first rule that drops or signs the quotation ends the list.
struct UnattributedQuotationRule: Sendable {
    /// Which classification a rule applies to.
    struct Branches: OptionSet, Sendable {
        let rawValue: UInt8
        /// Quotations that stand as a clause of their own (`direct-clause`).
        static let direct = Branches(rawValue: 1)
        /// Fragments of the reporter's sentence (`fragment`).
        static let fragment = Branches(rawValue: 2)
        static let both: Branches = [.direct, .fragment]
    }

    /// What a rule does with the quotation when its predicate holds.
    enum Action: Sendable {
        /// Not speech: the quotation is left out.
        case drop
        /// A signature line: its speaker goes to the earlier pieces, and the line is left out.
        case sign
        /// The finding's speaker, cue and content become the quotation's.
        case attribute
        /// A short fragment no one says: kept for now and dropped as a scare quote unless
        /// reported speech found later holds it (`scare-quote` traces the drop).
        case markTentative
    }

    /// What a predicate found: the speaker, cue and content to give, and the trace note.
    struct Finding {
        var speaker: SpeakerPhrase? = nil
        var cue: (first: Int, last: Int)? = nil
        var content: Span? = nil
        /// The quoted words, where they are fewer than the marks hold (a turn after its label).
        var span: Span? = nil
        var note = ""
    }

    /// The quotation being decided and what the steps before found for it.
    struct Candidate {
        var k: Int
        var quotation: Quotation
        /// The start of its frame (`frameStart`).
        var lo: Int
        /// How many words it holds.
        var words: Int
        var result: FoundQuote
    }

    let rule: QuoteRule
    let branches: Branches
    let action: Action
    /// Whether the rule's step is traced where it applies (`markTentative` is traced when the
    /// fragment is dropped, as `scare-quote`).
    let traced: Bool
    /// The finding when the rule applies to the candidate, else nil; `found` holds the quotes
    /// decided before it, in text order.
    let applies: @Sendable (QuoteAnalysis, Candidate, [FoundQuote]) -> Finding?

    /// The rules, in the order they apply (each branch keeps the order it always had).
    static let inOrder: [UnattributedQuotationRule] = [
        // "“WALLACE: Do you think …": a transcript's turn; its label speaks the words after the
        // colon (`TranscriptTurn.swift`).
        UnattributedQuotationRule(rule: QuoteRules.transcriptTurn, branches: .direct, action: .attribute, traced: true) { a, c, _ in
            guard let (speaker, colon) = a.transcriptTurn(c.quotation) else { return nil }
            return Finding(speaker: speaker, cue: (colon, colon), span: Span(Int(a.tokens[colon + 1].start), c.quotation.inner.end),
                           note: "speaker: " + a.words(speaker.first, speaker.last))
        },
        // A fragment in the same sentence as the one before it ("“misplaced” and
        // “undiplomatic”") shares its attribution; not one with a verb, object and "as" of its
        // own after the fragment before ("… as “Mr. Lee,” while Lee refers to the mayor as
        // “Dana.”": `as-evaluation` reads it).
        UnattributedQuotationRule(rule: QuoteRules.sharedAttribution, branches: .fragment, action: .attribute, traced: true) { a, c, found in
            let q = c.quotation, k = c.k
            guard let prev = found.last, prev.cue != nil, q.open >= 0,
                  prev.quotation == k - 1, a.quotations[k - 1].paragraph == q.paragraph, a.quotations[k - 1].close >= 0,
                  a.tokenSentence[a.quotations[k - 1].close] == a.tokenSentence[q.open] || a.quotations[k - 1].close + 3 >= q.open,
                  a.asEvaluationObject(q, lo: c.lo) == nil
            else { return nil }
            return Finding(speaker: prev.speaker, cue: prev.cue)
        },
        // The title in a line of a bibliography ("Smith, J. “Title of paper.” Journal 3 (2001)").
        UnattributedQuotationRule(rule: QuoteRules.referenceEntry, branches: .both, action: .drop, traced: true) { a, c, _ in
            a.isReferenceEntry(c.quotation) ? Finding() : nil
        },
        // "“…,” by Times' Michael Paulson": a title and its author.
        UnattributedQuotationRule(rule: QuoteRules.bylineTitle, branches: .both, action: .drop, traced: true) { a, c, _ in
            a.isBylineTitle(c.quotation) ? Finding() : nil
        },
        // "…¶Amy Pope, deputy homeland security adviser.”": the name that signs the quotation.
        UnattributedQuotationRule(rule: QuoteRules.signatureLine, branches: .direct, action: .sign, traced: true) { a, c, _ in
            guard let signer = a.signature(c.quotation) else { return nil }
            return Finding(speaker: signer, note: "speaker: " + a.words(signer.first, signer.last))
        },
        // A title in title case with no one saying it ("The Qazaq Khanate as Documented in Ming
        // Dynasty Sources", in a list of references) is not speech.
        UnattributedQuotationRule(rule: QuoteRules.unsaidTitleCase, branches: .direct, action: .drop, traced: true) { a, c, _ in
            c.result.speaker == nil && a.isTitleCase(c.quotation) ? Finding() : nil
        },
        // "blasted the levy as a “tax on commuters”": the object and the quoted words (a cue
        // before reads the content itself: `fragment-clause`).
        UnattributedQuotationRule(rule: QuoteRules.asEvaluation, branches: .fragment, action: .attribute, traced: true) { a, c, _ in
            let q = c.quotation
            guard q.close > q.open, let (verb, object) = a.asEvaluationObject(q, lo: c.lo) else { return nil }
            let last = a.asEvaluationLast(q)
            return Finding(speaker: a.speakerBefore(cue: verb, lower: c.lo), cue: (verb, verb), content: a.span(object, last),
                           note: "content: " + a.words(object, last))
        },
        // A short fragment nobody is reported saying and with no content is a scare quote,
        // unless reported speech found later holds it.
        UnattributedQuotationRule(rule: QuoteRules.scareQuote, branches: .fragment, action: .markTentative, traced: false) { _, c, _ in
            c.result.content == nil && c.words <= 3 ? Finding() : nil
        },
    ]
}

extension QuoteAnalysis {
    /// What became of a quotation after the unattributed-quotation rules.
    enum UnattributedOutcome {
        /// Keep it, as the rules left it.
        case keep(FoundQuote)
        /// Leave it out (dropped, or signed).
        case leaveOut
    }

    /// Applies `UnattributedQuotationRule.inOrder` to candidate `c` of `branch` while it has no cue.
    func applyUnattributedRules(_ c: UnattributedQuotationRule.Candidate, branch: UnattributedQuotationRule.Branches,
                                found: inout [FoundQuote]) -> UnattributedOutcome {
        var c = c
        // The rules are read where they are, a field at a time: a rule taken out of the array
        // (`for r in inOrder`) was a copy, its rule's two strings and its closure retained and
        // released, for each rule tried on each quotation.
        let rules = UnattributedQuotationRule.inOrder
        for k in rules.indices where rules[k].branches.contains(branch) {
            guard c.result.cue == nil else { break }
            guard let finding = rules[k].applies(self, c, found) else { continue }
            if rules[k].traced { note(rules[k].rule, c.quotation.inner, finding.note) }
            switch rules[k].action {
            case .drop:
                return .leaveOut
            case .sign:
                if let signer = finding.speaker { signQuotation(c.k, signer, &found) }
                return .leaveOut
            case .attribute:
                if let content = finding.content { c.result.content = content }
                if let span = finding.span { c.result.span = span }
                c.result.cue = finding.cue
                c.result.speaker = finding.speaker
            case .markTentative:
                c.result.tentative = true
            }
        }
        return .keep(c.result)
    }
}
