import ArgumentParser
import Foundation
import TextMill

/// Hints for the command-line slips users make most, added under the parser's own message.
enum CommandLineSlips {
    /// Options whose value may be a glob.
    static let globOptions: Set<String> = ["--input", "-i"]

    /// A hint for a parse error, or nil when none applies.
    static func hint(for error: Error, arguments: [String]) -> String? {
        let message = TextMillCommand.message(for: error)
        if message.localizedCaseInsensitiveContains("unexpected argument") { return expandedGlob(arguments) }
        return nil
    }

    /// "the shell expanded a glob …" when the command line holds two or more existing paths in
    /// a row (what an unquoted `input/*.txt` becomes), else nil.
    static func expandedGlob(_ arguments: [String], exists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }) -> String? {
        var best: ArraySlice<String> = []
        var start = 0
        while start < arguments.count {
            var end = start
            while end < arguments.count, !arguments[end].hasPrefix("-"), exists(arguments[end]) { end += 1 }
            var run = arguments[start..<end]
            // A config named before the files is the command's own argument, not part of the glob.
            if !(start > 0 && globOptions.contains(arguments[start - 1])), run.count > 2, isConfig(run.first!), !run.dropFirst().contains(where: isConfig) {
                run = run.dropFirst()
            }
            if run.count > best.count { best = run }
            start = max(end, start + 1)
        }
        guard best.count >= 2 else { return nil }
        let shown = best.count <= 3 ? best.map { "\(MessageText.quoted($0))" }.joined(separator: ", ")
            : "\(MessageText.quoted(best.first!)) … \(MessageText.quoted(best.last!))"
        if best.allSatisfy(isConfig) {
            let command = arguments.first.map { ["run", "validate"].contains($0) ? $0 : "validate" } ?? "validate"
            return "the shell expanded a glob into \(best.count) configs (\(shown)), and textmill takes one config at a time: run one after the other, e.g. for f in \(glob(for: Array(best))); do textmill \(command) \"$f\"; done"
        }
        return "the shell expanded a glob into \(best.count) paths (\(shown)): quote the glob so that textmill expands it, e.g. --input \(MessageText.quoted(glob(for: Array(best))))"
    }

    static func isConfig(_ path: String) -> Bool { path.hasSuffix(".yaml") || path.hasSuffix(".yml") }

    /// A glob that matches the paths: their common folder, `*`, and their common extension.
    static func glob(for paths: [String]) -> String {
        let folders = Set(paths.map { PathText.folder(of: $0) })
        let extensions = Set(paths.map { ($0 as NSString).pathExtension })
        let folder = folders.count == 1 ? folders.first! : ""
        let ext = extensions.count == 1 && !extensions.first!.isEmpty ? "." + extensions.first! : ""
        return (folder.isEmpty ? "" : folder + "/") + "*" + ext
    }
}
