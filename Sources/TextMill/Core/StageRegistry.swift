/// The stages a pipeline may name. Nothing is discovered at run time: the built-in list is
/// explicit, and a package that adds its own stages registers them here.
public struct StageRegistry: Sendable {
    public private(set) var stages: [any Stage.Type]
    /// Why stages were not registered, one message each: a name that breaks `nameRule`, or one
    /// that a stage registered before (a built-in's included) has. `TextMillCLI.main` prints
    /// them and exits with status 2 before reading its command line; a program that uses the
    /// registry otherwise should do the same.
    public private(set) var refusals: [String] = []

    /// What a stage's name must be: it is written in configs (`- NAME`, `- NAME: {…}`), in
    /// errors and statistics, and listed by `textmill stages`.
    public static let nameRule = "lower-case ASCII letters, digits, '_' and '-', starting with a letter"

    public init(_ stages: [any Stage.Type]) {
        self.stages = []
        for stage in stages { register(stage) }
    }

    /// The stages that ship with TextMill, in the order `textmill stages` lists them.
    public static let builtin = StageRegistry(builtinTypes)

    private static let builtinTypes: [any Stage.Type] = [
        CleanupStage.self,
        NormalizeStage.self,
        SentencesStage.self,
        QuotesStage.self,
        DedupStage.self,
        ExecStage.self,
        LanguageStage.self,
        FilterStage.self,
    ]

    /// Adds a stage, unless its name breaks `nameRule` or another stage has it already (a
    /// built-in's included: a second `normalize` replaced the first in every config, silently):
    /// such a stage is not added and the reason goes to `refusals`.
    public mutating func register(_ stage: any Stage.Type) {
        let type = MessageText.quoted(String(reflecting: stage))
        if !Self.followsNameRule(stage.name) {
            refusals.append("the stage type \(type) is named \(MessageText.quoted(stage.name)), but a stage's name must be \(Self.nameRule): rename it")
        } else if let first = stages.first(where: { $0.name == stage.name }) {
            let owner = Self.builtin(first) ? "the built-in stage" : "the stage type \(MessageText.quoted(String(reflecting: first))), registered before it,"
            refusals.append("the stage type \(type) is named \(MessageText.quoted(stage.name)), which \(owner) has already: give it a name of its own")
        } else {
            stages.append(stage)
        }
    }

    /// A copy with more stages registered (`register`).
    public func adding(_ more: [any Stage.Type]) -> StageRegistry {
        var r = self
        for s in more { r.register(s) }
        return r
    }

    public func stage(named name: String) -> (any Stage.Type)? {
        stages.first { $0.name == name }
    }

    public var names: [String] { stages.map { $0.name } }

    /// Whether `name` follows `nameRule`.
    static func followsNameRule(_ name: String) -> Bool {
        guard let first = name.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
        return name.utf8.allSatisfy { c in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c)
                || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
        }
    }

    /// Whether `stage` is one of TextMill's own.
    private static func builtin(_ stage: any Stage.Type) -> Bool {
        builtinTypes.contains { ObjectIdentifier($0) == ObjectIdentifier(stage) }
    }
}
