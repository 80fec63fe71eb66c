import ArgumentParser
import TextMill

/// `textmill stages [NAME] [--json]`: every stage (or one) with its options, defaults and help.
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "List every stage (or one) with its options, types, defaults and one-line help.",
        discussion: "--json prints the same facts for programs, in the shape README.md (\"textmill stages --json\") describes."
    )

    @Argument(help: "One stage to show (default: every stage).", completion: .list(StageRegistry.builtin.names))
    var name: String?

    @Flag(name: .long, help: "Print JSON for programs instead of text.")
    var json = false

    func run() throws {
        let registry = TextMillCLI.registry
        var stages = registry.stages
        if let name {
            guard let stage = registry.stage(named: name) else {
                throw CommandFailure(message: "there is no stage \(MessageText.quoted(name)); the stages are: \(registry.names.joined(separator: ", "))", status: 2)
            }
            stages = [stage]
        }
        if json {
            try Terminal.output(StageCatalog.json(stages).jsonText)
        } else {
            try Terminal.output(StagesCommand.listing(stages, footer: name == nil))
        }
    }

    static func listing(_ stages: [any Stage.Type], footer: Bool = true) -> String {
        var out: [String] = []
        for stage in stages {
            out.append("\(stage.name): \(stage.summary)")
            let t = stage.traits
            var facts: [String] = []
            if !t.requires.isEmpty { facts.append("needs " + t.requires.map(\.rawValue).sorted().joined(separator: ", ")) }
            if !t.produces.isEmpty { facts.append("makes " + t.produces.map(\.rawValue).sorted().joined(separator: ", ")) }
            if t.scope == .corpus { facts.append("sees the whole corpus in input order") }
            if !facts.isEmpty { out.append("  (" + facts.joined(separator: "; ") + ")") }
            out += options(stage.options, indent: "  ")
            out.append("")
        }
        if footer {
            out.append("Config: a bare name takes the defaults (- sentences); a one-key map gives options (- dedup: {threshold: 0.9}).")
        } else if out.last == "" {
            out.removeLast()
        }
        return out.joined(separator: "\n")
    }

    static func options(_ specs: [OptionSpec], indent: String) -> [String] {
        var out: [String] = []
        for o in specs {
            if case .group(let inner) = o.type {
                out.append("\(indent)\(o.name): (group) \(o.help)")
                out += options(inner, indent: indent + "  ")
                continue
            }
            let def = o.defaultValue == .null ? "no default" : "default \(o.defaultValue.jsonText)"
            out.append("\(indent)\(o.name): \(o.type.description), \(def). \(o.help)")
        }
        return out
    }
}
