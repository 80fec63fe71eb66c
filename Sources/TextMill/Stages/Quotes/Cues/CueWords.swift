/// Whether a word of the `reporting_verbs` list is used as a reporting cue where it stands:
/// the cue-word rules (`QuoteRules.cueWords`), one file each in this folder, in the order they
/// apply (`CueRule`). A word list says what a word can be; these rules say whether the words
/// around it let it be a verb of saying here ("Stumpf’s repeated emphasis" is no cue, "he
/// repeated" is).
extension QuoteAnalysis {
    /// If token `i` is a usable reporting cue, the index of its last token (the particle of
    /// "pointed out"), else nil. `thoughts` admits belief verbs ("believes").
    @inline(__always)
    func cueEnd(at i: Int, thoughts: Bool) -> Int? {
        if case .cue(let end) = cueVerdict(at: i, thoughts: thoughts) { return end }
        return nil
    }

    /// What the cue-word rules make of token `i`: no cue word at all, a cue (with its last
    /// token), or a cue word that a rule rejects here. Most tokens asked about are no cue word:
    /// that test is made where it is asked, the rules are a call (`ruledCueVerdict`).
    @inline(__always)
    func cueVerdict(at i: Int, thoughts: Bool) -> CueVerdict {
        let t = tokens[i]
        guard t.kind == .word, t.flags.contains(.cue) else { return .notACue }
        return ruledCueVerdict(at: i, token: t, thoughts: thoughts)
    }

    /// The cue-word rules in order on cue word `t`, token `i`.
    @inline(never)
    private func ruledCueVerdict(at i: Int, token t: Token, thoughts: Bool) -> CueVerdict {
        let previous = i > 0 && tokenParagraph[i - 1] == tokenParagraph[i] ? i - 1 : nil
        var site = CueSite(at: i, end: i, token: t, previous: previous, thoughts: thoughts)
        for rule in CueRule.inOrder {
            switch decide(rule, &site) {
            case .undecided: continue
            case .accepts: return .cue(end: site.end)
            case .rejects:
                if let trace { trace.recordOnce(rule.rule, "“\(words(i, site.end))” is no cue here") }
                return .rejected(rule)
            }
        }
        return .cue(end: site.end)
    }

    /// One cue-word rule on one cue word.
    @inline(__always)
    private func decide(_ rule: CueRule, _ site: inout CueSite) -> CueDecision {
        switch rule {
        case .inCapitals: return cueInCapitals(site)
        case .belief: return cueBelief(site)
        case .particle: return cueParticle(&site)
        case .opensParagraph: return cueOpensParagraph(site)
        case .insideName: return cueInsideName(site)
        case .quantitySubject: return cueQuantitySubject(site)
        case .ratioSubject: return cueRatioSubject(site)
        case .afterDeterminer: return cueAfterDeterminer(site)
        case .passive: return cuePassive(site)
        case .afterPreposition: return cueAfterPreposition(site)
        case .ingClause: return cueIngClause(site)
        case .baseNounSubject: return cueBaseNounSubject(site)
        case .nounSubject: return cueNounSubject(site)
        case .beforePreposition: return cueBeforePreposition(site)
        case .baseSubject: return cueBaseSubject(site)
        }
    }
}

/// The cue-word rules in the order they apply; each is a `QuoteRule` of the registry
/// (`rule`), decided in its own file.
enum CueRule: UInt8, CaseIterable, Sendable {
    case inCapitals, belief, particle, opensParagraph, insideName, quantitySubject, ratioSubject, afterDeterminer, passive, afterPreposition,
         ingClause, baseNounSubject, nounSubject, beforePreposition, baseSubject

    /// Every rule in the order they apply, made once (`allCases` builds a new array per call).
    static let inOrder: [CueRule] = allCases

    /// The rule as the registry and the explanation name it.
    var rule: QuoteRule {
        switch self {
        case .inCapitals: return QuoteRules.cueInCapitals
        case .belief: return QuoteRules.cueBelief
        case .particle: return QuoteRules.cueParticle
        case .opensParagraph: return QuoteRules.cueOpensParagraph
        case .insideName: return QuoteRules.cueInsideName
        case .quantitySubject: return QuoteRules.cueQuantitySubject
        case .ratioSubject: return QuoteRules.cueRatioSubject
        case .afterDeterminer: return QuoteRules.cueAfterDeterminer
        case .passive: return QuoteRules.cuePassive
        case .afterPreposition: return QuoteRules.cueAfterPreposition
        case .ingClause: return QuoteRules.cueIngClause
        case .baseNounSubject: return QuoteRules.cueBaseNounSubject
        case .nounSubject: return QuoteRules.cueNounSubject
        case .beforePreposition: return QuoteRules.cueBeforePreposition
        case .baseSubject: return QuoteRules.cueBaseSubject
        }
    }
}

/// What the cue-word rules make of one word.
enum CueVerdict: Equatable, Sendable {
    /// Not on the `reporting_verbs` list.
    case notACue
    /// A cue; `end` is its last token (the particle of "pointed out").
    case cue(end: Int)
    /// On the list, but this rule says it is no cue here.
    case rejected(CueRule)
}

/// What one cue-word rule decides.
enum CueDecision: Sendable {
    /// Nothing: the next rule decides.
    case undecided
    /// A cue: no later rule is asked.
    case accepts
    /// No cue here.
    case rejects
}

/// A cue word under the rules: where it is and what stands before it.
struct CueSite {
    /// The cue word's token.
    let at: Int
    /// Its last token: `at`, or the particle after it ("pointed out").
    var end: Int
    let token: Token
    /// The token right before it in its paragraph, or nil at the paragraph start.
    let previous: Int?
    /// Belief verbs count ("believes"): indirect speech asks for them, quotations do not.
    let thoughts: Bool
}
