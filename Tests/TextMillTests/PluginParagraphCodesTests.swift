import Foundation
import Testing
@testable import TextMill

/// An exec plugin after `language` with `paragraphs: true` that answers with other paragraphs
/// leaves one code a paragraph standing for paragraphs that are gone. The config checker cannot
/// see what a plugin does, so the runner checks it (`StageTraits.mayRemakeParagraphs`): the
/// record fails with what to do, unless the plugin keeps the codes in step or drops them. Before,
/// three codes were written beside the one paragraph the plugin made.
@Suite struct PluginParagraphCodesTests {
    static let plugin = """
        import json, sys
        for line in sys.stdin:
            r = json.loads(line)
            language = r.get("meta", {}).get("language", {})
            if r["id"] != "keep":
                r["paragraphs"] = [{"start": 0, "end": len(r["text"])}]
            if r["id"] == "codes":
                language["paragraphs"] = language["paragraphs"][:1]
            if r["id"] == "drop":
                language.pop("paragraphs", None)
            sys.stdout.write(json.dumps(r) + "\\n")
            sys.stdout.flush()

        """

    @Test func aPluginThatRemakesTheParagraphsMustKeepTheCodesInStep() throws {
        let english = "The harbour council met again on Monday and argued for hours about the budget for the new ferry terminal and the roads around it."
        let french = "Le conseil municipal s'est réuni lundi pour discuter du budget de la ville et des nouvelles routes autour du port."
        let text = [english, french, english].joined(separator: "\n\n")
        let dir = TemporaryDirectory()
        let lines = ["merge", "codes", "drop", "keep"].map { JSONValue.object(JSONObject([("id", .string($0)), ("text", .string(text))])).jsonText }
        dir.write("in/council.jsonl", lines.joined(separator: "\n") + "\n")
        dir.write("paragraphs.py", Self.plugin)
        let config = dir.write("p.yaml", """
            input: \(dir.file("in"))
            output: \(dir.file("out/corpus.jsonl"))
            stages:
              - language: {paragraphs: true, best_effort: true}
              - exec: {command: [python3, \(dir.file("paragraphs.py"))], timeout: 30}
            """)
        let r = try CommandLineTests().textmill(["run", config, "--quiet", "--jobs", "1"])
        expectEqual(r.status, 1, "\(r.stderr)")
        let summary = try dir.records("out/corpus.jsonl").map { record -> String in
            let codes = record["meta"]?.objectValue?["language"]?.objectValue?["paragraphs"]?.arrayValue?.compactMap(\.stringValue)
            let paragraphs = record["paragraphs"]?.arrayValue?.count ?? 3
            return "\(record["id"]?.stringValue ?? "") \(paragraphs) \(codes?.joined(separator: ",") ?? "none")"
        }
        expectEqual(summary, ["codes 1 en", "drop 1 none", "keep 3 en,fr,en"])
        let errors = try dir.records("out/corpus.errors.jsonl")
        expectEqual(errors.map { $0["id"]?.stringValue }, ["merge"])
        expectEqual(errors.first?["stage"]?.stringValue, "exec")
        expectEqual(errors.first?["reason"]?.stringValue, "'exec' changed the paragraphs (3 before it, 1 after), but meta.language.paragraphs "
            + "(one entry a paragraph, as 'language' with paragraphs: true writes it) holds 3 entries: its entries would no longer stand for the "
            + "paragraphs; have the stage answer with meta.language.paragraphs in step with its paragraphs (or leave the paragraphs as they "
            + "were, or drop the list), or move the stage that writes it below 'exec'")
    }
}
