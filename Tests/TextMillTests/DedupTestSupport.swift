import Foundation
import Testing
@testable import TextMill

/// News texts (sample corpus and fixtures written for the project) and realistic edits for the dedup tests.
enum DedupFixtures {
    static let names = ["rfe-kazakh-activists", "rfe-chinese-envoy-undiplomatic",
                        "harbor-warehouse-fire", "court-keeps-pension-file-sealed"]

    static func text(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Fixtures/dedup"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func paragraphs(_ text: String) -> [String] {
        text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    static func join(_ paragraphs: [String]) -> String { paragraphs.joined(separator: "\n\n") }

    /// Straight quotes and apostrophes for curly ones, "--" for dashes.
    static func restyled(_ text: String) -> String {
        text.replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
            .replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: " — ", with: " -- ")
    }

    /// Hard-wraps every paragraph at `width` columns.
    static func wrapped(_ text: String, width: Int = 68) -> String {
        join(paragraphs(text).map { p in
            var lines: [String] = [], line = ""
            for w in p.split(separator: " ") {
                if !line.isEmpty && line.count + 1 + w.count > width { lines.append(line); line = String(w) } else { line += line.isEmpty ? String(w) : " " + w }
            }
            lines.append(line)
            return lines.joined(separator: "\n")
        })
    }

    /// An independent Jaccard of word 5-shingles (lower case, words = letters and digits),
    /// with Swift strings and sets, to check the stage's hashed computation against.
    static func referenceJaccard(_ a: String, _ b: String, k: Int = 5) -> Double {
        func shingles(_ s: String) -> Set<String> {
            let words = s.lowercased().unicodeScalars.split { !($0.properties.isAlphabetic || $0.properties.numericType != nil) }
                .map { String(String.UnicodeScalarView($0)) }
            if words.count < k { return [words.joined(separator: " ")] }
            return Set((0...(words.count - k)).map { words[$0..<($0 + k)].joined(separator: " ") })
        }
        let x = shingles(a), y = shingles(b)
        return Double(x.intersection(y).count) / Double(x.union(y).count)
    }

    /// A fresh directory under the system's temporary directory.
    static func temporaryDirectory() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("textmill-dedup-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func stage(_ options: [String: JSONValue] = [:], index: String = "memory") throws -> DedupStage {
        var o = options
        o["index"] = .string(index)
        return try DedupStage(options: .defaults(DedupStage.options, o))
    }

    /// Runs documents (id, text) through a stage, in order, without `finish`.
    static func process(_ stage: DedupStage, _ docs: [(String, String)], context: inout StageContext) throws -> [Document] {
        try docs.map { id, text in
            var doc = Document(id: id, text: text)
            try stage.process(&doc, &context)
            return doc
        }
    }

    /// Runs documents through a stage and finishes it (saving its index).
    static func run(_ stage: DedupStage, _ docs: [(String, String)]) throws -> (docs: [Document], context: StageContext) {
        var context = StageContext()
        let out = try process(stage, docs, context: &context)
        try stage.finish(&context)
        return (out, context)
    }
}

extension Document {
    /// The duplicate mark dedup set (nil when unique or when dedup did not run).
    var mark: DuplicateInfo? { duplicate ?? nil }
}
