import Foundation
import Testing
@testable import TextMill

/// A Swift stage's name is checked where the registry is made: one that breaks the rule (a
/// `Stage`'s name is lower case, no spaces) or that a stage registered before has (a built-in's
/// included) is not registered, and the reason is kept for `TextMillCLI.main` to print before it
/// exits with status 2. Before, "has space", "a/b", "x: y" or "" loaded and ran, and
/// `textmill stages` printed them broken; a second "normalize" silently replaced the built-in.
@Suite struct StageNameRuleTests {
    struct Named<Tag: NameTag>: Stage {
        static var name: String { Tag.name }
        static var summary: String { "does nothing" }
        static var options: [OptionSpec] { [] }
        static var traits: StageTraits { StageTraits() }
        init(options: StageOptions) throws {}
        func process(_ document: inout Document, _ context: inout StageContext) throws {}
    }
    protocol NameTag { static var name: String { get } }
    enum Empty: NameTag { static let name = "" }
    enum Spaced: NameTag { static let name = "has space" }
    enum Slashed: NameTag { static let name = "a/b" }
    enum TwoLines: NameTag { static let name = "a\nb" }
    enum Colon: NameTag { static let name = "x: y" }
    enum Upper: NameTag { static let name = "Tally" }
    enum Digit: NameTag { static let name = "2tally" }
    enum Good: NameTag { static let name = "word_count-2" }
    enum Normalize: NameTag { static let name = "normalize" }

    @Test func aNameThatBreaksTheRuleIsRefusedNamingTheType() {
        let bad: [any Stage.Type] = [Named<Empty>.self, Named<Spaced>.self, Named<Slashed>.self, Named<TwoLines>.self,
                                     Named<Colon>.self, Named<Upper>.self, Named<Digit>.self]
        let registry = StageRegistry.builtin.adding(bad + [Named<Good>.self])
        expectEqual(registry.names, StageRegistry.builtin.names + ["word_count-2"])
        let rule = "a stage's name must be lower-case ASCII letters, digits, '_' and '-', starting with a letter: rename it"
        expectEqual(registry.refusals, [
            "the stage type 'TextMillTests.StageNameRuleTests.Named<TextMillTests.StageNameRuleTests.Empty>' is named '', but \(rule)",
            "the stage type 'TextMillTests.StageNameRuleTests.Named<TextMillTests.StageNameRuleTests.Spaced>' is named 'has space', but \(rule)",
            "the stage type 'TextMillTests.StageNameRuleTests.Named<TextMillTests.StageNameRuleTests.Slashed>' is named 'a/b', but \(rule)",
            "the stage type 'TextMillTests.StageNameRuleTests.Named<TextMillTests.StageNameRuleTests.TwoLines>' is named 'a\\nb', but \(rule)",
            "the stage type 'TextMillTests.StageNameRuleTests.Named<TextMillTests.StageNameRuleTests.Colon>' is named 'x: y', but \(rule)",
            "the stage type 'TextMillTests.StageNameRuleTests.Named<TextMillTests.StageNameRuleTests.Upper>' is named 'Tally', but \(rule)",
            "the stage type 'TextMillTests.StageNameRuleTests.Named<TextMillTests.StageNameRuleTests.Digit>' is named '2tally', but \(rule)",
        ])
        expectEqual(StageRegistry.builtin.refusals, [])
    }

    @Test func aNameTakenByABuiltInOrAnEarlierStageIsRefused() {
        let registry = StageRegistry.builtin.adding([Named<Normalize>.self, Named<Good>.self, Named<Good>.self])
        #expect(registry.stage(named: "normalize") == NormalizeStage.self)
        expectEqual(registry.names, StageRegistry.builtin.names + ["word_count-2"])
        expectEqual(registry.refusals, [
            "the stage type 'TextMillTests.StageNameRuleTests.Named<TextMillTests.StageNameRuleTests.Normalize>' is named 'normalize', which the built-in stage has already: give it a name of its own",
            "the stage type 'TextMillTests.StageNameRuleTests.Named<TextMillTests.StageNameRuleTests.Good>' is named 'word_count-2', which the stage type 'TextMillTests.StageNameRuleTests.Named<TextMillTests.StageNameRuleTests.Good>', registered before it, has already: give it a name of its own",
        ])
    }
}
