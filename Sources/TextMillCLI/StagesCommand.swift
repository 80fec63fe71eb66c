import ArgumentParser
import TextMill

/// `textmill stages`: every stage with its options, defaults and help.
struct StagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages",
        abstract: "List every stage with its options, defaults and one-line help."
    )

    func run() throws {
        print(StagesCommand.listing(TextMillCLI.registry))
    }

    static func listing(_ registry: StageRegistry) -> String {
        var out: [String] = []
        for stage in registry.stages {
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
        out.append("Config: a bare name takes the defaults (- sentences); a one-key map gives options (- dedup: {threshold: 0.9}).")
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
