/// The stages a pipeline may name. Nothing is discovered at run time: the built-in list is
/// explicit, and a package that adds its own stages registers them here.
public struct StageRegistry: Sendable {
    public private(set) var stages: [any Stage.Type]

    public init(_ stages: [any Stage.Type]) {
        self.stages = stages
    }

    /// The stages that ship with TextMill, in the order `textmill stages` lists them.
    public static let builtin = StageRegistry([
        CleanupStage.self,
        NormalizeStage.self,
        SentencesStage.self,
        QuotesStage.self,
        DedupStage.self,
        ExecStage.self,
        LanguageStage.self,
        FilterStage.self,
    ])

    /// Adds a stage (replacing a built-in of the same name).
    public mutating func register(_ stage: any Stage.Type) {
        stages.removeAll { $0.name == stage.name }
        stages.append(stage)
    }

    /// A copy with more stages registered.
    public func adding(_ more: [any Stage.Type]) -> StageRegistry {
        var r = self
        for s in more { r.register(s) }
        return r
    }

    public func stage(named name: String) -> (any Stage.Type)? {
        stages.first { $0.name == name }
    }

    public var names: [String] { stages.map { $0.name } }
}
