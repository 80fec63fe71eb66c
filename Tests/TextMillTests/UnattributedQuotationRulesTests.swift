import Testing
@testable import TextMill

/// The ordered list of checks on quotations no cue attributes (`UnattributedQuotationRule.inOrder`):
/// which rules each branch applies, in which order, and that the list stops once a quotation
/// has a cue. Each rule's own sentence is in `QuoteRulesTests`.
@Suite struct UnattributedQuotationRulesTests {
    static func names(_ branch: UnattributedQuotationRule.Branches) -> [String] {
        UnattributedQuotationRule.inOrder.filter { $0.branches.contains(branch) }.map(\.rule.name)
    }

    @Test func eachBranchAppliesItsRulesInOrder() {
        expectEqual(Self.names(.direct), ["transcript-turn", "reference-entry", "byline-title", "signature-line", "unsaid-title-case"])
        expectEqual(Self.names(.fragment), ["shared-attribution", "reference-entry", "byline-title", "as-evaluation", "scare-quote"])
    }

    @Test func everyRuleOfTheListIsRegistered() {
        let registry = Set(QuoteRules.all.map(\.name))
        #expect(UnattributedQuotationRule.inOrder.allSatisfy { registry.contains($0.rule.name) })
    }

    /// A quotation whose own attribution or a rule before gave it a cue meets no later rule:
    /// a title-case quotation someone says is speech, and a short fragment sharing its
    /// neighbour's cue is no scare quote.
    @Test func aQuotationWithACueMeetsNoFurtherRule() throws {
        let text = """
        “Harbor Bridge Will Close in May,” the mayor said on Monday.

        The dockworkers called the plan “reckless” and “cruel.”
        """
        expectEqual(try QuoteListing.lines(text, last: .cue), [
            "direct | Harbor Bridge Will Close in May, | mayor | said",
            "mixed | reckless | dockworkers | called",
            "mixed | cruel. | dockworkers | called",
        ])
    }
}
