import Foundation
import TextMill

/// `textmill-bench filter SET.jsonl OUT.tsv [--seconds S] [--words WORDS.tsv]` and
/// `textmill-bench language SET.jsonl OUT.tsv [--seconds S]`
///
/// Reads a JSONL set (`{"id", "text"}` a line) and writes one line a document to `OUT.tsv`:
/// for `filter`, `id TAB reason` (`kept` or the first rule that fired) with the stage's default
/// options; for `language`, `id TAB code TAB score TAB reliable`. Then repeats the whole set for
/// at least `--seconds` on one thread and prints one JSON line: documents, bytes, docs/s and MB/s
/// (over the thread's CPU time; the machine is shared). `--words` also writes each document's
/// words as the filter counts them (`id TAB word US word…`).
enum FilterBench {
    static func load(_ path: String) throws -> [(id: String, text: [UInt8])] {
        guard let data = FileManager.default.contents(atPath: path) else { throw DocumentError("cannot read \(path)") }
        var docs: [(id: String, text: [UInt8])] = []
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            let value = try JSONParser.parse(Array(line))
            guard let obj = value.objectValue, let id = obj["id"]?.stringValue, let text = obj["text"]?.stringValue else { continue }
            docs.append((id, Array(text.utf8)))
        }
        return docs
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    static func arguments(_ args: [String], usage: String) throws -> (set: String, out: String, seconds: Double, words: String?) {
        var seconds = 2.0
        var words: String?
        var positional: [String] = []
        var i = 0
        while i < args.count {
            if args[i] == "--seconds", i + 1 < args.count { seconds = Double(args[i + 1]) ?? seconds; i += 2 }
            else if args[i] == "--words", i + 1 < args.count { words = args[i + 1]; i += 2 }
            else { positional.append(args[i]); i += 1 }
        }
        guard positional.count == 2 else { throw DocumentError(usage) }
        return (positional[0], positional[1], seconds, words)
    }

    /// Runs `stage` over every document once, returning one TSV field list a document.
    static func decide(_ stage: any Stage, _ docs: [(id: String, text: [UInt8])],
                       _ describe: (Document, Error?) -> String) -> [String] {
        var lines: [String] = []
        for (id, text) in docs {
            var doc = Document(id: id, source: SourceInfo(path: id, format: .text, sha256: ""), text: text, content: .plain)
            var context = StageContext()
            do {
                try stage.process(&doc, &context)
                lines.append(id + "\t" + describe(doc, nil))
            } catch {
                lines.append(id + "\t" + describe(doc, error))
            }
        }
        return lines
    }

    static func time(_ stage: any Stage, _ docs: [(id: String, text: [UInt8])], seconds: Double) -> (docs: Int, bytes: Int, cpu: Double, wall: Double) {
        let bytes = docs.reduce(0) { $0 + $1.text.count }
        let prepared = docs.map { Document(id: $0.id, source: SourceInfo(path: $0.id, format: .text, sha256: ""), text: $0.text, content: .plain) }
        let cpu0 = cpuSeconds(), wall0 = Date()
        var passes = 0
        repeat {
            for d in prepared {
                var doc = d
                var context = StageContext()
                _ = try? stage.process(&doc, &context)
            }
            passes += 1
        } while cpuSeconds() - cpu0 < seconds
        return (passes * docs.count, passes * bytes, cpuSeconds() - cpu0, Date().timeIntervalSince(wall0))
    }

    static func report(_ name: String, _ t: (docs: Int, bytes: Int, cpu: Double, wall: Double)) {
        let line = "{\"bench\": \"\(name)\", \"docs\": \(t.docs), \"bytes\": \(t.bytes), \"cpu_s\": \(String(format: "%.3f", t.cpu)), "
            + "\"docs_per_s\": \(String(format: "%.1f", Double(t.docs) / t.cpu)), \"mb_per_s\": \(String(format: "%.2f", Double(t.bytes) / t.cpu / 1e6)), "
            + "\"wall_mb_per_s\": \(String(format: "%.2f", Double(t.bytes) / t.wall / 1e6))}\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }

    static func run(_ args: [String]) throws {
        let (set, out, seconds, wordsPath) = try arguments(args, usage: "usage: textmill-bench filter SET.jsonl OUT.tsv [--seconds S] [--words WORDS.tsv]")
        let docs = try load(set)
        let stage = try FilterStage(options: .defaults(FilterStage.options))
        let lines = decide(stage, docs) { _, error in
            guard let error else { return "kept" }
            return (error as? DocumentFiltered).map { $0.reason + "\t" + ($0.detail ?? "") } ?? "error\t\(error)"
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: out, atomically: true, encoding: .utf8)
        if let wordsPath {
            let words = docs.map { $0.id + "\t" + FilterStage.words(in: $0.text).joined(separator: "\u{1F}") }
            try (words.joined(separator: "\n") + "\n").write(toFile: wordsPath, atomically: true, encoding: .utf8)
        }
        report("filter", time(stage, docs, seconds: seconds))
    }

    static func runLanguage(_ args: [String]) throws {
        let (set, out, seconds, _) = try arguments(args, usage: "usage: textmill-bench language SET.jsonl OUT.tsv [--seconds S]")
        let docs = try load(set)
        let stage = try LanguageStage(options: .defaults(LanguageStage.options, ["best_effort": true]))
        let lines = decide(stage, docs) { doc, error in
            if let error { return "error\t\(error)" }
            let l = doc.meta["language"]?.objectValue
            return [l?["code"]?.stringValue ?? "", String(l?["score"]?.doubleValue ?? 0),
                    String(l?["reliable"]?.boolValue ?? false)].joined(separator: "\t")
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: out, atomically: true, encoding: .utf8)
        report("language", time(stage, docs, seconds: seconds))
    }
}
