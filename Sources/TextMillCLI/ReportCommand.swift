import ArgumentParser
import Foundation
import TextMill

/// `textmill report OUTPUT [--out FILE.html]`: one self-contained HTML page about an output and
/// its side files.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML page about an output: the run, charts, a document browser, failed and filtered documents.",
        discussion: """
        Reads OUTPUT (plain or .gz) and the files beside it (NAME.errors.jsonl, NAME.duplicates.jsonl, \
        NAME.filtered.jsonl, NAME.stats.json) once each, and writes NAME.report.html beside it (or --out). \
        The page loads nothing from the network. Its document browser holds a random sample of at most \
        --sample output documents, and says so.
        """
    )

    @Argument(help: "The output a run wrote (e.g. output/corpus.jsonl).")
    var output: String

    @Option(name: .long, parsing: .unconditional, help: "Where to write the page (default: NAME.report.html beside the output).")
    var out: String?

    // Unconditional: `--sample -1` reaches validate() and its message rather than "missing value".
    @Option(name: .long, parsing: .unconditional, help: "Output documents embedded for the browser at most (a random sample when there are more).")
    var sample = NumberArgument(ReportOptions().sampleSize)

    func validate() throws {
        if output == "-" { throw ValidationError("a report reads an output file; '-' (stdout) has none to read") }
        _ = try sampleSize()
    }

    /// `--sample` as a number of documents.
    func sampleSize() throws -> Int {
        try sample.count(in: 0...Int.max,
            below: { "--sample must be 0 or more, not \($0)" },
            above: { "--sample is a number of documents: at most \(Int.max), not \($0)" },
            notWhole: { "--sample is a number of documents: a whole number, 0 or more, not \($0)" })
    }

    /// The outputs in `folder` that keep state there (each `.NAME.textmill` folder's owner), in
    /// byte order.
    static func outputs(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return names.filter { $0.hasPrefix(".") && $0.hasSuffix(".textmill") }
            .compactMap { OutputFiles.owner(ofStateDirectory: prefix + $0).map { prefix + $0 } }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// The output in `path`'s folder that `path` is a side file or state file of, and which of
    /// its files it is ("the errors file"); nil when it is no such file.
    static func owningOutput(of path: String) -> (output: String, what: String)? {
        let folder = PathText.folder(of: path)
        for candidate in outputs(in: folder.isEmpty ? "." : folder) {
            let owner = folder.isEmpty && candidate.hasPrefix("./") ? String(candidate.dropFirst(2)) : candidate
            if let what = OutputFiles(output: owner).ownFile(at: path), what != "the output" { return (owner, what) }
        }
        return nil
    }

    func run() throws {
        var options = ReportOptions()
        options.sampleSize = try sampleSize()
        // A named pipe with no writer, or a device (/dev/zero), was read for ever.
        if let kind = OutputFiles.nonFileKind(at: output), kind != "a folder" {
            throw CommandFailure(message: "the output \(MessageText.quoted(output)) is \(kind), not a file a run wrote: a report reads an output file and the files beside it; name one, e.g. output/corpus.jsonl", status: 2)
        }
        // The output's folder (`report out`) was "cannot read 'out': it is a folder, not a file a
        // run wrote; move it away", and a side file (`report out/corpus.errors.jsonl`) made a
        // page of its errors as documents under exit 0, `out/corpus.errors.report.html`.
        if OutputFiles.nonFileKind(at: output) == "a folder" {
            let found = ReportCommand.outputs(in: output).map { MessageText.quoted($0) }
            throw CommandFailure(message: "\(MessageText.quoted(output)) is a folder: a report reads an output file a run wrote, and the files beside it; name "
                                 + (found.isEmpty ? "one, e.g. output/corpus.jsonl" : "the output: \(found.joined(separator: ", ")) (the outputs in that folder)"), status: 2)
        }
        if let owned = ReportCommand.owningOutput(of: output) {
            throw CommandFailure(message: "\(MessageText.quoted(output)) is \(owned.what) of the output \(MessageText.quoted(owned.output)): a report reads an output and the files beside it, that one among them; report the output: textmill report \(MessageText.escaped(owned.output))", status: 2)
        }
        let target = out ?? OutputFiles(output: output).report
        // `--out` naming the output itself (or its errors file, its manifest, …) replaced the
        // corpus with the page, and the report said "wrote" under exit 0.
        if let what = OutputFiles(output: output).ownFile(at: target) {
            throw CommandFailure(message: "the page's path \(MessageText.quoted(target)) is \(what) of \(MessageText.quoted(output)): a report replaces its page whole and would put the page in its place; name another file with --out, e.g. --out corpus.report.html", status: 2)
        }
        // Another output's file (`--out out/wire.jsonl` beside `out/.wire.textmill/`, or its
        // manifest) was replaced with the page under exit 0, as `run -o` no longer does.
        switch OutputFiles(output: output).anotherOutputsFile(at: target) {
        case nil:
            break
        case .besideItsStateFolder:
            throw CommandFailure(message: "the page's path \(MessageText.quoted(target)) is a file of another output in its folder (an output or a side file beside its state folder '.NAME.textmill' or its figures 'NAME.stats.json'): a report replaces its page whole and would put the page in its place; name another file with --out, e.g. --out corpus.report.html", status: 2)
        case .inStateFolder(let folder):
            throw CommandFailure(message: "the page's path \(MessageText.quoted(target)) lies in the state folder \(MessageText.quoted(folder)) of another output: a report replaces its page whole and would put the page in its place; name another file with --out, e.g. --out corpus.report.html", status: 2)
        }
        if let input = OutputFiles(output: output).inputFile(at: target) {
            throw CommandFailure(message: "the page's path \(MessageText.quoted(target)) is the input file \(MessageText.quoted(input)) of \(MessageText.quoted(output)): a report replaces its page whole and would put the page in its place; name another file with --out, e.g. --out corpus.report.html", status: 2)
        }
        // The page is written beside its path and renamed over it: a folder there failed with
        // "free space", and a device (--out /dev/null) was replaced by a file, as root.
        if let linked = OutputFiles.symbolicLinkTarget(at: target) {
            throw CommandFailure(message: "the page's path \(MessageText.quoted(target)) is a symbolic link to \(MessageText.quoted(linked)): a report replaces its page whole, renaming a new file into place, which would replace the link by a plain file and leave \(MessageText.quoted(linked)) as it was; give the target itself (--out \(MessageText.quoted(linked))), or remove the link", status: 2)
        }
        if let kind = OutputFiles.nonFileKind(at: target) {
            throw CommandFailure(message: "the page's path \(MessageText.quoted(target)) is \(kind), not a file: a report replaces its page whole and would put a file in its place; name a file with --out, e.g. --out corpus.report.html", status: 2)
        }
        // Any other file there (`--out pipeline.yaml`) was replaced by the page under exit 0.
        if !CorpusReport.mayReplace(target) {
            throw CommandFailure(message: "the page's path \(MessageText.quoted(target)) is a file that is not a report page (it does not begin as one textmill writes, or it cannot be read): a report replaces its page whole and that file would be lost; name a new file with --out, e.g. --out corpus.report.html, or remove that one first", status: 2)
        }
        let report: CorpusReport
        do {
            report = try CorpusReport.build(output: output, options: options)
        } catch {
            throw CommandFailure(message: "\(error)", status: 2)
        }
        if let refused = report.statsRefused { Terminal.error("warning: \(refused)") }
        for (path, note) in report.stoppedFiles { Terminal.error("warning: \(MessageText.quoted(path)): \(note)") }
        do {
            try report.write(to: target)
        } catch let e as WriteError {
            throw CommandFailure(message: "\(e) (the page was not written; \(e.fix), or choose another --out)", status: 3)
        }
        let o = report.sampledOutput
        Terminal.note("textmill: wrote \(MessageText.escaped(target)) (\(MessageText.counted(o.of, "document"))" + (o.sampled ? ", \(o.embedded) of them embedded as a sample" : "") + ")")
    }
}
