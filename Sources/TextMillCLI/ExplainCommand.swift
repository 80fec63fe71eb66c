import ArgumentParser
import Foundation
import TextMill

/// `textmill explain STAGE …`: why a stage decided what it did on one document.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show which rules of a stage decided what on one document.",
        subcommands: [ExplainQuotesCommand.self]
    )
}

/// `textmill explain quotes FILE [--id ID] [--config CONFIG]`: reads one document, runs the
/// stages `quotes` needs (or the config's stages up to `quotes`), and prints the explanation
/// trace: every named rule of `quotes`, then each candidate quotation with the rules that
/// accepted (`+`), rejected (`-`) or attributed (`=`) it and what came out.
struct ExplainQuotesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "Print which named rules of 'quotes' made, rejected or attributed each candidate quotation of one document.",
        discussion: """
        FILE is a text, HTML or JSONL file (any format 'run' reads); a file of several records needs \
        --id. Without --config the document goes through cleanup, normalize and sentences first; with \
        --config, through that config's stages before 'quotes' (corpus stages such as dedup are \
        skipped: they need the whole corpus), and 'quotes' runs with the config's options and word lists. \
        Offsets ([bytes a..<b]) are UTF-8 byte offsets in the text as 'quotes' sees it.

        Exit status: 0 explained; 1 the document could not be explained (unreadable, a stage failed \
        or filtered it, not English); 2 the command line or the config is wrong (no such file, no \
        record with that id).
        """
    )

    /// The stages a document goes through before `quotes` when no config is given.
    static let defaultStages = ["cleanup", "normalize", "sentences", "quotes"]

    @Argument(help: "The text, HTML or JSONL file that holds the document.", completion: .file())
    var file: String

    @Option(name: .long, help: "The id of the record to explain, in a file of several records.")
    var id: String?

    @Option(name: .long, help: "A pipeline config: run its stages up to 'quotes', with its options.",
            completion: .file(extensions: ["yaml", "yml"]))
    var config: String?

    func run() throws {
        let (pipeline, skipped) = try Self.pipeline(config: config)
        for name in skipped {
            Terminal.note("note: skipped \(MessageText.quoted(name)): a corpus stage needs the whole corpus, not one document")
        }
        guard let quotes = pipeline.steps.last?.stage as? QuotesStage else {
            throw CommandFailure(message: "the stage named 'quotes' is not TextMill's own: it has no explanation trace", status: 2)
        }
        let document = try OneDocument.read(file, id: id, settings: ReadSettings(config: pipeline.config))
        let before = pipeline.steps.count - 1
        let doc: Document
        switch pipeline.process(.document(document), steps: 0..<before) {
        case .failure(let e):
            throw CommandFailure(message: "\(file): stage \(MessageText.quoted(e.stage)) failed on \(MessageText.quoted(e.id)): \(e.reason)", status: 1)
        case .document(let d):
            if let mark = d.filtered, d.route != .output {
                throw CommandFailure(message: "\(file): stage \(MessageText.quoted(mark.stage)) filtered \(MessageText.quoted(d.id)) out (\(mark.reason)): it never reaches 'quotes'", status: 1)
            }
            doc = d
        }
        let trace: String
        do {
            trace = try quotes.explain(doc)
        } catch {
            let which = doc.id == file ? file : "\(file), record \(MessageText.quoted(doc.id))"
            throw CommandFailure(message: "\(which): \(error)", status: 1)
        }
        // The id and the trace's excerpts come from the document: their control characters are
        // escaped as in messages, so a record cannot send a terminal escape or start a line.
        try Terminal.output("document: \(MessageText.escaped(doc.id))\n"
                            + "stages: \(pipeline.steps.map(\.name).joined(separator: " → "))\n\n"
                            + trace, terminator: "")
    }

    /// The stages to run: the config's up to its first `quotes` (or `defaultStages`), without
    /// corpus stages, whose names are returned as skipped.
    static func pipeline(config path: String?) throws -> (Pipeline, skipped: [String]) {
        var config: PipelineConfig
        if let path {
            config = try loadConfig(path, inputs: nil, output: nil)
        } else {
            let stages = defaultStages.compactMap { TextMillCLI.registry.stage(named: $0) }.map { ConfiguredStage($0) }
            config = PipelineConfig(inputs: [], output: "-", stages: stages)
        }
        guard let last = config.stages.firstIndex(where: { $0.name == QuotesStage.name }) else {
            throw CommandFailure(message: "\(path.map(MessageText.escaped) ?? "the default stages"): no 'quotes' stage to explain: add '- quotes' after '- sentences', or leave out --config", status: 2)
        }
        let upToQuotes = config.stages[...last]
        config.stages = upToQuotes.filter { $0.type.traits.scope != .corpus }
        let skipped = upToQuotes.filter { $0.type.traits.scope == .corpus }.map(\.name)
        do {
            return (try Pipeline(config: config), skipped)
        } catch {
            throw CommandFailure(message: "the config is wrong:\n\(error)", status: 2)
        }
    }
}

/// One document read from a file with the readers `run` uses: the only one, or the one with a
/// given id.
enum OneDocument {
    /// How many ids an error message lists at most, and how much of each (an id of a JSONL
    /// record may be megabytes long).
    static let idsShown = 5, idScalarsShown = 100

    /// Stops reading once the document is found.
    private struct Found: Error {}

    static func read(_ path: String, id: String?, settings: ReadSettings) throws -> Document {
        let shown = MessageText.escaped(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            let folder = path.hasPrefix("/") ? "" : " (looked for in \(MessageText.escaped(FileManager.default.currentDirectoryPath)))"
            throw CommandFailure(message: "\(shown): no such file\(folder): give the path of a text, HTML or JSONL file", status: 2)
        }
        if isDirectory.boolValue {
            throw CommandFailure(message: "\(shown) is a folder: explain reads one file; name a file in it", status: 2)
        }
        var chosen: InputItem?
        var ids: [String] = []
        var count = 0
        do {
            try SourceReader(settings: settings).read(InputFile.classify(path)) { item in
                let itemId: String
                switch item {
                case .document(let d): itemId = d.id
                case .failure(let e): itemId = e.id
                }
                count += 1
                if ids.count < idsShown { ids.append(MessageText.cut(itemId, to: idScalarsShown)) }
                if let id {
                    if itemId == id { chosen = item; throw Found() }
                } else {
                    // The only document, until a second one shows up (then only ids are kept).
                    chosen = count == 1 ? item : nil
                    if count > idsShown { throw Found() }
                }
            }
        } catch is Found {
        } catch {
            throw CommandFailure(message: "\(shown): cannot be read: \(error)", status: 1)
        }
        let listed = ids.map { "\(MessageText.quoted($0))" }.joined(separator: ", ") + (count > ids.count ? ", …" : "")
        switch chosen {
        case .document(let d)?:
            return d
        case .failure(let e)?:
            let at = e.line.map { " (line \($0)\(e.column.map { ", column \($0)" } ?? ""))" } ?? ""
            throw CommandFailure(message: "\(shown): cannot read \(MessageText.quoted(MessageText.cut(e.id, to: idScalarsShown)))\(at): \(e.reason)", status: 1)
        case nil:
            if count == 0 { throw CommandFailure(message: "\(shown): holds no document", status: 1) }
            if let id { throw CommandFailure(message: "\(shown): no record with id \(MessageText.quoted(id)); its ids are \(listed)", status: 2) }
            throw CommandFailure(message: "\(shown) holds several records: pick one with --id (its ids are \(listed))", status: 2)
        }
    }
}
