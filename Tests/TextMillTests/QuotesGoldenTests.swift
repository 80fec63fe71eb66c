import Foundation
import Testing
@testable import TextMill

/// The FULL list of quotations of every fixture document of the quotes tests, pinned: a new
/// false alarm, a lost quotation or a changed speaker, kind, span or entity fails.
///
/// Documents: the sample corpus's plain-text files (`input/*.txt`, run as
/// normalize → sentences → quotes) and the sections of `Fixtures/quotes/constructions.txt`
/// (sentences → quotes). Each has a golden file in `Fixtures/quotes/golden/`, one line per
/// quotation: `kind | quoted words | speaker (from the word written) | entity id: name | cue`.
/// After a change that should alter the output, rerun with `TEXTMILL_UPDATE_GOLDEN=1` to
/// rewrite the files, and review their diff before committing.
@Suite struct QuotesGoldenTests {
    /// The golden documents: sample files by name, constructions by section number.
    static let documents: [String] = {
        let input = Repo.path("input")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: input)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
        return files + (1...4).map { "construction-\($0)" }
    }()

    static let goldenFolder = Repo.path("Tests/TextMillTests/Fixtures/quotes/golden")

    /// The document's quotes, one line each.
    static func lines(for name: String) throws -> [String] {
        var doc: Document
        var context = StageContext()
        if name.hasPrefix("construction-") {
            let number = Int(name.dropFirst("construction-".count))!
            let text = try String(contentsOfFile: Repo.path("Tests/TextMillTests/Fixtures/quotes/constructions.txt"), encoding: .utf8)
            let section = text.components(separatedBy: "### ")[number]
            doc = Document(id: name, text: section.split(separator: "\n", maxSplits: 1).last.map(String.init) ?? "")
            doc.paragraphs = Paragraphs.spans(in: doc.text)
        } else {
            doc = Document(id: name, text: try String(contentsOfFile: Repo.path("input/" + name), encoding: .utf8))
            try NormalizeStage(options: .defaults(NormalizeStage.options)).process(&doc, &context)
        }
        try SentencesStage(options: .defaults(SentencesStage.options)).process(&doc, &context)
        try QuotesStage(options: .defaults(QuotesStage.options)).process(&doc, &context)
        return (doc.quotes ?? []).map { line($0, doc) }
    }

    /// `kind | words | speaker (from written) | entity | cue`, new lines shown as ⏎.
    static func line(_ q: Quote, _ doc: Document) -> String {
        func text(_ s: Span) -> String { doc.string(s).replacingOccurrences(of: "\n", with: "⏎") }
        var speaker = "-", entity = "-"
        if let s = q.speaker {
            speaker = text(s.span) + (s.resolvedFrom.map { " (from \(text($0)))" } ?? "")
            if let e = s.entity { entity = e.isDocument ? "document" : e.isUnresolved ? "unresolved" : "\(e.id!): \(e.name!)" }
        }
        return [q.kind.rawValue, text(q.span), speaker, entity, q.cue.map { text($0.span) } ?? "-"].joined(separator: " | ")
    }

    @Test(arguments: documents) func theWholeListOfQuotesIsPinned(_ name: String) throws {
        let actual = try Self.lines(for: name)
        let path = Self.goldenFolder + "/" + name.replacingOccurrences(of: ".txt", with: "") + ".quotes.txt"
        if ProcessInfo.processInfo.environment["TEXTMILL_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(atPath: Self.goldenFolder, withIntermediateDirectories: true)
            try (actual.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .dropLast().map(String.init)
        expectEqual(actual.count, golden.count, "\(name): \(actual.count) quotes, golden file has \(golden.count)")
        for (i, (a, g)) in zip(actual, golden).enumerated() where a != g {
            Issue.record("\(name) quote \(i + 1):\n  now:    \(a)\n  golden: \(g)")
        }
        for extra in actual.dropFirst(golden.count) { Issue.record("\(name): new quote \(extra)") }
        for lost in golden.dropFirst(actual.count) { Issue.record("\(name): lost quote \(lost)") }
    }
}
