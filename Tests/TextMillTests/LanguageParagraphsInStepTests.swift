import Foundation
import Testing
@testable import TextMill

/// `language` with `paragraphs: true` writes one code a paragraph; those codes must stand for
/// the paragraphs the record ends with. dedup's boilerplate removal cuts whole paragraphs, and
/// their codes go with them; a stage that makes the paragraphs anew (normalize, cleanup) may not
/// follow, and the config says to move `language` below it.
@Suite struct LanguageParagraphsInStepTests {
    let cli = CommandLineTests()

    /// The config checker's diagnostics for a stage list, as `ConfigOrderTests` reads them.
    func diagnostics(_ stages: String) -> [ConfigDiagnostic] { ConfigOrderTests().diagnostics(stages) }

    /// Before session 24 `normalize` after it split a sample page's 63 paragraphs into 87 and
    /// the 63 codes stayed beside them (`pipeline/web.yaml`'s order with `paragraphs: true`).
    @Test func normalizeAfterParagraphCodesIsRefusedAtTheOption() {
        let d = diagnostics("  - cleanup\n  - language: {top: true,\n      paragraphs: true}\n  - normalize\n")
        expectEqual(d.count, 1)
        expectEqual(d.first?.line, 6)
        expectEqual(d.first?.message, "'language' with paragraphs: true cannot come before 'normalize' (line 7): it writes one entry a paragraph, and 'normalize' makes the paragraphs anew, so the entries would no longer match them")
        expectEqual(d.first?.notes, ["move 'language' below 'normalize', or set paragraphs: false"])
        let beforeCleanup = diagnostics("  - language: {paragraphs: true}\n  - cleanup\n")
        expectEqual(beforeCleanup.map(\.message), ["'language' with paragraphs: true cannot come before 'cleanup' (line 5): it writes one entry a paragraph, and 'cleanup' makes the paragraphs anew, so the entries would no longer match them"])
    }

    /// The orders that keep the codes right stay allowed: without `paragraphs`, after
    /// normalize, and before stages that leave the paragraphs (sentences, quotes, filter, dedup).
    @Test func otherOrdersAreFine() {
        #expect(diagnostics("  - cleanup\n  - language\n  - normalize\n").isEmpty)
        #expect(diagnostics("  - cleanup\n  - language: {paragraphs: false}\n  - normalize\n").isEmpty)
        #expect(diagnostics("  - cleanup\n  - normalize\n  - language: {paragraphs: true}\n  - filter\n  - sentences\n  - quotes\n  - dedup\n").isEmpty)
    }

    /// Eight reports of one council meeting, each an English paragraph, the same newsletter
    /// line and a French paragraph. dedup (boilerplate after 2 documents) cuts the line from the
    /// third on; its code goes with it, so the French paragraph keeps "fr" (it was listed under
    /// "en" before, the codes ["en", "en", "fr"] beside two paragraphs).
    @Test func boilerplateRemovalTakesTheCodesOfTheParagraphsItCuts() throws {
        let dir = TemporaryDirectory()
        var lines: [String] = []
        for day in 1...8 {
            let text = """
                On day \(day) the harbour council met again and argued for hours about the budget for the new ferry terminal and the roads around it.

                Subscribe to our newsletter today.

                Le conseil municipal s'est réuni le jour \(day) pour discuter du budget de la ville et des nouvelles routes du port.
                """
            lines.append(JSONValue.object(JSONObject([("id", .string("day\(day)")), ("text", .string(text))])).jsonText)
        }
        dir.write("in/council.jsonl", lines.joined(separator: "\n") + "\n")
        let config = dir.write("p.yaml", """
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - language: {paragraphs: true, best_effort: true}
              - sentences
              - dedup: {boilerplate_min_docs: 2}
            """)
        let r = try cli.textmill(["run", config, "--quiet"])
        expectEqual(r.status, 0, "\(r.stderr)")
        let summary = try dir.records("out/corpus.jsonl").map { record -> String in
            let text = record["text"]?.stringValue ?? ""
            let codes = record["meta"]?.objectValue?["language"]?.objectValue?["paragraphs"]?.arrayValue ?? []
            let paragraphs = text.components(separatedBy: "\n\n").count
            return "\(record["id"]?.stringValue ?? "") \(paragraphs) \(codes.compactMap(\.stringValue).joined(separator: ","))"
        }
        expectEqual(summary, [
            "day1 3 en,en,fr", "day2 3 en,en,fr", "day3 2 en,fr", "day4 2 en,fr",
            "day5 2 en,fr", "day6 2 en,fr", "day7 2 en,fr", "day8 2 en,fr",
        ])
    }
}
